//! The zonage, the interviews and the installation declarations, against real SQLite files:
//! a zonage version is looked up by the date in force, a bad zonage row imports nothing, the
//! interviews due follow what is held, and a declaration in a ZIP makes the signatory installed
//! with a commitment end.

mod common;

use cesp::domain::{InterviewReason, Status};
use cesp::installation::{self, DeclarationForm, InstallationSettingsForm, PlaceForm, PlaceZone};
use cesp::interviews::{self, ActionForm, InterviewForm};
use cesp::ledger::service::{self as ledger, LedgerForm};
use cesp::zonage::{self, CommuneZone};
use cesp::{register, Error, Store};
use chrono::NaiveDate;
use common::{input, temp_db, today};
use std::path::{Path, PathBuf};
use std::process::Command;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn demo_zonage() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/zonage/zonage-demo.csv")
}

fn zone_at(store: &Store, insee: &str, at: &str) -> Option<CommuneZone> {
    zonage::lookup(store, insee, d(at)).unwrap().map(|c| c.zone)
}

fn names(store: &Store, text: &str, at: &str) -> Vec<String> {
    zonage::search(store, text, d(at), 10)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn the_zonage_in_force_at_a_date_and_the_search_as_one_types() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    assert!(zonage::lookup(&store, "29024", today()).unwrap().is_none());

    let r = zonage::import(&mut store, &demo_zonage(), d("2024-02-01")).unwrap();
    assert!(!r.replaced);
    assert_eq!((r.version.zip, r.version.zac, r.version.hors_zone), (9, 10, 3));
    assert_eq!(r.version.arrete_date, "15/01/2024");
    assert_eq!(r.version.source, "zonage-demo.csv");

    // A new arrêté from 2026: Carhaix-Plouguer becomes a ZAC, Brest a ZIP.
    let v2 = write(
        dir.path(),
        "zonage-2026.csv",
        "Code INSEE;Commune;Zone\n29024;Carhaix-Plouguer;ZAC\n29019;Brest;ZIP\n",
    );
    zonage::import(&mut store, &v2, d("2026-01-01")).unwrap();
    assert_eq!(zonage::versions(&store).unwrap().len(), 2);
    assert_eq!(zone_at(&store, "29024", "2025-12-31"), Some(CommuneZone::Zip));
    assert_eq!(zone_at(&store, "29024", "2026-01-01"), Some(CommuneZone::Zac));
    assert_eq!(zone_at(&store, "29019", "2026-06-01"), Some(CommuneZone::Zip));
    // Not in the 2026 version; no version before 2024.
    assert_eq!(zone_at(&store, "35238", "2026-06-01"), None);
    assert_eq!(
        zone_at(&store, "35238", "2025-06-01"),
        Some(CommuneZone::HorsZone)
    );
    assert_eq!(zone_at(&store, "29024", "2023-12-31"), None);

    // As one types: a name without accents or hyphens, or the first digits of the code.
    assert_eq!(names(&store, "carhaix", "2025-01-01"), vec!["Carhaix-Plouguer"]);
    assert_eq!(names(&store, "saint malo", "2025-01-01"), vec!["Saint-Malo"]);
    assert_eq!(names(&store, "ploer", "2025-01-01"), vec!["Ploërmel"]);
    assert_eq!(names(&store, "220", "2025-01-01"), vec!["Dinan", "Guingamp"]);
    // Names that start with the text come before those that contain it.
    let saint = names(&store, "saint", "2025-01-01");
    assert_eq!(saint, vec!["Saint-Brieuc", "Saint-Malo"]);
    assert!(names(&store, "malo", "2025-01-01").contains(&"Saint-Malo".to_owned()));
    assert!(names(&store, "", "2025-01-01").is_empty());

    // Re-importing a corrected file for the same date replaces that version.
    let v2b = write(
        dir.path(),
        "zonage-2026b.csv",
        "Code INSEE;Commune;Zone\n29024;Carhaix-Plouguer;ZIP\n",
    );
    assert!(
        zonage::import(&mut store, &v2b, d("2026-01-01"))
            .unwrap()
            .replaced
    );
    assert_eq!(zone_at(&store, "29024", "2026-06-01"), Some(CommuneZone::Zip));
    assert_eq!(zone_at(&store, "29019", "2026-06-01"), None);
}

