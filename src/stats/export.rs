//! The counts as files: JSON for scripts, CSV for Excel and LibreOffice (`;`, UTF-8 with BOM,
//! formulas neutralised), XLSX with one sheet per table (a title row with the region and the
//! date, numbers as numbers).

use super::Counts;
use crate::error::{Error, Result};
use crate::export::csv::CsvWriter;
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct JsonRow<'a> {
    key: &'a str,
    label: &'a str,
    count: u32,
    /// Euros, as a decimal string ("14400.00"), for the tables of amounts only.
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonTable<'a> {
    table: &'a str,
    title: &'a str,
    rows: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
struct JsonCounts<'a> {
    as_of: &'a str,
    region: &'a str,
    tables: Vec<JsonTable<'a>>,
}

/// `{"as_of", "region", "tables": [{"table", "title", "rows": [{"key", "label", "count"}]}]}`;
/// the rows of a table of money also have `"amount"` (euros, decimal string).
pub fn to_json(c: &Counts) -> Result<String> {
    let doc = JsonCounts {
        as_of: &c.as_of,
        region: &c.region,
        tables: c
            .tables
            .iter()
            .map(|t| JsonTable {
                table: &t.table,
                title: &t.title,
                rows: t
                    .rows
                    .iter()
                    .map(|r| JsonRow {
                        key: &r.key,
                        label: &r.label,
                        count: r.count,
                        amount: r.amount.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).map_err(|e| Error::Rules(e.to_string()))
}

/// One CSV document: a line per count, with the table it belongs to.
pub fn to_csv(c: &Counts) -> String {
    // The amount comes last: scripts that read the first columns by position keep working.
    let mut w = CsvWriter::new(&[
        "Tableau",
        "Catégorie",
        "Nombre",
        "Région",
        "Au",
        "Montant brut (€)",
    ]);
    for t in &c.tables {
        for r in &t.rows {
            // Decimal comma, no thousands separator: Excel and LibreOffice read it as a number.
            let amount = r.amount.as_deref().unwrap_or_default().replace('.', ",");
            w.row(&[
                t.title.as_str(),
                r.label.as_str(),
                &r.count.to_string(),
                &c.region,
                &c.as_of,
                &amount,
            ]);
        }
    }
    w.finish()
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str, used: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let mut name: String = clean.chars().take(28).collect::<String>().trim().to_owned();
    let base = name.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{base} {n}");
        n += 1;
    }
    used.push(name.clone());
    name
}

/// The XLSX workbook, as bytes.
pub fn to_xlsx(c: &Counts) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let xlsx =
        |e: rust_xlsxwriter::XlsxError| Error::Rules(format!("Classeur XLSX impossible à produire : {e}"));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let euros = Format::new().set_num_format("#,##0.00\\ \"€\"");
    let euros_bold = Format::new().set_bold().set_num_format("#,##0.00\\ \"€\"");
    let mut used = Vec::new();
    for t in &c.tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&t.title, &mut used)).map_err(xlsx)?;
        let title = if c.region.is_empty() {
            format!("{} — au {}", t.title, c.as_of)
        } else {
            format!("{} — {} — au {}", t.title, c.region, c.as_of)
        };
        sheet
            .write_string_with_format(0, 0, &title, &bold)
            .map_err(xlsx)?;
        sheet
            .write_string_with_format(2, 0, "Catégorie", &bold)
            .map_err(xlsx)?;
        sheet
            .write_string_with_format(2, 1, &t.unit, &bold)
            .map_err(xlsx)?;
        let with_amounts = t.rows.iter().any(|r| r.amount.is_some());
        if with_amounts {
            sheet
                .write_string_with_format(2, 2, "Montant brut", &bold)
                .map_err(xlsx)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            let row = u32::try_from(i).unwrap_or(u32::MAX - 4) + 3;
            sheet.write_string(row, 0, &r.label).map_err(xlsx)?;
            sheet.write_number(row, 1, f64::from(r.count)).map_err(xlsx)?;
            if let Some(a) = r.amount.as_deref().and_then(|a| a.parse::<f64>().ok()) {
                // A spreadsheet cell is a binary float: exact to the cent up to 10^13 €.
                sheet.write_number_with_format(row, 2, a, &euros).map_err(xlsx)?;
            }
        }
        let total_row = u32::try_from(t.rows.len()).unwrap_or(u32::MAX - 4) + 3;
        sheet
            .write_string_with_format(total_row, 0, "Total", &bold)
            .map_err(xlsx)?;
        sheet
            .write_number_with_format(total_row, 1, f64::from(t.total()), &bold)
            .map_err(xlsx)?;
        if let Some(sum) = t.total_amount().and_then(|d| d.to_string().parse::<f64>().ok()) {
            sheet
                .write_number_with_format(total_row, 2, sum, &euros_bold)
                .map_err(xlsx)?;
            sheet.set_column_width(2, 18).map_err(xlsx)?;
        }
        sheet.set_column_width(0, 60).map_err(xlsx)?;
    }
    book.save_to_buffer().map_err(xlsx)
}

/// The format of an export file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
    /// The printed report: tables and charts.
    Pdf,
}

impl Format {
    /// The format, or a French message naming the field.
    pub fn parse(s: &str) -> Result<Format> {
        Format::from_code(s).ok_or_else(|| {
            let mut e = crate::error::ValidationErrors::default();
            e.push(
                "format",
                format!("Format inconnu « {s} » : attendu csv, xlsx, json ou pdf."),
            );
            Error::Validation(e)
        })
    }

    pub fn from_code(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "json" => Some(Format::Json),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// The PDF report (tables and charts), printed on `today`.
pub fn to_pdf(c: &Counts, today: chrono::NaiveDate) -> Result<Vec<u8>> {
    Ok(crate::pdf::render_counts_report(crate::pdf::fonts()?, c, today)?)
}

/// Writes the counts to `path` in `format`, without ever leaving a half-written file
/// (`today` dates the PDF report).
pub fn write(c: &Counts, format: Format, path: &Path, today: chrono::NaiveDate) -> Result<()> {
    let bytes = match format {
        Format::Csv => to_csv(c).into_bytes(),
        Format::Json => to_json(c)?.into_bytes(),
        Format::Xlsx => to_xlsx(c)?,
        Format::Pdf => to_pdf(c, today)?,
    };
    crate::pdf::write_file(path, &bytes).map_err(|source| Error::WriteFile {
        path: path.to_owned(),
        source,
    })
}
