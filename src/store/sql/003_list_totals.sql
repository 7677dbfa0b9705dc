-- finctl schema version 3: a covering partial index for the finance control list, so that its
-- window and its footer totals (count and amount per currency) are read from the index alone.

CREATE INDEX revenue_items_finance_control
    ON revenue_items (planned_invoice_date, id, currency, planned_amount_minor, actual_amount_minor)
    WHERE status IN ('billable', 'draft_invoice');
