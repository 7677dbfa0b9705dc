-- finctl schema version 4: the (status, date) index served no list once the finance control
-- list got its covering partial index, and every insert paid for it.

DROP INDEX revenue_items_status_date;
