//! A billing plan's version moves when one of its parts changes outside the plan form (a date
//! set by hand, a moved start, a moved milestone), so that a plan form opened before is
//! refused as stale instead of overwriting the change.

use super::Writer;
use super::error::Result;

/// Moves the plan's version, with a history row saying why.
pub(super) fn touch_plan(w: &Writer<'_>, plan_id: i64, reason: &str) -> Result<()> {
    let v = w.bump_version("billing_plans", "billing plan", plan_id, None)?;
    w.history(
        "billing_plan",
        plan_id,
        v,
        "parts",
        None,
        None,
        Some(reason),
    )
}
