//! Applications and the selection commission against real SQLite files: the checklist of a
//! file by discipline and cycle, the reminders of "À faire" on crafted dates, the decisions
//! and their PDF, the conversion into a signatory (every field kept, once only) and the
//! counts of the statistics.

mod common;

use cesp::applications::{self, calendar, ApplicationInput, CommissionInput};
use cesp::domain::{ApplicationDocument, Status, TodoKind};
use cesp::{register, stats, todo, Error, Store};
use chrono::NaiveDate;
use common::temp_db;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const UFR: &str = "Faculté de médecine de Brest";

fn candidate(last: &str, cycle: &str, year: &str) -> ApplicationInput {
    ApplicationInput {
        civility: "Mme".into(),
        last_name: last.into(),
        first_names: "Nolwenn".into(),
        birth_date: "03/04/2003".into(),
        email: "nolwenn.candidate@example.org".into(),
        phone: "06 11 22 33 44".into(),
        address: "4 quai de la Douane, 29200 Brest".into(),
        discipline: "medecine".into(),
        cycle: cycle.into(),
        study_year: year.into(),
        ecn_year: if cycle == "troisieme_cycle" {
            "2026".into()
        } else {
            String::new()
        },
        ecn_rank: if cycle == "troisieme_cycle" {
            "3120".into()
        } else {
            String::new()
        },
        specialty: "Médecine générale".into(),
        project_mode: "liberal".into(),
        project_zone: "zip".into(),
        project_place: "Centre-Finistère".into(),
        project: "Exercer en MSP dans les monts d'Arrée.".into(),
        received_date: "02/12/2026".into(),
        notes: "Audition souhaitée".into(),
        ..Default::default()
    }
}

fn kinds(store: &Store, today: NaiveDate) -> Vec<(TodoKind, String)> {
    todo::list(store, today, false)
        .unwrap()
        .items
        .into_iter()
        .filter(|i| i.application.is_some())
        .map(|i| (i.kind, i.name))
        .collect()
}

