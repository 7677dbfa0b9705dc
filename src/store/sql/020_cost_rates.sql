-- finctl schema version 20: cost rates, what an hour of a person's time costs the company, in a
-- currency, from a day on, for the report's cost, margin and utilisation (docs/rules.md,
-- "Profitability and utilisation"). One rate per person, currency and first day; the rate of a
-- time report is the person's latest in its project's currency that began on or before its date.

CREATE TABLE cost_rates (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    person              TEXT NOT NULL CHECK (length(trim(person)) > 0),
    currency            TEXT NOT NULL,
    -- The first day it applies; 1970-01-01 when the source gave none.
    valid_from          TEXT NOT NULL,
    -- Below 1,000,000 in the currency's units, so that hours_micros x hourly_cost_minor fits.
    hourly_cost_minor   INTEGER NOT NULL CHECK (hourly_cost_minor >= 0 AND hourly_cost_minor < 100000000),
    version             INTEGER NOT NULL DEFAULT 1,
    updated_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (person, currency, valid_from)
);

-- The report reads the rate of each time report through the UNIQUE index (person, currency,
-- valid_from). Its sums read the time reports of a range of days from this covering index
-- alone; the breakdown of a person's row finds their reports by the second.
CREATE INDEX time_reports_date ON time_reports (work_date, project_id, person, billable, hours_micros);
CREATE INDEX time_reports_person ON time_reports (person, work_date);

CREATE TRIGGER cost_rates_dates_insert BEFORE INSERT ON cost_rates
WHEN (date(NEW.valid_from) IS NOT NEW.valid_from
       OR NEW.valid_from NOT BETWEEN '1970-01-01' AND '2100-12-31')
BEGIN SELECT RAISE(ABORT, 'a cost rate''s first day is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;

CREATE TRIGGER cost_rates_dates_update BEFORE UPDATE OF valid_from ON cost_rates
WHEN (date(NEW.valid_from) IS NOT NEW.valid_from
       OR NEW.valid_from NOT BETWEEN '1970-01-01' AND '2100-12-31')
BEGIN SELECT RAISE(ABORT, 'a cost rate''s first day is outside 1970-01-01 to 2100-12-31, the dates finctl keeps'); END;
