//! Windows access lists: the folders and files of the register readable by their owner only.
//!
//! A folder the user chooses (`D:\Registres`, `C:\CESP`) inherits its parent's list, which
//! on a data drive or at the root of `C:` lets every account of the machine read it
//! (`Utilisateurs authentifiés`). The list set here is *protected* (nothing inherited from
//! above) and names the same three accounts as the user's own profile folder: the user,
//! `SYSTEM` (the agency's backup and antivirus services run as it) and the local
//! `Administrateurs` (who can take any file anyway). Folders pass it on to what is created
//! inside them; files written elsewhere (an export on the desktop) get it too.
//!
//! Written with `windows-sys`, Microsoft's own bindings, through the SDDL text form: one
//! readable line instead of building the list entry by entry.

use std::ffi::OsStr;
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;
use std::ptr;

use windows_sys::Win32::Foundation::{
    CloseHandle, LocalFree, ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED, HANDLE,
};
use windows_sys::Win32::Security::Authorization::{
    ConvertSecurityDescriptorToStringSecurityDescriptorW, ConvertSidToStringSidW,
    ConvertStringSecurityDescriptorToSecurityDescriptorW, GetNamedSecurityInfoW, SetNamedSecurityInfoW,
    SDDL_REVISION_1, SE_FILE_OBJECT,
};
use windows_sys::Win32::Security::{
    GetSecurityDescriptorDacl, GetTokenInformation, TokenUser, ACL, DACL_SECURITY_INFORMATION,
    PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, TOKEN_QUERY, TOKEN_USER,
};
use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

fn wide(s: &OsStr) -> Vec<u16> {
    s.encode_wide().chain(std::iter::once(0)).collect()
}

/// Reads a NUL-terminated UTF-16 string the system allocated, then frees it.
///
/// # Safety
/// `p` is null or a string returned by the system with `LocalAlloc`.
unsafe fn take_local_string(p: *mut u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut len = 0;
    // SAFETY: the system NUL-terminates the strings it returns.
    while unsafe { *p.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: `len` characters were just read from `p`.
    let text = String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, len) });
    // SAFETY: allocated by the system with LocalAlloc, freed once.
    unsafe { LocalFree(p.cast()) };
    text
}

/// The security identifier of the account this process runs as (`S-1-5-21-…`), asked once:
/// a batch of sheets written one file each would otherwise ask for every file.
fn current_user_sid() -> io::Result<String> {
    static SID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    if let Some(sid) = SID.get() {
        return Ok(sid.clone());
    }
    let sid = query_user_sid()?;
    Ok(SID.get_or_init(|| sid).clone())
}

fn query_user_sid() -> io::Result<String> {
    let mut token: HANDLE = ptr::null_mut();
    // SAFETY: GetCurrentProcess is a pseudo-handle; `token` receives a handle closed below.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let result = (|| {
        let mut needed = 0u32;
        // SAFETY: a null buffer of length 0 asks for the size only.
        unsafe { GetTokenInformation(token, TokenUser, ptr::null_mut(), 0, &mut needed) };
        if needed == 0 {
            return Err(io::Error::last_os_error());
        }
        // u64 words: aligned for TOKEN_USER whatever its size.
        let mut buffer = vec![0u64; (needed as usize).div_ceil(8)];
        // SAFETY: `buffer` holds at least `needed` bytes.
        if unsafe { GetTokenInformation(token, TokenUser, buffer.as_mut_ptr().cast(), needed, &mut needed) }
            == 0
        {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: filled by GetTokenInformation(TokenUser), aligned above.
        let user = unsafe { &*(buffer.as_ptr().cast::<TOKEN_USER>()) };
        let mut text: *mut u16 = ptr::null_mut();
        // SAFETY: the SID points into `buffer`, alive here.
        if unsafe { ConvertSidToStringSidW(user.User.Sid, &mut text) } == 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: allocated by ConvertSidToStringSidW.
        Ok(unsafe { take_local_string(text) })
    })();
    // SAFETY: opened above, closed once.
    unsafe { CloseHandle(token) };
    result
}

/// The access list in SDDL: protected (`P`), full access for SYSTEM, the administrators and
/// `sid`; passed on to files and subfolders (`OICI`) when it is a folder's.
fn private_sddl(sid: &str, folder: bool) -> String {
    let inherit = if folder { "OICI" } else { "" };
    format!("D:P(A;{inherit};FA;;;SY)(A;{inherit};FA;;;BA)(A;{inherit};FA;;;{sid})")
}