#[test]
fn a_zonage_with_a_bad_row_names_it_and_imports_nothing() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    zonage::import(&mut store, &demo_zonage(), d("2024-02-01")).unwrap();
    let bad = write(
        dir.path(),
        "zonage.csv",
        "Code INSEE;Commune;Zone\n29024;Carhaix-Plouguer;ZIP\n2903;Crozon;ZRR\n29042;;ZAC\n",
    );
    let Err(Error::Zonage(e)) = zonage::import(&mut store, &bad, d("2026-01-01")) else {
        panic!("the import should be refused");
    };
    let text = e.to_string();
    assert!(text.contains("rien n'a été enregistré"), "{text}");
    assert!(text.contains("Ligne 3, colonne C (« Zone ») : « ZRR »"), "{text}");
    assert!(text.contains("Ligne 4, colonne B (« Commune »)"), "{text}");
    assert_eq!(e.problems.len(), 2);
    // The store is as it was: one version, the 2024 one still in force in 2026.
    assert_eq!(zonage::versions(&store).unwrap().len(), 1);
    assert_eq!(
        zonage::lookup(&store, "29024", d("2026-06-01"))
            .unwrap()
            .map(|c| c.zone),
        Some(CommuneZone::Zip)
    );
    // A date that cannot be read.
    assert!(matches!(
        zonage::parse_effective("31/02/2026"),
        Err(Error::Validation(_))
    ));
}

fn intern(store: &mut Store, last: &str) -> i64 {
    let mut i = input(last, "Maëlle");
    i.cycle = "troisieme_cycle".into();
    i.study_year = "3".into();
    i.signature_date = "15/03/2021".into();
    i64::from(register::create(store, &i, today()).unwrap().id)
}

fn interview(date: &str) -> InterviewForm {
    InterviewForm {
        date: date.into(),
        mode: "telephone".into(),
        reason: "annuel_troisieme_cycle".into(),
        attendees: "Référente CESP".into(),
        report: "Projet d'installation en MSP, à confirmer.\nStage prévu en médecine générale.".into(),
        actions: vec![
            ActionForm {
                text: "Envoyer la liste des lieux ZIP".into(),
                due_date: "15/12/2026".into(),
                done_date: String::new(),
            },
            ActionForm::default(),
        ],
    }
}

#[cfg_attr(
    windows,
    ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
)]
#[test]
fn interviews_due_follow_what_was_held_and_bad_forms_save_nothing() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = intern(&mut store, "Kerbrat");
    // An intern with no interview: last year's is late, this year's to hold.
    let tab = interviews::tab(&store, id, today()).unwrap();
    let due: Vec<(InterviewReason, bool)> = tab.due.iter().map(|x| (x.reason, x.overdue)).collect();
    assert_eq!(
        due,
        vec![
            (InterviewReason::AnnuelTroisiemeCycle, true),
            (InterviewReason::AnnuelTroisiemeCycle, false)
        ]
    );
    let region = interviews::region_due(&store, today(), false).unwrap();
    assert_eq!(region.len(), 2);
    assert!(region[0].overdue);
    assert_eq!(interviews::region_due(&store, today(), true).unwrap().len(), 1);

    // A bad form: every field with its message, nothing saved.
    let bad = InterviewForm {
        date: "31/11/2026".into(),
        mode: String::new(),
        reason: "autre".into(),
        actions: vec![ActionForm {
            text: String::new(),
            due_date: "01/12/2026".into(),
            done_date: String::new(),
        }],
        ..Default::default()
    };
    let Err(Error::Validation(e)) = interviews::save(&mut store, id, None, &bad, today()) else {
        panic!("validation expected");
    };
    assert!(e.message("date").unwrap().contains("31/11/2026"));
    assert!(e.message("mode").is_some());
    assert!(e.message("reason").is_some());
    assert!(e.message("actions.0.text").is_some());
    assert!(interviews::tab(&store, id, today())
        .unwrap()
        .interviews
        .is_empty());

    // Held this year: nothing due any more; the blank action row is dropped.
    let tab = interviews::save(&mut store, id, None, &interview("02/11/2026"), today()).unwrap();
    assert!(tab.due.is_empty(), "{:?}", tab.due);
    assert_eq!(tab.interviews.len(), 1);
    let held = &tab.interviews[0];
    assert_eq!(held.date, "02/11/2026");
    assert_eq!(held.mode_label, "Par téléphone");
    assert_eq!(held.actions.len(), 1);
    assert!(!held.actions[0].overdue);
    assert!(held.report.contains("MSP"));
    assert!(interviews::region_due(&store, today(), false).unwrap().is_empty());

    // The printed report, for the file.
    let pdf = dir.path().join("entretien.pdf");
    interviews::print::print_report(&store, id, i64::from(held.id), &pdf, today()).unwrap();
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Compte rendu d'entretien"), "{text}");
    assert!(text.contains("Maëlle KERBRAT"), "{text}");
    assert!(text.contains("Projet d'installation en MSP"), "{text}");
    assert!(text.contains("Envoyer la liste des lieux ZIP"), "{text}");
    assert!(matches!(
        interviews::print::print_report(&store, id, 999, &pdf, today()),
        Err(Error::Rules(_))
    ));

    // Edit it (the action is done), reopen the file: as saved.
    let mut form = held.form.clone();
    form.actions[0].done_date = "20/11/2026".into();
    let iid = i64::from(held.id);
    interviews::save(&mut store, id, Some(iid), &form, today()).unwrap();
    drop(store);
    let mut store = Store::open(&path).unwrap();
    let tab = interviews::tab(&store, id, today()).unwrap();
    assert_eq!(tab.interviews[0].actions[0].done_date, "20/11/2026");
    // Deleting it brings the due interviews back.
    let tab = interviews::delete(&mut store, id, iid, today()).unwrap();
    assert_eq!(tab.due.len(), 2);
    assert!(interviews::delete(&mut store, id, iid, today()).is_err());
}

