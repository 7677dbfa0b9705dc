//! The terms of a typed filter (`domain::filter_query`) as SQL conditions on the lists' tables:
//! revenue items as `i` (finance control, all items, their exports) and invoices as `i` (the
//! invoice list). Each condition reads only the row's own columns and indexed lookups of its
//! account, project and milestone, so that the totals, which read no joins, use them as they are.
//! The progress screen's contract lines, the milestones and the report read their project `p`
//! and its account `a` by primary key, and their conditions may name those.

use super::list_query::like_pattern;
use crate::domain::Currency;
use crate::domain::billing_rule::BillingRule;
use crate::domain::filter_query::{AmountSpan, LineState, MilestoneState, Term};
use crate::domain::warnings::{DUE_WITHIN_DAYS, Warning};
use chrono::{Days, NaiveDate};
use rusqlite::types::Value;
use rust_decimal::Decimal;

/// A condition and its parameters, joined to a WHERE clause with AND.
pub type Cond = (String, Vec<Value>);

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

fn any_of(column: &str, values: Vec<Value>) -> Cond {
    (
        format!("{column} IN ({})", placeholders(values.len())),
        values,
    )
}

/// The item's amount as the lists show it, in minor units.
const ITEM_AMOUNT: &str = "coalesce(i.actual_amount_minor, i.planned_amount_minor)";

/// A time-and-materials item whose amount warning (nothing to collect, cannot be priced) the
/// lists show before any date warning (`domain::warnings`).
const COLLECTS: &str =
    "(i.billing_rule = 'time_and_materials' AND i.status IN ('open', 'billable'))";

fn amount_warned() -> String {
    format!("({COLLECTS} AND (i.collect_error IS NOT NULL OR {ITEM_AMOUNT} = 0))")
}

/// The item's milestone is not reached (false for items without one).
const WAITS: &str = "(i.milestone_id IS NOT NULL AND EXISTS (SELECT 1 FROM milestones m \
     WHERE m.id = i.milestone_id AND m.reached_at IS NULL))";

/// One term on revenue items; `today` dates the warnings.
pub fn item_term(term: &Term, today: NaiveDate) -> Cond {
    match term {
        Term::ItemStatus(statuses) => any_of(
            "i.status",
            statuses.iter().map(|s| text(s.as_str())).collect(),
        ),
        Term::Rule(rules) => any_of(
            "i.billing_rule",
            rules.iter().map(|r| text(r.as_str())).collect(),
        ),
        Term::Type(t) => (
            "i.item_type LIKE ? ESCAPE '\\'".into(),
            vec![Value::Text(like_pattern(t))],
        ),
        Term::Account(a) => (
            "i.account_id IN (SELECT id FROM accounts WHERE name LIKE ? ESCAPE '\\')".into(),
            vec![Value::Text(like_pattern(a))],
        ),
        Term::Project(p) => (
            "i.project_id IN (SELECT id FROM projects WHERE code LIKE ? ESCAPE '\\' \
             OR name LIKE ? ESCAPE '\\')"
                .into(),
            vec![Value::Text(like_pattern(p)), Value::Text(like_pattern(p))],
        ),
        Term::BusinessUnit(b) => (
            "(i.account_id IN (SELECT id FROM accounts WHERE business_unit LIKE ? ESCAPE '\\') \
             OR i.project_id IN (SELECT id FROM projects WHERE business_unit LIKE ? ESCAPE '\\'))"
                .into(),
            vec![Value::Text(like_pattern(b)), Value::Text(like_pattern(b))],
        ),
        Term::Currency(codes) => any_of("i.currency", codes.iter().map(|c| text(c)).collect()),
        Term::Date(span) => (
            "i.planned_invoice_date BETWEEN ? AND ?".into(),
            vec![text(&span.first.to_string()), text(&span.last.to_string())],
        ),
        Term::Amount(span) => amount_in(
            ITEM_AMOUNT,
            &|codes| format!("i.currency IN ({codes})"),
            span,
        ),
        Term::Milestone(code) => (
            "i.milestone_id IN (SELECT id FROM milestones WHERE code = ? COLLATE NOCASE)".into(),
            vec![text(code)],
        ),
        Term::Warning(warnings) => {
            let mut conds = Vec::new();
            let mut args = Vec::new();
            for w in warnings {
                let (c, a) = warning(*w, today);
                conds.push(c);
                args.extend(a);
            }
            (format!("({})", conds.join(" OR ")), args)
        }
        // Other lists' terms never reach an item list (the parser refuses them there).
        Term::InvoiceStatus(_) | Term::Kind(_) | Term::LineState(_) | Term::MilestoneState(_) => {
            ("0".into(), Vec::new())
        }
    }
}

