-- finctl schema version 15: each user's number format, the way they read and type figures
-- (issue 11), named by how it writes 1234.56. NULL: the user chose none, and the format of the
-- locale finctl runs in applies (LC_ALL, LC_NUMERIC, LANG; 1,234.56 where they name none).

ALTER TABLE users ADD COLUMN number_format TEXT
    CHECK (number_format IN ('1,234.56', '1 234,56', '1.234,56', '1''234.56'));
