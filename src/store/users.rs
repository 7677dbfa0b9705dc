//! Users and their roles. The user is the operating-system account; the store only records
//! which role each account has in this database.

use super::error::{Result, StoreError};
use super::{Actor, Store};
use crate::domain::NumberFormat;
use crate::domain::chain_key::ChainKey;
use crate::domain::rights::{Action, Role};
use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// The role of `name`, read inside the caller's transaction.
pub(super) fn role_of(conn: &Connection, name: &str) -> Result<Role> {
    let role: Option<String> = conn
        .query_row("SELECT role FROM users WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    match role {
        Some(r) => super::codec::parse(&r),
        None => Err(StoreError::refused(format!(
            "{name} is not a user of this database"
        ))),
    }
}

/// Registers `name` on first sight: the first user of a database is admin, later ones viewer.
pub(super) fn ensure_user(conn: &mut Connection, key: &ChainKey, name: &str) -> Result<Actor> {
    if name.trim().is_empty() {
        return Err(StoreError::refused("cannot act without a user name"));
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let history_from = super::history_seal::newest_row(&tx)?;
    let existing: Option<String> = tx
        .query_row("SELECT role FROM users WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()?;
    let role = match existing {
        Some(r) => super::codec::parse(&r)?,
        None => {
            let count: i64 = tx.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
            let role = if count == 0 {
                Role::Admin
            } else {
                Role::Viewer
            };
            let at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
            tx.execute(
                "INSERT INTO users (name, role, updated_by, updated_at) VALUES (?1, ?2, ?1, ?3)",
                params![name, role.as_str(), at],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO change_history (at, user, object, object_id, version, field, old, new)
                 VALUES (?1, ?2, 'user', ?3, 1, 'created', NULL, ?4)",
                params![
                    at,
                    name,
                    id,
                    serde_json::json!({"name": name, "role": role.as_str()}).to_string()
                ],
            )?;
            tracing::info!(user = name, role = role.as_str(), "registered user");
            role
        }
    };
    super::history_seal::seal(&tx, key, history_from)?;
    tx.commit()?;
    Ok(Actor {
        name: name.to_string(),
        role,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub role: Role,
    pub version: i64,
    /// The number format the user chose; `None`: their locale's (`user_numbers.rs`).
    pub number_format: Option<NumberFormat>,
}

impl Store {
    pub fn users(&self) -> Result<Vec<User>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name, role, version, number_format FROM users ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (name, role, version, numbers) = row?;
            Ok(User {
                name,
                role: super::codec::parse(&role)?,
                version,
                number_format: numbers.map(|n| super::codec::parse(&n)).transpose()?,
            })
        })
        .collect()
    }

    /// Gives `name` a role (admins only), adding the user if new. An admin cannot demote
    /// themselves, so a database always keeps an admin.
    pub fn set_role(&mut self, name: &str, role: Role) -> Result<()> {
        if name == self.actor().name && role != Role::Admin {
            return Err(StoreError::refused(
                "you cannot take admin rights from yourself: ask another admin",
            ));
        }
        self.write(Action::ManageUsers, |w| {
            let existing: Option<(i64, String)> = w
                .tx()
                .query_row("SELECT id, role FROM users WHERE name = ?1", [name], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            match existing {
                Some((id, old)) => {
                    if old == role.as_str() {
                        return Ok(());
                    }
                    let v = w.bump_version("users", "user", id, None)?;
                    w.tx().execute(
                        "UPDATE users SET role = ?1 WHERE id = ?2",
                        params![role.as_str(), id],
                    )?;
                    w.history("user", id, v, "role", Some(&old), Some(role.as_str()), None)
                }
                None => {
                    w.tx().execute(
                        "INSERT INTO users (name, role, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)",
                        params![name, role.as_str(), w.user(), w.at()],
                    )?;
                    let id = w.tx().last_insert_rowid();
                    w.history_created(
                        "user",
                        id,
                        &serde_json::json!({"name": name, "role": role.as_str()}),
                    )
                }
            }
        })
    }
}
