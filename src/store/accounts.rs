//! Accounts (customers): the one column list and row mapper of `accounts`, finding an account
//! by its external key or its name, and creating, editing and upserting one (finance and
//! admins), each with its history rows.

use super::codec;
use super::error::{Result, StoreError};
use super::master_data::{Stamp, Upserted, history_changes, history_created, merged_key, touches};
use super::{Store, Writer};
use crate::domain::Currency;
pub use crate::domain::account::AccountInput;
use crate::domain::account::{ADDRESS_FIELDS, AddressParts};
use crate::domain::master_field::{MasterField, changes};
use crate::domain::rights::Action;
use rusqlite::{Connection, OptionalExtension, Row, params};

/// An account as stored: who is billed, where, and on what terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    /// Its key in the system it was imported from.
    pub ext_key: Option<String>,
    pub name: String,
    pub billing_contact: String,
    pub email: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postcode: String,
    pub city: String,
    /// ISO 3166-1 alpha-2; empty: the seller's country.
    pub country_code: String,
    /// The address on one line, as invoices print it (built from the parts).
    pub address: String,
    pub vat_id: String,
    pub currency: Currency,
    pub payment_terms_days: i64,
    pub business_unit: String,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

impl Account {
    /// The account as an input: what an edit form starts from.
    pub fn input(&self) -> AccountInput {
        AccountInput {
            ext_key: self.ext_key.clone(),
            name: self.name.clone(),
            billing_contact: self.billing_contact.clone(),
            email: self.email.clone(),
            address_line1: self.address_line1.clone(),
            address_line2: self.address_line2.clone(),
            postcode: self.postcode.clone(),
            city: self.city.clone(),
            country_code: self.country_code.clone(),
            vat_id: self.vat_id.clone(),
            currency: self.currency.code().to_string(),
            payment_terms_days: self.payment_terms_days,
            business_unit: self.business_unit.clone(),
        }
    }

    pub fn address_parts(&self) -> AddressParts {
        self.input().address()
    }

    fn stamp(&self) -> Stamp {
        Stamp {
            version: self.version,
            updated_by: self.updated_by.clone(),
            updated_at: self.updated_at.clone(),
        }
    }

    /// The account of a row that starts with `ACCOUNT_COLUMNS`.
    fn from_row(r: &Row<'_>) -> Result<Account> {
        Ok(Account {
            id: r.get(0)?,
            ext_key: r.get(1)?,
            name: r.get(2)?,
            billing_contact: r.get(3)?,
            email: r.get(4)?,
            address_line1: r.get(5)?,
            address_line2: r.get(6)?,
            postcode: r.get(7)?,
            city: r.get(8)?,
            country_code: r.get(9)?,
            address: r.get(10)?,
            vat_id: r.get(11)?,
            currency: codec::currency(&r.get::<_, String>(12)?)?,
            payment_terms_days: r.get(13)?,
            business_unit: r.get(14)?,
            version: r.get(15)?,
            updated_by: r.get(16)?,
            updated_at: r.get(17)?,
        })
    }
}

/// The columns of an account, in the order `Account::from_row` reads them.
const ACCOUNT_COLUMNS: &str = "id, ext_key, name, billing_contact, email, address_line1,
    address_line2, postcode, city, country_code, address, vat_id, currency, payment_terms_days,
    business_unit, version, updated_by, updated_at";

/// The accounts `filter` (a `WHERE` clause on `?1`) selects.
fn accounts_where(
    conn: &Connection,
    filter: &str,
    arg: &dyn rusqlite::ToSql,
) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE {filter}"
    ))?;
    let mut rows = stmt.query([arg])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Account::from_row(r)?);
    }
    Ok(out)
}

/// Account `id`, or `NotFound`.
pub fn load_account(conn: &Connection, id: i64) -> Result<Account> {
    accounts_where(conn, "id = ?1", &id)?
        .pop()
        .ok_or(StoreError::NotFound {
            object: "account",
            id,
        })
}

/// The account with this external key, if there is one.
pub fn account_by_key(conn: &Connection, key: &str) -> Result<Option<Account>> {
    Ok(accounts_where(conn, "ext_key = ?1", &key.trim())?.pop())
}

/// The account with this name (trimmed, any case), if there is one; refused when several
/// older accounts share it.
pub fn account_by_name(conn: &Connection, name: &str) -> Result<Option<Account>> {
    let mut found = accounts_where(conn, "name = ?1 COLLATE NOCASE ORDER BY id", &name.trim())?;
    if found.len() > 1 {
        return Err(StoreError::refused(format!(
            "{} accounts are named {:?}: give the row its key, or rename one",
            found.len(),
            name.trim()
        )));
    }
    Ok(found.pop())
}

/// The account an input is about: by its external key, else by its name.
pub fn find_account(conn: &Connection, key: Option<&str>, name: &str) -> Result<Option<Account>> {
    if let Some(found) = key.map(|k| account_by_key(conn, k)).transpose()?.flatten() {
        return Ok(Some(found));
    }
    account_by_name(conn, name)
}

