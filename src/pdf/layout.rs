//! A small A4 layout engine on top of printpdf, shared by every printed document
//! (rupture simulation, yearly follow-up form, interview report…).
//!
//! The model is a [`Writer`] with a vertical cursor: each call (paragraph, table, rule…)
//! draws below the previous one and moves the cursor down. When the content does not fit,
//! the writer opens a new page, repeats the header in short form, and goes on (tables
//! repeat their header row, boxes are continued). Page numbers "Page n / N" are added by
//! [`Writer::finish`], once the number of pages is known.
//!
//! Blocks are kept whole the way a typesetter keeps them: a heading stays with the first
//! lines of what follows it ("keep with next"), and [`Writer::keep_together`] keeps a
//! group of blocks (the signature with the last question) on one page. Both work the same
//! way: the writer remembers where the block began, and when a page break would fall
//! inside it, the block's drawing is lifted off the page and put at the top of the next
//! one, shifted by a translation — nothing is laid out twice.
//!
//! Text is measured with the real glyph advances of the embedded font, so wrapped lines
//! never cross the right margin. Characters that the font cannot draw are replaced by
//! "?" rather than failing; text is normalised to NFC first (a name typed as "e" + combining
//! accent prints as "é").
//!
//! ```no_run
//! # use cesp::pdf::layout::*;
//! # fn demo() -> Result<Vec<u8>, PdfError> {
//! let fonts = Fonts::load()?; // once, at start-up; share it by reference
//! let header = Header::new("ARS Bretagne", "Fiche de suivi annuelle");
//! let info = DocumentInfo::new("Fiche de suivi", chrono::NaiveDate::from_ymd_opt(2024, 11, 4).unwrap());
//! let mut w = Writer::new(&fonts, header, &info);
//! w.heading("Identité");
//! w.label_value("Nom", "Mme Hélène LEFÈVRE");
//! w.label_value("Adresse", ""); // empty: a dotted line to fill by hand
//! w.finish()
//! # }
//! ```

use printpdf::CurTransMat;
use printpdf::{
    Color, Date as PdfDate, DateTime as PdfDateTime, FontId, Greyscale, Line, LineDashPattern, LinePoint,
    Offset, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity,
    PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix, Time as PdfTime,
};
use unicode_normalization::UnicodeNormalization;

pub mod acroform;
mod chart;
mod form;

pub use acroform::{FieldSlot, SlotKind};

// --------------------------------------------------------------------------------------
// Errors
// --------------------------------------------------------------------------------------

/// Errors of PDF generation. Messages are in French: they reach the user as is.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// An embedded font could not be parsed (damaged build).
    #[error("la police « {0} » intégrée à l'application est illisible")]
    Font(&'static str),
    /// A table was given rows whose number of cells differs from its number of columns.
    #[error("tableau mal formé : la ligne {row} a {found} cellule(s) au lieu de {expected}")]
    TableShape {
        /// 1-based row number.
        row: usize,
        /// Number of columns of the table.
        expected: usize,
        /// Number of cells in the row.
        found: usize,
    },
    /// A table has no columns, or columns with a non-positive width.
    #[error("tableau mal formé : {0}")]
    TableColumns(&'static str),
    /// printpdf reported an error while writing the file.
    #[error("échec de la génération du PDF : {0}")]
    Generation(String),
}

// --------------------------------------------------------------------------------------
// Geometry and typography
// --------------------------------------------------------------------------------------

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;
/// A4 width in points.
pub const PAGE_WIDTH: f32 = 210.0 * PT_PER_MM;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 297.0 * PT_PER_MM;
/// Margin on all four sides, in points (20 mm).
pub const MARGIN: f32 = 20.0 * PT_PER_MM;
/// Width available between the left and right margins, in points.
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Body text size, in points.
pub const BODY_SIZE: f32 = 10.0;
/// Small text size (notes, footer), in points.
pub const SMALL_SIZE: f32 = 8.5;
/// Line height as a multiple of the font size.
pub const LEADING: f32 = 1.3;

/// Converts millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

const LEFT: f32 = MARGIN;
const RIGHT: f32 = PAGE_WIDTH - MARGIN;
const TOP: f32 = PAGE_HEIGHT - MARGIN;
/// Baseline of the footer line (inside the bottom margin box, above the 20 mm margin).
const FOOTER_BASELINE: f32 = MARGIN + 2.5;
/// Lowest point the body may reach: the footer (its text and rule) lies below.
const BODY_BOTTOM: f32 = MARGIN + 9.0 * PT_PER_MM;

const BLACK: f32 = 0.0;
const DARK: f32 = 0.3;
const MID: f32 = 0.55;
const LIGHT_FILL: f32 = 0.93;
const PALE_FILL: f32 = 0.965;

// --------------------------------------------------------------------------------------
// Fonts
// --------------------------------------------------------------------------------------

pub(crate) static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Weight of a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontStyle {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
}

/// One parsed face with what the layout needs to measure text quickly.
struct Face {
    parsed: ParsedFont,
    units_per_em: f32,
    /// Advance (font units) of the glyphs U+0000..U+0180, `None` when the font lacks it.
    latin: Vec<Option<u16>>,
}

impl Face {
    fn parse(bytes: &[u8], name: &'static str) -> Result<Face, PdfError> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or(PdfError::Font(name))?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return Err(PdfError::Font(name));
        }
        let latin = (0u32..0x180)
            .map(|c| {
                parsed
                    .lookup_glyph_index(c)
                    .map(|gid| parsed.get_horizontal_advance(gid))
            })
            .collect();
        Ok(Face {
            parsed,
            units_per_em,
            latin,
        })
    }

    /// Advance of `c` in font units, `None` when the font has no glyph for it.
    fn advance(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        match self.latin.get(cp as usize) {
            Some(a) => *a,
            None => self
                .parsed
                .lookup_glyph_index(cp)
                .map(|gid| self.parsed.get_horizontal_advance(gid)),
        }
    }
}

/// The two embedded faces (DejaVu Sans and DejaVu Sans Bold), parsed once.
///
/// Parsing costs about a millisecond per face: load them once at start-up and pass
/// `&Fonts` to every document. Each document embeds only the glyphs it uses (subset).
pub struct Fonts {
    regular: Face,
    bold: Face,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(DejaVu Sans, DejaVu Sans Bold)")
    }
}

impl Fonts {
    /// Parses the embedded DejaVu Sans faces.
    pub fn load() -> Result<Fonts, PdfError> {
        Ok(Fonts {
            regular: Face::parse(REGULAR_TTF, "DejaVu Sans")?,
            bold: Face::parse(BOLD_TTF, "DejaVu Sans Bold")?,
        })
    }

    fn face(&self, style: FontStyle) -> &Face {
        match style {
            FontStyle::Regular => &self.regular,
            FontStyle::Bold => &self.bold,
        }
    }

    /// Whether `c` can be drawn in `style`.
    pub fn has_glyph(&self, c: char, style: FontStyle) -> bool {
        self.face(style).advance(c).is_some()
    }

    /// Width of `text` drawn in `style` at `size` points, in points (no kerning is applied
    /// when drawing, so this is exact). Unknown characters count as "?".
    pub fn text_width(&self, text: &str, style: FontStyle, size: f32) -> f32 {
        let face = self.face(style);
        let fallback = face.advance('?').unwrap_or(0);
        let units: u32 = text
            .chars()
            .map(|c| u32::from(face.advance(c).unwrap_or(fallback)))
            .sum();
        units as f32 * size / face.units_per_em
    }

