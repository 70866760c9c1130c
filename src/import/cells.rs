//! Turning one cell into the string the signatory form expects for one field, or saying
//! precisely, in French, what was expected instead.
//!
//! The output is what a user would type in the form: dates as `jj/mm/aaaa`, the codes of the
//! closed lists (`"Mme"`, `"en_formation"`…), integers without separators, booleans as
//! `"true"`/`"false"`. An empty cell gives `""` (and `"false"` for a yes/no field). The
//! project's validation then checks the values together (plausible dates, known specialty…):
//! this module only reads what the cell says.

use super::field::FieldKey;
use super::fold::fold;
use super::read::{format_number, Cell};
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::{Decimal, RoundingStrategy};
use std::str::FromStr;

/// What a cell should have held, in French ("une date au format jj/mm/aaaa…").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("attendu {expected}")]
pub struct Invalid {
    pub expected: String,
}

fn invalid(expected: impl Into<String>) -> Invalid {
    Invalid {
        expected: expected.into(),
    }
}

const EXPECTED_DATE: &str = "une date au format jj/mm/aaaa (ex. 05/03/1998)";
const EXPECTED_INT: &str = "un nombre entier (ex. 1234)";
const EXPECTED_STUDY_YEAR: &str = "une année d'études en chiffres (ex. 4, 4e ou 4e année)";
const EXPECTED_AMOUNT: &str = "un montant en euros avec au plus deux décimales (ex. 1 200,50 €)";
const EXPECTED_BOOL: &str = "oui ou non (ou O/N, X, vrai/faux, 1/0)";
const EXPECTED_TEXT: &str = "du texte";

/// The cell converted for `field`.
pub fn convert(field: FieldKey, cell: &Cell) -> Result<String, Invalid> {
    use FieldKey::*;
    if let Cell::Error(code) = cell {
        return Err(invalid(format!(
            "une valeur, et non une cellule en erreur ({code})"
        )));
    }
    match field {
        LastName | BirthName | FirstNames => name(cell),
        BirthDate | SignatureDate | AllocationStart | AllocationEnd | DiplomaDate | PracticeStart => {
            date(cell)
        }
        EcnYear | EcnRank => integer(cell),
        StudyYear => study_year(cell),
        FullName => name(cell),
        Padhue => boolean(cell),
        Civility => civility(cell),
        Discipline => discipline(cell),
        Cycle => cycle(cell),
        ManagingBody => managing_body(cell),
        Status => status(cell),
        Email => email(cell),
        Phone => phone(cell),
        Address => address(cell),
        Notes => notes(cell),
        Ufr | Subdivision | Specialty | ContractRef => short_text(cell),
    }
}

/// Inner runs of spaces (line breaks, tabs, no-break spaces) become one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `jj/mm/aaaa`; years outside 1..=9999 do not fit that form (and are no register's dates).
fn fr_date(d: NaiveDate) -> Result<String, Invalid> {
    if (1..=9999).contains(&d.year()) {
        Ok(d.format("%d/%m/%Y").to_string())
    } else {
        Err(invalid(EXPECTED_DATE))
    }
}

/// A cell read as text: what the user sees in it.
fn as_text(cell: &Cell) -> String {
    match cell {
        Cell::Bool(true) => "oui".to_owned(),
        Cell::Bool(false) => "non".to_owned(),
        other => other.display(),
    }
}

// ---------------------------------------------------------------------------------------
// Free text

/// Names: trimmed, inner whitespace collapsed ("Le  Goff" and "Le Goff" are one person).
pub fn name(cell: &Cell) -> Result<String, Invalid> {
    match cell {
        Cell::DateTime(_) | Cell::Bool(_) => Err(invalid("un nom, et non une date ou une case à cocher")),
        other => Ok(collapse(&as_text(other))),
    }
}

/// Short texts (UFR, subdivision, specialty, contract reference): trimmed and collapsed.
pub fn short_text(cell: &Cell) -> Result<String, Invalid> {
    match cell {
        Cell::Error(_) => Err(invalid(EXPECTED_TEXT)),
        other => Ok(collapse(&as_text(other))),
    }
}

/// Notes keep their line breaks: only the ends are trimmed.
pub fn notes(cell: &Cell) -> Result<String, Invalid> {
    Ok(as_text(cell).trim().to_owned())
}

/// An address typed on several lines of a cell becomes one line, parts separated by ", ".
pub fn address(cell: &Cell) -> Result<String, Invalid> {
    let text = as_text(cell);
    let lines: Vec<String> = text.lines().map(collapse).filter(|l| !l.is_empty()).collect();
    Ok(lines.join(", "))
}

pub fn email(cell: &Cell) -> Result<String, Invalid> {
    let text = as_text(cell);
    let t = text.trim();
    // Cells pasted from a mail client keep the link's scheme.
    let t = match t.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("mailto:") => t.get(7..).unwrap_or_default(),
        _ => t,
    };
    Ok(t.trim().to_owned())
}

/// Phones: a French number typed in a "Standard" cell loses its leading zero (06 00 00 00 01
/// becomes 600000001), and so does its CSV export: nine bare digits get the zero back. French
/// numbers are normalised to `06 00 00 00 01`.
pub fn phone(cell: &Cell) -> Result<String, Invalid> {
    let text = match cell {
        Cell::DateTime(_) | Cell::Bool(_) => {
            return Err(invalid("un numéro de téléphone (ex. 06 00 00 00 01)"))
        }
        other => collapse(&as_text(other)),
    };
    // A French number, however typed (dots, dashes, +33, the zero lost), is written as the
    // form writes it; any other (a foreign number) is kept as typed.
    Ok(super::by_values::french_phone(&text).unwrap_or(text))
}

