//! A sales document as a PDF (`GET /quotes/{id}/pdf`, `GET /contracts/{id}/pdf`): A4, the
//! company's header, the document's facts, the lines in a table that continues over
//! pages, the totals with the amount in Chinese capitals, its terms, and for a contract
//! the two parties' signature blocks. Each kind of document says what it prints
//! (`Print`); the layout is one. Text is real text in a subset of one CJK font (krilla embeds only the glyphs
//! used, with a ToUnicode map, so the file stays small and can be searched and copied).
//!
//! The page is laid out first as a list of drawing operations per page, then drawn: the
//! footer's "page n of N" needs N.

use std::sync::OnceLock;

use crm_domain::locale::Lang;
use crm_domain::DomainError;
use crm_persistence::sales_docs::lines::LineView;
use crm_persistence::settings::company::CompanyProfile;
use rust_decimal::Decimal;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use krilla::Document;

/// Where the server looks for a font with Chinese glyphs, after `CRM_PDF_FONT`: Debian's
/// fonts-wqy-microhei (what the Makefile installs), then other common CJK packages.
const FONT_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
];

pub const FONT_ENV: &str = "CRM_PDF_FONT";

struct PdfFont {
    font: Font,
    face: ttf_parser::Face<'static>,
}

static FONT: OnceLock<Result<PdfFont, String>> = OnceLock::new();

fn load_font() -> Result<PdfFont, String> {
    let configured = std::env::var(FONT_ENV).ok().filter(|p| !p.is_empty());
    let path = match &configured {
        Some(p) => p.clone(),
        None => FONT_CANDIDATES.iter().find(|p| std::path::Path::new(p).exists()).map(|p| p.to_string()).ok_or_else(|| {
            format!("no font with Chinese glyphs was found; install Debian's fonts-wqy-microhei (make fonts) or set {FONT_ENV} to a TTF/TTC/OTF file")
        })?,
    };
    let data = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
    // Read once and kept for the server's life: the face borrows it.
    let data: &'static [u8] = Box::leak(data.into_boxed_slice());
    let face = ttf_parser::Face::parse(data, 0).map_err(|e| format!("{path}: not a font ({e})"))?;
    if face.glyph_index('报').is_none() {
        return Err(format!("{path} has no Chinese glyphs"));
    }
    let font = Font::new(data.into(), 0).ok_or_else(|| format!("{path}: the PDF writer cannot use this font"))?;
    Ok(PdfFont { font, face })
}

fn font() -> Result<&'static PdfFont, DomainError> {
    FONT.get_or_init(load_font).as_ref().map_err(|e| {
        log::error!("quote PDF: {e}");
        DomainError::unavailable(60, "pdf.font_missing", "the server has no font to print Chinese text with; an administrator installs one (see the README)")
    })
}

/// Checks at start that PDFs can be made, so a missing font shows in the log at once.
pub fn check_font() {
    if let Err(e) = FONT.get_or_init(load_font) {
        log::warn!("quote PDFs are unavailable: {e}");
    }
}

impl PdfFont {
    fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.face.units_per_em());
        let units: f32 = text.chars().map(|c| self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g)).map_or(upem / 2.0, f32::from)).sum();
        units * size / upem
    }

    /// The longest start of `text` that fits `width`, ending in "…" when cut.
    fn fit(&self, text: &str, size: f32, width: f32) -> String {
        if self.width(text, size) <= width {
            return text.to_string();
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.width(&format!("{out}…"), size) > width {
                out.pop();
                break;
            }
        }
        format!("{out}…")
    }

    /// `text` broken into lines of at most `width` (at spaces where there are any, else
    /// anywhere: Chinese has no spaces), keeping its own line breaks.
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.lines() {
            let mut line = String::new();
            for c in para.chars() {
                line.push(c);
                if self.width(&line, size) > width {
                    line.pop();
                    // Back to the last space, if the line has one worth breaking at.
                    let cut = line.rfind(' ').filter(|i| *i > line.len() / 2);
                    let carry = match cut {
                        Some(i) => {
                            let rest = line[i + 1..].to_string();
                            line.truncate(i);
                            rest
                        }
                        None => String::new(),
                    };
                    lines.push(std::mem::take(&mut line));
                    line = carry;
                    line.push(c);
                }
            }
            lines.push(line);
        }
        lines
    }
}