fn place(insee: &str, mode: &str, half_days: &str) -> PlaceForm {
    PlaceForm {
        address: "2 rue de la Gare".into(),
        insee: insee.into(),
        mode: mode.into(),
        sector: if mode == "liberal" {
            "secteur_1".into()
        } else {
            String::new()
        },
        structure: "msp".into(),
        half_days: half_days.into(),
        ..Default::default()
    }
}

fn declaration(date: &str, start: &str, places: Vec<PlaceForm>) -> DeclarationForm {
    DeclarationForm {
        declaration_date: date.into(),
        practice_start: start.into(),
        des_certificate_date: date.into(),
        places,
        ..Default::default()
    }
}

fn graduate(store: &mut Store, last: &str) -> i64 {
    let id = intern(store, last);
    let form = LedgerForm {
        allocation_start: "01/11/2021".into(),
        allocation_end: "31/10/2025".into(),
        diploma_date: "20/10/2025".into(),
        ..Default::default()
    };
    ledger::save(store, id, &form, today()).unwrap();
    id
}

#[test]
fn a_declaration_in_a_zip_installs_the_signatory_and_sets_the_commitment() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    zonage::import(&mut store, &demo_zonage(), d("2024-02-01")).unwrap();
    let id = graduate(&mut store, "Le Bihan");
    assert!(ledger::get(&store, id, today())
        .unwrap()
        .computation
        .unwrap()
        .commitment_end
        .is_none());

    // A bad declaration: messages per field and per place, nothing saved, status unchanged.
    let mut bad = declaration("", "01/13/2025", vec![place("2902", "liberal", "dix")]);
    bad.places.push(PlaceForm {
        insee: "99999".into(),
        ..place("99999", "salarie", "9")
    });
    let Err(Error::Validation(e)) = installation::save(&mut store, id, None, &bad, today()) else {
        panic!("validation expected");
    };
    assert!(e.message("declaration_date").is_some());
    assert!(e.message("practice_start").unwrap().contains("01/13/2025"));
    assert!(e.message("places.0.half_days").is_some());
    assert!(e.message("places.1.commune").unwrap().contains("zonage"));
    assert_eq!(register::get(&store, id).unwrap().status, Status::EnFormation);
    assert!(installation::tab(&store, id, today())
        .unwrap()
        .declarations
        .is_empty());

    // Carhaix-Plouguer (29024) is a ZIP in the demo zonage: installed, commitment of 48 months.
    let form = declaration("15/10/2025", "01/11/2025", vec![place("29024", "liberal", "9")]);
    let tab = installation::save(&mut store, id, None, &form, today()).unwrap();
    assert!(tab.flags.is_empty(), "{:?}", tab.flags);
    let p = &tab.declarations[0].places[0];
    assert_eq!(
        (p.commune.as_str(), p.zone, p.department.as_str()),
        ("Carhaix-Plouguer", PlaceZone::Zip, "29")
    );
    assert!(p.current);
    assert_eq!(register::get(&store, id).unwrap().status, Status::Installe);
    let c = ledger::get(&store, id, today()).unwrap().computation.unwrap();
    assert_eq!(c.commitment_months, 48);
    assert_eq!(c.commitment_end.as_deref(), Some("2029-10-31"));

    // A second signatory in the same commune, declared later: both shown, oldest first.
    let other = graduate(&mut store, "Abgrall");
    let form = declaration("05/11/2026", "15/11/2026", vec![place("29024", "salarie", "10")]);
    let tab = installation::save(&mut store, other, None, &form, today()).unwrap();
    assert_eq!(tab.same_commune.len(), 1);
    let names: Vec<(&str, bool)> = tab.same_commune[0]
        .signatories
        .iter()
        .map(|n| (n.name.as_str(), n.is_self))
        .collect();
    assert_eq!(names, vec![("LE BIHAN Maëlle", false), ("ABGRALL Maëlle", true)]);
    assert!(tab
        .flags
        .iter()
        .any(|f| f.contains("priorité au projet le plus ancien, LE BIHAN")));

    // A change of place: Carhaix left at the end of 2026, Brest (outside the zones) from 2027,
    // part time; the history keeps both.
    let mut change = tab.declarations[0].form.clone();
    change.places[0].end_date = "31/12/2026".into();
    change.places.push(PlaceForm {
        start_date: "01/01/2027".into(),
        ..place("29019", "salarie", "6")
    });
    let did = i64::from(tab.declarations[0].id);
    let later = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    let tab = installation::save(&mut store, other, Some(did), &change, later).unwrap();
    let places = &tab.declarations[0].places;
    assert_eq!(places.len(), 2);
    assert!(!places[0].current && places[1].current);
    assert!(
        tab.flags
            .iter()
            .any(|f| f.contains("Brest (29019) est hors ZIP et ZAC")),
        "{:?}",
        tab.flags
    );
    assert!(
        tab.flags
            .iter()
            .any(|f| f.starts_with("Temps partiel : 6 demi-journées")),
        "{:?}",
        tab.flags
    );
    assert!(tab.same_commune.is_empty());

    // The regional full time is a setting.
    let bad = InstallationSettingsForm {
        full_time_half_days: "20".into(),
        max_replacement_months: "douze".into(),
    };
    let Err(Error::Validation(e)) = installation::save_settings(&mut store, &bad) else {
        panic!("validation expected");
    };
    assert_eq!(e.0.len(), 2);
    let ok = InstallationSettingsForm {
        full_time_half_days: "5,5".into(),
        max_replacement_months: "12".into(),
    };
    installation::save_settings(&mut store, &ok).unwrap();
    let tab = installation::tab(&store, other, later).unwrap();
    assert!(
        !tab.flags.iter().any(|f| f.starts_with("Temps partiel")),
        "{:?}",
        tab.flags
    );
}

