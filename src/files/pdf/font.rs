//! The fonts the PDFs embed (DejaVu Sans, shipped in `assets/fonts/` with its licence), and
//! their glyph widths. krilla draws glyphs but does not measure text, and right-aligned amounts
//! and wrapped descriptions need widths: so glyphs are picked and measured here from the
//! font's `cmap` and `hmtx` tables, and drawn exactly as measured (no kerning to disagree).

use anyhow::{Context, Result, bail};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// What text layout needs of a font: glyph per character and advance per glyph.
pub struct Metrics {
    glyphs: HashMap<char, u16>,
    advances: Vec<u16>,
    units_per_em: f32,
}

impl Metrics {
    fn parse(data: &[u8]) -> Result<Metrics> {
        let head = table(data, b"head")?;
        let hhea = table(data, b"hhea")?;
        let hmtx = table(data, b"hmtx")?;
        let units_per_em = f32::from(u16_at(head, 18)?);
        let count = usize::from(u16_at(hhea, 34)?);
        let advances = (0..count)
            .map(|i| u16_at(hmtx, 4 * i))
            .collect::<Result<Vec<_>>>()?;
        if advances.is_empty() || units_per_em == 0.0 {
            bail!("font without horizontal metrics");
        }
        Ok(Metrics {
            glyphs: cmap_format4(table(data, b"cmap")?)?,
            advances,
            units_per_em,
        })
    }

    fn glyph(&self, c: char) -> u16 {
        self.glyphs.get(&c).copied().unwrap_or(0)
    }

    /// Advance of a glyph in em.
    fn advance(&self, glyph: u16) -> f32 {
        let i = usize::from(glyph).min(self.advances.len() - 1);
        f32::from(self.advances[i]) / self.units_per_em
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f32>()
            * size
    }

    /// One glyph per character, each covering its character for text extraction.
    pub fn glyphs(&self, text: &str) -> Vec<KrillaGlyph> {
        text.char_indices()
            .map(|(at, c)| {
                let g = self.glyph(c);
                KrillaGlyph::new(
                    GlyphId::new(u32::from(g)),
                    self.advance(g),
                    0.0,
                    0.0,
                    0.0,
                    at..at + c.len_utf8(),
                    None,
                )
            })
            .collect()
    }
}

/// The metrics of both weights, parsed once per process.
pub fn metrics(weight: Weight) -> &'static Metrics {
    static PARSED: OnceLock<(Metrics, Metrics)> = OnceLock::new();
    let (regular, bold) = PARSED.get_or_init(|| {
        // The fonts are compiled in; a test writes a PDF with both.
        let parse = |data| Metrics::parse(data).expect("the embedded font parses");
        (parse(REGULAR), parse(BOLD))
    });
    match weight {
        Weight::Regular => regular,
        Weight::Bold => bold,
    }
}

/// krilla's fonts for one document (krilla fonts are not shared between threads).
pub struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

impl Fonts {
    pub fn load() -> Result<Fonts> {
        let font = |data: &'static [u8]| {
            let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data);
            Font::new(data.into(), 0).context("the embedded font cannot be read")
        };
        Ok(Fonts {
            regular: font(REGULAR)?,
            bold: font(BOLD)?,
        })
    }

    pub fn get(&self, weight: Weight) -> Font {
        match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        }
    }
}

fn u16_at(data: &[u8], at: usize) -> Result<u16> {
    let b = data.get(at..at + 2).context("font table too short")?;
    Ok(u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Result<u32> {
    let b = data.get(at..at + 4).context("font table too short")?;
    Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

fn table<'a>(data: &'a [u8], tag: &[u8; 4]) -> Result<&'a [u8]> {
    let tables = usize::from(u16_at(data, 4)?);
    for i in 0..tables {
        let rec = 12 + 16 * i;
        if data.get(rec..rec + 4) == Some(&tag[..]) {
            let offset = u32_at(data, rec + 8)? as usize;
            let len = u32_at(data, rec + 12)? as usize;
            return data
                .get(offset..offset + len)
                .context("font table outside the file");
        }
    }
    bail!("font has no {} table", String::from_utf8_lossy(tag))
}

/// The Unicode BMP mapping (platform 3, encoding 1, format 4): all an invoice needs.
fn cmap_format4(cmap: &[u8]) -> Result<HashMap<char, u16>> {
    let records = usize::from(u16_at(cmap, 2)?);
    let sub = (0..records)
        .map(|i| 4 + 8 * i)
        .find(|&r| matches!((u16_at(cmap, r), u16_at(cmap, r + 2)), (Ok(3), Ok(1))))
        .context("font has no Unicode BMP cmap")?;
    let t = cmap
        .get(u32_at(cmap, sub + 4)? as usize..)
        .context("cmap outside its table")?;
    if u16_at(t, 0)? != 4 {
        bail!("the Unicode BMP cmap is not format 4");
    }
    let segs = usize::from(u16_at(t, 6)? / 2);
    let (ends, starts, deltas, ranges) = (14, 16 + 2 * segs, 16 + 4 * segs, 16 + 6 * segs);
    let mut map = HashMap::new();
    for s in 0..segs {
        let end = u16_at(t, ends + 2 * s)?;
        let start = u16_at(t, starts + 2 * s)?;
        let delta = u16_at(t, deltas + 2 * s)?;
        let range = usize::from(u16_at(t, ranges + 2 * s)?);
        for code in start..=end.min(0xFFFE) {
            let glyph = if range == 0 {
                code.wrapping_add(delta)
            } else {
                let at = ranges + 2 * s + range + 2 * usize::from(code - start);
                match u16_at(t, at)? {
                    0 => 0,
                    g => g.wrapping_add(delta),
                }
            };
            if let (Some(c), true) = (char::from_u32(u32::from(code)), glyph != 0) {
                map.insert(c, glyph);
            }
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_and_maps_the_embedded_fonts() {
        let m = metrics(Weight::Regular);
        assert!(m.glyph('A') != 0 && m.glyph('€') != 0 && m.glyph('ä') != 0);
        // Digits are tabular, so amounts line up.
        assert_eq!(m.width("0", 10.0), m.width("8", 10.0));
        assert!(metrics(Weight::Bold).width("Total", 10.0) > m.width("Total", 10.0));
        assert_eq!(m.glyphs("ab").len(), 2);
        Fonts::load().unwrap();
    }
}