// ---------------------------------------------------------------------------------------
// Dates

/// Dates, output as `jj/mm/aaaa`. Accepted: date cells (with a 00:00 time), `jj/mm/aaaa`,
/// `j/m/aaaa`, `jj-mm-aaaa`, `jj.mm.aaaa`, `aaaa-mm-jj` (a 00:00 time may follow), and Excel
/// serial numbers (1900 date system), as numbers or as text.
pub fn date(cell: &Cell) -> Result<String, Invalid> {
    match cell {
        c if c.is_blank() => Ok(String::new()),
        Cell::DateTime(dt) => date_of_datetime(*dt).and_then(fr_date),
        Cell::Number(n) => serial_number(*n).and_then(fr_date),
        Cell::Text(s) => parse_date_text(s).and_then(fr_date),
        _ => Err(invalid(EXPECTED_DATE)),
    }
}

fn date_of_datetime(dt: NaiveDateTime) -> Result<NaiveDate, Invalid> {
    if dt.time() == NaiveTime::MIN {
        Ok(dt.date())
    } else {
        Err(invalid(format!(
            "une date sans heure (la cellule contient {})",
            dt.format("%d/%m/%Y %H:%M")
        )))
    }
}

/// Excel's day 60 is 29/02/1900, a day that never was: Lotus 1-2-3 took 1900 for a leap year
/// and Excel kept the mistake. Days before it count from 31/12/1899, days after from 30/12/1899.
fn serial_to_date(serial: i64) -> Result<NaiveDate, Invalid> {
    if serial == 60 {
        return Err(invalid(
            "une date qui existe : le numéro de série 60 d'Excel est le 29/02/1900, jour qui n'a pas existé",
        ));
    }
    // Integers that read as a year are a year typed in a date column, not a day of 1905.
    if (1900..=2100).contains(&serial) {
        return Err(invalid(format!(
            "une date complète au format jj/mm/aaaa : « {serial} » n'est qu'une année"
        )));
    }
    if !(1..=80_000).contains(&serial) {
        return Err(invalid(format!(
            "{EXPECTED_DATE} ; {serial} n'est pas un numéro de série de date plausible"
        )));
    }
    let (base, days) = if serial < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31), serial)
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30), serial)
    };
    base.and_then(|b| b.checked_add_days(Days::new(days.unsigned_abs())))
        .ok_or_else(|| invalid(EXPECTED_DATE))
}

fn serial_number(n: f64) -> Result<NaiveDate, Invalid> {
    if !n.is_finite() {
        return Err(invalid(EXPECTED_DATE));
    }
    if n.fract() != 0.0 {
        return Err(invalid(format!(
            "{EXPECTED_DATE} ; le nombre {} n'est pas une date sans heure",
            format_number(n)
        )));
    }
    if n.abs() > 1e9 {
        return Err(invalid(EXPECTED_DATE));
    }
    serial_to_date(n as i64)
}

/// French month names and their usual abbreviations, folded.
const MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("sept", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("decembre", 12),
    ("dec", 12),
];

/// "12 03 1998" and "12 mars 1998" (or "1er mars 1998") as "12/03/1998"; `None` for
/// anything else.
fn spaced_date(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let [d, m, y] = words.as_slice() else {
        return None;
    };
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    let day = d.strip_suffix("er").unwrap_or(d);
    if !digits(day) || !digits(y) {
        return None;
    }
    let month = if digits(m) {
        (*m).to_owned()
    } else {
        let folded = fold(m);
        let n = MONTHS.iter().find(|(name, _)| *name == folded)?.1;
        n.to_string()
    };
    Some(format!("{day}/{month}/{y}"))
}

fn parse_date_text(raw: &str) -> Result<NaiveDate, Invalid> {
    let spaced = spaced_date(raw);
    let s = spaced.as_deref().unwrap_or(raw).trim();
    if !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()) {
        let serial: i64 = s.parse().map_err(|_| invalid(EXPECTED_DATE))?;
        return serial_to_date(serial);
    }
    let (date_part, time_part) = split_time(s);
    if let Some(time) = time_part {
        let midnight = time.chars().all(|c| matches!(c, '0' | ':' | '.' | 'h' | 'H')) && time.contains('0');
        if !midnight {
            return Err(invalid(format!(
                "une date sans heure (la cellule contient « {s} »)"
            )));
        }
    }
    parse_date_part(date_part)
}

/// "1998-03-05T00:00:00" or "05/03/1998 00:00" → (date, Some(time)).
fn split_time(s: &str) -> (&str, Option<&str>) {
    if let Some((d, t)) = s.split_once(char::is_whitespace) {
        return (d, Some(t.trim()));
    }
    match s.split_once('T') {
        Some((d, t)) if d.len() == 10 => (d, Some(t)),
        _ => (s, None),
    }
}

fn parse_date_part(s: &str) -> Result<NaiveDate, Invalid> {
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(invalid(EXPECTED_DATE));
    };
    let numeric = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !(numeric(a) && numeric(b) && numeric(c)) {
        return Err(invalid(EXPECTED_DATE));
    }
    // aaaa-mm-jj (ISO) or jj/mm/aaaa.
    let (day, month, year) = if a.len() == 4 { (c, b, a) } else { (a, b, c) };
    if year.len() == 2 {
        return Err(invalid(format!(
            "une date avec l'année sur 4 chiffres (jj/mm/aaaa) : « {s} » est ambiguë"
        )));
    }
    if year.len() != 4 || day.len() > 2 || month.len() > 2 {
        return Err(invalid(EXPECTED_DATE));
    }
    let (Ok(d), Ok(m), Ok(y)) = (day.parse::<u32>(), month.parse::<u32>(), year.parse::<i32>()) else {
        return Err(invalid(EXPECTED_DATE));
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        invalid(format!(
            "une date qui existe : le {d:02}/{m:02}/{y} n'existe pas (jj/mm/aaaa)"
        ))
    })
}

