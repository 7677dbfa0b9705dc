-- finctl schema version 19: the console lists an object's change history newest first, a
-- window at a time, keyed by the history row's id (`store/history_window.rs`). The index of
-- version 1 orders an object's rows by version, so a window after a given row had to read past
-- the newer rows; this one reads each window from its key on. The index of version 1 stays:
-- `verify` counts each object's versions from it alone.

CREATE INDEX change_history_object_row ON change_history (object, object_id, id);