/// One term on revenue items read from the covering index of the projects' sums (project,
/// status, amounts: `revenue_items_project_sums`), for totals that never touch the table; `None`
/// for a term the index cannot answer. An item's account and currency are its project's (the
/// store changes neither once a project has items, and `verify` checks it), so those terms ask
/// the projects.
pub fn project_sums_term(term: &Term) -> Option<Cond> {
    let projects = |cond: &str, args: Vec<Value>| {
        (
            format!("i.project_id IN (SELECT id FROM projects WHERE {cond})"),
            args,
        )
    };
    Some(match term {
        Term::ItemStatus(_) | Term::Project(_) => item_term(term, NaiveDate::MIN),
        Term::Account(a) => projects(
            "account_id IN (SELECT id FROM accounts WHERE name LIKE ? ESCAPE '\\')",
            vec![Value::Text(like_pattern(a))],
        ),
        Term::BusinessUnit(b) => projects(
            "business_unit LIKE ? ESCAPE '\\' OR account_id IN \
             (SELECT id FROM accounts WHERE business_unit LIKE ? ESCAPE '\\')",
            vec![Value::Text(like_pattern(b)), Value::Text(like_pattern(b))],
        ),
        Term::Currency(codes) => {
            let (cond, args) = any_of("currency", codes.iter().map(|c| text(c)).collect());
            projects(&cond, args)
        }
        Term::Amount(span) => amount_in(
            ITEM_AMOUNT,
            &|codes| {
                format!("i.project_id IN (SELECT id FROM projects WHERE currency IN ({codes}))")
            },
            span,
        ),
        _ => return None,
    })
}

/// The items a list marks with `warning` on `today`: the SQL of `ItemRow::warning`.
fn warning(warning: Warning, today: NaiveDate) -> Cond {
    let day = |d: NaiveDate| text(&d.to_string());
    let not_done = "i.status NOT IN ('invoiced', 'rejected')";
    let guarded = |cond: String| format!("({cond} AND NOT {})", amount_warned());
    match warning {
        Warning::MilestoneMissed => (
            guarded(format!(
                "{not_done} AND {WAITS} AND i.planned_invoice_date < ?"
            )),
            vec![day(today)],
        ),
        Warning::MilestoneDue => (
            guarded(format!(
                "{not_done} AND {WAITS} AND i.planned_invoice_date BETWEEN ? AND ?"
            )),
            vec![
                day(today),
                day(today
                    .checked_add_days(Days::new(DUE_WITHIN_DAYS as u64))
                    .unwrap_or(today)),
            ],
        ),
        Warning::Overdue => (
            guarded(format!(
                "i.status IN ('open', 'billable') AND NOT {WAITS} AND i.planned_invoice_date < ?"
            )),
            vec![day(today)],
        ),
        Warning::NothingToCollect => (
            format!("({COLLECTS} AND i.collect_error IS NULL AND {ITEM_AMOUNT} = 0)"),
            Vec::new(),
        ),
        Warning::CannotBePriced => (
            format!("({COLLECTS} AND i.collect_error IS NOT NULL)"),
            Vec::new(),
        ),
    }
}

/// One term on invoices (with the invoice list's own columns).
pub fn invoice_term(term: &Term) -> Cond {
    match term {
        Term::InvoiceStatus(statuses) => any_of(
            "i.status",
            statuses.iter().map(|s| text(s.as_str())).collect(),
        ),
        Term::Kind(kinds) => any_of("i.kind", kinds.iter().map(|k| text(k.as_str())).collect()),
        Term::Account(a) => (
            "i.account_id IN (SELECT id FROM accounts WHERE name LIKE ? ESCAPE '\\')".into(),
            vec![Value::Text(like_pattern(a))],
        ),
        Term::BusinessUnit(b) => (
            "i.account_id IN (SELECT id FROM accounts WHERE business_unit LIKE ? ESCAPE '\\')"
                .into(),
            vec![Value::Text(like_pattern(b))],
        ),
        Term::Currency(codes) => any_of("i.currency", codes.iter().map(|c| text(c)).collect()),
        Term::Date(span) => (
            "i.invoice_date BETWEEN ? AND ?".into(),
            vec![text(&span.first.to_string()), text(&span.last.to_string())],
        ),
        Term::Amount(span) => amount_in(
            "i.net_minor",
            &|codes| format!("i.currency IN ({codes})"),
            span,
        ),
        // Item terms never reach the invoice list (the parser refuses them there).
        _ => ("0".into(), Vec::new()),
    }
}