/// `(day, month, two-digit year)` of a date written `12/03/98`, `12-03-98`, `12.03.98` or
/// `12 03 98`.
fn two_digit_year(s: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = s.split(['/', '-', '.', ' ']).filter(|p| !p.is_empty()).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let digits =
        |p: &str, max: usize| !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit());
    if !(digits(d, 2) && digits(m, 2) && y.len() == 2 && digits(y, 2)) {
        return None;
    }
    Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok()?))
}

/// The ages a signatory can have: a student of the 2nd cycle is rarely under 20, a
/// doctor finishing a commitment rarely over 50; the window is wide on both sides.
const SIGNATORY_AGES: std::ops::RangeInclusive<u32> = 16..=60;

/// A birth date. A year written with two digits (`12/03/98`) is read in the only century
/// that gives an age of 16 to 60 on `today`: the window is narrower than a century, so
/// there is never a choice to make.
pub fn birth_date(cell: &Cell, today: NaiveDate) -> Result<String, Invalid> {
    let first = date(cell);
    let Err(error) = first else {
        return first;
    };
    let Cell::Text(s) = cell else {
        return Err(error);
    };
    let Some((d, m, yy)) = two_digit_year(s.trim()) else {
        return Err(error);
    };
    let existing: Vec<NaiveDate> = [1900 + yy, 2000 + yy]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .collect();
    if existing.is_empty() {
        return Err(invalid(format!(
            "une date qui existe : le {d:02}/{m:02} n'existe pas (jj/mm/aaaa)"
        )));
    }
    let plausible: Vec<NaiveDate> = existing
        .into_iter()
        .filter(|b| {
            today
                .years_since(*b)
                .is_some_and(|age| SIGNATORY_AGES.contains(&age))
        })
        .collect();
    match plausible.as_slice() {
        [only] => fr_date(*only),
        _ => Err(invalid(format!(
            "une date de naissance avec l'année sur 4 chiffres : « {} » ne donne pas un âge de {} à {} ans",
            s.trim(),
            SIGNATORY_AGES.start(),
            SIGNATORY_AGES.end()
        ))),
    }
}

// ---------------------------------------------------------------------------------------
// Numbers

/// Integers: number cells without decimals, or text such as "1 234" (any kind of space as
/// thousands separator) or "1234,0".
pub fn integer(cell: &Cell) -> Result<String, Invalid> {
    match cell {
        c if c.is_blank() => Ok(String::new()),
        Cell::Number(n) => integer_of_number(*n).map(|i| i.to_string()),
        Cell::Text(s) => parse_integer_text(s).map(|i| i.to_string()),
        Cell::DateTime(_) => Err(invalid(format!("{EXPECTED_INT}, et non une date"))),
        _ => Err(invalid(EXPECTED_INT)),
    }
}

fn integer_of_number(n: f64) -> Result<i64, Invalid> {
    if n.is_finite() && n.fract() == 0.0 && n.abs() <= f64::from(i32::MAX) {
        Ok(n as i64)
    } else {
        Err(invalid(EXPECTED_INT))
    }
}

fn is_digit_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn parse_integer_text(s: &str) -> Result<i64, Invalid> {
    let s = s.trim();
    // "1234,0" and "1234.00": a number cell exported as text keeps its decimals.
    let whole = match s.split_once([',', '.']) {
        Some((whole, decimals)) if !decimals.is_empty() && decimals.bytes().all(|b| b == b'0') => whole,
        Some(_) => return Err(invalid(EXPECTED_INT)),
        None => s,
    };
    // Thousands are grouped by three: "1 234" is 1234, "4 5" is not 45.
    let groups: Vec<&str> = whole.split(is_digit_group_space).collect();
    let grouped = groups.iter().enumerate().all(|(i, g)| match i {
        0 => (1..=3).contains(&g.len()),
        _ => g.len() == 3,
    });
    if groups.len() > 1 && !grouped {
        return Err(invalid(EXPECTED_INT));
    }
    let digits = groups.concat();
    if digits.is_empty() || digits.len() > 10 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(EXPECTED_INT));
    }
    match digits.parse::<i64>() {
        Ok(i) if i <= i64::from(i32::MAX) => Ok(i),
        _ => Err(invalid(EXPECTED_INT)),
    }
}

/// The year of study: an integer, possibly with an ordinal suffix and the word "année":
/// "4", "4e", "4ème", "4ᵉ année", "1re", "1ère année", "2nde".
pub fn study_year(cell: &Cell) -> Result<String, Invalid> {
    match cell {
        c if c.is_blank() => Ok(String::new()),
        Cell::Number(n) => integer_of_number(*n)
            .map(|i| i.to_string())
            .map_err(|_| invalid(EXPECTED_STUDY_YEAR)),
        Cell::Text(s) => parse_integer_text(s)
            .or_else(|_| parse_ordinal(s))
            .map(|i| i.to_string()),
        _ => Err(invalid(EXPECTED_STUDY_YEAR)),
    }
}

