//! A larger page cache while confirming.
//!
//! Why: moving a hundred thousand items rewrites pages of the items table and of two of its
//! indexes all over the file. With the console's 8 MiB cache, index pages the moves come back
//! to are written out to the log and read back before the transaction ends. 32 MiB took
//! confirming 833 drafts (100,000 items) from about 2.0 to 1.84 s
//! (`docs/performance-issue-14.md`); 48 MiB little more. Confirming holds little else, so the
//! cache fits in its memory; drafting, which holds a few hundred bytes of every item it
//! drafts, keeps the console's cache (a larger one saved it 5 %, and took drafting 208,104
//! items through the console to 144 MiB). The cache only fills with the pages a write touches,
//! so a small write costs nothing more; it is set back afterwards, which frees the pages above
//! it. (Not after a panic: the console then ends.)

use super::Store;
use super::error::Result;

/// The page cache of a bulk write, in KiB.
pub(super) const BULK_CACHE_KIB: i64 = 32 * 1024;

/// The page cache `cache_size` gives, in KiB (negative: KiB; positive: pages).
fn kib(cache_size: i64, page_size: i64) -> i64 {
    if cache_size < 0 {
        -cache_size
    } else {
        cache_size * page_size / 1024
    }
}

impl Store {
    /// Runs `work` with a page cache of at least [`BULK_CACHE_KIB`], then sets the cache back
    /// to what it was (a larger one, such as the import's, is left as it is).
    pub(super) fn with_bulk_cache<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        let before: i64 = self
            .conn()
            .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let page_size: i64 = self
            .conn()
            .query_row("PRAGMA page_size", [], |r| r.get(0))?;
        if kib(before, page_size) >= BULK_CACHE_KIB {
            return work(self);
        }
        self.conn()
            .execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB};"))?;
        let done = work(self);
        // Set back whatever the work's outcome; its error comes first.
        let back = self
            .conn()
            .execute_batch(&format!("PRAGMA cache_size = {before};"));
        let done = done?;
        back?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::kib;

    #[test]
    fn a_cache_size_is_read_in_kib_whichever_way_it_was_set() {
        assert_eq!(kib(-8192, 4096), 8192);
        assert_eq!(kib(2000, 4096), 8000);
        assert_eq!(kib(0, 4096), 0);
    }
}
