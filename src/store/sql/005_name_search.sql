-- finctl schema version 5: a trigram index over revenue item names, so that a filter typed in
-- the console finds the few items whose name contains it without reading a million rows.
-- External content (the names stay in revenue_items). The store keeps it in step in the
-- transactions that create, rename and delete items: in one statement per batch, because a
-- trigger would flush the index once per row (fifteen times slower on a bulk load).
-- `finctl verify` runs its integrity check.

CREATE VIRTUAL TABLE revenue_item_search USING fts5(
    name,
    content = 'revenue_items',
    content_rowid = 'id',
    tokenize = 'trigram',
    detail = 'none'
);

INSERT INTO revenue_item_search (revenue_item_search) VALUES ('rebuild');
