//! The two settings that are tables — the allowance scale and the degressive-rate
//! thresholds — as the command line reads and prints them: French CSV text (`;`, a decimal
//! comma, an optional BOM and header line), one row per line, so that what
//! `cesp settings show` prints is what `cesp settings set KEY --from-file` takes back.
//! Each row goes through the validation of its screen; a refusal names the line and the
//! column, and nothing is saved.

use crate::error::{Error, Result, ValidationErrors};
use crate::ledger::service::{self as ledger, AllowanceRateForm, DegressiveForm};
use crate::store::Store;

/// `cesp settings set bareme.allocation …`: the monthly allowance, dated.
pub const RATES: &str = "bareme.allocation";
const RATES_HEADER: [&str; 3] = ["a_partir_du", "brut", "net"];
/// `cesp settings set degressivite …`: per regime and discipline.
pub const DEGRESSIVE: &str = "degressivite";
const DEGRESSIVE_HEADER: [&str; 4] = ["regime", "discipline", "seuil_mois", "coefficient"];

/// The allowance scale as CSV text, header first.
pub fn rates_text(store: &Store) -> Result<String> {
    let rows = ledger::rates(store)?
        .into_iter()
        .map(|r| vec![r.from, comma(&r.monthly_gross), comma(&r.monthly_net)]);
    Ok(text(&RATES_HEADER, rows))
}

/// The degressive-rate settings as CSV text, header first.
pub fn degressive_text(store: &Store) -> Result<String> {
    let rows = ledger::degressive_settings(store)?
        .into_iter()
        .map(|r| vec![r.regime, r.discipline, r.threshold_months, comma(&r.coefficient)]);
    Ok(text(&DEGRESSIVE_HEADER, rows))
}

/// Replaces the allowance scale with the rows of `value`.
pub fn save_rates(store: &mut Store, value: &str) -> Result<()> {
    let rows = rows(RATES, value, &RATES_HEADER)?;
    let forms: Vec<AllowanceRateForm> = rows
        .iter()
        .map(|(_, cells)| AllowanceRateForm {
            from: cells[0].clone(),
            monthly_gross: cells[1].clone(),
            monthly_net: cells[2].clone(),
        })
        .collect();
    let lines: Vec<usize> = rows.iter().map(|(line, _)| *line).collect();
    ledger::save_rates(store, &forms).map(|_| ()).map_err(|e| {
        located(
            e,
            RATES,
            "rates",
            &lines,
            &RATES_HEADER,
            &["from", "monthly_gross", "monthly_net"],
        )
    })
}

/// Updates the thresholds and coefficients of the rows of `value` (the others are kept).
pub fn save_degressive(store: &mut Store, value: &str) -> Result<()> {
    let rows = rows(DEGRESSIVE, value, &DEGRESSIVE_HEADER)?;
    let forms: Vec<DegressiveForm> = rows
        .iter()
        .map(|(_, cells)| DegressiveForm {
            regime: cells[0].clone(),
            discipline: cells[1].clone(),
            threshold_months: cells[2].clone(),
            coefficient: cells[3].clone(),
        })
        .collect();
    let lines: Vec<usize> = rows.iter().map(|(line, _)| *line).collect();
    ledger::save_degressive_settings(store, &forms)
        .map(|_| ())
        .map_err(|e| {
            located(
                e,
                DEGRESSIVE,
                "degressive",
                &lines,
                &DEGRESSIVE_HEADER,
                &["regime", "discipline", "threshold_months", "coefficient"],
            )
        })
}

/// A decimal as a French reader writes it.
fn comma(amount: &str) -> String {
    amount.replace('.', ",")
}

fn text(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = header.join(";");
    for row in rows {
        out.push('\n');
        out.push_str(&row.join(";"));
    }
    out
}

fn refused(key: &str, message: String) -> Error {
    let mut e = ValidationErrors::default();
    e.push(key, message);
    Error::Validation(e)
}

/// The rows of `value` with their line number (from 1), each of `header.len()` cells; blank
/// lines and the header line are skipped.
fn rows(key: &str, value: &str, header: &[&str]) -> Result<Vec<(usize, Vec<String>)>> {
    let value = value.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(value.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            refused(key, format!("ligne {line} : texte CSV illisible ({e})."))
        })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if out.is_empty() && is_header(&cells, header) {
            continue;
        }
        if cells.len() != header.len() {
            return Err(refused(
                key,
                format!(
                    "ligne {line} : {} colonnes attendues ({}), {} trouvée{}.",
                    header.len(),
                    header.join(";"),
                    cells.len(),
                    if cells.len() > 1 { "s" } else { "" }
                ),
            ));
        }
        out.push((line, cells));
    }
    if out.is_empty() {
        return Err(refused(
            key,
            format!(
                "aucune ligne ; attendu : {} puis une ligne par valeur.",
                header.join(";")
            ),
        ));
    }
    Ok(out)
}

/// The header line, however it is capitalised or accented.
fn is_header(cells: &[String], header: &[&str]) -> bool {
    cells.len() == header.len()
        && cells
            .iter()
            .zip(header)
            .all(|(c, h)| crate::text::fold(c).replace([' ', '-', '\''], "_") == *h)
}

/// Moves the screen's field names ("rates.2.monthly_net") to the line and column of the
/// text ("bareme.allocation, ligne 4, colonne net").
fn located(
    error: Error,
    key: &str,
    prefix: &str,
    lines: &[usize],
    header: &[&str],
    fields: &[&str],
) -> Error {
    let Error::Validation(v) = error else {
        return error;
    };
    let mut out = ValidationErrors::default();
    for f in v.0 {
        let mut parts = f.field.split('.');
        let place = match (parts.next(), parts.next().and_then(|i| i.parse::<usize>().ok())) {
            (Some(p), Some(i)) if p == prefix => {
                let line = lines.get(i).copied().unwrap_or(i + 1);
                match parts.next().and_then(|c| fields.iter().position(|x| *x == c)) {
                    Some(col) => format!("{key}, ligne {line}, colonne {}", header[col]),
                    None => format!("{key}, ligne {line}"),
                }
            }
            _ => key.to_owned(),
        };
        out.push(&place, f.message);
    }
    Error::Validation(out)
}
