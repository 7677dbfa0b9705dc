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
