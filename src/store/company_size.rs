//! How much of a company the database holds: what the console's first run asks.

use super::Store;
use super::error::Result;

impl Store {
    /// How many accounts there are (none: a database nothing has come into yet).
    pub fn account_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT count(*) FROM accounts")?
            .query_row([], |r| r.get(0))?)
    }
}