#[test]
fn a_contract_ended_cannot_be_installed() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut i = input("Morvan", "Yann");
    i.status = "rompu".into();
    let id = i64::from(register::create(&mut store, &i, today()).unwrap().id);
    let form = declaration("15/10/2025", "01/11/2025", vec![place("29024", "liberal", "9")]);
    let err = installation::save(&mut store, id, None, &form, today()).unwrap_err();
    assert!(err.to_string().contains("Rupture"), "{err}");
}

#[test]
fn the_cli_imports_a_zonage_and_refuses_a_bad_one_with_exit_code_2() {
    let (dir, path) = temp_db();
    let db = path.to_str().unwrap();
    let cesp = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cesp"));
        c.env_remove("CESP_DB").args(["--db", db]);
        c
    };
    let out = cesp()
        .args(["zonage", "import"])
        .arg(demo_zonage())
        .args(["--effective", "2024-02-01"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("22 communes (ZIP 9, ZAC 10, hors zone 3)"),
        "{stdout}"
    );

    let bad = write(
        dir.path(),
        "bad.csv",
        "Code INSEE;Commune;Zone\n29024;Carhaix;zone rouge\n",
    );
    let out = cesp()
        .args(["zonage", "import"])
        .arg(&bad)
        .args(["--effective", "01/01/2026"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Ligne 2, colonne C (« Zone ») : « zone rouge »"),
        "{stderr}"
    );

    let out = cesp()
        .args(["zonage", "lookup", "29024", "--at", "2026-06-01"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("Carhaix-Plouguer (29) : ZIP"));
    let out = cesp().args(["zonage", "list"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let out = cesp().args(["interviews", "due", "--json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, serde_json::json!([]));
}

#[test]
fn the_demo_data_come_with_their_zonage_declarations_and_interviews() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 300, 3, today()).unwrap();
    let versions = zonage::versions(&store).unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].source, "zonage-demo.csv");
    let installed = register::list(
        &store,
        &register::ListQuery {
            status: Some(Status::Installe),
            limit: 500,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(installed.total > 10, "{} installed", installed.total);
    let mut zones = std::collections::HashSet::new();
    for r in &installed.rows {
        let tab = installation::tab(&store, i64::from(r.id), today()).unwrap();
        assert_eq!(tab.declarations.len(), 1, "{}", r.last_name);
        zones.insert(tab.declarations[0].places[0].zone);
    }
    assert!(zones.contains(&PlaceZone::Zip));
    // Some interviews held, some still due.
    let due = interviews::region_due(&store, today(), false).unwrap();
    assert!(!due.is_empty());
    let followed = register::list(
        &store,
        &register::ListQuery {
            status: Some(Status::EnFormation),
            limit: 500,
            ..Default::default()
        },
    )
    .unwrap();
    let held: usize = followed
        .rows
        .iter()
        .map(|r| {
            interviews::tab(&store, i64::from(r.id), today())
                .unwrap()
                .interviews
                .len()
        })
        .sum();
    assert!(held > 0);
}

#[test]
fn a_corrected_zonage_for_the_same_date_updates_the_places_it_judged() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    zonage::import(&mut store, &demo_zonage(), d("2024-02-01")).unwrap();
    let id = graduate(&mut store, "Le Bihan");
    // Brest is outside the zones in the demo zonage.
    let form = declaration("15/10/2025", "01/11/2025", vec![place("29019", "salarie", "9")]);
    let tab = installation::save(&mut store, id, None, &form, today()).unwrap();
    assert_eq!(tab.declarations[0].places[0].zone, PlaceZone::HorsZone);
    // The ARS corrects its file for the same date: Brest is a ZAC.
    let corrected = write(
        dir.path(),
        "corrige.csv",
        "Code INSEE;Commune;Zone\n29019;Brest;ZAC\n29024;Carhaix-Plouguer;ZIP\n",
    );
    assert!(
        zonage::import(&mut store, &corrected, d("2024-02-01"))
            .unwrap()
            .replaced
    );
    let tab = installation::tab(&store, id, today()).unwrap();
    assert_eq!(tab.declarations[0].places[0].zone, PlaceZone::Zac);
    assert!(
        !tab.flags.iter().any(|f| f.contains("hors ZIP")),
        "{:?}",
        tab.flags
    );
}

#[test]
fn a_practice_start_before_the_allowance_is_refused_next_to_the_field() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    zonage::import(&mut store, &demo_zonage(), d("2024-02-01")).unwrap();
    let id = graduate(&mut store, "Le Bihan"); // allowance from 01/11/2021
    let form = declaration("15/10/2024", "01/11/2020", vec![place("29024", "liberal", "9")]);
    let Err(Error::Validation(e)) = installation::save(&mut store, id, None, &form, today()) else {
        panic!("validation expected");
    };
    assert!(
        e.message("practice_start")
            .unwrap()
            .contains("précède le début de l'allocation"),
        "{e:?}"
    );
    // Nothing was recorded, and the contract tab still computes.
    assert!(installation::tab(&store, id, today())
        .unwrap()
        .declarations
        .is_empty());
    assert!(ledger::get(&store, id, today()).unwrap().computation.is_some());
    assert_eq!(register::get(&store, id).unwrap().status, Status::EnFormation);
}
