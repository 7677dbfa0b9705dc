-- finctl schema version 1: the objects of the domain, the change history and the rules the
-- database itself enforces. Money is INTEGER minor units (*_minor); quantities, percentages,
-- rates and unit prices are INTEGER scaled by 10^6 (*_micros); dates are TEXT 'YYYY-MM-DD';
-- timestamps TEXT RFC 3339 UTC. Editable rows carry version, updated_by and updated_at for
-- optimistic concurrency. Ids are AUTOINCREMENT: an id is never given twice, so a deleted row's
-- change history can never become a new row's.

CREATE TABLE users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('viewer', 'manager', 'finance', 'admin')),
    version     INTEGER NOT NULL DEFAULT 1,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    name                TEXT NOT NULL,
    billing_contact     TEXT NOT NULL DEFAULT '',
    address             TEXT NOT NULL DEFAULT '',
    vat_id              TEXT NOT NULL DEFAULT '',
    currency            TEXT NOT NULL,
    payment_terms_days  INTEGER NOT NULL CHECK (payment_terms_days >= 0),
    business_unit       TEXT NOT NULL DEFAULT '',
    version             INTEGER NOT NULL DEFAULT 1,
    updated_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE price_lists (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    currency    TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE projects (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    code                        TEXT NOT NULL UNIQUE,
    name                        TEXT NOT NULL,
    account_id                  INTEGER NOT NULL REFERENCES accounts (id),
    currency                    TEXT NOT NULL,
    manager                     TEXT NOT NULL,
    status                      TEXT NOT NULL CHECK (status IN ('planned', 'launched', 'closed')),
    start_date                  TEXT,
    estimated_progress_micros   INTEGER NOT NULL DEFAULT 0,
    price_list_id               INTEGER REFERENCES price_lists (id),
    version                     INTEGER NOT NULL DEFAULT 1,
    updated_by                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL
);

-- Hourly rates of a price list, or a project's own rates that override its price list.
CREATE TABLE rates (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    price_list_id   INTEGER REFERENCES price_lists (id),
    project_id      INTEGER REFERENCES projects (id),
    role            TEXT NOT NULL,
    person          TEXT,
    rate_micros     INTEGER NOT NULL CHECK (rate_micros >= 0),
    CHECK ((price_list_id IS NULL) <> (project_id IS NULL))
);

CREATE TABLE milestones (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id  INTEGER NOT NULL REFERENCES projects (id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    due_date    TEXT NOT NULL,
    reached_at  TEXT,
    reached_by  TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (project_id, code)
);

CREATE TABLE revenue_items (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id              INTEGER NOT NULL REFERENCES projects (id),
    -- Copied from the project so that lists filter and sum without a join.
    account_id              INTEGER NOT NULL REFERENCES accounts (id),
    currency                TEXT NOT NULL,
    milestone_id            INTEGER REFERENCES milestones (id),
    name                    TEXT NOT NULL,
    item_type               TEXT NOT NULL,
    billing_rule            TEXT NOT NULL
        CHECK (billing_rule IN ('fixed', 'time_and_materials', 'progress', 'milestone')),
    unit_price_micros       INTEGER,
    planned_amount_minor    INTEGER NOT NULL,
    actual_amount_minor     INTEGER,
    planned_invoice_date    TEXT NOT NULL,
    status                  TEXT NOT NULL
        CHECK (status IN ('open', 'billable', 'draft_invoice', 'invoiced', 'rejected')),
    vat_rate_micros         INTEGER NOT NULL CHECK (vat_rate_micros >= 0),
    invoice_description     TEXT NOT NULL DEFAULT '',
    internal_description    TEXT NOT NULL DEFAULT '',
    origin                  TEXT NOT NULL
        CHECK (origin IN ('manual', 'billing_plan', 'progress_status', 'milestone')),
    version                 INTEGER NOT NULL DEFAULT 1,
    updated_by              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
);

CREATE TABLE time_reports (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id          INTEGER NOT NULL REFERENCES projects (id),
    person              TEXT NOT NULL,
    role                TEXT NOT NULL,
    work_date           TEXT NOT NULL,
    hours_micros        INTEGER NOT NULL CHECK (hours_micros >= 0),
    billable            INTEGER NOT NULL CHECK (billable IN (0, 1)),
    -- The time-and-materials item that collected this report, and the rate it was priced at.
    revenue_item_id     INTEGER REFERENCES revenue_items (id),
    rate_micros         INTEGER,
    version             INTEGER NOT NULL DEFAULT 1,
    updated_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE expenses (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id          INTEGER NOT NULL REFERENCES projects (id),
    expense_date        TEXT NOT NULL,
    description         TEXT NOT NULL,
    amount_minor        INTEGER NOT NULL,
    billable            INTEGER NOT NULL CHECK (billable IN (0, 1)),
    revenue_item_id     INTEGER REFERENCES revenue_items (id),
    version             INTEGER NOT NULL DEFAULT 1,
    updated_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE invoices (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind                    TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    status                  TEXT NOT NULL CHECK (status IN ('draft', 'confirmed')),
    number                  TEXT UNIQUE,
    series                  TEXT,
    series_year             INTEGER,
    series_seq              INTEGER,
    account_id              INTEGER NOT NULL REFERENCES accounts (id),
    currency                TEXT NOT NULL,
    invoice_date            TEXT NOT NULL,
    due_date                TEXT NOT NULL,
    net_minor               INTEGER NOT NULL DEFAULT 0,
    vat_minor               INTEGER NOT NULL DEFAULT 0,
    gross_minor             INTEGER NOT NULL DEFAULT 0,
    credited_invoice_id     INTEGER REFERENCES invoices (id),
    chain_seq               INTEGER UNIQUE,
    prev_hash               TEXT,
    hash                    TEXT,
    confirmed_at            TEXT,
    confirmed_by            TEXT,
    created_by              TEXT NOT NULL,
    created_at              TEXT NOT NULL,
    version                 INTEGER NOT NULL DEFAULT 1,
    updated_by              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    UNIQUE (series, series_year, series_seq),
    CHECK ((status = 'draft') = (number IS NULL)),
    CHECK ((kind = 'credit_note') = (credited_invoice_id IS NOT NULL))
);

CREATE TABLE invoice_lines (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id          INTEGER NOT NULL REFERENCES invoices (id),
    position            INTEGER NOT NULL,
    revenue_item_id     INTEGER REFERENCES revenue_items (id),
    project_id          INTEGER NOT NULL REFERENCES projects (id),
    description         TEXT NOT NULL,
    quantity_micros     INTEGER NOT NULL,
    unit_price_micros   INTEGER NOT NULL,
    vat_rate_micros     INTEGER NOT NULL CHECK (vat_rate_micros >= 0),
    net_minor           INTEGER NOT NULL,
    -- On a credit note: the invoice line it credits.
    credited_line_id    INTEGER REFERENCES invoice_lines (id),
    UNIQUE (invoice_id, position)
);

-- The last number given in each series and year; numbers are never reused.
CREATE TABLE number_series (
    series      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    last_seq    INTEGER NOT NULL,
    PRIMARY KEY (series, year)
) WITHOUT ROWID;

-- The end of the hash chain over confirmed documents.
CREATE TABLE chain_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq    INTEGER NOT NULL,
    last_hash   TEXT NOT NULL
);

CREATE TABLE change_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    user        TEXT NOT NULL,
    object      TEXT NOT NULL,
    object_id   INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    field       TEXT NOT NULL,
    old         TEXT,
    new         TEXT,
    reason      TEXT
);
CREATE INDEX change_history_object ON change_history (object, object_id, version);

-- What the database refuses whoever asks: confirmed documents never change or go away, numbers
-- never go back, history is append-only.
CREATE TRIGGER invoices_confirmed_no_update BEFORE UPDATE ON invoices
WHEN OLD.status = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'confirmed invoices are immutable'); END;

CREATE TRIGGER invoices_confirmed_no_delete BEFORE DELETE ON invoices
WHEN OLD.status = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'confirmed invoices cannot be deleted'); END;

