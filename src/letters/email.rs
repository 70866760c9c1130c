//! The campaign by e-mail: for each signatory with an address, a message from the agency
//! (subject and text from the e-mail template of the letter, edited like the letters) with
//! the fillable sheet attached, written as an `.eml` draft that Outlook and Thunderbird open
//! ready to send (`X-Unsent: 1`). Built by lettre (the maintained e-mail crate of the Rust
//! ecosystem: RFC 5322 headers, MIME, encoded words for accented subjects and names).
//!
//! The covering e-mail and the reminder; who receives them is the letters' rule.

use super::print::{envelopes, LettersRequest};
use super::{LetterKind, Medium};
use crate::domain::FormStatus;
use crate::error::{Error, Result, ValidationErrors};
use crate::followup::print::{file_names_of, FileNamed};
use crate::pdf;
use crate::settings;
use crate::store::Store;
use chrono::NaiveDate;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::Message;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};

/// What the window asks for.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct DraftsInput {
    pub year: i32,
    pub kind: LetterKind,
    /// The folder the drafts go to (chosen in the dialog).
    pub folder: String,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DraftsReport {
    pub written: u32,
    pub location: String,
    pub files: Vec<String>,
    /// "LEFÈVRE Hélène": those who receive it but have no e-mail address (a letter, then).
    pub without_address: Vec<String>,
}

/// `X-Unsent: 1`: Outlook opens the message as a draft to send, not as a message received.
#[derive(Debug, Clone, Copy)]
struct XUnsent;

impl Header for XUnsent {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Unsent")
    }

    fn parse(_: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(XUnsent)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "1".to_owned())
    }
}

fn refused(field: &str, message: String) -> Error {
    let mut e = ValidationErrors::default();
    e.push(field, message);
    Error::Validation(e)
}

/// Writes the drafts of `kind` for the campaign `year` into `folder` (created if needed).
pub fn write_drafts(
    store: &Store,
    year: i32,
    kind: LetterKind,
    status: Option<FormStatus>,
    folder: &Path,
    today: NaiveDate,
) -> Result<DraftsReport> {
    if !kind.goes_with_sheet() {
        return Err(refused(
            "kind",
            format!("« {} » ne s'envoie pas par courriel : imprimez-le.", kind.label()),
        ));
    }
    let contact = settings::contact(store)?;
    let ars = settings::ars_name(store)?;
    let from_address = contact.email.trim().parse().map_err(|_| {
        refused(
            "contact.courriel",
            "Indiquez le courriel de l'agence (Paramètres › Coordonnées imprimées sur les fiches) : \
             il est l'expéditeur des courriels."
                .to_owned(),
        )
    })?;
    let from = Mailbox::new(
        Some(if ars.is_empty() {
            "Suivi CESP".to_owned()
        } else {
            ars.clone()
        }),
        from_address,
    );
    let req = LettersRequest {
        year,
        kind,
        with_sheets: true,
        status,
        appointment: String::new(),
        place: String::new(),
        medium: Medium::Courriel,
    };
    let all = envelopes(store, &req, today)?;
    crate::private_files::create_dir(folder, false).map_err(|e| match e {
        Error::Io { path, source } => Error::WriteFile { path, source },
        other => other,
    })?;
    let (with, without): (Vec<_>, Vec<_>) = all.into_iter().partition(|e| !e.letter.email.trim().is_empty());
    let names = file_names_of(with.iter().map(|e| FileNamed {
        last_name: &e.letter.last_name,
        first_names: &e.letter.first_names,
        year,
        file_number: &e.letter.file_number,
    }));
    let fonts = pdf::fonts()?;
    let mut files = Vec::new();
    let mut without_address: Vec<String> = without
        .iter()
        .map(|e| format!("{} {}", e.letter.last_name.to_uppercase(), e.letter.first_names))
        .collect();
    for (e, pdf_name) in with.iter().zip(names) {
        let letter = &e.letter;
        let Ok(to_address) = letter.email.trim().parse() else {
            without_address.push(format!(
                "{} {} (adresse « {} » illisible)",
                letter.last_name.to_uppercase(),
                letter.first_names,
                letter.email.trim()
            ));
            continue;
        };
        let to = Mailbox::new(
            Some(format!(
                "{} {}",
                letter.first_names,
                letter.last_name.to_uppercase()
            )),
            to_address,
        );
        let mut body = letter.paragraphs.join("\n\n");
        if !letter.signature.is_empty() {
            body.push_str("\n\n");
            body.push_str(&letter.signature.join("\n"));
        }
        if !letter.privacy_notice.trim().is_empty() {
            body.push_str("\n\n-- \n");
            body.push_str(letter.privacy_notice.trim());
        }
        let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(body));
        if let Some(sheet) = &e.sheet {
            let bytes = pdf::render_followup_sheet(fonts, sheet, today)?;
            parts = parts.singlepart(
                Attachment::new(pdf_name.clone()).body(
                    bytes,
                    ContentType::parse("application/pdf")
                        .map_err(|e| Error::BadInput(format!("type de pièce jointe : {e}")))?,
                ),
            );
        }
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(letter.subject.clone())
            .header(XUnsent)
            .multipart(parts)
            .map_err(|e| Error::BadInput(format!("courriel de {} : {e}", letter.last_name)))?;
        let path: PathBuf = folder.join(pdf_name.replace(".pdf", &format!("_{}.eml", kind.code())));
        pdf::write_file(&path, &message.formatted()).map_err(|source| Error::WriteFile {
            path: path.clone(),
            source,
        })?;
        files.push(path.display().to_string());
    }
    Ok(DraftsReport {
        written: u32::try_from(files.len()).unwrap_or(u32::MAX),
        location: folder.display().to_string(),
        files,
        without_address,
    })
}
