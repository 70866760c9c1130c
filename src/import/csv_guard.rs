//! A look at a CSV file's lines before the `csv` crate parses it.
//!
//! The `csv` crate holds a whole record in memory, and the import then holds every row: a
//! file of one line with thirty million separators, or of sixty million empty lines, would
//! take gigabytes before any count could refuse it. The raw bytes are scanned once, without
//! allocating, for the number of lines, the length of each and its number of separators
//! (any of `;`, `,` and tab, whichever the file uses): each is bounded by the budget.
//! The counts are upper bounds (a quoted field may hold separators or line breaks), far
//! above any register.

use super::budget::{Exceeded, MAX_COLUMNS, MAX_CSV_LINE, MAX_ROWS};

/// `Err` naming the first limit the text in `bytes` exceeds.
pub(super) fn check(bytes: &[u8]) -> Result<(), Exceeded> {
    let mut line: u64 = 1;
    let mut length: u64 = 0;
    // Separators of each kind on the current line: `;`, `,`, tab.
    let mut separators = [0u64; 3];
    for &b in bytes {
        match b {
            b'\n' => {
                line += 1;
                if line > MAX_ROWS {
                    return Err(Exceeded::Rows { max: MAX_ROWS });
                }
                length = 0;
                separators = [0; 3];
                continue;
            }
            b';' => separators[0] += 1,
            b',' => separators[1] += 1,
            b'\t' => separators[2] += 1,
            _ => {}
        }
        length += 1;
        if length > MAX_CSV_LINE {
            return Err(Exceeded::LineLength {
                line,
                max: MAX_CSV_LINE,
            });
        }
        if separators.iter().any(|&n| n >= MAX_COLUMNS) {
            return Err(Exceeded::Fields {
                line,
                max: MAX_COLUMNS,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinary_register_passes() {
        let csv = "Nom;Prénom;Date\n".to_owned() + &"MARTIN;Hélène;01/02/1999\r\n".repeat(10_000);
        assert_eq!(check(csv.as_bytes()), Ok(()));
    }

    #[test]
    fn too_many_fields_on_a_line_are_refused_with_its_number() {
        let csv = "Nom;Prénom\n".to_owned() + &",".repeat(20_000);
        assert_eq!(
            check(csv.as_bytes()),
            Err(Exceeded::Fields {
                line: 2,
                max: MAX_COLUMNS
            })
        );
    }

    #[test]
    fn too_many_lines_are_refused() {
        let csv = vec![b'\n'; 2_000_000];
        assert_eq!(check(&csv), Err(Exceeded::Rows { max: MAX_ROWS }));
    }

    #[test]
    fn a_line_too_long_is_refused() {
        let csv = vec![b'a'; 2 * 1024 * 1024];
        assert_eq!(
            check(&csv),
            Err(Exceeded::LineLength {
                line: 1,
                max: MAX_CSV_LINE
            })
        );
    }
}