    /// Prepares `text` for drawing: NFC, tabs to spaces, control characters removed,
    /// characters missing from the font replaced by "?". Newlines are kept. The ordinary
    /// space after "«" and before "»", ":", ";", "!", "?", "€" and "%" becomes U+00A0, so
    /// that a line never starts with one of these signs (French typography).
    pub fn sanitize(&self, text: &str, style: FontStyle) -> String {
        let chars: Vec<char> = text
            .nfc()
            .filter_map(|c| match c {
                '\n' => Some('\n'),
                '\t' => Some(' '),
                '\r' => None,
                c if c.is_control() => None,
                c if self.has_glyph(c, style) => Some(c),
                _ => Some('?'),
            })
            .collect();
        let mut out = String::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let next = chars.get(i + 1).copied();
            let binds = c == ' '
                && (prev == Some('«')
                    || (matches!(next, Some('»' | ':' | ';' | '!' | '?' | '€' | '%'))
                        && prev.is_some_and(|p| p != ' ' && p != '\n')));
            out.push(if binds { '\u{a0}' } else { c });
        }
        out
    }

    /// Splits `text` into lines no wider than `width` points. Breaks at ordinary spaces
    /// (never at U+00A0 or U+202F, so "1 200,00 €" stays whole) and at "\n"; a word wider
    /// than the line is cut between characters. Always returns at least one line.
    pub fn wrap(&self, text: &str, style: FontStyle, size: f32, width: f32) -> Vec<String> {
        let width = width.max(size); // at least one character per line
        let space = self.text_width(" ", style, size);
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0f32;
            for word in para.split(' ').filter(|w| !w.is_empty()) {
                let word_w = self.text_width(word, style, size);
                if !line.is_empty() && line_w + space + word_w <= width + 0.01 {
                    line.push(' ');
                    line.push_str(word);
                    line_w += space + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if word_w <= width + 0.01 {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                // A word longer than the line: break after "-", "/", "." or "@" when
                // possible, else between characters.
                line_w = 0.0;
                for piece in word.split_inclusive(['-', '/', '.', '@', '_']) {
                    let piece_w = self.text_width(piece, style, size);
                    if line_w + piece_w <= width + 0.01 {
                        line.push_str(piece);
                        line_w += piece_w;
                        continue;
                    }
                    if !line.is_empty() && piece_w <= width + 0.01 {
                        lines.push(std::mem::take(&mut line));
                        line.push_str(piece);
                        line_w = piece_w;
                        continue;
                    }
                    for c in piece.chars() {
                        let mut buf = [0u8; 4];
                        let cw = self.text_width(c.encode_utf8(&mut buf), style, size);
                        if !line.is_empty() && line_w + cw > width + 0.01 {
                            lines.push(std::mem::take(&mut line));
                            line_w = 0.0;
                        }
                        line.push(c);
                        line_w += cw;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

// --------------------------------------------------------------------------------------
// Document description
// --------------------------------------------------------------------------------------

/// Metadata of the PDF file (shown in the reader's "Properties").
#[derive(Debug, Clone)]
pub struct DocumentInfo {
    /// Document title.
    pub title: String,
    /// Subject (optional, may be empty).
    pub subject: String,
    /// Author, e.g. the ARS name (may be empty).
    pub author: String,
    /// Creation date written in the metadata (the PDF default would be 1970).
    pub creation_date: chrono::NaiveDate,
}

impl DocumentInfo {
    /// Title and creation date; subject and author empty.
    pub fn new(title: impl Into<String>, creation_date: chrono::NaiveDate) -> DocumentInfo {
        DocumentInfo {
            title: title.into(),
            subject: String::new(),
            author: String::new(),
            creation_date,
        }
    }
}

/// The header block printed on the first page, and in short form on the next ones.
#[derive(Debug, Clone)]
pub struct Header {
    /// Issuing agency, e.g. "ARS Bretagne"; empty to omit the line.
    pub ars_name: String,
    /// Document title, centred in bold.
    pub title: String,
    /// Optional line under the title.
    pub subtitle: Option<String>,
    /// Optional small text at the top right of the first page (a date, a reference).
    pub top_right: Option<String>,
    /// Text at the bottom left of every page (defaults to the title).
    pub footer: Option<String>,
    /// A document posted to a person: the sender's block and the recipient's address in
    /// the window of the envelope. `None`: the plain header above.
    pub letterhead: Option<Letterhead>,
}

/// A raster image (the agency's logo): 8-bit RGB or RGBA pixels, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub data: Vec<u8>,
}

/// The logo's box at the top left of a letterhead, in millimetres (width, height): the
/// image is scaled to fit, never stretched.
const LOGO_BOX: (f32, f32) = (55.0, 20.0);

/// The first page of a document sent by post, laid out for a window envelope.
#[derive(Debug, Clone, Default)]
pub struct Letterhead {
    /// The agency's logo, in place of "République française"; shared by every document
    /// of a batch, embedded once in the file.
    pub logo: Option<std::sync::Arc<Image>>,
    /// Under the agency's name, at the top left: the service, who follows the file, how
    /// to reach them (small text, one item per line, wrapped).
    pub sender: Vec<String>,
    /// The recipient's address, line by line as La Poste reads it (see [`ADDRESS_WINDOW`]).
    pub recipient: Vec<String>,
    /// Under the title, left of the address: a deadline, a date ("Rennes, le …").
    pub aside: Vec<String>,
}

/// Where the address must stand to show through the window of a "DL" envelope
/// (110 × 220 mm, window 85 × 33 mm at 11 cm from the left edge and 5,5 cm from the top
/// of an A4 page folded in three), and how much of it La Poste reads: at most 6 lines of
/// at most 38 characters (norme NF Z 10-011 on postal addresses, and La Poste's guide
/// "Bien adresser son courrier"). Millimetres from the top-left corner of the page.
pub struct AddressWindow {
    /// Distance from the left edge.
    pub left: f32,
    /// Distance from the top edge.
    pub top: f32,
    /// Width of the window.
    pub width: f32,
    /// Height of the window.
    pub height: f32,
    /// Lines La Poste reads.
    pub max_lines: usize,
    /// Characters per line.
    pub max_chars: usize,
}

/// The window of the envelope (see [`AddressWindow`]).
pub const ADDRESS_WINDOW: AddressWindow = AddressWindow {
    left: 110.0,
    top: 55.0,
    width: 85.0,
    height: 33.0,
    max_lines: 6,
    max_chars: 38,
};

impl Header {
    /// A header with an agency name and a title.
    pub fn new(ars_name: impl Into<String>, title: impl Into<String>) -> Header {
        Header {
            ars_name: ars_name.into(),
            title: title.into(),
            subtitle: None,
            top_right: None,
            footer: None,
            letterhead: None,
        }
    }
}

/// Horizontal alignment of text in a line or a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right (numbers, amounts).
    Right,
}

/// Font, size and alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    /// Weight.
    pub font: FontStyle,
    /// Size in points.
    pub size: f32,
    /// Alignment.
    pub align: Align,
    /// Grey level, 0 = black.
    pub grey: f32,
}

impl TextStyle {
    /// Body text: regular, 10 pt, left.
    pub const BODY: TextStyle = TextStyle {
        font: FontStyle::Regular,
        size: BODY_SIZE,
        align: Align::Left,
        grey: BLACK,
    };
    /// Body text in bold.
    pub const BOLD: TextStyle = TextStyle {
        font: FontStyle::Bold,
        size: BODY_SIZE,
        align: Align::Left,
        grey: BLACK,
    };
    /// Small dark-grey text for notes and mentions.
    pub const NOTE: TextStyle = TextStyle {
        font: FontStyle::Regular,
        size: SMALL_SIZE,
        align: Align::Left,
        grey: DARK,
    };
}

/// A column of a [`Table`].
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// Relative width (the widths are scaled to the page width).
    pub width: f32,
    /// Alignment of the header and cells ([`Align::Right`] for amounts).
    pub align: Align,
}

impl Column {
    /// A column with a header, a relative width and an alignment.
    pub fn new(header: impl Into<String>, width: f32, align: Align) -> Column {
        Column {
            header: header.into(),
            width,
            align,
        }
    }
}

/// A row of a [`Table`].
#[derive(Debug, Clone)]
pub struct Row {
    /// One text per column; text wraps inside its cell.
    pub cells: Vec<String>,
    /// Bold on a light background with a rule above (totals).
    pub emphasis: bool,
}

impl Row {
    /// An ordinary row.
    pub fn new<S: Into<String>>(cells: impl IntoIterator<Item = S>) -> Row {
        Row {
            cells: cells.into_iter().map(Into::into).collect(),
            emphasis: false,
        }
    }

    /// An emphasised row (a total).
    pub fn total<S: Into<String>>(cells: impl IntoIterator<Item = S>) -> Row {
        Row {
            cells: cells.into_iter().map(Into::into).collect(),
            emphasis: true,
        }
    }
}

/// A simple table: a header row repeated after page breaks, wrapped cells, no vertical
/// rules.
#[derive(Debug, Clone)]
pub struct Table {
    /// The columns (two or three in practice; any positive number works).
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Row>,
}

// --------------------------------------------------------------------------------------
// Writer
// --------------------------------------------------------------------------------------

const CELL_PAD_X: f32 = 1.8 * PT_PER_MM;
const CELL_PAD_Y: f32 = 1.1 * PT_PER_MM;
const BOX_PAD: f32 = 3.0 * PT_PER_MM;

/// Draws a document page by page, top to bottom. See the module documentation.
pub struct Writer<'f> {
    fonts: &'f Fonts,
    doc: PdfDocument,
    regular_id: FontId,
    bold_id: FontId,
    header: Header,
    pages: Vec<Vec<Op>>,
    /// The documents of a merged file: index of each one's first page and its header.
    /// Page numbers and footers restart with each (see [`Writer::start_document`]).
    documents: Vec<(usize, Header)>,
    /// Top of the free space on the current page, in points from the bottom edge.
    y: f32,
    /// Fill grey and font last set on the current page. Both are graphics state, which
    /// outlives BT/ET: text drawn in the same colour and font does not set them again
    /// (a 1 000-sheet batch is a fifth smaller). `None` at the start of every page.
    text_fill: Option<u32>,
    text_font: Option<(FontStyle, u32)>,
    label_width: f32,
    /// The block being kept whole, if any (see [`Writer::keep_together`]).
    keep: Option<(Anchor, Keep)>,
    /// Top of the body on the current page, just under its header.
    body_top: f32,
    /// Images embedded in the file, by the address of their shared pixels.
    images: Vec<(usize, printpdf::XObjectId)>,
    /// The fillable fields drawn so far, when the document is a form to fill on screen
    /// (see [`Writer::make_fillable`]); `None` for a document to print.
    fields: Option<Vec<FieldSlot>>,
}

/// Where a kept block began: its page, the index of its first drawing operation on that
/// page, and the cursor there.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    page: usize,
    ops: usize,
    y: f32,
    /// The text state in force there (see [`Writer::text`]): set again at the top of the
    /// block when it moves, since the block relies on it.
    fill: Option<u32>,
    font: Option<(FontStyle, u32)>,
    /// The fillable fields drawn before it: those after move with the block.
    fields: usize,
}

/// How long a block is kept whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// A heading: until the first unit of the next block (a line, a field, a table row).
    WithNext,
    /// Until the end of [`Writer::keep_together`].
    Together,
}

/// A heading and the start of its section never take more than this share of a page to
/// be moved: past it, breaking is better than leaving half a page blank.
const WITH_NEXT_MAX_SHARE: f32 = 0.4;

