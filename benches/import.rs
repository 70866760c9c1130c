//! Speed of the spreadsheet import (`cargo bench --bench import`, release): a 10 000-row
//! workbook read, mapped, validated and matched against the register (preview), and
//! imported in one transaction into an empty store. Goal of issue #7: under 2 s.

use cesp::import::service::{self, ImportInput};
use cesp::Store;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const ROWS: u32 = 10_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// A register as referents keep it: 12 columns, dates as serials and as text.
fn workbook(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    let headers = [
        "N° de contrat",
        "Civilité",
        "NOM",
        "Prénom",
        "Date de naissance",
        // No header the import knows: the column is recognised by its values (e-mails), so
        // that the inference is measured too.
        "Info 1",
        "Discipline",
        "Cycle",
        "Année",
        "Spécialité",
        "Date de signature",
        "Statut",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("en-tête");
    }
    let last = [
        "Martin",
        "Lefèvre",
        "Le Goff",
        "D'Almeida",
        "Nguyen",
        "Œuvray",
        "Bernard",
    ];
    let first = ["Hélène", "Loïc", "Zoé", "Jean-Noël", "Anaïs"];
    for i in 0..ROWS {
        let r = i + 1;
        let cells = [
            format!("CESP-2023-{i:05}"),
            if i % 2 == 0 { "Mme".into() } else { "M.".into() },
            last[(i % 7) as usize].into(),
            first[(i % 5) as usize].into(),
            String::new(),
            format!("personne{i}@exemple.fr"),
            "Médecine".into(),
            "3e cycle".into(),
            format!("{}", 1 + i % 4),
            "Médecine générale".into(),
            format!("{:02}/09/2023", 1 + i % 28),
            "En formation".into(),
        ];
        for (c, v) in cells.iter().enumerate() {
            if c == 4 {
                sheet
                    .write_number(r, 4, f64::from(32_874 + i % 3000))
                    .expect("date");
            } else {
                sheet.write_string(r, c as u16, v).expect("cellule");
            }
        }
    }
    wb.save(path).expect("classeur");
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let file = dir.path().join("registre-10000.xlsx");
    workbook(&file);
    let input = ImportInput {
        path: file.display().to_string(),
        columns: None,
        skip_rejected: false,
        sheet: None,
        corrections: Vec::new(),
        excluded_rows: Vec::new(),
    };
    let mut g = c.benchmark_group("import_10000_lignes");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    // The reading alone, and the part of it spent on the memory budget (the zip inflated and
    // its XML scanned once before calamine): their ratio is what the guard costs.
    let bytes = std::fs::read(&file).expect("classeur");
    g.bench_function("lecture_du_classeur", |b| {
        b.iter(|| black_box(cesp::import::read_bytes("registre.xlsx", &bytes).expect("lecture")))
    });
    g.bench_function("controle_du_budget", |b| {
        b.iter(|| cesp::import::read::check_budget(black_box(&bytes)).expect("budget"))
    });
    let empty = dir.path().join("vide.sqlite3");
    let store = Store::open(&empty).expect("base");
    g.bench_function("apercu", |b| {
        b.iter(|| black_box(service::preview(&store, &input, today()).expect("aperçu")))
    });
    let mut n = 0;
    g.bench_function("import_dans_une_base_vide", |b| {
        b.iter_batched(
            || {
                n += 1;
                let path = dir.path().join(format!("import-{n}.sqlite3"));
                Store::open(&path).expect("base")
            },
            |mut s| {
                let p = service::run(&mut s, &input, today()).expect("import");
                assert_eq!(p.created, ROWS);
                s
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(import, benches);
criterion_main!(import);
