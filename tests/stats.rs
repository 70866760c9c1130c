//! The regional counts on a crafted register whose answers are known, as of dates before and
//! after its events; the exports read back (CSV with a CSV parser, XLSX with calamine, JSON)
//! give the same numbers; the CLI writes them.

mod common;

use calamine::{Data, Reader, Xlsx};
use cesp::installation::{self, DeclarationForm, PlaceForm};
use cesp::ledger::service::{self as ledger, AllowanceSuspensionForm, ContractEndInput, LedgerForm};
use cesp::stats::{self, export, Counts};
use cesp::{register, zonage, Store};
use chrono::NaiveDate;
use common::{input, temp_db, today};
use std::path::Path;
use std::process::Command;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn create(store: &mut Store, last: &str, status: &str, signed: &str, specialty: &str) -> i64 {
    let mut i = input(last, "Anne");
    i.status = status.into();
    i.signature_date = signed.into();
    i.cycle = if status == "en_formation" {
        "troisieme_cycle".into()
    } else {
        String::new()
    };
    i.study_year = if status == "en_formation" {
        "1".into()
    } else {
        String::new()
    };
    i.specialty = specialty.into();
    i64::from(register::create(store, &i, today()).unwrap().id)
}

/// A installed in a ZIP since 2020; B in training, suspended in spring 2024; C broke the
/// contract on 31/10/2023; D a candidate; E signed in 2026.
fn crafted(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    let zonage_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/zonage/zonage-demo.csv");
    zonage::import(&mut store, &zonage_file, d("2018-01-01")).unwrap();

    let a = create(
        &mut store,
        "Alpha",
        "en_formation",
        "15/03/2015",
        "Médecine générale",
    );
    let form = LedgerForm {
        allocation_start: "01/10/2015".into(),
        allocation_end: "30/09/2020".into(),
        diploma_date: "15/10/2020".into(),
        ..Default::default()
    };
    ledger::save(&mut store, a, &form, today()).unwrap();
    let declaration = DeclarationForm {
        declaration_date: "15/10/2020".into(),
        practice_start: "01/11/2020".into(),
        places: vec![PlaceForm {
            insee: "29024".into(),
            mode: "liberal".into(),
            sector: "secteur_1".into(),
            structure: "msp".into(),
            half_days: "9".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    installation::save(&mut store, a, None, &declaration, today()).unwrap();

    let b = create(&mut store, "Beta", "en_formation", "15/03/2022", "Psychiatrie");
    let form = LedgerForm {
        allocation_start: "01/11/2022".into(),
        suspensions: vec![AllowanceSuspensionForm {
            start: "01/03/2024".into(),
            end: "31/05/2024".into(),
            reason: "maladie".into(),
            paid: false,
            document_received: true,
        }],
        ..Default::default()
    };
    ledger::save(&mut store, b, &form, today()).unwrap();

    let c = create(
        &mut store,
        "Gamma",
        "en_formation",
        "15/03/2018",
        "Médecine générale",
    );
    let form = LedgerForm {
        allocation_start: "01/10/2018".into(),
        ..Default::default()
    };
    ledger::save(&mut store, c, &form, today()).unwrap();
    let end = ContractEndInput {
        kind: "rupture".into(),
        date: "31/10/2023".into(),
        notes: String::new(),
    };
    ledger::record_end(&mut store, c, &end, today()).unwrap();

    create(&mut store, "Delta", "candidat", "", "");
    create(&mut store, "Epsilon", "en_formation", "15/03/2026", "");
    store
}

fn rows(c: &Counts, table: &str) -> Vec<(String, u32)> {
    c.tables
        .iter()
        .find(|t| t.table == table)
        .unwrap_or_else(|| panic!("table {table}"))
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.count))
        .collect()
}

fn kv(pairs: &[(&str, u32)]) -> Vec<(String, u32)> {
    pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

#[test]
fn counts_follow_the_events_of_each_file() {
    let (_dir, path) = temp_db();
    let store = crafted(&path);

    // Spring 2024: A installed, B suspended, C broke; E not signed yet, D a candidate.
    let c = stats::counts(&store, d("2024-04-15"), today()).unwrap();
    assert_eq!(c.as_of, "15/04/2024");
    assert_eq!(
        rows(&c, "signatures_par_annee"),
        kv(&[("2015", 1), ("2018", 1), ("2022", 1)])
    );
    assert_eq!(
        rows(&c, "statut"),
        // In the order of a contract's life, not alphabetical.
        kv(&[("suspendu", 1), ("installe", 1), ("rompu", 1)])
    );
    assert_eq!(rows(&c, "installes_par_zone"), kv(&[("zip", 1)]));
    assert_eq!(rows(&c, "installes_par_departement"), kv(&[("29", 1)]));
    assert_eq!(rows(&c, "installes_par_mode"), kv(&[("liberal", 1)]));
    assert_eq!(rows(&c, "installes_par_structure"), kv(&[("msp", 1)]));
    assert_eq!(rows(&c, "specialites_installes"), kv(&[("Médecine générale", 1)]));
    assert_eq!(rows(&c, "specialites_en_formation"), kv(&[("Psychiatrie", 1)]));
    // B's allowance is suspended (unpaid) in April 2024: nobody receives it.
    assert!(rows(&c, "allocataires").is_empty());

    // June 2019: A and C in training and paid.
    let c = stats::counts(&store, d("2019-06-01"), today()).unwrap();
    assert_eq!(rows(&c, "statut"), kv(&[("en_formation", 2)]));
    assert_eq!(rows(&c, "allocataires"), kv(&[("medecine", 2)]));
    assert!(rows(&c, "installes_par_zone").is_empty());

    // Today: B back in training and paid, E signed (no contract data yet).
    let c = stats::counts(&store, today(), today()).unwrap();
    assert_eq!(
        rows(&c, "statut"),
        kv(&[("en_formation", 2), ("installe", 1), ("rompu", 1)])
    );
    assert_eq!(rows(&c, "allocataires"), kv(&[("medecine", 1)]));
    assert_eq!(rows(&c, "discipline"), kv(&[("medecine", 4)]));
    assert_eq!(
        rows(&c, "signatures_par_annee").last().unwrap(),
        &("2026".to_owned(), 1)
    );
}

#[test]
fn the_exports_read_back_give_the_same_numbers() {
    let (dir, path) = temp_db();
    let store = crafted(&path);
    let c = stats::counts(&store, today(), today()).unwrap();

    // CSV: BOM, `;`, one line per count.
    let csv_text = export::to_csv(&c);
    assert!(csv_text.starts_with('\u{feff}'));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let mut from_csv = 0u32;
    let mut lines = 0;
    for rec in reader.records() {
        let rec = rec.unwrap();
        lines += 1;
        if rec.get(0) == Some("Situation à la date") {
            from_csv += rec.get(2).unwrap().parse::<u32>().unwrap();
        }
    }
    let rows_total: usize = c.tables.iter().map(|t| t.rows.len()).sum();
    assert_eq!(lines, rows_total);
    assert_eq!(from_csv, 4);

    // XLSX: one sheet per table, counts as numbers, a total.
    let bytes = export::to_xlsx(&c).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names().to_owned();
    assert_eq!(names.len(), c.tables.len());
    let sheet = book.worksheet_range(&names[1]).unwrap();
    let title = sheet.get_value((0, 0)).unwrap().to_string();
    assert!(title.starts_with("Situation à la date"), "{title}");
    let mut total = 0.0;
    for r in 3..3 + 3 {
        if let Some(Data::Float(n)) = sheet.get_value((r, 1)) {
            total += n;
        }
    }
    assert_eq!(total, 4.0);
    assert_eq!(sheet.get_value((6, 0)), Some(&Data::String("Total".into())));
    assert_eq!(sheet.get_value((6, 1)), Some(&Data::Float(4.0)));

    // JSON, as documented: one object per table with its rows.
    let v: serde_json::Value = serde_json::from_str(&export::to_json(&c).unwrap()).unwrap();
    let statut = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "statut")
        .unwrap();
    let sum: u64 = statut["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, 4);

    // The CLI gives the same numbers.
    let out_file = dir.path().join("comptes.json");
    let out = Command::new(env!("CARGO_BIN_EXE_cesp"))
        .env_remove("CESP_DB")
        .args([
            "--db",
            path.to_str().unwrap(),
            "export",
            "counts",
            "--as-of",
            "2024-04-15",
            "--format",
            "json",
            "--out",
        ])
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(v["as_of"], "15/04/2024");
    let statut = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "statut")
        .unwrap();
    assert_eq!(statut["rows"].as_array().unwrap().len(), 3);
    for format in ["csv", "xlsx"] {
        let f = dir.path().join(format!("comptes.{format}"));
        let out = Command::new(env!("CARGO_BIN_EXE_cesp"))
            .env_remove("CESP_DB")
            .args([
                "--db",
                path.to_str().unwrap(),
                "export",
                "counts",
                "--format",
                format,
                "--out",
            ])
            .arg(&f)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::metadata(&f).unwrap().len() > 100);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_cesp"))
        .env_remove("CESP_DB")
        .args([
            "--db",
            path.to_str().unwrap(),
            "export",
            "counts",
            "--format",
            "ods",
            "--out",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("format"));
}

fn amounts(c: &Counts, table: &str) -> Vec<(String, u32, String)> {
    c.tables
        .iter()
        .find(|t| t.table == table)
        .unwrap()
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.count, r.amount.clone().unwrap_or_default()))
        .collect()
}

