//! The store against real SQLite files in temporary folders.

mod common;

use cesp::domain::{Discipline, Regime, Status};
use cesp::register::{self, ListQuery, SortColumn};
use cesp::store::migrations;
use cesp::{demo, settings, Error, Store};
use common::{input, temp_db, today};
use rusqlite::Connection;

fn names(store: &Store, q: &ListQuery) -> Vec<String> {
    register::list(store, q)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| format!("{} {}", r.last_name, r.first_names))
        .collect()
}

fn search(text: &str) -> ListQuery {
    ListQuery {
        search: text.into(),
        ..Default::default()
    }
}

#[test]
fn create_read_update_and_reopen() {
    let (_dir, path) = temp_db();
    let id = {
        let mut store = Store::open(&path).unwrap();
        let mut i = input("Lefèvre", "Hélène");
        i.contract_ref = "CESP-2024-0001".into();
        let s = register::create(&mut store, &i, today()).unwrap();
        assert_eq!(s.regime, Some(Regime::R2020));
        assert_eq!(s.status, Status::EnFormation);

        let mut changed = s.to_input();
        changed.status = "suspendu".into();
        changed.birth_name = "Quéré".into();
        let u = register::update(&mut store, i64::from(s.id), &changed, today()).unwrap();
        assert_eq!(u.status, Status::Suspendu);
        assert_eq!(u.birth_name.as_deref(), Some("Quéré"));
        assert_eq!(u.created_at, s.created_at);
        s.id
    };
    // Reopen the file: everything is there.
    let store = Store::open(&path).unwrap();
    let s = register::get(&store, i64::from(id)).unwrap();
    assert_eq!(
        (s.last_name.as_str(), s.first_names.as_str()),
        ("Lefèvre", "Hélène")
    );
    assert_eq!(s.birth_name.as_deref(), Some("Quéré"));
    assert_eq!(s.contract_ref.as_deref(), Some("CESP-2024-0001"));
    // The birth name is searchable after the update.
    assert_eq!(names(&store, &search("quere")), vec!["Lefèvre Hélène"]);
}

#[test]
fn the_store_runs_in_wal_with_foreign_keys_and_full_sync() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
    let settings = store.connection_settings().unwrap();
    assert_eq!(settings.journal_mode, "wal");
    assert_eq!(settings.synchronous, 2, "synchronous = FULL");
    assert!(settings.foreign_keys);
    assert!(settings.secure_delete);
    assert_eq!(
        settings.busy_timeout_ms,
        i64::try_from(cesp::store::BUSY_TIMEOUT.as_millis()).unwrap()
    );
    assert_eq!(settings.cache_size, -cesp::store::CACHE_KIB);
    assert_eq!(settings.mmap_size, cesp::store::MMAP_BYTES);
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
    assert_eq!(app_id, cesp::store::APPLICATION_ID);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn search_ignores_accents_case_and_matches_word_starts() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    for (last, first, birth) in [
        ("Lefèvre", "Hélène", ""),
        ("LE BIHAN", "Noé", "Cœurdevey"),
        ("Martin", "Helena", ""),
        ("Dupont", "Jean-Baptiste", ""),
    ] {
        let mut i = input(last, first);
        i.birth_name = birth.into();
        register::create(&mut store, &i, today()).unwrap();
    }
    assert_eq!(names(&store, &search("helene")), vec!["Lefèvre Hélène"]);
    assert_eq!(
        names(&store, &search("HÉLÈ")),
        vec!["Lefèvre Hélène", "Martin Helena"]
    );
    assert_eq!(names(&store, &search("lefevre h")), vec!["Lefèvre Hélène"]);
    assert_eq!(names(&store, &search("coeur")), vec!["LE BIHAN Noé"]);
    assert_eq!(names(&store, &search("bihan noe")), vec!["LE BIHAN Noé"]);
    assert_eq!(names(&store, &search("baptiste")), vec!["Dupont Jean-Baptiste"]);
    assert!(names(&store, &search("zzz")).is_empty());
    // Operators typed by the user are plain words, not FTS syntax errors.
    assert!(names(&store, &search("\"OR (")).is_empty() || names(&store, &search("\"OR (")).len() <= 4);
    assert_eq!(names(&store, &search("  ")).len(), 4);
}

