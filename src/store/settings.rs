//! The seller's own details, as settings stored in the database: what invoices print and what
//! the ERP hand-off sends, and the VAT rate new items, plans and contract lines start with. Only
//! known keys are accepted; an admin changes them, with history.

use super::error::{Result, StoreError};
use super::{Store, Writer};
use crate::domain::default_vat;
use crate::domain::rights::Action;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Every setting: key, what it is.
pub const KEYS: &[(&str, &str)] = &[
    ("seller.name", "the seller's legal name"),
    (
        "seller.vat_id",
        "the seller's VAT identifier, with its country prefix (FI12345678)",
    ),
    (
        "seller.company_id",
        "the seller's registration number (business ID)",
    ),
    ("seller.street", "street address"),
    ("seller.city", "city"),
    ("seller.postcode", "postal code"),
    ("seller.country", "country code, ISO 3166-1 alpha-2 (FI)"),
    ("seller.iban", "bank account (IBAN) for payments"),
    ("seller.bic", "bank identifier (BIC)"),
    ("seller.email", "contact e-mail"),
    (
        "seller.default_vat_rate",
        "the VAT rate % new revenue items, billing plans and contract lines start with (25.5 when not set)",
    ),
];

/// The seller's details; empty strings where nothing is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub seller_name: String,
    pub seller_vat_id: String,
    pub seller_company_id: String,
    pub seller_street: String,
    pub seller_city: String,
    pub seller_postcode: String,
    pub seller_country: String,
    pub seller_iban: String,
    pub seller_bic: String,
    pub seller_email: String,
}

impl Settings {
    fn from_map(m: &BTreeMap<String, String>) -> Settings {
        let get = |k: &str| m.get(k).cloned().unwrap_or_default();
        Settings {
            seller_name: get("seller.name"),
            seller_vat_id: get("seller.vat_id"),
            seller_company_id: get("seller.company_id"),
            seller_street: get("seller.street"),
            seller_city: get("seller.city"),
            seller_postcode: get("seller.postcode"),
            seller_country: get("seller.country"),
            seller_iban: get("seller.iban"),
            seller_bic: get("seller.bic"),
            seller_email: get("seller.email"),
        }
    }

    /// The keys an invoice cannot do without (EN 16931 needs the seller's name, VAT id and
    /// country; a payment needs the account).
    pub fn missing_for_invoices(&self) -> Vec<&'static str> {
        [
            ("seller.name", &self.seller_name),
            ("seller.vat_id", &self.seller_vat_id),
            ("seller.country", &self.seller_country),
            ("seller.iban", &self.seller_iban),
        ]
        .into_iter()
        .filter(|(_, v)| v.trim().is_empty())
        .map(|(k, _)| k)
        .collect()
    }
}

/// The value stored for a key (a VAT rate as its plain figure), or why it is refused.
fn check(key: &str, value: &str) -> std::result::Result<String, String> {
    if !KEYS.iter().any(|(k, _)| *k == key) {
        let known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
        return Err(format!(
            "no setting {key:?}; the settings are {}",
            known.join(", ")
        ));
    }
    if value.chars().any(char::is_control) {
        return Err("a setting is one line of text".into());
    }
    match key {
        "seller.country"
            if !(value.len() == 2 && value.chars().all(|c| c.is_ascii_uppercase())) =>
        {
            Err("a country is two capital letters (ISO 3166-1 alpha-2), e.g. FI".into())
        }
        "seller.iban" if !value.is_empty() && !looks_like_iban(value) => Err(
            "an IBAN is written without spaces, country letters first (FI2112345600000785)".into(),
        ),
        "seller.default_vat_rate" => default_vat::read_setting(value)
            .map(|rate| rate.map(|r| r.to_string()).unwrap_or_default())
            .map_err(|e| e.0),
        _ => Ok(value.to_string()),
    }
}

fn looks_like_iban(v: &str) -> bool {
    v.len() >= 15
        && v.chars().all(|c| c.is_ascii_alphanumeric())
        && v[..2].chars().all(|c| c.is_ascii_uppercase())
}

fn set(w: &Writer<'_>, key: &str, value: &str) -> Result<()> {
    let old: Option<(i64, String)> = w
        .tx()
        .query_row(
            "SELECT id, value FROM settings WHERE key = ?1",
            [key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match old {
        Some((_, v)) if v == value => Ok(()),
        Some((id, v)) => {
            let version = w.bump_version("settings", "setting", id, None)?;
            w.tx().execute(
                "UPDATE settings SET value = ?1 WHERE id = ?2",
                params![value, id],
            )?;
            w.history("setting", id, version, key, Some(&v), Some(value), None)
        }
        None => {
            let id: i64 = w.tx().query_row(
                "INSERT INTO settings (key, value, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)
                 RETURNING id",
                params![key, value, w.user(), w.at()],
                |r| r.get(0),
            )?;
            w.history("setting", id, 1, key, None, Some(value), None)
        }
    }
}

impl Store {
    /// The seller's details.
    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings::from_map(&self.setting_values()?))
    }

    /// The VAT rate a new revenue item, billing plan or contract line starts with: the
    /// seller's `seller.default_vat_rate`, else 25.5 (`domain::default_vat`).
    pub fn default_vat_rate(&self) -> Result<Decimal> {
        let stored: Option<String> = self
            .conn()
            .query_row(
                "SELECT value FROM settings WHERE key = 'seller.default_vat_rate'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        default_vat::default_rate(stored.as_deref()).map_err(|e| StoreError::refused(e.0))
    }

    /// Every stored setting by key.
    pub fn setting_values(&self) -> Result<BTreeMap<String, String>> {
        let mut stmt = self.conn().prepare("SELECT key, value FROM settings")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets one setting (admins only); the value is trimmed.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let value = check(key, value.trim()).map_err(StoreError::refused)?;
        self.write(Action::Settings, |w| set(w, key, &value))
    }

    /// Sets several at once, all or none (the demo's seller).
    pub fn set_settings(&mut self, values: &[(&str, &str)]) -> Result<()> {
        let values = values
            .iter()
            .map(|(k, v)| Ok((*k, check(k, v.trim()).map_err(StoreError::refused)?)))
            .collect::<Result<Vec<_>>>()?;
        self.write(Action::Settings, |w| {
            for (k, v) in &values {
                set(w, k, v)?;
            }
            Ok(())
        })
    }
}
