//! A power cut, simulated. [`install`] makes the process's default SQLite VFS one over the
//! system's that remembers, for each database, log and journal file, what every region held
//! before a write not yet synced; [`cut_and_die`] puts those regions back and shortens each file
//! to its size at its last sync (what the disk holds after a power loss when only synced writes
//! reached it: the worst the operating system may do), then ends the process without closing
//! anything, as a power loss would.
//!
//! Files written outside SQLite (the hand-off's, which finctl syncs itself) are left as they
//! are: they hold what was written, as after a cut that followed their sync.
//!
//! The shared-memory index (`-shm`) is not tracked: it is not kept across a restart (the next
//! process to open the database alone rebuilds it from the log).

use rusqlite::ffi;
use std::alloc::{Layout, alloc_zeroed, dealloc};
use std::collections::BTreeMap;
use std::ffi::{CStr, c_char, c_int, c_void};
use std::os::unix::fs::FileExt;
use std::ptr::null_mut;
use std::sync::Mutex;
use std::sync::atomic::{AtomicPtr, Ordering};

/// What a file held at its last sync: its size, and the old bytes of each region written since
/// (in the order written).
struct Unsynced {
    size: i64,
    undo: Vec<(i64, Vec<u8>)>,
}

/// By file path: the files written since their last sync.
static UNSYNCED: Mutex<BTreeMap<String, Unsynced>> = Mutex::new(BTreeMap::new());

/// The system's VFS, which does the work.
static SYSTEM: AtomicPtr<ffi::sqlite3_vfs> = AtomicPtr::new(null_mut());

/// An open file: SQLite's header (pointing at [`METHODS`]) and the system VFS's file.
#[repr(C)]
struct CutFile {
    base: ffi::sqlite3_file,
    real: *mut ffi::sqlite3_file,
    real_layout: Layout,
    /// The file's path when its writes are tracked (database, log, rollback journal).
    path: *mut String,
}

/// Makes the power-cut VFS the default of this process. Call it before any database is opened.
pub fn install() {
    unsafe {
        let system = ffi::sqlite3_vfs_find(std::ptr::null());
        assert!(!system.is_null(), "no default VFS");
        SYSTEM.store(system, Ordering::SeqCst);
        let mut vfs: ffi::sqlite3_vfs = *system;
        vfs.pNext = null_mut();
        vfs.zName = c"power-cut".as_ptr();
        vfs.szOsFile = std::mem::size_of::<CutFile>() as c_int;
        vfs.xOpen = Some(x_open);
        vfs.xDelete = Some(x_delete);
        let rc = ffi::sqlite3_vfs_register(Box::into_raw(Box::new(vfs)), 1);
        assert_eq!(rc, ffi::SQLITE_OK, "register the power-cut VFS");
    }
}

/// How many files have writes not yet synced.
pub fn files_unsynced() -> usize {
    UNSYNCED.lock().unwrap().len()
}

/// The power fails: every write not synced is undone on disk, and the process ends at once
/// (no connection is closed, nothing is checkpointed).
pub fn cut_and_die() -> ! {
    let unsynced = std::mem::take(&mut *UNSYNCED.lock().unwrap());
    for (path, file) in unsynced {
        let Ok(f) = std::fs::OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        for (offset, old) in file.undo.iter().rev() {
            f.write_all_at(old, *offset as u64).expect("undo a write");
        }
        f.set_len(file.size as u64)
            .expect("back to the synced size");
    }
    // `_exit`: no destructor, no atexit handler, no buffered output flushed by SQLite.
    unsafe { nix::libc::_exit(0) }
}

fn system() -> *mut ffi::sqlite3_vfs {
    SYSTEM.load(Ordering::SeqCst)
}

unsafe fn real(file: *mut ffi::sqlite3_file) -> *mut ffi::sqlite3_file {
    unsafe { (*(file as *mut CutFile)).real }
}

unsafe fn methods<'a>(real: *mut ffi::sqlite3_file) -> &'a ffi::sqlite3_io_methods {
    unsafe { &*(*real).pMethods }
}

