//! A streaming look at the XML parts of a workbook, before calamine parses them.
//!
//! It does not build anything: it walks the bytes once, chunk by chunk as they are inflated,
//! keeping at most one tag in memory, and measures what a parser would have to hold —
//! the text of each cell or shared string, and for an `.ods` the cells that repeated rows
//! and columns (`table:number-rows-repeated`, `table:number-columns-repeated`) expand to.
//! The `.ods` arithmetic follows calamine's reader: each row element is stored once with
//! its cells up to the last filled one (repeated columns expanded, at most 16 384), then
//! the sheet is laid out densely from its first to its last filled row, repeated rows
//! expanded, as wide as its widest filled row; a repeated cell's text is copied each time.

use super::budget::{Exceeded, Tally, MAX_CELL_XML, MAX_COLUMNS, MAX_ROWS, MAX_XML_TAG};

/// What the part holds, and so what is measured in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `xl/worksheets/*.xml`: one `<c>` per cell.
    XlsxSheet,
    /// `xl/sharedStrings.xml`: one `<si>` per string.
    XlsxStrings,
    /// `content.xml` of an `.ods`: tables, rows and cells with their repetitions.
    OdsContent,
    /// Any other XML part: only tags and text runs are bounded.
    Other,
}

/// The scan of one part, fed with its inflated bytes in order.
pub(super) struct XmlScan<'t> {
    part: String,
    kind: Kind,
    tally: &'t mut Tally,
    in_tag: bool,
    quote: Option<u8>,
    tag: Vec<u8>,
    text_run: u64,
    /// Inside a cell (or shared string): the bytes seen since its start tag.
    unit: Option<u64>,
    ods: OdsLayout,
}

