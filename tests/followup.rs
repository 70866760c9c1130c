//! The annual follow-up against a real SQLite file: who is in a campaign, how a form
//! moves from "à envoyer" to "complète", what recording it changes in the file, and the
//! printed sheets (one, a folder of files, one merged PDF).

mod common;

use cesp::domain::FormStatus;
use cesp::followup::print::{self, PrintTarget};
use cesp::followup::service::{self, BulkInput, CampaignQuery};
use cesp::followup::AnswersForm;
use cesp::{register, Error, Store};
use chrono::{Datelike, Local, NaiveDate};
use common::{input, temp_db};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The follow-up compares the form's dates with when the file was last saved (the real
/// clock), so these tests run on the real date.
fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn year() -> i32 {
    today().year()
}

fn fr(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn add(store: &mut Store, last: &str, first: &str, status: &str, signed: &str) -> i32 {
    let mut i = input(last, first);
    i.status = status.into();
    i.signature_date = signed.into();
    if status == "installe" || status == "diplome" {
        i.cycle = "troisieme_cycle".into();
        i.study_year = "3".into();
        i.specialty = "Médecine générale".into();
    }
    register::create(store, &i, today()).unwrap().id
}

fn query(y: i32) -> CampaignQuery {
    CampaignQuery {
        year: y,
        form_status: None,
        search: String::new(),
        offset: 0,
        limit: 500,
    }
}

fn names(store: &Store, y: i32) -> Vec<String> {
    service::campaign(store, &query(y))
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.last_name)
        .collect()
}

fn bulk(ids: &[i32], channel: &str) -> BulkInput {
    BulkInput {
        year: year(),
        ids: ids.to_vec(),
        date: fr(today()),
        channel: channel.into(),
    }
}

fn status_of(store: &Store, id: i32) -> FormStatus {
    service::form(store, i64::from(id), year()).unwrap().form_status
}

#[test]
fn campaign_membership_follows_status_and_signature_date() {
    let (_d, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let y = year();
    let signed = format!("15/03/{}", y - 2);
    add(&mut store, "Formation", "Anne", "en_formation", &signed);
    add(&mut store, "Suspendue", "Berthe", "suspendu", &signed);
    add(&mut store, "Diplomee", "Chloé", "diplome", &signed);
    add(&mut store, "Installee", "Denise", "installe", &signed);
    let ended = add(&mut store, "Terminee", "Eve", "engagement_termine", &signed);
    add(&mut store, "Candidate", "Fanny", "candidat", "");
    let broken = add(&mut store, "Rompue", "Gisèle", "en_formation", &signed);
    add(
        &mut store,
        "Tardive",
        "Hélène",
        "en_formation",
        &format!("02/01/{y}"),
    );

    assert_eq!(
        names(&store, y),
        vec![
            "Diplomee",
            "Formation",
            "Installee",
            "Rompue",
            "Suspendue",
            "Tardive"
        ]
    );
    // Signed in January of this year: not in last year's campaign.
    assert!(!names(&store, y - 1).contains(&"Tardive".to_owned()));
    assert!(!names(&store, y).contains(&"Terminee".to_owned()));

    // A form sent this year keeps its holder in this year's campaign after a rupture,
    // not in next year's.
    service::mark_sent(&mut store, &bulk(&[broken], "courrier"), today()).unwrap();
    let mut file = register::get(&store, i64::from(broken)).unwrap().to_input();
    file.status = "rompu".into();
    register::update(&mut store, i64::from(broken), &file, today()).unwrap();
    assert!(names(&store, y).contains(&"Rompue".to_owned()));
    assert!(!names(&store, y + 1).contains(&"Rompue".to_owned()));

    // Search and counts.
    let page = service::campaign(
        &store,
        &CampaignQuery {
            search: "helene".into(),
            ..query(y)
        },
    )
    .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].last_name, "Tardive");
    let all = service::campaign(&store, &query(y)).unwrap();
    assert_eq!(all.campaign_total, 6);
    let count = |s: FormStatus| all.counts.iter().find(|c| c.status == s).unwrap().count;
    assert_eq!(count(FormStatus::AEnvoyer), 5);
    assert_eq!(count(FormStatus::Envoyee), 1);
    let _ = ended;
}