#[test]
fn filters_sort_and_paging() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    demo::load(&mut store, 500, 11, today()).unwrap();
    let all = register::list(
        &store,
        &ListQuery {
            limit: 500,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(all.total, 500);

    // Status and discipline filters agree with the rows they return.
    let q = ListQuery {
        status: Some(Status::Installe),
        discipline: Some(Discipline::Odontologie),
        limit: 500,
        ..Default::default()
    };
    let page = register::list(&store, &q).unwrap();
    assert!(page.total > 0);
    assert!(page
        .rows
        .iter()
        .all(|r| r.status == Status::Installe && r.discipline == Discipline::Odontologie));
    let expected = all
        .rows
        .iter()
        .filter(|r| r.status == Status::Installe && r.discipline == Discipline::Odontologie)
        .count();
    assert_eq!(page.total as usize, expected);

    // Paging walks the whole list without gaps or repeats.
    let mut seen = Vec::new();
    for offset in (0..500).step_by(50) {
        let p = register::list(
            &store,
            &ListQuery {
                offset,
                limit: 50,
                ..Default::default()
            },
        )
        .unwrap();
        seen.extend(p.rows.into_iter().map(|r| r.id));
    }
    let all_ids: Vec<i32> = all.rows.iter().map(|r| r.id).collect();
    assert_eq!(seen, all_ids);

    // Sorting by year, descending, puts the newest first and empty years last.
    let p = register::list(
        &store,
        &ListQuery {
            sort: SortColumn::SignatureYear,
            descending: true,
            limit: 500,
            ..Default::default()
        },
    )
    .unwrap();
    let years: Vec<i32> = p.rows.iter().filter_map(|r| r.signature_year).collect();
    assert!(years.windows(2).all(|w| w[0] >= w[1]));
    // By name, ascending, accents folded ("Émile" sorts with "E").
    let folded: Vec<String> = all.rows.iter().map(|r| cesp::text::fold(&r.last_name)).collect();
    assert!(folded.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn an_invalid_form_saves_nothing() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut bad = input("Dupont", "");
    bad.email = "pas-un-courriel".into();
    let Err(Error::Validation(errs)) = register::create(&mut store, &bad, today()) else {
        panic!("validation error expected")
    };
    assert!(errs.message("first_names").is_some());
    assert!(errs.message("email").is_some());
    assert_eq!(register::count(&store).unwrap(), 0);
}

#[test]
fn a_contract_reference_belongs_to_one_signatory() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut a = input("Durand", "Léa");
    a.contract_ref = "CESP-2024-0007".into();
    let first = register::create(&mut store, &a, today()).unwrap();
    let mut b = input("Morel", "Théo");
    b.contract_ref = "CESP-2024-0007".into();
    let Err(Error::Validation(errs)) = register::create(&mut store, &b, today()) else {
        panic!("duplicate reference must be refused")
    };
    assert!(errs.message("contract_ref").unwrap().contains("déjà"));
    assert_eq!(register::count(&store).unwrap(), 1);
    // Saving the owner again with its own reference is fine.
    register::update(&mut store, i64::from(first.id), &first.to_input(), today()).unwrap();
}

#[test]
fn updating_a_missing_signatory_is_reported() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let err = register::update(&mut store, 42, &input("Roux", "Zoé"), today()).unwrap_err();
    assert!(matches!(err, Error::SignatoryNotFound(42)));
    assert!(err.to_string().contains("n° 42"));
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrations::latest_version() + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::SchemaTooNew { .. }), "{err}");
    assert!(err.to_string().contains("version plus récente"));
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file must not change");
    assert!(!path.with_extension("sqlite3-wal").exists());
}

#[test]
fn a_file_that_is_not_ours_is_refused() {
    let (dir, _) = temp_db();
    let text = dir.path().join("notes.sqlite3");
    std::fs::write(
        &text,
        "ceci n'est pas une base de données, mais un texte assez long pour en avoir l'air".repeat(20),
    )
    .unwrap();
    let before = std::fs::read(&text).unwrap();
    // Not a database, or one whose header is damaged: said so, with how to restore, untouched.
    let err = Store::open(&text).unwrap_err();
    assert!(matches!(err, Error::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("restore"), "{err}");
    assert_eq!(std::fs::read(&text).unwrap(), before);

    let other = dir.path().join("autre.sqlite3");
    {
        let conn = Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;")
            .unwrap();
    }
    let err = Store::open(&other).unwrap_err();
    assert!(err.to_string().contains("autre application"), "{err}");
}

#[test]
fn migrating_from_an_empty_file_and_from_an_older_version() {
    let (_dir, path) = temp_db();
    // An empty file (0 bytes), as a user might create by hand.
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, b"").unwrap();
    let mut store = Store::open(&path).unwrap();
    register::create(&mut store, &input("Petit", "Lucas"), today()).unwrap();
    drop(store);

    // A binary that knows one more version: the file is backed up, then migrated in one go.
    let latest = migrations::latest_version();
    let mut scripts = migrations::scripts();
    scripts.push(
        "ALTER TABLE signatory ADD COLUMN essai TEXT; CREATE TABLE essai_suivante (id INTEGER PRIMARY KEY);",
    );
    let store = Store::open_with(&path, &scripts).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest + 1);
    assert_eq!(register::count(&store).unwrap(), 1);
    let backups: Vec<_> = std::fs::read_dir(path.parent().unwrap().join("sauvegardes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(
        backups[0].starts_with(&format!("cesp-avant-migration-v{latest}-")),
        "{backups:?}"
    );
    let backup = Connection::open(path.parent().unwrap().join("sauvegardes").join(&backups[0])).unwrap();
    let v: i64 = backup.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, latest);
}