/// The project's code or name contains `p` (any case): the matching projects, for `column`.
fn project_like(column: &str, p: &str) -> Cond {
    (
        format!(
            "{column} IN (SELECT id FROM projects WHERE code LIKE ? ESCAPE '\\' \
             OR name LIKE ? ESCAPE '\\')"
        ),
        vec![Value::Text(like_pattern(p)), Value::Text(like_pattern(p))],
    )
}

/// The accounts whose `field` (name or business unit) contains `text`, for `column`.
fn account_like(column: &str, field: &str, text: &str) -> Cond {
    (
        format!("{column} IN (SELECT id FROM accounts WHERE {field} LIKE ? ESCAPE '\\')"),
        vec![Value::Text(like_pattern(text))],
    )
}

/// One term on the progress screen's contract lines: the line as `c`, its project `p`, the
/// project's account `a` and its pending period `s` (absent: none), as the list reads them.
pub fn line_term(term: &Term) -> Cond {
    match term {
        Term::LineState(states) => {
            let conds: Vec<&str> = states
                .iter()
                .map(|s| match s {
                    LineState::Pending => "s.id IS NOT NULL",
                    LineState::Refresh => "s.refresh_requested = 1",
                    LineState::Idle => "s.id IS NULL",
                })
                .collect();
            (format!("({})", conds.join(" OR ")), Vec::new())
        }
        Term::Project(p) => project_like("c.project_id", p),
        Term::Account(a) => account_like("p.account_id", "name", a),
        // As on the item lists: the account's business unit or the project's own.
        Term::BusinessUnit(b) => {
            let (cond, mut args) = account_like("p.account_id", "business_unit", b);
            args.push(Value::Text(like_pattern(b)));
            (
                format!("({cond} OR p.business_unit LIKE ? ESCAPE '\\')"),
                args,
            )
        }
        Term::Currency(codes) => any_of("c.currency", codes.iter().map(|c| text(c)).collect()),
        // Other lists' terms never reach this one (the parser refuses them here).
        _ => ("0".into(), Vec::new()),
    }
}

/// The day a milestone is judged by (`MilestoneRow::warning`): the earliest planned date of its
/// items still to invoice, else its own due date.
const MILESTONE_DAY: &str = "coalesce((SELECT min(i.planned_invoice_date) FROM revenue_items i \
     WHERE i.milestone_id = m.id AND i.status NOT IN ('invoiced', 'rejected')), m.due_date)";

/// One term on the milestones screen's list: the milestone as `m`, its project `p` and the
/// project's account `a`; `today` dates the warnings.
pub fn milestone_term(term: &Term, today: NaiveDate) -> Cond {
    let day = |d: NaiveDate| text(&d.to_string());
    match term {
        Term::MilestoneState(states) => {
            let conds: Vec<&str> = states
                .iter()
                .map(|s| match s {
                    MilestoneState::Reached => "m.reached_at IS NOT NULL",
                    MilestoneState::Open => "m.reached_at IS NULL",
                })
                .collect();
            (format!("({})", conds.join(" OR ")), Vec::new())
        }
        Term::Project(p) => project_like("m.project_id", p),
        Term::Account(a) => account_like("p.account_id", "name", a),
        Term::Milestone(code) => ("m.code = ? COLLATE NOCASE".into(), vec![text(code)]),
        Term::Date(span) => (
            "m.due_date BETWEEN ? AND ?".into(),
            vec![day(span.first), day(span.last)],
        ),
        Term::Warning(warnings) => {
            let mut conds = Vec::new();
            let mut args = Vec::new();
            for w in warnings {
                match w {
                    Warning::MilestoneMissed => {
                        conds.push(format!("{MILESTONE_DAY} < ?"));
                        args.push(day(today));
                    }
                    Warning::MilestoneDue => {
                        conds.push(format!("{MILESTONE_DAY} BETWEEN ? AND ?"));
                        args.push(day(today));
                        args.push(day(today
                            .checked_add_days(Days::new(DUE_WITHIN_DAYS as u64))
                            .unwrap_or(today)));
                    }
                    // A milestone warns of nothing else (the parser refuses the rest here).
                    _ => conds.push("0".into()),
                }
            }
            (
                format!("(m.reached_at IS NULL AND ({}))", conds.join(" OR ")),
                args,
            )
        }
        _ => ("0".into(), Vec::new()),
    }
}

