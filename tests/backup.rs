//! Backups and recovery (issue #8): a backup is a checked copy; a restore backs the current
//! file up first, or moves a damaged one aside, and deletes nothing; a damaged store is
//! reported with where it is and how to restore it; an interrupted backup leaves the store
//! untouched and lists nothing half-written.

mod common;

use cesp::backup::{self, retention::Retention, BackupKind};
use cesp::store::migrations;
use cesp::{register, Error, Store};
use common::{input, temp_db, today};
use std::path::Path;
use std::process::Command;

fn cesp(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cesp"))
        .env_remove("CESP_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn count(db: &Path) -> i64 {
    register::count(&Store::open(db).unwrap()).unwrap()
}

#[test]
fn backup_modify_restore_gives_back_the_saved_register() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 120, 2, today()).unwrap();
    let saved = backup::backup_now(&store).unwrap();
    assert_eq!(saved.kind, BackupKind::Manuelle);
    assert_eq!(saved.signatories, Some(120));
    assert!(
        saved.file_name.starts_with("cesp-manuelle-"),
        "{}",
        saved.file_name
    );
    register::create(&mut store, &input("Apres", "Sauvegarde"), today()).unwrap();
    drop(store);
    assert_eq!(count(&path), 121);

    let outcome = backup::restore(&path, Path::new(&saved.path), migrations::latest_version()).unwrap();
    assert!(!outcome.previous_damaged);
    assert_eq!(count(&path), 120);
    // The replaced register was kept: restoring that backup gives the new file back.
    let previous = outcome.previous.unwrap();
    assert!(previous.contains("avant-restauration"), "{previous}");
    backup::restore(&path, Path::new(&previous), migrations::latest_version()).unwrap();
    assert_eq!(count(&path), 121);
    let kinds: Vec<BackupKind> = backup::list(&path).unwrap().iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == BackupKind::AvantRestauration)
            .count(),
        2
    );
    let store = Store::open(&path).unwrap();
    assert!(backup::check(&store).unwrap().is_empty());
}

#[test]
fn a_restore_is_refused_while_the_register_is_open_elsewhere() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 30, 2, today()).unwrap();
    let saved = backup::backup_now(&store).unwrap();
    register::create(&mut store, &input("Ouvert", "Ailleurs"), today()).unwrap();
    // `store` stays open, like a window while the CLI restores.
    let err = backup::restore(&path, Path::new(&saved.path), migrations::latest_version()).unwrap_err();
    assert!(
        err.to_string().contains("ouverte par un autre programme"),
        "{err}"
    );
    assert_eq!(register::count(&store).unwrap(), 31);
    drop(store);
    assert_eq!(count(&path), 31);
}

#[test]
fn a_bad_backup_is_refused_and_the_register_is_left_as_it_was() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 20, 2, today()).unwrap();
    drop(store);
    let junk = dir.path().join("pas-une-base.sqlite3");
    std::fs::write(
        &junk,
        b"ceci n'est pas une base SQLite, mais un texte assez long pour en avoir l'air",
    )
    .unwrap();
    let err = backup::restore(&path, &junk, migrations::latest_version()).unwrap_err();
    assert!(err.to_string().contains("ne peut pas être restaurée"), "{err}");
    assert!(err.to_string().contains("n'a pas été modifiée"), "{err}");
    assert_eq!(count(&path), 20);
    assert!(
        backup::list(&path).unwrap().is_empty(),
        "no backup made for a refused restore"
    );
}

/// Overwrites `len` bytes of `path` at `offset`.
fn damage(path: &Path, offset: u64, len: usize) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.seek(SeekFrom::Start(offset)).unwrap();
    let noise: Vec<u8> = (0..len).map(|i| (i * 151 % 251) as u8).collect();
    f.write_all(&noise).unwrap();
    f.sync_all().unwrap();
}

#[test]
fn a_damaged_header_is_reported_kept_and_replaced_by_its_backup() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 40, 2, today()).unwrap();
    let saved = backup::backup_now(&store).unwrap();
    drop(store);
    damage(&path, 0, 100);
    let size = std::fs::metadata(&path).unwrap().len();

    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::Damaged { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("endommagée") && text.contains("sauvegardes"),
        "{text}"
    );
    assert!(text.contains("restore"), "{text}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size, "nothing deleted");
    // Every command of the CLI says so, with a non-zero exit.
    let out = cesp(&path, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("endommagée"));

    let out = cesp(&path, &["restore", &saved.path]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(said.contains("mise de côté"), "{said}");
    assert_eq!(count(&path), 40);
    // The damaged file is still there, aside.
    let aside: Vec<_> = std::fs::read_dir(backup::folder(&path))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("endommagee"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].metadata().unwrap().len(), size);
}

