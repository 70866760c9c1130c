//! Reading the ARS zonage from a sheet: which communes are a ZIP, a ZAC or neither.
//!
//! Expected columns (header names are matched without accents, case or punctuation, in the
//! first ten rows, so that a title above the header is allowed):
//! - code INSEE of the commune (« Code INSEE », « Code commune », « CODGEO », « DEPCOM »…), required;
//! - name of the commune (« Commune », « Nom de la commune », « LIBGEO »…), required;
//! - zone (« Zone », « Zonage », « Type de zone », « Classement »…), required: ZIP, ZAC or
//!   « hors zone » (also the long names, and « ZV » / « zone de vigilance », which is neither);
//! - department (« Département », « DEP »), optional: by default taken from the code INSEE;
//! - date of the arrêté (« Date de l'arrêté »), optional, the same on every row.

use crate::import::cells;
use crate::import::{column_letter, Cell, Sheet};
use crate::text::fold;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::collections::HashMap;

/// The zone of a commune in a zonage (domain.md §5): the commitment is served in a ZIP or a ZAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
pub enum CommuneZone {
    #[serde(rename = "zip")]
    Zip,
    #[serde(rename = "zac")]
    Zac,
    #[serde(rename = "hors_zone")]
    HorsZone,
}

impl CommuneZone {
    pub const ALL: &'static [CommuneZone] = &[CommuneZone::Zip, CommuneZone::Zac, CommuneZone::HorsZone];

    pub fn code(self) -> &'static str {
        match self {
            CommuneZone::Zip => "zip",
            CommuneZone::Zac => "zac",
            CommuneZone::HorsZone => "hors_zone",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CommuneZone::Zip => "ZIP (zone d'intervention prioritaire)",
            CommuneZone::Zac => "ZAC (zone d'action complémentaire)",
            CommuneZone::HorsZone => "Hors ZIP et ZAC",
        }
    }

    pub fn from_code(s: &str) -> Option<CommuneZone> {
        CommuneZone::ALL.iter().copied().find(|z| z.code() == s)
    }

    /// True where the commitment can be served.
    pub fn is_underserved(self) -> bool {
        matches!(self, CommuneZone::Zip | CommuneZone::Zac)
    }

    /// The zone as written in ARS files: « ZIP », « Zone d'intervention prioritaire »,
    /// « ZAC », « hors zone », « ZV »…
    pub fn parse(text: &str) -> Option<CommuneZone> {
        let f = fold(text);
        let words: String = f
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match words.as_str() {
            "zip" | "zone d intervention prioritaire" | "intervention prioritaire" => Some(CommuneZone::Zip),
            "zac" | "zone d action complementaire" | "action complementaire" => Some(CommuneZone::Zac),
            "hors zone" | "hors zonage" | "hors zip zac" | "hors zip et zac" | "aucune" | "non" | "sans"
            | "zv" | "zone de vigilance" | "vigilance" | "hors" => Some(CommuneZone::HorsZone),
            _ => None,
        }
    }
}

/// One commune of a zonage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZonageRow {
    /// 1-based, as the spreadsheet shows it.
    pub row_number: usize,
    pub insee: String,
    pub name: String,
    pub department: String,
    pub zone: CommuneZone,
}

/// What a sheet gave: its communes and the date of the arrêté if a column holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedZonage {
    pub rows: Vec<ZonageRow>,
    pub arrete_date: Option<NaiveDate>,
}

/// A cell or a header that prevents the import, located as the user sees the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ZonageProblem {
    /// 1-based row number; 0 when the problem is about the whole sheet (a missing column).
    pub row_number: u32,
    /// "A", "B"… ; "" when no column is concerned.
    pub column: String,
    pub column_header: String,
    pub value: String,
    pub message: String,
}

impl std::fmt::Display for ZonageProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.row_number > 0 {
            write!(f, "Ligne {}", self.row_number)?;
            if !self.column.is_empty() {
                write!(f, ", colonne {}", self.column)?;
                if !self.column_header.is_empty() {
                    write!(f, " (« {} »)", self.column_header)?;
                }
            }
            write!(f, " : ")?;
            if !self.value.is_empty() {
                write!(f, "« {} » — ", self.value)?;
            }
        }
        write!(f, "{}", self.message)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Insee,
    Name,
    Zone,
    Department,
    ArreteDate,
}

