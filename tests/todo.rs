//! The "À faire" list on a crafted register whose answers are known: each category on a case
//! that is listed and one that is not, marking as dealt with, and the settings.

mod common;

use cesp::domain::TodoKind;
use cesp::followup::service::{self as followup, BulkInput};
use cesp::ledger::service::{self as ledger, AllowanceSuspensionForm, LedgerForm};
use cesp::todo::{self, TodoSettings};
use cesp::{register, Error, Store};
use common::{input, temp_db, today};

fn signatory(store: &mut Store, last: &str, cycle: &str, status: &str, signed: &str) -> i64 {
    let mut i = input(last, "Anne");
    i.cycle = cycle.into();
    i.study_year = if cycle.is_empty() {
        String::new()
    } else {
        "2".into()
    };
    i.status = status.into();
    i.signature_date = signed.into();
    i64::from(register::create(store, &i, today()).unwrap().id)
}

fn names(list: &todo::TodoList, kind: TodoKind) -> Vec<String> {
    list.items
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| i.name.clone())
        .collect()
}

#[test]
fn each_category_lists_what_is_due_and_nothing_else() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    // Today is 23/11/2026 (tests/common).

    // Follow-up forms: sent on 01/10 (53 days: listed), on 10/11 (13 days: not yet).
    let late = signatory(
        &mut store,
        "Tardif",
        "deuxieme_cycle",
        "en_formation",
        "15/03/2024",
    );
    let recent = signatory(
        &mut store,
        "Recent",
        "deuxieme_cycle",
        "en_formation",
        "15/03/2024",
    );
    for (id, date) in [(late, "01/10/2026"), (recent, "10/11/2026")] {
        let bulk = BulkInput {
            year: 2026,
            ids: vec![i32::try_from(id).unwrap()],
            date: date.into(),
            channel: "courrier".into(),
        };
        followup::mark_sent(&mut store, &bulk, today()).unwrap();
    }

    // Definitive suspension: intern since 01/11/2026 (deadline 01/12, 8 days left: listed),
    // intern since 01/10/2026 (deadline passed: not listed), one who already asked (not listed).
    let soon = signatory(
        &mut store,
        "Delai",
        "troisieme_cycle",
        "en_formation",
        "15/03/2022",
    );
    let passed = signatory(
        &mut store,
        "Passe",
        "troisieme_cycle",
        "en_formation",
        "15/03/2022",
    );
    let asked = signatory(
        &mut store,
        "Demande",
        "troisieme_cycle",
        "en_formation",
        "15/03/2022",
    );
    for (id, first, request) in [
        (soon, "01/11/2026", ""),
        (passed, "01/10/2026", ""),
        (asked, "01/11/2026", "05/11/2026"),
    ] {
        let form = LedgerForm {
            allocation_start: "01/11/2022".into(),
            intern_start: first.into(),
            definitive_request: request.into(),
            ..Default::default()
        };
        ledger::save(&mut store, id, &form, today()).unwrap();
    }

    // Diplomas: 01/03/2026 without declaration (listed after 6 months), 01/10/2026 (not yet).
    let old_diploma = signatory(&mut store, "Diplome", "", "diplome", "15/03/2020");
    let new_diploma = signatory(&mut store, "Jeune", "", "diplome", "15/03/2020");
    for (id, d) in [(old_diploma, "01/03/2026"), (new_diploma, "01/10/2026")] {
        let form = LedgerForm {
            allocation_start: "01/11/2020".into(),
            allocation_end: "28/02/2026".into(),
            diploma_date: d.into(),
            ..Default::default()
        };
        ledger::save(&mut store, id, &form, today()).unwrap();
    }

    // Commitments: 24 months from 01/02/2025 end on 31/01/2027 (listed); from 01/11/2025 on
    // 31/10/2027 (not listed). A suspension without its document: a ledger warning.
    let ending = signatory(&mut store, "Fin", "", "installe", "15/03/2019");
    let serving = signatory(&mut store, "Service", "", "installe", "15/03/2019");
    for (id, start, practice) in [
        (ending, "01/11/2022", "01/02/2025"),
        (serving, "01/11/2023", "01/11/2025"),
    ] {
        let form = LedgerForm {
            allocation_start: start.into(),
            allocation_end: "31/10/2024".into(),
            diploma_date: "15/10/2024".into(),
            practice_start: practice.into(),
            suspensions: if id == serving {
                vec![AllowanceSuspensionForm {
                    start: "01/03/2024".into(),
                    end: "31/03/2024".into(),
                    reason: "maladie".into(),
                    paid: true,
                    document_received: false,
                }]
            } else {
                vec![]
            },
            ..Default::default()
        };
        ledger::save(&mut store, id, &form, today()).unwrap();
    }

    let list = todo::list(&store, today(), false).unwrap();
    assert_eq!(names(&list, TodoKind::FicheNonRetournee), vec!["TARDIF Anne"]);
    let form = list
        .items
        .iter()
        .find(|i| i.kind == TodoKind::FicheNonRetournee)
        .unwrap();
    assert_eq!(form.due, "31/10/2026");
    assert!(form.overdue);
    assert!(form.what.contains("envoyée le 01/10/2026"), "{}", form.what);
    assert_eq!(names(&list, TodoKind::SuspensionDefinitive), vec!["DELAI Anne"]);
    assert!(list
        .items
        .iter()
        .any(|i| i.kind == TodoKind::SuspensionDefinitive && i.due == "01/12/2026"));
    assert_eq!(
        names(&list, TodoKind::DiplomeSansInstallation),
        vec!["DIPLOME Anne"]
    );
    assert_eq!(names(&list, TodoKind::FinEngagement), vec!["FIN Anne"]);
    let end = list
        .items
        .iter()
        .find(|i| i.kind == TodoKind::FinEngagement)
        .unwrap();
    assert!(end.what.contains("31/01/2027"), "{}", end.what);
    assert!(names(&list, TodoKind::Alerte).contains(&"SERVICE Anne".to_owned()));
    assert!(list
        .items
        .iter()
        .any(|i| i.kind == TodoKind::Alerte && i.what.contains("Justificatif non reçu")));
    // The interns in the 3rd cycle have their yearly interviews due.
    assert!(names(&list, TodoKind::Entretien).contains(&"DELAI Anne".to_owned()));
    // Counts per kind match the items; late items come first.
    for c in &list.counts {
        let n = list.items.iter().filter(|i| i.kind == c.kind).count();
        assert_eq!(c.count as usize, n, "{:?}", c.kind);
    }
    let first_undated = list.items.iter().position(|i| i.due.is_empty()).unwrap();
    assert!(list.items[..first_undated].iter().any(|i| i.overdue));
    assert!(list.items[first_undated..].iter().all(|i| i.due.is_empty()));

    // Marked as dealt with: gone from the list and the counts, shown on request, and back.
    let key = form.key.clone();
    let id = i64::from(form.signatory_id.unwrap());
    let Err(Error::Validation(e)) = todo::mark_done(&mut store, id, &key, "01/12/2027", today()) else {
        panic!("a future date is refused");
    };
    assert!(e.message("date").is_some());
    todo::mark_done(&mut store, id, &key, "20/11/2026", today()).unwrap();
    let after = todo::list(&store, today(), false).unwrap();
    assert!(names(&after, TodoKind::FicheNonRetournee).is_empty());
    assert_eq!(after.done, 1);
    let count = after
        .counts
        .iter()
        .find(|c| c.kind == TodoKind::FicheNonRetournee)
        .unwrap();
    assert_eq!(count.count, 0);
    let all = todo::list(&store, today(), true).unwrap();
    let shown = all.items.iter().find(|i| i.key == key).unwrap();
    assert_eq!(shown.done_on.as_deref(), Some("20/11/2026"));
    assert!(
        all.items.last().unwrap().done_on.is_some(),
        "dealt-with items come last"
    );
    todo::unmark(&mut store, id, &key).unwrap();
    assert_eq!(
        names(
            &todo::list(&store, today(), false).unwrap(),
            TodoKind::FicheNonRetournee
        )
        .len(),
        1
    );
}

