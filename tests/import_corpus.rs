//! The import against the fictitious registers of `tests/data/` (see its README): the same
//! register as .xlsx, .ods, .xls and three CSV files must give the same values, the same
//! errors, at the row numbers and column letters the user sees.

use cesp::import::{
    apply_saved, map_rows, propose_mapping, read_bytes, read_file, Cell, FieldKey, Mapping, RowResult, Sheet,
};
use std::path::PathBuf;
use FieldKey::*;

/// The day the corpus is read on: two-digit birth years are placed by it.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn main_sheet(name: &str) -> Sheet {
    let workbook = read_file(data(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    workbook
        .main_sheet()
        .cloned()
        .unwrap_or_else(|| panic!("{name}: aucune feuille"))
}

fn value(row: &RowResult, field: FieldKey) -> &str {
    row.values
        .get(&field)
        .map(String::as_str)
        .unwrap_or_else(|| panic!("ligne {} : pas de {}", row.row_number, field.as_str()))
}

fn row(rows: &[RowResult], number: usize) -> &RowResult {
    rows.iter()
        .find(|r| r.row_number == number)
        .unwrap_or_else(|| panic!("pas de ligne {number}"))
}

/// The checks every copy of the register passes. `first` is the row number of the first
/// signatory: 4 below the title, the empty row and the header; 2 when the header is row 1.
fn check_register(name: &str, first: usize) -> (Sheet, Mapping, Vec<RowResult>) {
    let sheet = main_sheet(name);
    let mapping = propose_mapping(&sheet);
    assert_eq!(mapping.header_row, first - 2, "{name}");
    assert_eq!(mapping.headers.get(2).map(String::as_str), Some("NOM"), "{name}");
    assert_eq!(mapping.columns.len(), 28, "{name}");
    assert_eq!(mapping.mapped().count(), 26, "{name}");
    // Column J (hidden, "Identifiant interne") and AB ("Suivi par") are not fields.
    assert_eq!(mapping.columns.get(9), Some(&None), "{name}");
    assert_eq!(mapping.columns.get(27), Some(&None), "{name}");
    assert_eq!(mapping.column_of(LastName), Some(2));
    assert_eq!(mapping.column_of(BirthName), Some(3));
    assert_eq!(mapping.column_of(BirthDate), Some(5));
    assert_eq!(mapping.column_of(SignatureDate), Some(19));
    assert_eq!(mapping.column_of(PracticeStart), Some(25));
    assert!(mapping.duplicates.is_empty(), "{name}");

    let rows = map_rows(&sheet, &mapping, today());
    // 25 signatories and one duplicated row.
    assert_eq!(rows.len(), 26, "{name}");
    assert_eq!(rows.first().map(|r| r.row_number), Some(first), "{name}");
    assert_eq!(rows.last().map(|r| r.row_number), Some(first + 25), "{name}");

    // The fourth signatory: apostrophe, a date cell (text in CSV).
    let r = row(&rows, first + 3);
    assert_eq!(value(r, LastName), "D'ALMEIDA");
    assert_eq!(value(r, FirstNames), "João");
    assert_eq!(value(r, BirthDate), "05/03/1998");
    assert_eq!(value(r, Civility), "M");
    assert_eq!(value(r, Cycle), "troisieme_cycle");
    assert_eq!(value(r, Status), "en_formation");
    assert_eq!(value(r, EcnRank), "987");
    assert!(r.errors.is_empty());

    // Dates typed as text, as serial numbers, as ISO and with dots; "2 345" as a rank.
    let r = row(&rows, first + 1);
    assert_eq!(value(r, FirstNames), "Hélène");
    assert_eq!(value(r, LastName), "LEFÈVRE");
    assert_eq!(value(r, BirthName), "DUBOIS");
    assert_eq!(value(r, BirthDate), "23/11/1996");
    assert_eq!(value(r, SignatureDate), "03/09/2018");
    assert_eq!(value(r, AllocationStart), "01/10/2018");
    assert_eq!(value(r, StudyYear), "4");
    assert_eq!(value(r, EcnRank), "2345");
    let r = row(&rows, first + 2);
    assert_eq!(value(r, LastName), "LE GOFF");
    assert_eq!(value(r, Civility), "Mme");
    assert_eq!(value(r, BirthDate), "30/06/1999");
    assert_eq!(value(r, SignatureDate), "01/09/2020");
    assert_eq!(value(r, Discipline), "odontologie");
    assert_eq!(value(r, Cycle), "deuxieme_cycle");
    assert_eq!(value(r, StudyYear), "2");
    assert_eq!(value(r, Padhue), "false");
    let r = row(&rows, first + 4);
    assert_eq!(value(r, SignatureDate), "01/09/2016");
    assert_eq!(value(r, Status), "diplome");
    assert_eq!(value(r, DiplomaDate), "20/10/2020");
    let r = row(&rows, first + 5);
    assert_eq!(value(r, FirstNames), "Zoé");
    assert_eq!(value(r, PracticeStart), "06/01/2020");
    assert_eq!(value(r, BirthDate), "27/01/1993");
    assert_eq!(value(r, Status), "installe");
    let r = row(&rows, first + 6);
    assert_eq!(value(r, LastName), "BERNARD-PETIT");
    assert_eq!(value(r, BirthDate), "01/12/2000");

    // The three deliberately bad cells, and nothing else.
    let errors: Vec<_> = rows.iter().flat_map(|r| r.errors.iter()).collect();
    assert_eq!(errors.len(), 3, "{name}: {errors:#?}");
    let e = errors[0];
    assert_eq!((e.row_number, e.column_letter.as_str()), (first + 7, "T"));
    assert_eq!(e.column_header, "Date signature CESP");
    assert_eq!(e.field, SignatureDate);
    assert_eq!(e.value, "31/02/2019");
    assert!(
        e.expected.contains("le 31/02/2019 n'existe pas"),
        "{}",
        e.expected
    );
    let e = errors[1];
    assert_eq!((e.row_number, e.column_letter.as_str()), (first + 9, "Z"));
    assert_eq!((e.field, e.value.as_str()), (PracticeStart, "bientôt"));
    let e = errors[2];
    assert_eq!((e.row_number, e.column_letter.as_str()), (first + 11, "V"));
    assert_eq!((e.field, e.value.as_str()), (Status, "Perdu de vue"));
    assert!(e.expected.starts_with("un statut connu"));
    // The rest of a row with an error is read.
    assert_eq!(value(row(&rows, first + 7), LastName), "ROUSSEAU");
    assert!(!row(&rows, first + 7).values.contains_key(&SignatureDate));

    // A phone number that lost its leading zero, a ticked PADHUE box, a two-line note.
    assert_eq!(value(row(&rows, first + 8), Phone), "06 00 00 01 09");
    assert_eq!(value(row(&rows, first + 8), Status), "suspendu");
    assert_eq!(value(row(&rows, first + 16), Padhue), "true");
    assert_eq!(value(row(&rows, first + 16), Ufr), "");
    assert_eq!(
        value(row(&rows, first + 19), Notes),
        "Relance envoyée le 12/03/2024,\nréponse attendue"
    );
    assert_eq!(value(row(&rows, first + 19), SignatureDate), "03/10/2022");
    // The duplicated row is two rows with the same values.
    assert_eq!(row(&rows, first + 12).values, row(&rows, first + 13).values);
    assert_eq!(value(row(&rows, first + 12), Status), "rompu");
    // The candidate without contract: empty cells give empty values.
    let r = row(&rows, first + 22);
    assert_eq!(value(r, Status), "candidat");
    assert_eq!(value(r, ContractRef), "");
    assert_eq!(value(r, SignatureDate), "");
    assert_eq!(value(r, ManagingBody), "");
    assert_eq!(value(row(&rows, first + 21), ManagingBody), "asp");
    assert_eq!(value(row(&rows, first + 25), FirstNames), "Élie");
    (sheet, mapping, rows)
}

#[test]
fn xlsx_register() {
    let (sheet, _, _) = check_register("registre-ars.xlsx", 4);
    assert_eq!(sheet.name, "Signataires");
    // The title, in merged cells, is read in A1; the row below it is empty.
    assert!(matches!(sheet.cell(0, 0), Cell::Text(t) if t.starts_with("Suivi des signataires CESP")));
    assert!(sheet.rows.get(1).is_some_and(|r| r.iter().all(Cell::is_blank)));
    // The hidden column is read like any other.
    assert_eq!(sheet.cell(3, 9), &Cell::Text("INT-0001".into()));
    // Real date cells and serial numbers keep their types.
    assert!(matches!(sheet.cell(6, 5), Cell::DateTime(_)));
    assert!(matches!(sheet.cell(5, 5), Cell::Number(n) if *n == 36341.0));
    assert!(matches!(sheet.cell(4, 5), Cell::Text(_)));
}

#[test]
fn ods_register() {
    let (sheet, _, _) = check_register("registre-ars.ods", 4);
    assert!(matches!(sheet.cell(6, 5), Cell::DateTime(_)));
}

#[test]
fn xls_register() {
    let (sheet, _, _) = check_register("registre-ars.xls", 4);
    assert!(matches!(sheet.cell(6, 5), Cell::DateTime(_)));
}

#[test]
fn windows_1252_csv_register() {
    let bytes = std::fs::read(data("registre-1252.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "le fichier doit être en Windows-1252"
    );
    let (sheet, _, rows) = check_register("registre-1252.csv", 4);
    assert_eq!(sheet.name, "registre-1252");
    assert_eq!(value(row(&rows, 5), FirstNames), "Hélène");
    // In a CSV every cell is text: the serial number of the xlsx became "36341".
    assert_eq!(sheet.cell(5, 5), &Cell::Text("36341".into()));
}

#[test]
fn utf8_bom_csv_register() {
    let bytes = std::fs::read(data("registre-utf8-bom.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let (sheet, _, _) = check_register("registre-utf8-bom.csv", 2);
    assert_eq!(sheet.cell(0, 0), &Cell::Text("N° de contrat".into()));
}

#[test]
fn comma_csv_register() {
    let (_, _, rows) = check_register("registre-virgule.csv", 2);
    assert_eq!(value(row(&rows, 2), Address), "12 rue de l'Exemple, 14000 Caen");
}

#[test]
fn same_rows_whatever_the_format() {
    let reference: Vec<_> = check_register("registre-ars.xlsx", 4).2;
    for name in ["registre-ars.ods", "registre-ars.xls", "registre-1252.csv"] {
        assert_eq!(check_register(name, 4).2, reference, "{name}");
    }
    let shifted: Vec<RowResult> = check_register("registre-virgule.csv", 2).2;
    for (a, b) in shifted.iter().zip(&reference) {
        assert_eq!(a.values, b.values);
        assert_eq!(a.row_number + 2, b.row_number);
    }
}

#[test]
fn saved_mapping_carries_over_to_another_format() {
    let (_, mut mapping, _) = check_register("registre-ars.xlsx", 4);
    // The user decides that "Identifiant interne" is the contract reference.
    mapping.assign(9, Some(ContractRef));
    let saved = mapping.to_saved();
    let json = saved.to_json();
    let back = cesp::import::SavedMapping::from_json(&json).unwrap();
    let sheet = main_sheet("registre-virgule.csv");
    let applied = apply_saved(&sheet, &back);
    assert_eq!(applied.header_row, 0);
    assert_eq!(applied.columns, mapping.columns);
    assert!(applied.unmatched_saved.is_empty());
    let rows = map_rows(&sheet, &applied, today());
    assert_eq!(value(row(&rows, 2), ContractRef), "INT-0001");
}

#[test]
fn read_bytes_matches_read_file() {
    let bytes = std::fs::read(data("registre-ars.xlsx")).unwrap();
    let from_bytes = read_bytes("registre-ars.xlsx", &bytes).unwrap();
    let from_file = read_file(data("registre-ars.xlsx")).unwrap();
    assert_eq!(from_bytes, from_file);
    // A workbook under a wrong extension is read for what it is.
    let as_xls = read_bytes("registre.xls", &bytes).unwrap();
    assert_eq!(as_xls, from_file);
    let ods = std::fs::read(data("registre-ars.ods")).unwrap();
    assert_eq!(read_bytes("xlsx", &ods).unwrap().sheets.len(), 1);
}

#[test]
fn truncated_and_missing_files_are_clear_errors() {
    let bytes = std::fs::read(data("registre-ars.xlsx")).unwrap();
    let truncated = bytes.get(..bytes.len() / 2).unwrap();
    let err = read_bytes("registre.xlsx", truncated).unwrap_err();
    assert!(
        err.to_string().starts_with("Le fichier n'est pas un classeur"),
        "{err}"
    );
    let err = read_file(data("absent.xlsx")).unwrap_err();
    assert!(
        err.to_string().starts_with("Impossible de lire le fichier"),
        "{err}"
    );
}

#[test]
fn stray_far_cell_and_hidden_sheet_in_xlsx() {
    // A register whose author once typed in XFD1048576, behind a hidden sheet of notes.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "brouillon").unwrap();
    notes.set_hidden(true);
    let sheet = workbook.add_worksheet();
    sheet.set_name("Registre").unwrap();
    // The active sheet cannot be hidden: the register is the one shown on opening.
    sheet.set_active(true);
    for (col, header) in ["Nom", "Prénom", "Date de naissance"].iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "MARTIN").unwrap();
    sheet.write_string(1, 1, "Léa").unwrap();
    sheet.write_number(1, 2, 35859.0).unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();

    let read = read_bytes("registre.xlsx", &bytes).unwrap();
    assert_eq!(read.sheets.len(), 2);
    assert!(read.sheets[0].hidden);
    let sheet = read.main_sheet().unwrap();
    assert_eq!(sheet.name, "Registre");
    assert_eq!(sheet.rows.len(), 1_048_576);
    assert_eq!(sheet.cell(1_048_575, 16_383), &Cell::Text("x".into()));
    let mapping = propose_mapping(sheet);
    let rows = map_rows(sheet, &mapping, today());
    // The stray cell is in an unmapped column: only the signatory remains.
    assert_eq!(rows.len(), 1);
    assert_eq!(value(&rows[0], BirthDate), "05/03/1998");
}

/// What one row was read as: (name, first names, birth date, discipline, cycle, year).
fn reading(r: &RowResult) -> [&str; 6] {
    let v = |f: FieldKey| r.values.get(&f).map(String::as_str).unwrap_or("?");
    [
        v(LastName),
        v(FirstNames),
        v(BirthDate),
        v(Discipline),
        v(Cycle),
        v(StudyYear),
    ]
}

/// A referent's own workbook, written by openpyxl (tests/data/make_habits.py): the years
/// as the faculty or the referent writes them, abbreviated disciplines, "Sexe" F/M, a
/// TOTAL row whose formula has no computed value, a note under the table, a second sheet.
#[test]
fn habits_workbook_written_by_openpyxl() {
    let workbook = read_file(data("habitudes-referent.xlsx")).unwrap();
    assert_eq!(workbook.sheets.len(), 2);
    let sheet = workbook.main_sheet().unwrap();
    assert_eq!(sheet.name, "Suivi 2026");
    let mapping = propose_mapping(sheet);
    assert_eq!(mapping.header_row, 2);
    assert_eq!(mapping.column_of(FirstNames), Some(0));
    assert_eq!(mapping.column_of(LastName), Some(1));
    assert_eq!(mapping.column_of(Civility), Some(2));
    assert_eq!(mapping.column_of(StudyYear), Some(5));
    let rows = map_rows(sheet, &mapping, today());
    let data: Vec<&RowResult> = rows.iter().filter(|r| r.skipped.is_none()).collect();
    assert!(
        data.iter().all(|r| r.errors.is_empty()),
        "{:?}",
        data.iter().map(|r| &r.errors).collect::<Vec<_>>()
    );
    let got: Vec<(usize, [&str; 6])> = data.iter().map(|r| (r.row_number, reading(r))).collect();
    let m = "medecine";
    let (c2, c3) = ("deuxieme_cycle", "troisieme_cycle");
    assert_eq!(
        got,
        vec![
            (4, ["KERHERVÉ", "Maëlle", "14/02/2001", m, c2, "2"]),
            (5, ["BENALI", "Yanis", "03/07/2000", "odontologie", c2, "2"]),
            (6, ["DE LA VILLEMARQUÉ", "Louise", "21/09/1998", m, c3, "2"]),
            // "Docteur": studies over, no cycle to keep.
            (8, ["MORVAN", "Paul", "02/12/1994", m, "", ""]),
            // 6th year of pharmacy: the short 3rd cycle.
            (9, ["LE BRIS", "Chloé", "11/05/1999", "pharmacie", c3, "1"]),
            (10, ["TANGUY", "Inès", "30/01/2002", "maieutique", c2, "1"]),
            // The duplicated line is read; the import keeps one (tests/import.rs).
            (11, ["BENALI", "Yanis", "03/07/2000", "odontologie", c2, "2"]),
            (12, ["QUÉRÉ", "Hugo", "19/08/1997", m, c3, "3"]),
        ]
    );
    assert_eq!(value(row(&rows, 4), Civility), "Mme");
    assert_eq!(value(row(&rows, 5), Civility), "M");
    let skipped: Vec<(usize, &str)> = rows
        .iter()
        .filter_map(|r| r.skipped.as_deref().map(|s| (r.row_number, s)))
        .collect();
    assert_eq!(
        skipped,
        vec![(14, "ligne de total (« TOTAL »)"), (15, "note sous le tableau")]
    );
}

/// A CSV written as LibreOffice does by default (comma, quotes only where needed), here by
/// Python's csv module: one "NOM Prénom" column, two-digit birth years with three kinds of
/// separators, "Cursus", the faculties' names of the years.
#[test]
fn habits_csv_written_by_python() {
    let sheet = main_sheet("nom-prenom-virgule.csv");
    let mapping = propose_mapping(&sheet);
    assert_eq!(mapping.column_of(FullName), Some(0));
    assert_eq!(mapping.column_of(Discipline), Some(2));
    let rows = map_rows(&sheet, &mapping, today());
    let got: Vec<(usize, [&str; 6])> = rows
        .iter()
        .filter(|r| r.errors.is_empty())
        .map(|r| (r.row_number, reading(r)))
        .collect();
    let m = "medecine";
    let (c2, c3) = ("deuxieme_cycle", "troisieme_cycle");
    assert_eq!(
        got,
        vec![
            (2, ["LE GALL", "Jean-Baptiste", "12/03/1998", m, c2, "2"]),
            (
                3,
                [
                    "DA SILVA DOS SANTOS",
                    "Inês",
                    "01/09/2001",
                    "odontologie",
                    c2,
                    "1"
                ]
            ),
            (
                4,
                ["DE LA TOUR D'AUVERGNE", "Anne-Sophie", "05/06/1997", m, c3, "2"]
            ),
            (5, ["O'BRIEN", "Siobhán", "28/02/1996", m, c3, ""]),
            (6, ["PERROT", "Gaël", "17/10/1999", "maieutique", c2, "1"]),
        ]
    );
    // The 1st cycle and a name the case cannot split: each refused once, on its own cell.
    let refused: Vec<(usize, String, FieldKey)> = rows
        .iter()
        .flat_map(|r| {
            r.errors
                .iter()
                .map(move |e| (r.row_number, e.column_letter.clone(), e.field))
        })
        .collect();
    assert_eq!(
        refused,
        vec![(7, "D".to_owned(), StudyYear), (8, "A".to_owned(), FullName)]
    );
}

/// An export from another tool as Excel saves a CSV in France (`;`, Windows-1252), written by
/// Python's csv module: besides the names, no header says anything ("Info 1"…, one empty);
/// every column is recognised by its values, and phones written five ways come out alike.
#[test]
fn unnamed_columns_are_recognised_by_their_values() {
    let sheet = main_sheet("colonnes-sans-intitule.csv");
    let mapping = propose_mapping(&sheet);
    assert_eq!(
        mapping.columns,
        vec![
            Some(LastName),
            Some(FirstNames),
            Some(Email),
            Some(ContractRef),
            Some(StudyYear),
            Some(Discipline),
            Some(Civility),
            Some(Phone),
            Some(BirthDate),
        ]
    );
    assert_eq!(mapping.recognised_by_values, vec![2, 3, 4, 5, 6, 7, 8]);
    let rows = map_rows(&sheet, &mapping, today());
    assert!(rows.iter().all(|r| r.errors.is_empty()), "{rows:?}");
    let phones: Vec<&str> = rows.iter().map(|r| value(r, Phone)).collect();
    assert_eq!(
        phones,
        vec![
            "06 10 20 30 40",
            "06 11 22 33 44",
            "06 12 13 14 15",
            "06 16 17 18 19"
        ]
    );
    assert_eq!(value(&rows[1], LastName), "LE FLOC'H");
    assert_eq!(value(&rows[3], Discipline), "pharmacie");
}

/// A sheet written by odfpy as LibreOffice Calc users keep it: "Prénom NOM", "Madame",
/// "Installée", the contract's signature date; read with how each cell was understood.
#[test]
fn opendocument_sheet_written_by_odfpy() {
    use cesp::import::reading::readings;
    let sheet = main_sheet("prenom-nom-libreoffice.ods");
    let mapping = propose_mapping(&sheet);
    assert_eq!(mapping.column_of(FullName), Some(0));
    assert_eq!(mapping.column_of(SignatureDate), Some(6));
    assert_eq!(mapping.column_of(Phone), Some(7));
    let rows = map_rows(&sheet, &mapping, today());
    assert!(rows.iter().all(|r| r.errors.is_empty()), "{rows:?}");
    assert_eq!(
        reading(&rows[0]),
        ["LE BIHAN", "Rozenn", "14/05/1996", "medecine", "", ""]
    );
    assert!(rows[0].studies_finished);
    assert_eq!(value(&rows[0], Status), "installe");
    assert_eq!(value(&rows[0], Civility), "Mme");
    let said: Vec<(String, String)> = readings(&sheet.rows[1], &mapping, &rows[0])
        .into_iter()
        .filter(|c| c.differs())
        .map(|c| (c.raw, c.read))
        .collect();
    assert_eq!(
        said,
        vec![
            (
                "Rozenn LE BIHAN".to_owned(),
                "nom LE BIHAN, prénoms Rozenn".to_owned()
            ),
            ("Madame".to_owned(), "Mme".to_owned()),
            ("Docteur".to_owned(), "études terminées".to_owned()),
            (
                "Installée".to_owned(),
                "Installé (engagement en cours)".to_owned()
            ),
            ("+33 6 20 30 40 50".to_owned(), "06 20 30 40 50".to_owned()),
        ]
    );
    assert_eq!(
        reading(&rows[1]),
        [
            "KERVELLA",
            "Yann-Erwan",
            "02/02/2000",
            "medecine",
            "deuxieme_cycle",
            "3"
        ]
    );
}