#[test]
fn a_form_moves_from_to_send_to_complete() {
    let (_d, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let a = add(&mut store, "Lefèvre", "Hélène", "en_formation", "15/03/2024");
    let b = add(&mut store, "Martin", "Léa", "en_formation", "15/03/2024");
    let outsider = add(&mut store, "Candidate", "Zoé", "candidat", "");
    assert_eq!(status_of(&store, a), FormStatus::AEnvoyer);

    // A reminder before sending is refused for that line only.
    let r = service::record_reminder(&mut store, &bulk(&[a], "courriel"), today()).unwrap();
    assert_eq!(r.changed, 0);
    assert!(r.skipped[0].contains("pas encore envoyée"), "{:?}", r.skipped);

    let r = service::mark_sent(&mut store, &bulk(&[a, b, outsider], "courrier"), today()).unwrap();
    assert_eq!(r.changed, 2);
    assert_eq!(r.skipped.len(), 1);
    assert!(r.skipped[0].contains("hors de la campagne"), "{:?}", r.skipped);
    assert_eq!(status_of(&store, a), FormStatus::Envoyee);
    // Sending again keeps the first date.
    let r = service::mark_sent(&mut store, &bulk(&[a], "courriel"), today()).unwrap();
    assert_eq!(r.changed, 0);
    assert!(r.skipped[0].contains("déjà envoyée"));
    let f = service::form(&store, i64::from(a), year()).unwrap();
    assert_eq!(f.sent_channel.map(|c| c.code()), Some("courrier"));

    let r = service::record_reminder(&mut store, &bulk(&[a], "courriel"), today()).unwrap();
    assert_eq!(r.changed, 1);
    assert_eq!(status_of(&store, a), FormStatus::Relancee);
    let r = service::record_reminder(&mut store, &bulk(&[a], "courriel"), today()).unwrap();
    assert_eq!(r.changed, 0, "the same reminder twice is recorded once");

    service::mark_received(&mut store, i64::from(a), year(), &fr(today()), today()).unwrap();
    assert_eq!(status_of(&store, a), FormStatus::Recue);

    // Came back unsigned and without the year: incomplete, with what is missing.
    let answers = AnswersForm {
        received_date: fr(today()),
        situation: "deuxieme_cycle".into(),
        missing_note: "le certificat de scolarité".into(),
        ..AnswersForm::default()
    };
    let out = service::record_answers(&mut store, i64::from(a), year(), &answers, today()).unwrap();
    assert_eq!(out.form.form_status, FormStatus::Incomplete);
    assert_eq!(
        out.form.missing,
        vec![
            "la signature et sa date".to_owned(),
            "l'année d'études".to_owned(),
            "le certificat de scolarité".to_owned()
        ]
    );
    // Completed later: complete and signed.
    let answers = AnswersForm {
        study_year: "3".into(),
        signature_date: fr(today()),
        missing_note: String::new(),
        ..answers
    };
    let out = service::record_answers(&mut store, i64::from(a), year(), &answers, today()).unwrap();
    assert_eq!(out.form.form_status, FormStatus::Complete);
    assert!(out.form.missing.is_empty());
    let page = service::campaign(
        &store,
        &CampaignQuery {
            form_status: Some(FormStatus::Complete),
            ..query(year())
        },
    )
    .unwrap();
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].signatory_id, a);
    assert_eq!(page.rows[0].reminders, vec![today()]);
}

#[test]
fn recording_answers_updates_the_file_and_keeps_each_year() {
    let (_d, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = add(&mut store, "Lefèvre", "Hélène", "en_formation", "15/03/2023");
    let y = year();
    let answers = AnswersForm {
        received_date: fr(today()),
        situation: "troisieme_cycle".into(),
        study_year: "1".into(),
        specialty: "pédiatrie".into(),
        subdivision: "Rennes".into(),
        email: "Helene.Lefevre@Exemple.fr".into(),
        expected_des_date: format!("01/11/{}", y + 3),
        project_mode: "liberal".into(),
        project_place: "Carhaix-Plouguer".into(),
        signature_date: fr(today()),
        ..AnswersForm::default()
    };
    let out = service::record_answers(&mut store, i64::from(id), y, &answers, today()).unwrap();
    let changed: Vec<&str> = out.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        changed,
        vec!["cycle", "study_year", "specialty", "subdivision", "email"]
    );
    let file = register::get(&store, i64::from(id)).unwrap();
    assert_eq!(file.specialty.as_deref(), Some("Pédiatrie"));
    assert_eq!(file.study_year, Some(1));
    assert_eq!(file.email.as_deref(), Some("helene.lefevre@exemple.fr"));
    assert_eq!(file.cycle.map(|c| c.code()), Some("troisieme_cycle"));

    // Last year's form, recorded afterwards, is history: it does not overwrite the file.
    let older = AnswersForm {
        received_date: format!("10/10/{}", y - 1),
        situation: "deuxieme_cycle".into(),
        study_year: "3".into(),
        specialty: String::new(),
        subdivision: String::new(),
        email: String::new(),
        expected_des_date: String::new(),
        signature_date: format!("01/10/{}", y - 1),
        ..answers.clone()
    };
    let out = service::record_answers(&mut store, i64::from(id), y - 1, &older, today()).unwrap();
    assert!(out.changes.is_empty());
    assert!(
        out.warnings.iter().any(|w| w.contains("plus récente")),
        "{:?}",
        out.warnings
    );
    assert_eq!(register::get(&store, i64::from(id)).unwrap().study_year, Some(1));

    let history = service::history(&store, i64::from(id)).unwrap();
    let years: Vec<i32> = history.iter().map(|f| f.year).collect();
    assert_eq!(years, vec![y, y - 1]);
    assert_eq!(history[0].answers.specialty, "Pédiatrie");
    assert_eq!(history[1].answers.study_year, "3");
    assert_eq!(
        history[0].applied_fields,
        vec![
            "Cycle",
            "Année d'études",
            "Spécialité (DES)",
            "Subdivision",
            "Courriel"
        ]
    );

    // Next year's form starts from this year's project and the file's data.
    let next = service::form(&store, i64::from(id), y + 1).unwrap();
    assert_eq!(next.form_status, FormStatus::AEnvoyer);
    assert_eq!(next.answers.project_place, "Carhaix-Plouguer");
    assert_eq!(next.answers.specialty, "Pédiatrie");
    assert_eq!(next.answers.received_date, "");

    // A declared situation that contradicts the status is flagged, the status kept.
    let installed = AnswersForm {
        situation: "installe".into(),
        ..answers
    };
    let out = service::record_answers(&mut store, i64::from(id), y, &installed, today()).unwrap();
    assert!(
        out.warnings.iter().any(|w| w.contains("vérifiez le statut")),
        "{:?}",
        out.warnings
    );
    assert_eq!(
        register::get(&store, i64::from(id)).unwrap().status.code(),
        "en_formation"
    );
}

