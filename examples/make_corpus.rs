//! Writes the import test corpus into `tests/data/`: a fictitious register of CESP
//! signatories as `registre-ars.xlsx` and as three CSV files. The `.ods` and `.xls` copies are
//! converted from the `.xlsx` by LibreOffice (see `tests/data/README.md`).
//!
//!     cargo run --example make_corpus
//!
//! Every person here is made up: names are common first names and surnames put together,
//! e-mails are at exemple.fr and phones are 06 00 00 01 xx.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
use std::error::Error;
use std::path::Path;

const TITLE: &str = "Suivi des signataires CESP — ARS Normandie (données fictives)";

/// The header, as a register kept by hand names its columns (note the trailing space of
/// "NOM " and the unknown columns J and AB).
const HEADERS: [&str; 28] = [
    "N° de contrat",
    "Civilité",
    "NOM ",
    "Nom de naissance",
    "Prénom(s)",
    "Date de naissance",
    "Courriel",
    "Tél.",
    "Adresse postale",
    "Identifiant interne",
    "Discipline",
    "PADHUE",
    "UFR",
    "Subdivision d'internat",
    "Cycle",
    "Année d'études",
    "Année ECN",
    "Rang ECN",
    "Spécialité (DES)",
    "Date signature CESP",
    "Organisme (CNG/ASP)",
    "Statut",
    "Début de l'allocation",
    "Fin de l'allocation",
    "Date du diplôme",
    "Date d'installation",
    "Observations",
    "Suivi par",
];

/// Column J ("Identifiant interne") is hidden in the workbook.
const HIDDEN_COLUMN: u16 = 9;

