//! One window per database: a second launch on the same register brings the open window to
//! the front and exits, rather than opening a second window that would write to the same
//! file.
//!
//! Not tauri-plugin-single-instance: on Linux it needs a D-Bus session bus, which a kiosk
//! session, an X server without a desktop (the end-to-end tests) or some managed desktops
//! lack, and without which it stops the application at start-up.
//!
//! Whether a window is alive is the operating system's answer, never a guess: the window
//! holds an exclusive lock (`flock` on Unix, `LockFileEx` on Windows, through the standard
//! library) on `<base>.fenetre.verrou` for as long as it runs, and the system releases it
//! when the process ends, however it ends. A launch that cannot take the lock knows a window
//! is alive, and stops there, whether or not that window answers its request to come to the
//! front. Beside it, `<base>.fenetre` (readable by its owner only; a separate file, since a
//! Windows lock also forbids reading what it covers) holds a loopback port and a token drawn
//! from the system's random source: the window listens on the port and comes to the front
//! for whoever sends the token. Any local account can connect to a loopback port, so
//! the listener reads at most one short line within a deadline, serves each connection on
//! its own thread (a few at a time), and compares the token in constant time.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a launch found.
pub enum Claim {
    /// No other window on this database: this one listens for the next launches.
    First(Instance),
    /// Another window holds this database (it was asked to come to the front).
    AlreadyOpen,
}

/// The first window's claim: the locked file and the listener.
pub struct Instance {
    listener: TcpListener,
    token: String,
    lock: File,
}

/// `<base>.fenetre.verrou` beside the database: the file the window keeps locked.
pub fn lock_file(db: &Path) -> PathBuf {
    let mut name = claim_file(db).file_name().unwrap_or_default().to_os_string();
    name.push(".verrou");
    db.with_file_name(name)
}

/// The longest line a client may send: the token is 64 hexadecimal digits.
const MAX_LINE: u64 = 128;
/// How long a client has to send it.
const READ_DEADLINE: Duration = Duration::from_secs(2);
/// Connections served at once; more are closed at once.
const MAX_CLIENTS: usize = 8;

/// `<base>.fenetre` beside the database.
pub fn claim_file(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".fenetre");
    db.with_file_name(name)
}

/// 32 bytes from the operating system's random source, in hexadecimal.
fn token() -> std::io::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Opens `file`, created readable by its owner only; truncated only when asked (the lock
/// file is opened by every launch, the claim written by the window that holds the lock).
fn open_private(file: &Path, truncate: bool) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(truncate);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let opened = options.open(file)?;
    // Windows: its own access list, whatever the folder it sits in lets others read.
    #[cfg(windows)]
    crate::private_files::acl::make_private(file, false)?;
    Ok(opened)
}

/// Asks the window recorded in `file` to come to the front; true when it answered "ok".
/// The window writes the file just after taking the lock: an empty file is read again.
fn ask_focus(file: &Path) -> bool {
    let deadline = Instant::now() + Duration::from_secs(2);
    let (port, token) = loop {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let mut parts = text.split_whitespace();
        if let (Some(port), Some(token)) = (parts.next().and_then(|p| p.parse::<u16>().ok()), parts.next()) {
            break (port, token.to_owned());
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
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
    BufReader::new(stream.take(16)).read_line(&mut answer).is_ok() && answer.trim() == "ok"
}

/// Claims the database `db` for this window, or brings the window that holds it to the front.
pub fn claim(db: &Path) -> std::io::Result<Claim> {
    let file = claim_file(db);
    // The register's folder, private as the store makes it (this runs before the store opens).
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private_files::create_dir(dir, false).map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    let lock = open_private(&lock_file(db), false)?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            // A window is alive: it is asked to come forward, and this launch stops whether
            // it answers or not (a busy window must not get a twin on the same register).
            if !ask_focus(&file) {
                eprintln!("La fenêtre déjà ouverte sur cette base n'a pas répondu : elle reste ouverte.");
            }
            return Ok(Claim::AlreadyOpen);
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let token = token()?;
    let mut claimed = open_private(&file, true)?;
    claimed.write_all(format!("{} {token}\n", listener.local_addr()?.port()).as_bytes())?;
    claimed.sync_all()?;
    Ok(Claim::First(Instance {
        listener,
        token,
        lock,
    }))
}

/// Reads one line of at most [`MAX_LINE`] bytes before [`READ_DEADLINE`].
fn read_request(stream: &TcpStream) -> Option<Vec<u8>> {
    let deadline = Instant::now() + READ_DEADLINE;
    let mut line = Vec::new();
    let mut byte = [0u8; 64];
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())?;
        stream.set_read_timeout(Some(left)).ok()?;
        let n = (&*stream).read(&mut byte).ok()?;
        if n == 0 {
            return None;
        }
        let chunk = byte.get(..n)?;
        if let Some(end) = chunk.iter().position(|b| *b == b'\n') {
            line.extend_from_slice(chunk.get(..end)?);
            return (line.len() as u64 <= MAX_LINE).then_some(line);
        }
        line.extend_from_slice(chunk);
        if line.len() as u64 > MAX_LINE {
            return None;
        }
    }
}