#[test]
fn invalid_answers_save_nothing() {
    let (_d, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = add(&mut store, "Lefèvre", "Hélène", "en_formation", "15/03/2023");
    let before_file = register::get(&store, i64::from(id)).unwrap();
    let bad = AnswersForm {
        received_date: fr(today()),
        situation: "troisieme_cycle".into(),
        study_year: "2".into(),
        specialty: "Astrologie".into(),
        email: "pas-un-courriel".into(),
        ..AnswersForm::default()
    };
    let err = service::record_answers(&mut store, i64::from(id), year(), &bad, today()).unwrap_err();
    let Error::Validation(v) = err else {
        panic!("validation attendue : {err}")
    };
    assert!(v.message("specialty").is_some());
    assert!(v.message("email").is_some());
    assert_eq!(register::get(&store, i64::from(id)).unwrap(), before_file);
    assert!(service::history(&store, i64::from(id)).unwrap().is_empty());
    // Bad bulk input: nothing either.
    let err = service::mark_sent(
        &mut store,
        &BulkInput {
            date: "31/02/2026".into(),
            channel: "pigeon".into(),
            ..bulk(&[id], "courrier")
        },
        today(),
    )
    .unwrap_err();
    let Error::Validation(v) = err else { panic!() };
    assert!(v.message("date").is_some() && v.message("channel").is_some());
    assert_eq!(status_of(&store, id), FormStatus::AEnvoyer);
}

fn pages(pdf: &std::path::Path) -> usize {
    let out = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pages")
}

fn pdftotext(pdf: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).replace(['\u{a0}', '\u{202f}'], " ")
}

#[cfg_attr(
    windows,
    ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
)]
#[test]
fn a_batch_of_200_prints_200_files_and_one_merged_pdf() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 260, 7, today()).unwrap();
    // Homonyms and awkward names.
    let h1 = add(&mut store, "D'Almeida", "Jean-Noël", "en_formation", "15/03/2023");
    let h2 = add(&mut store, "d'almeida", "Jean-Noel", "en_formation", "15/03/2023");
    let mut ids = service::campaign_ids(&store, year(), None, "").unwrap();
    ids.retain(|i| *i != h1 && *i != h2);
    ids.truncate(198);
    ids.extend([h1, h2]);
    assert_eq!(ids.len(), 200);
    let sheets = print::sheets(&store, &ids, year(), today()).unwrap();
    let cancel = AtomicBool::new(false);
    let seen = AtomicUsize::new(0);

    let folder = dir.path().join("fiches");
    let report = print::render_batch(
        &sheets,
        &PrintTarget::Folder(folder.display().to_string()),
        today(),
        &|done, total| {
            assert_eq!(total, 200);
            seen.fetch_max(done, Ordering::Relaxed);
        },
        &cancel,
    )
    .unwrap();
    assert!(!report.cancelled);
    assert_eq!(seen.load(Ordering::Relaxed), 200);
    let files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 200, "homonymes écrasés ?");
    let y = year();
    assert!(
        files.contains(&format!("D-ALMEIDA_Jean-Noel_{y}_{h1}.pdf")),
        "{files:?}"
    );
    assert!(files.contains(&format!("D-ALMEIDA_Jean-Noel_{y}_{h2}.pdf")));
    let one = folder.join(format!("D-ALMEIDA_Jean-Noel_{y}_{h1}.pdf"));
    let text = pdftotext(&one);
    assert!(text.contains("D'ALMEIDA Jean-Noël"), "{text}");
    assert!(text.contains(&format!("Fiche de suivi annuelle {y}")));

    let merged = dir.path().join("campagne.pdf");
    let report = print::render_batch(
        &sheets,
        &PrintTarget::Merged(merged.display().to_string()),
        today(),
        &|_, _| {},
        &cancel,
    )
    .unwrap();
    assert_eq!(report.sheets, 200);
    let n = pages(&merged);
    assert!(n >= 200, "{n} pages");
    let size = std::fs::metadata(&merged).unwrap().len();
    assert!(size < 5_000_000, "{size} octets");
}