/// Cells, with a prefix for typed cells: "d:aaaa-mm-jj" a real date cell, "s:aaaa-mm-jj" the
/// date's Excel serial number in a "Standard" cell, "n:…" a number, anything else text.
type Row = [&'static str; 28];

#[rustfmt::skip]
const ROWS: &[Row] = &[
    ["CESP-2019-0001", "M", "MARTIN", "", "Lucas", "d:1997-04-12", "lucas.martin@exemple.fr", "06 00 00 01 01", "12 rue de l'Exemple, 14000 Caen", "INT-0001", "Médecine", "non", "UFR Santé Caen", "Normandie", "3e cycle", "n:2", "n:2019", "n:1523", "Médecine générale", "d:2019-09-15", "CNG", "En formation", "d:2019-10-01", "", "", "", "", "Agent A"],
    ["CESP-2018-0002", "Mme", "LEFÈVRE", "DUBOIS", "Hélène", "23/11/1996", "helene.lefevre@exemple.fr", "06 00 00 01 02", "3 place Fictive, 76000 Rouen", "INT-0002", "Médecine", "non", "UFR Santé Rouen", "Normandie", "3ème cycle", "4e année", "n:2018", "2 345", "Pédiatrie", "s:2018-09-03", "CNG", "En formation", "s:2018-10-01", "", "", "", "", "Agent B"],
    ["CESP-2020-0003", "Madame", "LE GOFF  ", "", "Anne-Sophie", "s:1999-06-30", "anne-sophie.le-goff@exemple.fr", "06 00 00 01 03", "5 allée des Essais, 50000 Saint-Lô", "INT-0003", "Odontologie", "", "UFR Odontologie Rennes", "", "2ème cycle", "2e", "", "", "", "2020-09-01", "CNG", "En cours d'études", "01/10/2020", "", "", "", "", "Agent A"],
    ["CESP-2021-0004", "M.", "D'ALMEIDA", "", "João", "d:1998-03-05", "joao.dalmeida@exemple.fr", "06 00 00 01 04", "8 impasse du Modèle, 61000 Alençon", "INT-0004", "Médecine", "non", "UFR Santé Caen", "Normandie", "Interne", "n:1", "n:2021", "n:987", "Psychiatrie", "d:2021-10-05", "CNG", "Étudiant", "d:2021-11-01", "", "", "", "", "Agent B"],
    ["CESP-2016-0005", "H", "NGUYEN", "", "Minh Anh", "d:1994-08-19", "minh-anh.nguyen@exemple.fr", "06 00 00 01 05", "21 rue Imaginaire, 27000 Évreux", "INT-0005", "Médecine", "non", "UFR Santé Rouen", "Normandie", "Internat", "", "n:2016", "n:4012", "Médecine d'urgence", "01.09.2016", "CNG", "Diplômé(e)", "d:2016-10-01", "d:2020-10-31", "d:2020-10-20", "", "Thèse soutenue ; recherche d'un lieu d'installation", "Agent A"],
    ["CESP-2015-0006", "Mme", "MÜLLER", "", "Zoé ", "d:1993-01-27", "zoe.muller@exemple.fr", "06 00 00 01 06", "2 chemin du Test, 14100 Lisieux", "INT-0006", "Médecine", "non", "UFR Santé Caen", "Normandie", "", "", "n:2015", "n:3050", "Médecine générale", "d:2015-09-20", "CNG", "Installée", "d:2015-10-01", "d:2019-10-31", "10/10/2019", "d:2020-01-06", "Installée en zone sous-dotée", "Agent B"],
    ["CESP-2022-0007", "M", "BERNARD-PETIT", "", "Jean-Baptiste", "2000-12-01", "jean-baptiste.bernard-petit@exemple.fr", "06 00 00 01 07", "14 rue de l'Essai, 50100 Cherbourg-en-Cotentin", "INT-0007", "Médecine", "non", "UFR Santé Caen", "", "2e cycle", "n:2", "", "", "", "d:2022-09-12", "CNG", "En formation", "d:2022-10-01", "", "", "", "", "Agent A"],
    ["CESP-2019-0008", "Mme", "ROUSSEAU", "GIRARD", "Gaëlle", "d:1996-05-14", "gaelle.rousseau@exemple.fr", "06 00 00 01 08", "9 avenue Fictive, 14000 Caen", "INT-0008", "Médecine", "non", "UFR Santé Caen", "Normandie", "3e cycle", "n:3", "n:2019", "n:2210", "Gynécologie médicale", "31/02/2019", "CNG", "En formation", "d:2019-03-01", "", "", "", "", "Agent B"],
    ["CESP-2017-0009", "M", "FONTAINE", "", "Loïc", "3/7/1995", "loic.fontaine@exemple.fr", "n:600000109", "1 rue du Prototype, 76600 Le Havre", "INT-0009", "Médecine", "non", "UFR Santé Rouen", "Normandie", "Internat", "n:4", "n:2017", "n:5120", "Anesthésie-réanimation", "d:2017-09-18", "CNG", "Suspendu(e)", "d:2017-10-01", "", "", "", "Allocation suspendue (disponibilité)", "Agent A"],
    ["CESP-2014-0010", "Mme", "CHEVALIER", "", "Léa", "d:1992-10-02", "lea.chevalier@exemple.fr", "06 00 00 01 10", "4 rue Exemplaire, 61100 Flers", "INT-0010", "Médecine", "non", "UFR Santé Caen", "Normandie", "", "", "n:2014", "n:6789", "Médecine générale", "d:2014-09-22", "CNG", "Diplômée", "d:2014-10-01", "d:2018-10-31", "d:2018-11-15", "bientôt", "Installation prévue", "Agent B"],
    ["CESP-2026-0011", "M", "GARCIA", "", "Mateo", "d:2001-02-17", "mateo.garcia@exemple.fr", "06 00 00 01 11", "6 rue Fictive, 14000 Caen", "INT-0011", "Pharmacie", "non", "UFR Pharmacie Caen", "", "3e cycle", "n:1", "", "", "", "d:2026-03-02", "ASP", "En formation", "d:2026-04-01", "", "", "", "", "Agent A"],
    ["CESP-2016-0012", "Mme", "ROBIN", "", "Camille", "d:1994-04-04", "camille.robin@exemple.fr", "06 00 00 01 12", "7 place du Modèle, 27200 Vernon", "INT-0012", "Médecine", "non", "UFR Santé Rouen", "Normandie", "", "", "n:2016", "n:3333", "Dermatologie et vénéréologie", "d:2016-09-19", "CNG", "Perdu de vue", "d:2016-10-01", "d:2020-10-31", "", "", "Aucune réponse aux relances", "Agent B"],
    ["CESP-2018-0013", "M", "LAMBERT", "", "Hugo", "d:1996-09-09", "hugo.lambert@exemple.fr", "06 00 00 01 13", "10 rue de l'Exemple, 50000 Saint-Lô", "INT-0013", "Médecine", "non", "UFR Santé Caen", "Normandie", "Interne", "n:4", "n:2018", "n:812", "Médecine interne et immunologie clinique", "d:2018-09-24", "CNG", "Rupture", "d:2018-10-01", "d:2021-06-30", "", "", "Rupture le 30/06/2021, remboursement en cours", "Agent A"],
    // The same row twice: a register copied by hand has such duplicates.
    ["CESP-2018-0013", "M", "LAMBERT", "", "Hugo", "d:1996-09-09", "hugo.lambert@exemple.fr", "06 00 00 01 13", "10 rue de l'Exemple, 50000 Saint-Lô", "INT-0013", "Médecine", "non", "UFR Santé Caen", "Normandie", "Interne", "n:4", "n:2018", "n:812", "Médecine interne et immunologie clinique", "d:2018-09-24", "CNG", "Rupture", "d:2018-10-01", "d:2021-06-30", "", "", "Rupture le 30/06/2021, remboursement en cours", "Agent A"],
    ["CESP-2012-0014", "Mme", "PERRIN", "FAURE", "Marie-Claire", "d:1990-12-31", "marie-claire.perrin@exemple.fr", "06 00 00 01 14", "15 rue Test, 76000 Rouen", "INT-0014", "Médecine", "non", "UFR Santé Rouen", "Normandie", "", "", "n:2012", "n:1204", "Médecine générale", "d:2012-09-17", "CNG", "Engagement terminé", "d:2012-10-01", "d:2016-10-31", "d:2016-10-12", "d:2016-11-02", "Engagement honoré", "Agent B"],
    ["CESP-2019-0015", "M", "O'NEILL", "", "Kevin", "d:1997-07-21", "kevin.oneill@exemple.fr", "06 00 00 01 15", "3 rue Fictive, 14400 Bayeux", "INT-0015", "Médecine", "non", "UFR Santé Caen", "Normandie", "3e cycle", "n:2", "n:2019", "n:7012", "Radiologie et imagerie médicale", "d:2019-09-30", "CNG", "Résilié", "d:2019-10-01", "d:2022-03-31", "", "", "Résiliation par l'organisme gestionnaire", "Agent A"],
    ["CESP-2020-0016", "Mme", "DA SILVA", "", "Inês", "d:1998-11-11", "ines.dasilva@exemple.fr", "06 00 00 01 16", "11 rue de l'Exemple, 61000 Alençon", "INT-0016", "Médecine", "X", "", "Normandie", "3e cycle", "n:3", "", "", "Médecine générale", "d:2020-10-12", "CNG", "En formation", "d:2020-11-01", "", "", "", "PADHUE, parcours de consolidation des compétences", "Agent B"],
    ["CESP-2013-0017", "M", "MOREAU", "", "Pierre", "d:1991-03-15", "pierre.moreau@exemple.fr", "06 00 00 01 17", "2 rue Imaginaire, 27000 Évreux", "INT-0017", "Médecine", "non", "UFR Santé Rouen", "Normandie", "", "", "n:2013", "n:2468", "Médecine générale", "d:2013-09-16", "CNG", "Inaptitude", "d:2013-10-01", "d:2015-02-28", "", "", "", "Agent A"],
    ["CESP-2021-0018", "Mme", "FAURE", "", "Elsa", "d:1999-01-08", "elsa.faure@exemple.fr", "06 00 00 01 18", "5 rue du Test, 14000 Caen", "INT-0018", "Odontologie", "non", "UFR Odontologie Caen", "", "2e cycle", "n:3", "", "", "", "d:2021-09-27", "CNG", "En formation", "d:2021-10-01", "", "", "", "", "Agent B"],
    ["CESP-2022-0019", "M", "BENALI", "", "Yanis", "d:1999-05-25", "yanis.benali@exemple.fr", "06 00 00 01 19", "18 rue de l'Essai, 76000 Rouen", "INT-0019", "Médecine", "non", "UFR Santé Rouen", "Normandie", "3e cycle", "n:1", "n:2022", "n:3456", "Gériatrie", "s:2022-10-03", "CNG", "En formation", "s:2022-11-01", "", "", "", "Relance envoyée le 12/03/2024,\nréponse attendue", "Agent A"],
    ["CESP-2024-0020", "Mme", "LEROY", "", "Manon", "d:2000-06-06", "manon.leroy@exemple.fr", "06 00 00 01 20", "4 rue Fictive, 50000 Saint-Lô", "INT-0020", "Médecine", "non", "UFR Santé Caen", "Normandie", "2e cycle", "n:3", "", "", "", "d:2024-09-16", "CNG", "En formation", "d:2024-10-01", "", "", "", "", "Agent B"],
    ["CESP-2025-0021", "M", "ROUX", "", "Théo", "d:2002-08-30", "theo.roux@exemple.fr", "06 00 00 01 21", "1 rue de l'Exemple, 14000 Caen", "INT-0021", "Médecine", "non", "UFR Santé Caen", "", "2e cycle", "n:1", "", "", "", "d:2025-09-15", "ASP", "En formation", "d:2025-10-01", "", "", "", "", "Agent A"],
    ["", "Mme", "COLIN", "", "Sarah", "d:2001-12-12", "sarah.colin@exemple.fr", "06 00 00 01 22", "6 rue Test, 76000 Rouen", "INT-0022", "Médecine", "non", "UFR Santé Rouen", "", "2e cycle", "n:2", "", "", "", "", "", "Candidat", "", "", "", "", "Dossier de candidature reçu", "Agent B"],
    ["CESP-2017-0023", "M", "VINCENT", "", "Noé", "d:1995-02-02", "noe.vincent@exemple.fr", "06 00 00 01 23", "9 rue du Modèle, 61000 Alençon", "INT-0023", "Médecine", "non", "UFR Santé Caen", "Normandie", "", "", "n:2017", "n:4567", "Médecine générale", "d:2017-09-25", "CNG", "En exercice", "d:2017-10-01", "d:2021-10-31", "d:2021-10-05", "s:2022-01-03", "", "Agent A"],
    ["CESP-2020-0024", "Mme", "GIRAUD", "", "Lou", "d:1998-04-30", "lou.giraud@exemple.fr", "06 00 00 01 24", "3 rue Fictive, 27000 Évreux", "INT-0024", "Médecine", "non", "UFR Santé Rouen", "Normandie", "3e cycle", "n:2", "n:2020", "n:1111", "Ophtalmologie", "d:2020-09-28", "CNG", "Suspension", "d:2020-10-01", "", "", "", "Congé de maternité", "Agent B"],
    ["CESP-2021-0025", "M", "SCHMITT", "", "Élie", "d:1998-10-10", "elie.schmitt@exemple.fr", "06 00 00 01 25", "2 place de l'Essai, 14000 Caen", "INT-0025", "Médecine", "non", "UFR Santé Caen", "Normandie", "3e cycle", "n:1", "n:2021", "n:2999", "Cardiologie", "d:2021-09-27", "CNG", "en formation", "d:2021-10-01", "", "", "", "", "Agent A"],
];

/// A cell of the corpus, decoded from its prefix.
enum Value<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    /// (year, month, day), and whether the cell is a real date cell or a bare serial number.
    Date(u16, u8, u8, bool),
}

