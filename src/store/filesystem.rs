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
    // Asked before the folder is created: it will be on the file system of its nearest
    // existing ancestor, and nothing must be written on a share that is then refused.
    let existing = dir
        .ancestors()
        .find(|a| !a.as_os_str().is_empty() && a.exists())
        .unwrap_or(dir);
    platform_network_filesystem(existing)
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
    let magic = st.f_type as i64;
    if magic == FUSE_MAGIC {
        // FUSE carries sshfs and GVFS's SMB as well as local disks (ntfs-3g): the mount
        // table names the program behind the mount.
        let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
        let table = std::fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        return fuse_network_name(&table, &real);
    }
    network_fs_name(magic).map(str::to_owned)
}

#[cfg(windows)]
fn platform_network_filesystem(dir: &Path) -> Option<String> {
    use std::os::windows::ffi::OsStrExt;
    #[link(name = "kernel32")]
    extern "system" {
        fn GetVolumePathNameW(file_name: *const u16, volume: *mut u16, len: u32) -> i32;
        fn GetDriveTypeW(root: *const u16) -> u32;
    }
    /// `DRIVE_REMOTE`: a mapped network drive (`Z:` on a share).
    const DRIVE_REMOTE: u32 = 4;
    // Not canonicalised: that would turn a mapped drive into its UNC path before asking.
    let real = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
    let wide: Vec<u16> = real.as_os_str().encode_wide().chain(std::iter::once(0)).collect();
    let mut volume = vec![0u16; 1024];
    // SAFETY: `wide` is NUL-terminated, `volume` holds the length given.
    let ok = unsafe { GetVolumePathNameW(wide.as_ptr(), volume.as_mut_ptr(), volume.len() as u32) };
    if ok == 0 {
        return None;
    }
    // SAFETY: `volume` was NUL-terminated by GetVolumePathNameW.
    let kind = unsafe { GetDriveTypeW(volume.as_ptr()) };
    (kind == DRIVE_REMOTE).then(|| "lecteur réseau Windows".to_owned())
}

#[cfg(not(any(target_os = "linux", windows)))]
fn platform_network_filesystem(_dir: &Path) -> Option<String> {
    None
}

/// `statfs` magic of every FUSE file system.
#[cfg(target_os = "linux")]
const FUSE_MAGIC: i64 = 0x6573_5546;

/// FUSE programs that reach another machine: sshfs, GNOME's GVFS (SMB, SFTP, WebDAV…),
/// rclone, s3fs, smbnetfs, curlftpfs, GlusterFS and CephFS clients.
#[cfg(any(target_os = "linux", test))]
const NETWORK_FUSE: &[&str] = &[
    "sshfs",
    "gvfsd-fuse",
    "rclone",
    "s3fs",
    "smbnetfs",
    "curlftpfs",
    "glusterfs",
    "ceph-fuse",
    "davfs",
    "onedriver",
];

/// The network FUSE file system `path` is on, from the text of `/proc/self/mountinfo`: the
/// mount whose point is the longest prefix of `path`, when its type is `fuse.<program>` of a
/// network program (or `fuse` with such a source). A `fuseblk` (a local disk) is not.
#[cfg(any(target_os = "linux", test))]
pub(super) fn fuse_network_name(mountinfo: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, &str, &str)> = None;
    for line in mountinfo.lines() {
        // id parent major:minor root mount-point options [optional…] - type source super-options
        let mut halves = line.splitn(2, " - ");
        let (Some(left), Some(right)) = (halves.next(), halves.next()) else {
            continue;
        };
        let Some(point) = left.split(' ').nth(4) else {
            continue;
        };
        let point = unescape_mount(point);
        let mut right = right.split(' ');
        let (Some(fstype), Some(source)) = (right.next(), right.next()) else {
            continue;
        };
        if path.starts_with(&point) && best.is_none_or(|(len, _, _)| point.len() >= len) {
            best = Some((point.len(), fstype, source));
        }
    }
    let (_, fstype, source) = best?;
    let program = fstype.strip_prefix("fuse.").unwrap_or(source);
    NETWORK_FUSE
        .iter()
        .any(|n| program == *n || program.starts_with(&format!("{n}#")))
        .then(|| format!("FUSE ({program})"))
}

/// Mount points escape spaces and a few bytes as `\ooo` octal.
#[cfg(any(target_os = "linux", test))]
fn unescape_mount(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let code = bytes.get(i + 1..i + 4).and_then(|o| {
            let o = std::str::from_utf8(o).ok()?;
            u8::from_str_radix(o, 8).ok()
        });
        match (b, code) {
            (b'\\', Some(c)) => {
                out.push(c);
                i += 4;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Linux `statfs` magic numbers of the network file systems SQLite warns about.
#[cfg(any(target_os = "linux", test))]
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

    const MOUNTINFO: &str = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /run/user/1000/gvfs rw,nosuid,nodev shared:20 - fuse.gvfsd-fuse gvfsd-fuse rw,user_id=1000
41 22 0:36 / /home/ref/serveur\\040ars rw,nosuid,nodev - fuse.sshfs ref@serveur:/srv rw
42 22 8:17 / /media/ref/CLE rw,nosuid,nodev - fuseblk /dev/sdb1 rw,user_id=0
43 41 0:37 / /home/ref/serveur\\040ars/local rw - ext4 /dev/sdc1 rw
";

    #[test]
    fn network_fuse_mounts_are_told_from_local_ones() {
        let at = |p: &str| fuse_network_name(MOUNTINFO, Path::new(p));
        assert_eq!(
            at("/run/user/1000/gvfs/smb-share:server=ars,share=cesp"),
            Some("FUSE (gvfsd-fuse)".into())
        );
        assert_eq!(at("/home/ref/serveur ars/cesp"), Some("FUSE (sshfs)".into()));
        assert_eq!(at("/media/ref/CLE/cesp"), None, "ntfs-3g on a USB disk is local");
        assert_eq!(
            at("/home/ref/serveur ars/local/cesp"),
            None,
            "a local disk mounted inside"
        );
        assert_eq!(at("/home/ref"), None);
    }
}