#[test]
fn a_cancelled_batch_leaves_no_merged_file() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 40, 3, today()).unwrap();
    let ids = service::campaign_ids(&store, year(), None, "").unwrap();
    let sheets = print::sheets(&store, &ids, year(), today()).unwrap();
    let cancel = AtomicBool::new(false);
    let merged = dir.path().join("annule.pdf");
    let report = print::render_batch(
        &sheets,
        &PrintTarget::Merged(merged.display().to_string()),
        today(),
        &|done, _| {
            if done == 3 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap();
    assert!(report.cancelled);
    assert!(!merged.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(
        leftovers.iter().all(|e| !e
            .as_ref()
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("annule")),
        "fichier partiel laissé"
    );

    // A folder that cannot be created: a clear message, nothing else.
    let blocker = dir.path().join("fichier");
    std::fs::write(&blocker, b"x").unwrap();
    cancel.store(false, Ordering::Relaxed);
    let err = print::render_batch(
        &sheets,
        &PrintTarget::Folder(blocker.join("sous-dossier").display().to_string()),
        today(),
        &|_, _| {},
        &cancel,
    )
    .unwrap_err();
    assert!(err.to_string().contains("Impossible d'écrire"), "{err}");
}

#[cfg_attr(
    windows,
    ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
)]
#[test]
fn one_sheet_carries_the_file_and_last_years_project() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::settings::save(
        &mut store,
        &cesp::settings::SettingsInput {
            region: "Bretagne".into(),
        },
    )
    .unwrap();
    cesp::settings::save_contact(
        &mut store,
        &cesp::settings::ContactSettings {
            service: "Suivi des signataires du CESP".into(),
            referent: "Camille Exemple".into(),
            address: "1 rue de l'Exemple\n35000 Rennes".into(),
            email: "cesp@exemple.fr".into(),
            phone: "0200000000".into(),
            return_days: "21".into(),
        },
    )
    .unwrap();
    let id = add(&mut store, "Lefèvre", "Hélène", "en_formation", "15/03/2023");
    let y = year();
    let last_year = AnswersForm {
        received_date: format!("10/10/{}", y - 1),
        situation: "troisieme_cycle".into(),
        project_place: "Maison de santé « Les Œillets », Carhaix-Plouguer".into(),
        project_mode: "liberal".into(),
        signature_date: format!("01/10/{}", y - 1),
        ..AnswersForm::default()
    };
    service::record_answers(&mut store, i64::from(id), y - 1, &last_year, today()).unwrap();
    let out = dir.path().join("fiche.pdf");
    print::print_one(&store, i64::from(id), y, &out.display().to_string(), today()).unwrap();
    let text = pdftotext(&out);
    for needle in [
        "ARS Bretagne",
        "LEFÈVRE Hélène",
        "« Les Œillets », Carhaix-Plouguer",
        "Camille Exemple",
        "02 00 00 00 00",
        &format!("avant le {}", fr(today() + chrono::Days::new(21))),
    ] {
        assert!(text.contains(needle), "« {needle} » absent :\n{text}");
    }
    // No path: a message on the field.
    let err = print::print_one(&store, i64::from(id), y, "  ", today()).unwrap_err();
    assert!(matches!(err, Error::Validation(_)));
}

/// The text of each page of `pdf` (poppler's pdftotext separates pages with a form feed).
fn pages_text(pdf: &[u8]) -> Vec<String> {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils)");
    let mut stdin = child.stdin.take().expect("stdin");
    let bytes = pdf.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().expect("pdftotext");
    writer.join().expect("writer").expect("write");
    let mut pages: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .map(str::to_owned)
        .collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The settings at the longest the window accepts: every sheet must still fit.
fn longest_settings(store: &mut Store) {
    use cesp::settings::{self, privacy, ContactSettings, SettingsInput};
    settings::save(
        store,
        &SettingsInput {
            region: "Provence-Alpes-Côte d'Azur".into(),
        },
    )
    .unwrap();
    let words = |n: usize| {
        let mut s = String::new();
        while s.chars().count() + 12 <= n {
            s.push_str("Coordination ");
        }
        s.trim_end().to_owned()
    };
    settings::save_contact(
        store,
        &ContactSettings {
            service: words(200),
            referent: words(120),
            address: (0..6).map(|_| words(38)).collect::<Vec<_>>().join("\n"),
            email: format!("{}@ars.sante.fr", "a".repeat(60)),
            phone: "+33 4 13 55 80 10".into(),
            return_days: "30".into(),
        },
    )
    .unwrap();
    privacy::save(store, &words(privacy::MAX_CHARS)).unwrap();
    // The logo box at its fullest: a wide logo fills its width, a tall one its height.
    let logo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/logo-agence-fictive.png");
    cesp::settings::logo::save_file(store, &logo).unwrap();
}

#[cfg_attr(
    windows,
    ignore = "reads the PDF with poppler (pdftotext), a Linux program a Windows process cannot start under Wine"
)]
#[test]
fn every_demo_sheet_fits_on_two_pages_and_the_signature_is_never_alone() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 300, 1, today()).unwrap();
    longest_settings(&mut store);
    let ids = service::campaign_ids(&store, year(), None, "").unwrap();
    assert!(ids.len() > 150, "{} fiches", ids.len());
    let sheets = print::sheets(&store, &ids, year(), today()).unwrap();
    // The situations of the demo give every variant of the sheet.
    for variant in ["Student", "Intern", "Suspended", "Installed"] {
        assert!(
            sheets
                .iter()
                .any(|s| format!("{:?}", s.variant).starts_with(variant)),
            "aucune fiche « {variant} » dans la démonstration"
        );
    }
    let fonts = cesp::pdf::fonts().unwrap();
    let pdf = cesp::pdf::render_followup_batch(fonts, &sheets, today(), &mut |_| true)
        .unwrap()
        .unwrap();
    let pages = pages_text(&pdf);
    // Cut the file into sheets by their footers "Page n / N".
    let mut sheet_pages: Vec<Vec<&String>> = Vec::new();
    for p in &pages {
        let number = p
            .split("Page ")
            .last()
            .and_then(|t| t.split(" / ").next())
            .and_then(|n| n.trim().parse::<usize>().ok())
            .expect("pied de page « Page n / N »");
        if number == 1 {
            sheet_pages.push(Vec::new());
        }
        sheet_pages.last_mut().expect("une fiche commence page 1").push(p);
    }
    assert_eq!(sheet_pages.len(), sheets.len());
    // The logo is embedded once for the whole file, drawn on every sheet.
    let images = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().expect("stdin").write_all(&pdf)?;
            c.wait_with_output()
        })
        .expect("pdfimages (poppler-utils)");
    let listed = String::from_utf8_lossy(&images.stdout);
    let objects: std::collections::BTreeSet<&str> = listed
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().nth(10))
        .collect();
    assert_eq!(
        listed.lines().skip(2).filter(|l| l.contains(" image ")).count(),
        sheets.len(),
        "{listed}"
    );
    assert_eq!(objects.len(), 1, "{listed}");
    for (sheet, pages) in sheets.iter().zip(&sheet_pages) {
        let who = &sheet.file_number;
        assert!(pages.len() <= 2, "{who} : {} pages", pages.len());
        let last = pages.last().expect("une page");
        assert!(last.contains("Signature du signataire"), "{who}");
        // The last question goes with the signature, and the file number with every page.
        assert!(
            last.contains("7. Observations"),
            "{who} : la signature est seule\n{last}"
        );
        assert!(
            pages.iter().all(|p| p.contains(who.as_str())),
            "{who} : numéro absent d'une page"
        );
        assert!(last.contains("Protection des données") || last.contains("Coordination Coordination"));
    }
}

