//! A4 pages as lists of text and rules, laid out first and drawn with krilla at the end, when
//! the number of pages (for "page i of n") is known.

use super::font::{Fonts, Weight, metrics};
use anyhow::{Context, Result, anyhow};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use std::path::Path;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const LEFT: f32 = 48.0;
pub const RIGHT: f32 = PAGE_W - 48.0;
/// Content stops here; the footer sits below.
pub const BOTTOM: f32 = PAGE_H - 64.0;
const FOOTER_Y: f32 = PAGE_H - 36.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Dim,
}

#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        tone: Tone,
        text: String,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        width: f32,
    },
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    ops: Vec<Op>,
}

/// A run of text: size, weight and tone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
    pub tone: Tone,
}

impl Style {
    pub const fn new(size: f32, weight: Weight) -> Style {
        Style {
            size,
            weight,
            tone: Tone::Normal,
        }
    }

    pub const fn dim(self) -> Style {
        Style {
            tone: Tone::Dim,
            ..self
        }
    }

    pub fn width(&self, text: &str) -> f32 {
        metrics(self.weight).width(text, self.size)
    }

    /// Baseline-to-baseline distance.
    pub fn leading(&self) -> f32 {
        self.size * 1.3
    }
}

impl Page {
    /// Text with its baseline at `y`, starting at `x`.
    pub fn text(&mut self, x: f32, y: f32, style: Style, text: &str) {
        let text = clean(text);
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::Text {
            x,
            y,
            size: style.size,
            weight: style.weight,
            tone: style.tone,
            text,
        });
    }

    /// Text ending at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, style: Style, text: &str) {
        let x = right - style.width(&clean(text));
        self.text(x, y, style, text);
    }

    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32) {
        self.ops.push(Op::Rule { x1, x2, y, width });
    }

    /// The baselines and texts on the page, top to bottom as drawn (for the tests).
    #[cfg(test)]
    pub fn texts(&self) -> Vec<(f32, &str)> {
        self.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { y, text, .. } => Some((*y, text.as_str())),
                Op::Rule { .. } => None,
            })
            .collect()
    }
}

/// Drops control characters (an escape sequence in a name, a bell): a PDF shows no such thing.
pub fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// Lines of at most `width` points: paragraphs at newlines, words kept whole unless a word
/// alone is wider than the line.
pub fn wrap(text: &str, style: Style, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in clean(para).split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if style.width(&candidate) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                out.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if style.width(&line) > width && line.chars().count() > 1 {
                    line.pop();
                    out.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        out.push(line);
    }
    while out.len() > 1 && out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Draws a page's repeated header: given the page, its index and the flow's state, it returns
/// where content starts.
pub type Head<'a> = Box<dyn Fn(&mut Page, usize, u8) -> f32 + 'a>;

/// Pages filled top to bottom; a new page starts with whatever `head` draws (the repeated
/// header) and content continues below it.
pub struct Flow<'a> {
    pages: Vec<Page>,
    pub y: f32,
    /// Handed to `head` on a page break: what the content was doing (e.g. inside a table).
    pub state: u8,
    head: Head<'a>,
}

impl<'a> Flow<'a> {
    pub fn new(head: impl Fn(&mut Page, usize, u8) -> f32 + 'a) -> Flow<'a> {
        let mut page = Page::default();
        let y = head(&mut page, 0, 0);
        Flow {
            pages: vec![page],
            y,
            state: 0,
            head: Box::new(head),
        }
    }

    pub fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a flow has a page")
    }

    /// Starts a new page unless `height` more points fit on this one. Something taller than
    /// a page never fits: draw it with [`Flow::lines`], which runs on over pages.
    pub fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.break_page();
        }
    }

    /// Starts a new page, its head drawn as the flow's state says.
    fn break_page(&mut self) {
        let mut page = Page::default();
        self.y = (self.head)(&mut page, self.pages.len(), self.state);
        self.pages.push(page);
    }

    /// The height a new page offers below its head (in the flow's current state).
    pub fn page_room(&self) -> f32 {
        BOTTOM - (self.head)(&mut Page::default(), self.pages.len(), self.state)
    }

    /// Keeps a block of `height` points on one page when a page can hold it (a new page
    /// starts unless it fits here). A taller block cannot be kept: it starts here if its first
    /// `start` points fit (else on a new page) and runs on with [`Flow::lines`].
    pub fn keep(&mut self, height: f32, start: f32) {
        if height <= self.page_room() {
            self.room(height);
        } else {
            self.room(start);
        }
    }

    /// Lines of text at `x`, one `style.leading()` apart from `y` down, starting a new page
    /// whenever the next line would pass the bottom: a text taller than a page continues on
    /// as many pages as it needs, below their head. Leaves `y` under the last line.
    pub fn lines(&mut self, x: f32, style: Style, lines: &[String]) {
        for line in lines {
            self.room(style.leading());
            let y = self.y;
            self.page().text(x, y, style, line);
            self.y += style.leading();
        }
    }

    /// How many pages the flow has so far.
    pub fn pages(&self) -> usize {
        self.pages.len()
    }

    pub fn finish(self) -> Vec<Page> {
        self.pages
    }
}