unsafe fn tracked<'a>(file: *mut ffi::sqlite3_file) -> Option<&'a String> {
    unsafe { (*(file as *mut CutFile)).path.as_ref() }
}

unsafe fn size_of_file(real: *mut ffi::sqlite3_file) -> i64 {
    let mut size: ffi::sqlite3_int64 = 0;
    unsafe { (methods(real).xFileSize.unwrap())(real, &mut size) };
    size
}

/// Keeps what `[offset, offset + len)` holds now, before it is written over or cut away.
unsafe fn remember(real: *mut ffi::sqlite3_file, path: &str, offset: i64, len: usize) {
    let mut unsynced = UNSYNCED.lock().unwrap();
    let file = unsynced
        .entry(path.to_string())
        .or_insert_with(|| Unsynced {
            size: unsafe { size_of_file(real) },
            undo: Vec::new(),
        });
    let mut old = vec![0u8; len];
    // A read past the end fills with zeros (SQLITE_IOERR_SHORT_READ): the end is cut anyway.
    unsafe {
        (methods(real).xRead.unwrap())(real, old.as_mut_ptr() as *mut c_void, len as c_int, offset)
    };
    file.undo.push((offset, old));
}

unsafe extern "C" fn x_open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: ffi::sqlite3_filename,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    unsafe {
        let system = system();
        let layout = Layout::from_size_align(((*system).szOsFile as usize).max(8), 16).unwrap();
        let real = alloc_zeroed(layout) as *mut ffi::sqlite3_file;
        let rc = ((*system).xOpen.unwrap())(system, name, real, flags, out_flags);
        let cut = file as *mut CutFile;
        if rc != ffi::SQLITE_OK {
            if !(*real).pMethods.is_null() {
                (methods(real).xClose.unwrap())(real);
            }
            dealloc(real as *mut u8, layout);
            (*cut).base.pMethods = std::ptr::null();
            return rc;
        }
        let kept = ffi::SQLITE_OPEN_MAIN_DB | ffi::SQLITE_OPEN_WAL | ffi::SQLITE_OPEN_MAIN_JOURNAL;
        let path = if flags & kept != 0 && !name.is_null() {
            Box::into_raw(Box::new(
                CStr::from_ptr(name).to_string_lossy().into_owned(),
            ))
        } else {
            null_mut()
        };
        (*cut).real = real;
        (*cut).real_layout = layout;
        (*cut).path = path;
        (*cut).base.pMethods = &METHODS;
        rc
    }
}

unsafe extern "C" fn x_delete(
    vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    sync_dir: c_int,
) -> c_int {
    unsafe {
        if !name.is_null() {
            let path = CStr::from_ptr(name).to_string_lossy().into_owned();
            UNSYNCED.lock().unwrap().remove(&path);
        }
        let _ = vfs;
        let system = system();
        ((*system).xDelete.unwrap())(system, name, sync_dir)
    }
}

unsafe extern "C" fn x_close(file: *mut ffi::sqlite3_file) -> c_int {
    unsafe {
        let cut = file as *mut CutFile;
        let real = (*cut).real;
        let rc = (methods(real).xClose.unwrap())(real);
        dealloc(real as *mut u8, (*cut).real_layout);
        if !(*cut).path.is_null() {
            drop(Box::from_raw((*cut).path));
        }
        rc
    }
}

unsafe extern "C" fn x_read(
    file: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xRead.unwrap())(real, buf, amount, offset)
    }
}

unsafe extern "C" fn x_write(
    file: *mut ffi::sqlite3_file,
    buf: *const c_void,
    amount: c_int,
    offset: ffi::sqlite3_int64,
) -> c_int {
    unsafe {
        let real = real(file);
        if let Some(path) = tracked(file) {
            remember(real, path, offset, amount as usize);
        }
        (methods(real).xWrite.unwrap())(real, buf, amount, offset)
    }
}