enum Op {
    Text { x: f32, y: f32, size: f32, text: String, gray: u8 },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, gray: u8 },
    Rect { x: f32, y: f32, w: f32, h: f32, gray: u8 },
}

const W: f32 = 595.0;
const H: f32 = 842.0;
const LEFT: f32 = 40.0;
const RIGHT: f32 = W - 40.0;
const BOTTOM: f32 = H - 50.0;

struct Layout<'f> {
    font: &'f PdfFont,
    /// The pages before this one.
    done: Vec<Vec<Op>>,
    page: Vec<Op>,
    y: f32,
}

impl Layout<'_> {
    fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.page
    }
    fn pages(mut self) -> Vec<Vec<Op>> {
        self.done.push(self.page);
        self.done
    }
    fn text(&mut self, x: f32, y: f32, size: f32, text: &str, gray: u8) {
        if !text.is_empty() {
            self.ops().push(Op::Text { x, y, size, text: text.to_string(), gray });
        }
    }
    fn right(&mut self, right: f32, y: f32, size: f32, text: &str, gray: u8) {
        let w = self.font.width(text, size);
        self.text(right - w, y, size, text, gray);
    }
    fn rule(&mut self, y: f32, width: f32, gray: u8) {
        self.ops().push(Op::Line { x1: LEFT, y1: y, x2: RIGHT, y2: y, width, gray });
    }
    /// Room for `height` more on this page, or a new page.
    fn room(&mut self, height: f32) -> bool {
        if self.y + height > BOTTOM {
            self.done.push(std::mem::take(&mut self.page));
            self.y = 50.0;
            return true;
        }
        false
    }
}

/// What the layout writes in the reader's language, whatever the document.
struct Labels {
    draft: &'static str,
    cols: [&'static str; 8],
    subtotal: &'static str,
    discount: &'static str,
    tax: &'static str,
    total: &'static str,
    amount: &'static str,
    in_words: &'static str,
    tax_number: &'static str,
    bank: &'static str,
    signature: &'static str,
    signed_on: &'static str,
    page: fn(usize, usize) -> String,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Zh => Labels {
            draft: "草稿",
            cols: ["序号", "产品/服务", "单位", "数量", "单价", "折扣%", "税率%", "金额(含税)"],
            subtotal: "小计",
            discount: "折扣",
            tax: "税额",
            total: "合计",
            amount: "合同金额",
            in_words: "大写",
            tax_number: "税号",
            bank: "开户行",
            signature: "签字（盖章）",
            signed_on: "日期",
            page: |n, of| format!("第 {n} 页，共 {of} 页"),
        },
        Lang::En => Labels {
            draft: "DRAFT",
            cols: ["#", "Product / service", "Unit", "Qty", "Unit price", "Disc. %", "Tax %", "Amount"],
            subtotal: "Subtotal",
            discount: "Discount",
            tax: "Tax",
            total: "Total",
            amount: "Contract amount",
            in_words: "In words",
            tax_number: "Tax no.",
            bank: "Bank",
            signature: "Signature (seal)",
            signed_on: "Date",
            page: |n, of| format!("Page {n} of {of}"),
        },
    }
}

/// A document as it prints: its kind's title and facts in the reader's language (the
/// caller's to word), its figures, its texts, and for a contract who signs.
pub struct Print {
    pub title: String,
    pub number: String,
    pub company: CompanyProfile,
    /// Marked as a draft in the header.
    pub draft: bool,
    /// (label, value) pairs, printed two to a row.
    pub facts: Vec<(String, String)>,
    pub lines: Vec<LineView>,
    pub currency: String,
    pub subtotal: Decimal,
    pub discount_total: Decimal,
    pub tax_total: Decimal,
    pub total: Decimal,
    pub total_in_words: String,
    /// Titled texts after the figures (terms, payment terms, remark), wrapped over pages.
    pub sections: Vec<(String, Option<String>)>,
    /// The parties' signature blocks (label, name): a contract's customer and company.
    pub signatures: Vec<(String, String)>,
}