/// One term on what the report sums: the project `p` and the account `a` of every item,
/// document line and adjustment. `bu:` is the account's business unit, as the report groups.
pub fn report_term(term: &Term) -> Cond {
    match term {
        Term::Project(p) => project_like("p.id", p),
        Term::Account(a) => account_like("a.id", "name", a),
        Term::BusinessUnit(b) => account_like("a.id", "business_unit", b),
        _ => ("0".into(), Vec::new()),
    }
}

/// `expr` (minor units of the row's currency) within `span`, exactly: per number of minor
/// digits the bounds in minor units, rounded the way that keeps the comparison exact on whole
/// minor units.
fn amount_in(expr: &str, currency_in: &dyn Fn(&str) -> String, span: &AmountSpan) -> Cond {
    let mut groups: Vec<(u32, Vec<Value>)> = Vec::new();
    for c in Currency::known() {
        match groups.iter_mut().find(|(d, _)| *d == c.minor_digits()) {
            Some((_, codes)) => codes.push(text(c.code())),
            None => groups.push((c.minor_digits(), vec![text(c.code())])),
        }
    }
    let mut conds = Vec::new();
    let mut args = Vec::new();
    for (digits, codes) in groups {
        let mut parts = vec![currency_in(&placeholders(codes.len()))];
        args.extend(codes);
        if let Some((op, bound)) = low_bound(span, digits) {
            parts.push(format!("{expr} {op} ?"));
            args.push(minor_value(bound));
        }
        if let Some((op, bound)) = high_bound(span, digits) {
            parts.push(format!("{expr} {op} ?"));
            args.push(minor_value(bound));
        }
        conds.push(format!("({})", parts.join(" AND ")));
    }
    (format!("({})", conds.join(" OR ")), args)
}

/// `v` in minor units of a currency with `digits` decimals (held at Decimal's range).
fn scaled(v: Decimal, digits: u32) -> Decimal {
    v.checked_mul(Decimal::from(10i64.pow(digits)))
        .unwrap_or(if v.is_sign_negative() {
            Decimal::MIN
        } else {
            Decimal::MAX
        })
}

/// The lower bound of a span in minor units: expr >= v is expr >= ceil(minor), expr > v is
/// expr > floor(minor).
fn low_bound(span: &AmountSpan, digits: u32) -> Option<(&'static str, Decimal)> {
    span.low.map(|(v, inclusive)| {
        let minor = scaled(v, digits);
        if inclusive {
            (">=", minor.ceil())
        } else {
            (">", minor.floor())
        }
    })
}

/// The upper bound of a span in minor units, as [`low_bound`].
fn high_bound(span: &AmountSpan, digits: u32) -> Option<(&'static str, Decimal)> {
    span.high.map(|(v, inclusive)| {
        let minor = scaled(v, digits);
        if inclusive {
            ("<=", minor.floor())
        } else {
            ("<", minor.ceil())
        }
    })
}

/// A whole number of minor units as an SQL integer, held at the i64 range (beyond it nothing
/// stored can compare otherwise).
fn minor_value(v: Decimal) -> Value {
    use rust_decimal::prelude::ToPrimitive;
    Value::Integer(v.to_i64().unwrap_or(if v.is_sign_negative() {
        i64::MIN
    } else {
        i64::MAX
    }))
}

/// The billing rules few items have, read through their own partial index.
const RARE_RULES: [BillingRule; 2] = [BillingRule::TimeAndMaterials, BillingRule::Milestone];

/// For a filter that matches few rows: an indexed set of candidate ids from one of its terms
/// (the first that has an index), so the query visits those rows only.
pub fn item_candidates(terms: &[Term]) -> Option<Cond> {
    terms
        .iter()
        .find_map(narrow_candidates)
        .or_else(|| terms.iter().find_map(currency_candidates))
        .or_else(|| terms.iter().find_map(amount_candidates))
}

