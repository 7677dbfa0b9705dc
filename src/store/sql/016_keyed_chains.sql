-- finctl schema version 16: keyed chains. The SHA-256 chain over confirmed documents can be
-- recomputed by anyone who can write the file; a keyed value (HMAC-SHA256 under the key in
-- NAME.key, see chain_key_file.rs) over each document, its place, who confirmed it and when
-- cannot. The change history gets a keyed chain of its own, so that a rewritten, inserted or
-- deleted history row is found. The values live in tables of their own, written once: the
-- rows they cover stay as they were. The Rust step of this migration checks the existing
-- chain and seals what is there (migrations.rs).

-- Which key the values are made with (its fingerprint, never the key).
CREATE TABLE chain_key (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL
);

-- The keyed value of each confirmed document, in chain order.
CREATE TABLE document_chain (
    invoice_id  INTEGER PRIMARY KEY REFERENCES invoices(id),
    seq         INTEGER NOT NULL UNIQUE,
    mac         TEXT NOT NULL
);

-- The keyed head of the document chain: HMAC(key, last seq, last value).
ALTER TABLE chain_head ADD COLUMN keyed_head TEXT;

-- The keyed value of each history row finctl wrote.
CREATE TABLE history_chain (
    history_id  INTEGER PRIMARY KEY REFERENCES change_history(id),
    mac         TEXT NOT NULL
);

-- The keyed head of the history chain: the last sealed row and HMAC(key, its id, its value).
CREATE TABLE history_head (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    last_id     INTEGER NOT NULL,
    mac         TEXT NOT NULL
);

CREATE TRIGGER chain_key_no_change BEFORE UPDATE ON chain_key
BEGIN SELECT RAISE(ABORT, 'the chain key never changes'); END;
CREATE TRIGGER chain_key_no_delete BEFORE DELETE ON chain_key
BEGIN SELECT RAISE(ABORT, 'the chain key never changes'); END;
CREATE TRIGGER chain_key_no_replace BEFORE INSERT ON chain_key
WHEN EXISTS (SELECT 1 FROM chain_key)
BEGIN SELECT RAISE(ABORT, 'the chain key never changes'); END;

CREATE TRIGGER document_chain_no_update BEFORE UPDATE ON document_chain
BEGIN SELECT RAISE(ABORT, 'chain values are written once'); END;
CREATE TRIGGER document_chain_no_delete BEFORE DELETE ON document_chain
BEGIN SELECT RAISE(ABORT, 'chain values are written once'); END;
CREATE TRIGGER document_chain_no_replace BEFORE INSERT ON document_chain
WHEN EXISTS (SELECT 1 FROM document_chain WHERE invoice_id = NEW.invoice_id OR seq = NEW.seq)
BEGIN SELECT RAISE(ABORT, 'chain values are written once'); END;

CREATE TRIGGER history_chain_no_update BEFORE UPDATE ON history_chain
BEGIN SELECT RAISE(ABORT, 'chain values are written once'); END;
CREATE TRIGGER history_chain_no_delete BEFORE DELETE ON history_chain
BEGIN SELECT RAISE(ABORT, 'chain values are written once'); END;
CREATE TRIGGER history_chain_no_replace BEFORE INSERT ON history_chain
WHEN EXISTS (SELECT 1 FROM history_chain WHERE history_id = NEW.history_id)
BEGIN SELECT RAISE(ABORT, 'chain values are written once'); END;

-- INSERT OR REPLACE deletes the row it replaces without firing the delete trigger: refused,
-- so that a history row is never rewritten through it. (Measured on a bulk import: see
-- docs/performance.md.)
CREATE TRIGGER change_history_no_replace BEFORE INSERT ON change_history
WHEN EXISTS (SELECT 1 FROM change_history WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;
