//! Price lists and their rates: reading one, finding one by its external key or its name, and
//! creating, editing and upserting one (finance and admins), each with its history rows (the
//! rates recorded as one `rates` field of the list).

use super::codec;
use super::error::{Result, StoreError};
use super::master_data::{
    RateOwner, Stamp, Upserted, history_changes, history_created, load_rates, merged_key, touches,
    write_rates,
};
use super::{Store, Writer};
use crate::domain::Currency;
use crate::domain::master_field::{MasterField, changes};
pub use crate::domain::price_list::PriceListInput;
use crate::domain::price_list::check_currency_change;
use crate::domain::rates::Rate;
use crate::domain::rights::Action;
use rusqlite::{Connection, OptionalExtension, params};

/// A price list as stored, with its rates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceList {
    pub id: i64,
    pub ext_key: Option<String>,
    pub name: String,
    pub currency: Currency,
    /// By role, the role's own rate before its people's.
    pub rates: Vec<Rate>,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: String,
}

impl PriceList {
    /// The list as an input: what an edit form starts from.
    pub fn input(&self) -> PriceListInput {
        PriceListInput {
            ext_key: self.ext_key.clone(),
            name: self.name.clone(),
            currency: self.currency.code().to_string(),
            rates: self.rates.clone(),
        }
    }
}

/// The price lists `filter` (a `WHERE` clause on `?1`) selects, with their rates.
fn lists_where(
    conn: &Connection,
    filter: &str,
    arg: &dyn rusqlite::ToSql,
) -> Result<Vec<PriceList>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, ext_key, name, currency, version, updated_by, updated_at
         FROM price_lists WHERE {filter}"
    ))?;
    let mut rows = stmt.query([arg])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let id = r.get(0)?;
        out.push(PriceList {
            id,
            ext_key: r.get(1)?,
            name: r.get(2)?,
            currency: codec::currency(&r.get::<_, String>(3)?)?,
            rates: load_rates(conn, RateOwner::PriceList, id)?,
            version: r.get(4)?,
            updated_by: r.get(5)?,
            updated_at: r.get(6)?,
        });
    }
    Ok(out)
}

/// Price list `id`, or `NotFound`.
pub fn load_price_list(conn: &Connection, id: i64) -> Result<PriceList> {
    lists_where(conn, "id = ?1", &id)?
        .pop()
        .ok_or(StoreError::NotFound {
            object: "price list",
            id,
        })
}

/// The price list with this external key, if there is one.
pub fn price_list_by_key(conn: &Connection, key: &str) -> Result<Option<PriceList>> {
    Ok(lists_where(conn, "ext_key = ?1", &key.trim())?.pop())
}

/// The price list with this name (trimmed, any case), if there is one.
pub fn price_list_by_name(conn: &Connection, name: &str) -> Result<Option<PriceList>> {
    let mut found = lists_where(conn, "name = ?1 COLLATE NOCASE ORDER BY id", &name.trim())?;
    if found.len() > 1 {
        return Err(StoreError::refused(format!(
            "{} price lists are named {:?} in some case: give the row its key",
            found.len(),
            name.trim()
        )));
    }
    Ok(found.pop())
}

/// The price list an input is about: by its external key, else by its name.
pub fn find_price_list(
    conn: &Connection,
    key: Option<&str>,
    name: &str,
) -> Result<Option<PriceList>> {
    if let Some(found) = key
        .map(|k| price_list_by_key(conn, k))
        .transpose()?
        .flatten()
    {
        return Ok(Some(found));
    }
    price_list_by_name(conn, name)
}

fn check_unique(conn: &Connection, p: &PriceListInput, id: i64) -> Result<()> {
    let taken: Option<String> = conn
        .prepare_cached("SELECT name FROM price_lists WHERE name = ?1 COLLATE NOCASE AND id <> ?2")?
        .query_row(params![p.name, id], |r| r.get(0))
        .optional()?;
    if let Some(other) = taken {
        return Err(StoreError::Invalid {
            field: MasterField::Name,
            message: format!("a price list named {other:?} exists already"),
        });
    }
    if let Some(key) = &p.ext_key {
        let other: Option<String> = conn
            .prepare_cached("SELECT name FROM price_lists WHERE ext_key = ?1 AND id <> ?2")?
            .query_row(params![key, id], |r| r.get(0))
            .optional()?;
        if let Some(other) = other {
            return Err(StoreError::Invalid {
                field: MasterField::ExtKey,
                message: format!("key {key:?} is price list {other:?}'s"),
            });
        }
    }
    Ok(())
}

