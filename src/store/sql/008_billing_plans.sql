-- finctl schema version 8: billing plans, a project's billing as dated parts (percentages of a
-- total, or amounts), each part a revenue item (origin billing plan).

CREATE TABLE billing_plans (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id      INTEGER NOT NULL UNIQUE REFERENCES projects (id),
    total_minor     INTEGER NOT NULL CHECK (total_minor >= 0),
    currency        TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    updated_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE plan_parts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id             INTEGER NOT NULL REFERENCES billing_plans (id),
    position            INTEGER NOT NULL,
    label               TEXT NOT NULL,
    -- Exactly one of the two: a share of the total, or an amount.
    percent_micros      INTEGER,
    amount_minor        INTEGER,
    planned_date        TEXT NOT NULL,
    -- Days after the project start, for dates that follow it.
    offset_days         INTEGER,
    date_set_by_hand    INTEGER NOT NULL DEFAULT 0 CHECK (date_set_by_hand IN (0, 1)),
    revenue_item_id     INTEGER NOT NULL REFERENCES revenue_items (id),
    version             INTEGER NOT NULL DEFAULT 1,
    updated_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (plan_id, position),
    CHECK ((percent_micros IS NULL) <> (amount_minor IS NULL))
);
CREATE INDEX plan_parts_item ON plan_parts (revenue_item_id);