fn parse_ordinal(s: &str) -> Result<i64, Invalid> {
    let folded = fold(s);
    let mut words = folded.split(' ');
    let first = words.next().unwrap_or_default();
    // Later words are the suffix and "annee", never more digits ("4 5" is not 4).
    let rest_words: Vec<&str> = words.collect();
    if rest_words
        .iter()
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    {
        return Err(invalid(EXPECTED_STUDY_YEAR));
    }
    let digits_end = first.find(|c: char| !c.is_ascii_digit()).unwrap_or(first.len());
    let (digits, suffix) = first.split_at(digits_end);
    if digits.is_empty() || digits.len() > 2 {
        return Err(invalid(EXPECTED_STUDY_YEAR));
    }
    let mut rest = format!("{suffix}{}", rest_words.concat());
    for ordinal in ["eme", "ere", "er", "re", "nde", "nd", "e"] {
        if let Some(r) = rest.strip_prefix(ordinal) {
            rest = r.to_owned();
            break;
        }
    }
    let rest = rest.strip_prefix("annee").unwrap_or(&rest);
    if !rest.is_empty() {
        return Err(invalid(EXPECTED_STUDY_YEAR));
    }
    digits.parse().map_err(|_| invalid(EXPECTED_STUDY_YEAR))
}

/// An amount in euros as a canonical decimal string with two decimals ("1200.50"). Text
/// may use a decimal comma or point, spaces or dots between thousands, and end with "€" or
/// "EUR". Money is never formatted from a float: a number cell goes through `Decimal`.
pub fn amount(cell: &Cell) -> Result<String, Invalid> {
    let value = match cell {
        c if c.is_blank() => return Ok(String::new()),
        Cell::Number(n) => Decimal::from_f64_retain(*n)
            .map(|d| d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
            .ok_or_else(|| invalid(EXPECTED_AMOUNT))?,
        Cell::Text(s) => parse_amount_text(s)?,
        _ => return Err(invalid(EXPECTED_AMOUNT)),
    };
    // Beyond any plausible amount; also keeps `rescale` far from the limits of `Decimal`.
    if value.abs() >= Decimal::from(1_000_000_000_000_i64) {
        return Err(invalid(EXPECTED_AMOUNT));
    }
    let mut value = value;
    value.rescale(2);
    Ok(value.to_string())
}

fn parse_amount_text(s: &str) -> Result<Decimal, Invalid> {
    let mut t = s.trim();
    for unit in ["€", "euros", "euro", "eur"] {
        let cut = t
            .len()
            .checked_sub(unit.len())
            .filter(|&i| t.get(i..).is_some_and(|suffix| suffix.eq_ignore_ascii_case(unit)));
        if let Some(i) = cut {
            t = t.get(..i).unwrap_or(t).trim_end();
            break;
        }
    }
    let compact: String = t
        .chars()
        .filter(|c| !is_digit_group_space(*c) && *c != '\'')
        .collect();
    let (commas, dots) = (compact.matches(',').count(), compact.matches('.').count());
    // The last separator is the decimal one when both appear ("1.200,50", "1,200.50"); a
    // single kind appearing once is decimal ("1200,50", "1200.50"), several times grouping.
    let normalized = match (compact.rfind(','), compact.rfind('.')) {
        (Some(c), Some(d)) if c > d && commas == 1 => compact.replace('.', "").replace(',', "."),
        (Some(c), Some(d)) if d > c && dots == 1 => compact.replace(',', ""),
        (Some(_), Some(_)) => return Err(invalid(EXPECTED_AMOUNT)),
        (Some(_), None) if commas == 1 => compact.replace(',', "."),
        (Some(_), None) => compact.replace(',', ""),
        (None, Some(_)) if dots == 1 => compact,
        (None, Some(_)) => compact.replace('.', ""),
        (None, None) => compact,
    };
    let unsigned = normalized.strip_prefix(['-', '+']).unwrap_or(&normalized);
    let (whole, decimals) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 15 || decimals.len() > 2 || !digits(whole) || !digits(decimals) {
        return Err(invalid(EXPECTED_AMOUNT));
    }
    Decimal::from_str(&normalized).map_err(|_| invalid(EXPECTED_AMOUNT))
}

// ---------------------------------------------------------------------------------------
// Yes / no

/// Yes/no, output `"true"` or `"false"`; an empty cell is an unticked box: `"false"`.
pub fn boolean(cell: &Cell) -> Result<String, Invalid> {
    let yes = match cell {
        c if c.is_blank() => false,
        Cell::Bool(b) => *b,
        Cell::Number(n) if *n == 1.0 => true,
        Cell::Number(n) if *n == 0.0 => false,
        Cell::Text(s) if matches!(s.trim(), "✓" | "✔" | "☑" | "☒") => true,
        Cell::Text(s) => match fold(s).as_str() {
            "oui" | "o" | "x" | "vrai" | "1" | "yes" | "y" | "true" => true,
            "non" | "n" | "faux" | "0" | "no" | "false" => false,
            _ => return Err(invalid(EXPECTED_BOOL)),
        },
        _ => return Err(invalid(EXPECTED_BOOL)),
    };
    Ok(yes.to_string())
}

// ---------------------------------------------------------------------------------------
// Closed lists

/// A closed list: each code with the spellings registers use for it (compared folded).
type Choices = &'static [(&'static str, &'static [&'static str])];

const CIVILITIES: Choices = &[
    (
        "M",
        &[
            "M", "M.", "Mr", "Mr.", "Monsieur", "H", "Homme", "Masculin", "Masc.",
        ],
    ),
    (
        "Mme",
        &[
            "Mme",
            "Mme.",
            "Madame",
            "Mlle",
            "Mademoiselle",
            "F",
            "Femme",
            "Féminin",
            "Fém.",
        ],
    ),
];

