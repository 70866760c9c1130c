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

const N: usize = 50_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("cesp.sqlite3");
    {
        let mut store = Store::open(&path).expect("base");
        demo::load(&mut store, N, 1, today()).expect("données de démonstration");
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
    let mut g = c.benchmark_group("registre_50k");

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
        b.iter(|| black_box(register::get(&store, 25_000).expect("fiche")))
    });
    // The whole file of a signatory as the window loads it: identity, contract, follow-up
    // history, interviews and installation tabs.
    g.bench_function("ouvrir_une_fiche_complete", |b| {
        b.iter(|| {
            black_box(register::get(&store, 25_000).expect("fiche"));
            black_box(ledger::get(&store, 25_000, today()).expect("contrat"));
            black_box(cesp::followup::service::history(&store, 25_000).expect("suivi"));
            black_box(cesp::interviews::tab(&store, 25_000, today()).expect("entretiens"));
            black_box(cesp::installation::tab(&store, 25_000, today()).expect("installation"))
        })
    });
    g.finish();

    // The home screen and the managers' counts (issue #6: under 50 ms each).
    let mut g = c.benchmark_group("tableau_de_bord_50k");
    g.bench_function("a_faire", |b| {
        b.iter(|| black_box(cesp::todo::list(&store, today(), false).expect("à faire")))
    });
    g.bench_function("entretiens_a_tenir_region", |b| {
        b.iter(|| black_box(cesp::interviews::region_due(&store, today(), false).expect("entretiens")))
    });
    g.bench_function("comptages_a_une_date", |b| {
        b.iter(|| black_box(cesp::stats::counts(&store, today(), today()).expect("comptages")))
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
