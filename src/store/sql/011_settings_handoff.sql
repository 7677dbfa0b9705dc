-- finctl schema version 11: the seller's settings (name, VAT id, address, bank account) and
-- the ERP hand-off marks.

CREATE TABLE settings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT NOT NULL UNIQUE,
    value       TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- One row each time a confirmed document is handed off to the ERP: the folder, the file, its
-- SHA-256, the journal.csv line exactly as it was appended, who and when. A document is handed
-- off once (the partial unique index); `again` marks a repeat asked for on purpose. Marks are
-- never changed or removed: the line stays what the ERP was given, whatever changes later.
CREATE TABLE handoffs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id      INTEGER NOT NULL REFERENCES invoices (id),
    number          TEXT NOT NULL,
    dir             TEXT NOT NULL,
    file            TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    journal_line    TEXT NOT NULL CHECK (substr(journal_line, -1) = char(10)),
    again           INTEGER NOT NULL DEFAULT 0 CHECK (again IN (0, 1)),
    handed_off_by   TEXT NOT NULL,
    handed_off_at   TEXT NOT NULL
);

CREATE UNIQUE INDEX handoffs_once ON handoffs (invoice_id) WHERE again = 0;
CREATE INDEX handoffs_dir ON handoffs (dir, id);

CREATE TRIGGER handoffs_no_update BEFORE UPDATE ON handoffs
BEGIN SELECT RAISE(ABORT, 'hand-off marks are never changed'); END;

CREATE TRIGGER handoffs_no_delete BEFORE DELETE ON handoffs
BEGIN SELECT RAISE(ABORT, 'hand-off marks are never removed'); END;

-- INSERT OR REPLACE would delete the mark it replaces without firing the delete trigger.
CREATE TRIGGER handoffs_no_replace BEFORE INSERT ON handoffs
WHEN EXISTS (SELECT 1 FROM handoffs WHERE id = NEW.id
                 OR (NEW.again = 0 AND invoice_id = NEW.invoice_id AND again = 0))
BEGIN SELECT RAISE(ABORT, 'hand-off marks are never replaced'); END;