#[test]
fn the_checklist_depends_on_the_cycle_and_the_region() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let today = d(2026, 12, 2);
    let student = applications::save(
        &mut store,
        None,
        2026,
        UFR,
        &candidate("Quéméner", "deuxieme_cycle", "2"),
        today,
    )
    .unwrap();
    let required: Vec<ApplicationDocument> = student
        .documents
        .iter()
        .filter(|x| x.required)
        .map(|x| x.document)
        .collect();
    use ApplicationDocument::*;
    assert_eq!(
        required,
        [
            Formulaire,
            PieceIdentite,
            LettreMotivation,
            RelevesNotes,
            CertificatScolarite,
            Photo
        ]
    );
    assert!(!student.complete);
    assert_eq!(student.missing.len(), 6);
    let intern = applications::save(
        &mut store,
        None,
        2026,
        UFR,
        &candidate("Le Du", "troisieme_cycle", "1"),
        today,
    )
    .unwrap();
    assert!(intern
        .documents
        .iter()
        .any(|x| x.document == RangClassement && x.required));
    // A dental intern: the ranking too; the validation "for the other specialties" is a
    // rule of medicine, not asked of dentistry.
    let mut dentist = candidate("Le Goff", "troisieme_cycle", "1");
    dentist.discipline = "odontologie".into();
    dentist.specialty = String::new();
    let dentist = applications::save(&mut store, None, 2026, UFR, &dentist, today).unwrap();
    let mut rule = calendar::form(&calendar::settings(&store).unwrap());
    rule.ars_validation = "autres_specialites".into();
    calendar::save_settings(&mut store, &rule).unwrap();
    let dentist = applications::campaign(&store, 2026, UFR, today)
        .unwrap()
        .applications
        .into_iter()
        .find(|a| a.id == dentist.id)
        .unwrap();
    let asked: Vec<ApplicationDocument> = dentist
        .documents
        .iter()
        .filter(|x| x.required)
        .map(|x| x.document)
        .collect();
    assert!(
        asked.contains(&RangClassement) && !asked.contains(&ValidationArs),
        "{asked:?}"
    );
    // A medical intern in cardiology is asked the validation under that rule.
    let mut cardio = candidate("Riou", "troisieme_cycle", "2");
    cardio.specialty = "Cardiologie et maladies vasculaires".into();
    let cardio = applications::save(&mut store, None, 2026, UFR, &cardio, today).unwrap();
    assert!(cardio
        .documents
        .iter()
        .any(|x| x.document == ValidationArs && x.required));

    // Île-de-France asks its written validation for general medicine (seed 004).
    let mut form = calendar::form(&calendar::settings(&store).unwrap());
    form.ars_validation = "medecine_generale".into();
    calendar::save_settings(&mut store, &form).unwrap();
    let id = i64::from(student.id);
    let mut a = applications::set_document(&mut store, id, "formulaire", "01/12/2026", today).unwrap();
    for doc in [
        "piece_identite",
        "lettre_motivation",
        "releves_notes",
        "certificat_scolarite",
        "photo",
    ] {
        a = applications::set_document(&mut store, id, doc, "02/12/2026", today).unwrap();
    }
    assert!(!a.complete, "{:?}", a.missing);
    assert_eq!(a.missing, ["Validation écrite de l'ARS"]);
    a = applications::set_document(&mut store, id, "validation_ars", "02/12/2026", today).unwrap();
    assert!(a.complete);
    assert_eq!(
        a.documents
            .iter()
            .find(|x| x.document == Formulaire)
            .unwrap()
            .received_on
            .as_deref(),
        Some("01/12/2026")
    );
    // Unticked: missing again. A date in the future or an unknown document is refused.
    a = applications::set_document(&mut store, id, "photo", "", today).unwrap();
    assert_eq!(a.missing, ["Photo d'identité en couleur"]);
    let Err(Error::Validation(e)) = applications::set_document(&mut store, id, "photo", "03/12/2026", today)
    else {
        panic!("a date in the future");
    };
    assert_eq!(e.0[0].field, "received_on");
    assert!(applications::set_document(&mut store, id, "bulletin", "01/12/2026", today).is_err());

    // The identity follows the signatory's rules, with the same fields and words.
    let mut bad = candidate("", "deuxieme_cycle", "2");
    bad.birth_date = "31/02/2003".into();
    bad.project_zone = "lune".into();
    let Err(Error::Validation(e)) = applications::save(&mut store, None, 2026, UFR, &bad, today) else {
        panic!("validation expected");
    };
    let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
    assert!(
        fields.contains(&"last_name") && fields.contains(&"birth_date") && fields.contains(&"project_zone"),
        "{fields:?}"
    );
    assert_eq!(
        applications::campaign(&store, 2026, UFR, today)
            .unwrap()
            .applications
            .len(),
        4
    );
}