/// Thousands separators: 1234567.8 → 1,234,567.80.
fn grouped(d: rust_decimal::Decimal, places: u32) -> String {
    let s = format!("{:.*}", places as usize, d);
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// The lines' table: left edges of the number, name and unit columns, right edges of the
/// figures (quantity, unit price, discount, tax rate, total).
const X_NO: f32 = LEFT + 4.0;
const X_NAME: f32 = LEFT + 30.0;
const X_UNIT: f32 = 270.0;
const X_FIGURES: [f32; 5] = [360.0, 425.0, 463.0, 497.0, RIGHT - 4.0];
const X_TOTAL: f32 = RIGHT - 4.0;

fn table_header(l: &mut Layout, lb: &Labels) {
    let y = l.y;
    l.ops().push(Op::Rect { x: LEFT, y: y - 12.0, w: RIGHT - LEFT, h: 17.0, gray: 235 });
    let [no, name, unit, figures @ ..] = lb.cols;
    l.text(X_NO, y, 8.5, no, 60);
    l.text(X_NAME, y, 8.5, name, 60);
    l.text(X_UNIT, y, 8.5, unit, 60);
    for (x, label) in X_FIGURES.into_iter().zip(figures) {
        l.right(x, y, 8.5, label, 60);
    }
    l.y += 18.0;
}

/// The PDF of a document, its fixed words in `lang`.
pub fn render(p: &Print, lang: Lang) -> Result<Vec<u8>, DomainError> {
    let font = font()?;
    let lb = labels(lang);
    let c = &p.company;
    let mut l = Layout { font, done: Vec::new(), page: Vec::new(), y: 52.0 };

    // The company's header.
    l.text(LEFT, l.y, 15.0, c.name.as_deref().unwrap_or_default(), 20);
    if p.draft {
        l.right(RIGHT, l.y, 13.0, lb.draft, 150);
    }
    l.y += 16.0;
    let contact_line = [c.address.as_deref(), c.phone.as_deref(), c.email.as_deref(), c.website.as_deref()].into_iter().flatten().collect::<Vec<_>>().join("  ·  ");
    for line in font.wrap(&contact_line, 8.5, RIGHT - LEFT) {
        l.text(LEFT, l.y, 8.5, &line, 90);
        l.y += 12.0;
    }
    let money_line = [c.tax_number.as_deref().map(|t| format!("{}: {t}", lb.tax_number)), c.bank_name.as_deref().map(|b| format!("{}: {b} {}", lb.bank, c.bank_account.as_deref().unwrap_or_default()))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("    ");
    if !money_line.is_empty() {
        l.text(LEFT, l.y, 8.5, &money_line, 90);
        l.y += 12.0;
    }
    l.y += 4.0;
    l.rule(l.y, 1.2, 40);
    l.y += 30.0;

    // Title and the document's facts, two to a row.
    let title_w = font.width(&p.title, 20.0);
    l.text((W - title_w) / 2.0, l.y, 20.0, &p.title, 20);
    l.y += 26.0;
    for pair in p.facts.chunks(2) {
        for ((k, v), x) in pair.iter().zip([LEFT, 320.0]) {
            l.text(x, l.y, 9.5, &format!("{k}:"), 90);
            let label_w = font.width(&format!("{k}: "), 9.5).max(62.0);
            let v = font.fit(v, 9.5, 255.0 - label_w);
            l.text(x + label_w, l.y, 9.5, &v, 20);
        }
        l.y += 15.0;
    }
    l.y += 10.0;

    // The lines, when there are any.
    if !p.lines.is_empty() {
        table_header(&mut l, &lb);
    }
    for (i, line) in p.lines.iter().enumerate() {
        if l.room(16.0) {
            table_header(&mut l, &lb);
        }
        let y = l.y;
        l.text(X_NO, y, 8.5, &(i + 1).to_string(), 40);
        let name = font.fit(&line.name, 8.5, X_UNIT - 6.0 - X_NAME);
        l.text(X_NAME, y, 8.5, &name, 20);
        let unit = font.fit(line.unit.as_deref().unwrap_or_default(), 8.5, 28.0);
        l.text(X_UNIT, y, 8.5, &unit, 40);
        let figures = [line.quantity.to_string(), grouped(line.unit_price, 2), line.discount_percent.to_string(), line.tax_rate_percent.to_string(), grouped(line.total, 2)];
        for (x, text) in X_FIGURES.into_iter().zip(figures) {
            l.right(x, y, 8.5, &text, 20);
        }
        l.y += 6.0;
        l.rule(l.y, 0.3, 200);
        l.y += 10.0;
    }

    // Totals, right-aligned (a contract without lines states its amount), and the amount in words.
    l.room(90.0);
    l.y += 6.0;
    let figures = if p.lines.is_empty() {
        vec![(lb.amount, p.total, 11.5)]
    } else {
        vec![(lb.subtotal, p.subtotal, 9.5), (lb.discount, -p.discount_total, 9.5), (lb.tax, p.tax_total, 9.5), (lb.total, p.total, 11.5)]
    };
    for (label, amount, size) in figures {
        l.right(430.0, l.y, size, label, 60);
        l.right(X_TOTAL, l.y, size, &format!("{} {}", p.currency, grouped(amount, 2)), 20);
        l.y += size + 6.0;
    }
    let words = if p.currency == "CNY" { format!("人民币{}", p.total_in_words) } else { p.total_in_words.clone() };
    l.text(LEFT, l.y, 9.5, &format!("{}: {words}", lb.in_words), 20);
    l.y += 24.0;

    // Terms and remarks, wrapped, over pages as needed.
    for (label, text) in &p.sections {
        let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) else { continue };
        l.room(30.0);
        l.text(LEFT, l.y, 10.0, label, 20);
        l.y += 15.0;
        for line in font.wrap(text, 9.0, RIGHT - LEFT) {
            l.room(13.0);
            l.text(LEFT, l.y, 9.0, &line, 40);
            l.y += 13.0;
        }
        l.y += 10.0;
    }

    // Signature blocks side by side, kept together on one page.
    if !p.signatures.is_empty() {
        l.room(90.0);
        l.y += 16.0;
        for ((party, name), x) in p.signatures.iter().zip([LEFT, 320.0]) {
            l.text(x, l.y, 10.0, &format!("{party}: {}", font.fit(name, 10.0, 200.0)), 20);
            l.text(x, l.y + 30.0, 9.0, &format!("{}:", lb.signature), 90);
            l.text(x, l.y + 55.0, 9.0, &format!("{}:", lb.signed_on), 90);
        }
        l.y += 70.0;
    }

    let title = format!("{} {}", p.title, p.number);
    draw(font, l.pages(), &lb, &title)
}

fn gray(level: u8) -> krilla::paint::Paint {
    rgb::Color::new(level, level, level).into()
}

fn draw(font: &PdfFont, pages: Vec<Vec<Op>>, lb: &Labels, title: &str) -> Result<Vec<u8>, DomainError> {
    let mut document = Document::new();
    document.set_metadata(Metadata::new().title(title.to_string()).creator("CRM".to_string()));
    let count = pages.len();
    for (n, ops) in pages.into_iter().enumerate() {
        let settings = PageSettings::from_wh(W, H).ok_or_else(|| DomainError::internal("page size"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let footer = (lb.page)(n + 1, count);
        let footer_x = (W - font.width(&footer, 8.0)) / 2.0;
        for op in ops.into_iter().chain([Op::Text { x: footer_x, y: H - 28.0, size: 8.0, text: footer, gray: 120 }]) {
            match op {
                Op::Text { x, y, size, text, gray: g } => {
                    surface.set_fill(Some(Fill { paint: gray(g), opacity: NormalizedF32::ONE, rule: Default::default() }));
                    surface.draw_text(Point::from_xy(x, y), font.font.clone(), size, &text, false, TextDirection::Auto);
                }
                Op::Line { x1, y1, x2, y2, width, gray: g } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(x1, y1);
                    pb.line_to(x2, y2);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke { paint: gray(g), width, ..Default::default() }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Rect { x, y, w, h, gray: g } => {
                    let mut pb = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                        pb.push_rect(rect);
                    }
                    if let Some(path) = pb.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(Fill { paint: gray(g), opacity: NormalizedF32::ONE, rule: Default::default() }));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| DomainError::internal(format!("the PDF could not be written: {e:?}")))
}

#[cfg(test)]
mod tests {
    use super::grouped;
    use std::str::FromStr;

    #[test]
    fn amounts_are_grouped_by_thousands() {
        let g = |s: &str| grouped(rust_decimal::Decimal::from_str(s).unwrap(), 2);
        assert_eq!(g("1234567.8"), "1,234,567.80");
        assert_eq!(g("999.5"), "999.50");
        assert_eq!(g("-370.37"), "-370.37");
        assert_eq!(g("1000"), "1,000.00");
    }
}