#[cfg_attr(
    windows,
    ignore = "reads the PDF with poppler (pdftotext), a Linux program a Windows process cannot start under Wine"
)]
#[test]
fn each_letter_goes_to_whom_it_concerns_with_the_agencys_template() {
    use cesp::letters::print::{envelopes, LettersRequest};
    use cesp::letters::{templates, LetterKind};
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 300, 1, today()).unwrap();
    longest_settings(&mut store);
    let req = |kind| LettersRequest {
        year: year(),
        kind,
        with_sheets: kind == LetterKind::Envoi,
        status: None,
        appointment: "12/01/2027 à 10 h".into(),
        place: String::new(),
        medium: cesp::letters::Medium::Courrier,
    };
    // Covering letters: the whole campaign, each with its sheet, in French order of names.
    let envoi = envelopes(&store, &req(LetterKind::Envoi), today()).unwrap();
    assert_eq!(
        envoi.len(),
        service::campaign_ids(&store, year(), None, "").unwrap().len()
    );
    assert!(envoi.iter().all(|e| e.sheet.is_some()));
    let names: Vec<String> = envoi
        .iter()
        .map(|e| format!("{} {}", e.letter.last_name, e.letter.first_names))
        .collect();
    let mut sorted = names.clone();
    cesp::text::sort_french_by(&mut sorted, |n| n.clone());
    assert_eq!(names, sorted);
    // Reminders: exactly the sheets sent and not received.
    let sent: usize = [FormStatus::Envoyee, FormStatus::Relancee]
        .iter()
        .map(|s| service::campaign_ids(&store, year(), Some(*s), "").unwrap().len())
        .sum();
    assert!(sent > 0);
    let relance = envelopes(&store, &req(LetterKind::Relance), today()).unwrap();
    assert_eq!(relance.len(), sent);
    // Convocations: one per person, with the appointment offered.
    let conv = envelopes(&store, &req(LetterKind::Convocation), today()).unwrap();
    let mut ids: Vec<&str> = conv.iter().map(|e| e.letter.file_number.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), conv.len());
    assert!(conv.iter().all(|e| e
        .letter
        .paragraphs
        .iter()
        .any(|p| p.contains("12/01/2027 à 10 h"))));
    // The agency's own template, with a condition; an unknown field is refused on saving.
    assert!(matches!(
        templates::save(&mut store, LetterKind::Installation, "{{ prenom }}"),
        Err(Error::Validation(_))
    ));
    templates::save(
        &mut store,
        LetterKind::Installation,
        "Objet : votre installation\n\n{{ formule }}\n\nDiplômé{% if date_diplome %} le {{ date_diplome }}{% endif %}, {{ prenoms }} {{ nom }}.",
    )
    .unwrap();
    let inst = envelopes(&store, &req(LetterKind::Installation), today()).unwrap();
    assert!(!inst.is_empty());
    for e in &inst {
        assert_eq!(e.letter.subject, "votre installation");
        assert!(e
            .letter
            .paragraphs
            .iter()
            .any(|p| p.contains(&e.letter.last_name.to_uppercase())));
        assert_eq!(e.letter.recipient.len().min(6), e.letter.recipient.len());
    }
    // Printed: every covering letter is one page, its sheet at most two.
    let pdf = cesp::pdf::render_envelopes(
        cesp::pdf::fonts().unwrap(),
        &envoi,
        "Courriers",
        today(),
        &mut |_| true,
    )
    .unwrap()
    .unwrap();
    let pages = pages_text(&pdf);
    let letter_pages = pages.iter().filter(|p| p.contains("Objet :")).count();
    assert_eq!(letter_pages, envoi.len());
    assert!(pages.len() <= 3 * envoi.len());
}