impl<'f> Writer<'f> {
    /// Starts a document and draws the full header on its first page.
    pub fn new(fonts: &'f Fonts, header: Header, info: &DocumentInfo) -> Writer<'f> {
        let mut doc = PdfDocument::new(&info.title);
        let date = to_pdf_date(info.creation_date);
        let meta = &mut doc.metadata.info;
        meta.creation_date = date;
        meta.modification_date = date;
        meta.metadata_date = date;
        meta.subject = info.subject.clone();
        meta.author = info.author.clone();
        meta.creator = "Suivi CESP".to_owned();
        meta.producer = "Suivi CESP (printpdf)".to_owned();
        let regular_id = doc.add_font(&fonts.regular.parsed);
        let bold_id = doc.add_font(&fonts.bold.parsed);
        let mut w = Writer {
            fonts,
            doc,
            regular_id,
            bold_id,
            documents: vec![(0, header.clone())],
            header,
            pages: vec![Vec::new()],
            y: TOP,
            text_fill: None,
            text_font: None,
            label_width: mm(48.0),
            keep: None,
            body_top: TOP,
            images: Vec::new(),
            fields: None,
        };
        w.full_header();
        w.body_top = w.y;
        w
    }

    /// Makes the document a form to fill on screen: the form primitives record their
    /// fields ([`FieldSlot`]) and draw their values as the fields' appearances, not on the
    /// page, so that the reader can change them. `hidden` are fields no one sees (name,
    /// value), on the first page.
    pub fn make_fillable(&mut self, hidden: &[(&str, &str)]) {
        let fields = self.fields.get_or_insert_with(Vec::new);
        for (name, value) in hidden {
            fields.push(FieldSlot {
                name: (*name).to_owned(),
                page: 0,
                rect: [0.0; 4],
                kind: SlotKind::Hidden {
                    value: (*value).to_owned(),
                },
            });
        }
    }

    /// Whether this document records fillable fields.
    pub fn is_fillable(&self) -> bool {
        self.fields.is_some()
    }

    /// Records a field on the current page (nothing for a document to print).
    pub(crate) fn add_field(&mut self, name: &str, rect: [f32; 4], kind: SlotKind) {
        let page = self.pages.len() - 1;
        if let Some(fields) = self.fields.as_mut() {
            fields.push(FieldSlot {
                name: name.to_owned(),
                page,
                rect,
                kind,
            });
        }
    }

    /// The fonts used by this writer (for measuring).
    pub fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Space left above the footer on the current page, in points.
    pub fn remaining(&self) -> f32 {
        (self.y - BODY_BOTTOM).max(0.0)
    }

    /// Opens a new page if less than `height` points remain on the current one.
    pub fn ensure_space(&mut self, height: f32) {
        if self.y - height < BODY_BOTTOM {
            self.new_page();
        }
    }

    /// Starts another document in the same file (a merged batch of forms): a new page
    /// with the full `header`; its pages are numbered "Page 1 / n" on their own, and
    /// the fonts stay embedded once for the whole file.
    pub fn start_document(&mut self, header: Header) {
        self.pages.push(Vec::new());
        self.reset_text_state();
        self.y = TOP;
        self.documents.push((self.pages.len() - 1, header.clone()));
        self.header = header;
        self.keep = None;
        self.full_header();
        self.body_top = self.y;
    }

    /// Number of documents in the file (1 plus one per [`Writer::start_document`]).
    pub fn document_count(&self) -> usize {
        self.documents.len()
    }

    /// Opens a new page, with the header in short form. A block being kept whole (a
    /// heading and the start of its section, or [`Writer::keep_together`]) moves to the
    /// new page with it, unless it already starts at the top of its page.
    pub fn new_page(&mut self) {
        let old_y = self.y;
        let from = self.pages.len() - 1;
        self.pages.push(Vec::new());
        self.reset_text_state();
        self.y = TOP;
        self.short_header();
        self.body_top = self.y;
        let Some((anchor, kind)) = self.keep else {
            return;
        };
        let height = anchor.y - old_y;
        let room = self.body_top - BODY_BOTTOM;
        let limit = match kind {
            Keep::WithNext => room * WITH_NEXT_MAX_SHARE,
            Keep::Together => room,
        };
        let at_top = anchor.y >= self.page_top(anchor.page) - 0.5;
        if anchor.page != from || at_top || height > limit {
            return;
        }
        let moved = match self.pages.get_mut(from) {
            Some(ops) if anchor.ops <= ops.len() => ops.split_off(anchor.ops),
            _ => return,
        };
        let dy = self.body_top - anchor.y;
        let here = self.current_ops_len();
        let font_id = |style: FontStyle| match style {
            FontStyle::Regular => self.regular_id.clone(),
            FontStyle::Bold => self.bold_id.clone(),
        };
        let font = anchor
            .font
            .map(|(style, size)| (font_id(style), f32::from_bits(size)));
        let page = self.page_ops();
        page.push(Op::SaveGraphicsState);
        page.push(Op::SetTransformationMatrix {
            matrix: CurTransMat::Translate(Pt(0.0), at(dy)),
        });
        // The state the block's first texts rely on (text state operators are allowed
        // outside a text object).
        if let Some(fill) = anchor.fill {
            page.push(Op::SetFillColor {
                col: grey(f32::from_bits(fill)),
            });
        }
        if let Some((id, size)) = font {
            page.push(Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(size),
            });
        }
        page.extend(moved);
        page.push(Op::RestoreGraphicsState);
        let new_page = self.pages.len() - 1;
        if let Some(fields) = self.fields.as_mut() {
            for f in fields.iter_mut().skip(anchor.fields).filter(|f| f.page == from) {
                f.page = new_page;
                f.rect[1] += dy;
                f.rect[3] += dy;
            }
        }
        // Font and colour were set inside the moved block, and are undone by its "Q".
        self.reset_text_state();
        self.y = old_y + dy;
        let fields = self.fields.as_ref().map_or(0, Vec::len);
        self.keep = Some((
            Anchor {
                page: self.pages.len() - 1,
                ops: here,
                y: self.body_top,
                fill: None,
                font: None,
                fields,
            },
            kind,
        ));
    }

    /// The top of the body of page `page` (under its header). Only the current page's is
    /// remembered; an earlier page never holds the start of a kept block that matters.
    fn page_top(&self, page: usize) -> f32 {
        if page + 1 == self.pages.len() {
            self.body_top
        } else {
            TOP
        }
    }

    /// Draws what `f` draws on one page: when it would run over a page break, all of it
    /// starts on the next page instead (unless it is taller than a page, then it breaks
    /// where it must). For the last question and the signature, a total and its comment.
    pub fn keep_together(&mut self, f: impl FnOnce(&mut Self)) {
        let outer = self.keep.take();
        let anchor = match outer {
            Some((a, _)) => a,
            None => self.anchor_here(),
        };
        self.keep = Some((anchor, Keep::Together));
        f(self);
        self.keep = match outer {
            Some((a, Keep::Together)) => Some((a, Keep::Together)),
            _ => None,
        };
    }

    /// Marks the current position as the start of a kept block, with the text state the
    /// block will rely on (restored at its top if it moves).
    fn anchor_here(&mut self) -> Anchor {
        let ops = self.current_ops_len();
        Anchor {
            page: self.pages.len() - 1,
            ops,
            y: self.y,
            fill: self.text_fill,
            font: self.text_font,
            fields: self.fields.as_ref().map_or(0, Vec::len),
        }
    }

    /// The first unit after a heading is drawn: the heading may stay on this page.
    fn release_next(&mut self) {
        if matches!(self.keep, Some((_, Keep::WithNext))) {
            self.keep = None;
        }
    }

    /// Vertical space of `v` millimetres (never opens a page by itself).
    pub fn space(&mut self, v: f32) {
        self.y = (self.y - mm(v)).max(BODY_BOTTOM);
    }

    /// Width of the label column of [`Writer::label_value`], in millimetres (default 48).
    pub fn set_label_width(&mut self, v: f32) {
        self.label_width = mm(v).clamp(mm(15.0), CONTENT_WIDTH / 2.0);
    }

    /// A section heading: bold 11 pt with a thin rule underneath, kept with the next lines.
    pub fn heading(&mut self, text: &str) {
        let size = 11.0;
        let text = self.fonts.sanitize(text, FontStyle::Bold);
        let lines = self.fonts.wrap(&text, FontStyle::Bold, size, CONTENT_WIDTH);
        let lh = size * LEADING;
        // At least room for the heading and two body lines; the heading then stays with
        // the first unit of what follows, whatever its height (see `new_page`).
        self.ensure_space(lh * lines.len() as f32 + mm(2.0) + 2.0 * BODY_SIZE * LEADING);
        if self.keep.is_none() {
            let anchor = self.anchor_here();
            self.keep = Some((anchor, Keep::WithNext));
        }
        self.space(1.5);
        for line in &lines {
            let base = baseline(self.y, size, lh);
            self.text(LEFT, base, line, FontStyle::Bold, size, BLACK);
            self.y -= lh;
        }
        self.y -= mm(0.6);
        self.hline(LEFT, RIGHT, self.y, 0.5, MID);
        self.y -= mm(1.8);
    }