/// The candidates of a term that names few items through an index.
fn narrow_candidates(t: &Term) -> Option<Cond> {
    match t {
        Term::Project(p) => Some((
            "SELECT id FROM revenue_items WHERE project_id IN (SELECT id FROM projects \
             WHERE code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')"
                .to_string(),
            vec![Value::Text(like_pattern(p)), Value::Text(like_pattern(p))],
        )),
        Term::Account(a) => Some((
            "SELECT id FROM revenue_items WHERE account_id IN (SELECT id FROM accounts \
             WHERE name LIKE ? ESCAPE '\\')"
                .to_string(),
            vec![Value::Text(like_pattern(a))],
        )),
        Term::BusinessUnit(b) => Some((
            "SELECT id FROM revenue_items WHERE account_id IN (SELECT id FROM accounts \
             WHERE business_unit LIKE ? ESCAPE '\\') \
             UNION SELECT id FROM revenue_items WHERE project_id IN (SELECT id FROM projects \
             WHERE business_unit LIKE ? ESCAPE '\\')"
                .to_string(),
            vec![Value::Text(like_pattern(b)), Value::Text(like_pattern(b))],
        )),
        // Only items waiting for a milestone warn of it.
        Term::Warning(ws)
            if ws
                .iter()
                .all(|w| matches!(w, Warning::MilestoneDue | Warning::MilestoneMissed)) =>
        {
            Some((
                "SELECT id FROM revenue_items WHERE milestone_id IN (SELECT id FROM milestones \
                 WHERE reached_at IS NULL)"
                    .to_string(),
                Vec::new(),
            ))
        }
        // The rare rules have a partial index (migration 22): its condition is repeated
        // word for word, which is how SQLite knows it may read it.
        Term::Rule(rules) if rules.iter().all(|r| RARE_RULES.contains(r)) => Some((
            format!(
                "SELECT id FROM revenue_items INDEXED BY revenue_items_rare_rule \
                 WHERE billing_rule IN ('time_and_materials', 'milestone') AND billing_rule IN ({})",
                placeholders(rules.len())
            ),
            rules.iter().map(|r| text(r.as_str())).collect(),
        )),
        Term::Milestone(code) => Some((
            "SELECT id FROM revenue_items WHERE milestone_id IN (SELECT id FROM milestones \
             WHERE code = ? COLLATE NOCASE)"
                .to_string(),
            vec![text(code)],
        )),
        Term::Date(span) => Some((
            "SELECT id FROM revenue_items WHERE planned_invoice_date BETWEEN ? AND ?".to_string(),
            vec![text(&span.first.to_string()), text(&span.last.to_string())],
        )),
        _ => None,
    }
}

/// The candidates of `amount:`, tried last: the items whose amount in minor units lies within
/// the loosest bounds any currency's decimals give (a superset, which the filter then narrows
/// by currency), read from the covering index of the projects' sums instead of the rows, a
/// twentieth of their size. `amount:>9999999` finds that nothing is that large in 60 ms
/// instead of 230.
fn amount_candidates(t: &Term) -> Option<Cond> {
    let Term::Amount(span) = t else {
        return None;
    };
    let digits: Vec<u32> = Currency::known().map(|c| c.minor_digits()).collect();
    let low = digits
        .iter()
        .filter_map(|&d| low_bound(span, d))
        .min_by_key(|(_, b)| *b);
    let high = digits
        .iter()
        .filter_map(|&d| high_bound(span, d))
        .max_by_key(|(_, b)| *b);
    let mut parts = Vec::new();
    let mut args = Vec::new();
    for (op, bound) in low.into_iter().chain(high) {
        parts.push(format!(
            "coalesce(actual_amount_minor, planned_amount_minor) {op} ?"
        ));
        args.push(minor_value(bound));
    }
    if parts.is_empty() {
        return None;
    }
    Some((
        format!(
            "SELECT id FROM revenue_items INDEXED BY revenue_items_project_sums WHERE {}",
            parts.join(" AND ")
        ),
        args,
    ))
}

/// The candidates of `currency:`, tried after every other term: a currency may hold most items.
/// An item's currency is its project's, which cannot change once it has items
/// (`domain::project_input`), so a currency no project has matches nothing at once.
fn currency_candidates(t: &Term) -> Option<Cond> {
    match t {
        Term::Currency(codes) => Some((
            format!(
                "SELECT id FROM revenue_items WHERE project_id IN \
                 (SELECT id FROM projects WHERE currency IN ({}))",
                placeholders(codes.len())
            ),
            codes.iter().map(|c| text(c)).collect(),
        )),
        _ => None,
    }
}