impl Column {
    fn label(self) -> &'static str {
        match self {
            Column::Insee => "code INSEE de la commune",
            Column::Name => "nom de la commune",
            Column::Zone => "zone (ZIP, ZAC ou hors zone)",
            Column::Department => "département",
            Column::ArreteDate => "date de l'arrêté",
        }
    }

    /// The column a header names, from its folded words.
    fn of_header(text: &str) -> Option<Column> {
        let f: String = fold(text)
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let words: Vec<&str> = f.split_whitespace().collect();
        let joined = words.join(" ");
        let has = |w: &str| words.contains(&w);
        if has("insee")
            || matches!(
                joined.as_str(),
                "codgeo" | "depcom" | "code commune" | "code geo" | "com"
            )
        {
            return Some(Column::Insee);
        }
        if has("arrete") && has("date") {
            return Some(Column::ArreteDate);
        }
        if matches!(
            joined.as_str(),
            "departement" | "dep" | "dept" | "code departement" | "num departement"
        ) {
            return Some(Column::Department);
        }
        if has("zone") || has("zonage") || has("classement") || has("type") {
            return Some(Column::Zone);
        }
        if has("commune") || has("libgeo") || matches!(joined.as_str(), "nom" | "libelle" | "ville") {
            return Some(Column::Name);
        }
        None
    }
}

/// Rows searched for the header.
const HEADER_ROWS: usize = 10;

/// Problems reported at most: a wrong file would otherwise list thousands.
const MAX_PROBLEMS: usize = 200;

/// A code INSEE: five digits, or 2A/2B and three digits for Corsica. A number cell loses the
/// leading zero of the departments 01–09 (1053 is 01053): it is put back.
pub fn insee_code(cell: &Cell) -> Result<String, String> {
    let text = match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 1000.0 && *n < 100_000.0 => format!("{:05}", *n as i64),
        Cell::Text(s) => {
            let t = s.trim().to_uppercase();
            if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
                format!("0{t}")
            } else {
                t
            }
        }
        other => other.display(),
    };
    let b = text.as_bytes();
    let ok = b.len() == 5
        && (b.iter().all(u8::is_ascii_digit)
            || (b[0] == b'2' && (b[1] == b'A' || b[1] == b'B') && b[2..].iter().all(u8::is_ascii_digit)));
    if ok {
        Ok(text)
    } else {
        Err("un code INSEE de commune à 5 caractères (ex. 29019, ou 2A004 en Corse)".to_owned())
    }
}

/// The department of a commune from its code INSEE: 3 characters overseas (971…976), else 2.
pub fn department_of(insee: &str) -> String {
    if insee.starts_with("97") {
        insee.chars().take(3).collect()
    } else {
        insee.chars().take(2).collect()
    }
}