#[test]
fn the_delays_are_settings() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(todo::settings(&store).unwrap(), TodoSettings::default());
    let bad = TodoSettings {
        unreturned_days: 0,
        diploma_months: 50,
        ..TodoSettings::default()
    };
    let Err(Error::Validation(e)) = todo::save_settings(&mut store, &bad) else {
        panic!("validation expected");
    };
    assert!(e.message("unreturned_days").is_some());
    assert!(e.message("diploma_months").is_some());
    assert_eq!(todo::settings(&store).unwrap(), TodoSettings::default());

    // With 60 days, a form sent 53 days ago is not listed yet.
    let id = signatory(
        &mut store,
        "Tardif",
        "deuxieme_cycle",
        "en_formation",
        "15/03/2024",
    );
    let bulk = BulkInput {
        year: 2026,
        ids: vec![i32::try_from(id).unwrap()],
        date: "01/10/2026".into(),
        channel: "courriel".into(),
    };
    followup::mark_sent(&mut store, &bulk, today()).unwrap();
    assert_eq!(
        names(
            &todo::list(&store, today(), false).unwrap(),
            TodoKind::FicheNonRetournee
        )
        .len(),
        1
    );
    let sixty = TodoSettings {
        unreturned_days: 60,
        ..TodoSettings::default()
    };
    todo::save_settings(&mut store, &sixty).unwrap();
    assert!(names(
        &todo::list(&store, today(), false).unwrap(),
        TodoKind::FicheNonRetournee
    )
    .is_empty());
}

