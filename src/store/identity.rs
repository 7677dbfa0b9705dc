//! The database's identity: 32 random hexadecimal digits made once (migration 17) and kept by
//! every copy of the file. A hand-off folder records it on its first hand-off, so that no other
//! database writes into that folder.

use super::Store;
use super::error::Result;

impl Store {
    pub fn database_identity(&self) -> Result<String> {
        Ok(self.conn().query_row(
            "SELECT identity FROM database_identity WHERE id = 1",
            [],
            |r| r.get(0),
        )?)
    }
}
