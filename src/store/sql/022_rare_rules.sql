-- finctl schema version 22: the items of the rarely used billing rules (time and materials,
-- milestone: well under a hundredth of the items each in a large company) in list order, so
-- that `rule:tm` and `rule:milestone` read their few items from an index instead of every item
-- (`store/filter_sql.rs`, `item_candidates`). Partial: only those items pay for it when
-- written, which keeps bulk loads of fixed and progress items as fast as before.

CREATE INDEX revenue_items_rare_rule ON revenue_items (billing_rule, planned_invoice_date, id)
    WHERE billing_rule IN ('time_and_materials', 'milestone');
