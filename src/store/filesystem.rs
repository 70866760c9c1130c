//! What the store needs to know about the disk it lives on.

use crate::error::Result;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The name of the network file system `dir` is on, if it is one. SQLite's WAL needs
/// shared memory between processes, which network file systems do not provide.
pub(super) fn network_filesystem(dir: &Path) -> Option<String> {
    let s = dir.to_string_lossy();
    // Windows UNC paths (\\serveur\partage) and their forward-slash spelling.
    if s.starts_with("\\\\") || s.starts_with("//") {
        return Some("partage réseau Windows (chemin UNC)".into());
    }
    platform_network_filesystem(dir)
}

#[cfg(target_os = "linux")]
fn platform_network_filesystem(dir: &Path) -> Option<String> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid NUL-terminated path and `st` a properly sized out-parameter.
    let rc = unsafe { libc::statfs(c.as_ptr(), &mut st) };
    if rc != 0 {
        return None;
    }
    network_fs_name(st.f_type as i64).map(str::to_owned)
}

#[cfg(not(target_os = "linux"))]
fn platform_network_filesystem(_dir: &Path) -> Option<String> {
    None
}

/// Linux `statfs` magic numbers of the network file systems SQLite warns about.
pub(super) fn network_fs_name(magic: i64) -> Option<&'static str> {
    match magic {
        0x6969 => Some("NFS"),
        0x517B => Some("SMB"),
        0xFF53_4D42 => Some("CIFS"),
        0xFE53_4D42 => Some("SMB2"),
        0x5346_414F => Some("AFS"),
        0x0102_1997 => Some("9P"),
        0x6B41_4653 => Some("AFS (kAFS)"),
        _ => None,
    }
}

/// Copies the store aside before its schema changes, so that a failed or unwanted
/// migration can be undone: `sauvegardes/<nom>-avant-migration-v<N>-<horodatage>.sqlite3`
/// beside the database, written and checked like every backup (see [`crate::backup`]).
pub(super) fn backup_before_migration(conn: &Connection, db: &Path, from_version: i64) -> Result<PathBuf> {
    crate::backup::write_backup(
        conn,
        db,
        crate::backup::BackupKind::AvantMigration,
        &format!("-v{from_version}"),
        chrono::Local::now().naive_local(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_file_systems_are_recognised() {
        assert_eq!(network_fs_name(0x6969), Some("NFS"));
        assert_eq!(network_fs_name(0xFF53_4D42), Some("CIFS"));
        assert_eq!(network_fs_name(0xEF53), None); // ext4
        assert!(network_filesystem(Path::new("\\\\serveur\\partage")).is_some());
        assert!(network_filesystem(Path::new("//serveur/partage")).is_some());
        assert_eq!(network_filesystem(&std::env::temp_dir()), None);
    }
}
