-- finctl schema version 7: contract lines billed by progress, and their progress statuses
-- (one per billing period).

CREATE TABLE contract_lines (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id          INTEGER NOT NULL REFERENCES projects (id),
    milestone_id        INTEGER REFERENCES milestones (id),
    description         TEXT NOT NULL,
    quantity_micros     INTEGER NOT NULL CHECK (quantity_micros >= 0),
    unit_price_micros   INTEGER NOT NULL CHECK (unit_price_micros >= 0),
    total_minor         INTEGER NOT NULL CHECK (total_minor >= 0),
    currency            TEXT NOT NULL,
    invoicing_term      TEXT NOT NULL CHECK (invoicing_term IN ('monthly', 'quarterly', 'percentages')),
    vat_rate_micros     INTEGER NOT NULL CHECK (vat_rate_micros >= 0),
    -- The open revenue item holding what is not validated yet (absent once all is).
    forecast_item_id    INTEGER REFERENCES revenue_items (id),
    version             INTEGER NOT NULL DEFAULT 1,
    updated_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX contract_lines_project ON contract_lines (project_id);

CREATE TABLE progress_statuses (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    line_id                     INTEGER NOT NULL REFERENCES contract_lines (id),
    seq                         INTEGER NOT NULL,
    period_start                TEXT NOT NULL,
    period_end                  TEXT NOT NULL,
    invoice_date                TEXT NOT NULL,
    -- pending, or validated (its revenue item exists); "invoiced" is read from that item.
    status                      TEXT NOT NULL CHECK (status IN ('pending', 'validated')),
    estimated_percent_micros    INTEGER NOT NULL DEFAULT 0,
    estimated_quantity_micros   INTEGER NOT NULL DEFAULT 0,
    estimated_amount_minor      INTEGER NOT NULL DEFAULT 0,
    billed_percent_micros       INTEGER NOT NULL DEFAULT 0,
    billed_quantity_micros      INTEGER NOT NULL DEFAULT 0,
    billed_amount_minor         INTEGER NOT NULL DEFAULT 0,
    revenue_item_id             INTEGER REFERENCES revenue_items (id),
    refresh_requested           INTEGER NOT NULL DEFAULT 0 CHECK (refresh_requested IN (0, 1)),
    version                     INTEGER NOT NULL DEFAULT 1,
    updated_by                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL,
    UNIQUE (line_id, seq),
    CHECK ((status = 'validated') = (revenue_item_id IS NOT NULL))
);
-- At most one pending status per line, whoever writes.
CREATE UNIQUE INDEX progress_statuses_one_pending ON progress_statuses (line_id) WHERE status = 'pending';
CREATE INDEX progress_statuses_item ON progress_statuses (revenue_item_id) WHERE revenue_item_id IS NOT NULL;

-- A milestone's own estimated progress, for lines billed by the progress of a milestone.
ALTER TABLE milestones ADD COLUMN estimated_progress_micros INTEGER NOT NULL DEFAULT 0;