/// Creates a price list with its rates (finance and admins).
pub fn insert_price_list(w: &Writer<'_>, p: &PriceListInput, reason: Option<&str>) -> Result<i64> {
    w.require(Action::EditMasterData)?;
    let p = p.checked()?;
    check_unique(w.tx(), &p, 0)?;
    let id: i64 = w.tx().query_row(
        "INSERT INTO price_lists (ext_key, name, currency, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![p.ext_key, p.name, p.currency, w.user(), w.at()],
        |r| r.get(0),
    )?;
    write_rates(w, RateOwner::PriceList, id, &p.rates)?;
    history_created(w, "price_list", id, &p.fields(), reason)?;
    Ok(id)
}

/// Edits price list `id` to `p` (finance and admins), its rates too; `seen` as for accounts.
/// Its currency stays while projects use it. Returns the changed fields' names.
pub fn update_price_list_at(
    w: &Writer<'_>,
    id: i64,
    seen: Option<i64>,
    p: &PriceListInput,
    reason: Option<&str>,
) -> Result<Vec<&'static str>> {
    w.require(Action::EditMasterData)?;
    let stored = load_price_list(w.tx(), id)?;
    let stamp = Stamp {
        version: stored.version,
        updated_by: stored.updated_by.clone(),
        updated_at: stored.updated_at.clone(),
    };
    stamp.check_seen("price list", id, seen)?;
    let mut new = p.checked()?;
    let what = format!("price list {:?}", stored.name);
    new.ext_key = merged_key(&what, &stored.ext_key, &new.ext_key)?;
    let changes = changes(&stored.input().fields(), &new.fields());
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    check_unique(w.tx(), &new, id)?;
    if touches(&changes, MasterField::Currency) {
        let projects: i64 = w.tx().query_row(
            "SELECT count(*) FROM projects WHERE price_list_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        check_currency_change(&stored.name, stored.currency.code(), projects)?;
    }
    let v = w.bump_version("price_lists", "price list", id, Some(stored.version))?;
    w.tx().execute(
        "UPDATE price_lists SET ext_key = ?1, name = ?2, currency = ?3 WHERE id = ?4",
        params![new.ext_key, new.name, new.currency, id],
    )?;
    if touches(&changes, MasterField::Rates) {
        write_rates(w, RateOwner::PriceList, id, &new.rates)?;
        // Every project on the list prices its time anew (those with their own rate for a
        // role keep it: the domain's precedence decides, not this).
        let projects: Vec<i64> = w
            .tx()
            .prepare_cached("SELECT id FROM projects WHERE price_list_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for p in projects {
            w.reprice_project(p, format!("price list {:?} rates changed", stored.name));
        }
    }
    history_changes(w, "price_list", id, v, &changes, reason)
}

/// Creates the price list, or updates the one with its key (else its name) to it.
pub fn upsert_price_list(
    w: &Writer<'_>,
    p: &PriceListInput,
    reason: Option<&str>,
) -> Result<Upserted> {
    w.require(Action::EditMasterData)?;
    let p = p.checked()?;
    match find_price_list(w.tx(), p.ext_key.as_deref(), &p.name)? {
        Some(found) => Ok(Upserted::of_edit(
            found.id,
            update_price_list_at(w, found.id, None, &p, reason)?,
        )),
        None => Ok(Upserted::New(insert_price_list(w, &p, reason)?)),
    }
}

impl Store {
    pub fn price_list(&self, id: i64) -> Result<PriceList> {
        load_price_list(self.conn(), id)
    }

    pub fn price_list_by_key(&self, key: &str) -> Result<Option<PriceList>> {
        price_list_by_key(self.conn(), key)
    }

    pub fn price_list_by_name(&self, name: &str) -> Result<Option<PriceList>> {
        price_list_by_name(self.conn(), name)
    }

    /// The price list with this key, else with this name.
    pub fn find_price_list(&self, key: Option<&str>, name: &str) -> Result<Option<PriceList>> {
        find_price_list(self.conn(), key, name)
    }

    pub fn create_price_list(&mut self, p: &PriceListInput) -> Result<i64> {
        self.write(Action::EditMasterData, |w| insert_price_list(w, p, None))
    }

    /// Edits a price list seen at `version`; returns the changed fields' names.
    pub fn update_price_list(
        &mut self,
        id: i64,
        version: i64,
        p: &PriceListInput,
        reason: Option<&str>,
    ) -> Result<Vec<&'static str>> {
        self.write(Action::EditMasterData, |w| {
            update_price_list_at(w, id, Some(version), p, reason)
        })
    }
}