#[test]
fn the_reminders_follow_the_calendar_of_the_campaign() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut early = candidate("Abgrall", "deuxieme_cycle", "2");
    early.received_date = "20/11/2026".into();
    let a = applications::save(&mut store, None, 2026, UFR, &early, d(2026, 11, 20)).unwrap();
    let id = i64::from(a.id);
    // Deadline 15/12/2026: nothing on 1 December, the incomplete file from 8 December.
    assert!(kinds(&store, d(2026, 12, 1)).is_empty());
    assert_eq!(
        kinds(&store, d(2026, 12, 8)),
        [(TodoKind::CandidatureIncomplete, "ABGRALL Nolwenn".to_owned())]
    );
    // Commission on 10/01/2027 by default: without a decision the day after, it is listed.
    let after = kinds(&store, d(2027, 1, 11));
    assert!(
        after.contains(&(TodoKind::CandidatureSansDecision, "ABGRALL Nolwenn".to_owned())),
        "{after:?}"
    );
    // The commission recorded for the 20th: not before.
    let c = applications::save_commission(
        &mut store,
        2026,
        UFR,
        &CommissionInput {
            sitting_date: "20/01/2027".into(),
            members: "Doyen, ARS (référente CESP), représentants des étudiants, Ordre, URPS".into(),
            notes: String::new(),
        },
        d(2027, 1, 11),
    )
    .unwrap();
    assert_eq!(c.commission_date, "20/01/2027");
    // Year 0: the campaign under way, from July on that of the coming academic year.
    assert_eq!(
        applications::campaign(&store, 0, UFR, d(2027, 1, 11))
            .unwrap()
            .academic_year,
        2026
    );
    assert_eq!(
        applications::campaign(&store, 0, UFR, d(2027, 7, 1))
            .unwrap()
            .academic_year,
        2027
    );
    assert!(!kinds(&store, d(2027, 1, 15))
        .iter()
        .any(|(k, _)| *k == TodoKind::CandidatureSansDecision));
    // Decided: no reminder left.
    applications::record_decision(
        &mut store,
        id,
        "non_retenu",
        "",
        "Projet hors zone",
        d(2027, 1, 20),
    )
    .unwrap();
    assert!(kinds(&store, d(2027, 1, 21)).is_empty());
    // A waiting list needs its rank.
    let Err(Error::Validation(e)) =
        applications::record_decision(&mut store, id, "liste_attente", "", "", d(2027, 1, 20))
    else {
        panic!("rank expected");
    };
    assert_eq!(e.0[0].field, "waiting_rank");
    let a = applications::record_decision(&mut store, id, "liste_attente", "2", "", d(2027, 1, 20)).unwrap();
    assert_eq!(a.waiting_rank, Some(2));
}

#[cfg_attr(
    windows,
    ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
)]
#[test]
fn a_selected_candidate_becomes_a_signatory_once_with_everything_entered() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let today = d(2027, 1, 21);
    let input = candidate("Kermarrec", "troisieme_cycle", "1");
    let a = applications::save(&mut store, None, 2026, UFR, &input, today).unwrap();
    let other = applications::save(
        &mut store,
        None,
        2026,
        UFR,
        &candidate("Jaouen", "deuxieme_cycle", "3"),
        today,
    )
    .unwrap();
    let id = i64::from(a.id);

    // Only a selected candidate.
    let err = applications::convert(&mut store, id, "", today).unwrap_err();
    assert!(err.to_string().contains("retenu"), "{err}");
    applications::record_decision(&mut store, id, "retenu", "", "Projet solide en ZIP", today).unwrap();
    applications::record_decision(&mut store, i64::from(other.id), "liste_attente", "1", "", today).unwrap();
    let signatory = applications::convert(&mut store, id, "22/01/2027", d(2027, 1, 22)).unwrap();
    let s = register::get(&store, i64::from(signatory)).unwrap();
    assert_eq!(
        (s.last_name.as_str(), s.first_names.as_str()),
        ("Kermarrec", "Nolwenn")
    );
    assert_eq!(s.birth_date, Some(d(2003, 4, 3)));
    assert_eq!(s.email.as_deref(), Some("nolwenn.candidate@example.org"));
    assert_eq!(s.ufr.as_deref(), Some(UFR));
    assert_eq!((s.ecn_year, s.ecn_rank), (Some(2026), Some(3120)));
    assert_eq!(s.specialty.as_deref(), Some("Médecine générale"));
    assert_eq!(s.status, Status::Candidat);
    assert_eq!((s.signature_date, s.contract_ref.as_deref()), (None, None));
    assert_eq!(s.notes, "Audition souhaitée");
    // Linked, and not twice.
    let view = applications::campaign(&store, 2026, UFR, today).unwrap();
    let linked = view.applications.iter().find(|x| x.id == a.id).unwrap();
    assert_eq!(linked.signatory_id, Some(signatory));
    assert_eq!(linked.contract_due.as_deref(), Some("21/02/2027"));
    assert!(!linked.contract_returned);
    let err = applications::convert(&mut store, id, "", today).unwrap_err();
    assert!(err.to_string().contains("déjà"), "{err}");
    assert_eq!(register::count(&store).unwrap(), 1);
    // Its decision stays "retenu"; it can no longer be deleted.
    assert!(applications::record_decision(&mut store, id, "non_retenu", "", "", today).is_err());
    assert!(applications::delete(&mut store, id).is_err());

    // The contract to return is in "À faire" under the signatory, until it comes back.
    let late = d(2027, 2, 22);
    let items = todo::list(&store, late, false).unwrap().items;
    let contract = items
        .iter()
        .find(|i| i.kind == TodoKind::ContratARetourner)
        .expect("contract reminder");
    assert_eq!(contract.signatory_id, Some(signatory));
    assert!(contract.overdue);
    let mut signed = s.to_input();
    signed.signature_date = "15/02/2027".into();
    signed.status = "en_formation".into();
    register::update(&mut store, i64::from(signatory), &signed, late).unwrap();
    assert!(!todo::list(&store, late, false)
        .unwrap()
        .items
        .iter()
        .any(|i| i.kind == TodoKind::ContratARetourner));
    assert!(applications::campaign(&store, 2026, UFR, late)
        .unwrap()
        .applications
        .iter()
        .any(|x| x.contract_returned));

    // The counts: 2 applications, 1 selected, 1 signed; the decisions' PDF names both.
    let c = stats::counts(&store, late, late).unwrap();
    let table = |id: &str| {
        c.tables
            .iter()
            .find(|t| t.table == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(table("candidatures").total(), 2);
    assert_eq!(table("candidats_retenus").total(), 1);
    assert_eq!(table("candidats_signes").total(), 1);
    assert_eq!(table("candidatures").rows[0].label, format!("{UFR} — Médecine"));
    let pdf = dir.path().join("decisions.pdf");
    applications::print::write(&store, 2026, UFR, &pdf, late).unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test");
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "KERMARREC",
        "JAOUEN",
        "Retenu",
        "(rang 1)",
        "Projet solide en ZIP",
        "2026-2027",
    ] {
        assert!(text.contains(expected), "« {expected} » missing from:\n{text}");
    }
}