/// Renders the documents a reader gets — a sheet, a covering letter, the regional report —
/// to PNG in target/captures (copied to docs/captures by scripts/captures), as they are
/// shown in the guide: looked at as their reader would, every time the tests run.
#[cfg_attr(
    windows,
    ignore = "renders with poppler (pdftoppm), a Linux program a Windows process cannot start under Wine"
)]
#[test]
fn the_documents_are_rendered_for_the_guide() {
    use cesp::letters::print::{envelopes, LettersRequest};
    use cesp::letters::LetterKind;
    use cesp::settings::{self, ContactSettings, SettingsInput};
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 300, 1, today()).unwrap();
    settings::save(
        &mut store,
        &SettingsInput {
            region: "Bretagne".into(),
        },
    )
    .unwrap();
    settings::save_contact(
        &mut store,
        &ContactSettings {
            service: "Direction de l'offre de soins — Suivi des signataires du CESP".into(),
            referent: "Camille Exemple".into(),
            address: "6 place des Colombes\nCS 14253\n35042 Rennes Cedex".into(),
            email: "ars-cesp@exemple.fr".into(),
            phone: "02 00 00 00 00".into(),
            return_days: "30".into(),
        },
    )
    .unwrap();
    // The logo as a communication service hands it out: an SVG, here written by cairo (the
    // engine of Inkscape's exports), its text as glyph symbols.
    let logo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/logo-agence-fictive.svg");
    let info = settings::logo::save_file(&mut store, &logo).unwrap();
    assert_eq!(
        (info.file_name.as_str(), info.width, info.height),
        ("logo-agence-fictive.svg", 1298, 472)
    );
    let req = LettersRequest {
        year: year(),
        kind: LetterKind::Envoi,
        with_sheets: true,
        status: None,
        appointment: String::new(),
        place: String::new(),
        medium: cesp::letters::Medium::Courrier,
    };
    let all = envelopes(&store, &req, today()).unwrap();
    // An installed signatory: the richest sheet.
    let envelope = all
        .iter()
        .find(|e| {
            matches!(
                e.sheet.as_ref().map(|s| &s.variant),
                Some(cesp::pdf::SheetVariant::Installed(_))
            )
        })
        .expect("un installé dans la démonstration");
    let fonts = cesp::pdf::fonts().unwrap();
    let pdf = cesp::pdf::render_envelopes(
        fonts,
        std::slice::from_ref(envelope),
        "Courrier",
        today(),
        &mut |_| true,
    )
    .unwrap()
    .unwrap();
    let counts = cesp::stats::counts(&store, today(), today()).unwrap();
    let report = cesp::pdf::counts::render_counts_report(fonts, &counts, today()).unwrap();
    let captures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/captures");
    std::fs::create_dir_all(&captures).unwrap();
    for (bytes, stem, pages) in [
        (&pdf, "document-courrier-et-fiche", 3),
        (&report, "document-rapport-regional", 2),
    ] {
        let file = dir.path().join(format!("{stem}.pdf"));
        std::fs::write(&file, bytes).unwrap();
        let out = std::process::Command::new("pdftoppm")
            .args(["-r", "70", "-png", "-f", "1", "-l", &pages.to_string()])
            .arg(&file)
            .arg(captures.join(stem))
            .output()
            .expect("pdftoppm (poppler-utils)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        for p in 1..=pages {
            let png = captures.join(format!("{stem}-{p}.png"));
            let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
            assert!(size > 10_000, "{} : {size} octets", png.display());
        }
    }
    // The SVG's blue band is on the letter, at the top left where the logo box stands.
    let page = std::fs::read(captures.join("document-courrier-et-fiche-1.png")).unwrap();
    let image = cesp::settings::logo::decode(&page).unwrap();
    let channels = if image.alpha { 4 } else { 3 };
    let blue = (0..120u32)
        .flat_map(|y| (0..250u32).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let i = ((y * image.width + x) * channels) as usize;
            let (r, g, b) = (image.data[i], image.data[i + 1], image.data[i + 2]);
            r < 40 && g < 40 && b > 110
        })
        .count();
    assert!(
        blue > 100,
        "le bandeau bleu du logo SVG n'est pas imprimé ({blue} pixels)"
    );
}

// ------------------------------------------------------------------ fillable sheets

/// Debian's python3 (with python3-pypdf): the tests fill the sheets with a library the
/// project did not write.
const PYTHON: &str = "/usr/bin/python3";