impl<'t> XmlScan<'t> {
    pub(super) fn new(part: &str, kind: Kind, tally: &'t mut Tally) -> XmlScan<'t> {
        XmlScan {
            part: part.to_owned(),
            kind,
            tally,
            in_tag: false,
            quote: None,
            tag: Vec::new(),
            text_run: 0,
            unit: None,
            ods: OdsLayout::default(),
        }
    }

    pub(super) fn feed(&mut self, chunk: &[u8]) -> Result<(), Exceeded> {
        for &b in chunk {
            if self.in_tag {
                match (self.quote, b) {
                    (Some(q), _) if q == b => self.quote = None,
                    (None, b'"' | b'\'') => self.quote = Some(b),
                    (None, b'>') => {
                        self.in_tag = false;
                        self.end_of_tag()?;
                        continue;
                    }
                    _ => {}
                }
                if self.tag.len() as u64 >= MAX_XML_TAG {
                    return Err(Exceeded::XmlTag {
                        part: self.part.clone(),
                        max: MAX_XML_TAG,
                    });
                }
                self.tag.push(b);
            } else if b == b'<' {
                self.in_tag = true;
                self.quote = None;
                self.tag.clear();
                self.text_run = 0;
            } else {
                self.text_run += 1;
                if self.text_run > MAX_CELL_XML {
                    return Err(self.cell_text());
                }
                self.grow_unit(1)?;
            }
        }
        Ok(())
    }

    fn cell_text(&self) -> Exceeded {
        Exceeded::CellText {
            part: self.part.clone(),
            max: MAX_CELL_XML,
        }
    }

    fn grow_unit(&mut self, n: u64) -> Result<(), Exceeded> {
        if let Some(bytes) = self.unit.as_mut() {
            *bytes += n;
            if *bytes > MAX_CELL_XML {
                return Err(self.cell_text());
            }
        }
        Ok(())
    }

    fn end_of_tag(&mut self) -> Result<(), Exceeded> {
        let tag = std::mem::take(&mut self.tag);
        let result = self.on_tag(&tag);
        self.tag = tag;
        result
    }

    fn on_tag(&mut self, tag: &[u8]) -> Result<(), Exceeded> {
        // Declarations, comments, processing instructions: nothing to measure.
        if matches!(tag.first(), Some(b'?' | b'!')) {
            return Ok(());
        }
        // Markup inside a cell (rich text runs, paragraphs) is held with its text.
        self.grow_unit(tag.len() as u64 + 2)?;
        let closing = tag.first() == Some(&b'/');
        let self_closing = tag.last() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/' && !closing)
            .unwrap_or(tag.len())
            .max(name_start);
        let name = tag.get(name_start..name_end).unwrap_or_default();
        match self.kind {
            Kind::XlsxSheet | Kind::XlsxStrings => {
                let unit: &[u8] = if self.kind == Kind::XlsxSheet { b"c" } else { b"si" };
                if local_name(name) == unit {
                    if closing {
                        self.unit = None;
                    } else if !self_closing {
                        self.unit = Some(0);
                    }
                }
                Ok(())
            }
            Kind::OdsContent => self.on_ods_tag(name, tag, closing, self_closing),
            Kind::Other => Ok(()),
        }
    }

    fn on_ods_tag(
        &mut self,
        name: &[u8],
        tag: &[u8],
        closing: bool,
        self_closing: bool,
    ) -> Result<(), Exceeded> {
        match (name, closing) {
            (b"table:table", false) if !self_closing => self.ods.start_table(),
            (b"table:table", true) => self.ods.end_table(self.tally)?,
            // calamine only reads row elements that have content.
            (b"table:table-row", false) if !self_closing => {
                self.ods
                    .start_row(number_attr(tag, b"table:number-rows-repeated"));
            }
            (b"table:table-row", true) => self.ods.end_row(self.tally)?,
            (b"table:table-cell" | b"table:covered-table-cell", false) => {
                let repeats = number_attr(tag, b"table:number-columns-repeated");
                let valued =
                    attr(tag, b"office:value-type").is_some() || attr(tag, b"table:formula").is_some();
                if self_closing {
                    self.ods.cell(repeats, valued, tag.len() as u64);
                } else {
                    self.ods.open = Some(OpenCell {
                        repeats,
                        valued,
                        weight: tag.len() as u64,
                    });
                    self.unit = Some(0);
                }
            }
            (b"table:table-cell" | b"table:covered-table-cell", true) => {
                if let Some(open) = self.ods.open.take() {
                    let inner = self.unit.take().unwrap_or(0);
                    // Any content (a paragraph of text) makes the cell a filled one.
                    self.ods.cell(
                        open.repeats,
                        open.valued || inner > tag.len() as u64 + 2,
                        open.weight + inner,
                    );
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// "c" from "x:c" (some writers prefix the spreadsheetML namespace).
fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|b| *b == b':') {
        Some(i) => name.get(i + 1..).unwrap_or_default(),
        None => name,
    }
}

/// The value of attribute `name` in a start tag (without its quotes).
fn attr<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(found) = find(tag.get(from..)?, name) {
        let at = from + found;
        let before_ok = at > 0 && tag.get(at - 1).is_some_and(u8::is_ascii_whitespace);
        let mut i = at + name.len();
        while tag.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if before_ok && tag.get(i) == Some(&b'=') {
            i += 1;
            while tag.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            let quote = *tag.get(i)?;
            if quote == b'"' || quote == b'\'' {
                let rest = tag.get(i + 1..)?;
                let end = rest.iter().position(|b| *b == quote)?;
                return rest.get(..end);
            }
        }
        from = at + 1;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A repetition count: 1 when absent; a number too large to read counts as the maximum.
fn number_attr(tag: &[u8], name: &[u8]) -> u64 {
    match attr(tag, name) {
        None => 1,
        Some(v) => {
            let digits = std::str::from_utf8(v).unwrap_or("").trim();
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                1
            } else {
                digits.parse::<u64>().unwrap_or(u64::MAX).max(1)
            }
        }
    }
}

struct OpenCell {
    repeats: u64,
    valued: bool,
    weight: u64,
}

/// The `.ods` layout arithmetic of one table at a time (see the module comment).
#[derive(Default)]
struct OdsLayout {
    open: Option<OpenCell>,
    // The current row.
    row_repeats: u64,
    row_len: u64,
    pending_empty: u64,
    filled_end: u64,
    row_text: u64,
    // The current table.
    next_row: u64,
    first_filled: Option<u64>,
    last_filled_end: u64,
    width: u64,
    dense_text: u64,
}

impl OdsLayout {
    fn start_table(&mut self) {
        *self = OdsLayout::default();
    }

    fn start_row(&mut self, repeats: u64) {
        self.row_repeats = repeats.min(MAX_ROWS.saturating_sub(self.next_row));
        self.row_len = 0;
        self.pending_empty = 0;
        self.filled_end = 0;
        self.row_text = 0;
    }

    fn cell(&mut self, repeats: u64, filled: bool, weight: u64) {
        let room = |len: u64| MAX_COLUMNS.saturating_sub(len);
        self.row_len += self.pending_empty.min(room(self.row_len));
        self.pending_empty = 0;
        let n = repeats.min(room(self.row_len));
        if filled {
            self.row_len += n;
            self.filled_end = self.row_len;
            self.row_text = self.row_text.saturating_add(weight.saturating_mul(n));
        } else {
            self.pending_empty = n;
        }
    }

    fn end_row(&mut self, tally: &mut Tally) -> Result<(), Exceeded> {
        // The row as read: stored once, up to its last filled cell.
        tally.add(self.filled_end, self.row_text)?;
        if self.filled_end > 0 {
            self.first_filled.get_or_insert(self.next_row);
            self.last_filled_end = self.next_row + self.row_repeats;
            self.width = self.width.max(self.filled_end);
            self.dense_text = self
                .dense_text
                .saturating_add(self.row_text.saturating_mul(self.row_repeats));
        }
        self.next_row += self.row_repeats;
        Ok(())
    }

    fn end_table(&mut self, tally: &mut Tally) -> Result<(), Exceeded> {
        if let Some(first) = self.first_filled {
            let rows = self.last_filled_end.saturating_sub(first);
            tally.add(rows.saturating_mul(self.width), self.dense_text)?;
        }
        *self = OdsLayout::default();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::budget::{MAX_CELLS, MAX_TEXT};

    fn scan(kind: Kind, xml: &str) -> Result<Tally, Exceeded> {
        let mut tally = Tally::default();
        let mut s = XmlScan::new("content.xml", kind, &mut tally);
        // Fed in small chunks: tags and text cut anywhere.
        for chunk in xml.as_bytes().chunks(7) {
            s.feed(chunk)?;
        }
        Ok(tally)
    }

    fn ods(rows: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?><office:document-content><office:body><office:spreadsheet>\
             <table:table table:name=\"F\">{rows}</table:table></office:spreadsheet></office:body>\
             </office:document-content>"
        )
    }

    #[test]
    fn attributes_are_read_with_either_quote() {
        let tag = b"table:table-cell table:number-columns-repeated='12' office:value-type=\"string\"";
        assert_eq!(number_attr(tag, b"table:number-columns-repeated"), 12);
        assert_eq!(attr(tag, b"office:value-type"), Some(&b"string"[..]));
        assert_eq!(number_attr(b"table:table-row", b"table:number-rows-repeated"), 1);
        // A longer attribute name that ends the same is not taken for it.
        assert_eq!(attr(b"x xtable:formula=\"1\"", b"table:formula"), None);
    }

    #[test]
    fn a_libreoffice_sheet_with_its_trailing_empty_rows_is_small() {
        // LibreOffice ends every sheet with empty rows repeated to the last row of the sheet.
        let xml = ods(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Nom</text:p>\
             </table:table-cell><table:table-cell table:number-columns-repeated=\"1023\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell \
             table:number-columns-repeated=\"1024\"/></table:table-row>",
        );
        let t = scan(Kind::OdsContent, &xml).unwrap();
        assert_eq!(t.cells, 2, "one cell read, one laid out");
    }

    #[test]
    fn repeated_filled_cells_and_rows_are_counted_expanded() {
        let xml = ods(
            "<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell \
             table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/>\
             </table:table-row>",
        );
        let e = scan(Kind::OdsContent, &xml).unwrap_err();
        assert!(matches!(e, Exceeded::Cells { max: MAX_CELLS, .. }), "{e:?}");
    }

    #[test]
    fn a_long_text_repeated_is_counted_per_copy() {
        let text = "x".repeat(100_000);
        let xml = ods(&format!(
            "<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell \
             table:number-columns-repeated=\"10\" office:value-type=\"string\"><text:p>{text}</text:p>\
             </table:table-cell></table:table-row>"
        ));
        let e = scan(Kind::OdsContent, &xml).unwrap_err();
        assert!(matches!(e, Exceeded::Text { max: MAX_TEXT, .. }), "{e:?}");
    }

    #[test]
    fn a_shared_string_beyond_excels_limit_is_refused() {
        let xml = format!("<sst><si><t>{}</t></si></sst>", "é".repeat(200_000));
        assert!(matches!(
            scan(Kind::XlsxStrings, &xml),
            Err(Exceeded::CellText { .. })
        ));
        // Many small runs add up within one string too.
        let runs = "<r><t>abcdefghij</t></r>".repeat(20_000);
        let xml = format!("<sst><si>{runs}</si></sst>");
        assert!(matches!(
            scan(Kind::XlsxStrings, &xml),
            Err(Exceeded::CellText { .. })
        ));
        // Many ordinary strings are fine.
        let xml = format!("<sst>{}</sst>", "<si><t>MARTIN</t></si>".repeat(50_000));
        assert!(scan(Kind::XlsxStrings, &xml).is_ok());
    }

    #[test]
    fn a_huge_tag_is_refused() {
        let xml = format!("<c r=\"A1\" {}>", "a=\"b\" ".repeat(100_000));
        assert!(matches!(scan(Kind::Other, &xml), Err(Exceeded::XmlTag { .. })));
        // A '>' inside a quoted attribute value does not end the tag.
        let xml = "<table:table-cell table:formula=\"of:=[.A1]>2\" office:value-type=\"float\"/>";
        let mut tally = Tally::default();
        let mut s = XmlScan::new("content.xml", Kind::OdsContent, &mut tally);
        s.feed(xml.as_bytes()).unwrap();
        assert!(!s.in_tag);
    }
}
