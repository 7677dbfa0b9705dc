-- finctl schema: named billing plan templates, plan parts tied to a milestone, and (in Rust,
-- `move_data`) each progress forecast moved to its line's next period.

-- A template saved from a plan: shares of a total dated in days from the project start, as the
-- built-in templates are. Names are unique in any case (the built-ins' names are kept by the
-- store).
CREATE TABLE plan_templates (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    version         INTEGER NOT NULL DEFAULT 1,
    updated_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- Part of its template (no version: its history is the template's).
CREATE TABLE plan_template_parts (
    template_id     INTEGER NOT NULL REFERENCES plan_templates (id),
    position        INTEGER NOT NULL,
    label           TEXT NOT NULL,
    percent_micros  INTEGER NOT NULL CHECK (percent_micros > 0 AND percent_micros <= 100000000),
    offset_days     INTEGER NOT NULL,
    PRIMARY KEY (template_id, position)
) WITHOUT ROWID;

-- The milestone a part waits for: its item is a milestone item, released when the milestone is
-- reached, and the part's date follows the milestone's due date unless set by hand.
ALTER TABLE plan_parts ADD COLUMN milestone_id INTEGER REFERENCES milestones (id);
CREATE INDEX plan_parts_milestone ON plan_parts (milestone_id) WHERE milestone_id IS NOT NULL;
