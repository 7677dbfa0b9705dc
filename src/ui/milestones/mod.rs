//! The milestones and plans screen: milestones by due date (reached, linked items, warnings)
//! above; the billing plan of the project under the cursor below, each part with its item.

use super::layout::ScreenArea;
use super::screens::DrawScreen;
use super::widgets::columns::{Col, col, flex, holding, right, widest};
use super::widgets::list_table::{self, ListTable};
use super::widgets::split_pane::split;
use super::widgets::terminal_text::{clean, fit as fit_text};
use super::widgets::theme::Theme;
use crate::app::milestones::{Milestones, PlanRow};
use crate::domain::billing_plan::Share;
use crate::domain::revenue_status::RevenueStatus;
use crate::domain::warnings::Warning;
use crate::domain::{Money, NumberFormat};
use crate::presentation::{amount, money, money_with_code};
use crate::store::milestone_list::MilestoneRow;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph};
use rust_decimal::Decimal;

const MILESTONE_COLS: [Col; 11] = [
    col("Due", 10, 0),
    col("Project", 7, 0),
    col("Ms", 3, 1),
    flex("Name", 12, 2),
    col("Reached", 10, 0),
    col("By", 8, 7),
    right("Items", 5, 3),
    right("Open", 4, 6),
    right("Amount", 13, 1),
    right("Est %", 7, 5),
    col("Warning", 8, 0),
];

const PART_COLS: [Col; 8] = [
    right("#", 2, 0),
    flex("Part", 12, 0),
    right("Share", 11, 1),
    col("Date", 10, 0),
    col("Dated", 9, 2),
    right("Amount", 13, 0),
    right("Item", 7, 4),
    col("Status", 13, 1),
];

/// Where the milestone's amount is: as wide as its widest figure (with its currency).
const MILESTONE_AMOUNT: usize = 8;
/// Where a plan part's share and amount are.
const PART_FIGURES: [usize; 2] = [2, 5];

fn milestone_amount(row: &MilestoneRow, n: NumberFormat) -> String {
    format!("{} {}", money(n, row.amount), row.amount.currency)
}

fn share(p: &PlanRow, n: NumberFormat) -> String {
    match p.part.part.share {
        Share::Percent(x) => format!("{} %", n.plain(x.normalize())),
        Share::Amount(a) => amount(n, a),
    }
}

fn milestone_cols(rows: &[MilestoneRow], n: NumberFormat) -> [Col; 11] {
    let mut cols = MILESTONE_COLS;
    cols[MILESTONE_AMOUNT] = holding(
        cols[MILESTONE_AMOUNT],
        widest(rows.iter().map(|r| milestone_amount(r, n))),
    );
    cols
}

fn part_cols(plan: &[PlanRow], n: NumberFormat) -> [Col; 8] {
    let mut cols = PART_COLS;
    cols[PART_FIGURES[0]] = holding(
        cols[PART_FIGURES[0]],
        widest(plan.iter().map(|p| share(p, n))),
    );
    cols[PART_FIGURES[1]] = holding(
        cols[PART_FIGURES[1]],
        widest(plan.iter().map(|p| amount(n, p.item.planned_amount))),
    );
    cols
}

fn r(text: String) -> Cell<'static> {
    Cell::from(Line::from(text).right_aligned())
}

fn milestone_cells(
    row: &MilestoneRow,
    today: NaiveDate,
    n: NumberFormat,
    theme: &Theme,
) -> Vec<Cell<'static>> {
    let warning = row.warning(today);
    let (reached, by) = match &row.reached {
        Some((day, who)) => (day.to_string(), fit_text(who, 16)),
        None => ("no".to_string(), String::new()),
    };
    vec![
        Cell::from(row.due_date.to_string()),
        Cell::from(fit_text(&row.project_code, 12)),
        Cell::from(fit_text(&row.code, 8)),
        Cell::from(fit_text(&row.name, 60)),
        Cell::from(reached),
        Cell::from(by),
        r(row.items.to_string()),
        r(row.open_items.to_string()),
        r(milestone_amount(row, n)),
        r(n.plain(row.estimated_progress.normalize())),
        // Every row here is a milestone: "due" and "missed" say it all.
        Cell::from(Span::styled(
            match warning {
                Some(Warning::MilestoneMissed) => "missed",
                Some(_) => "due",
                None => "",
            },
            theme.warning(),
        )),
    ]
}

