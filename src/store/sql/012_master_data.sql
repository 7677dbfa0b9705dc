-- finctl schema version 12: master data from other systems. Every imported table keeps the
-- row's key in the system it came from (ext_key, unique where set; a milestone's within its
-- project), so that importing again updates instead of duplicating. Accounts carry their
-- billing email and their address in parts (the one-line `address` stays: it is built from
-- the parts, and the migration splits each older line into parts, in Rust, right after this
-- file: see migrations.rs). Projects get a business unit, time reports a description.

ALTER TABLE accounts ADD COLUMN ext_key TEXT;
ALTER TABLE accounts ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN address_line1 TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN address_line2 TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN postcode TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN city TEXT NOT NULL DEFAULT '';
-- ISO 3166-1 alpha-2, or empty: the seller's country.
ALTER TABLE accounts ADD COLUMN country_code TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX accounts_ext_key ON accounts (ext_key) WHERE ext_key IS NOT NULL;

ALTER TABLE price_lists ADD COLUMN ext_key TEXT;
CREATE UNIQUE INDEX price_lists_ext_key ON price_lists (ext_key) WHERE ext_key IS NOT NULL;

ALTER TABLE projects ADD COLUMN ext_key TEXT;
ALTER TABLE projects ADD COLUMN business_unit TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX projects_ext_key ON projects (ext_key) WHERE ext_key IS NOT NULL;

ALTER TABLE milestones ADD COLUMN ext_key TEXT;
CREATE UNIQUE INDEX milestones_ext_key ON milestones (project_id, ext_key) WHERE ext_key IS NOT NULL;

ALTER TABLE time_reports ADD COLUMN ext_key TEXT;
ALTER TABLE time_reports ADD COLUMN description TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX time_reports_ext_key ON time_reports (ext_key) WHERE ext_key IS NOT NULL;

ALTER TABLE expenses ADD COLUMN ext_key TEXT;
CREATE UNIQUE INDEX expenses_ext_key ON expenses (ext_key) WHERE ext_key IS NOT NULL;

ALTER TABLE revenue_items ADD COLUMN ext_key TEXT;
CREATE UNIQUE INDEX revenue_items_ext_key ON revenue_items (ext_key) WHERE ext_key IS NOT NULL;