#[test]
fn check_finds_a_damaged_page_and_says_how_to_restore() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 400, 2, today()).unwrap();
    drop(store);
    let out = cesp(&path, &["check"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Base saine"));
    assert!(
        backup::health(&path).is_empty(),
        "the start-up check finds nothing"
    );
    // Garbage in the middle of the file: a page of the register's tables or indexes.
    let size = std::fs::metadata(&path).unwrap().len();
    damage(&path, size / 2 / 4096 * 4096, 3000);
    // The window's start-up check (quick_check, on its own connection) sees it.
    assert!(!backup::health(&path).is_empty());
    let out = cesp(&path, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        all.contains("endommagée") || all.contains("Problèmes trouvés"),
        "{all}"
    );
    assert!(all.contains("restore"), "{all}");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size, "nothing deleted");
}

#[test]
fn the_rotation_keeps_days_weeks_and_months_and_the_others_for_their_months() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 10, 2, today()).unwrap();
    let first = backup::backup_now(&store).unwrap();
    let dir = backup::folder(&path);
    // Older backups, as earlier days would have left them (dated from now: the rotation
    // reads the clock).
    let now = chrono::Local::now().naive_local();
    let name = |kind: &str, days: i64| {
        let t = now - chrono::Duration::days(days);
        format!("cesp-{kind}-{}.sqlite3", t.format("%Y%m%d-%H%M%S"))
    };
    let (day2, day3, day31) = (
        name("quotidienne", 2),
        name("quotidienne", 3),
        name("quotidienne", 31),
    );
    let manual = name("manuelle", 60);
    let migration = name("avant-migration-v5", 700);
    for n in [&day2, &day3, &day31, &manual, &migration] {
        std::fs::copy(&first.path, dir.join(n)).unwrap();
    }
    assert_eq!(backup::list(&path).unwrap().len(), 6);
    let r = Retention {
        daily: 2,
        weekly: 0,
        monthly: 0,
        others_months: 36,
    };
    backup::save_retention(&mut store, &r).unwrap();
    let left: Vec<String> = backup::list(&path)
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    // Two daily ones kept; the manual and pre-migration ones are within their 36 months.
    assert_eq!(left.len(), 5, "{left:?}");
    assert!(left.contains(&first.file_name));
    assert!(left.contains(&day2));
    assert!(left.contains(&day3), "{left:?}");
    assert!(!left.contains(&day31));
    assert!(left.contains(&manual));
    assert!(left.contains(&migration));
    // The others have their months too: at 12, the pre-migration copy of 23 months goes.
    backup::save_retention(
        &mut store,
        &Retention {
            others_months: 12,
            ..r
        },
    )
    .unwrap();
    let left: Vec<String> = backup::list(&path)
        .unwrap()
        .into_iter()
        .map(|b| b.file_name)
        .collect();
    assert!(!left.contains(&migration), "{left:?}");
    assert!(left.contains(&manual), "{left:?}");
    // Bad settings are refused with the field.
    let err = backup::save_retention(
        &mut store,
        &Retention {
            daily: 0,
            weekly: 4,
            monthly: 12,
            others_months: 12,
        },
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Validation(v) if v.message("daily").is_some()),
        "{err:?}"
    );
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_not_for_an_empty_register() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let at = |h: u32| today().and_hms_opt(h, 0, 0).unwrap();
    assert_eq!(backup::daily(&store, at(8)).unwrap(), None, "empty register");
    cesp::demo::load(&mut store, 10, 2, today()).unwrap();
    let made = backup::daily(&store, at(8)).unwrap().unwrap();
    assert_eq!(made.kind, BackupKind::Quotidienne);
    assert_eq!(backup::daily(&store, at(20)).unwrap(), None, "less than a day");
    let next = (today() + chrono::Days::new(1)).and_hms_opt(9, 0, 0).unwrap();
    assert!(backup::daily(&store, next).unwrap().is_some());
}

#[test]
fn the_cli_backs_up_lists_and_refuses_to_overwrite() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 25, 2, today()).unwrap();
    drop(store);
    let out = cesp(&path, &["backup"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("25 signataires"));
    let file = dir.path().join("copie.sqlite3");
    let out = cesp(&path, &["backup", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(count(&file), 25);
    let out = cesp(&path, &["backup", "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("existe déjà"));
    let out = cesp(&path, &["backups"]);
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        listed.contains("Manuelle") && listed.contains("25 signataires"),
        "{listed}"
    );
}

/// `kill -9` of `cesp backup` at random moments: the register stays sound, and no backup is
/// listed unless it is whole.
#[test]
fn a_backup_killed_midway_leaves_the_register_and_the_list_sound() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 4000, 2, today()).unwrap();
    drop(store);
    let before = count(&path);
    for i in 0..8u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cesp"))
            .env_remove("CESP_DB")
            .arg("--db")
            .arg(&path)
            .arg("backup")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5 + i * 15));
        let _ = child.kill();
        let _ = child.wait();
    }
    let store = Store::open(&path).unwrap();
    assert!(backup::check(&store).unwrap().is_empty());
    assert_eq!(register::count(&store).unwrap(), before);
    for b in backup::list(&path).unwrap() {
        assert_eq!(b.signatories, Some(before as u32), "{} is whole", b.file_name);
    }
}
