//! Printed documents (PDF): the shared A4 layout engine and the documents built on it.

pub mod counts;
pub mod followup;
pub mod interview;
pub mod layout;
pub mod letter;
pub mod simulation;
#[cfg(test)]
pub(crate) mod test_support;

pub use counts::render_counts_report;
pub use followup::{
    render_followup_batch, render_followup_sheet, FollowupSheet, InstalledFacts, SheetContact, SheetVariant,
    SuspendedFacts,
};
pub use interview::{render_interview_report, InterviewSheet};
pub use layout::{Fonts, PdfError};
pub use letter::{render_envelopes, Envelope, Letter};
pub use simulation::{render_rupture_simulation, RuptureSheet, SheetLine};

use std::sync::OnceLock;

/// The embedded fonts, parsed once per process and shared by every document.
pub fn fonts() -> Result<&'static Fonts, PdfError> {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    if let Some(f) = FONTS.get() {
        return Ok(f);
    }
    let loaded = Fonts::load()?;
    Ok(FONTS.get_or_init(|| loaded))
}

/// Writes `bytes` to `path` without ever leaving a half-written file there: a temporary
/// file beside it, flushed to disk, then renamed.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".partiel");
    let tmp = path.with_file_name(tmp_name);
    // A file open in another program (a spreadsheet in Excel, a PDF in a viewer) cannot be
    // replaced on Windows: asked first, so that the error names it and nothing is written.
    if path.exists() {
        if let Err(e) = std::fs::OpenOptions::new().write(true).open(path) {
            if crate::error::held_by_another_program(&e) {
                return Err(e);
            }
        }
    }
    let result = (|| {
        // Exports hold personal data: private from their creation.
        let mut f = crate::private_files::create_file(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
