//! The memory budget of reading a spreadsheet, decided before any parser runs.
//!
//! An allocation failure aborts the process (it cannot be caught like a panic), so a file
//! that would make a parser ask for gigabytes must be refused *before* it is handed over.
//! Zipped workbooks are inflated once by [`super::zip_guard`] under these limits (and their
//! XML scanned by [`super::xml_scan`]); CSV text is scanned by [`super::csv_guard`]; `.xls`
//! extents are scanned by [`super::xls_guard`]. Every limit is far above what a register of
//! signatories needs (a national register of 50 000 files is about 2 million cells), and
//! each refusal names the limit it met.

/// Entries of a zipped workbook: an `.xlsx` from Excel holds a dozen, an `.ods` a few more.
pub const MAX_ZIP_ENTRIES: u64 = 10_000;
/// Size of a zip's central directory (the list of its entries).
pub const MAX_ZIP_DIRECTORY: u64 = 16 * 1024 * 1024;
/// Decompressed size of a worksheet (`.xlsx`) or of `content.xml` (`.ods`): both are read
/// as a stream, cell by cell, so their size costs time rather than memory.
pub const MAX_SHEET_PART: u64 = 256 * 1024 * 1024;
/// Decompressed size of the shared strings of an `.xlsx`, which calamine holds in memory.
pub const MAX_STRINGS_PART: u64 = 64 * 1024 * 1024;
/// Decompressed size of any other part (styles, workbook, relationships, images).
pub const MAX_OTHER_PART: u64 = 32 * 1024 * 1024;
/// Decompressed size of all the parts together.
pub const MAX_INFLATED_TOTAL: u64 = 512 * 1024 * 1024;
/// XML text of one cell or one shared string: Excel's limit is 32 767 characters (at most
/// 4 bytes each in UTF-8), the margin is for rich-text markup.
pub const MAX_CELL_XML: u64 = 256 * 1024;
/// One XML tag, attributes included.
pub const MAX_XML_TAG: u64 = 256 * 1024;
/// Filled cells of a workbook once laid out (repeated rows and columns expanded).
pub const MAX_CELLS: u64 = 2_000_000;
/// Text held by the cells of a workbook once laid out (a repeated cell's text counts once
/// per repetition, as the parser copies it).
pub const MAX_TEXT: u64 = 64 * 1024 * 1024;
/// Excel's own limits, which no genuine sheet exceeds.
pub const MAX_ROWS: u64 = 1_048_576;
pub const MAX_COLUMNS: u64 = 16_384;
/// Characters of one cell: Excel's limit (a correction typed in the window is held to it too).
pub const MAX_CELL_CHARS: usize = 32_767;
/// Length of one line of a CSV file.
pub const MAX_CSV_LINE: u64 = 1024 * 1024;

/// Which limit a file exceeded. The messages are shown as they are to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Exceeded {
    #[error(
        "le classeur contient {count} parties internes, au plus {max} sont acceptées : ce n'est pas un \
         registre (ou le fichier a été fabriqué pour épuiser la mémoire du poste)"
    )]
    ZipEntries { count: u64, max: u64 },
    #[error("la table des matières du classeur dépasse {} Mo", mib(*max))]
    ZipDirectory { max: u64 },
    #[error(
        "la partie « {part} » du classeur se décompresse en plus de {} Mo (limite pour cette partie) : \
         fichier refusé, il épuiserait la mémoire du poste",
        mib(*max)
    )]
    Part { part: String, max: u64 },
    #[error(
        "le classeur se décompresse en plus de {} Mo au total : fichier refusé, il épuiserait la mémoire du poste",
        mib(*max)
    )]
    Inflated { max: u64 },
    #[error(
        "une cellule de la partie « {part} » contient plus de {} Kio de texte, au-delà de la limite d'Excel \
         (32 767 caractères par cellule)",
        kib(*max)
    )]
    CellText { part: String, max: u64 },
    #[error("la partie « {part} » contient une balise XML de plus de {} Kio", kib(*max))]
    XmlTag { part: String, max: u64 },
    #[error(
        "une fois ses lignes et colonnes répétées dépliées, le classeur compterait {} cellules, au plus \
         {} sont acceptées",
        grouped(*cells),
        grouped(*max)
    )]
    Cells { cells: u64, max: u64 },
    #[error(
        "une fois ses cellules répétées dépliées, le classeur contiendrait plus de {} Mo de texte, la limite \
         acceptée",
        mib(*max)
    )]
    Text { bytes: u64, max: u64 },
    #[error("le fichier compte plus de {} lignes, la limite d'Excel", grouped(*max))]
    Rows { max: u64 },
    #[error("la ligne {line} compte plus de {} champs, la limite d'Excel", grouped(*max))]
    Fields { line: u64, max: u64 },
    #[error("la ligne {line} dépasse {} Kio", kib(*max))]
    LineLength { line: u64, max: u64 },
}

/// "1 048 576": digits grouped by three with a narrow no-break space, the French way.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

fn mib(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

fn kib(bytes: u64) -> u64 {
    bytes / 1024
}

/// Cells and text laid out so far, against [`MAX_CELLS`] and [`MAX_TEXT`].
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub cells: u64,
    pub text: u64,
}

impl Tally {
    /// Adds `cells` cells holding `text` bytes in all; refuses past a limit.
    pub fn add(&mut self, cells: u64, text: u64) -> Result<(), Exceeded> {
        self.cells = self.cells.saturating_add(cells);
        self.text = self.text.saturating_add(text);
        if self.cells > MAX_CELLS {
            return Err(Exceeded::Cells {
                cells: self.cells,
                max: MAX_CELLS,
            });
        }
        if self.text > MAX_TEXT {
            return Err(Exceeded::Text {
                bytes: self.text,
                max: MAX_TEXT,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tally_refuses_past_each_limit() {
        let mut t = Tally::default();
        assert!(t.add(MAX_CELLS, 10).is_ok());
        assert_eq!(
            t.add(1, 0),
            Err(Exceeded::Cells {
                cells: MAX_CELLS + 1,
                max: MAX_CELLS
            })
        );
        let mut t = Tally::default();
        assert!(matches!(t.add(1, MAX_TEXT + 1), Err(Exceeded::Text { .. })));
    }

    #[test]
    fn messages_name_the_limit() {
        let e = Exceeded::Part {
            part: "xl/sharedStrings.xml".into(),
            max: MAX_STRINGS_PART,
        };
        assert!(e.to_string().contains("64 Mo"), "{e}");
        let e = Exceeded::Fields {
            line: 3,
            max: MAX_COLUMNS,
        };
        assert!(
            e.to_string().contains("ligne 3") && e.to_string().contains("16\u{202f}384"),
            "{e}"
        );
        assert_eq!(grouped(1_048_576), "1\u{202f}048\u{202f}576");
        assert_eq!(grouped(999), "999");
    }
}