fn pypdf(args: &[&str]) -> String {
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/fill_sheet.py");
    let out = std::process::Command::new(PYTHON)
        .arg(&script)
        .args(args)
        .output()
        .expect("python3 (python3-pypdf)");
    assert!(
        out.status.success(),
        "pypdf : {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A register with one student in this year's campaign, and the path of her fillable sheet.
fn fillable_sheet(dir: &std::path::Path, path: &std::path::Path) -> (Store, i32, std::path::PathBuf) {
    let mut store = Store::open(path).unwrap();
    let mut i = input("Lefèvre", "Hélène");
    i.email = "helene.lefevre@exemple.fr".into();
    i.address = "3 rue des Lilas\n29000 Quimper".into();
    i.signature_date = "15/03/2024".into();
    let id = register::create(&mut store, &i, today()).unwrap().id;
    let sheet = print::sheet(&store, i64::from(id), year(), today()).unwrap();
    assert!(sheet.form_key.starts_with(&format!("CESP1;{};{id};", year())));
    let file = dir.join(format!("fiche-{id}.pdf"));
    let bytes = cesp::pdf::render_followup_sheet(cesp::pdf::fonts().unwrap(), &sheet, today()).unwrap();
    std::fs::write(&file, bytes).unwrap();
    (store, id, file)
}

#[cfg_attr(
    windows,
    ignore = "fills the sheet with pypdf and checks it with qpdf, Linux programs a Windows process cannot start under Wine"
)]
#[test]
fn a_fillable_sheet_filled_by_pypdf_is_read_back_and_recorded_once() {
    use cesp::followup::returns;
    let (dir, path) = temp_db();
    let (mut store, id, sheet) = fillable_sheet(dir.path(), &path);

    // Another tool sees a valid file, the fields named as documented, pre-filled.
    let check = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&sheet)
        .output()
        .expect("qpdf");
    assert!(
        check.status.success(),
        "qpdf --check : {}",
        String::from_utf8_lossy(&check.stdout)
    );
    let fields: serde_json::Value = serde_json::from_str(&pypdf(&["read", sheet.to_str().unwrap()])).unwrap();
    assert_eq!(fields["identite_courriel"], "helene.lefevre@exemple.fr");
    assert_eq!(fields["identite_adresse"], "3 rue des Lilas\n29000 Quimper");
    assert_eq!(fields["situation"], "/Off");
    for name in [
        "cesp_cle",
        "projet_mode",
        "observations",
        "signature_date",
        "suspension_prevue",
    ] {
        assert!(fields.get(name).is_some(), "champ {name} absent : {fields}");
    }

    // The signatory fills it in her reader: accents, ligature and euro sign included.
    let filled = dir.path().join("fiche-remplie.pdf");
    let values = serde_json::json!({
        "identite_courriel": "h.lefevre@exemple.fr",
        "situation": "/troisieme_cycle",
        "projet_mode": "/liberal",
        "projet_lieu": "Maison de santé de Carhaix — cœur du Poher",
        "observations": "Thèse prévue à l'automne ; bourse de 1 200 € de la commune.",
        "signature_date": fr(today()),
        "signature_lieu": "Brest",
    });
    pypdf(&[
        "fill",
        sheet.to_str().unwrap(),
        filled.to_str().unwrap(),
        &values.to_string(),
    ]);

    let read = returns::read_file(&store, &filled, Some(year()), today()).unwrap();
    assert_eq!(read.refused, "");
    assert_eq!(read.signatory_id, Some(id));
    assert_eq!(read.name, "LEFÈVRE Hélène");
    let changed: Vec<&str> = read
        .fields
        .iter()
        .filter(|f| f.changed)
        .map(|f| f.key.as_str())
        .collect();
    assert_eq!(
        changed,
        [
            "situation",
            "email",
            "project_mode",
            "project_place",
            "comments",
            "signature_date"
        ],
        "{:#?}",
        read.fields
    );
    let place = read.fields.iter().find(|f| f.key == "project_place").unwrap();
    assert_eq!(place.on_sheet, "Maison de santé de Carhaix — cœur du Poher");
    let comments = read.fields.iter().find(|f| f.key == "comments").unwrap();
    assert!(comments.on_sheet.contains("1 200 €") && comments.on_sheet.contains("Fait à : Brest"));

    // The referent keeps all but the place: recorded in one go, the file's e-mail updated.
    let keep: Vec<String> = changed
        .iter()
        .filter(|k| **k != "project_place")
        .map(|k| k.to_string())
        .collect();
    let outcome = returns::accept(&mut store, &filled, Some(year()), &keep, "", today()).unwrap();
    assert_eq!(outcome.form.answers.email, "h.lefevre@exemple.fr");
    assert_eq!(outcome.form.answers.situation, "troisieme_cycle");
    assert_eq!(outcome.form.answers.project_place, "");
    assert_eq!(outcome.form.received_date, Some(today()));
    let file = register::get(&store, i64::from(id)).unwrap();
    assert_eq!(file.email.as_deref(), Some("h.lefevre@exemple.fr"));
    // The journal says it came from a file.
    let journal = cesp::audit::history(&store, id).unwrap();
    assert!(
        journal
            .iter()
            .any(|e| e.entity_label == "Fiche retournée lue d'un fichier PDF"),
        "{journal:#?}"
    );

    // The same file again: recognised, nothing changes.
    let again = returns::read_file(&store, &filled, Some(year()), today()).unwrap();
    assert_eq!(again.already_read, Some(fr(today())));
    let before = service::form(&store, i64::from(id), year()).unwrap();
    assert!(matches!(
        returns::accept(&mut store, &filled, Some(year()), &keep, "", today()),
        Err(Error::Rules(m)) if m.contains("déjà été enregistrée")
    ));
    assert_eq!(service::form(&store, i64::from(id), year()).unwrap(), before);
}