#[test]
fn the_list_is_read_a_page_at_a_time() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut ids = Vec::new();
    for name in ["Abel", "Bodin", "Caron", "Dubois", "Evrard", "Faure", "Gilles"] {
        ids.push(
            i32::try_from(signatory(
                &mut store,
                name,
                "deuxieme_cycle",
                "en_formation",
                "15/03/2024",
            ))
            .unwrap(),
        );
    }
    let bulk = BulkInput {
        year: 2026,
        ids,
        date: "01/10/2026".into(),
        channel: "courrier".into(),
    };
    followup::mark_sent(&mut store, &bulk, today()).unwrap();
    let q = |offset, kind| todo::TodoQuery {
        include_done: false,
        kind,
        offset,
        limit: 3,
    };
    let first = todo::page(&store, today(), &q(0, Some(TodoKind::FicheNonRetournee))).unwrap();
    assert_eq!((first.items.len(), first.total), (3, 7));
    let last = todo::page(&store, today(), &q(6, Some(TodoKind::FicheNonRetournee))).unwrap();
    assert_eq!(last.items.len(), 1);
    assert_ne!(first.items[0].name, last.items[0].name);
    let none = todo::page(&store, today(), &q(0, Some(TodoKind::FinEngagement))).unwrap();
    assert_eq!((none.items.len(), none.total), (0, 0));
    assert_eq!(
        none.counts
            .iter()
            .find(|c| c.kind == TodoKind::FicheNonRetournee)
            .unwrap()
            .count,
        7
    );
}

/// The home screen reads every contract at once; what it says of each one is what the
/// contract tab says: the same warnings, and the commitments that end soon.
#[test]
fn the_alerts_are_those_of_each_contract_tab() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 1200, 11, today()).unwrap();
    let list = todo::list(&store, today(), true).unwrap();
    let mut from_list: std::collections::BTreeMap<i32, Vec<String>> = Default::default();
    for i in list.items.iter().filter(|i| i.kind == TodoKind::Alerte) {
        from_list
            .entry(i.signatory_id.unwrap())
            .or_default()
            .push(i.what.clone());
    }
    let mut from_tabs: std::collections::BTreeMap<i32, Vec<String>> = Default::default();
    let followed = [
        cesp::domain::Status::EnFormation,
        cesp::domain::Status::Suspendu,
        cesp::domain::Status::Diplome,
        cesp::domain::Status::Installe,
    ];
    for s in register::all_matching(&store, &register::ListQuery::default()).unwrap() {
        if !followed.contains(&s.status) {
            continue;
        }
        let view = ledger::get(&store, i64::from(s.id), today()).unwrap();
        if view.computation.is_none() && view.form.allocation_start.is_empty() {
            continue;
        }
        if !view.warnings.is_empty() {
            from_tabs.insert(s.id, view.warnings);
        }
    }
    for v in from_list.values_mut().chain(from_tabs.values_mut()) {
        v.sort();
    }
    assert!(!from_tabs.is_empty());
    assert_eq!(from_list, from_tabs);
    assert!(list
        .counts
        .iter()
        .any(|c| c.kind == TodoKind::Entretien && c.count > 0));
}

