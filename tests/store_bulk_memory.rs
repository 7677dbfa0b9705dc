//! What drafting many items holds in memory at once (issue "Instant at a million": memory stays
//! under 150 MB throughout). Drafting reads every selected item before it writes, so what it
//! keeps of each item sets its peak: 212,650 items drafted at once must fit beside the console.
//! A counting allocator (this test file's own: each test file is a program of its own) follows
//! the heap while the store drafts; the figure is per item, the fixed costs (page cache,
//! statements) spread over the many items.
//!
//! One test in this file: the counter is global to the program, and another test running
//! beside it would count its own allocations.

mod support;

use finctl::domain::revenue_status::RevenueStatus;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use support::date;
use support::store::*;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator as it came; the counters only add up
// the sizes it was given and gave back.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as the caller's contract for `GlobalAlloc::alloc`.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as the caller's contract for `GlobalAlloc::dealloc`.
        unsafe { System.dealloc(ptr, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as the caller's contract for `GlobalAlloc::realloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = NOW.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const ITEMS: usize = 20_000;

/// At most this many bytes of heap per item drafted, at the peak: 212,650 items at this figure
/// take 61 MiB, beside the console's 40. (Measured: 264 bytes. Before, 1,508: every selected
/// item was held whole, its internal note, type and who changed it last included, and again
/// in its draft's lines and its move, until the last draft was written.)
const BYTES_PER_ITEM: usize = 300;

#[test]
fn drafting_many_items_holds_a_few_hundred_bytes_of_each() {
    let mut c = Company::new();
    // Names and notes as long as real ones: the note is never on an invoice.
    let items: Vec<_> = (0..ITEMS)
        .map(|k| {
            let mut item = fixed_item(
                if k % 3 == 0 { c.u1 } else { c.p1 },
                &format!("Consulting, week {k} of the migration project"),
                "1250.00",
                "24",
                RevenueStatus::Billable,
            );
            item.invoice_description = String::new();
            item.internal_description = format!(
                "Agreed with the customer's project lead in the steering meeting; item {k} \
                 covers the second phase and is billed on acceptance of the deliverable."
            );
            item
        })
        .collect();
    let ids = c.store.create_revenue_items(&items).unwrap();
    // As the console asks: each item with the version the user saw (every one is new).
    let version = c.store.revenue_item(ids[0]).unwrap().version;
    let seen: Vec<(i64, Option<i64>)> = ids.iter().map(|&id| (id, Some(version))).collect();
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let made = c.store.make_drafts_seen(&seen, date(2026, 3, 31)).unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    assert_eq!(made.skipped, vec![], "every item drafted");
    assert_eq!(made.invoices.len(), 2, "one draft per account");
    let per_item = peak / ITEMS;
    assert!(
        per_item <= BYTES_PER_ITEM,
        "drafting {ITEMS} items held {peak} bytes at its peak, {per_item} an item \
         (at most {BYTES_PER_ITEM})"
    );
    // The lines carry the item's name (its invoice text is empty), not the note.
    let draft = c.store.invoice(made.invoices[0]).unwrap();
    assert!(
        draft.lines[0].description.starts_with("Consulting, week "),
        "{}",
        draft.lines[0].description
    );
}
