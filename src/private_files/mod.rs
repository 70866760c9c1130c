//! Files and folders that hold personal data: the register, its backups, every export.
//!
//! They are readable by their owner only on Unix (folders 0700, files 0600), whatever the
//! umask of the session that writes them: a laptop shared between accounts, or a home
//! folder left readable by the distribution, must not expose the signatories' files. On
//! Windows they get a protected access list naming the user, `SYSTEM` and the
//! administrators only ([`acl`]): a folder chosen on a data drive would otherwise let every
//! account of the machine read it.

use crate::error::{Error, Result};
use std::path::Path;

#[cfg(windows)]
#[doc(hidden)]
pub mod acl;

#[cfg(unix)]
const FILE_MODE: u32 = 0o600;
#[cfg(unix)]
const DIR_MODE: u32 = 0o700;

/// Makes `path`, an existing file of ours, private.
pub fn restrict_file(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(FILE_MODE))?;
    }
    #[cfg(windows)]
    acl::make_private(path, false)?;
    #[cfg(not(any(unix, windows)))]
    let _ = path;
    Ok(())
}

/// Opens `path` for writing (created or truncated), private from its creation: there is no
/// moment when another account could open it.
pub fn create_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    let file = options.open(path)?;
    // An existing file keeps its mode through `open`: set it.
    restrict_file(path)?;
    Ok(file)
}

/// Creates `dir` (and its missing parents) as a private folder; an existing folder of the
/// application (`restrict` true) is made private too. A symbolic link in its place is
/// refused: what is written there would land wherever the link points.
pub fn create_dir(dir: &Path, restrict: bool) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_owned(),
        source,
    };
    if let Ok(meta) = std::fs::symlink_metadata(dir) {
        if meta.file_type().is_symlink() {
            return Err(Error::SymlinkedFolder { path: dir.to_owned() });
        }
        if restrict && meta.is_dir() {
            restrict_dir(dir).map_err(io)?;
        }
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder.create(dir).map_err(io)?;
    // The umask may have taken bits away, never added any; set the mode exactly all the same.
    restrict_dir(dir).map_err(io)
}

fn restrict_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(DIR_MODE))?;
    }
    #[cfg(windows)]
    acl::make_private(dir, true)?;
    #[cfg(not(any(unix, windows)))]
    let _ = dir;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn files_and_folders_are_private() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        create_dir(&dir, true).unwrap();
        assert_eq!(mode(&dir), 0o700);
        let f = dir.join("x.csv");
        std::fs::write(&f, "old").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(create_file(&f).unwrap());
        assert_eq!(mode(&f), 0o600);
    }

    #[test]
    fn a_symlinked_folder_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("ailleurs");
        std::fs::create_dir(&elsewhere).unwrap();
        let link = tmp.path().join("sauvegardes");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        assert!(matches!(
            create_dir(&link, true),
            Err(Error::SymlinkedFolder { .. })
        ));
    }
}

#[cfg(all(test, windows))]
mod windows_tests {
    use super::*;

    #[test]
    fn folders_and_files_get_a_protected_list_of_three_accounts() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("registre");
        create_dir(&dir, false).unwrap();
        acl::assert_private(&dir, true);
        // A folder's list is passed on; a file's is its own.
        let (folder, _) = acl::intended(true).unwrap();
        assert!(folder.contains("(A;OICI;FA;;;SY)"), "{folder}");
        let (file, _) = acl::intended(false).unwrap();
        assert!(file.contains("(A;;FA;;;SY)"), "{file}");
        // An export written elsewhere gets its own list, not its folder's.
        let f = tmp.path().join("export.csv");
        drop(create_file(&f).unwrap());
        acl::assert_private(&f, true);
        // Created inside the private folder: inherited.
        let inner = dir.join("cesp.sqlite3");
        std::fs::write(&inner, b"").unwrap();
        acl::assert_private(&inner, false);
    }
}