fn parse(cell: &str) -> Result<Value<'_>, Box<dyn Error>> {
    if cell.is_empty() {
        return Ok(Value::Empty);
    }
    if let Some(n) = cell.strip_prefix("n:") {
        return Ok(Value::Number(n.parse()?));
    }
    for (prefix, is_cell) in [("d:", true), ("s:", false)] {
        if let Some(iso) = cell.strip_prefix(prefix) {
            let mut parts = iso.split('-');
            let mut next = || parts.next().ok_or("date incomplète");
            let (y, m, d) = (next()?.parse()?, next()?.parse()?, next()?.parse()?);
            return Ok(Value::Date(y, m, d, is_cell));
        }
    }
    Ok(Value::Text(cell))
}

/// Excel's serial number of a date (1900 system, after 1900-03-01).
fn serial(y: u16, m: u8, d: u8) -> Result<f64, Box<dyn Error>> {
    let date = chrono::NaiveDate::from_ymd_opt(y.into(), m.into(), d.into()).ok_or("date invalide")?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).ok_or("époque")?;
    Ok((date - epoch).num_days() as f64)
}

/// The cell as a CSV export of the spreadsheet shows it.
fn as_csv(cell: &str) -> Result<String, Box<dyn Error>> {
    Ok(match parse(cell)? {
        Value::Empty => String::new(),
        Value::Text(t) => t.to_owned(),
        Value::Number(n) => format!("{n}"),
        Value::Date(y, m, d, true) => format!("{d:02}/{m:02}/{y}"),
        Value::Date(y, m, d, false) => format!("{}", serial(y, m, d)?),
    })
}