/// A paid until 30/09/2020; B from 01/11/2022, unpaid from March to May 2024; C from
/// 01/10/2018 until the rupture of 31/10/2023.
#[test]
fn the_allowance_paid_in_a_year_follows_the_ledger() {
    let (_dir, path) = temp_db();
    let store = crafted(&path);
    let c = stats::counts(&store, d("2023-12-31"), today()).unwrap();
    // B 12 months, C January to October.
    assert_eq!(
        amounts(&c, "allocation_versee"),
        vec![("medecine".to_owned(), 2, "26400.00".to_owned())]
    );
    let t = c.tables.iter().find(|t| t.table == "allocation_versee").unwrap();
    assert!(t.title.starts_with("Allocation versée en 2023"), "{}", t.title);
    assert_eq!(t.total_amount_label.as_deref(), Some("26\u{202f}400,00\u{a0}€"));
    // 2024: B's nine paid months; as of 15/04/2024, January and February only.
    let c = stats::counts(&store, d("2024-12-31"), today()).unwrap();
    assert_eq!(
        amounts(&c, "allocation_versee"),
        vec![("medecine".to_owned(), 1, "10800.00".to_owned())]
    );
    let c = stats::counts(&store, d("2024-04-15"), today()).unwrap();
    assert_eq!(
        amounts(&c, "allocation_versee"),
        vec![("medecine".to_owned(), 1, "2400.00".to_owned())]
    );
    // 2016: A alone.
    let c = stats::counts(&store, d("2016-12-31"), today()).unwrap();
    assert_eq!(
        amounts(&c, "allocation_versee"),
        vec![("medecine".to_owned(), 1, "14400.00".to_owned())]
    );
}