/// Runs `f` on the security descriptor `sddl` describes.
fn with_descriptor<T>(sddl: &str, f: impl FnOnce(PSECURITY_DESCRIPTOR) -> io::Result<T>) -> io::Result<T> {
    let mut descriptor: PSECURITY_DESCRIPTOR = ptr::null_mut();
    // SAFETY: `sddl` is NUL-terminated UTF-16; the descriptor is freed below.
    let ok = unsafe {
        ConvertStringSecurityDescriptorToSecurityDescriptorW(
            wide(OsStr::new(sddl)).as_ptr(),
            SDDL_REVISION_1,
            &mut descriptor,
            ptr::null_mut(),
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    let result = f(descriptor);
    // SAFETY: allocated by ConvertStringSecurityDescriptorToSecurityDescriptorW, freed once.
    unsafe { LocalFree(descriptor) };
    result
}

/// The access list of `descriptor` in SDDL.
fn sddl_of(descriptor: PSECURITY_DESCRIPTOR) -> io::Result<String> {
    let mut text: *mut u16 = ptr::null_mut();
    // SAFETY: `descriptor` is valid for the duration of the call.
    let ok = unsafe {
        ConvertSecurityDescriptorToStringSecurityDescriptorW(
            descriptor,
            SDDL_REVISION_1,
            DACL_SECURITY_INFORMATION,
            &mut text,
            ptr::null_mut(),
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: allocated by ConvertSecurityDescriptorToStringSecurityDescriptorW.
    Ok(unsafe { take_local_string(text) })
}

/// Gives `path` its private, protected access list; `folder`: passed on to what it holds.
/// A volume without access lists (a FAT-formatted key) is left as it is: nothing can be
/// restricted there, and refusing would leave the user without a way to save at all.
pub fn make_private(path: &Path, folder: bool) -> io::Result<()> {
    let sddl = private_sddl(&current_user_sid()?, folder);
    with_descriptor(&sddl, |descriptor| {
        let (mut present, mut defaulted) = (0, 0);
        let mut dacl: *mut ACL = ptr::null_mut();
        // SAFETY: `descriptor` is the valid descriptor built from `sddl`.
        if unsafe { GetSecurityDescriptorDacl(descriptor, &mut present, &mut dacl, &mut defaulted) } == 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: the path is NUL-terminated; `dacl` lives inside `descriptor`.
        let status = unsafe {
            SetNamedSecurityInfoW(
                wide(path.as_os_str()).as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                ptr::null_mut(),
                ptr::null_mut(),
                dacl,
                ptr::null(),
            )
        };
        match status {
            0 | ERROR_NOT_SUPPORTED | ERROR_INVALID_FUNCTION => Ok(()),
            e => Err(io::Error::from_raw_os_error(e as i32)),
        }
    })
}

/// The access list [`make_private`] sets, as the system reads it back from the descriptor
/// it builds, and the SID of the current account: what the tests compare.
#[doc(hidden)]
pub fn intended(folder: bool) -> io::Result<(String, String)> {
    let sid = current_user_sid()?;
    let text = with_descriptor(&private_sddl(&sid, folder), sddl_of)?;
    Ok((text, sid))
}

/// True under Wine, which keeps no access list on files (it maps them to Unix modes and
/// makes one up when asked): what a file holds can only be checked on Windows itself.
#[doc(hidden)]
pub fn under_wine() -> bool {
    // SAFETY: ntdll is loaded in every process; the names are NUL-terminated.
    unsafe {
        let ntdll = GetModuleHandleW(wide(OsStr::new("ntdll.dll")).as_ptr());
        !ntdll.is_null() && GetProcAddress(ntdll, c"wine_get_version".as_ptr().cast()).is_some()
    }
}

/// The access list of `path` in SDDL (`D:PAI(A;OICI;FA;;;SY)…`), and the SID of the current
/// account: what the tests compare.
#[doc(hidden)]
pub fn describe(path: &Path) -> io::Result<(String, String)> {
    let mut dacl: *mut ACL = ptr::null_mut();
    let mut descriptor: PSECURITY_DESCRIPTOR = ptr::null_mut();
    // SAFETY: the path is NUL-terminated; the descriptor is freed below.
    let status = unsafe {
        GetNamedSecurityInfoW(
            wide(path.as_os_str()).as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            ptr::null_mut(),
            ptr::null_mut(),
            &mut dacl,
            ptr::null_mut(),
            &mut descriptor,
        )
    };
    if status != 0 {
        return Err(io::Error::from_raw_os_error(status as i32));
    }
    let sddl = sddl_of(descriptor);
    // SAFETY: allocated by GetNamedSecurityInfoW, freed once.
    unsafe { LocalFree(descriptor) };
    let sddl = sddl?;
    Ok((sddl, current_user_sid()?))
}

/// The accounts an SDDL access list names (`SY`, `BA`, `S-1-5-21-…`), sorted.
fn trustees(sddl: &str) -> Vec<String> {
    let mut out: Vec<String> = sddl
        .split('(')
        .skip(1)
        .filter_map(|ace| ace.trim_end_matches(')').rsplit(';').next().map(str::to_owned))
        .collect();
    out.sort();
    out
}

/// Test support: panics unless `path` is private to the user. `protected`: its own list
/// (set by [`make_private`]) rather than one inherited from its private folder. Under Wine,
/// which stores no list, what is checked is the list [`make_private`] gives the system.
#[doc(hidden)]
pub fn assert_private(path: &Path, protected: bool) {
    let (built, me) = intended(true).expect("access list built");
    let mut expected = vec!["BA".to_owned(), "SY".to_owned(), me];
    expected.sort();
    assert!(built.starts_with("D:P"), "{built}");
    assert_eq!(trustees(&built), expected, "{built}");
    if under_wine() {
        return;
    }
    let (actual, _) = describe(path).expect("access list read");
    if protected {
        assert!(actual.starts_with("D:P"), "{}: {actual}", path.display());
    }
    assert_eq!(trustees(&actual), expected, "{}: {actual}", path.display());
}
