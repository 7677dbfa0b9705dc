//! Everything one UBL document says, resolved from the invoice, the seller's settings and the
//! buyer's account before any XML is written, so that a document that cannot satisfy the rules
//! is refused with a reason instead of written half right.

use super::party::{self, Address, Endpoint};
use super::vat::{self, Category};
use crate::domain::invoice_totals::Totals;
use crate::domain::numbering::DocumentKind;
use crate::store::documents::Invoice;
use crate::store::handoff::Buyer;
use crate::store::settings::Settings;
use chrono::NaiveDate;
use rust_decimal::Decimal;

pub struct Seller<'a> {
    pub settings: &'a Settings,
    pub endpoint: Endpoint,
    pub address: Address,
}

pub struct Customer {
    pub name: String,
    pub contact: String,
    pub email: String,
    pub vat_id: String,
    pub address: Address,
    pub endpoint: Endpoint,
}

pub struct Document<'a> {
    pub invoice: &'a Invoice,
    pub number: String,
    pub seller: &'a Seller<'a>,
    pub buyer: Customer,
    /// The credited invoice's number and date (credit notes).
    pub credited: Option<(String, NaiveDate)>,
    pub totals: Totals,
    /// The VAT category of each rate of the document.
    pub categories: Vec<(Decimal, Category)>,
}

impl Document<'_> {
    pub fn category(&self, rate: Decimal) -> Category {
        self.categories
            .iter()
            .find(|(r, _)| *r == rate.normalize())
            .map(|(_, c)| *c)
            .unwrap_or_else(|| vat::category(rate, "", "", false))
    }

    pub fn is_credit_note(&self) -> bool {
        self.invoice.kind == DocumentKind::CreditNote
    }

    /// PEPPOL needs a buyer reference or an order reference (PEPPOL-EN16931-R003): the
    /// account's billing contact is what the buyer routes the document by; without one, the
    /// document's own number.
    pub fn buyer_reference(&self) -> String {
        match super::xml::clean(&self.buyer.contact) {
            c if c.is_empty() => self.number.clone(),
            c => c,
        }
    }
}

/// The seller from the settings; refused when the settings cannot make a valid document.
pub fn seller(settings: &Settings) -> Result<Seller<'_>, String> {
    let missing = settings.missing_for_invoices();
    if !missing.is_empty() {
        return Err(format!(
            "the seller's settings are incomplete: set {} (finctl settings set KEY VALUE, admins)",
            missing.join(", ")
        ));
    }
    let endpoint = party::vat_endpoint(&settings.seller_vat_id).ok_or_else(|| {
        format!(
            "seller.vat_id {:?}: no PEPPOL electronic address scheme is known for VAT ids of its country",
            settings.seller_vat_id
        )
    })?;
    Ok(Seller {
        settings,
        endpoint,
        address: Address {
            street: settings.seller_street.clone(),
            additional_street: String::new(),
            city: settings.seller_city.clone(),
            postcode: settings.seller_postcode.clone(),
            country: settings.seller_country.clone(),
        },
    })
}

/// Resolves one confirmed document.
pub fn document<'a>(
    invoice: &'a Invoice,
    seller: &'a Seller<'a>,
    buyer: &Buyer,
    credited: Option<(String, NaiveDate)>,
) -> Result<Document<'a>, String> {
    let number = invoice.number.clone().ok_or_else(|| {
        format!(
            "invoice {} is a draft: only confirmed ones are handed off",
            invoice.id
        )
    })?;
    if invoice.lines.is_empty() {
        return Err(format!("{number} has no lines"));
    }
    let seller_country = seller.settings.seller_country.as_str();
    let address = party::address_of(&buyer.parts, seller_country);
    let endpoint = party::buyer_endpoint(&buyer.vat_id, &address.country, buyer.account_id)
        .ok_or_else(|| {
            format!(
                "{number}: account {:?} has no VAT id of a country with a PEPPOL address scheme; \
                 PEPPOL needs the buyer's electronic address: give the account its VAT id",
                buyer.name
            )
        })?;
    let totals = invoice.computed_totals();
    if (totals.net, totals.vat, totals.gross) != (invoice.net, invoice.vat, invoice.gross) {
        return Err(format!(
            "{number}: its stored totals differ from its lines (run finctl verify)"
        ));
    }
    let has_vat = !buyer.vat_id.trim().is_empty();
    let categories = totals
        .per_rate
        .iter()
        .map(|r| {
            let c = vat::category(r.rate, seller_country, &address.country, has_vat);
            (r.rate.normalize(), c)
        })
        .collect();
    if invoice.kind == DocumentKind::CreditNote && credited.is_none() {
        return Err(format!("{number}: the credited invoice is missing"));
    }
    Ok(Document {
        invoice,
        number,
        seller,
        buyer: Customer {
            name: buyer.name.clone(),
            contact: buyer.billing_contact.clone(),
            email: buyer.email.trim().to_string(),
            vat_id: buyer.vat_id.trim().to_string(),
            address,
            endpoint,
        },
        credited,
        totals,
        categories,
    })
}
