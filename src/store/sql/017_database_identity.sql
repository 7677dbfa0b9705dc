-- finctl schema version 17: the database's identity, and the folder of each hand-off mark by the
-- identity that folder carries.
--
-- The identity is 32 random hexadecimal digits, made once: by this migration for a file made
-- before it, and for a new file the same way. A hand-off folder records it on its first
-- hand-off, so that no other database hands off into that folder. A copy of the file (a backup)
-- is the same database and keeps it. It never changes and is never removed.
CREATE TABLE database_identity (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    identity  TEXT NOT NULL CHECK (length(identity) = 32 AND identity NOT GLOB '*[^0-9a-f]*')
);

INSERT INTO database_identity (id, identity) VALUES (1, lower(hex(randomblob(16))));

CREATE TRIGGER database_identity_no_update BEFORE UPDATE ON database_identity
BEGIN SELECT RAISE(ABORT, 'the database identity never changes'); END;

CREATE TRIGGER database_identity_no_delete BEFORE DELETE ON database_identity
BEGIN SELECT RAISE(ABORT, 'the database identity is never removed'); END;

-- INSERT OR REPLACE would delete the row it replaces without firing the delete trigger.
CREATE TRIGGER database_identity_one BEFORE INSERT ON database_identity
WHEN EXISTS (SELECT 1 FROM database_identity)
BEGIN SELECT RAISE(ABORT, 'the database has its identity already'); END;

-- The folder a mark went into, as the identity the folder carries (its file .finctl-handoff),
-- so that a folder moved or copied is still the same folder. NULL for marks made before 17:
-- those folders were known by their path (`dir`), and keep that path as their identity when
-- they are next handed off into. `dir` stays the path the mark was written at.
ALTER TABLE handoffs ADD COLUMN folder TEXT;

CREATE INDEX handoffs_folder ON handoffs (folder, id);
