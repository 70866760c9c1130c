//! Speed of the register and the ledger on a whole region's data (50 000 signatories),
//! measured, not guessed: `cargo bench --bench register`. Medians go in the issue notes
//! and, later, BENCHMARKS.md.

use cesp::domain::Status;
use cesp::ledger::service::{self as ledger, LedgerForm};
use cesp::register::{self, ListQuery, SortColumn};
use cesp::{demo, Store};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// 50 000 by default; `CESP_BENCH_SIGNATORIES=5000` for a smaller region (bench/run does both).
fn signatories() -> usize {
    std::env::var("CESP_BENCH_SIGNATORIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("cesp.sqlite3");
    {
        let mut store = Store::open(&path).expect("base");
        demo::load(&mut store, signatories(), 1, today()).expect("données de démonstration");
        let form = LedgerForm {
            allocation_start: "01/10/2015".into(),
            allocation_end: "30/09/2020".into(),
            diploma_date: "15/10/2020".into(),
            practice_start: "01/11/2020".into(),
            ..Default::default()
        };
        ledger::save(&mut store, 1, &form, today()).expect("contrat");
    }
    let store = Store::open(&path).expect("base");
    let k = signatories() / 1000;
    let middle = i64::try_from(signatories() / 2).unwrap_or(1);
    let mut g = c.benchmark_group(format!("registre_{k}k"));

    g.bench_function("ouvrir_la_base_et_premiere_page", |b| {
        b.iter(|| {
            let s = Store::open(&path).expect("base");
            black_box(register::list(&s, &ListQuery::default()).expect("liste"))
        })
    });
    g.bench_function("premiere_page", |b| {
        b.iter(|| black_box(register::list(&store, &ListQuery::default()).expect("liste")))
    });
    for text in ["h", "hel", "helene", "helene lef"] {
        let q = ListQuery {
            search: text.into(),
            ..Default::default()
        };
        g.bench_function(format!("recherche_{}", text.replace(' ', "_")), |b| {
            b.iter(|| black_box(register::list(&store, &q).expect("recherche")))
        });
    }
    let q = ListQuery {
        status: Some(Status::Installe),
        sort: SortColumn::SignatureYear,
        descending: true,
        offset: 500,
        ..Default::default()
    };
    g.bench_function("filtre_statut_tri_annee_page_11", |b| {
        b.iter(|| black_box(register::list(&store, &q).expect("liste")))
    });
    g.bench_function("ouvrir_une_fiche", |b| {
        b.iter(|| black_box(register::get(&store, middle).expect("fiche")))
    });
    // The whole file of a signatory as the window loads it: identity, contract, follow-up
    // history, interviews and installation tabs.
    g.bench_function("ouvrir_une_fiche_complete", |b| {
        b.iter(|| {
            black_box(register::get(&store, middle).expect("fiche"));
            black_box(ledger::get(&store, middle, today()).expect("contrat"));
            black_box(cesp::followup::service::history(&store, middle).expect("suivi"));
            black_box(cesp::interviews::tab(&store, middle, today()).expect("entretiens"));
            black_box(cesp::installation::tab(&store, middle, today()).expect("installation"))
        })
    });
    g.finish();

    // The home screen and the managers' counts (issue #6: under 50 ms each).
    let mut g = c.benchmark_group(format!("tableau_de_bord_{k}k"));
    // The list is kept by the store until the data change: the first computation is measured
    // on a store opened for each sample, the next pages on the store kept open.
    g.bench_function("a_faire", |b| {
        b.iter(|| {
            let fresh = Store::open(&path).expect("base");
            black_box(cesp::todo::list(&fresh, today(), false).expect("à faire"))
        })
    });
    g.bench_function("a_faire_page_suivante", |b| {
        let q = cesp::todo::TodoQuery {
            include_done: false,
            kind: None,
            offset: 100,
            limit: 100,
        };
        b.iter(|| black_box(cesp::todo::page(&store, today(), &q).expect("à faire")))
    });
    g.bench_function("entretiens_a_tenir_region", |b| {
        b.iter(|| black_box(cesp::interviews::region_due(&store, today(), false).expect("entretiens")))
    });
    g.bench_function("comptages_a_une_date", |b| {
        b.iter(|| black_box(cesp::stats::counts(&store, today(), today()).expect("comptages")))
    });
    for format in ["csv", "xlsx"] {
        let export = cesp::export::signatories::SignatoryExport {
            query: ListQuery::default(),
            columns: cesp::export::signatories::COLUMNS
                .iter()
                .map(|(k, _)| (*k).to_owned())
                .collect(),
            format: format.to_owned(),
        };
        g.bench_function(format!("export_liste_complete_{format}"), |b| {
            b.iter(|| black_box(cesp::export::signatories::render(&store, &export).expect("export")))
        });
    }
    g.bench_function("comptages_rapport_pdf", |b| {
        let counts = cesp::stats::counts(&store, today(), today()).expect("comptages");
        b.iter(|| black_box(cesp::stats::export::to_pdf(&counts, today()).expect("pdf")))
    });
    g.bench_function("comptages_export_xlsx", |b| {
        let counts = cesp::stats::counts(&store, today(), today()).expect("comptages");
        b.iter(|| black_box(cesp::stats::export::to_xlsx(&counts).expect("xlsx")))
    });
    g.finish();

    let mut g = c.benchmark_group("contrat");
    g.bench_function("onglet_contrat_et_allocation", |b| {
        b.iter(|| black_box(ledger::get(&store, 1, today()).expect("contrat")))
    });
    g.bench_function("simulation_rupture", |b| {
        b.iter(|| black_box(ledger::simulate_rupture(&store, 1, "31/10/2024", today()).expect("simulation")))
    });
    g.bench_function("pdf_simulation_une_page", |b| {
        b.iter(|| {
            let sheet = cesp::ledger::print::rupture_sheet(&store, 1, "31/10/2024", today()).expect("fiche");
            black_box(
                cesp::pdf::render_rupture_simulation(cesp::pdf::fonts().expect("polices"), &sheet)
                    .expect("pdf"),
            )
        })
    });
    g.finish();
}

criterion_group! {
    name = all;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(all);