CREATE TRIGGER invoice_lines_confirmed_no_insert BEFORE INSERT ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = NEW.invoice_id) = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'confirmed invoices are immutable'); END;

CREATE TRIGGER invoice_lines_confirmed_no_update BEFORE UPDATE ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) = 'confirmed'
  OR (SELECT status FROM invoices WHERE id = NEW.invoice_id) = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'confirmed invoices are immutable'); END;

CREATE TRIGGER invoice_lines_confirmed_no_delete BEFORE DELETE ON invoice_lines
WHEN (SELECT status FROM invoices WHERE id = OLD.invoice_id) = 'confirmed'
BEGIN SELECT RAISE(ABORT, 'confirmed invoices are immutable'); END;

CREATE TRIGGER number_series_never_back BEFORE UPDATE ON number_series
WHEN NEW.last_seq < OLD.last_seq OR NEW.series <> OLD.series OR NEW.year <> OLD.year
BEGIN SELECT RAISE(ABORT, 'invoice numbers are never reused'); END;

CREATE TRIGGER number_series_no_delete BEFORE DELETE ON number_series
BEGIN SELECT RAISE(ABORT, 'invoice numbers are never reused'); END;

CREATE TRIGGER change_history_no_update BEFORE UPDATE ON change_history
BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;

CREATE TRIGGER change_history_no_delete BEFORE DELETE ON change_history
BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;