    /// A paragraph of body text, wrapped to the page width.
    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_styled(text, TextStyle::BODY);
    }

    /// A paragraph in the given style, wrapped to the page width; "\n" forces a line break.
    pub fn paragraph_styled(&mut self, text: &str, style: TextStyle) {
        self.block(text, style, LEFT, CONTENT_WIDTH);
        self.y -= style.size * 0.4;
        self.release_next();
    }

    /// A bulleted list; each item wraps with a hanging indent.
    pub fn bullets<S: AsRef<str>>(&mut self, items: &[S]) {
        self.bullets_styled(items, TextStyle::BODY);
    }

    /// A bulleted list in the given style.
    pub fn bullets_styled<S: AsRef<str>>(&mut self, items: &[S], style: TextStyle) {
        let indent = mm(5.0);
        for item in items {
            let lh = style.size * LEADING;
            self.ensure_space(lh);
            let base = baseline(self.y, style.size, lh);
            self.text(
                LEFT + mm(1.5),
                base,
                "•",
                FontStyle::Regular,
                style.size,
                style.grey,
            );
            self.block(
                item.as_ref(),
                TextStyle {
                    align: Align::Left,
                    ..style
                },
                LEFT + indent,
                CONTENT_WIDTH - indent,
            );
            self.y -= style.size * 0.25;
            self.release_next();
        }
    }

    /// "Label : value" on one line, the label in bold in a fixed column, the value wrapped
    /// in the rest of the width. An empty value prints a dotted line to fill in by hand.
    pub fn label_value(&mut self, label: &str, value: &str) {
        let size = BODY_SIZE;
        let lh = size * LEADING;
        let label = self.fonts.sanitize(&format!("{label}\u{a0}:"), FontStyle::Bold);
        let label_lines = self
            .fonts
            .wrap(&label, FontStyle::Bold, size, self.label_width - mm(2.0));
        let value_x = LEFT + self.label_width;
        let value_w = RIGHT - value_x;
        let value = self.fonts.sanitize(value, FontStyle::Regular);
        let value_lines = if value.trim().is_empty() {
            Vec::new()
        } else {
            self.fonts.wrap(&value, FontStyle::Regular, size, value_w)
        };
        let n = label_lines.len().max(value_lines.len()).max(1);
        self.ensure_space(lh * n.min(3) as f32);
        for i in 0..n {
            if i > 0 {
                self.ensure_space(lh);
            }
            let base = baseline(self.y, size, lh);
            if let Some(l) = label_lines.get(i) {
                self.text(LEFT, base, l, FontStyle::Bold, size, BLACK);
            }
            if let Some(v) = value_lines.get(i) {
                self.text(value_x, base, v, FontStyle::Regular, size, BLACK);
            } else if i == 0 && value_lines.is_empty() {
                self.dotted(value_x, RIGHT, base - 1.5);
            }
            self.y -= lh;
        }
        self.y -= mm(0.6);
        self.release_next();
    }

    /// A horizontal rule across the page.
    pub fn rule(&mut self) {
        self.ensure_space(mm(3.0));
        self.y -= mm(1.5);
        self.hline(LEFT, RIGHT, self.y, 0.5, MID);
        self.y -= mm(1.5);
        self.release_next();
    }

    /// `n` empty ruled lines (8 mm apart) for hand-written answers.
    pub fn ruled_lines(&mut self, n: usize) {
        self.ruled_field("", n);
    }

    /// [`Writer::ruled_lines`] that are also one multi-line field named `name` in a
    /// fillable document (kept on one page then).
    pub fn ruled_field(&mut self, name: &str, n: usize) {
        let step = mm(8.0);
        if self.is_fillable() && !name.is_empty() {
            self.ensure_space(step * n as f32);
            let top = self.y;
            self.add_field(
                name,
                [LEFT, top - step * n as f32 + mm(1.5), RIGHT, top - mm(1.0)],
                SlotKind::Text {
                    value: String::new(),
                    multiline: true,
                },
            );
        }
        for _ in 0..n {
            self.ensure_space(step);
            self.y -= step;
            self.hline(LEFT, RIGHT, self.y + mm(1.0), 0.4, MID);
            self.release_next();
        }
        self.y -= mm(2.0);
    }

    /// A table. Rows that do not fit go to the next page, under a repeated header row;
    /// a row taller than a page is split between lines.
    pub fn table(&mut self, table: &Table) -> Result<(), PdfError> {
        let ncols = table.columns.len();
        if ncols == 0 {
            return Err(PdfError::TableColumns("aucune colonne"));
        }
        if table
            .columns
            .iter()
            .any(|c| !(c.width.is_finite() && c.width > 0.0))
        {
            return Err(PdfError::TableColumns("largeur de colonne nulle ou négative"));
        }
        for (i, row) in table.rows.iter().enumerate() {
            if row.cells.len() != ncols {
                return Err(PdfError::TableShape {
                    row: i + 1,
                    expected: ncols,
                    found: row.cells.len(),
                });
            }
        }
        let total: f32 = table.columns.iter().map(|c| c.width).sum();
        let widths: Vec<f32> = table
            .columns
            .iter()
            .map(|c| c.width / total * CONTENT_WIDTH)
            .collect();
        let mut xs = Vec::with_capacity(ncols);
        let mut x = LEFT;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        let aligns: Vec<Align> = table.columns.iter().map(|c| c.align).collect();
        let geom = TableGeom { xs, widths, aligns };

        let header = self.prepare_row(
            &geom,
            table.columns.iter().map(|c| c.header.as_str()),
            FontStyle::Bold,
            9.0,
        );
        let size = BODY_SIZE;
        let body_lh = size * LEADING;
        // Header plus the first row (or at least two of its lines) on the same page.
        let first = table.rows.first().map_or(0, |r| {
            let style = if r.emphasis {
                FontStyle::Bold
            } else {
                FontStyle::Regular
            };
            self.prepare_row(&geom, r.cells.iter().map(String::as_str), style, size)
                .len()
                .min(2)
        });
        self.ensure_space(row_height(header.len(), 9.0 * LEADING) + row_height(first, body_lh));
        self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
        self.draw_header_row(&geom, &header);

        let n_rows = table.rows.len();
        for (i, row) in table.rows.iter().enumerate() {
            let style = if row.emphasis {
                FontStyle::Bold
            } else {
                FontStyle::Regular
            };
            let cells = self.prepare_row(&geom, row.cells.iter().map(String::as_str), style, size);
            // A total never starts a page alone: when it would not fit under the row before
            // it, both go to the next page, under the repeated header.
            if i > 0 && i + 2 == n_rows && table.rows[i + 1].emphasis {
                let total = self.prepare_row(
                    &geom,
                    table.rows[i + 1].cells.iter().map(String::as_str),
                    FontStyle::Bold,
                    size,
                );
                let need = row_height(cells.len(), body_lh) + row_height(total.len(), body_lh);
                let fresh = self.body_top - BODY_BOTTOM - row_height(header.len(), 9.0 * LEADING);
                if self.y - need < BODY_BOTTOM && need < fresh {
                    self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
                    self.new_page();
                    self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
                    self.draw_header_row(&geom, &header);
                }
            }
            let mut next = 0;
            while next < cells.len() {
                let avail = ((self.y - BODY_BOTTOM - 2.0 * CELL_PAD_Y) / body_lh)
                    .floor()
                    .max(0.0) as usize;
                let left = cells.len() - next;
                let fresh_page_lines = ((TOP - BODY_BOTTOM - 40.0 * PT_PER_MM) / body_lh).floor() as usize;
                let take = if left <= avail {
                    left
                } else if next == 0 && left <= fresh_page_lines {
                    0 // the whole row fits on a new page: move it there
                } else {
                    avail
                };
                if take == 0 {
                    self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
                    self.new_page();
                    self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
                    self.draw_header_row(&geom, &header);
                    continue;
                }
                let h = row_height(take, body_lh);
                if row.emphasis {
                    self.fill_rect(LEFT, self.y - h, CONTENT_WIDTH, h, PALE_FILL);
                    self.hline(LEFT, RIGHT, self.y, 0.6, DARK);
                }
                for (j, line) in cells[next..next + take].iter().enumerate() {
                    let base = baseline(self.y - CELL_PAD_Y - j as f32 * body_lh, size, body_lh);
                    self.draw_cells(&geom, line, base, style, size);
                }
                next += take;
                self.y -= h;
                self.release_next();
                if next < cells.len() {
                    self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
                    self.new_page();
                    self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
                    self.draw_header_row(&geom, &header);
                } else {
                    self.hline(LEFT, RIGHT, self.y, 0.3, MID);
                }
            }
        }
        self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
        self.y -= mm(3.0);
        Ok(())
    }

    /// A framed box on a pale background with an optional bold title and a bulleted list
    /// (warnings, remarks). It continues on the next page when needed.
    pub fn callout<S: AsRef<str>>(&mut self, title: Option<&str>, items: &[S]) {
        let size = BODY_SIZE;
        let lh = size * LEADING;
        let indent = mm(4.5);
        let inner_w = CONTENT_WIDTH - 2.0 * BOX_PAD;
        let mut lines: Vec<BoxLine> = Vec::new();
        if let Some(t) = title {
            let t = self.fonts.sanitize(t, FontStyle::Bold);
            for text in self.fonts.wrap(&t, FontStyle::Bold, size, inner_w) {
                lines.push(BoxLine {
                    kind: BoxLineKind::Title,
                    text,
                });
            }
        }
        for item in items {
            let t = self.fonts.sanitize(item.as_ref(), FontStyle::Regular);
            let wrapped = self.fonts.wrap(&t, FontStyle::Regular, size, inner_w - indent);
            for (k, text) in wrapped.into_iter().enumerate() {
                let kind = if k == 0 {
                    BoxLineKind::ItemStart
                } else {
                    BoxLineKind::ItemNext
                };
                lines.push(BoxLine { kind, text });
            }
        }
        if lines.is_empty() {
            return;
        }
        self.ensure_space(2.0 * BOX_PAD + lh * lines.len().min(3) as f32);
        let continued = title.map(|t| {
            let t = self
                .fonts
                .sanitize(&format!("{t} (suite)"), FontStyle::Bold)
                .replace('\n', " ");
            self.fit(&t, FontStyle::Bold, size, inner_w)
        });
        let gap = mm(0.8);
        let mut seg_start = self.current_ops_len();
        let mut seg_top = self.y;
        self.y -= BOX_PAD;
        for (i, line) in lines.iter().enumerate() {
            let first_of_segment = i == 0;
            // Space before an item, except at the top of the box.
            if line.kind == BoxLineKind::ItemStart && !first_of_segment {
                self.y -= gap;
            }
            if self.y - lh - BOX_PAD < BODY_BOTTOM {
                self.y -= mm(1.0);
                self.close_box(seg_start, seg_top);
                self.new_page();
                seg_start = self.current_ops_len();
                seg_top = self.y;
                self.y -= BOX_PAD;
                if let Some(t) = &continued {
                    let base = baseline(self.y, size, lh);
                    self.text(LEFT + BOX_PAD, base, t, FontStyle::Bold, size, BLACK);
                    self.y -= lh + gap;
                }
            }
            let base = baseline(self.y, size, lh);
            let (x, style) = match line.kind {
                BoxLineKind::Title => (LEFT + BOX_PAD, FontStyle::Bold),
                BoxLineKind::ItemStart | BoxLineKind::ItemNext => {
                    (LEFT + BOX_PAD + indent, FontStyle::Regular)
                }
            };
            if line.kind == BoxLineKind::ItemStart {
                self.text(x - mm(3.5), base, "•", FontStyle::Regular, size, BLACK);
            }
            self.text(x, base, &line.text, style, size, BLACK);
            self.y -= lh;
        }
        self.y -= BOX_PAD - mm(1.0);
        self.close_box(seg_start, seg_top);
        self.y -= mm(3.0);
        self.release_next();
    }

    /// A signature block: optionally "Fait à …, le …", then one framed space per signer
    /// (e.g. `["Le signataire", "Pour le directeur général de l'ARS"]`), side by side.
    pub fn signature_block(&mut self, place_and_date: bool, signers: &[&str]) {
        let size = BODY_SIZE;
        let lh = size * LEADING;
        let box_h = mm(28.0);
        let n = signers.len().max(1);
        let gap = mm(8.0);
        let col_w = (CONTENT_WIDTH - gap * (n as f32 - 1.0)) / n as f32;
        let labels: Vec<Vec<String>> = signers
            .iter()
            .map(|s| {
                let s = self.fonts.sanitize(s, FontStyle::Bold);
                self.fonts.wrap(&s, FontStyle::Bold, size, col_w)
            })
            .collect();
        let label_lines = labels.iter().map(Vec::len).max().unwrap_or(0);
        let needed =
            if place_and_date { lh + mm(4.0) } else { 0.0 } + label_lines as f32 * lh + box_h + mm(4.0);
        self.ensure_space(needed);
        if place_and_date {
            let base = baseline(self.y, size, lh);
            let a = "Fait à";
            let b = ", le";
            let wa = self.fonts.text_width(a, FontStyle::Regular, size);
            let wb = self.fonts.text_width(b, FontStyle::Regular, size);
            self.text(LEFT, base, a, FontStyle::Regular, size, BLACK);
            let x1 = LEFT + wa + mm(1.5);
            let x2 = x1 + mm(60.0);
            self.dotted(x1, x2, base - 1.5);
            self.text(x2 + mm(0.5), base, b, FontStyle::Regular, size, BLACK);
            let x3 = x2 + mm(0.5) + wb + mm(1.5);
            let x4 = (x3 + mm(40.0)).min(RIGHT);
            self.dotted(x3, x4, base - 1.5);
            // Fillable: the place and the date the signatory types (the signature itself is
            // the reader's own tool, or the pen on a printout).
            let text = || SlotKind::Text {
                value: String::new(),
                multiline: false,
            };
            self.add_field("signature_lieu", [x1, base - 3.0, x2, base + size + 2.0], text());
            self.add_field("signature_date", [x3, base - 3.0, x4, base + size + 2.0], text());
            self.y -= lh + mm(4.0);
        }
        let top = self.y;
        for (i, lines) in labels.iter().enumerate() {
            let x = LEFT + i as f32 * (col_w + gap);
            for (k, l) in lines.iter().enumerate() {
                let base = baseline(top - k as f32 * lh, size, lh);
                self.text(x, base, l, FontStyle::Bold, size, BLACK);
            }
            let box_top = top - label_lines as f32 * lh - mm(1.0);
            self.stroke_rect(x, box_top - box_h, col_w, box_h, 0.5, MID);
        }
        self.y = top - label_lines as f32 * lh - mm(1.0) - box_h - mm(4.0);
        self.release_next();
    }

    /// Lays out the pages, adds the footers ("Page n / N") and returns the PDF bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, PdfError> {
        let n = self.pages.len();
        let documents = std::mem::take(&mut self.documents);
        let footers: Vec<String> = documents
            .iter()
            .map(|(_, h)| {
                let text = h.footer.clone().unwrap_or_else(|| h.title.clone());
                self.fonts.sanitize(&text, FontStyle::Regular).replace('\n', " ")
            })
            .collect();
        let pages = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(n);
        let mut doc = 0;
        for (i, ops) in pages.into_iter().enumerate() {
            while documents.get(doc + 1).is_some_and(|(start, _)| *start <= i) {
                doc += 1;
            }
            let first = documents.get(doc).map_or(0, |(start, _)| *start);
            let end = documents.get(doc + 1).map_or(n, |(start, _)| *start);
            let footer_left = footers.get(doc).map_or("", String::as_str);
            self.pages = vec![ops];
            // The footer goes at the end of the page's own stream, whose last state is
            // not tracked here any more.
            self.reset_text_state();
            let right = format!("Page {} / {}", i - first + 1, end - first);
            let rw = self.fonts.text_width(&right, FontStyle::Regular, SMALL_SIZE);
            let left = self.fit(
                footer_left,
                FontStyle::Regular,
                SMALL_SIZE,
                CONTENT_WIDTH - rw - mm(6.0),
            );
            self.hline(LEFT, RIGHT, FOOTER_BASELINE + mm(4.0), 0.4, MID);
            self.text(LEFT, FOOTER_BASELINE, &left, FontStyle::Regular, SMALL_SIZE, DARK);
            self.text(
                RIGHT - rw,
                FOOTER_BASELINE,
                &right,
                FontStyle::Regular,
                SMALL_SIZE,
                DARK,
            );
            let ops = self.pages.pop().unwrap_or_default();
            out.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops));
        }
        let mut warnings = Vec::new();
        let doc = self.doc.with_pages(out);
        let fields = self.fields.take().unwrap_or_default();
        let bytes = save_compressed(doc, self.fonts, &fields, &mut warnings)?;
        if let Some(e) = warnings
            .iter()
            .find(|w| w.severity == PdfParseErrorSeverity::Error)
        {
            return Err(PdfError::Generation(e.msg.clone()));
        }
        Ok(bytes)
    }

    // ---------------------------------------------------------------- header blocks

    fn full_header(&mut self) {
        if let Some(lh) = self.header.letterhead.clone() {
            self.letter_header(&lh);
            return;
        }
        let top_right = self.header.top_right.clone();
        let rf_base = self.y - 11.0;
        self.small_caps(LEFT, rf_base, "République française", 11.5, 9.0);
        if let Some(tr) = top_right {
            let tr = self.fonts.sanitize(&tr, FontStyle::Regular);
            let tr = self.fit(&tr, FontStyle::Regular, SMALL_SIZE, CONTENT_WIDTH / 2.0);
            let w = self.fonts.text_width(&tr, FontStyle::Regular, SMALL_SIZE);
            self.text(RIGHT - w, rf_base, &tr, FontStyle::Regular, SMALL_SIZE, DARK);
        }
        self.y = rf_base - 4.0;
        let ars = self.header.ars_name.trim().to_owned();
        if !ars.is_empty() {
            let lh = BODY_SIZE * LEADING;
            let ars = self.fonts.sanitize(&ars, FontStyle::Regular);
            for l in self
                .fonts
                .wrap(&ars, FontStyle::Regular, BODY_SIZE, CONTENT_WIDTH / 2.0)
            {
                let base = baseline(self.y, BODY_SIZE, lh);
                self.text(LEFT, base, &l, FontStyle::Regular, BODY_SIZE, BLACK);
                self.y -= lh;
            }
        }
        self.y -= mm(9.0);
        let title = self.header.title.clone();
        self.block(
            &title,
            TextStyle {
                font: FontStyle::Bold,
                size: 15.0,
                align: Align::Center,
                grey: BLACK,
            },
            LEFT,
            CONTENT_WIDTH,
        );
        if let Some(sub) = self.header.subtitle.clone() {
            self.y -= mm(0.5);
            self.block(
                &sub,
                TextStyle {
                    align: Align::Center,
                    grey: DARK,
                    ..TextStyle::BODY
                },
                LEFT,
                CONTENT_WIDTH,
            );
        }
        self.y -= mm(2.5);
        self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
        self.y -= mm(5.0);
    }

    /// The first page of a posted document: the agency and the sender at the top left,
    /// the reference at the top right, the title left of the envelope's window and the
    /// recipient's address in it.
    fn letter_header(&mut self, lh: &Letterhead) {
        let top = PAGE_HEIGHT - MARGIN * 0.6;
        let rf_base = top - 11.0;
        let logo_bottom = match &lh.logo {
            Some(logo) => Some(self.draw_logo(logo, LEFT, top)),
            None => {
                self.small_caps(LEFT, rf_base, "République française", 11.5, 9.0);
                None
            }
        };
        if let Some(tr) = self.header.top_right.clone() {
            let tr = self.fonts.sanitize(&tr, FontStyle::Regular);
            let tr = self.fit(&tr, FontStyle::Regular, SMALL_SIZE, CONTENT_WIDTH / 2.0);
            let w = self.fonts.text_width(&tr, FontStyle::Regular, SMALL_SIZE);
            self.text(RIGHT - w, rf_base, &tr, FontStyle::Regular, SMALL_SIZE, DARK);
        }
        self.y = logo_bottom.map_or(rf_base - 4.0, |b| b - mm(2.5));
        // The sender's column stops short of the window.
        let column = mm(ADDRESS_WINDOW.left) - LEFT - mm(6.0);
        let ars = self.header.ars_name.trim().to_owned();
        if !ars.is_empty() {
            self.block(&ars, TextStyle::BOLD, LEFT, column);
        }
        let small = TextStyle {
            size: 8.0,
            grey: DARK,
            ..TextStyle::BODY
        };
        for line in &lh.sender {
            if !line.trim().is_empty() {
                self.block(line, small, LEFT, column);
            }
        }
        // The recipient, in the window: at most 6 lines of 38 characters, cut rather
        // than moved out of the window.
        let win_top = PAGE_HEIGHT - mm(ADDRESS_WINDOW.top);
        let size = BODY_SIZE;
        let line_h = size * 1.2;
        let inner = mm(ADDRESS_WINDOW.width) - mm(8.0);
        let x = mm(ADDRESS_WINDOW.left) + mm(4.0);
        let lines: Vec<String> = lh
            .recipient
            .iter()
            .map(|l| {
                self.fonts
                    .sanitize(l.trim(), FontStyle::Regular)
                    .replace('\n', " ")
            })
            .filter(|l| !l.is_empty())
            .take(ADDRESS_WINDOW.max_lines)
            .collect();
        let block_h = line_h * lines.len() as f32;
        // Centred in the window's height, so that a folding a few mm off still shows it.
        let mut y = win_top - (mm(ADDRESS_WINDOW.height) - block_h).max(0.0) / 2.0;
        for l in &lines {
            let l = self.fit(l, FontStyle::Regular, size, inner);
            self.text(x, y - size, &l, FontStyle::Regular, size, BLACK);
            y -= line_h;
        }
        // Title and aside left of the window, below the sender's block.
        self.y = self.y.min(win_top) - mm(2.0);
        let title = self.header.title.clone();
        if !title.trim().is_empty() {
            self.block(
                &title,
                TextStyle {
                    font: FontStyle::Bold,
                    size: 13.0,
                    align: Align::Left,
                    grey: BLACK,
                },
                LEFT,
                column,
            );
        }
        if let Some(sub) = self.header.subtitle.clone() {
            self.block(
                &sub,
                TextStyle {
                    grey: DARK,
                    ..TextStyle::BODY
                },
                LEFT,
                column,
            );
        }
        if !lh.aside.is_empty() {
            self.y -= mm(1.5);
            for a in &lh.aside {
                self.block(a, TextStyle::BOLD, LEFT, column);
            }
        }
        let win_bottom = win_top - mm(ADDRESS_WINDOW.height);
        self.y = self.y.min(win_bottom) - mm(4.0);
    }

    /// Draws `logo` with its top-left corner at (`x`, `top`), scaled into [`LOGO_BOX`];
    /// returns its bottom.
    fn draw_logo(&mut self, logo: &std::sync::Arc<Image>, x: f32, top: f32) -> f32 {
        let (bw, bh) = (mm(LOGO_BOX.0), mm(LOGO_BOX.1));
        let (pw, ph) = (logo.width.max(1) as f32, logo.height.max(1) as f32);
        let scale = (bw / pw).min(bh / ph);
        let (w, h) = (pw * scale, ph * scale);
        let key = std::sync::Arc::as_ptr(logo) as usize;
        let id = match self.images.iter().find(|(k, _)| *k == key) {
            Some((_, id)) => id.clone(),
            None => {
                let raw = printpdf::RawImage {
                    pixels: printpdf::RawImageData::U8(logo.data.clone()),
                    width: logo.width as usize,
                    height: logo.height as usize,
                    data_format: if logo.alpha {
                        printpdf::RawImageFormat::RGBA8
                    } else {
                        printpdf::RawImageFormat::RGB8
                    },
                    tag: Vec::new(),
                };
                let id = self.doc.add_image(&raw);
                self.images.push((key, id.clone()));
                id
            }
        };
        // At this resolution one pixel is `scale` points: the image is `w` × `h`.
        let dpi = 72.0 / scale;
        self.page_ops().push(Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(top - h)),
                dpi: Some(dpi),
                ..Default::default()
            },
        });
        let _ = w;
        top - h
    }

    fn short_header(&mut self) {
        let size = SMALL_SIZE;
        let lh = size * LEADING;
        let base = baseline(self.y, size, lh);
        let x = self.small_caps(LEFT, base, "République française", size, size * 0.8);
        // The reference (a file number) on every page: a page that comes loose from its
        // sheet can still be put back with its file.
        let mut right_edge = RIGHT;
        if let Some(tr) = self.header.top_right.clone() {
            let tr = self.fonts.sanitize(&tr, FontStyle::Regular);
            let tr = self.fit(&tr, FontStyle::Regular, size, CONTENT_WIDTH / 3.0);
            let w = self.fonts.text_width(&tr, FontStyle::Regular, size);
            self.text(RIGHT - w, base, &tr, FontStyle::Regular, size, DARK);
            right_edge = RIGHT - w - mm(4.0);
        }
        let ars = self.header.ars_name.trim().to_owned();
        if !ars.is_empty() {
            let t = self.fonts.sanitize(&format!(" — {ars}"), FontStyle::Regular);
            let t = self.fit(&t, FontStyle::Regular, size, (right_edge - x).max(0.0));
            self.text(x, base, &t, FontStyle::Regular, size, DARK);
        }
        self.y -= lh;
        let title = self
            .fonts
            .sanitize(&self.header.title, FontStyle::Bold)
            .replace('\n', " ");
        let title = self.fit(&title, FontStyle::Bold, 9.0, CONTENT_WIDTH);
        let base = baseline(self.y, 9.0, 9.0 * LEADING);
        self.text(LEFT, base, &title, FontStyle::Bold, 9.0, BLACK);
        self.y -= 9.0 * LEADING + mm(1.0);
        self.hline(LEFT, RIGHT, self.y, 0.5, MID);
        self.y -= mm(5.0);
    }

    /// Draws `text` in bold capitals, initials at `big` size and other letters at
    /// `small` size. Returns the x where the text ends.
    fn small_caps(&mut self, x: f32, base: f32, text: &str, big: f32, small: f32) -> f32 {
        let text = self.fonts.sanitize(text, FontStyle::Bold);
        let mut runs: Vec<(String, f32)> = Vec::new();
        let mut word_start = true;
        for c in text.chars() {
            let size = if word_start || c.is_uppercase() || !c.is_alphabetic() {
                big
            } else {
                small
            };
            word_start = c == ' ';
            let up: String = c.to_uppercase().collect();
            match runs.last_mut() {
                Some((s, sz)) if *sz == size => s.push_str(&up),
                _ => runs.push((up, size)),
            }
        }
        let mut x = x;
        for (s, size) in runs {
            self.text(x, base, &s, FontStyle::Bold, size, BLACK);
            x += self.fonts.text_width(&s, FontStyle::Bold, size);
        }
        x
    }

    // ---------------------------------------------------------------- primitives

    /// Wrapped block of text at `x` within `width`, breaking pages between lines.
    fn block(&mut self, text: &str, style: TextStyle, x: f32, width: f32) {
        let lh = style.size * LEADING;
        let text = self.fonts.sanitize(text, style.font);
        for line in self.fonts.wrap(&text, style.font, style.size, width) {
            self.ensure_space(lh);
            let base = baseline(self.y, style.size, lh);
            let w = self.fonts.text_width(&line, style.font, style.size);
            let lx = match style.align {
                Align::Left => x,
                Align::Center => x + (width - w) / 2.0,
                Align::Right => x + width - w,
            };
            self.text(lx, base, &line, style.font, style.size, style.grey);
            self.y -= lh;
        }
    }

    /// Cuts `text` with "…" so that it fits in `width`.
    fn fit(&self, text: &str, style: FontStyle, size: f32, width: f32) -> String {
        if self.fonts.text_width(text, style, size) <= width {
            return text.to_owned();
        }
        let mut out = String::new();
        for c in text.chars() {
            out.push(c);
            if self.fonts.text_width(&out, style, size) + self.fonts.text_width("…", style, size) > width {
                out.pop();
                break;
            }
        }
        out.push('…');
        out
    }

    fn prepare_row<'a>(
        &self,
        geom: &TableGeom,
        cells: impl Iterator<Item = &'a str>,
        style: FontStyle,
        size: f32,
    ) -> Vec<Vec<String>> {
        let wrapped: Vec<Vec<String>> = cells
            .zip(&geom.widths)
            .map(|(c, w)| {
                let c = self.fonts.sanitize(c, style);
                self.fonts.wrap(&c, style, size, w - 2.0 * CELL_PAD_X)
            })
            .collect();
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        (0..n)
            .map(|i| {
                wrapped
                    .iter()
                    .map(|col| col.get(i).cloned().unwrap_or_default())
                    .collect()
            })
            .collect()
    }

    fn draw_header_row(&mut self, geom: &TableGeom, header: &[Vec<String>]) {
        let size = 9.0;
        let lh = size * LEADING;
        let h = row_height(header.len(), lh);
        self.fill_rect(LEFT, self.y - h, CONTENT_WIDTH, h, LIGHT_FILL);
        self.hline(LEFT, RIGHT, self.y, 0.8, BLACK);
        for (j, line) in header.iter().enumerate() {
            let base = baseline(self.y - CELL_PAD_Y - j as f32 * lh, size, lh);
            self.draw_cells(geom, line, base, FontStyle::Bold, size);
        }
        self.y -= h;
        self.hline(LEFT, RIGHT, self.y, 0.5, DARK);
    }

    fn draw_cells(&mut self, geom: &TableGeom, line: &[String], base: f32, style: FontStyle, size: f32) {
        for (k, text) in line.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let w = self.fonts.text_width(text, style, size);
            let (x0, cw) = (geom.xs[k] + CELL_PAD_X, geom.widths[k] - 2.0 * CELL_PAD_X);
            let x = match geom.aligns[k] {
                Align::Left => x0,
                Align::Center => x0 + (cw - w) / 2.0,
                Align::Right => x0 + cw - w,
            };
            self.text(x, base, text, style, size, BLACK);
        }
    }

    fn close_box(&mut self, seg_start: usize, seg_top: f32) {
        let bottom = self.y;
        let rect = Rect {
            x: at(LEFT),
            y: at(bottom),
            width: at(CONTENT_WIDTH),
            height: at(seg_top - bottom),
            mode: Some(PaintMode::FillStroke),
            winding_order: None,
        };
        let ops = vec![
            Op::SaveGraphicsState,
            Op::SetFillColor { col: grey(PALE_FILL) },
            Op::SetOutlineColor { col: grey(DARK) },
            Op::SetOutlineThickness { pt: Pt(0.6) },
            Op::DrawRectangle { rectangle: rect },
            Op::RestoreGraphicsState,
        ];
        let page = self.page_ops();
        let at = seg_start.min(page.len());
        page.splice(at..at, ops);
    }

    fn current_ops_len(&mut self) -> usize {
        self.page_ops().len()
    }

    fn reset_text_state(&mut self) {
        self.text_fill = None;
        self.text_font = None;
    }

    fn page_ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
            self.reset_text_state();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Draws one line of already sanitised text with its baseline at (x, base).
    fn text(&mut self, x: f32, base: f32, text: &str, style: FontStyle, size: f32, grey_level: f32) {
        if text.is_empty() {
            return;
        }
        let id = match style {
            FontStyle::Regular => self.regular_id.clone(),
            FontStyle::Bold => self.bold_id.clone(),
        };
        let fill = grey_level.to_bits();
        let font = (style, size.to_bits());
        let set_fill = self.text_fill != Some(fill);
        let set_font = self.text_font != Some(font);
        self.text_fill = Some(fill);
        self.text_font = Some(font);
        let ops = self.page_ops();
        ops.push(Op::StartTextSection);
        if set_fill {
            ops.push(Op::SetFillColor {
                col: grey(grey_level),
            });
        }
        if set_font {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(id),
                size: Pt(size),
            });
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(at(x), at(base)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_owned())],
        });
        ops.push(Op::EndTextSection);
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32, grey_level: f32) {
        self.line(x1, x2, y, thickness, grey_level, None);
    }

    fn dotted(&mut self, x1: f32, x2: f32, y: f32) {
        self.line(x1, x2, y, 0.5, MID, Some(LineDashPattern::new(0.0, &[0.8, 2.2])));
    }

    fn line(
        &mut self,
        x1: f32,
        x2: f32,
        y: f32,
        thickness: f32,
        grey_level: f32,
        dash: Option<LineDashPattern>,
    ) {
        let point = |x: f32| LinePoint {
            p: Point { x: at(x), y: at(y) },
            bezier: false,
        };
        let ops = self.page_ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor {
            col: grey(grey_level),
        });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        if let Some(d) = dash {
            ops.push(Op::SetLineDashPattern { dash: d });
        }
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(x1), point(x2)],
                is_closed: false,
            },
        });
        ops.push(Op::RestoreGraphicsState);
    }

    /// A black segment from (`x1`, `y1`) to (`x2`, `y2`).
    fn segment(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32) {
        let point = |x: f32, y: f32| LinePoint {
            p: Point { x: at(x), y: at(y) },
            bezier: false,
        };
        let ops = self.page_ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor { col: grey(BLACK) });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(x1, y1), point(x2, y2)],
                is_closed: false,
            },
        });
        ops.push(Op::RestoreGraphicsState);
    }

    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey_level: f32) {
        let rect = Rect {
            x: at(x),
            y: at(y),
            width: at(w),
            height: at(h),
            mode: Some(PaintMode::Fill),
            winding_order: None,
        };
        let ops = self.page_ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetFillColor {
            col: grey(grey_level),
        });
        ops.push(Op::DrawRectangle { rectangle: rect });
        ops.push(Op::RestoreGraphicsState);
    }

    fn stroke_rect(&mut self, x: f32, y: f32, w: f32, h: f32, thickness: f32, grey_level: f32) {
        let rect = Rect {
            x: at(x),
            y: at(y),
            width: at(w),
            height: at(h),
            mode: Some(PaintMode::Stroke),
            winding_order: None,
        };
        let ops = self.page_ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor {
            col: grey(grey_level),
        });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawRectangle { rectangle: rect });
        ops.push(Op::RestoreGraphicsState);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BoxLineKind {
    Title,
    ItemStart,
    ItemNext,
}