fn part_cells(i: usize, p: &PlanRow, n: NumberFormat, theme: &Theme) -> Vec<Cell<'static>> {
    let share = share(p, n);
    let part = &p.part.part;
    let dated = match (&part.milestone, part.offset_days, part.date_set_by_hand) {
        (Some(m), _, false) => format!("@{m}"),
        (Some(m), _, true) => format!("hand @{m}"),
        (None, _, true) => "by hand".to_string(),
        (None, Some(d), false) => format!("start+{d}"),
        (None, None, false) => "fixed".to_string(),
    };
    let status_style = match p.item.status {
        RevenueStatus::DraftInvoice => theme.draft(),
        RevenueStatus::Invoiced => theme.invoiced(),
        RevenueStatus::Billable => theme.to_invoice(),
        _ => ratatui::style::Style::new(),
    };
    vec![
        r((i + 1).to_string()),
        Cell::from(fit_text(&p.part.part.label, 60)),
        r(share),
        Cell::from(p.part.part.date.to_string()),
        Cell::from(fit_text(&dated, 16)),
        r(amount(n, p.item.planned_amount)),
        r(p.item.id.to_string()),
        Cell::from(Span::styled(p.item.status.label(), status_style)),
    ]
}

impl DrawScreen for Milestones {
    fn draw(
        &self,
        frame: &mut Frame<'_>,
        area: ScreenArea,
        today: NaiveDate,
        n: NumberFormat,
        theme: &Theme,
    ) {
        draw(frame, area.body, self, (today, n), theme);
        draw_totals(frame, area.under, self, (today, n), theme);
    }
}

fn draw(
    frame: &mut Frame<'_>,
    area: Rect,
    screen: &Milestones,
    (today, n): (NaiveDate, NumberFormat),
    theme: &Theme,
) {
    let parts = split(area);
    let (visible, cursor) = screen.list.view.visible();
    list_table::draw_table(
        frame,
        parts.upper,
        ListTable {
            cols: &milestone_cols(visible, n),
            rows: visible
                .iter()
                .map(|m| (milestone_cells(m, today, n, theme), false))
                .collect(),
            cursor,
            filter: screen.list.filter_text(),
            total: screen.list.view.total(),
            position: screen.list.view.position(),
        },
        theme,
    );
    let title = match screen.list.view.current() {
        None if !screen.list.filter_text().is_empty() => {
            "No milestone matches the filter: Esc clears it.".to_string()
        }
        None => "No milestone yet.".to_string(),
        Some(row) if screen.plan.is_empty() => format!(
            "{} {} has no billing plan: P makes one",
            row.project_code,
            clean(&row.project_name)
        ),
        Some(row) => {
            // The total is shown whole: the project's name gives way.
            let total: Decimal = screen.plan.iter().map(|p| p.item.planned_amount).sum();
            let tail = format!(
                " · {} · start {}",
                money_with_code(n, Money::new(total, row.amount.currency)),
                screen
                    .project_start
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "not set".into())
            );
            let head = format!("Billing plan of {} ", row.project_code);
            let room = (parts.title.width as usize)
                .saturating_sub(head.chars().count() + tail.chars().count());
            format!("{head}{}{tail}", fit_text(&row.project_name, room))
        }
    };
    frame.render_widget(
        Paragraph::new(Span::styled(
            fit_text(&title, parts.title.width as usize),
            theme.title(),
        )),
        parts.title,
    );
    list_table::draw_table(
        frame,
        parts.lower,
        ListTable {
            cols: &part_cols(&screen.plan, n),
            rows: screen
                .plan
                .iter()
                .enumerate()
                .map(|(i, p)| (part_cells(i, p, n, theme), false))
                .collect(),
            cursor: usize::MAX,
            filter: "",
            total: Some(screen.plan.len()),
            position: Some(0),
        },
        theme,
    );
}

/// The line under the milestones screen: the filter being typed; or the filter kept, how many
/// milestones it shows, and the warnings on screen.
fn draw_totals(
    frame: &mut Frame<'_>,
    area: Rect,
    screen: &Milestones,
    (today, n): (NaiveDate, NumberFormat),
    theme: &Theme,
) {
    let list = &screen.list;
    if let Some(input) = &list.filter_input {
        let line = list_table::typing_line(
            input,
            list.filter_error.as_deref(),
            list.filtering,
            area.width,
            theme,
        );
        frame.render_widget(Paragraph::new(line), area);
        return;
    }
    let (visible, _) = list.view.visible();
    let warned = visible
        .iter()
        .filter(|m| m.warning(today).is_some())
        .count();
    let mut spans: Vec<Span<'static>> = list_table::kept_filter(list.filter_text(), theme)
        .into_iter()
        .collect();
    spans.push(Span::styled("milestones ", theme.dim()));
    spans.push(Span::raw(match list.view.total() {
        _ if list.filtering => "filtering…".to_string(),
        Some(count) => amount(n, Decimal::from(count as u64)),
        None => "counting…".to_string(),
    }));
    if warned > 0 {
        spans.push(Span::styled(
            format!("  {warned} due or missed on screen"),
            theme.warning(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
