//! Table columns that give way on narrow terminals: the least important go first.

use ratatui::layout::Constraint;

#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub title: &'static str,
    /// Width it needs; flexible columns take what is left, at least this.
    pub width: u16,
    pub flexible: bool,
    /// 0 is kept longest.
    pub priority: u8,
    pub right: bool,
}

pub const fn col(title: &'static str, width: u16, priority: u8) -> Col {
    Col {
        title,
        width,
        flexible: false,
        priority,
        right: false,
    }
}

pub const fn flex(title: &'static str, width: u16, priority: u8) -> Col {
    Col {
        title,
        width,
        flexible: true,
        priority,
        right: false,
    }
}

pub const fn right(title: &'static str, width: u16, priority: u8) -> Col {
    Col {
        title,
        width,
        flexible: false,
        priority,
        right: true,
    }
}

/// The column widened to hold `widest` characters: a column of money is as wide as its widest
/// figure, so that no digit is ever cut (other columns give way instead, by priority).
pub fn holding(mut c: Col, widest: usize) -> Col {
    let title = c.title.chars().count();
    c.width = c
        .width
        .max(u16::try_from(widest.max(title)).unwrap_or(u16::MAX));
    c
}

/// How many characters the longest of `texts` has.
pub fn widest<S: AsRef<str>>(texts: impl IntoIterator<Item = S>) -> usize {
    texts
        .into_iter()
        .map(|t| t.as_ref().chars().count())
        .max()
        .unwrap_or(0)
}

/// Indices of the columns that fit in `width` (one space between columns), in order.
pub fn fit(cols: &[Col], width: u16) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..cols.len()).collect();
    let need = |kept: &[usize]| -> u16 {
        kept.iter().map(|&i| cols[i].width).sum::<u16>() + kept.len().saturating_sub(1) as u16
    };
    while need(&kept) > width && kept.len() > 1 {
        let (pos, _) = kept
            .iter()
            .enumerate()
            .max_by_key(|(pos, i)| (cols[**i].priority, *pos))
            .unwrap_or((0, &0));
        kept.remove(pos);
    }
    kept
}

/// Exact widths for the kept columns in `width`: each its own, and what is left shared by the
/// flexible ones (the first take the odd cells). Exact lengths, not a solver's choice: a
/// fixed column (a figure, a warning) is never narrowed to make room.
pub fn constraints(cols: &[Col], kept: &[usize], width: u16) -> Vec<Constraint> {
    let need: u16 =
        kept.iter().map(|&i| cols[i].width).sum::<u16>() + kept.len().saturating_sub(1) as u16;
    let spare = width.saturating_sub(need);
    let flexible = kept.iter().filter(|&&i| cols[i].flexible).count() as u16;
    let mut odd = if flexible > 0 { spare % flexible } else { 0 };
    kept.iter()
        .map(|&i| {
            let c = cols[i];
            let mut w = c.width;
            if c.flexible {
                w += spare / flexible;
                if odd > 0 {
                    w += 1;
                    odd -= 1;
                }
            }
            Constraint::Length(w)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_of_figures_holds_its_widest() {
        let amount = right("Amount", 10, 0);
        let widest_figure = widest(["1.00", "999,999,999,999.99", "-5.00"]);
        assert_eq!(widest_figure, 18);
        assert_eq!(holding(amount, widest_figure).width, 18);
        assert_eq!(holding(amount, 3).width, 10, "never narrower than it was");
        assert_eq!(holding(right("Difference", 4, 0), 3).width, 10, "its title");
        // Wider figures push other columns out, never themselves.
        let cols = [
            col("Name", 30, 1),
            holding(amount, widest_figure),
            col("Cur", 3, 0),
        ];
        assert_eq!(fit(&cols, 40), [1, 2]);
    }

    #[test]
    fn flexible_columns_share_what_is_left_and_fixed_ones_keep_their_width() {
        let cols = [
            flex("Item", 10, 1),
            col("Warning", 18, 0),
            flex("Account", 10, 2),
        ];
        let kept = fit(&cols, 45);
        assert_eq!(
            constraints(&cols, &kept, 45),
            [
                Constraint::Length(13),
                Constraint::Length(18),
                Constraint::Length(12)
            ]
        );
    }

    #[test]
    fn least_important_give_way() {
        let cols = [col("a", 10, 0), col("b", 10, 2), col("c", 10, 1)];
        assert_eq!(fit(&cols, 32), [0, 1, 2]);
        assert_eq!(fit(&cols, 25), [0, 2]);
        assert_eq!(fit(&cols, 5), [0]);
    }
}