struct BoxLine {
    kind: BoxLineKind,
    text: String,
}

#[cfg(test)]
mod keep_tests {
    use super::*;
    use crate::pdf::test_support::pdftotext;

    #[cfg_attr(windows, ignore = "reads the PDF with poppler, a Linux program")]
    #[test]
    fn a_total_row_never_starts_a_page_alone() {
        let fonts = crate::pdf::fonts().unwrap();
        let mut rows: Vec<Row> = (1..=8)
            .map(|k| Row::new([format!("Ligne {k}"), k.to_string()]))
            .collect();
        rows.push(Row::total(["Total", "36"]));
        let table = Table {
            columns: vec![
                Column::new("Catégorie", 3.0, Align::Left),
                Column::new("Nombre", 1.0, Align::Right),
            ],
            rows,
        };
        // Push the table down a line at a time: somewhere its total falls at a page break.
        for fill in 30..75 {
            let info = DocumentInfo::new("Essai", chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
            let mut w = Writer::new(fonts, Header::new("ARS Bretagne", "Essai"), &info);
            for k in 0..fill {
                w.paragraph(&format!("Paragraphe {k}"));
            }
            w.heading("Tableau");
            w.table(&table).unwrap();
            let pdf = w.finish().unwrap();
            let text = pdftotext(&pdf, &[]);
            for page in text.split('\u{c}') {
                if page.contains("Total") {
                    assert!(
                        page.contains("Ligne 8"),
                        "remplissage {fill} : le total est seul\n{page}"
                    );
                }
            }
        }
    }
}

struct TableGeom {
    xs: Vec<f32>,
    widths: Vec<f32>,
    aligns: Vec<Align>,
}

fn row_height(lines: usize, lh: f32) -> f32 {
    lines as f32 * lh + 2.0 * CELL_PAD_Y
}

/// Zlib level of the page and font streams: 6, zlib's default. printpdf's `save` uses 9,
/// which costs three times the time for a few per cent of size.
const COMPRESSION_LEVEL: u32 = 6;

/// What printpdf's `save` does (its document handed to lopdf, the streams compressed, the
/// file written), with the streams compressed at [`COMPRESSION_LEVEL`] on every core: a merged
/// batch of 1 000 sheets has 1 000 page streams, compressed independently.
fn save_compressed(
    doc: &PdfDocument,
    fonts: &Fonts,
    fields: &[FieldSlot],
    warnings: &mut Vec<printpdf::PdfWarnMsg>,
) -> Result<Vec<u8>, PdfError> {
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), warnings);
    acroform::add_fields(&mut lo, fonts, fields)?;
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = streams.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = streams
            .chunks_mut(chunk)
            .map(|part| scope.spawn(move || part.iter_mut().try_for_each(|s| compress_stream(s))))
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .map_err(|_| PdfError::Generation("compression interrompue".to_owned()))?
        })
    })?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| PdfError::Generation(e.to_string()))?;
    Ok(bytes)
}