/// Draws the pages with a footer (`footer` on the left, "page i of n" on the right) and writes
/// the file; returns the number of pages.
pub fn render(pages: &[Page], title: &str, footer: &str, path: &Path) -> Result<usize> {
    let fonts = Fonts::load()?;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(clean(title))
            .creator("finctl".to_string()),
    );
    let n = pages.len();
    let small = Style::new(7.5, Weight::Regular).dim();
    for (i, page) in pages.iter().enumerate() {
        let mut footed = page.clone();
        footed.rule(LEFT, RIGHT, FOOTER_Y - 10.0, 0.4);
        let width = RIGHT - LEFT - small.width("page 9999 of 9999") - 12.0;
        for (k, line) in wrap(footer, small, width).iter().take(2).enumerate() {
            footed.text(LEFT, FOOTER_Y + k as f32 * small.leading(), small, line);
        }
        footed.text_right(RIGHT, FOOTER_Y, small, &format!("page {} of {n}", i + 1));
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).context("A4 page size")?;
        let mut p = doc.start_page_with(settings);
        let mut surface = p.surface();
        for op in &footed.ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    weight,
                    tone,
                    text,
                } => {
                    let grey = if *tone == Tone::Dim { 96 } else { 0 };
                    surface.set_fill(Some(Fill {
                        paint: rgb::Color::new(grey, grey, grey).into(),
                        opacity: NormalizedF32::ONE,
                        rule: Default::default(),
                    }));
                    let glyphs = metrics(*weight).glyphs(text);
                    let start = Point::from_xy(*x, *y);
                    surface.draw_glyphs(start, &glyphs, fonts.get(*weight), text, *size, false);
                }
                Op::Rule { x1, x2, y, width } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y);
                    pb.line_to(*x2, *y);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(128, 128, 128).into(),
                            width: *width,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
            }
        }
        surface.finish();
        p.finish();
    }
    let bytes = doc
        .finish()
        .map_err(|e| anyhow!("the PDF cannot be made: {e:?}"))?;
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_cuts_long_ones() {
        let s = Style::new(10.0, Weight::Regular);
        let w = s.width("aaaa bbbb");
        assert_eq!(wrap("aaaa bbbb cccc", s, w), vec!["aaaa bbbb", "cccc"]);
        assert_eq!(wrap("one\ntwo", s, 1000.0), vec!["one", "two"]);
        let long = wrap(&"x".repeat(50), s, s.width("xxxxx"));
        assert_eq!(long.len(), 10);
        assert_eq!(wrap("", s, 100.0), vec![""]);
        assert_eq!(wrap("a\u{1b}[31mb", s, 1000.0), vec!["a[31mb"]);
    }

    #[test]
    fn text_taller_than_a_page_runs_on_below_each_head() {
        let s = Style::new(10.0, Weight::Regular);
        let mut flow = Flow::new(|page, i, _| {
            page.text(LEFT, 60.0, s, &format!("head {i}"));
            100.0
        });
        let lines: Vec<String> = (0..200).map(|i| format!("line {i}")).collect();
        let room = flow.page_room();
        assert_eq!(room, BOTTOM - 100.0);
        let height = lines.len() as f32 * s.leading();
        assert!(height > 2.0 * room);
        // What fits on a page is kept together...
        flow.y = 700.0;
        flow.keep(10.0 * s.leading(), s.leading());
        assert_eq!(
            (flow.pages(), flow.y),
            (2, 100.0),
            "kept whole on a new page"
        );
        // ...what does not starts where its first lines fit.
        flow.y = 700.0;
        flow.keep(height, 3.0 * s.leading());
        assert_eq!((flow.pages(), flow.y), (2, 700.0), "starts at once");
        flow.y = 760.0;
        flow.keep(height, 3.0 * s.leading());
        assert_eq!((flow.pages(), flow.y), (3, 100.0), "starts on a new page");
        flow.lines(LEFT, s, &lines);
        let pages = flow.finish();
        assert!(pages.len() >= 4, "{} pages", pages.len());
        let mut seen = Vec::new();
        for (i, page) in pages.iter().enumerate() {
            let texts = page.texts();
            assert_eq!(texts[0], (60.0, format!("head {i}").as_str()));
            if i < 2 {
                assert_eq!(texts.len(), 1, "page {i} has only its head");
                continue;
            }
            for (y, t) in &texts[1..] {
                assert!(*y >= 100.0 && *y <= BOTTOM, "{t} at {y} on page {i}");
                seen.push(t.to_string());
            }
        }
        assert_eq!(seen, lines, "every line once, in order");
    }
}
