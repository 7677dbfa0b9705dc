-- finctl schema version 10: manual revenue adjustments (accruals and deferrals) per project
-- and month, for the revenue and billing report. Each carries the reason it was made.

CREATE TABLE revenue_adjustments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id      INTEGER NOT NULL REFERENCES projects (id),
    -- 'YYYY-MM'
    month           TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    -- Positive: accrual (revenue added); negative: deferral.
    amount_minor    INTEGER NOT NULL,
    currency        TEXT NOT NULL,
    reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    version         INTEGER NOT NULL DEFAULT 1,
    updated_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX revenue_adjustments_month ON revenue_adjustments (month, project_id);
CREATE INDEX revenue_adjustments_project ON revenue_adjustments (project_id);

-- The forecast by project, currency and month (open and billable items by planned date), kept
-- by triggers so that the report reads a few thousand sums instead of a million items.
CREATE TABLE forecast_months (
    project_id      INTEGER NOT NULL REFERENCES projects (id),
    currency        TEXT NOT NULL,
    -- 'YYYY-MM'
    month           TEXT NOT NULL,
    amount_minor    INTEGER NOT NULL,
    items           INTEGER NOT NULL,
    PRIMARY KEY (month, project_id, currency)
) WITHOUT ROWID;

INSERT INTO forecast_months (project_id, currency, month, amount_minor, items)
SELECT project_id, currency, substr(planned_invoice_date, 1, 7), sum(planned_amount_minor), count(*)
FROM revenue_items WHERE status IN ('open', 'billable')
GROUP BY project_id, currency, substr(planned_invoice_date, 1, 7);

CREATE TRIGGER forecast_months_insert AFTER INSERT ON revenue_items
WHEN NEW.status IN ('open', 'billable')
BEGIN
    INSERT INTO forecast_months (project_id, currency, month, amount_minor, items)
    VALUES (NEW.project_id, NEW.currency, substr(NEW.planned_invoice_date, 1, 7), NEW.planned_amount_minor, 1)
    ON CONFLICT (month, project_id, currency) DO UPDATE
        SET amount_minor = amount_minor + excluded.amount_minor, items = items + 1;
END;

CREATE TRIGGER forecast_months_delete AFTER DELETE ON revenue_items
WHEN OLD.status IN ('open', 'billable')
BEGIN
    UPDATE forecast_months
       SET amount_minor = amount_minor - OLD.planned_amount_minor, items = items - 1
     WHERE month = substr(OLD.planned_invoice_date, 1, 7) AND project_id = OLD.project_id
       AND currency = OLD.currency;
    DELETE FROM forecast_months
     WHERE month = substr(OLD.planned_invoice_date, 1, 7) AND project_id = OLD.project_id
       AND currency = OLD.currency AND items = 0;
END;

CREATE TRIGGER forecast_months_update_old AFTER UPDATE OF status, planned_amount_minor,
    planned_invoice_date, project_id, currency ON revenue_items
WHEN OLD.status IN ('open', 'billable')
BEGIN
    UPDATE forecast_months
       SET amount_minor = amount_minor - OLD.planned_amount_minor, items = items - 1
     WHERE month = substr(OLD.planned_invoice_date, 1, 7) AND project_id = OLD.project_id
       AND currency = OLD.currency;
    DELETE FROM forecast_months
     WHERE month = substr(OLD.planned_invoice_date, 1, 7) AND project_id = OLD.project_id
       AND currency = OLD.currency AND items = 0;
END;

CREATE TRIGGER forecast_months_update_new AFTER UPDATE OF status, planned_amount_minor,
    planned_invoice_date, project_id, currency ON revenue_items
WHEN NEW.status IN ('open', 'billable')
BEGIN
    INSERT INTO forecast_months (project_id, currency, month, amount_minor, items)
    VALUES (NEW.project_id, NEW.currency, substr(NEW.planned_invoice_date, 1, 7), NEW.planned_amount_minor, 1)
    ON CONFLICT (month, project_id, currency) DO UPDATE
        SET amount_minor = amount_minor + excluded.amount_minor, items = items + 1;
END;
