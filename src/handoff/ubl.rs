//! One UBL 2.1 Invoice or CreditNote per confirmed document, following EN 16931 and PEPPOL
//! BIS Billing 3.0 (modelled on the BIS base examples). Element order is the UBL schema's.
//! The output depends only on the document, so writing it again gives the same bytes: the
//! hand-off recognises a file it finished before by its SHA-256.

use super::document::{Document, Seller};
use super::party::{Address, Endpoint};
use super::xml::{Xml, plain};
use crate::domain::Currency;
use std::io;

const CUSTOMIZATION: &str =
    "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
const PROFILE: &str = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
/// UN/ECE recommendation 20: "one" (a unit of a service).
const UNIT: &str = "C62";

/// The document as UBL XML.
pub fn write(doc: &Document<'_>) -> io::Result<Vec<u8>> {
    let credit = doc.is_credit_note();
    let (root, ns) = if credit {
        (
            "CreditNote",
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
        )
    } else {
        (
            "Invoice",
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
        )
    };
    let inv = doc.invoice;
    let cur = inv.currency;
    let mut x = Xml::new()?;
    x.open(
        root,
        &[("xmlns", ns), ("xmlns:cac", CAC), ("xmlns:cbc", CBC)],
    )?;
    x.text("cbc:CustomizationID", CUSTOMIZATION)?;
    x.text("cbc:ProfileID", PROFILE)?;
    x.text("cbc:ID", &doc.number)?;
    x.text("cbc:IssueDate", &inv.invoice_date.to_string())?;
    if credit {
        x.text("cbc:CreditNoteTypeCode", "381")?;
    } else {
        x.text("cbc:DueDate", &inv.due_date.to_string())?;
        x.text("cbc:InvoiceTypeCode", "380")?;
    }
    x.text("cbc:DocumentCurrencyCode", cur.code())?;
    x.text("cbc:BuyerReference", &doc.buyer_reference())?;
    if let Some((number, date)) = &doc.credited {
        x.nest("cac:BillingReference", |x| {
            x.nest("cac:InvoiceDocumentReference", |x| {
                x.text("cbc:ID", number)?;
                x.text("cbc:IssueDate", &date.to_string())
            })
        })?;
    }
    x.nest("cac:AccountingSupplierParty", |x| {
        seller_party(x, doc.seller)
    })?;
    x.nest("cac:AccountingCustomerParty", |x| buyer_party(x, doc))?;
    payment(&mut x, doc)?;
    tax_total(&mut x, doc)?;
    x.nest("cac:LegalMonetaryTotal", |x| {
        x.amount("cbc:LineExtensionAmount", doc.totals.net, cur)?;
        x.amount("cbc:TaxExclusiveAmount", doc.totals.net, cur)?;
        x.amount("cbc:TaxInclusiveAmount", doc.totals.gross, cur)?;
        x.amount("cbc:PayableAmount", doc.totals.gross, cur)
    })?;
    for line in &inv.lines {
        let tag = if credit {
            "cac:CreditNoteLine"
        } else {
            "cac:InvoiceLine"
        };
        let quantity = if credit {
            "cbc:CreditedQuantity"
        } else {
            "cbc:InvoicedQuantity"
        };
        x.nest(tag, |x| {
            x.text("cbc:ID", &line.position.to_string())?;
            x.text("cbc:Note", &format!("Project {}", line.project_code))?;
            x.text_with(quantity, &[("unitCode", UNIT)], &plain(line.quantity))?;
            x.amount("cbc:LineExtensionAmount", line.net, cur)?;
            x.nest("cac:Item", |x| {
                let name = match super::xml::clean(&line.description) {
                    d if d.is_empty() => format!("Project {}", line.project_code),
                    d => d,
                };
                x.text("cbc:Name", &name)?;
                x.nest("cac:ClassifiedTaxCategory", |x| {
                    let c = doc.category(line.vat_rate);
                    x.text("cbc:ID", c.code)?;
                    x.text("cbc:Percent", &plain(line.vat_rate))?;
                    vat_scheme(x)
                })
            })?;
            x.nest("cac:Price", |x| price(x, line.unit_price, cur))
        })?;
    }
    x.close(root)?;
    Ok(x.finish())
}

fn price(x: &mut Xml, unit_price: rust_decimal::Decimal, cur: Currency) -> io::Result<()> {
    x.text_with(
        "cbc:PriceAmount",
        &[("currencyID", cur.code())],
        &plain(unit_price),
    )
}

fn vat_scheme(x: &mut Xml) -> io::Result<()> {
    x.nest("cac:TaxScheme", |x| x.text("cbc:ID", "VAT"))
}

fn endpoint(x: &mut Xml, e: &Endpoint) -> io::Result<()> {
    x.text_with("cbc:EndpointID", &[("schemeID", e.scheme)], &e.id)
}

fn address(x: &mut Xml, a: &Address) -> io::Result<()> {
    x.nest("cac:PostalAddress", |x| {
        x.text("cbc:StreetName", &a.street)?;
        x.text("cbc:AdditionalStreetName", &a.additional_street)?;
        x.text("cbc:CityName", &a.city)?;
        x.text("cbc:PostalZone", &a.postcode)?;
        x.nest("cac:Country", |x| {
            x.text("cbc:IdentificationCode", &a.country)
        })
    })
}

