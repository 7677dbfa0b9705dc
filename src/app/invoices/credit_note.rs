//! A credit note for a confirmed invoice: one amount per line, each in full by default and at
//! most what is left to credit on it.

use super::super::form::{Field, Form};
use super::super::work::Ctx;
use super::super::work::FormAction;
use super::super::work::ScreenAccess;
use crate::domain::credit;
use crate::domain::money::parse_amount;
use crate::presentation::amount;
use crate::store::StoreError;

/// One amount field per line of the credited invoice, in this order.
pub struct CreditNote {
    pub invoice_id: i64,
    pub line_ids: Vec<i64>,
}

/// A credit note form for a confirmed invoice: every line in full by default.
pub fn open_credit_form(invoice_id: i64, cx: &mut Ctx) {
    let Some(inv) = cx.report(cx.store.invoice(invoice_id)) else {
        return;
    };
    if let Err(e) =
        credit::check_creditable(inv.kind, inv.status, inv.credited_invoice_number.as_deref())
    {
        return cx.error(e.0);
    }
    let Some(creditable) = cx.report(cx.store.creditable(invoice_id)) else {
        return;
    };
    let n = cx.numbers();
    let mut fields = Vec::new();
    let mut line_ids = Vec::new();
    for (line, (_, left)) in inv.lines.iter().zip(&creditable) {
        // Short enough for the label column at 80 columns: position, description, limit.
        let label = format!(
            "{}. {} (max {})",
            line.position,
            line.description.chars().take(12).collect::<String>(),
            amount(n, *left)
        );
        fields.push(if left.is_zero() {
            Field::read_only(&label, "0", "credited in full already")
        } else {
            Field::line(&label, &n.plain(*left))
        });
        line_ids.push(line.id);
    }
    if line_ids.len() == creditable.iter().filter(|(_, l)| l.is_zero()).count() {
        return cx.error(format!(
            "{} is credited in full already",
            inv.number.as_deref().unwrap_or("the invoice")
        ));
    }
    let form = Form::new(
        format!(
            "Credit note for {} (amounts to credit, net)",
            inv.number.as_deref().unwrap_or("?")
        ),
        fields,
    );
    cx.open_form(
        form,
        CreditNote {
            invoice_id,
            line_ids,
        },
    );
}

impl FormAction for CreditNote {
    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        form.clear_errors();
        let line_credits = cx.store.line_credits(self.invoice_id)?;
        let inv = cx.store.invoice(self.invoice_id)?;
        let mut credits = Vec::new();
        let labels: Vec<String> = form.fields.iter().map(|f| f.label.clone()).collect();
        for ((label, line_id), (_, line)) in labels.iter().zip(&self.line_ids).zip(&line_credits) {
            let text = form.value(label);
            match parse_amount(&text, inv.currency, cx.numbers()) {
                Ok(a) => match credit::check_credit(*line, a, cx.numbers()) {
                    Ok(()) => credits.push((*line_id, a)),
                    Err(e) => form.set_error(label, e.0),
                },
                Err(e) => form.set_error(label, e.0),
            }
        }
        if form.has_errors() {
            form.focus_first_error();
            return Ok(None);
        }
        if credits.iter().all(|(_, a)| a.is_zero()) {
            form.error = Some("every amount is 0: nothing to credit".into());
            return Ok(None);
        }
        let id = cx
            .store
            .create_credit_note(self.invoice_id, Some(&credits), cx.today)?;
        let note = cx.store.invoice(id)?;
        Ok(Some(format!(
            "credit note draft {id} for {}: {} {} gross; confirm it with c in invoices",
            inv.number.as_deref().unwrap_or("?"),
            note.currency,
            amount(cx.numbers(), note.gross)
        )))
    }
}
