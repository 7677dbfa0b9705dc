//! A small layer over quick-xml's writer for UBL: elements with text are left out when the text
//! is empty (PEPPOL refuses empty elements), text is escaped by quick-xml, and characters XML
//! 1.0 cannot carry (control characters a user pasted into a description) are dropped.

use crate::domain::Currency;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use rust_decimal::Decimal;
use std::io;

pub struct Xml {
    w: Writer<Vec<u8>>,
}

/// The text as XML can carry it, on one line and trimmed.
pub fn clean(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An amount with exactly the currency's decimals, as EN 16931 wants (BR-DEC-*).
pub fn money(amount: Decimal, currency: Currency) -> String {
    let mut v = currency.round(amount);
    v.rescale(currency.minor_digits());
    v.to_string()
}

/// A quantity, rate or price without trailing zeros ("1", "24", "1234.5").
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

impl Xml {
    pub fn new() -> io::Result<Xml> {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(Xml { w })
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        let start = BytesStart::new(name).with_attributes(attrs.iter().copied());
        self.w.write_event(Event::Start(start))
    }

    pub fn close(&mut self, name: &str) -> io::Result<()> {
        self.w.write_event(Event::End(BytesEnd::new(name)))
    }

    /// `<name>` around what `inner` writes.
    pub fn nest(
        &mut self,
        name: &str,
        inner: impl FnOnce(&mut Xml) -> io::Result<()>,
    ) -> io::Result<()> {
        self.open(name, &[])?;
        inner(self)?;
        self.close(name)
    }

    /// `<name attrs>text</name>`, or nothing when the text is empty.
    pub fn text_with(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> io::Result<()> {
        let text = clean(text);
        if text.is_empty() {
            return Ok(());
        }
        self.open(name, attrs)?;
        self.w.write_event(Event::Text(BytesText::new(&text)))?;
        self.close(name)
    }

    pub fn text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.text_with(name, &[], text)
    }

    pub fn amount(&mut self, name: &str, amount: Decimal, currency: Currency) -> io::Result<()> {
        self.text_with(
            name,
            &[("currencyID", currency.code())],
            &money(amount, currency),
        )
    }

    pub fn finish(self) -> Vec<u8> {
        let mut out = self.w.into_inner();
        out.push(b'\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_cleaned_and_empty_left_out() {
        let mut x = Xml::new().unwrap();
        x.nest("a", |x| {
            x.text("b", "Smith & <Sons>\u{7}\n Oy")?;
            x.text("c", "  \u{1b} ")
        })
        .unwrap();
        let s = String::from_utf8(x.finish()).unwrap();
        assert!(s.contains("<b>Smith &amp; &lt;Sons&gt; Oy</b>"), "{s}");
        assert!(!s.contains("<c"), "{s}");
    }

    #[test]
    fn amounts_have_the_currency_decimals() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(money(d("1656.5"), Currency::EUR), "1656.50");
        assert_eq!(money(d("0"), Currency::USD), "0.00");
        let jpy: Currency = "JPY".parse().unwrap();
        assert_eq!(money(d("1200"), jpy), "1200");
        assert_eq!(plain(d("24.000000")), "24");
    }
}
