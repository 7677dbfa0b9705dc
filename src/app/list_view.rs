//! A window of rows over a list too large to load: the rows around the cursor, fetched by key
//! in chunks, with the absolute position known as soon as the list's size is.

use super::keymap::Cmd;
use crate::store::Result;
use crate::store::list_query::Bound;

/// Rows fetched at a time.
const CHUNK: usize = 100;
/// Rows kept at most; the far side is dropped past this.
const MAX_WINDOW: usize = 600;

/// A row that knows its key in list order.
pub trait Keyed {
    type Key: Clone;
    fn key(&self) -> Self::Key;
}

/// Loads at most `limit` rows from a bound, in list order.
pub type Loader<'a, R> = dyn FnMut(&Bound<<R as Keyed>::Key>, usize) -> Result<Vec<R>> + 'a;

#[derive(Debug, Clone)]
pub struct ListView<R> {
    rows: Vec<R>,
    /// Absolute index of `rows[0]`, when known.
    first_abs: Option<usize>,
    /// How many rows follow the window, when known.
    end_gap: Option<usize>,
    at_start: bool,
    at_end: bool,
    cursor: usize,
    scroll: usize,
    height: usize,
    total: Option<usize>,
}

impl<R> Default for ListView<R> {
    fn default() -> Self {
        ListView {
            rows: Vec::new(),
            first_abs: Some(0),
            end_gap: Some(0),
            at_start: true,
            at_end: true,
            cursor: 0,
            scroll: 0,
            height: 10,
            total: None,
        }
    }
}

impl<R: Keyed + Clone> ListView<R> {
    /// How many rows a fresh window starts with.
    pub fn first_chunk(&self) -> usize {
        CHUNK.max(self.height * 2)
    }

    /// Loads the first rows.
    pub fn top(&mut self, load: &mut Loader<'_, R>) -> Result<()> {
        let limit = self.first_chunk();
        let rows = load(&Bound::Start, limit)?;
        self.show_top(rows, limit);
        Ok(())
    }

    /// Shows the first rows of the list, fetched elsewhere (`limit` were asked for).
    pub fn show_top(&mut self, rows: Vec<R>, limit: usize) {
        let full = rows.len() >= limit;
        self.rows = rows;
        self.first_abs = Some(0);
        self.at_start = true;
        self.at_end = !full;
        self.end_gap = if full {
            self.total.map(|t| t.saturating_sub(self.rows.len()))
        } else {
            Some(0)
        };
        self.cursor = 0;
        self.scroll = 0;
    }

    /// Loads the last rows and puts the cursor on the last one.
    pub fn bottom(&mut self, load: &mut Loader<'_, R>) -> Result<()> {
        let rows = load(&Bound::End, CHUNK.max(self.height * 2))?;
        let full = rows.len() >= CHUNK.max(self.height * 2);
        self.rows = rows;
        self.at_end = true;
        self.end_gap = Some(0);
        self.at_start = !full;
        self.first_abs = if full {
            self.total.map(|t| t.saturating_sub(self.rows.len()))
        } else {
            Some(0)
        };
        self.cursor = self.rows.len().saturating_sub(1);
        self.fix_scroll();
        Ok(())
    }

    /// Moves the cursor by `delta` rows, fetching what the window lacks.
    pub fn move_by(&mut self, delta: isize, load: &mut Loader<'_, R>) -> Result<()> {
        let mut target = self.cursor as isize + delta;
        while target >= self.rows.len() as isize && !self.at_end {
            let Some(last) = self.rows.last().map(Keyed::key) else {
                break;
            };
            let want = CHUNK.max((target as usize + 1).saturating_sub(self.rows.len()));
            let more = load(&Bound::After(last), want)?;
            if more.len() < want {
                self.at_end = true;
                self.end_gap = Some(0);
            } else {
                self.end_gap = self.end_gap.map(|g| g.saturating_sub(more.len()));
            }
            self.rows.extend(more);
        }
        while target < 0 && !self.at_start {
            let Some(first) = self.rows.first().map(Keyed::key) else {
                break;
            };
            let want = CHUNK.max(target.unsigned_abs());
            let more = load(&Bound::Before(first), want)?;
            let n = more.len();
            if n < want {
                self.at_start = true;
                self.first_abs = Some(0);
            } else {
                self.first_abs = self.first_abs.map(|f| f.saturating_sub(n));
            }
            self.rows.splice(0..0, more);
            target += n as isize;
            self.cursor += n;
            self.scroll += n;
        }
        self.cursor = target.clamp(0, self.rows.len().saturating_sub(1) as isize) as usize;
        self.trim();
        self.fix_scroll();
        Ok(())
    }

