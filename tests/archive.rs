//! Retention of ended files against real SQLite files: which files are listed, the export for
//! the archives, the anonymisation (nothing that identifies the person is left, in the tables
//! or the journal, and the statistics still count the file) and the deletion.

mod common;

use cesp::archive;
use cesp::ledger::service::{self as ledger, ContractEndInput, LedgerForm};
use cesp::{audit, register, stats, Error, Store};
use common::{input, temp_db, today};
use rusqlite::Connection;
use std::path::Path;

static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

/// A file with every personal field filled; the n-th has gwen.n@example.org.
fn file(store: &mut Store, last: &str, status: &str) -> i64 {
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let mut i = input(last, "Gwenaëlle");
    i.email = format!("gwen.{n}@example.org");
    i.phone = format!("06 12 34 56 {n:02}");
    i.address = format!("{n} rue des Lilas, 29000 Quimper");
    i.notes = format!("Très motivée ({n})");
    i.signature_date = "15/09/2011".into();
    i.status = status.into();
    i.cycle = String::new();
    i.study_year = String::new();
    i.contract_ref = format!("CESP-2011-{n:06}");
    i64::from(register::create(store, &i, today()).unwrap().id)
}

/// Paid from 2011 to 2013, practised from 2014: the commitment ended in 2015.
fn old_contract(store: &mut Store, id: i64) {
    let form = LedgerForm {
        allocation_start: "01/10/2011".into(),
        allocation_end: "30/09/2013".into(),
        diploma_date: "15/10/2013".into(),
        practice_start: "01/01/2014".into(),
        ..Default::default()
    };
    ledger::save(store, id, &form, today()).unwrap();
}

/// Every text value of every table, to look for what must be gone.
fn everything(path: &Path) -> String {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'signatory_fts%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for c in 0..n {
                if let Ok(Some(s)) = r.get::<_, Option<String>>(c) {
                    out.push_str(&s);
                    out.push('\n');
                }
            }
        }
    }
    out
}