/// Deflates one stream, kept as it is when that does not make it smaller (as lopdf does).
fn compress_stream(stream: &mut lopdf::Stream) -> Result<(), PdfError> {
    use std::io::Write;
    // A field's appearance is a few dozen bytes: deflating it saves nothing, and setting up
    // the compressor for each of a fillable sheet's hundred costs more than the rest.
    if stream.content.len() < 256 {
        return Ok(());
    }
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 3),
        flate2::Compression::new(COMPRESSION_LEVEL),
    );
    z.write_all(&stream.content)
        .map_err(|e| PdfError::Generation(e.to_string()))?;
    let packed = z.finish().map_err(|e| PdfError::Generation(e.to_string()))?;
    if packed.len() + 19 < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(packed);
    }
    Ok(())
}

/// A position rounded to 1/100 pt (far below what a printer resolves): printpdf writes
/// floats in full, and the extra digits are what compresses worst in a long batch.
fn at(v: f32) -> Pt {
    Pt((v * 100.0).round() / 100.0)
}

/// Baseline of a line of `size` points in a line box of height `lh` whose top is `top`
/// (DejaVu: ascender 0.928 em, descender 0.236 em, centred in the box).
fn baseline(top: f32, size: f32, lh: f32) -> f32 {
    top - (lh - 1.164 * size) / 2.0 - 0.928 * size
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level.clamp(0.0, 1.0),
        icc_profile: None,
    })
}