/// The amounts in every export: a decimal comma in CSV, a number in XLSX, a decimal string in
/// JSON; and the PDF report with its tables and charts.
#[cfg_attr(
    windows,
    ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
)]
#[test]
fn the_amounts_and_the_pdf_report_are_exported() {
    let (dir, path) = temp_db();
    let mut store = crafted(&path);
    let c = stats::counts(&store, d("2023-12-31"), today()).unwrap();
    let csv_text = export::to_csv(&c);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(reader.headers().unwrap().get(5), Some("Montant brut (€)"));
    let paid: Vec<csv::StringRecord> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r.get(0).is_some_and(|t| t.starts_with("Allocation versée")))
        .collect();
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0].get(5), Some("26400,00"));

    let bytes = export::to_xlsx(&c).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let index = c
        .tables
        .iter()
        .position(|t| t.table == "allocation_versee")
        .unwrap();
    let name = book.sheet_names()[index].clone();
    let sheet = book.worksheet_range(&name).unwrap();
    assert_eq!(
        sheet.get_value((2, 2)),
        Some(&Data::String("Montant brut".into()))
    );
    assert_eq!(sheet.get_value((3, 2)), Some(&Data::Float(26400.0)));
    assert_eq!(sheet.get_value((4, 2)), Some(&Data::Float(26400.0)));

    let v: serde_json::Value = serde_json::from_str(&export::to_json(&c).unwrap()).unwrap();
    let t = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "allocation_versee")
        .unwrap();
    assert_eq!(t["rows"][0]["amount"], "26400.00");
    // Tables of counts have no amount key at all.
    assert!(v["tables"][0]["rows"][0].get("amount").is_none());

    // The agency's name once on each page's header, not "ARS ARS Bretagne".
    cesp::settings::save(
        &mut store,
        &cesp::settings::SettingsInput {
            region: "Bretagne".into(),
        },
    )
    .unwrap();
    let pdf = dir.path().join("comptages.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_cesp"))
        .env_remove("CESP_DB")
        .args([
            "--db",
            path.to_str().unwrap(),
            "export",
            "counts",
            "--as-of",
            "31/12/2023",
            "--format",
            "pdf",
            "--out",
        ])
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout).replace(['\u{a0}', '\u{202f}'], " ");
    assert!(text.contains("comptages au 31/12/2023"), "{text}");
    assert!(text.contains("ARS Bretagne"), "{text}");
    assert!(!text.contains("ARS ARS"), "{text}");
    for t in &c.tables {
        assert!(text.contains(t.title.split(" (").next().unwrap()), "{}", t.title);
    }
    assert!(text.contains("26 400,00 €"), "{text}");
    // A charted table prints each label twice: beside its bar and in its table.
    let label = "En formation (allocataire)";
    let statut = c.tables.iter().find(|t| t.table == "statut").unwrap();
    assert!(statut.chart && statut.rows.iter().any(|r| r.label == label));
    assert!(text.matches(label).count() >= 2, "{text}");
}