/// The list is kept between two pages, and computed again as soon as the data change: after a
/// write through the same store, and after a commit by another process (the CLI).
#[test]
fn the_kept_list_follows_every_change_of_the_data() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 600, 4, today()).unwrap();
    let forms = |store: &Store| {
        let q = todo::TodoQuery {
            include_done: false,
            kind: Some(TodoKind::FicheNonRetournee),
            offset: 0,
            limit: 10,
        };
        todo::page(store, today(), &q).unwrap().total
    };
    let before = forms(&store);
    assert!(before > 0);
    assert_eq!(forms(&store), before);

    // Another process raises the delay to a year: this campaign's forms are no longer late.
    let mut other = Store::open(&path).unwrap();
    let mut s = todo::settings(&other).unwrap();
    s.unreturned_days = 365;
    todo::save_settings(&mut other, &s).unwrap();
    let later = forms(&store);
    assert!(later < before, "{later} / {before}");

    // This store puts it back.
    s.unreturned_days = 30;
    todo::save_settings(&mut store, &s).unwrap();
    assert_eq!(forms(&store), before);

    // A line marked as dealt with leaves the count at once, and comes back when unmarked.
    let first = todo::list(&store, today(), false).unwrap().items[0].clone();
    todo::mark_done(
        &mut store,
        i64::from(first.signatory_id.unwrap()),
        &first.key,
        "20/11/2026",
        today(),
    )
    .unwrap();
    let list = todo::list(&store, today(), true).unwrap();
    assert_eq!(list.done, 1);
    assert_eq!(list.items.last().unwrap().key, first.key);
    assert_eq!(list.items.last().unwrap().done_on.as_deref(), Some("20/11/2026"));
    todo::unmark(&mut store, i64::from(first.signatory_id.unwrap()), &first.key).unwrap();
    assert_eq!(todo::list(&store, today(), false).unwrap().done, 0);
}

#[test]
fn a_campaign_return_deadline_decides_when_a_sheet_is_late() {
    use cesp::followup::calendar::{self, CampaignDatesForm};
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = signatory(
        &mut store,
        "Tardif",
        "deuxieme_cycle",
        "en_formation",
        "15/03/2024",
    );
    let bulk = BulkInput {
        year: 2026,
        ids: vec![i32::try_from(id).unwrap()],
        date: "01/10/2026".into(),
        channel: "courrier".into(),
    };
    followup::mark_sent(&mut store, &bulk, today()).unwrap();
    let late = |store: &Store| {
        todo::list(store, today(), false)
            .unwrap()
            .items
            .into_iter()
            .filter(|i| i.kind == TodoKind::FicheNonRetournee)
            .map(|i| i.due)
            .collect::<Vec<_>>()
    };
    // Sent 53 days ago, 30 days allowed: late.
    assert_eq!(late(&store).len(), 1);

    // A holiday or a weekend is refused, by name, and nothing is saved.
    let mut dates = CampaignDatesForm {
        year: 2026,
        send: "01/10/2026".into(),
        return_by: "01/01/2027".into(),
    };
    let Err(Error::Validation(e)) = calendar::save(&mut store, &dates) else {
        panic!("validation expected");
    };
    let m = e.message("return_by").unwrap();
    assert!(
        m.contains("jour férié (Jour de l'an)") && m.contains("04/01/2027"),
        "{m}"
    );
    assert_eq!(calendar::form(&store, 2026).unwrap().return_by, "");

    // A deadline still to come: not late, whatever the send date.
    dates.return_by = "04/01/2027".into();
    calendar::save(&mut store, &dates).unwrap();
    assert!(late(&store).is_empty());
    // A deadline gone by: late since the deadline.
    dates.return_by = "13/11/2026".into();
    calendar::save(&mut store, &dates).unwrap();
    let due = late(&store);
    assert_eq!(due.len(), 1);
    assert!(
        format!("{:?}", due[0]).contains("13/11/2026") || format!("{:?}", due[0]).contains("2026-11-13"),
        "{due:?}"
    );
}