#[test]
fn ended_files_are_listed_exported_anonymised_and_deleted() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let done = file(&mut store, "Kerhervé", "engagement_termine");
    old_contract(&mut store, done);
    let recent = file(&mut store, "Le Roux", "installe");
    old_contract(&mut store, recent);
    ledger::record_end(
        &mut store,
        recent,
        &ContractEndInput {
            kind: "sans_remboursement".into(),
            date: "01/06/2025".into(),
            notes: "Inaptitude".into(),
        },
        today(),
    )
    .unwrap();
    let owed = file(&mut store, "Caradec", "installe");
    old_contract(&mut store, owed);
    ledger::record_end(
        &mut store,
        owed,
        &ContractEndInput {
            kind: "rupture".into(),
            date: "01/06/2015".into(),
            notes: String::new(),
        },
        today(),
    )
    .unwrap();
    let active = file(&mut store, "Tanguy", "en_formation");

    // Five years by default: only the commitment ended in 2015 is listed. The inaptitude of
    // 2025 is too recent; the rupture of 2015 left an amount owed; the student is active.
    let list = archive::candidates(&store, today()).unwrap();
    assert_eq!(list.years, 5);
    assert_eq!(list.ended_before, "23/11/2021");
    let ids: Vec<i64> = list.rows.iter().map(|c| i64::from(c.id)).collect();
    assert_eq!(ids, [done], "{list:?}");
    assert!(
        list.rows[0].reason.starts_with("Engagement terminé le "),
        "{}",
        list.rows[0].reason
    );
    // One year: the inaptitude of June 2025 joins it.
    assert!(matches!(
        archive::save_years(&mut store, 0),
        Err(Error::Validation(_))
    ));
    archive::save_years(&mut store, 1).unwrap();
    let ids: Vec<i64> = archive::candidates(&store, today())
        .unwrap()
        .rows
        .iter()
        .map(|c| i64::from(c.id))
        .collect();
    assert_eq!(ids, [done, recent]);

    // Nothing is anonymised or deleted before its time.
    for id in [owed, active] {
        let err = archive::anonymise(&mut store, id, today()).unwrap_err();
        assert!(err.to_string().contains("durée de conservation"), "{err}");
        assert!(archive::delete(&mut store, id, today()).is_err());
    }

    // The export for the archives holds the whole file.
    let json_path = dir.path().join("kerherve.json");
    archive::export(&store, done, &json_path, today()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(json["signatory"]["last_name"], "Kerhervé");
    assert_eq!(json["contract"]["form"]["practice_start"], "01/01/2014");
    assert!(json["journal"].as_array().unwrap().len() >= 2);

    let counted = |store: &Store| {
        let c = stats::counts(store, today(), today()).unwrap();
        serde_json::to_string(&c).unwrap()
    };
    // The application the file came from (linked by hand here: the file predates the
    // applications screen) holds the same identity.
    let application = cesp::applications::ApplicationInput {
        civility: "Mme".into(),
        last_name: "Kerhervé".into(),
        first_names: "Candidate-Archivée".into(),
        discipline: "medecine".into(),
        ..Default::default()
    };
    let app =
        cesp::applications::save(&mut store, None, 2011, "Faculté de Brest", &application, today()).unwrap();
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE application SET signatory_id = ?1 WHERE id = ?2",
            [done, i64::from(app.id)],
        )
        .unwrap();

    let before = counted(&store);
    archive::anonymise(&mut store, done, today()).unwrap();
    assert!(
        !everything(&path).contains("Candidate-Archivée"),
        "the application went with the identity"
    );
    let all = everything(&path);
    for gone in [
        "Kerhervé",
        "gwen.1@example.org",
        "CESP-2011-000001",
        "06 12 34 56 01",
        "1 rue des Lilas",
        "Très motivée (1)",
    ] {
        assert!(!all.contains(gone), "« {gone} » is still in the database");
    }
    assert!(all.contains("Caradec"), "the other files are untouched");
    // The statistics count it as before.
    assert_eq!(counted(&store), before);
    // The journal of the file is one entry, without the name.
    let history = audit::history(&store, i32::try_from(done).unwrap()).unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].action_label, "Anonymisation");
    assert_eq!(history[0].signatory_label, format!("Dossier anonymisé n° {done}"));
    // Still listed, anonymised: only the deletion is left.
    let list = archive::candidates(&store, today()).unwrap();
    assert!(list.rows.iter().any(|c| i64::from(c.id) == done && c.anonymised));
    assert!(archive::anonymise(&mut store, done, today()).is_err());

    archive::delete(&mut store, recent, today()).unwrap();
    assert!(matches!(
        register::get(&store, recent),
        Err(Error::SignatoryNotFound(_))
    ));
    assert!(!everything(&path).contains("Le Roux"));
    let entries = audit::search(
        &store,
        &audit::AuditQuery {
            signatory: "supprimé".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(entries.total, 1);
    assert_eq!(entries.rows[0].signatory_id, None);
    assert_eq!(register::count(&store).unwrap(), 3);
    let ok: String = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .unwrap_or_else(|_| "ok".into());
    assert_eq!(ok, "ok");
}

#[test]
fn applications_never_converted_go_after_the_retention() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let candidate = |last: &str| cesp::applications::ApplicationInput {
        civility: "M".into(),
        last_name: last.into(),
        first_names: "Yann".into(),
        discipline: "medecine".into(),
        ..Default::default()
    };
    for (year, last) in [(2012, "Ancien"), (2019, "Limite"), (2026, "Actuel")] {
        cesp::applications::save(
            &mut store,
            None,
            year,
            "Faculté de Brest",
            &candidate(last),
            today(),
        )
        .unwrap();
    }
    // Five years: files ended before 23/11/2021, campaigns up to 2019 (signed in 2020).
    let list = archive::candidates(&store, today()).unwrap();
    assert_eq!((list.old_applications, list.old_campaigns_until), (2, 2019));
    assert_eq!(archive::delete_old_applications(&mut store, today()).unwrap(), 2);
    let all = everything(&path);
    assert!(!all.contains("Ancien") && !all.contains("Limite"));
    assert!(all.contains("Actuel"));
    assert_eq!(archive::candidates(&store, today()).unwrap().old_applications, 0);
    // The journal kept one entry without a name for them, and the creation of the other.
    let journal = cesp::audit::search(&store, &Default::default()).unwrap().rows;
    let labels: Vec<(&str, &str)> = journal
        .iter()
        .map(|r| (r.signatory_label.as_str(), r.action.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (
                "2 candidature(s) des campagnes jusqu'à 2019-2020 (conservation)",
                "suppression"
            ),
            ("Actuel Yann", "creation"),
        ]
    );
}