#[test]
fn a_late_definitive_request_and_an_ended_commitment_are_counted_as_the_ledger_says() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    // F: 24 months paid, installed 01/01/2018: commitment until 31/12/2019, now ended.
    let f = create(
        &mut store,
        "Fin",
        "engagement_termine",
        "15/03/2015",
        "Médecine générale",
    );
    let form = LedgerForm {
        allocation_start: "01/10/2015".into(),
        allocation_end: "30/09/2017".into(),
        diploma_date: "15/10/2017".into(),
        practice_start: "01/01/2018".into(),
        ..Default::default()
    };
    ledger::save(&mut store, f, &form, today()).unwrap();
    // G: intern since 01/11/2019, definitive suspension asked on 15/02/2020, past the 30 days:
    // not valid, the allowance goes on.
    let g = create(&mut store, "Gel", "en_formation", "15/03/2017", "Psychiatrie");
    let form = LedgerForm {
        allocation_start: "01/10/2017".into(),
        intern_start: "01/11/2019".into(),
        definitive_request: "15/02/2020".into(),
        ..Default::default()
    };
    ledger::save(&mut store, g, &form, today()).unwrap();

    let c = stats::counts(&store, d("2019-06-30"), today()).unwrap();
    assert_eq!(rows(&c, "statut"), kv(&[("en_formation", 1), ("installe", 1)]));
    let c = stats::counts(&store, d("2021-06-30"), today()).unwrap();
    assert_eq!(
        rows(&c, "statut"),
        kv(&[("en_formation", 1), ("engagement_termine", 1)])
    );
    assert_eq!(rows(&c, "allocataires"), kv(&[("medecine", 1)]));
}
