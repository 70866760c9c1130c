//! Faults injected on purpose (issue #8): a writer killed in the middle of its transaction, a
//! full disk, a read-only database. Each leaves the register sound, with every committed batch and no part of an
//! interrupted one.

mod common;

use cesp::{backup, register, Error, Store};
use common::{input, temp_db, today};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const BATCH: usize = 1500;

/// A name made of letters only (names are checked): 0 → "aa", 27 → "bb"…
fn letters(mut n: usize) -> String {
    let mut s = String::new();
    for _ in 0..3 {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
    }
    s
}

/// A spreadsheet of `BATCH` new signatories, different for each trial.
fn batch(dir: &Path, trial: usize) -> std::path::PathBuf {
    let mut text =
        String::from("Civilité;Nom;Prénom;Date de naissance;Discipline;Statut;Date de signature\n");
    for i in 0..BATCH {
        text.push_str(&format!(
            "Mme;Essai{};Anne{};{:02}/{:02}/{};Médecine;En formation;15/09/2023\n",
            letters(trial),
            letters(i),
            1 + i % 28,
            1 + i % 12,
            1990 + i % 10
        ));
    }
    let path = dir.join(format!("lot-{trial}.csv"));
    std::fs::write(&path, text).unwrap();
    path
}

/// `kill -9` of `cesp import` (one transaction per import) at 20 moments, from before it
/// writes to after it commits: the file passes `integrity_check` and `foreign_key_check` each
/// time, and holds every batch whose import finished and none of the others, in part or whole.
#[test]
fn a_writer_killed_twenty_times_loses_no_committed_batch_and_leaves_no_partial_one() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    register::create(&mut store, &input("Avant", "Essais"), today()).unwrap();
    drop(store);
    let mut expected = 1i64;
    let (mut committed, mut interrupted) = (0, 0);
    for trial in 0..20usize {
        let file = batch(dir.path(), trial);
        let mut child = Command::new(env!("CARGO_BIN_EXE_cesp"))
            .env_remove("CESP_DB")
            .arg("--db")
            .arg(&path)
            .arg("import")
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // From 10 ms (reading the file) to ~1 s (long after a debug build commits); one import
        // left to finish, whose batch the later kills must not lose, whatever the machine's speed.
        if trial != 10 {
            std::thread::sleep(Duration::from_millis(10 + (trial as u64) * 50));
        }
        let finished = trial == 10 || matches!(child.try_wait(), Ok(Some(_)));
        if trial != 10 {
            let _ = child.kill();
        }
        let status = child.wait().unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(
            backup::check(&store).unwrap(),
            Vec::<String>::new(),
            "trial {trial}"
        );
        let n = register::count(&store).unwrap();
        // The journal went with the writes: one creation entry per file, never more or less.
        let journalled = cesp::audit::search(
            &store,
            &cesp::audit::AuditQuery {
                entity: "signatory".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .rows
        .iter()
        .filter(|r| r.action == "creation")
        .count();
        assert_eq!(
            journalled as i64, n,
            "trial {trial}: journal and register disagree"
        );
        if finished && status.success() {
            expected += BATCH as i64;
            committed += 1;
            assert_eq!(n, expected, "trial {trial}: a committed batch was lost");
        } else if n == expected + BATCH as i64 {
            // Killed after its commit, before it exited.
            expected = n;
            committed += 1;
        } else {
            interrupted += 1;
            assert_eq!(
                n, expected,
                "trial {trial}: part of an interrupted batch is visible"
            );
        }
    }
    eprintln!("{committed} lots validés, {interrupted} interrompus, 0 ligne perdue");
    assert!(
        interrupted > 0,
        "no import was interrupted: the trial proves nothing"
    );
    assert!(committed > 0);
}

/// A full disk in the middle of a write (the file may not grow any more): a clear message,
/// nothing of the write kept, and the register still usable.
#[test]
fn a_full_disk_keeps_nothing_of_the_write_and_says_so() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 50, 3, today()).unwrap();
    let before = register::count(&store).unwrap();
    store.limit_pages_for_tests(0).unwrap();
    let mut err = None;
    for i in 0..2000 {
        let mut who = input("Plein", &format!("Disque{}", letters(i)));
        who.notes = "x".repeat(3000);
        if let Err(e) = register::create(&mut store, &who, today()) {
            err = Some(e);
            break;
        }
    }
    let err = err.expect("the file never filled up");
    assert!(matches!(err, Error::DiskFull), "{err:?}");
    assert!(err.to_string().contains("Le disque est plein"), "{err}");
    assert!(err.to_string().contains("rien n'a été enregistré"), "{err}");
    let after_full = register::count(&store).unwrap();
    assert!(after_full >= before);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert!(backup::check(&store).unwrap().is_empty());
    assert_eq!(
        register::count(&store).unwrap(),
        after_full,
        "the failed write left nothing"
    );
}

/// A database the user may not write (file and folder read-only; run as an unprivileged user
/// when the tests run as root, which ignores file modes): a clear message, an exit code, and
/// the file byte for byte as it was.
#[cfg(unix)]
#[test]
fn a_read_only_database_is_reported_and_left_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    cesp::demo::load(&mut store, 10, 3, today()).unwrap();
    drop(store);
    let folder = path.parent().unwrap().to_owned();
    let before = std::fs::read(&path).unwrap();
    let set =
        |p: &Path, mode: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    // Others may walk to the file and read it, nobody may write it.
    set(dir.path(), 0o755);
    set(&folder, 0o555);
    set(&path, 0o444);
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root {
        // A copy of the binary the unprivileged user can reach, wherever the checkout lives.
        let bin = dir.path().join("cesp");
        std::fs::copy(env!("CARGO_BIN_EXE_cesp"), &bin).unwrap();
        set(&bin, 0o755);
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_cesp"))
    };
    let out = cmd
        .env_remove("CESP_DB")
        .arg("--db")
        .arg(&path)
        .arg("backup")
        .output()
        .expect("setpriv (util-linux) or cesp");
    set(&folder, 0o755);
    set(&path, 0o644);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("lecture seule"), "{stderr}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is unchanged");
    assert_eq!(count(&path), 10);
}

#[cfg(unix)]
fn count(path: &Path) -> i64 {
    register::count(&Store::open(path).unwrap()).unwrap()
}