const DISCIPLINES: Choices = &[
    (
        "medecine",
        &[
            "Médecine",
            "Médecin",
            "Médical",
            "Médicale",
            "Méd.",
            "Med",
            "MG",
            "Médecine générale",
            "Interne en médecine",
        ],
    ),
    (
        "odontologie",
        &[
            "Odontologie",
            "Chirurgie dentaire",
            "Dentaire",
            "Dentiste",
            "Chirurgien-dentiste",
            "Chirurgien dentiste",
            "Odonto",
            "Odontologique",
            "Chir. dent.",
            "Chir dent",
            "Chirurgie-dentaire",
            "Dent.",
        ],
    ),
    (
        "maieutique",
        &[
            "Maïeutique",
            "Sage-femme",
            "Sages-femmes",
            "Maïeuticien",
            "Maïeuticienne",
            "SF",
            "Sage femme",
            "École de sages-femmes",
        ],
    ),
    (
        "pharmacie",
        &[
            "Pharmacie",
            "Pharmacien",
            "Pharmacienne",
            "Pharma",
            "Pharm.",
            "Pharmaceutique",
        ],
    ),
];

const CYCLES: Choices = &[
    (
        "deuxieme_cycle",
        &[
            "deuxieme_cycle",
            "2e cycle",
            "2ème cycle",
            "2eme cycle",
            "2nd cycle",
            "Deuxième cycle",
            "Second cycle",
            "2",
            "2e",
            "2ème",
            "II",
            "DFASM",
            "DFASM1",
            "DFASM2",
            "DFASM3",
            "Externat",
            "Externe",
        ],
    ),
    (
        "troisieme_cycle",
        &[
            "troisieme_cycle",
            "3e cycle",
            "3ème cycle",
            "3eme cycle",
            "Troisième cycle",
            "3",
            "3e",
            "3ème",
            "III",
            "Internat",
            "Interne",
            "Docteur junior",
        ],
    ),
];

const MANAGING_BODIES: Choices = &[
    ("cng", &["CNG", "Centre national de gestion"]),
    ("asp", &["ASP", "Agence de services et de paiement"]),
];

const STATUSES: Choices = &[
    (
        "candidat",
        &[
            "candidat",
            "Candidate",
            "Candidat(e)",
            "Candidature",
            "Candidature en cours",
        ],
    ),
    (
        "en_formation",
        &[
            "en_formation",
            "En formation",
            "En formation (allocataire)",
            "En cours d'études",
            "En cours d'étude",
            "En cours de formation",
            "En études",
            "Étudiant",
            "Étudiante",
            "Étudiant(e)",
            "Interne",
            "Externe",
            "Allocataire",
            "Formation",
        ],
    ),
    (
        "suspendu",
        &[
            "suspendu",
            "Suspendue",
            "Suspendu(e)",
            "Suspension",
            "En suspension",
            "Allocation suspendue",
        ],
    ),
    (
        "diplome",
        &[
            "diplome",
            "Diplômé",
            "Diplômée",
            "Diplômé(e)",
            "Diplômé, non installé",
            "Diplômé non installé",
        ],
    ),
    (
        "installe",
        &[
            "installe",
            "Installé",
            "Installée",
            "Installé(e)",
            "Installé (engagement en cours)",
            "En exercice",
            "Engagement en cours",
        ],
    ),
    (
        "engagement_termine",
        &[
            "engagement_termine",
            "Engagement terminé",
            "Fin d'engagement",
            "Fin de l'engagement",
            "Engagement achevé",
            "Engagement honoré",
            "Engagement rempli",
            "Terminé",
            "Terminée",
        ],
    ),
    (
        "rompu",
        &[
            "rompu",
            "Rupture",
            "Rompue",
            "Rompu(e)",
            "Rupture du contrat",
            "Rupture de contrat",
            "Contrat rompu",
        ],
    ),
    (
        "resilie",
        &[
            "resilie",
            "Résilié",
            "Résiliée",
            "Résilié(e)",
            "Résiliation",
            "Contrat résilié",
        ],
    ),
    (
        "decede_ou_inaptitude",
        &[
            "decede_ou_inaptitude",
            "Décédé",
            "Décédée",
            "Décédé(e)",
            "Décès",
            "Inaptitude",
            "Inapte",
            "Décès ou inaptitude",
            "Inaptitude définitive",
        ],
    ),
];

/// The code whose spelling matches the text: exactly (folded), else the longest spelling
/// of three letters or more that starts the text ("Installée à Rennes", "Rupture le
/// 01/02/2023", "Médecine générale").
fn choose(choices: Choices, text: &str) -> Option<&'static str> {
    let folded = fold(text);
    if folded.is_empty() {
        return None;
    }
    let mut prefix: Option<(usize, &'static str)> = None;
    for (code, spellings) in choices {
        for spelling in *spellings {
            let s = fold(spelling);
            if s == folded {
                return Some(code);
            }
            let starts = s.len() >= 3
                && folded.len() > s.len()
                && folded.starts_with(&s)
                && folded.as_bytes().get(s.len()) == Some(&b' ');
            if starts && prefix.is_none_or(|(len, _)| s.len() > len) {
                prefix = Some((s.len(), code));
            }
        }
    }
    prefix.map(|(_, code)| code)
}

fn closed_list(cell: &Cell, choices: Choices, expected: &str) -> Result<String, Invalid> {
    match cell {
        c if c.is_blank() => Ok(String::new()),
        Cell::Text(_) | Cell::Number(_) => choose(choices, &as_text(cell))
            .map(str::to_owned)
            .ok_or_else(|| invalid(expected)),
        _ => Err(invalid(expected)),
    }
}

/// `"M"` or `"Mme"`.
pub fn civility(cell: &Cell) -> Result<String, Invalid> {
    closed_list(cell, CIVILITIES, "M. ou Mme (ou Monsieur/Madame, H/F)")
}

/// `"medecine"`, `"odontologie"`, `"maieutique"` or `"pharmacie"`.
pub fn discipline(cell: &Cell) -> Result<String, Invalid> {
    closed_list(
        cell,
        DISCIPLINES,
        "une discipline : Médecine, Odontologie, Maïeutique (sage-femme) ou Pharmacie",
    )
}

