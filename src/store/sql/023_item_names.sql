-- finctl schema version 23: every name a revenue item has had, once each, so that a filter of
-- one or two letters (shorter than the trigram index's three) can tell at once that no item's
-- name contains it, instead of reading a million names to find none (`names_of` in
-- `store/item_list.rs`). Kept in step by the store in the statements that index names for the trigram
-- index (`search_add`, and `write_new_items` for batches), not by a trigger, for the same
-- reason. Names are never taken out: a name no item has any more only sends a filter to the
-- items, which then find none. `finctl verify` checks that every item's name is here.

CREATE TABLE item_names (
    name TEXT PRIMARY KEY
) WITHOUT ROWID;

INSERT OR IGNORE INTO item_names (name) SELECT name FROM revenue_items;
