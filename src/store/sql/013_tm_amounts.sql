-- finctl schema version 13: the amount of a time-and-materials item is what it would invoice
-- now (its uncollected billable time and expenses, priced), kept by the store in
-- planned_amount_minor, which every list, total and forecast already reads. What users typed
-- as its amount is kept apart as its estimate, never summed with money. After this file, in
-- the same transaction, Rust prices every open and billable time-and-materials item (and sets
-- rejected ones to 0): see migrations.rs.

-- Time and materials only: the amount typed for the item, an estimate (NULL for other rules).
ALTER TABLE revenue_items ADD COLUMN estimate_minor INTEGER;
-- Time and materials only: why its time and expenses cannot be priced now (its amount is then
-- 0 and drafting skips it); NULL when they can.
ALTER TABLE revenue_items ADD COLUMN collect_error TEXT;

UPDATE revenue_items SET estimate_minor = planned_amount_minor
 WHERE billing_rule = 'time_and_materials';

-- The collecting items of a project in the rule's order: which item a row belongs to, and
-- what to price again when a project's time, expenses or rates change.
CREATE INDEX revenue_items_collecting ON revenue_items (project_id, planned_invoice_date, id)
    WHERE billing_rule = 'time_and_materials' AND status IN ('open', 'billable');

-- The projects overview reads invoiced totals by project.
CREATE INDEX invoice_lines_project ON invoice_lines (project_id);