fn to_pdf_date(d: chrono::NaiveDate) -> PdfDateTime {
    use chrono::Datelike;
    PdfDateTime {
        date: PdfDate {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        },
        time: PdfTime {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load().expect("polices")
    }

    #[test]
    fn fonts_cover_french_and_money_characters() {
        let f = fonts();
        for c in "éèêëàâäçîïôöùûüÿœŒæÆÉÈÀÇ€«»’…•—\u{a0}\u{202f}".chars() {
            assert!(f.has_glyph(c, FontStyle::Regular), "regular lacks {c:?}");
            assert!(f.has_glyph(c, FontStyle::Bold), "bold lacks {c:?}");
        }
    }

    #[test]
    fn wrap_never_exceeds_width_and_keeps_amounts_whole() {
        let f = fonts();
        let text = "Le montant de 66\u{202f}412,80\u{a0}€ correspond à soixante mois d'allocation nette ; \
                    Anticonstitutionnellementissimementextraordinairementlong œuvre Œdipe « citation ».";
        for width in [40.0, 80.0, 150.0, CONTENT_WIDTH] {
            let lines = f.wrap(text, FontStyle::Regular, 10.0, width);
            for l in &lines {
                assert!(
                    f.text_width(l, FontStyle::Regular, 10.0) <= width + 0.01,
                    "{l:?} > {width}"
                );
            }
            if width >= 80.0 {
                assert!(lines.iter().any(|l| l.contains("66\u{202f}412,80\u{a0}€")));
            }
        }
        assert_eq!(
            f.wrap("a\n\nb", FontStyle::Regular, 10.0, 100.0),
            vec!["a", "", "b"]
        );
        assert_eq!(f.wrap("", FontStyle::Regular, 10.0, 100.0), vec![""]);
        let w = f.text_width("SAINT-ÉTIENNE-", FontStyle::Regular, 10.0) + 1.0;
        assert_eq!(
            f.wrap("SAINT-ÉTIENNE-DU-ROUVRAY", FontStyle::Regular, 10.0, w),
            vec!["SAINT-ÉTIENNE-", "DU-ROUVRAY"]
        );
    }

    #[test]
    fn sanitize_composes_and_replaces_unknown() {
        let f = fonts();
        assert_eq!(
            f.sanitize("He\u{301}le\u{300}ne\tX\u{7}", FontStyle::Regular),
            "Hélène X"
        );
        assert_eq!(f.sanitize("漢", FontStyle::Regular), "?");
        assert_eq!(
            f.sanitize("« Oui » : non ; 5 € ; 3 % ?", FontStyle::Regular),
            "«\u{a0}Oui\u{a0}»\u{a0}: non\u{a0}; 5\u{a0}€\u{a0}; 3\u{a0}%\u{a0}?"
        );
        assert_eq!(f.sanitize(": début", FontStyle::Regular), ": début");
    }

    #[test]
    fn fonts_can_be_shared_between_threads() {
        fn assert_shareable<T: Send + Sync>() {}
        assert_shareable::<Fonts>();
    }

    #[test]
    fn table_shape_is_checked() {
        let f = fonts();
        let d = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).expect("date");
        let mut w = Writer::new(&f, Header::new("", "T"), &DocumentInfo::new("T", d));
        let t = Table {
            columns: vec![Column::new("A", 1.0, Align::Left)],
            rows: vec![Row::new(["a", "b"])],
        };
        assert!(matches!(
            w.table(&t),
            Err(PdfError::TableShape {
                row: 1,
                expected: 1,
                found: 2
            })
        ));
        let t = Table {
            columns: vec![],
            rows: vec![],
        };
        assert!(w.table(&t).is_err());
    }

    /// A document that uses every block, with traps: long words, an overlong table row,
    /// a long table, empty values.
    fn demo_document(f: &Fonts) -> Vec<u8> {
        let d = chrono::NaiveDate::from_ymd_opt(2025, 3, 14).expect("date");
        let mut h = Header::new(
            "ARS Centre-Val de Loire",
            "Fiche de suivi annuelle du contrat d'engagement de service public",
        );
        h.subtitle = Some("Année universitaire 2024-2025".into());
        h.top_right = Some("Réf. : CESP-2019-045".into());
        let mut w = Writer::new(f, h, &DocumentInfo::new("Fiche de suivi", d));
        w.heading("Identité");
        w.label_value(
            "Nom",
            "M. François-Xavier DE LA CHÂTAIGNERAIE-SAINT-ÉTIENNE-DU-ROUVRAY-ET-ENVIRONS-TRÈS-LOINTAINS",
        );
        w.label_value(
            "Adresse électronique",
            "francois-xavier.delachataigneraie.saint-etienne-du-rouvray@etu.univ-tours.example.fr",
        );
        w.label_value("Téléphone", "");
        w.label_value(
            "Un libellé vraiment très long qui doit passer à la ligne",
            "Valeur courte",
        );
        w.paragraph(
            "Texte courant : « Œuvre », cœur, naïveté, été, où, ça, déjà ; \
            Pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilicovolcanoconiosis fin.",
        );
        w.rule();
        w.heading("Projet professionnel");
        w.paragraph_styled("Décrivez le mode d'exercice envisagé :", TextStyle::BOLD);
        w.ruled_lines(3);
        let mut rows: Vec<Row> = (1..=40)
            .map(|i| {
                Row::new([
                    format!("Mois n° {i}"),
                    "Allocation mensuelle brute moins prélèvements".to_string(),
                    format!("{i},00\u{a0}€"),
                ])
            })
            .collect();
        rows.insert(
            3,
            Row::new([
                "Cellule énorme ".repeat(120),
                "x".into(),
                "1\u{202f}234\u{202f}567,89\u{a0}€".into(),
            ]),
        );
        rows.push(Row::total(["Total", "", "820,00\u{a0}€"]));
        w.table(&Table {
            columns: vec![
                Column::new("Élément", 3.0, Align::Left),
                Column::new("Calcul", 4.0, Align::Center),
                Column::new("Montant", 1.6, Align::Right),
            ],
            rows,
        })
        .expect("table");
        w.callout(
            Some("Remarques"),
            &["Une remarque « entre guillemets ».".repeat(6)],
        );
        w.signature_block(
            true,
            &[
                "Le signataire",
                "Pour le directeur général de l'ARS, par délégation",
            ],
        );
        w.finish().expect("pdf")
    }

    fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("doc.pdf");
        std::fs::write(&path, pdf).expect("write");
        let out = std::process::Command::new(tool)
            .args(args)
            .arg(&path)
            .arg("-")
            .output()
            .unwrap_or_else(|e| panic!("{tool} introuvable (apt-get install poppler-utils) : {e}"));
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn nothing_crosses_the_margins() {
        let f = fonts();
        let pdf = demo_document(&f);
        let html = poppler("pdftotext", &["-bbox"], &pdf);
        let attr = |word: &str, name: &str| -> f32 {
            let key = format!("{name}=\"");
            let start = word.find(&key).expect("attribut") + key.len();
            let end = word[start..].find('"').expect("fin") + start;
            word[start..end].parse().expect("nombre")
        };
        let mut words = 0;
        let mut pages = 0;
        for chunk in html.split("<page").skip(1) {
            pages += 1;
            for word in chunk.split("<word").skip(1) {
                words += 1;
                let (x0, x1) = (attr(word, "xMin"), attr(word, "xMax"));
                let (y0, y1) = (attr(word, "yMin"), attr(word, "yMax"));
                assert!(
                    x0 >= LEFT - 0.5 && x1 <= RIGHT + 0.5,
                    "hors marge horizontale : {word}"
                );
                assert!(
                    y0 >= MARGIN - 0.5 && y1 <= PAGE_HEIGHT - MARGIN + 0.5,
                    "hors marge verticale : {word}"
                );
            }
        }
        assert!(words > 500 && pages >= 3, "{words} mots, {pages} pages");
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn long_table_repeats_its_header_and_numbers_pages() {
        let f = fonts();
        let text = poppler("pdftotext", &[], &demo_document(&f));
        let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        let n = pages.len();
        assert!(n >= 3, "{n} pages");
        for (i, p) in pages.iter().enumerate() {
            assert!(
                p.contains(&format!("Page {} / {n}", i + 1)),
                "page {}: {p}",
                i + 1
            );
            if i > 0 {
                assert!(
                    p.contains("RÉPUBLIQUE FRANÇAISE — ARS Centre-Val de Loire"),
                    "en-tête court : {p}"
                );
            }
        }
        let with_header = pages.iter().filter(|p| p.contains("Élément")).count();
        assert!(with_header >= 2, "en-tête de tableau non répété");
        assert!(text.contains("Mois n° 40") && text.contains("Pour le directeur général de l'ARS"));
    }
}
