-- finctl schema version 2: indexes for the lists and the joins between documents and items.

CREATE INDEX revenue_items_status_date ON revenue_items (status, planned_invoice_date, id);
CREATE INDEX revenue_items_date ON revenue_items (planned_invoice_date, id);
CREATE INDEX revenue_items_project ON revenue_items (project_id);
CREATE INDEX revenue_items_account ON revenue_items (account_id);
CREATE INDEX revenue_items_milestone ON revenue_items (milestone_id) WHERE milestone_id IS NOT NULL;
CREATE INDEX projects_account ON projects (account_id);
CREATE INDEX milestones_project ON milestones (project_id);
CREATE INDEX rates_price_list ON rates (price_list_id);
CREATE INDEX rates_project ON rates (project_id);
CREATE INDEX time_reports_project ON time_reports (project_id, work_date);
CREATE INDEX time_reports_item ON time_reports (revenue_item_id) WHERE revenue_item_id IS NOT NULL;
CREATE INDEX expenses_project ON expenses (project_id, expense_date);
CREATE INDEX expenses_item ON expenses (revenue_item_id) WHERE revenue_item_id IS NOT NULL;
CREATE INDEX invoices_status_kind ON invoices (status, kind, invoice_date);
CREATE INDEX invoices_account ON invoices (account_id);
CREATE INDEX invoices_credited ON invoices (credited_invoice_id) WHERE credited_invoice_id IS NOT NULL;
CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);
CREATE INDEX invoice_lines_item ON invoice_lines (revenue_item_id) WHERE revenue_item_id IS NOT NULL;
CREATE INDEX invoice_lines_credited ON invoice_lines (credited_line_id) WHERE credited_line_id IS NOT NULL;