/// Reads a zonage from `sheet`: every row, or every problem (nothing is kept when there is one).
pub fn parse_sheet(sheet: &Sheet) -> Result<ParsedZonage, Vec<ZonageProblem>> {
    let whole = |message: String| ZonageProblem {
        row_number: 0,
        column: String::new(),
        column_header: String::new(),
        value: String::new(),
        message,
    };
    // The header: the first row among the first ten that names the three required columns.
    let mut header = None;
    for r in 0..sheet.rows.len().min(HEADER_ROWS) {
        let mut found: HashMap<Column, usize> = HashMap::new();
        for (c, cell) in sheet.rows[r].iter().enumerate() {
            if let Some(col) = Column::of_header(&cell.display()) {
                found.entry(col).or_insert(c);
            }
        }
        if [Column::Insee, Column::Name, Column::Zone]
            .iter()
            .all(|c| found.contains_key(c))
        {
            header = Some((r, found));
            break;
        }
    }
    let Some((header_row, columns)) = header else {
        return Err(vec![whole(format!(
            "Ligne d'en-tête introuvable dans les {HEADER_ROWS} premières lignes de la feuille « {} » : \
             il faut au moins les colonnes « Code INSEE », « Commune » et « Zone » (ZIP, ZAC ou hors zone).",
            sheet.name
        ))]);
    };
    let header_text = |col: usize| sheet.cell(header_row, col).display().trim().to_owned();

    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut arrete: Option<(NaiveDate, usize)> = None;
    for r in header_row + 1..sheet.rows.len() {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        if sheet.rows[r].iter().all(Cell::is_blank) {
            continue;
        }
        let row_number = r + 1;
        let mut problem = |col: Column, c: usize, message: String| {
            problems.push(ZonageProblem {
                row_number: u32::try_from(row_number).unwrap_or(u32::MAX),
                column: column_letter(c),
                column_header: header_text(c),
                value: sheet.cell(r, c).display(),
                message: format!("attendu {} ({}).", message, col.label()),
            });
        };
        let c = columns[&Column::Insee];
        let insee = match insee_code(sheet.cell(r, c)) {
            Ok(code) => Some(code),
            Err(m) => {
                problem(Column::Insee, c, m);
                None
            }
        };
        let c = columns[&Column::Name];
        let name = sheet.cell(r, c).display().trim().to_owned();
        if name.is_empty() || name.chars().count() > 100 {
            problem(
                Column::Name,
                c,
                "un nom de commune de 1 à 100 caractères".to_owned(),
            );
        }
        let c = columns[&Column::Zone];
        let zone = CommuneZone::parse(&sheet.cell(r, c).display());
        if zone.is_none() {
            problem(
                Column::Zone,
                c,
                "ZIP, ZAC ou « hors zone » (ou les noms longs : zone d'intervention prioritaire…)".to_owned(),
            );
        }
        let department = match (columns.get(&Column::Department), &insee) {
            (Some(&c), Some(code)) => {
                let cell = sheet.cell(r, c);
                let given = match cell {
                    Cell::Number(n) if n.fract() == 0.0 && *n >= 1.0 && *n < 1000.0 => {
                        format!("{:02}", *n as i64)
                    }
                    other => other.display().trim().to_uppercase(),
                };
                if given.is_empty() {
                    Some(department_of(code))
                } else if given != department_of(code) {
                    problem(
                        Column::Department,
                        c,
                        format!(
                            "le département du code INSEE {code}, soit {}",
                            department_of(code)
                        ),
                    );
                    None
                } else {
                    Some(given)
                }
            }
            (None, Some(code)) => Some(department_of(code)),
            _ => None,
        };
        if let Some(&c) = columns.get(&Column::ArreteDate) {
            match cells::date(sheet.cell(r, c)) {
                Ok(text) if text.is_empty() => {}
                Ok(text) => match crate::domain::dates::parse_date(&text) {
                    Some(d) => match arrete {
                        Some((first, first_row)) if first != d => problem(
                            Column::ArreteDate,
                            c,
                            format!(
                                "la même date d'arrêté sur toutes les lignes (ligne {first_row} : {})",
                                first.format("%d/%m/%Y")
                            ),
                        ),
                        Some(_) => {}
                        None => arrete = Some((d, row_number)),
                    },
                    None => problem(Column::ArreteDate, c, "une date jj/mm/aaaa".to_owned()),
                },
                Err(invalid) => problem(Column::ArreteDate, c, invalid.expected),
            }
        }
        if let Some(code) = &insee {
            if let Some(first) = seen.get(code) {
                let c = columns[&Column::Insee];
                problem(
                    Column::Insee,
                    c,
                    format!("un code INSEE présent une seule fois (déjà ligne {first})"),
                );
            } else {
                seen.insert(code.clone(), row_number);
            }
        }
        if let (Some(insee), Some(zone), Some(department)) = (insee, zone, department) {
            if !name.is_empty() {
                rows.push(ZonageRow {
                    row_number,
                    insee,
                    name,
                    department,
                    zone,
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if rows.is_empty() {
        return Err(vec![whole(format!(
            "La feuille « {} » ne contient aucune commune sous sa ligne d'en-tête (ligne {}).",
            sheet.name,
            header_row + 1
        ))]);
    }
    Ok(ParsedZonage {
        rows,
        arrete_date: arrete.map(|(d, _)| d),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn sheet(rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet::new("Zonage", rows)
    }

    fn header() -> Vec<Cell> {
        vec![t("Code INSEE"), t("Nom de la commune"), t("Zonage médecin")]
    }

    #[test]
    fn zones_as_ars_files_write_them() {
        for (text, zone) in [
            ("ZIP", CommuneZone::Zip),
            ("zip ", CommuneZone::Zip),
            ("Zone d'intervention prioritaire", CommuneZone::Zip),
            ("ZAC", CommuneZone::Zac),
            ("Zone d’action complémentaire", CommuneZone::Zac),
            ("Hors zone", CommuneZone::HorsZone),
            ("ZV", CommuneZone::HorsZone),
            ("Zone de vigilance", CommuneZone::HorsZone),
        ] {
            assert_eq!(CommuneZone::parse(text), Some(zone), "{text}");
        }
        assert_eq!(CommuneZone::parse("ZRR"), None);
        assert_eq!(CommuneZone::parse(""), None);
    }

    #[test]
    fn insee_codes_keep_their_leading_zero_and_corsica() {
        assert_eq!(insee_code(&Cell::Number(1053.0)), Ok("01053".into()));
        assert_eq!(insee_code(&t("1053")), Ok("01053".into()));
        assert_eq!(insee_code(&t("29019")), Ok("29019".into()));
        assert_eq!(insee_code(&t("2a004")), Ok("2A004".into()));
        assert!(insee_code(&t("2C004")).is_err());
        assert!(insee_code(&t("290190")).is_err());
        assert!(insee_code(&Cell::Empty).is_err());
        assert_eq!(department_of("97411"), "974");
        assert_eq!(department_of("2A004"), "2A");
        assert_eq!(department_of("29019"), "29");
    }

    #[test]
    fn a_sheet_with_a_title_row_reads_every_commune() {
        let s = sheet(vec![
            vec![t("Arrêté du 12/03/2024 — zonage médecins")],
            vec![],
            header(),
            vec![t("29019"), t("Brest"), t("Hors zone")],
            vec![],
            vec![Cell::Number(22050.0), t("Carhaix-Plouguer"), t("ZIP")],
            vec![t("56121 "), t(" Lorient "), t("zac")],
        ]);
        let z = parse_sheet(&s).unwrap();
        assert_eq!(z.arrete_date, None);
        let got: Vec<(usize, &str, &str, &str, CommuneZone)> = z
            .rows
            .iter()
            .map(|r| {
                (
                    r.row_number,
                    r.insee.as_str(),
                    r.name.as_str(),
                    r.department.as_str(),
                    r.zone,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (4, "29019", "Brest", "29", CommuneZone::HorsZone),
                (6, "22050", "Carhaix-Plouguer", "22", CommuneZone::Zip),
                (7, "56121", "Lorient", "56", CommuneZone::Zac),
            ]
        );
    }

    #[test]
    fn every_bad_cell_is_reported_with_its_row_and_column_and_nothing_is_kept() {
        let s = sheet(vec![
            vec![
                t("CODGEO"),
                t("LIBGEO"),
                t("Type de zone"),
                t("Département"),
                t("Date de l'arrêté"),
            ],
            vec![t("29019"), t("Brest"), t("ZIP"), t("29"), t("12/03/2024")],
            vec![t("2901"), t("Ploudalmézeau"), t("ZRR"), t(""), t("12/03/2024")],
            vec![t("29019"), t("Brest bis"), t("ZAC"), t("56"), t("13/03/2024")],
            vec![t("29200"), t(""), t("ZAC"), t(""), t("31/02/2024")],
        ]);
        let problems = parse_sheet(&s).unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let expect = [
            "Ligne 3, colonne C (« Type de zone ») : « ZRR » — attendu ZIP, ZAC",
            "Ligne 4, colonne D (« Département ») : « 56 » — attendu le département du code INSEE 29019, soit 29",
            "Ligne 4, colonne E (« Date de l'arrêté ») : « 13/03/2024 » — attendu la même date d'arrêté sur toutes les lignes (ligne 2 : 12/03/2024)",
            "Ligne 4, colonne A (« CODGEO ») : « 29019 » — attendu un code INSEE présent une seule fois (déjà ligne 2)",
            "Ligne 5, colonne B (« LIBGEO ») : attendu un nom de commune",
            "Ligne 5, colonne E (« Date de l'arrêté ») : « 31/02/2024 »",
        ];
        for e in expect {
            assert!(
                shown.iter().any(|s| s.starts_with(e)),
                "missing {e}\nin {shown:#?}"
            );
        }
        // "2901" is a code with its leading zero lost: 02901 is accepted.
        assert!(!shown.iter().any(|s| s.contains("« 2901 »")), "{shown:#?}");
    }

    #[test]
    fn a_sheet_without_the_columns_or_without_rows_is_refused() {
        let e = parse_sheet(&sheet(vec![vec![t("Nom"), t("Prénom")], vec![t("A"), t("B")]])).unwrap_err();
        assert!(e[0].message.contains("Ligne d'en-tête introuvable"), "{e:?}");
        let e = parse_sheet(&sheet(vec![header()])).unwrap_err();
        assert!(e[0].message.contains("aucune commune"), "{e:?}");
    }

    #[test]
    fn the_arrete_date_is_read_when_given() {
        let s = sheet(vec![
            vec![t("Code INSEE"), t("Commune"), t("Zone"), t("Date arrêté")],
            vec![t("29019"), t("Brest"), t("ZIP"), t("2024-03-12")],
            vec![t("29020"), t("Brest 2"), t("ZIP"), Cell::Empty],
        ]);
        assert_eq!(
            parse_sheet(&s).unwrap().arrete_date,
            NaiveDate::from_ymd_opt(2024, 3, 12)
        );
    }
}