impl Instance {
    /// Answers the next launches in the background: `focus` is called for each one that
    /// sends the token.
    pub fn serve(self, focus: impl Fn() + Send + Sync + 'static) -> Guard {
        let Instance {
            listener,
            token,
            lock,
        } = self;
        let focus = Arc::new(focus);
        let token = Arc::new(token);
        let busy = Arc::new(AtomicUsize::new(0));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if busy.fetch_add(1, Ordering::SeqCst) >= MAX_CLIENTS {
                    busy.fetch_sub(1, Ordering::SeqCst);
                    continue;
                }
                let (focus, token, busy) = (Arc::clone(&focus), Arc::clone(&token), Arc::clone(&busy));
                std::thread::spawn(move || {
                    if let Some(line) = read_request(&stream) {
                        let line = line.strip_suffix(b"\r").unwrap_or(&line);
                        if constant_time_eq::constant_time_eq(line, token.as_bytes()) {
                            focus();
                            let _ = (&stream).write_all(b"ok\n");
                        }
                    }
                    busy.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Guard { _lock: lock }
    }
}

/// Holds the lock while the window is open; the system releases it when the file is closed
/// or the process ends. The file itself stays (deleting it could let two launches lock two
/// different files of the same name).
pub struct Guard {
    _lock: File,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    fn port_of(db: &Path) -> u16 {
        let text = std::fs::read_to_string(claim_file(db)).unwrap();
        text.split_whitespace().next().unwrap().parse().unwrap()
    }

    #[test]
    fn a_second_launch_finds_the_first_and_the_lock_goes_with_the_window() {
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
        let mut s = TcpStream::connect((Ipv4Addr::LOCALHOST, port_of(&db))).unwrap();
        writeln!(s, "pas-le-jeton").unwrap();
        drop(s);
        drop(guard);
        // The window closed: the next launch is the first again, on the same file.
        let Claim::First(_again) = claim(&db).unwrap() else {
            panic!("the lock went with the window");
        };
        assert_eq!(focused.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_file_left_by_a_crash_does_not_block_and_a_silent_window_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cesp.sqlite3");
        // A window that crashed left its file; nobody holds the lock.
        std::fs::write(claim_file(&db), "1 jeton-perime\n").unwrap();
        let Claim::First(first) = claim(&db).unwrap() else {
            panic!("a stale file is taken over");
        };
        // A live window that does not answer (never served) still holds the register.
        assert!(matches!(claim(&db).unwrap(), Claim::AlreadyOpen));
        assert!(
            claim_file(&db).exists(),
            "the claim of a live window is never deleted"
        );
        drop(first);
    }

    #[test]
    fn slow_and_flooding_clients_do_not_hold_the_listener() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cesp.sqlite3");
        let Claim::First(first) = claim(&db).unwrap() else {
            panic!("first");
        };
        let focused = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&focused);
        let _guard = first.serve(move || {
            seen.fetch_add(1, Ordering::SeqCst);
        });
        let port = port_of(&db);
        // A client that connects and says nothing, and one that sends bytes without end.
        let _silent = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        let mut flood = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        let chunk = vec![b'x'; 64 * 1024];
        let _ = flood.set_write_timeout(Some(Duration::from_secs(3)));
        let mut sent = 0usize;
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(3) {
            match flood.write(&chunk) {
                Ok(n) => sent += n,
                Err(_) => break,
            }
        }
        assert!(
            sent < 64 * 1024 * 1024,
            "the window stopped reading ({sent} bytes taken)"
        );
        // Meanwhile a real launch is answered at once.
        let started = Instant::now();
        assert!(matches!(claim(&db).unwrap(), Claim::AlreadyOpen));
        assert!(started.elapsed() < Duration::from_secs(2));
        assert_eq!(focused.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn the_token_is_long_and_random() {
        let a = token().unwrap();
        let b = token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }

    #[cfg(windows)]
    #[test]
    fn the_files_are_private_to_their_owner_on_windows() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("cesp.sqlite3");
        let Claim::First(_first) = claim(&db).unwrap() else {
            panic!("first");
        };
        for f in [claim_file(&db), lock_file(&db)] {
            crate::private_files::acl::assert_private(&f, true);
        }
        // The lock is the system's: a second handle of the same file cannot take it.
        let other = std::fs::OpenOptions::new()
            .write(true)
            .open(lock_file(&db))
            .unwrap();
        assert!(matches!(other.try_lock(), Err(std::fs::TryLockError::WouldBlock)));
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("nouveau").join("cesp.sqlite3");
        let Claim::First(_first) = claim(&db).unwrap() else {
            panic!("first");
        };
        for f in [claim_file(&db), lock_file(&db)] {
            let mode = std::fs::metadata(&f).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}", f.display());
        }
        // The register's folder, created here before the store opens, is private too.
        let folder = std::fs::metadata(dir.path().join("nouveau"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(folder & 0o777, 0o700);
    }
}
