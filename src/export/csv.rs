//! CSV as French spreadsheets open it: `;` separator, UTF-8 with a byte-order mark (so
//! that Excel reads the accents), CRLF line ends, and cells that a spreadsheet would run
//! as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) neutralised
//! with a leading apostrophe: an imported name must never become a command (CSV
//! injection, OWASP).

/// Builds a CSV document line by line.
#[derive(Debug, Default)]
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    /// A document with its byte-order mark and the header line.
    pub fn new<S: AsRef<str>>(header: &[S]) -> CsvWriter {
        let mut w = CsvWriter {
            out: String::from('\u{feff}'),
        };
        w.row(header);
        w
    }

    /// Appends one line.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                self.out.push(';');
            }
            self.out.push_str(&cell(c.as_ref()));
        }
        self.out.push_str("\r\n");
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

/// One cell: neutralised if it would start a formula, quoted if it holds the separator,
/// a quote or a line break.
pub fn cell(value: &str) -> String {
    let neutral = if starts_a_formula(value) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if neutral.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// Whether a spreadsheet could take the cell for a formula: `=`, `+`, `-`, `@` (or their
/// full-width forms, which some spreadsheets fold to ASCII) first, possibly after spaces or
/// tabs that the spreadsheet trims; or a tab or carriage return first.
fn starts_a_formula(value: &str) -> bool {
    const TRIGGERS: [char; 8] = ['=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}'];
    value.starts_with(['\t', '\r'])
        || value
            .trim_start_matches([' ', '\t', '\r', '\n', '\u{A0}', '\u{3000}'])
            .starts_with(TRIGGERS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_behind_spaces_or_in_full_width_are_neutralised() {
        for v in [
            " =1+1",
            "\t=1+1",
            "  @SUM(A1)",
            " -2",
            "＝1+1",
            "＋1",
            "－1",
            "＠A1",
            "\u{3000}=1",
        ] {
            assert!(
                cell(v).trim_start_matches('"').starts_with('\''),
                "{v:?} → {}",
                cell(v)
            );
        }
        for v in ["MARTIN", " Hélène", "1 200,00 €", "a=b"] {
            assert_eq!(cell(v), v);
        }
    }

    #[test]
    fn excel_friendly_and_injection_proof() {
        let mut w = CsvWriter::new(&["Nom", "Motif"]);
        w.row(&["D'ALMEIDA", "=HYPERLINK(\"http://x\")"]);
        w.row(&["-2+3", "a;b\nc"]);
        w.row(&["@SUM(A1)", "1 200,00 €"]);
        let s = w.finish();
        assert!(s.starts_with('\u{feff}'));
        let lines: Vec<&str> = s.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "Nom;Motif");
        assert_eq!(lines[1], "D'ALMEIDA;\"'=HYPERLINK(\"\"http://x\"\")\"");
        // A line break inside a quoted cell stays in the cell.
        assert_eq!(lines[2], "'-2+3;\"a;b\nc\"");
        assert_eq!(lines[3], "'@SUM(A1);1 200,00 €");
    }
}
