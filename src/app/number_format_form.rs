//! `#`, from any screen: the user's number format, chosen from the four (or the locale's) and
//! kept with the user in the database. It takes effect at once: every screen, form, dialog and
//! PDF shows and reads figures in it from the next key on.

use super::form::{Field, Form};
use super::work::{Ctx, FormAction, ScreenAccess};
use crate::domain::NumberFormat;
use crate::store::StoreError;
use rust_decimal::Decimal;

pub const FORMAT: &str = "Number format";
pub const EXAMPLE: &str = "Example";

/// The choice that keeps no format with the user: the locale's applies.
const LOCALE: &str = "locale";

/// The choices, in this order: the four formats, then the locale's (short: all of them fit
/// on one line of an 80-column form).
fn options() -> Vec<String> {
    let mut all: Vec<String> = NumberFormat::ALL
        .iter()
        .map(|f| f.sample().to_string())
        .collect();
    all.push(LOCALE.to_string());
    all
}

/// What a choice of the form means: a format, or `None` for the locale's.
fn chosen(text: &str) -> Option<NumberFormat> {
    text.parse().ok()
}

/// A figure with thousands and decimals, as the choice writes it.
fn example(choice: Option<NumberFormat>, locale: NumberFormat) -> String {
    choice
        .unwrap_or(locale)
        .format(Decimal::new(-123_456_789, 2))
}

/// Saving the choice for the acting user.
pub struct NumberFormatChoice {
    locale: NumberFormat,
}

pub fn open_number_format_form(cx: &mut Ctx) {
    let choice = cx.store.number_choice();
    let options = options();
    let at = match choice.chosen {
        Some(f) => NumberFormat::ALL.iter().position(|x| *x == f).unwrap_or(0),
        None => NumberFormat::ALL.len(),
    };
    let refs: Vec<&str> = options.iter().map(String::as_str).collect();
    let form = Form::new(
        "How numbers are shown and typed",
        vec![
            Field::choice(FORMAT, &refs, at),
            Field::read_only(
                EXAMPLE,
                &example(choice.chosen, choice.locale),
                "on every screen, in forms and in PDFs",
            ),
        ],
    )
    .with_note(format!(
        "Space or Left/Right chooses ({LOCALE}: {} here); Ctrl-S keeps it.",
        choice.locale
    ));
    cx.open_form(
        form,
        NumberFormatChoice {
            locale: choice.locale,
        },
    );
}

impl FormAction for NumberFormatChoice {
    fn typed(&mut self, form: &mut Form) {
        let shown = example(chosen(&form.value(FORMAT)), self.locale);
        if let Some(f) = form.field_mut(EXAMPLE) {
            f.set_text(&shown);
        }
    }

    fn save(
        &mut self,
        form: &mut Form,
        cx: &mut Ctx,
        _: &mut dyn ScreenAccess,
    ) -> Result<Option<String>, StoreError> {
        let choice = chosen(&form.value(FORMAT));
        let name = cx.store.actor().name.clone();
        cx.store.set_number_format(&name, choice)?;
        let now = cx.numbers();
        Ok(Some(match choice {
            Some(_) => format!("numbers now read {now}, as you chose"),
            None => format!("numbers now read {now}, as your locale writes them"),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_and_examples() {
        let de = NumberFormat::PointComma;
        let all = options();
        assert_eq!(all.len(), 5);
        assert_eq!(all[4], "locale");
        assert_eq!(chosen(&all[2]), Some(de));
        assert_eq!(chosen(&all[4]), None);
        assert_eq!(example(None, de), "-1.234.567,89");
        assert_eq!(example(Some(NumberFormat::CommaPoint), de), "-1,234,567.89");
    }
}