/// `"deuxieme_cycle"` or `"troisieme_cycle"`.
pub fn cycle(cell: &Cell) -> Result<String, Invalid> {
    closed_list(cell, CYCLES, "2e cycle (externat, DFASM) ou 3e cycle (internat)")
}

/// `"cng"` or `"asp"`.
pub fn managing_body(cell: &Cell) -> Result<String, Invalid> {
    closed_list(cell, MANAGING_BODIES, "CNG ou ASP")
}

/// One of the nine status codes of the project.
pub fn status(cell: &Cell) -> Result<String, Invalid> {
    closed_list(
        cell,
        STATUSES,
        "un statut connu : Candidat, En formation, Suspendu, Diplômé, Installé, Engagement terminé, \
         Rupture, Résilié, Décès ou inaptitude",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }
    fn ok(r: Result<String, Invalid>) -> String {
        r.unwrap_or_else(|e| panic!("{e}"))
    }
    fn err(r: Result<String, Invalid>) -> String {
        match r {
            Ok(v) => panic!("accepted: {v}"),
            Err(e) => e.expected,
        }
    }
    fn dt(y: i32, m: u32, d: u32, h: u32, min: u32) -> Cell {
        Cell::DateTime(
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap(),
        )
    }

    #[test]
    fn dates_as_text() {
        for s in [
            "05/03/1998",
            "5/3/1998",
            "05-03-1998",
            "05.03.1998",
            "1998-03-05",
            " 05/03/1998 ",
        ] {
            assert_eq!(ok(date(&t(s))), "05/03/1998", "{s}");
        }
        assert_eq!(ok(date(&t("1998-03-05T00:00:00"))), "05/03/1998");
        assert_eq!(ok(date(&t("05/03/1998 00:00"))), "05/03/1998");
        assert_eq!(ok(date(&t("05/03/1998 00:00:00"))), "05/03/1998");
        assert_eq!(ok(date(&t("29/02/2024"))), "29/02/2024");
        assert_eq!(err(date(&t("01/01/0000"))), EXPECTED_DATE);
        assert_eq!(ok(date(&Cell::Empty)), "");
        assert_eq!(ok(date(&t("   "))), "");
    }

    #[test]
    fn bad_dates_say_what_was_expected() {
        assert_eq!(
            err(date(&t("31/02/2019"))),
            "une date qui existe : le 31/02/2019 n'existe pas (jj/mm/aaaa)"
        );
        assert_eq!(err(date(&t("bientôt"))), EXPECTED_DATE);
        assert!(err(date(&t("05/03/98"))).contains("année sur 4 chiffres"));
        assert!(err(date(&t("05/03/1998 14:30"))).contains("sans heure"));
        assert_eq!(err(date(&t("1/2/3/2024"))), EXPECTED_DATE);
        assert!(err(date(&t("05/13/1998"))).contains("n'existe pas"));
        assert_eq!(err(date(&Cell::Bool(true))), EXPECTED_DATE);
        assert!(err(date(&t("1998"))).contains("n'est qu'une année"));
        assert!(err(convert(FieldKey::BirthDate, &Cell::Error("#N/A".into()))).contains("#N/A"));
    }

    #[test]
    fn excel_serials() {
        assert_eq!(ok(date(&Cell::Number(1.0))), "01/01/1900");
        assert_eq!(ok(date(&Cell::Number(59.0))), "28/02/1900");
        assert!(err(date(&Cell::Number(60.0))).contains("29/02/1900"));
        assert_eq!(ok(date(&Cell::Number(61.0))), "01/03/1900");
        assert_eq!(ok(date(&Cell::Number(35859.0))), "05/03/1998");
        assert_eq!(ok(date(&Cell::Number(45658.0))), "01/01/2025");
        assert_eq!(ok(date(&Cell::Number(80000.0))), "11/01/2119");
        assert_eq!(ok(date(&t("35859"))), "05/03/1998");
        assert!(err(date(&Cell::Number(0.0))).contains("plausible"));
        assert!(err(date(&Cell::Number(80001.0))).contains("plausible"));
        assert!(err(date(&Cell::Number(35859.5))).contains("sans heure"));
        assert!(err(date(&Cell::Number(-3.0))).contains("plausible"));
        assert_eq!(err(date(&Cell::Number(f64::NAN))), EXPECTED_DATE);
        assert_eq!(err(date(&Cell::Number(1e300))), EXPECTED_DATE);
    }

    #[test]
    fn date_cells() {
        assert_eq!(ok(date(&dt(1998, 3, 5, 0, 0))), "05/03/1998");
        assert!(err(date(&dt(1998, 3, 5, 14, 30))).contains("05/03/1998 14:30"));
    }

    #[test]
    fn integers() {
        for (cell, want) in [
            (t("1234"), "1234"),
            (t("1 234"), "1234"),
            (t("1\u{202f}234"), "1234"),
            (t("1\u{a0}234"), "1234"),
            (t("1234,0"), "1234"),
            (t("1234.00"), "1234"),
            (t(" 2019 "), "2019"),
            (t("12 345 678"), "12345678"),
            (Cell::Number(1234.0), "1234"),
            (Cell::Empty, ""),
        ] {
            assert_eq!(ok(integer(&cell)), want, "{cell:?}");
        }
        for cell in [
            t("12,5"),
            t("douze"),
            t("-3"),
            t("4 5"),
            t("12 34"),
            t("1.234.567"),
            t("99999999999"),
            Cell::Number(12.5),
            Cell::Number(f64::INFINITY),
            Cell::Number(1e12),
            Cell::Bool(true),
        ] {
            assert_eq!(err(integer(&cell)), EXPECTED_INT, "{cell:?}");
        }
        assert!(err(integer(&dt(2019, 1, 1, 0, 0))).contains("non une date"));
    }

    #[test]
    fn study_years() {
        for s in [
            "4",
            "4e",
            "4ème",
            "4eme",
            "4è",
            "4ᵉ",
            "4 ème",
            "4ème année",
            "4e année",
            "4,0",
        ] {
            assert_eq!(ok(study_year(&t(s))), "4", "{s}");
        }
        assert_eq!(ok(study_year(&t("1re"))), "1");
        assert_eq!(ok(study_year(&t("1ère année"))), "1");
        assert_eq!(ok(study_year(&t("1er"))), "1");
        assert_eq!(ok(study_year(&t("2nde"))), "2");
        assert_eq!(ok(study_year(&Cell::Number(3.0))), "3");
        for s in ["D4", "quatrième", "4 5", "4,5", "4e cycle", "année 4", "123e"] {
            assert_eq!(err(study_year(&t(s))), EXPECTED_STUDY_YEAR, "{s}");
        }
    }

    #[test]
    fn amounts_are_exact_decimals() {
        for (cell, want) in [
            (t("1200,50"), "1200.50"),
            (t("1 200,50 €"), "1200.50"),
            (t("1\u{202f}200,5\u{a0}€"), "1200.50"),
            (t("1.200,50"), "1200.50"),
            (t("1,200.50"), "1200.50"),
            (t("1200.5"), "1200.50"),
            (t("1200"), "1200.00"),
            (t("1 200 000"), "1200000.00"),
            (t("1.200.000"), "1200000.00"),
            (t("-150,00 EUR"), "-150.00"),
            (Cell::Number(1200.5), "1200.50"),
            (Cell::Number(0.1 + 0.2), "0.30"),
            (Cell::Number(2.675), "2.67"),
            (Cell::Number(1234.0), "1234.00"),
            (Cell::Empty, ""),
        ] {
            assert_eq!(ok(amount(&cell)), want, "{cell:?}");
        }
        for cell in [
            t("12,345"),
            t("douze €"),
            t("1,2,3.4.5"),
            t("€"),
            Cell::Number(f64::NAN),
            Cell::Number(1e30),
            Cell::Bool(false),
        ] {
            assert_eq!(err(amount(&cell)), EXPECTED_AMOUNT, "{cell:?}");
        }
    }

    #[test]
    fn booleans() {
        for s in ["oui", "OUI", "o", "X", "x", "Vrai", "1", "yes", "true", "✓"] {
            assert_eq!(ok(boolean(&t(s))), "true", "{s}");
        }
        for s in ["non", "N", "faux", "0", "no", "FALSE", ""] {
            assert_eq!(ok(boolean(&t(s))), "false", "{s}");
        }
        assert_eq!(ok(boolean(&Cell::Empty)), "false");
        assert_eq!(ok(boolean(&Cell::Bool(true))), "true");
        assert_eq!(ok(boolean(&Cell::Number(1.0))), "true");
        assert_eq!(ok(boolean(&Cell::Number(0.0))), "false");
        assert_eq!(err(boolean(&t("peut-être"))), EXPECTED_BOOL);
        assert_eq!(err(boolean(&Cell::Number(2.0))), EXPECTED_BOOL);
    }

    #[test]
    fn civilities() {
        for s in ["M", "M.", "Monsieur", "Mr", "H", "Homme", "m."] {
            assert_eq!(ok(civility(&t(s))), "M", "{s}");
        }
        for s in ["Mme", "Madame", "Mlle", "F", "Femme", "MME"] {
            assert_eq!(ok(civility(&t(s))), "Mme", "{s}");
        }
        assert!(err(civility(&t("Dr"))).starts_with("M. ou Mme"));
        assert_eq!(ok(civility(&Cell::Empty)), "");
    }

    #[test]
    fn disciplines() {
        for (s, want) in [
            ("Médecine", "medecine"),
            ("MEDECINE", "medecine"),
            ("Médecine générale", "medecine"),
            ("Odontologie", "odontologie"),
            ("Chirurgie dentaire", "odontologie"),
            ("Dentaire", "odontologie"),
            ("Maïeutique", "maieutique"),
            ("Sage-femme", "maieutique"),
            ("Pharmacie", "pharmacie"),
        ] {
            assert_eq!(ok(discipline(&t(s))), want, "{s}");
        }
        assert!(err(discipline(&t("Kinésithérapie"))).contains("Maïeutique"));
    }

    #[test]
    fn cycles() {
        for s in [
            "2e cycle",
            "2ème cycle",
            "2ᵉ cycle",
            "DFASM",
            "DFASM2",
            "externat",
            "2",
        ] {
            assert_eq!(ok(cycle(&t(s))), "deuxieme_cycle", "{s}");
        }
        for s in ["3e cycle", "3ème", "internat", "Interne", "3e cycle (internat)"] {
            assert_eq!(ok(cycle(&t(s))), "troisieme_cycle", "{s}");
        }
        assert_eq!(ok(cycle(&Cell::Number(3.0))), "troisieme_cycle");
        assert!(err(cycle(&t("1er cycle"))).contains("2e cycle"));
    }

    #[test]
    fn managing_bodies() {
        assert_eq!(ok(managing_body(&t("CNG"))), "cng");
        assert_eq!(ok(managing_body(&t(" asp "))), "asp");
        assert_eq!(ok(managing_body(&t("Agence de services et de paiement"))), "asp");
        assert_eq!(err(managing_body(&t("ARS"))), "CNG ou ASP");
    }

    #[test]
    fn statuses() {
        for (s, want) in [
            ("En formation", "en_formation"),
            ("en cours d'études", "en_formation"),
            ("Étudiant", "en_formation"),
            ("Interne", "en_formation"),
            ("Suspendu(e)", "suspendu"),
            ("Suspension", "suspendu"),
            ("Diplômé(e)", "diplome"),
            ("Diplômée", "diplome"),
            ("Installé(e)", "installe"),
            ("Installée à Rennes", "installe"),
            ("En exercice", "installe"),
            ("Engagement terminé", "engagement_termine"),
            ("Fin d'engagement", "engagement_termine"),
            ("Rupture", "rompu"),
            ("Rompu", "rompu"),
            ("Rupture le 01/02/2023", "rompu"),
            ("Résilié", "resilie"),
            ("Résiliation", "resilie"),
            ("Décédé", "decede_ou_inaptitude"),
            ("Inaptitude", "decede_ou_inaptitude"),
            ("candidat", "candidat"),
            ("en_formation", "en_formation"),
            ("decede_ou_inaptitude", "decede_ou_inaptitude"),
        ] {
            assert_eq!(ok(status(&t(s))), want, "{s}");
        }
        for s in ["Perdu de vue", "non installé", "En", "?"] {
            assert!(err(status(&t(s))).starts_with("un statut connu"), "{s}");
        }
    }

    #[test]
    fn free_text() {
        assert_eq!(ok(name(&t("  Le   Goff\t"))), "Le Goff");
        assert_eq!(ok(name(&t("D'ALMEIDA"))), "D'ALMEIDA");
        assert!(name(&dt(2000, 1, 1, 0, 0)).is_err());
        assert_eq!(ok(short_text(&Cell::Number(2024.0))), "2024");
        assert_eq!(ok(short_text(&t(" CESP-2021-0042 "))), "CESP-2021-0042");
        assert_eq!(
            ok(convert(FieldKey::Specialty, &t(" Médecine générale "))),
            "Médecine générale"
        );
        assert_eq!(ok(notes(&t("  ligne 1\nligne 2  "))), "ligne 1\nligne 2");
        assert_eq!(
            ok(address(&t("12 rue  Fictive\n\n35000 Rennes "))),
            "12 rue Fictive, 35000 Rennes"
        );
        assert_eq!(
            ok(email(&t(" mailto:lea.martin@exemple.fr "))),
            "lea.martin@exemple.fr"
        );
        // French numbers come out as the form writes them; anything else as typed.
        assert_eq!(ok(phone(&Cell::Number(600000001.0))), "06 00 00 00 01");
        assert_eq!(ok(phone(&t("600000001"))), "06 00 00 00 01");
        assert_eq!(ok(phone(&t("+33 6 00 00 00 01"))), "06 00 00 00 01");
        assert_eq!(ok(phone(&t("+32 2 123 45 67"))), "+32 2 123 45 67");
        assert_eq!(ok(phone(&Cell::Number(33600000001.0))), "33600000001");
        assert_eq!(ok(phone(&t("06 00  00 00 01"))), "06 00 00 00 01");
        assert_eq!(ok(convert(FieldKey::Notes, &Cell::Bool(true))), "oui");
    }
    #[test]
    fn two_digit_birth_years_take_the_only_plausible_century() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(ok(birth_date(&t("12/03/98"), today)), "12/03/1998");
        assert_eq!(ok(birth_date(&t("01-09-05"), today)), "01/09/2005");
        assert_eq!(ok(birth_date(&t("1.9.70"), today)), "01/09/1970");
        assert_eq!(ok(birth_date(&t("12 03 98"), today)), "12/03/1998");
        // Four digits are read as written; a day that does not exist stays refused.
        assert_eq!(ok(birth_date(&t("12/03/1998"), today)), "12/03/1998");
        assert!(err(birth_date(&t("31/04/98"), today)).contains("le 31/04 n'existe pas"));
        // 2020 or 1920: a child or a centenarian, neither a signatory.
        assert!(err(birth_date(&t("05/05/20"), today)).contains("16 à 60 ans"));
        // Other fields keep refusing two-digit years.
        assert!(err(date(&t("12/03/98"))).contains("ambiguë"));
    }

    #[test]
    fn dates_with_spaces_and_month_names() {
        assert_eq!(ok(date(&t("12 03 1998"))), "12/03/1998");
        assert_eq!(ok(date(&t("12 mars 1998"))), "12/03/1998");
        assert_eq!(ok(date(&t("1er février 2001"))), "01/02/2001");
        assert_eq!(ok(date(&t("3 sept. 1999"))), "03/09/1999");
        assert_eq!(ok(date(&t("12.03.1998"))), "12/03/1998");
        assert!(date(&t("12 brumaire 1998")).is_err());
    }

    #[test]
    fn disciplines_as_registers_abbreviate_them() {
        for (written, code) in [
            ("Odonto", "odontologie"),
            ("Chir. dent.", "odontologie"),
            ("Méd.", "medecine"),
            ("MG", "medecine"),
            ("Médecine générale", "medecine"),
            ("Pharma", "pharmacie"),
            ("SF", "maieutique"),
            ("Sage-femme", "maieutique"),
            ("sage femme", "maieutique"),
        ] {
            assert_eq!(ok(discipline(&t(written))), code, "{written}");
        }
        assert!(discipline(&t("Kiné")).is_err());
    }

    #[test]
    fn sex_columns_give_the_civility() {
        for (written, code) in [
            ("F", "Mme"),
            ("M", "M"),
            ("H", "M"),
            ("Féminin", "Mme"),
            ("Masculin", "M"),
        ] {
            assert_eq!(ok(civility(&t(written))), code, "{written}");
        }
    }
}
