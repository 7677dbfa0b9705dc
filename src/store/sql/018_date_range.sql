-- finctl schema version 18 (issue "Records that hold"): every date the store keeps is a real
-- date from 1970-01-01 to 2100-12-31 (`domain::dates`), written YYYY-MM-DD, and every month of
-- an adjustment YYYY-MM from 1970-01 to 2100-12. finctl refuses any other before it writes
-- (typed, imported or computed); these triggers make the database refuse one whoever writes it.
--
-- Triggers rather than CHECK constraints: SQLite adds a CHECK to an existing table only by
-- rebuilding it, which would also rebuild its indexes and triggers (and race other changes of
-- the same tables). A BEFORE trigger refuses the INSERT or UPDATE as a CHECK would, with a
-- message naming which date it is. Rows already in an older file are left as they are;
-- `finctl verify` (check "dates") names any outside the range.
--
-- A date is kept when date(d) gives it back unchanged (a real day, written YYYY-MM-DD) and it
-- sorts between the first and last day. NULL (a project without a start) passes.

CREATE TRIGGER projects_dates_insert BEFORE INSERT ON projects
WHEN (NEW.start_date IS NOT NULL AND (date(NEW.start_date) IS NOT NEW.start_date
       OR NEW.start_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a project''s start date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER projects_dates_update BEFORE UPDATE OF start_date ON projects
WHEN (NEW.start_date IS NOT NULL AND (date(NEW.start_date) IS NOT NEW.start_date
       OR NEW.start_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a project''s start date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER milestones_dates_insert BEFORE INSERT ON milestones
WHEN (NEW.due_date IS NOT NULL AND (date(NEW.due_date) IS NOT NEW.due_date
       OR NEW.due_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a milestone''s due date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER milestones_dates_update BEFORE UPDATE OF due_date ON milestones
WHEN (NEW.due_date IS NOT NULL AND (date(NEW.due_date) IS NOT NEW.due_date
       OR NEW.due_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a milestone''s due date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER revenue_items_dates_insert BEFORE INSERT ON revenue_items
WHEN (NEW.planned_invoice_date IS NOT NULL AND (date(NEW.planned_invoice_date) IS NOT NEW.planned_invoice_date
       OR NEW.planned_invoice_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a revenue item''s planned invoice date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER revenue_items_dates_update BEFORE UPDATE OF planned_invoice_date ON revenue_items
WHEN (NEW.planned_invoice_date IS NOT NULL AND (date(NEW.planned_invoice_date) IS NOT NEW.planned_invoice_date
       OR NEW.planned_invoice_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a revenue item''s planned invoice date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER time_reports_dates_insert BEFORE INSERT ON time_reports
WHEN (NEW.work_date IS NOT NULL AND (date(NEW.work_date) IS NOT NEW.work_date
       OR NEW.work_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a time report''s date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER time_reports_dates_update BEFORE UPDATE OF work_date ON time_reports
WHEN (NEW.work_date IS NOT NULL AND (date(NEW.work_date) IS NOT NEW.work_date
       OR NEW.work_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a time report''s date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER expenses_dates_insert BEFORE INSERT ON expenses
WHEN (NEW.expense_date IS NOT NULL AND (date(NEW.expense_date) IS NOT NEW.expense_date
       OR NEW.expense_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'an expense''s date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER expenses_dates_update BEFORE UPDATE OF expense_date ON expenses
WHEN (NEW.expense_date IS NOT NULL AND (date(NEW.expense_date) IS NOT NEW.expense_date
       OR NEW.expense_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'an expense''s date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER invoices_dates_insert BEFORE INSERT ON invoices
WHEN (NEW.invoice_date IS NOT NULL AND (date(NEW.invoice_date) IS NOT NEW.invoice_date
       OR NEW.invoice_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
  OR (NEW.due_date IS NOT NULL AND (date(NEW.due_date) IS NOT NEW.due_date
       OR NEW.due_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'an invoice''s date or due date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER invoices_dates_update BEFORE UPDATE OF invoice_date, due_date ON invoices
WHEN (NEW.invoice_date IS NOT NULL AND (date(NEW.invoice_date) IS NOT NEW.invoice_date
       OR NEW.invoice_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
  OR (NEW.due_date IS NOT NULL AND (date(NEW.due_date) IS NOT NEW.due_date
       OR NEW.due_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'an invoice''s date or due date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER progress_statuses_dates_insert BEFORE INSERT ON progress_statuses
WHEN (NEW.period_start IS NOT NULL AND (date(NEW.period_start) IS NOT NEW.period_start
       OR NEW.period_start NOT BETWEEN '1970-01-01' AND '2100-12-31'))
  OR (NEW.period_end IS NOT NULL AND (date(NEW.period_end) IS NOT NEW.period_end
       OR NEW.period_end NOT BETWEEN '1970-01-01' AND '2100-12-31'))
  OR (NEW.invoice_date IS NOT NULL AND (date(NEW.invoice_date) IS NOT NEW.invoice_date
       OR NEW.invoice_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a progress period''s start, end or invoice date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER progress_statuses_dates_update BEFORE UPDATE OF period_start, period_end, invoice_date ON progress_statuses
WHEN (NEW.period_start IS NOT NULL AND (date(NEW.period_start) IS NOT NEW.period_start
       OR NEW.period_start NOT BETWEEN '1970-01-01' AND '2100-12-31'))
  OR (NEW.period_end IS NOT NULL AND (date(NEW.period_end) IS NOT NEW.period_end
       OR NEW.period_end NOT BETWEEN '1970-01-01' AND '2100-12-31'))
  OR (NEW.invoice_date IS NOT NULL AND (date(NEW.invoice_date) IS NOT NEW.invoice_date
       OR NEW.invoice_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a progress period''s start, end or invoice date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER plan_parts_dates_insert BEFORE INSERT ON plan_parts
WHEN (NEW.planned_date IS NOT NULL AND (date(NEW.planned_date) IS NOT NEW.planned_date
       OR NEW.planned_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a plan part''s date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER plan_parts_dates_update BEFORE UPDATE OF planned_date ON plan_parts
WHEN (NEW.planned_date IS NOT NULL AND (date(NEW.planned_date) IS NOT NEW.planned_date
       OR NEW.planned_date NOT BETWEEN '1970-01-01' AND '2100-12-31'))
BEGIN SELECT RAISE(ABORT, 'a plan part''s date is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER revenue_adjustments_month_insert BEFORE INSERT ON revenue_adjustments
WHEN date(NEW.month || '-01') IS NOT NEW.month || '-01'
  OR NEW.month NOT BETWEEN '1970-01' AND '2100-12'
BEGIN SELECT RAISE(ABORT, 'a revenue adjustment''s month is outside 1970-01 to 2100-12, the months of the dates finctl keeps (1970-01-01 to 2100-12-31)'); END;

CREATE TRIGGER revenue_adjustments_month_update BEFORE UPDATE OF month ON revenue_adjustments
WHEN date(NEW.month || '-01') IS NOT NEW.month || '-01'
  OR NEW.month NOT BETWEEN '1970-01' AND '2100-12'
BEGIN SELECT RAISE(ABORT, 'a revenue adjustment''s month is outside 1970-01 to 2100-12, the months of the dates finctl keeps (1970-01-01 to 2100-12-31)'); END;