    /// Reloads the rows from the first visible one on (after a change or a new total), keeping
    /// the cursor where it was on screen.
    pub fn reload(&mut self, load: &mut Loader<'_, R>) -> Result<()> {
        let Some(anchor) = self.rows.get(self.scroll).map(Keyed::key) else {
            return self.top(load);
        };
        if self.at_start && self.scroll == 0 {
            // At the top the top stays: rows that now sort first (a new draft) must show.
            let cursor = self.cursor;
            self.top(load)?;
            self.cursor = cursor.min(self.rows.len().saturating_sub(1));
            self.fix_scroll();
            return Ok(());
        }
        let want = (self.rows.len() - self.scroll).max(self.height + CHUNK);
        let rows = load(&Bound::From(anchor), want)?;
        if rows.is_empty() {
            return self.bottom(load);
        }
        self.at_end = rows.len() < want;
        self.end_gap = if self.at_end { Some(0) } else { None };
        self.first_abs = self.first_abs.map(|f| f + self.scroll);
        // Rows may have appeared before the anchor: let a move up look.
        self.at_start = false;
        let on_screen = self.cursor.saturating_sub(self.scroll);
        self.rows = rows;
        self.scroll = 0;
        self.cursor = on_screen.min(self.rows.len() - 1);
        if let Some(t) = self.total {
            self.set_total(t);
        }
        self.fix_scroll();
        Ok(())
    }

    /// Reloads the window around the row at `key` (where a change sorted it) and puts the cursor
    /// on it, on the same line of the screen where the rows above allow. `is_it` tells the row
    /// from the one that now holds its place; `false` when the row is not in the list any more
    /// (the window is then left as it was, for `reload`).
    pub fn follow(
        &mut self,
        key: &R::Key,
        is_it: impl Fn(&R) -> bool,
        load: &mut Loader<'_, R>,
    ) -> Result<bool> {
        let after_wanted = self.height + CHUNK;
        let after = load(&Bound::From(key.clone()), after_wanted)?;
        if !after.first().is_some_and(&is_it) {
            return Ok(false);
        }
        let before_wanted = CHUNK.max(self.height);
        let before = load(&Bound::Before(key.clone()), before_wanted)?;
        let on_screen = self.cursor.saturating_sub(self.scroll);
        // A window that showed the list's top keeps showing it: rows that now sort first (a
        // new draft) must show, as long as the row followed stays on screen.
        let showed_top = self.at_start && self.scroll == 0;
        self.at_start = before.len() < before_wanted;
        self.at_end = after.len() < after_wanted;
        self.first_abs = self.at_start.then_some(0);
        self.end_gap = self.at_end.then_some(0);
        self.cursor = before.len();
        self.scroll = if showed_top && self.at_start && self.cursor < self.height {
            0
        } else {
            self.cursor - on_screen.min(self.cursor)
        };
        self.rows = before;
        self.rows.extend(after);
        // The old total may count the row's old place; the new one fills the positions in.
        self.fix_scroll();
        Ok(true)
    }

    /// The list's size became known: absolute positions follow from it.
    pub fn set_total(&mut self, total: usize) {
        self.total = Some(total);
        let len = self.rows.len();
        match (self.first_abs, self.end_gap) {
            (None, Some(g)) => self.first_abs = Some(total.saturating_sub(g + len)),
            (Some(f), None) => self.end_gap = Some(total.saturating_sub(f + len)),
            _ => {}
        }
    }

    pub fn clear_total(&mut self) {
        self.total = None;
    }

    pub fn set_height(&mut self, height: usize) {
        self.height = height.max(1);
        self.fix_scroll();
    }