fn tax_scheme_id(x: &mut Xml, vat_id: &str) -> io::Result<()> {
    if vat_id.trim().is_empty() {
        return Ok(());
    }
    x.nest("cac:PartyTaxScheme", |x| {
        x.text("cbc:CompanyID", vat_id)?;
        vat_scheme(x)
    })
}

fn seller_party(x: &mut Xml, s: &Seller<'_>) -> io::Result<()> {
    let set = s.settings;
    x.nest("cac:Party", |x| {
        endpoint(x, &s.endpoint)?;
        x.nest("cac:PartyName", |x| x.text("cbc:Name", &set.seller_name))?;
        address(x, &s.address)?;
        tax_scheme_id(x, &set.seller_vat_id)?;
        x.nest("cac:PartyLegalEntity", |x| {
            x.text("cbc:RegistrationName", &set.seller_name)?;
            x.text("cbc:CompanyID", &set.seller_company_id)
        })?;
        if !super::xml::clean(&set.seller_email).is_empty() {
            x.nest("cac:Contact", |x| {
                x.text("cbc:ElectronicMail", &set.seller_email)
            })?;
        }
        Ok(())
    })
}

fn buyer_party(x: &mut Xml, doc: &Document<'_>) -> io::Result<()> {
    let b = &doc.buyer;
    x.nest("cac:Party", |x| {
        endpoint(x, &b.endpoint)?;
        x.nest("cac:PartyIdentification", |x| {
            x.text(
                "cbc:ID",
                &format!("FINCTL-ACCOUNT-{}", doc.invoice.account_id),
            )
        })?;
        x.nest("cac:PartyName", |x| x.text("cbc:Name", &b.name))?;
        address(x, &b.address)?;
        tax_scheme_id(x, &b.vat_id)?;
        x.nest("cac:PartyLegalEntity", |x| {
            x.text("cbc:RegistrationName", &b.name)
        })?;
        let clean = super::xml::clean;
        if !clean(&b.contact).is_empty() || !clean(&b.email).is_empty() {
            x.nest("cac:Contact", |x| {
                x.text("cbc:Name", &b.contact)?;
                x.text("cbc:ElectronicMail", &b.email)
            })?;
        }
        Ok(())
    })
}

/// Invoices are paid by credit transfer to the seller's account (SEPA in euros); a credit note
/// is settled against what the buyer owes (UNCL 4461 97, clearing between partners), by its
/// due date.
fn payment(x: &mut Xml, doc: &Document<'_>) -> io::Result<()> {
    let inv = doc.invoice;
    let set = doc.seller.settings;
    if let Some((number, _)) = &doc.credited {
        x.nest("cac:PaymentMeans", |x| {
            x.text_with(
                "cbc:PaymentMeansCode",
                &[("name", "Clearing between partners")],
                "97",
            )?;
            x.text("cbc:PaymentDueDate", &inv.due_date.to_string())?;
            x.text("cbc:PaymentID", &doc.number)
        })?;
        let days = (inv.due_date - inv.invoice_date).num_days();
        return x.nest("cac:PaymentTerms", |x| {
            x.text(
                "cbc:Note",
                &format!("Credits invoice {number}; settled within {days} days"),
            )
        });
    }
    let (code, name) = if inv.currency.code() == "EUR" {
        ("58", "SEPA credit transfer")
    } else {
        ("30", "Credit transfer")
    };
    x.nest("cac:PaymentMeans", |x| {
        x.text_with("cbc:PaymentMeansCode", &[("name", name)], code)?;
        x.text("cbc:PaymentID", &doc.number)?;
        x.nest("cac:PayeeFinancialAccount", |x| {
            x.text("cbc:ID", &set.seller_iban)?;
            x.text("cbc:Name", &set.seller_name)?;
            if !super::xml::clean(&set.seller_bic).is_empty() {
                x.nest("cac:FinancialInstitutionBranch", |x| {
                    x.text("cbc:ID", &set.seller_bic)
                })?;
            }
            Ok(())
        })
    })?;
    let days = (inv.due_date - inv.invoice_date).num_days();
    x.nest("cac:PaymentTerms", |x| {
        x.text(
            "cbc:Note",
            &format!("Net {days} days, due {}", inv.due_date),
        )
    })
}

fn tax_total(x: &mut Xml, doc: &Document<'_>) -> io::Result<()> {
    let cur = doc.invoice.currency;
    x.nest("cac:TaxTotal", |x| {
        x.amount("cbc:TaxAmount", doc.totals.vat, cur)?;
        for r in &doc.totals.per_rate {
            let c = doc.category(r.rate);
            x.nest("cac:TaxSubtotal", |x| {
                x.amount("cbc:TaxableAmount", r.base, cur)?;
                x.amount("cbc:TaxAmount", r.vat, cur)?;
                x.nest("cac:TaxCategory", |x| {
                    x.text("cbc:ID", c.code)?;
                    x.text("cbc:Percent", &plain(r.rate))?;
                    if let Some((code, reason)) = c.exemption {
                        x.text("cbc:TaxExemptionReasonCode", code)?;
                        x.text("cbc:TaxExemptionReason", reason)?;
                    }
                    vat_scheme(x)
                })
            })?;
        }
        Ok(())
    })
}
