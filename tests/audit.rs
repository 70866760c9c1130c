//! The journal of changes against real SQLite files: an entry for every kind of change of a
//! signatory's file, written in the change's own transaction (a refused change leaves no
//! entry), read back in French, exported, and purged after the retention.

mod common;

use cesp::audit::{self, AuditQuery, AuditRow};
use cesp::followup::service::{self as followup, BulkInput};
use cesp::installation::{self, DeclarationForm, PlaceForm};
use cesp::interviews::{self, ActionForm, InterviewForm};
use cesp::ledger::service::{self as ledger, AllowanceSuspensionForm, LedgerForm, PracticeSuspensionForm};
use cesp::{register, todo, zonage, Error, Store};
use common::{input, temp_db, today};
use rusqlite::Connection;
use std::path::Path;

fn entries(store: &Store, id: i64) -> Vec<AuditRow> {
    audit::history(store, i32::try_from(id).unwrap()).unwrap()
}

/// The entries of `entity` and `action` in `rows`.
fn of<'a>(rows: &'a [AuditRow], entity: &str, action: &str) -> Vec<&'a AuditRow> {
    rows.iter()
        .filter(|r| r.entity == entity && r.action == action)
        .collect()
}

fn count(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM audit_entry", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn every_kind_of_change_is_journalled_with_who_what_and_the_values() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let contact = cesp::settings::ContactSettings {
        referent: "Camille Référente".into(),
        ..cesp::settings::contact(&store).unwrap()
    };
    cesp::settings::save_contact(&mut store, &contact).unwrap();

    // The file itself: created, then two fields changed.
    let mut i = input("Kerbrat", "Maëlle");
    i.cycle = "troisieme_cycle".into();
    i.study_year = "3".into();
    i.signature_date = "15/03/2021".into();
    let id = i64::from(register::create(&mut store, &i, today()).unwrap().id);
    let rows = entries(&store, id);
    let created = of(&rows, "signatory", "creation");
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].referent, "Camille Référente");
    assert!(!created[0].os_user.is_empty());
    assert_eq!(created[0].signatory_label, "Kerbrat Maëlle");
    assert_eq!(created[0].entity_label, "Dossier");
    assert!(
        created[0].new_value.contains("Nom : Kerbrat"),
        "{}",
        created[0].new_value
    );
    assert!(created[0].new_value.contains("Date de naissance : 14/02/2001"));
    assert_eq!(created[0].old_value, "");

    i.email = "maelle.kerbrat@example.org".into();
    i.status = "suspendu".into();
    register::update(&mut store, id, &i, today()).unwrap();
    let rows = entries(&store, id);
    let changed = of(&rows, "signatory", "modification");
    assert_eq!(changed.len(), 2, "only the two fields typed: {changed:?}");
    let status = changed.iter().find(|r| r.field_label == "Statut").unwrap();
    assert_eq!(status.old_value, "En formation (allocataire)");
    assert_eq!(status.new_value, "Suspendu");
    let email = changed.iter().find(|r| r.field_label == "Courriel").unwrap();
    assert_eq!(
        (email.old_value.as_str(), email.new_value.as_str()),
        ("", "maelle.kerbrat@example.org")
    );
    // Saving the same form again changes nothing and journals nothing.
    register::update(&mut store, id, &i, today()).unwrap();
    assert_eq!(of(&entries(&store, id), "signatory", "modification").len(), 2);
    i.status = "en_formation".into();
    register::update(&mut store, id, &i, today()).unwrap();

    // The contract, an allowance suspension, a practice suspension; then one removed.
    let mut form = LedgerForm {
        allocation_start: "01/11/2021".into(),
        allocation_end: "31/10/2025".into(),
        diploma_date: "20/10/2025".into(),
        practice_start: "03/11/2025".into(),
        suspensions: vec![AllowanceSuspensionForm {
            start: "01/03/2023".into(),
            end: "31/05/2023".into(),
            reason: "maternite".into(),
            paid: false,
            document_received: true,
        }],
        practice_suspensions: vec![PracticeSuspensionForm {
            start: "01/01/2026".into(),
            end: "28/02/2026".into(),
        }],
        ..Default::default()
    };
    ledger::save(&mut store, id, &form, today()).unwrap();
    let rows = entries(&store, id);
    assert_eq!(of(&rows, "ledger", "creation").len(), 1);
    let susp = of(&rows, "allowance_suspension", "creation");
    assert_eq!(susp.len(), 1);
    assert!(
        susp[0].new_value.contains("Début : 01/03/2023"),
        "{}",
        susp[0].new_value
    );
    assert!(susp[0].new_value.contains("Motif : "), "{}", susp[0].new_value);
    assert_eq!(of(&rows, "practice_suspension", "creation").len(), 1);
    form.practice_suspensions.clear();
    form.diploma_date = "21/10/2025".into();
    ledger::save(&mut store, id, &form, today()).unwrap();
    let rows = entries(&store, id);
    let gone = of(&rows, "practice_suspension", "suppression");
    assert_eq!(gone.len(), 1);
    assert!(
        gone[0].old_value.contains("Fin : 28/02/2026"),
        "{}",
        gone[0].old_value
    );
    let diploma = of(&rows, "ledger", "modification");
    assert!(diploma.iter().any(|r| r.field_label == "Date du diplôme"
        && r.old_value == "20/10/2025"
        && r.new_value == "21/10/2025"));

    // The follow-up form: sent, reminded, received.
    let bulk = |date: &str, channel: &str| BulkInput {
        year: 2026,
        ids: vec![i32::try_from(id).unwrap()],
        date: date.into(),
        channel: channel.into(),
    };
    followup::mark_sent(&mut store, &bulk("01/10/2026", "courriel"), today()).unwrap();
    followup::record_reminder(&mut store, &bulk("02/11/2026", "telephone"), today()).unwrap();
    followup::mark_received(&mut store, id, 2026, "20/11/2026", today()).unwrap();
    let rows = entries(&store, id);
    assert_eq!(of(&rows, "followup_form", "creation").len(), 1);
    assert_eq!(of(&rows, "followup_reminder", "creation").len(), 1);
    assert!(of(&rows, "followup_form", "modification")
        .iter()
        .any(|r| r.field_label == "Reçue le" && r.new_value == "20/11/2026"));

    // An interview and its action; then the interview deleted: one entry for it, none for
    // the action removed with it.
    let interview = InterviewForm {
        date: "10/11/2026".into(),
        mode: "telephone".into(),
        reason: "annuel_troisieme_cycle".into(),
        attendees: "Référente CESP".into(),
        report: "Projet en MSP.".into(),
        actions: vec![ActionForm {
            text: "Envoyer la liste des lieux ZIP".into(),
            due_date: "15/12/2026".into(),
            done_date: String::new(),
        }],
    };
    let tab = interviews::save(&mut store, id, None, &interview, today()).unwrap();
    let rows = entries(&store, id);
    assert_eq!(of(&rows, "interview", "creation").len(), 1);
    assert_eq!(of(&rows, "interview_action", "creation").len(), 1);
    let interview_id = i64::from(tab.interviews[0].id);
    interviews::delete(&mut store, id, interview_id, today()).unwrap();
    let rows = entries(&store, id);
    assert_eq!(of(&rows, "interview", "suppression").len(), 1);
    assert_eq!(of(&rows, "interview_action", "suppression").len(), 0);

    // An installation with its place.
    let zonage_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/zonage/zonage-demo.csv");
    zonage::import(
        &mut store,
        &zonage_file,
        chrono::NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(),
    )
    .unwrap();
    let declaration = DeclarationForm {
        declaration_date: "02/11/2025".into(),
        practice_start: "03/11/2025".into(),
        des_certificate_date: "02/11/2025".into(),
        places: vec![PlaceForm {
            address: "2 rue de la Gare".into(),
            insee: "29024".into(),
            mode: "salarie".into(),
            structure: "msp".into(),
            half_days: "8".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    installation::save(&mut store, id, None, &declaration, today()).unwrap();
    let rows = entries(&store, id);
    assert_eq!(of(&rows, "installation", "creation").len(), 1);
    assert_eq!(of(&rows, "installation_place", "creation").len(), 1);

    // "À faire": an item marked as dealt with, then unmarked.
    todo::mark_done(&mut store, id, "entretien:2026", "23/11/2026", today()).unwrap();
    todo::unmark(&mut store, id, "entretien:2026").unwrap();
    let rows = entries(&store, id);
    assert_eq!(of(&rows, "todo_done", "creation").len(), 1);
    assert_eq!(of(&rows, "todo_done", "suppression").len(), 1);

    // Newest first, every entry dated, nothing from another file.
    let rows = entries(&store, id);
    assert!(rows.windows(2).all(|w| w[0].id > w[1].id));
    assert!(rows
        .iter()
        .all(|r| r.signatory_id == Some(i32::try_from(id).unwrap())));
    assert!(rows
        .iter()
        .all(|r| r.at.len() == 19 && r.at.as_bytes()[2] == b'/'));
}

#[test]
fn a_refused_change_leaves_no_entry() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut a = input("Le Gall", "Yann");
    a.contract_ref = "CESP-2024-000001".into();
    register::create(&mut store, &a, today()).unwrap();
    let b = register::create(&mut store, &input("Morvan", "Katell"), today()).unwrap();
    let before = count(&path);
    // The same contract reference as another file: SQLite refuses the UPDATE, and with it
    // the entries its triggers had written.
    let mut dup = input("Morvan", "Katell");
    dup.contract_ref = "CESP-2024-000001".into();
    dup.email = "katell@example.org".into();
    let err = register::update(&mut store, i64::from(b.id), &dup, today()).unwrap_err();
    assert!(!matches!(err, Error::Io { .. }), "{err}");
    assert_eq!(count(&path), before, "no entry for a change that did not happen");
    // A failed ledger save (invalid form) journals nothing either.
    let bad = LedgerForm {
        allocation_start: "31/02/2024".into(),
        ..Default::default()
    };
    assert!(ledger::save(&mut store, i64::from(b.id), &bad, today()).is_err());
    assert_eq!(count(&path), before);
}

#[test]
fn the_journal_screen_filters_exports_and_purges() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let a = register::create(&mut store, &input("Guivarc'h", "Anne"), today()).unwrap();
    register::create(&mut store, &input("Tanguy", "Erwan"), today()).unwrap();
    let mut changed = input("Guivarc'h", "Anne");
    changed.notes = "=HYPERLINK(\"http://x\")".into();
    register::update(&mut store, i64::from(a.id), &changed, today()).unwrap();

    let all = audit::search(
        &store,
        &AuditQuery {
            limit: 50,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(all.total, 3);
    assert_eq!(all.rows.len(), 3);
    assert!(all
        .entities
        .iter()
        .any(|e| e.value == "signatory" && e.label == "Dossier"));
    assert_eq!(all.retention_months, 12);
    let anne = audit::search(
        &store,
        &AuditQuery {
            signatory: "guivarc".into(),
            limit: 50,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(anne.total, 2);
    let modifications = audit::search(
        &store,
        &AuditQuery {
            entity: "signatory".into(),
            from: "01/01/2000".into(),
            to: chrono::Local::now().format("%d/%m/%Y").to_string(),
            limit: 1,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((modifications.total, modifications.rows.len()), (3, 1));

    // Bad filters are named.
    let Err(Error::Validation(e)) = audit::search(
        &store,
        &AuditQuery {
            from: "32/01/2026".into(),
            entity: "secret".into(),
            ..Default::default()
        },
    ) else {
        panic!("validation expected");
    };
    let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["from", "entity"]);

    // CSV for Excel: BOM, `;`, a formula neutralised.
    let csv_path = dir.path().join("journal.csv");
    assert_eq!(
        audit::write(&store, &AuditQuery::default(), "csv", &csv_path).unwrap(),
        3
    );
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(
        csv.contains("Date;Référent;Compte;Signataire;Élément;Action;Champ;Ancienne valeur;Nouvelle valeur")
    );
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    let xlsx_path = dir.path().join("journal.xlsx");
    audit::write(&store, &AuditQuery::default(), "xlsx", &xlsx_path).unwrap();
    assert_eq!(&std::fs::read(&xlsx_path).unwrap()[..2], b"PK");

    // Retention: out of range refused; entries older than it purged, the others kept.
    let Err(Error::Validation(_)) = audit::save_retention(&mut store, 24, today()) else {
        panic!("24 months is beyond the CNIL's range");
    };
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE audit_entry SET at = '2020-01-01T10:00:00' WHERE id = 1",
            [],
        )
        .unwrap();
    assert_eq!(audit::save_retention(&mut store, 6, today()).unwrap(), 1);
    assert_eq!(audit::retention_months(&store).unwrap(), 6);
    assert_eq!(audit::purge(&mut store, today()).unwrap(), 0);
    assert_eq!(count(&path), 2);
}

/// Journal entries of `entity` found by the journal screen, for a candidate without a file.
fn journal_of(store: &Store, entity: &str) -> Vec<AuditRow> {
    audit::search(
        store,
        &AuditQuery {
            entity: entity.into(),
            ..Default::default()
        },
    )
    .unwrap()
    .rows
}

#[test]
fn a_candidates_file_is_journalled_and_follows_it_into_the_signatorys_history() {
    use cesp::applications::{self, ApplicationInput};
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let candidate = |last: &str| ApplicationInput {
        civility: "Mme".into(),
        last_name: last.into(),
        first_names: "Gwenaëlle".into(),
        discipline: "medecine".into(),
        cycle: "deuxieme_cycle".into(),
        study_year: "2".into(),
        ..Default::default()
    };
    let ufr = "Faculté de médecine de Brest";
    let a = applications::save(&mut store, None, 2026, ufr, &candidate("Le Bihan"), today()).unwrap();
    let id = i64::from(a.id);
    let mut changed = candidate("Le Bihan");
    changed.project_zone = "zip".into();
    applications::save(&mut store, Some(id), 2026, ufr, &changed, today()).unwrap();
    applications::set_document(&mut store, id, "lettre_motivation", "02/11/2026", today()).unwrap();
    applications::record_decision(&mut store, id, "retenu", "", "Projet en ZIP", today()).unwrap();

    // Before any contract: found in the journal under the candidate's name, no file linked.
    let rows = journal_of(&store, "application");
    let created = of(&rows, "application", "creation");
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].signatory_label, "Le Bihan Gwenaëlle");
    assert_eq!(created[0].entity_label, "Candidature");
    assert_eq!(created[0].signatory_id, None);
    assert!(
        created[0].new_value.contains("Nom : Le Bihan"),
        "{}",
        created[0].new_value
    );
    let zone = rows
        .iter()
        .find(|r| r.field_label == "Zone envisagée")
        .expect("zone change");
    assert_eq!(
        (zone.old_value.as_str(), zone.new_value.as_str()),
        ("", "Zone d'intervention prioritaire (ZIP)")
    );
    let decision = rows
        .iter()
        .find(|r| r.field_label == "Décision de la commission")
        .expect("decision");
    assert_eq!(decision.new_value, "Retenu");
    let docs = journal_of(&store, "application_document");
    assert_eq!(docs.len(), 1);
    assert!(
        docs[0].new_value.contains("Reçue le : 02/11/2026"),
        "{}",
        docs[0].new_value
    );
    assert_eq!(docs[0].entity_label, "Pièce de candidature");

    // Converted: the signatory's Historique holds the candidature before the file.
    let signatory = applications::convert(&mut store, id, "", today()).unwrap();
    let history = entries(&store, i64::from(signatory));
    assert_eq!(of(&history, "signatory", "creation").len(), 1);
    assert_eq!(of(&history, "application", "creation").len(), 1);
    assert_eq!(of(&history, "application_document", "creation").len(), 1);
    assert!(history
        .iter()
        .any(|r| r.field_label == "Décision de la commission" && r.new_value == "Retenu"));

    // Another candidate deleted by the referent: the deletion keeps what the file held.
    let b = applications::save(&mut store, None, 2026, ufr, &candidate("Morvan"), today()).unwrap();
    applications::set_document(&mut store, i64::from(b.id), "photo", "03/11/2026", today()).unwrap();
    let before = count(&path);
    applications::delete(&mut store, i64::from(b.id)).unwrap();
    let deleted = of(&journal_of(&store, "application"), "application", "suppression")
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    assert_eq!(deleted.len(), 1);
    assert!(
        deleted[0].old_value.contains("Nom : Morvan"),
        "{}",
        deleted[0].old_value
    );
    // Its document went by cascade: one entry only.
    assert_eq!(count(&path), before + 1);
}