    pub fn height(&self) -> usize {
        self.height
    }

    fn trim(&mut self) {
        if self.rows.len() <= MAX_WINDOW {
            return;
        }
        let excess = self.rows.len() - MAX_WINDOW;
        if self.cursor > self.rows.len() / 2 {
            let cut = excess.min(self.scroll);
            self.rows.drain(..cut);
            self.cursor -= cut;
            self.scroll -= cut;
            self.first_abs = self.first_abs.map(|f| f + cut);
            self.at_start = false;
        } else {
            let keep = self.rows.len() - excess;
            let keep = keep.max(self.scroll + self.height + 1).min(self.rows.len());
            let cut = self.rows.len() - keep;
            self.rows.truncate(keep);
            self.end_gap = self.end_gap.map(|g| g + cut);
            self.at_end = self.at_end && cut == 0;
        }
    }

    fn fix_scroll(&mut self) {
        if self.cursor < self.scroll {
            self.scroll = self.cursor;
        } else if self.cursor >= self.scroll + self.height {
            self.scroll = self.cursor + 1 - self.height;
        }
    }

    pub fn current(&self) -> Option<&R> {
        self.rows.get(self.cursor)
    }

    /// The rows on screen and the cursor's index among them.
    pub fn visible(&self) -> (&[R], usize) {
        let end = (self.scroll + self.height).min(self.rows.len());
        (
            &self.rows[self.scroll.min(end)..end],
            self.cursor - self.scroll.min(self.cursor),
        )
    }

    /// Absolute index of the cursor, when known.
    pub fn position(&self) -> Option<usize> {
        self.first_abs.map(|f| f + self.cursor)
    }