/// Refuses a name another account has (in any case) and a key another account has.
fn check_unique(conn: &Connection, a: &AccountInput, id: i64) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached("SELECT name FROM accounts WHERE name = ?1 COLLATE NOCASE AND id <> ?2")?
        .query_row(params![a.name, id], |r| r.get(0))
        .optional()?;
    if let Some(other) = taken {
        return Err(StoreError::Invalid {
            field: MasterField::Name,
            message: format!("an account named {other:?} exists already"),
        });
    }
    if let Some(key) = &a.ext_key {
        let other: Option<String> = conn
            .prepare_cached("SELECT name FROM accounts WHERE ext_key = ?1 AND id <> ?2")?
            .query_row(params![key, id], |r| r.get(0))
            .optional()?;
        if let Some(other) = other {
            return Err(StoreError::Invalid {
                field: MasterField::ExtKey,
                message: format!("key {key:?} is account {other:?}'s"),
            });
        }
    }
    Ok(())
}

/// Creates an account (finance and admins); `reason` goes to its history row.
pub fn insert_account(w: &Writer<'_>, a: &AccountInput, reason: Option<&str>) -> Result<i64> {
    w.require(Action::EditMasterData)?;
    let a = a.checked()?;
    check_unique(w.tx(), &a, 0)?;
    let id: i64 = w.tx().query_row(
        "INSERT INTO accounts (ext_key, name, billing_contact, email, address_line1, address_line2,
            postcode, city, country_code, address, vat_id, currency, payment_terms_days,
            business_unit, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id",
        params![
            a.ext_key,
            a.name,
            a.billing_contact,
            a.email,
            a.address_line1,
            a.address_line2,
            a.postcode,
            a.city,
            a.country_code,
            a.address().one_line(),
            a.vat_id,
            a.currency,
            a.payment_terms_days,
            a.business_unit,
            w.user(),
            w.at()
        ],
        |r| r.get(0),
    )?;
    history_created(w, "account", id, &a.fields(), reason)?;
    Ok(id)
}

/// Edits account `id` to `a` (finance and admins): `seen` is the version the user saw (`None`:
/// as found). One history row per changed field, with `reason`; nothing changed writes
/// nothing. A key the input lacks stays as stored. Returns the changed fields' names.
pub fn update_account_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    a: &AccountInput,
    reason: Option<&str>,
) -> Result<Vec<&'static str>> {
    w.require(Action::EditMasterData)?;
    let stored = load_account(w.tx(), id)?;
    stored.stamp().check_seen("account", id, seen)?;
    let mut new = a.checked()?;
    let what = format!("account {:?}", stored.name);
    new.ext_key = merged_key(&what, &stored.ext_key, &new.ext_key)?;
    let changes = changes(&stored.input().fields(), &new.fields());
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    check_unique(w.tx(), &new, id)?;
    // The one line follows the parts when they change (an older line stays as it was).
    let address = if ADDRESS_FIELDS.iter().any(|&f| touches(&changes, f)) {
        new.address().one_line()
    } else {
        stored.address
    };
    let v = w.bump_version("accounts", "account", id, Some(stored.version))?;
    w.tx().execute(
        "UPDATE accounts SET ext_key = ?1, name = ?2, billing_contact = ?3, email = ?4,
            address_line1 = ?5, address_line2 = ?6, postcode = ?7, city = ?8, country_code = ?9,
            address = ?10, vat_id = ?11, currency = ?12, payment_terms_days = ?13,
            business_unit = ?14
         WHERE id = ?15",
        params![
            new.ext_key,
            new.name,
            new.billing_contact,
            new.email,
            new.address_line1,
            new.address_line2,
            new.postcode,
            new.city,
            new.country_code,
            address,
            new.vat_id,
            new.currency,
            new.payment_terms_days,
            new.business_unit,
            id
        ],
    )?;
    history_changes(w, "account", id, v, &changes, reason)
}

/// Creates the account, or updates the one with its key (else with its name) to it: the
/// import's step for one row. An unchanged row writes nothing.
pub fn upsert_account(w: &Writer<'_>, a: &AccountInput, reason: Option<&str>) -> Result<Upserted> {
    w.require(Action::EditMasterData)?;
    let a = a.checked()?;
    match find_account(w.tx(), a.ext_key.as_deref(), &a.name)? {
        Some(found) => Ok(Upserted::of_edit(
            found.id,
            update_account_at(w, found.id, None, &a, reason)?,
        )),
        None => Ok(Upserted::New(insert_account(w, &a, reason)?)),
    }
}

impl Store {
    /// Account `id`, or `NotFound`.
    pub fn account(&self, id: i64) -> Result<Account> {
        load_account(self.conn(), id)
    }

    pub fn account_by_key(&self, key: &str) -> Result<Option<Account>> {
        account_by_key(self.conn(), key)
    }

    pub fn account_by_name(&self, name: &str) -> Result<Option<Account>> {
        account_by_name(self.conn(), name)
    }

    /// The account with this key, else with this name.
    pub fn find_account(&self, key: Option<&str>, name: &str) -> Result<Option<Account>> {
        find_account(self.conn(), key, name)
    }

    pub fn create_account(&mut self, a: &AccountInput) -> Result<i64> {
        self.write(Action::EditMasterData, |w| insert_account(w, a, None))
    }

    /// Edits an account seen at `version`; returns the changed fields' names.
    pub fn update_account(
        &mut self,
        id: i64,
        version: i64,
        a: &AccountInput,
        reason: Option<&str>,
    ) -> Result<Vec<&'static str>> {
        self.write(Action::EditMasterData, |w| {
            update_account_at(w, id, Some(version), a, reason)
        })
    }
}
