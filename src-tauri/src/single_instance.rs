//! One window per database: a second launch on the same register brings the open window to
//! the front and exits, rather than opening a second window that would write to the same
//! file.
//!
//! Not tauri-plugin-single-instance: on Linux it needs a D-Bus session bus, which a kiosk
//! session, an X server without a desktop (the end-to-end tests) or some managed desktops
//! lack, and without which it stops the application at start-up. This uses only the
//! standard library: the first window listens on a loopback port and writes the port and a
//! random token to `<base>.fenetre` beside the database (readable by its owner only); a
//! second launch reads them, sends the token, and waits for "ok". The token keeps another
//! program from raising the window; a file left by a crash is recognised (nobody answers)
//! and replaced.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a launch found.
pub enum Claim {
    /// No other window on this database: this one listens for the next launches.
    First(Instance),
    /// Another window on this database answered and was brought to the front.
    AlreadyOpen,
}

/// The first window's claim; the file is removed when it is dropped.
pub struct Instance {
    listener: TcpListener,
    token: String,
    file: PathBuf,
}

/// `<base>.fenetre` beside the database.
pub fn claim_file(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".fenetre");
    db.with_file_name(name)
}

fn token() -> String {
    use std::hash::{BuildHasher, RandomState};
    // RandomState is seeded from the OS's random source for each process.
    let a = RandomState::new().hash_one(std::process::id());
    let b = RandomState::new().hash_one(std::time::SystemTime::now());
    format!("{a:016x}{b:016x}")
}

/// Asks the window recorded in `file` to come to the front; true when it answered "ok".
fn ask_focus(file: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(file) else {
        return false;
    };
    let mut parts = text.split_whitespace();
    let (Some(port), Some(token)) = (parts.next().and_then(|p| p.parse::<u16>().ok()), parts.next()) else {
        return false;
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, Duration::from_millis(500)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
    if writeln!(stream, "{token}").is_err() {
        return false;
    }
    let mut answer = String::new();
    BufReader::new(stream).read_line(&mut answer).is_ok() && answer.trim() == "ok"
}

/// Writes `content` to `file` only if it does not exist (two launches at the same instant:
/// one wins), readable by its owner only.
fn create_new(file: &Path, content: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(file)?;
    f.write_all(content.as_bytes())?;
    f.sync_all()
}

/// Claims the database `db` for this window, or brings the window that has it to the front.
pub fn claim(db: &Path) -> std::io::Result<Claim> {
    let file = claim_file(db);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    for _ in 0..20 {
        if ask_focus(&file) {
            return Ok(Claim::AlreadyOpen);
        }
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        let token = token();
        let content = format!("{} {token}\n", listener.local_addr()?.port());
        match create_new(&file, &content) {
            Ok(()) => {
                return Ok(Claim::First(Instance {
                    listener,
                    token,
                    file,
                }))
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                // Left by a window that no longer answers (a crash), or written this instant
                // by another launch: a stale file is replaced; a fresh one gets its answer on
                // the next turn.
                if !ask_focus(&file) {
                    let age = std::fs::metadata(&file)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .unwrap_or_default();
                    if age > Duration::from_secs(2) {
                        let _ = std::fs::remove_file(&file);
                    }
                } else {
                    return Ok(Claim::AlreadyOpen);
                }
                std::thread::sleep(Duration::from_millis(150));
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "le fichier {} n'a pas pu être pris ni remplacé",
        file.display()
    )))
}

impl Instance {
    /// Answers the next launches in the background: `focus` is called for each one that
    /// sends the token.
    pub fn serve(self, focus: impl Fn() + Send + 'static) -> Guard {
        let Instance {
            listener,
            token,
            file,
        } = self;
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut line = String::new();
                let mut reader = BufReader::new(&stream);
                if reader.read_line(&mut line).is_err() || line.trim() != token {
                    continue;
                }
                focus();
                let _ = (&stream).write_all(b"ok\n");
            }
        });
        Guard { file }
    }
}

/// Removes the claim file when the window closes.
pub struct Guard {
    file: PathBuf,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn a_second_launch_finds_the_first_and_a_stale_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cesp.sqlite3");
        let Claim::First(first) = claim(&db).unwrap() else {
            panic!("nobody had the database yet");
        };
        let focused = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&focused);
        let guard = first.serve(move || {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        assert!(matches!(claim(&db).unwrap(), Claim::AlreadyOpen));
        assert!(matches!(claim(&db).unwrap(), Claim::AlreadyOpen));
        assert_eq!(focused.load(Ordering::SeqCst), 2);
        // A wrong token is ignored.
        let text = std::fs::read_to_string(claim_file(&db)).unwrap();
        let port: u16 = text.split_whitespace().next().unwrap().parse().unwrap();
        let mut s = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        writeln!(s, "pas-le-jeton").unwrap();
        drop(s);
        drop(guard);
        assert!(!claim_file(&db).exists(), "the file goes with the window");

        // A window that crashed left its file, and nobody answers on its port.
        std::fs::write(claim_file(&db), "1 jeton-perime\n").unwrap();
        let old = std::time::SystemTime::now() - Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(claim_file(&db))
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert!(matches!(claim(&db).unwrap(), Claim::First(_)));
        assert_eq!(focused.load(Ordering::SeqCst), 2);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cesp.sqlite3");
        let Claim::First(_first) = claim(&db).unwrap() else {
            panic!("first");
        };
        let mode = std::fs::metadata(claim_file(&db)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
