//! What of the database a console has shown: the `data_version` it last saw and the newest
//! change-history row it has named (see `live.rs`).

use crate::store::{Store, StoreError};

/// What the console has seen of the database.
#[derive(Debug, Clone, Copy, Default)]
pub struct Live {
    pub(super) data_version: i64,
    /// The newest change-history row already shown (own changes included).
    pub(super) history: i64,
}

impl Live {
    pub fn new(store: &Store) -> Result<Live, StoreError> {
        Ok(Live {
            data_version: store.data_version()?,
            history: store.newest_history_id()?,
        })
    }

    /// After one's own change: its history rows are not news.
    pub fn seen_own(&mut self, store: &Store) {
        if let Ok(id) = store.newest_history_id() {
            self.history = self.history.max(id);
        }
    }
}