/// Whether `needle` appears anywhere in the raw bytes of `path` (free pages, journal, index
/// segments included), in any letter case.
fn raw_contains(path: &Path, needle: &str) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let lower: Vec<u8> = bytes.iter().map(u8::to_ascii_lowercase).collect();
    let needle = needle.to_ascii_lowercase();
    lower.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn wal(path: &Path) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}-wal", path.display()))
}

#[test]
fn an_erased_name_is_nowhere_in_the_file_its_journal_or_unnamed_backups() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    file(&mut store, "Caradec", "engagement_termine");
    let marked = file(&mut store, "Zyxwvmarqueur", "engagement_termine");
    old_contract(&mut store, marked);
    // The name searched and changed a few times: FTS5 segments and journal pages hold it.
    for first in ["Anne", "Brigitte", "Claire"] {
        let mut i = input("Zyxwvmarqueur", first);
        i.status = "engagement_termine".into();
        i.signature_date = "15/09/2011".into();
        i.cycle = String::new();
        i.study_year = String::new();
        register::update(&mut store, marked, &i, today()).unwrap();
    }
    assert_eq!(
        register::list(
            &store,
            &register::ListQuery {
                search: "zyxwv".into(),
                ..Default::default()
            }
        )
        .unwrap()
        .total,
        1
    );
    let saved = cesp::backup::backup_now(&store).unwrap();
    // The window has the register open, as the CLI anonymises.
    let window = Store::open(&path).unwrap();
    register::count(&window).unwrap();

    let erased = archive::anonymise(&mut store, marked, today()).unwrap();
    assert!(!erased.journal_pending);
    assert_eq!(erased.backups.len(), 1, "{:?}", erased.backups);
    assert_eq!(erased.backups[0].path, saved.path);
    for f in [path.clone(), wal(&path)] {
        assert!(
            !raw_contains(&f, "Zyxwvmarqueur"),
            "the name is still in {}",
            f.display()
        );
    }
    assert_eq!(
        register::list(
            &window,
            &register::ListQuery {
                search: "zyxwv".into(),
                ..Default::default()
            }
        )
        .unwrap()
        .total,
        0
    );
    // Kept, coarsened: years instead of dates.
    let start: String = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT allocation_start FROM ledger WHERE signatory_id = ?1",
            [marked],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(start, "2011-01-01");

    // The backup holds the person (the check can see her) until it is purged.
    assert!(raw_contains(Path::new(&saved.path), "Zyxwvmarqueur"));
    assert_eq!(
        archive::backups_holding(&store, marked, &erased.created_at)
            .unwrap()
            .len(),
        1
    );
    // A file still whole cannot have its backups purged.
    let other = register::list(
        &store,
        &register::ListQuery {
            search: "caradec".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .rows[0]
        .id;
    let stamp = archive::created_stamp(&store, i64::from(other)).unwrap();
    assert!(archive::purge_backups(&store, i64::from(other), &stamp).is_err());
    assert!(Path::new(&saved.path).exists());
    assert_eq!(
        archive::purge_backups(&store, marked, &erased.created_at).unwrap(),
        1
    );
    assert!(!Path::new(&saved.path).exists());
    assert!(archive::backups_holding(&store, marked, &erased.created_at)
        .unwrap()
        .is_empty());
    drop(window);

    // A deletion: the same guarantees.
    let deleted = file(&mut store, "Qwxzdeletion", "engagement_termine");
    old_contract(&mut store, deleted);
    let kept = cesp::backup::backup_now(&store).unwrap();
    let erased = archive::delete(&mut store, deleted, today()).unwrap();
    assert_eq!(erased.backups.len(), 1);
    for f in [path.clone(), wal(&path)] {
        assert!(
            !raw_contains(&f, "Qwxzdeletion"),
            "the name is still in {}",
            f.display()
        );
    }
    assert_eq!(
        archive::purge_backups(&store, deleted, &erased.created_at).unwrap(),
        1
    );
    assert!(!Path::new(&kept.path).exists());
}
