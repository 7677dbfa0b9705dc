//! The choices a form's picker offers: the projects, accounts, price lists or milestones whose
//! code or name contains what the user typed, exact and leading matches first, a few at a time.

use super::Store;
use super::error::Result;

/// What a picker chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickOf<'a> {
    Project,
    Account,
    PriceList,
    /// The milestones of the project with this code.
    Milestone {
        project_code: &'a str,
    },
}

/// One choice: what goes into the field (`key`: a project or milestone code, an account or
/// price list name), what tells it apart, and its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    pub id: i64,
    pub key: String,
    pub detail: String,
}

/// The most choices one lookup returns: more than a dropdown shows, so that it can say there
/// are more to narrow.
pub const PICK_LIMIT: usize = 50;

impl Store {
    /// The choices for `text`: each whose code or name contains it (case does not matter),
    /// the one equal to it first, then those starting with it, then the rest by key.
    pub fn pick(&self, of: PickOf<'_>, text: &str) -> Result<Vec<PickOption>> {
        let text = text.trim().to_lowercase();
        // id, key, detail and name of each kind; `?1` is the text, `?2` the project code.
        let sql = match of {
            PickOf::Project => {
                "SELECT p.id AS id, p.code AS key, p.name || ' · ' || a.name || ' · ' \
                     || p.status || ' · ' || p.currency AS detail, p.name AS name
                 FROM projects p JOIN accounts a ON a.id = p.account_id
                 WHERE ?2 IS NULL"
            }
            PickOf::Account => {
                "SELECT id, name AS key, currency || CASE WHEN city = '' THEN '' \
                     ELSE ' · ' || city END || CASE WHEN vat_id = '' THEN '' \
                     ELSE ' · ' || vat_id END || CASE WHEN business_unit = '' THEN '' \
                     ELSE ' · ' || business_unit END AS detail, name
                 FROM accounts WHERE ?2 IS NULL"
            }
            PickOf::PriceList => {
                "SELECT id, name AS key, currency AS detail, name FROM price_lists WHERE ?2 IS NULL"
            }
            PickOf::Milestone { .. } => {
                "SELECT m.id AS id, m.code AS key, m.name || ' · due ' || m.due_date \
                     || CASE WHEN m.reached_at IS NULL THEN '' ELSE ' · reached' END AS detail, \
                     m.name AS name
                 FROM milestones m JOIN projects p ON p.id = m.project_id
                 WHERE p.code = ?2"
            }
        };
        let project = match of {
            PickOf::Milestone { project_code } => Some(project_code.trim()),
            _ => None,
        };
        let sql = format!(
            "SELECT id, key, detail FROM ({sql})
             WHERE instr(lower(key), ?1) > 0 OR instr(lower(name), ?1) > 0
             ORDER BY lower(key) = ?1 DESC, instr(lower(key), ?1) = 1 DESC, key, id
             LIMIT ?3"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params![text, project, PICK_LIMIT as i64], |r| {
            Ok(PickOption {
                id: r.get(0)?,
                key: r.get(1)?,
                detail: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
