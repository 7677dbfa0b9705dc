//! `X` on the report: the rows of the shown currency as `finctl export report` writes them
//! (`files::report`), every figure a typed amount.

use super::super::background::FileJob;
use super::report::Reports;
use crate::files::report::write_xlsx;

pub fn report(r: &Reports) -> FileJob {
    let cur = r.currency.map(|c| c.code().to_string()).unwrap_or_default();
    let group = r.query.group;
    let rows: Vec<_> = r.visible_rows().cloned().collect();
    FileJob::new(
        format!("report-{}-{cur}", group.label().replace(' ', "-")),
        "xlsx",
        "row(s)",
        move |_, path, progress| write_xlsx(path, group, &rows, progress),
    )
}