fn write_xlsx(path: &Path) -> Result<(), Box<dyn Error>> {
    let mut workbook = Workbook::new();
    // A fixed creation date keeps the file identical from one run to the next.
    let created = ExcelDateTime::from_ymd(2025, 9, 15)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Registre CESP fictif")
            .set_author("Suivi CESP (corpus de test)")
            .set_creation_datetime(&created),
    );
    let sheet = workbook.add_worksheet();
    sheet.set_name("Signataires")?;
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let wrap = Format::new().set_text_wrap();

    sheet.merge_range(0, 0, 0, (HEADERS.len() - 1) as u16, TITLE, &title)?;
    // Row 2 stays empty; the header is row 3.
    for (col, header) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *header, &bold)?;
    }
    for (i, row) in ROWS.iter().enumerate() {
        let r = (i + 3) as u32;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            match parse(cell)? {
                Value::Empty => {}
                Value::Text(t) if t.contains('\n') => {
                    sheet.write_string_with_format(r, c, t, &wrap)?;
                }
                Value::Text(t) => {
                    sheet.write_string(r, c, t)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, c, n)?;
                }
                Value::Date(y, m, d, true) => {
                    sheet.write_datetime_with_format(r, c, &ExcelDateTime::from_ymd(y, m, d)?, &date)?;
                }
                Value::Date(y, m, d, false) => {
                    sheet.write_number(r, c, serial(y, m, d)?)?;
                }
            }
        }
    }
    for col in 0..HEADERS.len() as u16 {
        sheet.set_column_width(col, 18)?;
    }
    sheet.set_column_hidden(HIDDEN_COLUMN)?;
    workbook.save(path)?;
    Ok(())
}

/// Writes the rows as CSV text; `title` adds the title line and an empty line above the
/// header, as a French Excel export of the workbook does.
fn csv_text(delimiter: u8, title: bool) -> Result<String, Box<dyn Error>> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    if title {
        writer.write_record([TITLE])?;
        writer.write_record([""])?;
    }
    writer.write_record(HEADERS)?;
    for row in ROWS {
        let cells = row.iter().map(|c| as_csv(c)).collect::<Result<Vec<_>, _>>()?;
        writer.write_record(cells)?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    std::fs::create_dir_all(&dir)?;

    write_xlsx(&dir.join("registre-ars.xlsx"))?;

    let text = csv_text(b';', true)?;
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    if unmappable {
        return Err("un caractère du corpus n'existe pas en Windows-1252".into());
    }
    std::fs::write(dir.join("registre-1252.csv"), &bytes)?;

    let mut bom = "\u{feff}".to_owned();
    bom.push_str(&csv_text(b';', false)?);
    std::fs::write(dir.join("registre-utf8-bom.csv"), bom)?;

    std::fs::write(dir.join("registre-virgule.csv"), csv_text(b',', false)?)?;

    println!("Corpus écrit dans {}", dir.display());
    Ok(())
}