#[cfg_attr(
    windows,
    ignore = "edits the sheet with pypdf, a Linux program a Windows process cannot start under Wine"
)]
#[test]
fn a_foreign_tampered_scanned_or_other_year_sheet_is_refused_by_name() {
    use cesp::followup::returns;
    let (dir, path) = temp_db();
    let (store, id, sheet) = fillable_sheet(dir.path(), &path);

    // The identification edited to point at another file.
    let tampered = dir.path().join("modifiee.pdf");
    let fields: serde_json::Value = serde_json::from_str(&pypdf(&["read", sheet.to_str().unwrap()])).unwrap();
    let key = fields["cesp_cle"]
        .as_str()
        .unwrap()
        .replace(&format!(";{id};"), &format!(";{};", id + 1));
    pypdf(&[
        "fill",
        sheet.to_str().unwrap(),
        tampered.to_str().unwrap(),
        &serde_json::json!({ "cesp_cle": key }).to_string(),
    ]);
    let r = returns::read_file(&store, &tampered, None, today()).unwrap();
    assert!(r.refused.contains("modifiée après son envoi"), "{}", r.refused);
    assert_eq!(r.signatory_id, None);

    // A sheet printed by another register.
    let (dir2, path2) = temp_db();
    let (_other, _, foreign) = fillable_sheet(dir2.path(), &path2);
    let r = returns::read_file(&store, &foreign, None, today()).unwrap();
    assert!(r.refused.contains("autre registre"), "{}", r.refused);

    // Another campaign than the one asked for.
    let r = returns::read_file(&store, &sheet, Some(year() - 1), today()).unwrap();
    assert!(
        r.refused
            .contains(&format!("campagne {}, pas de la campagne {}", year(), year() - 1)),
        "{}",
        r.refused
    );

    // The flat printed sheet (as a scan would be): no fields, manual entry.
    let mut flat = print::sheet(&store, i64::from(id), year(), today()).unwrap();
    print::flatten(std::slice::from_mut(&mut flat));
    let scan = dir.path().join("scan.pdf");
    std::fs::write(
        &scan,
        cesp::pdf::render_followup_sheet(cesp::pdf::fonts().unwrap(), &flat, today()).unwrap(),
    )
    .unwrap();
    let r = returns::read_file(&store, &scan, None, today()).unwrap();
    assert!(
        r.scanned && r.refused.contains("Saisissez ses réponses à la main"),
        "{}",
        r.refused
    );

    // Not a PDF; nothing of any of them was recorded.
    let text = dir.path().join("fiche.pdf.txt");
    std::fs::write(&text, "bonjour").unwrap();
    let r = returns::read_file(&store, &text, None, today()).unwrap();
    assert!(r.refused.contains("pas un fichier PDF"));
    assert_eq!(
        service::form(&store, i64::from(id), year())
            .unwrap()
            .received_date,
        None
    );
}

#[cfg_attr(
    windows,
    ignore = "reads the drafts with Python's email package, a Linux program a Windows process cannot start under Wine"
)]
#[test]
fn the_campaign_goes_out_as_eml_drafts_with_the_fillable_sheet_attached() {
    use cesp::letters::{email, LetterKind, Medium};
    let (dir, path) = temp_db();
    let (mut store, id, _) = fillable_sheet(dir.path(), &path);
    // Another signatory without an address: named, for a letter.
    let mut other = input("Œuvray", "Zoé");
    other.signature_date = "15/03/2024".into();
    register::create(&mut store, &other, today()).unwrap();
    let folder = dir.path().join("courriels");

    // No sender address yet: refused by name, nothing written.
    let refused = email::write_drafts(&store, year(), LetterKind::Envoi, None, &folder, today());
    assert!(matches!(&refused, Err(Error::Validation(v)) if v.message("contact.courriel").is_some()));
    assert!(!folder.exists());

    cesp::settings::save(
        &mut store,
        &cesp::settings::SettingsInput {
            region: "Bretagne".into(),
        },
    )
    .unwrap();
    let mut c = cesp::settings::contact(&store).unwrap();
    c.email = "ars-cesp@exemple.fr".into();
    c.referent = "Camille Exemple".into();
    cesp::settings::save_contact(&mut store, &c).unwrap();
    let report = email::write_drafts(&store, year(), LetterKind::Envoi, None, &folder, today()).unwrap();
    assert_eq!(report.written, 1);
    assert_eq!(report.without_address, ["ŒUVRAY Zoé"]);
    assert!(report.files[0].ends_with(&format!("LEFEVRE_Helene_{}_envoi.eml", year())));

    // What a mail client shows, read by Python's email package.
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/read_eml.py");
    let attached = dir.path().join("jointe.pdf");
    let out = std::process::Command::new(PYTHON)
        .arg(&script)
        .arg(&report.files[0])
        .arg(&attached)
        .output()
        .expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mail: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(mail["from"], "ARS Bretagne <ars-cesp@exemple.fr>");
    assert_eq!(mail["to"], "Hélène LEFÈVRE <helene.lefevre@exemple.fr>");
    assert_eq!(
        mail["subject"],
        format!(
            "suivi annuel {} de votre contrat d'engagement de service public",
            year()
        )
    );
    assert_eq!(mail["x_unsent"], "1");
    let text = mail["text"].as_str().unwrap();
    assert!(text.starts_with("Madame,"), "{text}");
    assert!(
        text.contains("remplir à l'écran") && text.contains("Camille Exemple"),
        "{text}"
    );
    assert_eq!(
        mail["attachments"][0]["filename"],
        format!("LEFEVRE_Helene_{}.pdf", year())
    );
    assert_eq!(mail["attachments"][0]["type"], "application/pdf");
    // The attachment is the fillable sheet, identified for its return.
    let fields: serde_json::Value =
        serde_json::from_str(&pypdf(&["read", attached.to_str().unwrap()])).unwrap();
    assert!(fields["cesp_cle"]
        .as_str()
        .unwrap()
        .starts_with(&format!("CESP1;{};{id};", year())));

    // The e-mail's template is the agency's own, checked like a letter's.
    assert!(cesp::letters::templates::save_in(
        &mut store,
        LetterKind::Envoi,
        Medium::Courriel,
        "Objet : fiche {{ annee }}\n\n{{ nom_de_famille }}"
    )
    .is_err());
    assert!(
        cesp::letters::templates::save_in(&mut store, LetterKind::Convocation, Medium::Courriel, "x")
            .is_err()
    );
    assert!(email::write_drafts(&store, year(), LetterKind::Convocation, None, &folder, today()).is_err());
}