    pub fn total(&self) -> Option<usize> {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// The same motions on every list.
pub fn move_view<R: Keyed + Clone>(
    view: &mut ListView<R>,
    cmd: Cmd,
    load: &mut Loader<'_, R>,
) -> Result<()> {
    let page = view.height() as isize;
    match cmd {
        Cmd::Down => view.move_by(1, load),
        Cmd::Up => view.move_by(-1, load),
        Cmd::PageDown => view.move_by(page, load),
        Cmd::PageUp => view.move_by(-page, load),
        Cmd::Top => view.top(load),
        Cmd::Bottom => view.bottom(load),
        _ => Ok(()),
    }
}

/// A cursor over a short list held whole (periods, report rows, a breakdown, invoice lines).
pub fn move_index(cursor: usize, len: usize, page: usize, cmd: Cmd) -> usize {
    let last = len.saturating_sub(1);
    match cmd {
        Cmd::Down => (cursor + 1).min(last),
        Cmd::Up => cursor.saturating_sub(1),
        Cmd::PageDown => cursor.saturating_add(page.max(1)).min(last),
        Cmd::PageUp => cursor.saturating_sub(page.max(1)),
        Cmd::Top => 0,
        Cmd::Bottom => last,
        _ => cursor.min(last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct N(i64);
    impl Keyed for N {
        type Key = i64;
        fn key(&self) -> i64 {
            self.0
        }
    }

    /// A list of 0..n served like SQL would serve it.
    fn source(n: i64) -> impl FnMut(&Bound<i64>, usize) -> Result<Vec<N>> {
        move |bound, limit| {
            let all: Vec<i64> = (0..n).collect();
            let rows: Vec<i64> = match bound {
                Bound::Start => all.iter().copied().take(limit).collect(),
                Bound::From(k) => all.iter().copied().filter(|v| v >= k).take(limit).collect(),
                Bound::After(k) => all.iter().copied().filter(|v| v > k).take(limit).collect(),
                Bound::Before(k) => {
                    let mut v: Vec<i64> = all
                        .iter()
                        .copied()
                        .filter(|v| v < k)
                        .rev()
                        .take(limit)
                        .collect();
                    v.reverse();
                    v
                }
                Bound::End => {
                    let mut v: Vec<i64> = all.iter().copied().rev().take(limit).collect();
                    v.reverse();
                    v
                }
            };
            Ok(rows.into_iter().map(N).collect())
        }
    }

    #[test]
    fn walks_a_long_list_both_ways() {
        let mut load = source(10_000);
        let mut view = ListView::default();
        view.set_height(20);
        view.top(&mut load).unwrap();
        for _ in 0..2_500 {
            view.move_by(1, &mut load).unwrap();
        }
        assert_eq!(view.current(), Some(&N(2_500)));
        assert_eq!(view.position(), Some(2_500));
        assert!(view.rows.len() <= MAX_WINDOW);
        view.move_by(-20, &mut load).unwrap();
        assert_eq!(view.current(), Some(&N(2_480)));
        for _ in 0..2_480 {
            view.move_by(-1, &mut load).unwrap();
        }
        assert_eq!(view.current(), Some(&N(0)));
        view.move_by(-5, &mut load).unwrap();
        assert_eq!(view.current(), Some(&N(0)));
    }

    #[test]
    fn end_position_follows_from_the_total() {
        let mut load = source(1_000);
        let mut view = ListView::default();
        view.set_height(10);
        view.bottom(&mut load).unwrap();
        assert_eq!(view.current(), Some(&N(999)));
        assert_eq!(view.position(), None);
        view.set_total(1_000);
        assert_eq!(view.position(), Some(999));
        view.move_by(-150, &mut load).unwrap();
        assert_eq!(view.current(), Some(&N(849)));
        assert_eq!(view.position(), Some(849));
        let (visible, cursor) = view.visible();
        assert_eq!(visible.len(), 10);
        assert_eq!(visible[cursor], N(849));
        view.move_by(10_000, &mut load).unwrap();
        assert_eq!(view.current(), Some(&N(999)));
    }

    #[test]
    fn reload_keeps_the_screen_and_survives_removed_rows() {
        let mut load = source(50);
        let mut view = ListView::default();
        view.set_height(10);
        view.top(&mut load).unwrap();
        view.move_by(15, &mut load).unwrap();
        view.reload(&mut load).unwrap();
        assert_eq!(view.current(), Some(&N(15)));
        let mut shorter = source(8);
        view.reload(&mut shorter).unwrap();
        assert_eq!(view.current(), Some(&N(7)));
        // At the top, rows that now sort first appear.
        let mut top = ListView::default();
        top.set_height(10);
        top.top(&mut source(20)).unwrap();
        let mut with_new_first = move |b: &Bound<i64>, n: usize| {
            source(21)(b, n).map(|rows| rows.into_iter().map(|r| N(r.0 - 1)).collect())
        };
        top.reload(&mut with_new_first).unwrap();
        assert_eq!(top.current(), Some(&N(-1)));
        let mut empty = source(0);
        view.reload(&mut empty).unwrap();
        assert!(view.is_empty());
        assert_eq!(view.current(), None);
    }

    #[test]
    fn follow_puts_the_cursor_on_its_row_where_it_sorts_now() {
        let mut load = source(5_000);
        let mut view = ListView::default();
        view.set_height(10);
        view.top(&mut load).unwrap();
        view.move_by(14, &mut load).unwrap();
        let line = view.visible().1;
        assert!(view.follow(&3_000, |r| r.0 == 3_000, &mut load).unwrap());
        assert_eq!(view.current(), Some(&N(3_000)));
        assert_eq!(view.visible().1, line, "the same line of the screen");
        view.move_by(-200, &mut load).unwrap();
        assert_eq!(view.current(), Some(&N(2_800)));
        view.set_total(5_000);
        assert_eq!(
            view.position(),
            None,
            "unknown until the list's ends are seen"
        );
        // Near the top the rows above decide the line.
        assert!(view.follow(&2, |r| r.0 == 2, &mut load).unwrap());
        assert_eq!(view.current(), Some(&N(2)));
        assert_eq!(view.position(), Some(2));
        // A row that is not in the list: the window stays for a reload.
        let mut gaps = move |b: &Bound<i64>, n: usize| {
            source(5_000)(b, n).map(|rows| rows.into_iter().filter(|r| r.0 != 40).collect())
        };
        assert!(!view.follow(&40, |r| r.0 == 40, &mut gaps).unwrap());
        assert_eq!(view.current(), Some(&N(2)));
    }
}
