//! Speed of the annual follow-up: one fiche de suivi, and a campaign of 1 000 sheets into
//! one merged PDF and into 1 000 files (`cargo bench --bench followup`, release). The
//! goal of issue #4: the 1 000-sheet merged batch under 2 s on the 2-core machine, the
//! file under 5 MB (its size is printed once, before the measures). Issue #18: a covering
//! letter and its sheet for 1 000 signatories in one PDF under 2 s. Issue #19: 1 000
//! fillable sheets (one file each) under 2 s, 200 returned sheets read and matched under 2 s.

use cesp::followup::print::{self, PrintTarget};
use cesp::followup::service::{self, CampaignQuery};
use cesp::{demo, pdf, Store};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

const CAMPAIGN: usize = 1_000;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("cesp.sqlite3");
    let mut store = Store::open(&path).expect("base");
    // Enough signatories for 1 000 followed ones (candidates and ended contracts are not).
    demo::load(&mut store, 1_600, 1, today()).expect("données de démonstration");
    let mut ids = service::campaign_ids(&store, 2026, None, "").expect("campagne");
    assert!(
        ids.len() >= CAMPAIGN,
        "{} signataires suivis seulement",
        ids.len()
    );
    ids.truncate(CAMPAIGN);
    let sheets = print::sheets(&store, &ids, 2026, today()).expect("fiches");
    let fonts = pdf::fonts().expect("polices");
    let cancel = AtomicBool::new(false);

    let merged = dir.path().join("campagne.pdf");
    let target = PrintTarget::Merged(merged.display().to_string());
    print::render_batch(&sheets, &target, today(), &|_, _| {}, &cancel).expect("lot");
    let size = std::fs::metadata(&merged).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "PDF fusionné de {CAMPAIGN} fiches : {:.2} Mo",
        size as f64 / 1_000_000.0
    );

    let mut g = c.benchmark_group("suivi_annuel");
    g.bench_function("page_de_campagne", |b| {
        let q = CampaignQuery {
            year: 2026,
            form_status: None,
            search: String::new(),
            offset: 0,
            limit: 50,
        };
        b.iter(|| black_box(service::campaign(&store, &q).expect("campagne")))
    });
    g.bench_function("une_fiche", |b| {
        b.iter(|| black_box(pdf::render_followup_sheet(fonts, &sheets[0], today()).expect("fiche")))
    });
    g.bench_function("lire_1000_fiches_dans_la_base", |b| {
        b.iter(|| black_box(print::sheets(&store, &ids, 2026, today()).expect("fiches")))
    });
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("1000_fiches_un_pdf_fusionne", |b| {
        b.iter(|| print::render_batch(&sheets, &target, today(), &|_, _| {}, &cancel).expect("lot"))
    });
    let letters = cesp::letters::print::LettersRequest {
        year: 2026,
        kind: cesp::letters::LetterKind::Envoi,
        with_sheets: true,
        status: None,
        appointment: String::new(),
        place: String::new(),
        medium: cesp::letters::Medium::Courrier,
    };
    let mut envelopes = cesp::letters::print::envelopes(&store, &letters, today()).expect("courriers");
    envelopes.truncate(CAMPAIGN);
    g.bench_function("1000_courriers_et_fiches_un_pdf", |b| {
        b.iter(|| {
            black_box(
                pdf::render_envelopes(fonts, &envelopes, "Courriers", today(), &mut |_| true)
                    .expect("courriers")
                    .map(|p| p.len()),
            )
        })
    });
    g.bench_function("lire_1000_courriers_dans_la_base", |b| {
        b.iter(|| {
            black_box(
                cesp::letters::print::envelopes(&store, &letters, today())
                    .expect("courriers")
                    .len(),
            )
        })
    });
    let folder = PrintTarget::Folder(dir.path().join("fiches").display().to_string());
    // Issue #19: each file of a folder is a fillable sheet (fields, appearances, the whole
    // Latin font): 1 000 of them under 2 s.
    g.bench_function("1000_fiches_un_fichier_chacune", |b| {
        b.iter(|| print::render_batch(&sheets, &folder, today(), &|_, _| {}, &cancel).expect("lot"))
    });
    // Issue #19: 200 returned sheets read, checked and matched to their file under 2 s.
    let mut returned: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path().join("fiches"))
        .expect("dossier des fiches")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    returned.sort();
    returned.truncate(200);
    g.bench_function("200_fiches_retournees_lues", |b| {
        b.iter(|| {
            for p in &returned {
                let r = cesp::followup::returns::read_file(&store, p, Some(2026), today()).expect("fiche");
                assert!(r.refused.is_empty(), "{}", r.refused);
                black_box(r);
            }
        })
    });
    g.finish();
}

criterion_group!(followup, benches);
criterion_main!(followup);