unsafe extern "C" fn x_truncate(file: *mut ffi::sqlite3_file, size: ffi::sqlite3_int64) -> c_int {
    unsafe {
        let real = real(file);
        if let Some(path) = tracked(file) {
            let now = size_of_file(real);
            remember(real, path, size, (now - size).max(0) as usize);
        }
        (methods(real).xTruncate.unwrap())(real, size)
    }
}

unsafe extern "C" fn x_sync(file: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    unsafe {
        let real = real(file);
        let rc = (methods(real).xSync.unwrap())(real, flags);
        if rc == ffi::SQLITE_OK
            && let Some(path) = tracked(file)
        {
            UNSYNCED.lock().unwrap().remove(path);
        }
        rc
    }
}

unsafe extern "C" fn x_file_size(
    file: *mut ffi::sqlite3_file,
    size: *mut ffi::sqlite3_int64,
) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xFileSize.unwrap())(real, size)
    }
}

unsafe extern "C" fn x_lock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xLock.unwrap())(real, level)
    }
}

unsafe extern "C" fn x_unlock(file: *mut ffi::sqlite3_file, level: c_int) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xUnlock.unwrap())(real, level)
    }
}

unsafe extern "C" fn x_check_reserved_lock(file: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xCheckReservedLock.unwrap())(real, out)
    }
}

unsafe extern "C" fn x_file_control(
    file: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xFileControl.unwrap())(real, op, arg)
    }
}

unsafe extern "C" fn x_sector_size(file: *mut ffi::sqlite3_file) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xSectorSize.unwrap())(real)
    }
}

unsafe extern "C" fn x_device_characteristics(file: *mut ffi::sqlite3_file) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xDeviceCharacteristics.unwrap())(real)
    }
}

unsafe extern "C" fn x_shm_map(
    file: *mut ffi::sqlite3_file,
    page: c_int,
    page_size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xShmMap.unwrap())(real, page, page_size, extend, out)
    }
}

unsafe extern "C" fn x_shm_lock(
    file: *mut ffi::sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xShmLock.unwrap())(real, offset, n, flags)
    }
}

unsafe extern "C" fn x_shm_barrier(file: *mut ffi::sqlite3_file) {
    unsafe {
        let real = real(file);
        (methods(real).xShmBarrier.unwrap())(real)
    }
}

unsafe extern "C" fn x_shm_unmap(file: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    unsafe {
        let real = real(file);
        (methods(real).xShmUnmap.unwrap())(real, delete)
    }
}

/// Memory-mapped reads are left off: every page is read through [`x_read`].
unsafe extern "C" fn x_fetch(
    _file: *mut ffi::sqlite3_file,
    _offset: ffi::sqlite3_int64,
    _amount: c_int,
    out: *mut *mut c_void,
) -> c_int {
    unsafe { *out = null_mut() };
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_unfetch(
    _file: *mut ffi::sqlite3_file,
    _offset: ffi::sqlite3_int64,
    _page: *mut c_void,
) -> c_int {
    ffi::SQLITE_OK
}

static METHODS: ffi::sqlite3_io_methods = ffi::sqlite3_io_methods {
    iVersion: 3,
    xClose: Some(x_close),
    xRead: Some(x_read),
    xWrite: Some(x_write),
    xTruncate: Some(x_truncate),
    xSync: Some(x_sync),
    xFileSize: Some(x_file_size),
    xLock: Some(x_lock),
    xUnlock: Some(x_unlock),
    xCheckReservedLock: Some(x_check_reserved_lock),
    xFileControl: Some(x_file_control),
    xSectorSize: Some(x_sector_size),
    xDeviceCharacteristics: Some(x_device_characteristics),
    xShmMap: Some(x_shm_map),
    xShmLock: Some(x_shm_lock),
    xShmBarrier: Some(x_shm_barrier),
    xShmUnmap: Some(x_shm_unmap),
    xFetch: Some(x_fetch),
    xUnfetch: Some(x_unfetch),
};