#[test]
fn a_failing_migration_leaves_the_store_as_it_was() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    register::create(&mut store, &input("Garnier", "Inès"), today()).unwrap();
    drop(store);
    let mut scripts = migrations::scripts();
    scripts.push("CREATE TABLE bonne (x); CREATE TABLE signatory (doublon);");
    let err = Store::open_with(&path, &scripts).unwrap_err();
    assert!(
        err.to_string().contains("antérieur") || matches!(err, Error::Sqlite(_)),
        "{err}"
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
    assert_eq!(register::count(&store).unwrap(), 1);
    let conn = Connection::open(&path).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'bonne'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        n, 0,
        "the first statement of the failed migration was rolled back"
    );
}

#[test]
fn a_concurrent_writer_waits_then_gets_a_clear_message() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let err = register::create(&mut store, &input("Faure", "Agathe"), today()).unwrap_err();
    assert!(matches!(err, Error::Busy), "{err}");
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(4),
        "the busy timeout was not honoured"
    );
    other.execute_batch("ROLLBACK").unwrap();
    register::create(&mut store, &input("Faure", "Agathe"), today()).unwrap();
}

#[test]
fn settings_and_first_launch() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let info = settings::app_info(&store).unwrap();
    assert!(info.first_launch);
    assert_eq!(info.region, "");
    let info = settings::save(
        &mut store,
        &settings::SettingsInput {
            region: "centre val de loire".into(),
        },
    )
    .unwrap();
    assert_eq!(info.region, "Centre-Val de Loire");
    let err = settings::save(
        &mut store,
        &settings::SettingsInput {
            region: "Atlantide".into(),
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("invalide") || matches!(err, Error::Validation(_)));
    assert_eq!(settings::app_info(&store).unwrap().region, "Centre-Val de Loire");
    settings::finish_first_launch(&mut store).unwrap();
    assert!(!settings::app_info(&store).unwrap().first_launch);
}

#[test]
fn demo_data_go_only_into_an_empty_store() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(demo::load(&mut store, 200, 5, today()).unwrap(), 200);
    assert!(!settings::app_info(&store).unwrap().first_launch);
    let err = demo::load(&mut store, 10, 5, today()).unwrap_err();
    assert!(matches!(err, Error::DemoNeedsEmptyStore(200)));
    assert_eq!(register::count(&store).unwrap(), 200);
}

/// Every schema version that has shipped migrates to the current one with its data.
#[test]
fn every_earlier_schema_version_migrates_with_its_data() {
    let all = migrations::scripts();
    for version in 1..all.len() {
        let (_dir, path) = temp_db();
        {
            let mut old = Store::open_with(&path, &all[..version]).unwrap();
            assert_eq!(old.schema_version().unwrap(), version as i64);
            // Only what that version's tables hold: signatories (demo::load also writes
            // follow-up forms, which older schemas do not have).
            for i in demo::generate(40, 9, today()) {
                register::create(&mut old, &i, today()).unwrap();
            }
            settings::save(
                &mut old,
                &settings::SettingsInput {
                    region: "Bretagne".into(),
                },
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), migrations::latest_version());
        assert_eq!(register::count(&store).unwrap(), 40, "from v{version}");
        assert_eq!(settings::app_info(&store).unwrap().region, "Bretagne");
        let conn = Connection::open(&path).unwrap();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
        let fk: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 0);
        // The search index still finds everyone.
        let query = ListQuery {
            search: "a".into(),
            limit: 500,
            ..Default::default()
        };
        assert!(register::list(&store, &query).unwrap().total > 0);
    }
}

/// A register name Windows refuses (a device name, a trailing dot) is refused on every
/// system, before anything is created: the register may be handed to a Windows laptop.
#[test]
fn names_windows_refuses_are_refused_before_anything_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["CON.sqlite3", "nul.sqlite3", "cesp.sqlite3.", "registre?.sqlite3"] {
        let path = tmp.path().join("nouveau").join(name);
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, cesp::Error::UnusablePath { .. }), "{name}: {err}");
        assert!(err.to_string().contains("Choisissez-en un autre"), "{err}");
        assert!(!tmp.path().join("nouveau").exists(), "{name}: nothing created");
    }
}

#[test]
fn the_register_sorts_names_in_french_order_and_refreshes_older_keys() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        for (last, first) in [
            ("Martinez", "Anne"),
            ("Œuvray", "Zoé"),
            ("Martin", "Zoé"),
            ("Éluard", "Paul"),
            ("Eymard", "Léa"),
            ("d'Estaing", "Anne"),
        ] {
            register::create(&mut store, &input(last, first), today()).unwrap();
        }
    }
    let order = |store: &Store| {
        names(
            store,
            &ListQuery {
                sort: SortColumn::Name,
                ..search("")
            },
        )
    };
    let expected = vec![
        "d'Estaing Anne",
        "Éluard Paul",
        "Eymard Léa",
        "Martin Zoé",
        "Martinez Anne",
        "Œuvray Zoé",
    ];
    assert_eq!(order(&Store::open(&path).unwrap()), expected);
    // A register written by an older version (byte-order keys, no version): keys made
    // again at the next opening, in one go.
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute("UPDATE signatory SET name_key = upper(last_name)", [])
            .unwrap();
        conn.execute("DELETE FROM setting WHERE key = 'name_key_version'", [])
            .unwrap();
    }
    assert_eq!(order(&Store::open(&path).unwrap()), expected);
}
