//! "Compte rendu d'entretien": the report of one interview with a signatory, for the file.
//! The text comes formatted from the interviews service; long reports run over several pages.

use super::layout::{
    mm, Align, Column, DocumentInfo, Header, PdfError, Row, Table, TextStyle, Writer, LEADING,
};
use super::Fonts;

/// Everything printed on the report, already formatted.
#[derive(Debug, Clone)]
pub struct InterviewSheet {
    /// Issuing agency, e.g. "ARS Bretagne" ("" allowed).
    pub ars_name: String,
    /// Civility and name, e.g. "Mme Hélène LEFÈVRE".
    pub signatory: String,
    pub discipline: String,
    /// Status label on the day it is printed.
    pub status: String,
    pub contract_ref: String,
    /// "jj/mm/aaaa".
    pub date: String,
    pub mode: String,
    pub reason: String,
    pub attendees: String,
    /// Free text; blank lines separate paragraphs.
    pub report: String,
    /// (action, due date, done date), dates "jj/mm/aaaa" or "".
    pub actions: Vec<(String, String, String)>,
    /// Referent's name for the signature block ("" allowed).
    pub referent: String,
    pub generated_on: chrono::NaiveDate,
}

pub const TITLE: &str = "Compte rendu d'entretien";

/// Renders the interview report as a PDF.
pub fn render_interview_report(fonts: &Fonts, s: &InterviewSheet) -> Result<Vec<u8>, PdfError> {
    let generated = s.generated_on.format("%d/%m/%Y").to_string();
    let header = Header {
        letterhead: None,
        ars_name: s.ars_name.clone(),
        title: TITLE.to_owned(),
        subtitle: Some("Contrat d'engagement de service public — suivi du signataire".to_owned()),
        top_right: Some(format!("Édité le {generated}")),
        footer: Some(format!(
            "Suivi CESP — entretien du {} — {}",
            s.date,
            s.signatory.trim()
        )),
    };
    let mut info = DocumentInfo::new(
        format!("{TITLE} — {} — {}", s.signatory.trim(), s.date),
        s.generated_on,
    );
    info.subject = "Compte rendu d'entretien avec un signataire du CESP".into();
    info.author = s.ars_name.clone();
    let mut w = Writer::new(fonts, header, &info);
    w.set_label_width(48.0);

    w.heading("Signataire");
    w.label_value("Nom", &s.signatory);
    w.label_value("Discipline", &s.discipline);
    w.label_value("Statut", &s.status);
    w.label_value(
        "Référence du contrat",
        if s.contract_ref.trim().is_empty() {
            "non renseignée"
        } else {
            &s.contract_ref
        },
    );
    w.space(2.0);

    w.heading("Entretien");
    w.label_value("Date", &s.date);
    w.label_value("Modalité", &s.mode);
    w.label_value("Motif", &s.reason);
    w.label_value(
        "Participants",
        if s.attendees.trim().is_empty() {
            "non renseignés"
        } else {
            &s.attendees
        },
    );
    w.space(2.0);

    w.heading("Compte rendu");
    let report = s.report.trim();
    if report.is_empty() {
        w.paragraph_styled("Aucun compte rendu saisi.", TextStyle::NOTE);
    } else {
        for paragraph in report.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            for line in paragraph.lines() {
                w.paragraph(line.trim_end());
            }
            w.space(1.5);
        }
    }

    if !s.actions.is_empty() {
        w.heading("Suites à donner");
        let rows = s
            .actions
            .iter()
            .map(|(text, due, done)| {
                Row::new([
                    text.as_str(),
                    if due.is_empty() { "—" } else { due.as_str() },
                    if done.is_empty() {
                        "à faire"
                    } else {
                        done.as_str()
                    },
                ])
            })
            .collect();
        w.table(&Table {
            columns: vec![
                Column::new("Action", 64.0, Align::Left),
                Column::new("Échéance", 18.0, Align::Left),
                Column::new("Faite le", 18.0, Align::Left),
            ],
            rows,
        })?;
    }

    // The signature block and the closing mention stay together.
    w.ensure_space(mm(30.0) + 2.0 * TextStyle::NOTE.size * LEADING);
    w.space(3.0);
    let referent = if s.referent.trim().is_empty() {
        "Le référent CESP de l'ARS".to_owned()
    } else {
        format!("{}, référent CESP de l'ARS", s.referent.trim())
    };
    w.signature_block(false, &[referent.as_str(), "Le signataire (facultatif)"]);
    w.rule();
    w.paragraph_styled(
        &format!("Compte rendu établi le {generated}, à conserver au dossier du signataire."),
        TextStyle::NOTE,
    );
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::test_support::{page_count, text};

    fn sheet() -> InterviewSheet {
        InterviewSheet {
            ars_name: "ARS Bretagne".into(),
            signatory: "Mme Maëlle LE BIHAN".into(),
            discipline: "Médecine".into(),
            status: "En formation (allocataire)".into(),
            contract_ref: "CESP-2021-0042".into(),
            date: "02/11/2026".into(),
            mode: "Par téléphone".into(),
            reason: "Entretien annuel du 3e cycle".into(),
            attendees: "Référente CESP ; Mme Le Bihan".into(),
            report: "Projet d'installation en maison de santé « pluriprofessionnelle » à Carhaix.\n\n\
                     Stage d'été prévu ; cœur de métier : médecine générale."
                .into(),
            actions: vec![(
                "Envoyer la liste des lieux ZIP et ZAC".into(),
                "15/12/2026".into(),
                String::new(),
            )],
            referent: "Anne Quéméner".into(),
            generated_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
        }
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn the_report_prints_every_field_with_its_accents() {
        let fonts = Fonts::load().expect("polices");
        let pdf = render_interview_report(&fonts, &sheet()).expect("pdf");
        let t = text(&pdf);
        for expected in [
            "Compte rendu d'entretien",
            "ARS Bretagne",
            "Mme Maëlle LE BIHAN",
            "Entretien annuel du 3e cycle",
            "« pluriprofessionnelle »",
            "cœur de métier",
            "Envoyer la liste des lieux ZIP et ZAC",
            "15/12/2026",
            "à faire",
            "Anne Quéméner",
        ] {
            assert!(t.contains(expected), "missing {expected} in\n{t}");
        }
        assert_eq!(page_count(&pdf), 1);
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn a_long_report_runs_over_pages() {
        let fonts = Fonts::load().expect("polices");
        let mut s = sheet();
        s.report = (1..=60)
            .map(|i| {
                format!(
                    "Point n° {i} : échanges sur le projet professionnel, le lieu envisagé et le calendrier."
                )
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        let pdf = render_interview_report(&fonts, &s).expect("pdf");
        assert!(page_count(&pdf) >= 2);
        let t = text(&pdf);
        assert!(t.contains("Point n° 60"), "{t}");
        assert!(t.contains("Page 2 /"), "{t}");
    }
}
