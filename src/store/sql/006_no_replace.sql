-- finctl schema version 6: INSERT OR REPLACE deletes the row it replaces without firing delete
-- triggers, so it could rewrite a confirmed invoice, a line of one or a number series. An
-- insert whose key already exists is refused instead. (The change history is left without
-- such a guard: a trigger on every history insert costs a bulk load a third of its time.)

CREATE TRIGGER invoices_no_replace BEFORE INSERT ON invoices
WHEN EXISTS (SELECT 1 FROM invoices WHERE id = NEW.id OR number = NEW.number)
BEGIN SELECT RAISE(ABORT, 'invoices are never replaced'); END;

CREATE TRIGGER invoice_lines_no_replace BEFORE INSERT ON invoice_lines
WHEN EXISTS (SELECT 1 FROM invoice_lines WHERE id = NEW.id
                 OR (invoice_id = NEW.invoice_id AND position = NEW.position))
BEGIN SELECT RAISE(ABORT, 'invoice lines are never replaced'); END;

CREATE TRIGGER number_series_no_replace BEFORE INSERT ON number_series
WHEN EXISTS (SELECT 1 FROM number_series WHERE series = NEW.series AND year = NEW.year)
BEGIN SELECT RAISE(ABORT, 'invoice numbers are never reused'); END;

CREATE TRIGGER chain_head_no_replace BEFORE INSERT ON chain_head
WHEN EXISTS (SELECT 1 FROM chain_head WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'the chain head only moves forward'); END;
