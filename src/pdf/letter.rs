//! A letter of the agency, laid out for a window envelope: the letterhead of the sheet
//! (sender at the top left, the address in the window), the place and date, the subject,
//! the text of the template and the signature. With `--with-sheets` each letter is
//! followed by the signatory's sheet, in the same file and the same envelope.
//!
//! This module receives formatted text only; `letters::print` gathers it.

use super::followup::{draw_sheet, sheet_header, FollowupSheet};
use super::layout::{Align, DocumentInfo, Fonts, Header, Letterhead, PdfError, TextStyle, Writer};

/// Everything printed on one letter.
#[derive(Debug, Clone, Default)]
pub struct Letter {
    pub ars_name: String,
    /// The sender's block (service, referent, address, how to reach them).
    pub sender: Vec<String>,
    /// The recipient's address block (see [`crate::postal`]).
    pub recipient: Vec<String>,
    /// "Dossier n° 42", at the top right.
    pub file_number: String,
    /// "Rennes, le 05/10/2026".
    pub place_date: String,
    /// The subject, without "Objet :".
    pub subject: String,
    /// The text, paragraph by paragraph ("\n" breaks a line inside one).
    pub paragraphs: Vec<String>,
    /// The signature lines, e.g. "Pour le directeur général de l'ARS Bretagne", "Camille Exemple".
    pub signature: Vec<String>,
    /// Bottom left of every page.
    pub footer: String,
    /// The recipient's names, for the file of a letter printed alone.
    pub last_name: String,
    pub first_names: String,
    /// The agency's logo (shared by the letters of a batch).
    pub logo: Option<std::sync::Arc<super::layout::Image>>,
    /// The data-protection notice, at the foot of a letter that asks for personal data
    /// (the covering letter of the sheet); "" for none.
    pub privacy_notice: String,
    /// The recipient's e-mail address, for the e-mail version (never printed).
    pub email: String,
}

/// A letter and, when asked, the sheet that goes with it in the envelope.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub letter: Letter,
    pub sheet: Option<FollowupSheet>,
}

fn header(l: &Letter) -> Header {
    Header {
        ars_name: l.ars_name.clone(),
        // Printed left of the window only when not empty: a letter's subject is in its body.
        title: String::new(),
        subtitle: None,
        top_right: (!l.file_number.is_empty()).then(|| l.file_number.clone()),
        footer: Some(l.footer.clone()),
        letterhead: Some(Letterhead {
            logo: l.logo.clone(),
            sender: l.sender.clone(),
            recipient: l.recipient.clone(),
            aside: Vec::new(),
        }),
    }
}

fn draw(w: &mut Writer<'_>, l: &Letter) {
    if !l.place_date.is_empty() {
        w.paragraph_styled(
            &l.place_date,
            TextStyle {
                align: Align::Right,
                ..TextStyle::BODY
            },
        );
        w.space(4.0);
    }
    if !l.subject.is_empty() {
        w.paragraph_styled(&format!("Objet : {}", l.subject), TextStyle::BOLD);
        w.space(4.0);
    }
    for p in &l.paragraphs {
        w.paragraph(p);
        w.space(1.5);
    }
    w.space(6.0);
    // The signature stays with the last lines of the text.
    let right = TextStyle {
        align: Align::Right,
        ..TextStyle::BODY
    };
    w.keep_together(|w| {
        let n = l.signature.len();
        for (i, line) in l.signature.iter().enumerate() {
            // Room for the handwritten signature above the signer's name.
            if i + 1 == n && n > 1 {
                w.space(16.0);
            }
            w.paragraph_styled(line, right);
        }
    });
    if !l.privacy_notice.trim().is_empty() {
        w.space(6.0);
        w.keep_together(|w| {
            w.paragraph_styled(
                &l.privacy_notice,
                TextStyle {
                    size: 7.5,
                    ..TextStyle::NOTE
                },
            );
        });
    }
}

/// Letters (each followed by its sheet when it has one) merged into one PDF file, in
/// envelope order. `progress(done)` is called after each envelope; `false` stops (`None`).
pub fn render_envelopes(
    fonts: &Fonts,
    envelopes: &[Envelope],
    title: &str,
    today: chrono::NaiveDate,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Option<Vec<u8>>, PdfError> {
    let Some(first) = envelopes.first() else {
        return Err(PdfError::Generation("aucun courrier à imprimer".to_owned()));
    };
    let mut info = DocumentInfo::new(title, today);
    info.author = first.letter.ars_name.clone();
    info.subject = "Courriers aux signataires du contrat d'engagement de service public".to_owned();
    let mut w = Writer::new(fonts, header(&first.letter), &info);
    for (i, e) in envelopes.iter().enumerate() {
        if i > 0 {
            w.start_document(header(&e.letter));
        }
        draw(&mut w, &e.letter);
        if let Some(sheet) = &e.sheet {
            w.start_document(sheet_header(sheet));
            draw_sheet(&mut w, sheet)?;
        }
        if !progress(i + 1) {
            return Ok(None);
        }
    }
    w.finish().map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts;
    use crate::pdf::test_support::{page_count, text};

    fn sample() -> Letter {
        Letter {
            ars_name: "ARS Bretagne".into(),
            sender: vec![
                "Suivi des signataires du CESP".into(),
                "Dossier suivi par Camille Exemple".into(),
            ],
            recipient: crate::postal::address_lines("Mme Hélène LEFÈVRE", "3 rue des Lilas, 29000 Quimper"),
            file_number: "Dossier n° 42".into(),
            place_date: "Rennes, le 05/10/2026".into(),
            subject: "suivi annuel 2026".into(),
            paragraphs: vec!["Madame,".into(), "Vous trouverez ci-joint votre fiche.".into()],
            signature: vec![
                "Pour le directeur général de l'ARS Bretagne,".into(),
                "Camille Exemple".into(),
            ],
            footer: "Courrier — LEFÈVRE Hélène".into(),
            last_name: "Lefèvre".into(),
            first_names: "Hélène".into(),
            logo: None,
            privacy_notice:
                "Protection des données personnelles. ARS Bretagne est responsable du traitement.".into(),
            email: String::new(),
        }
    }

    #[cfg_attr(windows, ignore = "reads the PDF with poppler, a Linux program")]
    #[test]
    fn a_letter_and_its_sheet_share_the_envelope() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
        let env = |sheet: bool| Envelope {
            letter: sample(),
            sheet: sheet.then(FollowupSheet::default),
        };
        let alone = render_envelopes(fonts().unwrap(), &[env(false)], "Courriers", today, &mut |_| true)
            .unwrap()
            .unwrap();
        assert_eq!(page_count(&alone), 1);
        let t = text(&alone);
        for expected in [
            "Objet : suivi annuel 2026",
            "Rennes, le 05/10/2026",
            "QUIMPER",
            "Camille Exemple",
            "Protection des données personnelles",
        ] {
            assert!(t.contains(expected), "« {expected} » absent");
        }
        let with = render_envelopes(
            fonts().unwrap(),
            &[env(true), env(true)],
            "Courriers",
            today,
            &mut |_| true,
        )
        .unwrap()
        .unwrap();
        // Each envelope: 1 letter page and a sheet of 2 pages, each numbered on its own.
        assert_eq!(page_count(&with), 6);
        assert_eq!(text(&with).matches("Page 1 / 1").count(), 2);
        assert_eq!(text(&with).matches("Page 2 / 2").count(), 2);
    }
}
