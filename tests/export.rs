//! The signatory list as exported: filtered like the window's list, with the chosen columns;
//! CSV read back with a CSV parser and XLSX with calamine give the same cells, and a cell that
//! would run as a formula in a spreadsheet is harmless.

mod common;

use calamine::{Data, Reader, Xlsx};
use cesp::domain::Status;
use cesp::export::signatories::{self as export, SignatoryExport};
use cesp::register::{self, ListQuery};
use cesp::{Error, Store};
use common::{input, temp_db, today};
use std::process::Command;

fn register_of_three(store: &mut Store) {
    let mut a = input("Lefèvre", "Hélène");
    a.notes = "=cmd|' /C calc'!A0".into();
    a.contract_ref = "CESP-2024-0001".into();
    register::create(store, &a, today()).unwrap();
    let mut b = input("Durand", "Paul");
    b.status = "installe".into();
    b.cycle = String::new();
    b.study_year = String::new();
    register::create(store, &b, today()).unwrap();
    let mut c = input("Martin", "Zoé");
    c.notes = "@SUM(A1)".into();
    register::create(store, &c, today()).unwrap();
}

fn export_of(format: &str, query: ListQuery, columns: &[&str]) -> SignatoryExport {
    SignatoryExport {
        query,
        columns: columns.iter().map(|c| c.to_string()).collect(),
        format: format.into(),
    }
}

#[test]
fn csv_and_xlsx_hold_the_filtered_list_with_the_chosen_columns() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    register_of_three(&mut store);

    let all = ListQuery {
        limit: 10,
        ..ListQuery::default()
    };
    let (bytes, n) = export::render(
        &store,
        &export_of(
            "csv",
            all.clone(),
            &["last_name", "first_names", "notes", "status"],
        ),
    )
    .unwrap();
    assert_eq!(n, 3);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        vec!["Nom", "Prénoms", "Notes", "Statut"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    // In the list's order (by name), every match, paging ignored.
    assert_eq!(
        rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        vec!["Durand", "Lefèvre", "Martin"]
    );
    // A formula is neutralised with an apostrophe: the spreadsheet shows text.
    assert_eq!(rows[1][2], "'=cmd|' /C calc'!A0");
    assert_eq!(rows[2][2], "'@SUM(A1)");
    assert_eq!(rows[0][3], "Installé (engagement en cours)");

    // XLSX: the same list, filtered; text cells are text (never formulas).
    let only_training = ListQuery {
        status: Some(Status::EnFormation),
        ..all.clone()
    };
    let (bytes, n) = export::render(
        &store,
        &export_of("xlsx", only_training, &["last_name", "notes", "contract_ref"]),
    )
    .unwrap();
    assert_eq!(n, 2);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("Signataires").unwrap();
    assert_eq!(sheet.get_value((0, 0)), Some(&Data::String("Nom".into())));
    assert_eq!(sheet.get_value((1, 0)), Some(&Data::String("Lefèvre".into())));
    assert_eq!(
        sheet.get_value((1, 1)),
        Some(&Data::String("=cmd|' /C calc'!A0".into()))
    );
    assert_eq!(
        sheet.get_value((1, 2)),
        Some(&Data::String("CESP-2024-0001".into()))
    );
    let formulas = book.worksheet_formula("Signataires").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula in the file"
    );

    // A search, the default columns.
    let helene = ListQuery {
        search: "helene".into(),
        ..all
    };
    let (bytes, n) = export::render(&store, &export_of("csv", helene, &[])).unwrap();
    assert_eq!(n, 1);
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("Nom;Prénoms;Discipline;Spécialité;UFR;Date de signature;Statut;Référence du contrat")
    );

    // Unknown column or format: a French message naming the field, nothing written.
    let bad = export_of("csv", ListQuery::default(), &["salaire"]);
    let Err(Error::Validation(e)) = export::render(&store, &bad) else {
        panic!("an unknown column must be refused with its field");
    };
    assert!(e.message("columns").unwrap().contains("salaire"));
    let Err(Error::Validation(e)) = export::render(&store, &export_of("pdf", ListQuery::default(), &[]))
    else {
        panic!("an unknown format must be refused with its field");
    };
    assert!(e.message("format").is_some());
}

#[test]
fn the_cli_exports_the_list() {
    let (dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        register_of_three(&mut store);
    }
    let out_file = dir.path().join("liste.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_cesp"))
        .env_remove("CESP_DB")
        .args([
            "--db",
            path.to_str().unwrap(),
            "export",
            "signatories",
            "--status",
            "en_formation",
            "--columns",
            "last_name,notes",
            "--out",
        ])
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 signataire(s) exporté(s)"));
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.contains("Lefèvre;'=cmd|' /C calc'!A0"), "{text}");
    let out = Command::new(env!("CARGO_BIN_EXE_cesp"))
        .env_remove("CESP_DB")
        .args([
            "--db",
            path.to_str().unwrap(),
            "export",
            "signatories",
            "--columns",
            "salaire",
            "--out",
        ])
        .arg(dir.path().join("x.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("x.csv").exists());
}