#[test]
fn the_demo_register_holds_a_campaign_under_way_and_a_decided_one() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    // Ten days before the deadline (15/12): files arriving, the last campaign decided.
    let today = d(2026, 12, 5);
    cesp::demo::load(&mut store, 300, 7, today).unwrap();
    // The UFRs known are those of the files too: the one with this winter's candidates.
    let ufrs = applications::campaign(&store, 2026, "", today).unwrap().ufrs;
    let with_candidates: Vec<&String> = ufrs
        .iter()
        .filter(|u| {
            !applications::campaign(&store, 2026, u, today)
                .unwrap()
                .applications
                .is_empty()
        })
        .collect();
    assert_eq!(with_candidates.len(), 2, "{with_candidates:?}");
    let ufr = with_candidates
        .iter()
        .find(|u| u.starts_with("Faculté de médecine"))
        .expect("a medical faculty")
        .to_string();
    let under_way = applications::campaign(&store, 2026, &ufr, today).unwrap();
    assert!(under_way.applications.len() >= 6);
    assert!(under_way.applications.iter().all(|a| a.decision.is_none()));
    assert!(under_way.applications.iter().any(|a| !a.complete));
    assert!(under_way
        .applications
        .iter()
        .all(|a| a.input.email.ends_with("@example.org")));
    let decided = applications::campaign(&store, 2025, &ufr, today).unwrap();
    assert!(!decided.applications.is_empty());
    assert!(decided.applications.iter().all(|a| a.decision.is_some()));
    assert!(!decided.commission.sitting_date.is_empty());
    // "À faire" names the incomplete files from a week before the deadline.
    let incomplete = under_way.applications.iter().filter(|a| !a.complete).count();
    let reminders = kinds(&store, d(2026, 12, 9));
    assert!(
        reminders
            .iter()
            .filter(|(k, _)| *k == TodoKind::CandidatureIncomplete)
            .count()
            >= incomplete,
        "{reminders:?}"
    );
    // The counts of the statistics see both campaigns.
    let c = stats::counts(&store, today, today).unwrap();
    let total = c
        .tables
        .iter()
        .find(|t| t.table == "candidatures")
        .expect("candidatures")
        .total();
    assert!(total >= 12, "{total}");
}
