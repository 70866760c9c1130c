//! The *fiche de suivi annuelle* (domain.md §7, seed 001): the form the agency sends
//! every signatory each year, pre-filled with what it knows, to be completed, signed and
//! returned. One sheet, or a whole campaign merged into one file (each sheet starting on
//! its own page, numbered on its own, the fonts embedded once).
//!
//! This module receives formatted text only; `followup::print` gathers it.

use super::layout::{
    Align, Column, DocumentInfo, Header, Letterhead, PdfError, Row, Table, TextStyle, Writer,
};
use super::Fonts;
use crate::domain::{PracticeMode, PracticeStructure, Situation, ZoneType};

/// Everything printed on one sheet, already formatted ("" = unknown: a blank line).
#[derive(Debug, Clone, Default)]
pub struct FollowupSheet {
    pub year: i32,
    /// "ARS Bretagne" ("" omits the line).
    pub ars_name: String,
    /// Printed at the top right of every page: the file number, for the return.
    pub file_number: String,
    /// Date the agency expects the form back, "jj/mm/aaaa" ("" = not printed).
    pub return_by: String,
    pub contact: SheetContact,
    /// The address block in the envelope's window (see [`crate::postal`]).
    pub recipient: Vec<String>,
    pub civility: String,
    pub last_name: String,
    pub birth_name: String,
    pub first_names: String,
    pub birth_date: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub discipline: String,
    pub ufr: String,
    pub subdivision: String,
    /// "3e cycle (internat), 2e année".
    pub cycle_and_year: String,
    /// "2024, rang 4 521".
    pub ecn: String,
    pub specialty: String,
    pub signature_date: String,
    pub contract_ref: String,
    /// Who manages the contract at the campaign's date (see [`crate::domain::managing`]).
    pub managing_body: String,
    /// Allowance suspensions known to the agency, one line each.
    pub suspensions: Vec<String>,
    /// What the agency's file says today, e.g. "En formation (allocataire)".
    pub known_situation: String,
    /// Which questions the sheet asks.
    pub variant: SheetVariant,
    /// Last year's answers, ticked or written again to be confirmed.
    pub project_mode: Option<PracticeMode>,
    pub project_structure: Option<PracticeStructure>,
    pub project_zone: Option<ZoneType>,
    pub project_place: String,
    pub project_date: String,
    pub expected_des_date: String,
    pub expected_thesis_date: String,
    /// Dates given last year that have passed since ("Date prévue du DES : 30/06/2025"):
    /// printed as a reminder, not pre-filled as if still expected.
    pub past_dates: Vec<String>,
    pub other_aids: String,
    /// The data-protection notice (GDPR article 13), "" to omit it.
    pub privacy_notice: String,
    /// The agency's logo (shared by the sheets of a batch).
    pub logo: Option<std::sync::Arc<super::layout::Image>>,
    /// The signed identification of a fillable sheet (see `followup::returns::key`); a
    /// sheet printed alone with one is a form to fill on screen, "" prints it flat.
    pub form_key: String,
}

/// The questions differ with the signatory's situation.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum SheetVariant {
    /// 2nd cycle: the choice of specialty and the professional project.
    #[default]
    Student,
    /// 3rd cycle (or a graduate not yet installed): the DES, the thesis and the project.
    Intern,
    /// The allowance or the studies are suspended.
    Suspended(SuspendedFacts),
    /// Practising: where, since when, until when, and what changes.
    Installed(InstalledFacts),
}

/// The suspension in course on the campaign's date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SuspendedFacts {
    pub reason: String,
    pub since: String,
    /// The end recorded, "" when open.
    pub until: String,
}

/// The practice as the agency knows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InstalledFacts {
    /// One per current place: (place, zone, mode, start).
    pub places: Vec<[String; 4]>,
    pub commitment_start: String,
    pub commitment_end: String,
    /// "14 mois" ("" unknown).
    pub months_left: String,
}

/// Where to send the form back.
#[derive(Debug, Clone, Default)]
pub struct SheetContact {
    pub service: String,
    pub referent: String,
    pub address: String,
    pub email: String,
    pub phone: String,
}

impl SheetContact {
    /// The sender's block of the letterhead: service, who follows the file, the postal
    /// address on one line, how to reach them.
    pub fn sender_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.service.trim().is_empty() {
            out.push(self.service.trim().to_owned());
        }
        if !self.referent.trim().is_empty() {
            out.push(format!("Dossier suivi par {}", self.referent.trim()));
        }
        let address: Vec<&str> = self
            .address
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !address.is_empty() {
            out.push(address.join(" — "));
        }
        let mut reach = Vec::new();
        if !self.phone.trim().is_empty() {
            reach.push(format!("Tél. {}", self.phone.trim()));
        }
        if !self.email.trim().is_empty() {
            reach.push(self.email.trim().to_owned());
        }
        if !reach.is_empty() {
            out.push(reach.join(" — "));
        }
        out
    }
}

/// Title of the sheet for `year`.
pub fn title(year: i32) -> String {
    format!("Fiche de suivi annuelle {year}")
}

/// The header of a sheet (its first page: letterhead and address in the window).
pub(crate) fn sheet_header(s: &FollowupSheet) -> Header {
    let mut aside = Vec::new();
    if !s.return_by.is_empty() {
        aside.push(format!("À retourner avant le {}", s.return_by));
    }
    Header {
        ars_name: s.ars_name.clone(),
        title: title(s.year),
        subtitle: Some("Contrat d'engagement de service public (CESP)".to_owned()),
        top_right: (!s.file_number.is_empty()).then(|| s.file_number.clone()),
        footer: Some(format!(
            "{} — {} {}",
            title(s.year),
            s.last_name.to_uppercase(),
            s.first_names
        )),
        letterhead: Some(Letterhead {
            logo: s.logo.clone(),
            sender: s.contact.sender_lines(),
            recipient: s.recipient.clone(),
            aside,
        }),
    }
}

fn info(title: String, s: Option<&FollowupSheet>, today: chrono::NaiveDate) -> DocumentInfo {
    let mut info = DocumentInfo::new(title, today);
    info.subject = "Suivi annuel des signataires du contrat d'engagement de service public".to_owned();
    if let Some(s) = s {
        info.author = s.ars_name.clone();
    }
    info
}

/// One sheet as a PDF file.
pub fn render_followup_sheet(
    fonts: &Fonts,
    sheet: &FollowupSheet,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, PdfError> {
    let doc_title = format!(
        "{} — {} {}",
        title(sheet.year),
        sheet.last_name.to_uppercase(),
        sheet.first_names
    );
    let mut w = Writer::new(fonts, sheet_header(sheet), &info(doc_title, Some(sheet), today));
    if !sheet.form_key.is_empty() {
        w.make_fillable(&[(KEY_FIELD, &sheet.form_key)]);
    }
    draw_sheet(&mut w, sheet)?;
    w.finish()
}

/// The hidden field of a fillable sheet that identifies it (`docs/formulaire.md`).
pub const KEY_FIELD: &str = "cesp_cle";

/// Several sheets merged into one PDF file, in order. `progress(done)` is called after
/// each sheet is laid out and returns `false` to stop: the result is then `None`.
pub fn render_followup_batch(
    fonts: &Fonts,
    sheets: &[FollowupSheet],
    today: chrono::NaiveDate,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Option<Vec<u8>>, PdfError> {
    let Some(first) = sheets.first() else {
        return Err(PdfError::Generation("aucune fiche à imprimer".to_owned()));
    };
    let doc_title = format!("Fiches de suivi annuelles {}", first.year);
    let mut w = Writer::new(fonts, sheet_header(first), &info(doc_title, Some(first), today));
    for (i, s) in sheets.iter().enumerate() {
        if i > 0 {
            w.start_document(sheet_header(s));
        }
        draw_sheet(&mut w, s)?;
        if !progress(i + 1) {
            return Ok(None);
        }
    }
    w.finish().map(Some)
}

// Shorter wordings than the window's lists: check boxes side by side on a printed line.
fn mode_label(m: PracticeMode) -> &'static str {
    match m {
        PracticeMode::Mixte => "Mixte",
        other => other.label(),
    }
}

fn structure_label(s: PracticeStructure) -> &'static str {
    match s {
        PracticeStructure::Msp => "MSP",
        PracticeStructure::Etablissement => "Établissement (hors CHU)",
        PracticeStructure::Pmi => "PMI",
        PracticeStructure::Cpts => "CPTS",
        PracticeStructure::Autre => "Autre",
        other => other.label(),
    }
}

fn situation_label(s: Situation) -> &'static str {
    match s {
        Situation::DeuxiemeCycle => "Étudiant(e), 2e cycle",
        Situation::TroisiemeCycle => "Interne, 3e cycle",
        Situation::Suspendu => "Suspendu(e)",
        Situation::DiplomeNonInstalle => "Diplômé(e), non installé(e)",
        Situation::Installe => "Installé(e)",
        Situation::Autre => "Autre",
    }
}

fn zone_label(z: ZoneType) -> &'static str {
    match z {
        ZoneType::Zip => "ZIP",
        ZoneType::Zac => "ZAC",
        ZoneType::HorsZone => "Hors zone",
        other => other.label(),
    }
}

/// Draws the sheet from the writer's cursor (a sheet starts a document of its own).
pub(crate) fn draw_sheet(w: &mut Writer<'_>, s: &FollowupSheet) -> Result<(), PdfError> {
    w.set_label_width(50.0);
    w.paragraph_styled(
        "Chaque année, l'ARS vous adresse cette fiche pour suivre vos études et votre projet \
         d'exercice. Les informations pré-remplies sont celles qu'elle connaît : corrigez-les ou \
         complétez-les, puis datez, signez et renvoyez la fiche à l'adresse ci-dessus.",
        TextStyle::NOTE,
    );

    w.heading("1. Identité et coordonnées");
    w.form_field(
        "",
        "Nom, prénoms",
        format!("{} {} {}", s.civility, s.last_name.to_uppercase(), s.first_names)
            .replace("  ", " ")
            .trim(),
        1,
    );
    w.form_row(&[
        ("", "Nom de naissance", &s.birth_name),
        ("", "Né(e) le", &s.birth_date),
    ]);
    w.form_field("identite_adresse", "Adresse postale", &s.address, 2);
    w.form_row(&[
        ("identite_courriel", "Courriel", &s.email),
        ("identite_telephone", "Téléphone", &s.phone),
    ]);

    w.heading("2. Études");
    w.form_row(&[
        ("", "Discipline", &s.discipline),
        ("etudes_subdivision", "Subdivision", &s.subdivision),
    ]);
    w.form_field("", "UFR", &s.ufr, 1);
    w.form_field("etudes_cycle_annee", "Cycle et année", &s.cycle_and_year, 1);
    match s.variant {
        SheetVariant::Student => {
            w.form_row(&[
                ("", "ECN / EDN", &s.ecn),
                ("etudes_specialite", "Spécialité envisagée", &s.specialty),
            ]);
        }
        _ => {
            w.form_row(&[
                ("", "ECN / EDN", &s.ecn),
                ("etudes_specialite", "Spécialité (DES)", &s.specialty),
            ]);
            if !matches!(s.variant, SheetVariant::Installed(_)) {
                w.form_row(&[
                    ("etudes_des_prevu", "DES prévu le", &s.expected_des_date),
                    ("etudes_these_prevue", "Thèse prévue le", &s.expected_thesis_date),
                ]);
            }
        }
    }
    if !s.past_dates.is_empty() {
        w.paragraph_styled(
            &format!(
                "Dates indiquées l'an dernier, aujourd'hui passées : {}. Indiquez les nouvelles dates prévues.",
                s.past_dates.join(" ; ")
            ),
            TextStyle::NOTE,
        );
    }

    w.heading("3. Contrat");
    w.form_row(&[
        ("", "Signé le", &s.signature_date),
        ("", "Référence", &s.contract_ref),
    ]);
    if !s.managing_body.is_empty() {
        w.form_field("", "Gestionnaire", &s.managing_body, 1);
    }
    let suspensions = if s.suspensions.is_empty() {
        "aucune connue de l'ARS".to_owned()
    } else {
        s.suspensions.join(" ; ")
    };
    w.form_field("", "Suspensions", &suspensions, 1);

    w.heading(&format!("4. Votre situation au 1er octobre {}", s.year));
    let situations: Vec<(&str, &str, bool)> = Situation::ALL
        .iter()
        .map(|x| (x.code(), situation_label(*x), false))
        .collect();
    w.checkboxes("situation", "Situation", &situations);
    if !s.known_situation.is_empty() {
        w.paragraph_styled(
            &format!("Situation connue de l'ARS : {}.", s.known_situation),
            TextStyle::NOTE,
        );
    }
    match &s.variant {
        SheetVariant::Suspended(f) => {
            w.form_row(&[
                ("suspension_motif", "Motif de la suspension", &f.reason),
                ("suspension_depuis", "Depuis le", &f.since),
            ]);
            w.form_row(&[
                ("suspension_fin_prevue", "Fin prévue le", &f.until),
                ("suspension_reprise", "Reprise effective le", ""),
            ]);
        }
        SheetVariant::Installed(_) => {}
        _ => w.form_field("suspension_prevue", "Suspension prévue", "", 1),
    }

    match &s.variant {
        SheetVariant::Installed(f) => practice(w, f)?,
        _ => project(w, s),
    }

    w.heading("6. Autres aides perçues ou demandées (CDE, CAIM, collectivité, établissement…)");
    w.form_field("aides", "Aides", &s.other_aids, 1);

    // The signature never alone on a page: it goes with the last question.
    w.keep_together(|w| {
        w.heading("7. Observations");
        w.ruled_field("observations", 2);
        w.signature_block(true, &["Signature du signataire"]);
    });
    if !s.privacy_notice.trim().is_empty() {
        w.keep_together(|w| {
            w.paragraph_styled(
                &s.privacy_notice,
                TextStyle {
                    size: 7.5,
                    ..TextStyle::NOTE
                },
            );
        });
    }
    Ok(())
}

/// Section 5 before installation: the project, last year's answers ticked again.
fn project(w: &mut Writer<'_>, s: &FollowupSheet) {
    w.heading("5. Projet professionnel");
    let modes: Vec<(&str, &str, bool)> = PracticeMode::ALL
        .iter()
        .map(|x| (x.code(), mode_label(*x), s.project_mode == Some(*x)))
        .collect();
    w.checkboxes("projet_mode", "Mode d'exercice", &modes);
    let structures: Vec<(&str, &str, bool)> = PracticeStructure::ALL
        .iter()
        .map(|x| (x.code(), structure_label(*x), s.project_structure == Some(*x)))
        .collect();
    w.checkboxes("projet_structure", "Structure", &structures);
    let zones: Vec<(&str, &str, bool)> = ZoneType::ALL
        .iter()
        .map(|x| (x.code(), zone_label(*x), s.project_zone == Some(*x)))
        .collect();
    w.checkboxes("projet_zone", "Zone (zonage)", &zones);
    w.form_field("projet_lieu", "Lieu envisagé", &s.project_place, 1);
    w.form_field("projet_date", "Installation le", &s.project_date, 1);
}

/// Section 5 once installed: what the agency knows of the practice, to confirm, and
/// what may change.
fn practice(w: &mut Writer<'_>, f: &InstalledFacts) -> Result<(), PdfError> {
    w.heading("5. Votre exercice");
    if f.places.is_empty() {
        w.form_field("exercice_lieux", "Lieu(x) d'exercice", "", 2);
    } else {
        w.table(&Table {
            columns: vec![
                Column::new("Lieu d'exercice connu de l'ARS", 3.2, Align::Left),
                Column::new("Zone", 1.1, Align::Left),
                Column::new("Mode", 1.3, Align::Left),
                Column::new("Depuis le", 1.0, Align::Left),
            ],
            rows: f.places.iter().map(|p| Row::new(p.iter().cloned())).collect(),
        })?;
    }
    w.form_row(&[
        ("", "Engagement depuis le", &f.commitment_start),
        ("", "Fin prévue le", &f.commitment_end),
    ]);
    w.form_field("", "Mois restant à servir", &f.months_left, 1);
    w.checkboxes(
        "exercice_inchange",
        "Lieu(x) inchangé(s)",
        &[("oui", "Oui", false), ("non", "Non : précisez ci-dessous", false)],
    );
    w.checkboxes(
        "exercice_temps",
        "Temps de travail",
        &[
            ("plein", "Temps plein", false),
            ("partiel", "Temps partiel : … demi-journées par semaine", false),
        ],
    );
    w.form_field("exercice_changements", "Changements prévus", "", 1);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts;

    fn sample() -> FollowupSheet {
        FollowupSheet {
            year: 2026,
            ars_name: "ARS Bretagne".into(),
            file_number: "Dossier n° 42".into(),
            return_by: "30/11/2026".into(),
            contact: SheetContact {
                service: "Suivi des signataires du CESP".into(),
                referent: "Camille Exemple".into(),
                address: "6 place des Colombes\nCS 14253\n35042 Rennes Cedex".into(),
                email: "ars-cesp@exemple.fr".into(),
                phone: "02 00 00 00 00".into(),
            },
            civility: "Mme".into(),
            last_name: "Lefèvre".into(),
            birth_name: "Œuvray".into(),
            first_names: "Hélène".into(),
            birth_date: "12/04/1999".into(),
            address: "3 rue des Lilas, 29000 Quimper".into(),
            email: "helene.lefevre@exemple.fr".into(),
            phone: "06 00 00 00 01".into(),
            discipline: "Médecine".into(),
            ufr: "Brest".into(),
            subdivision: "Brest".into(),
            cycle_and_year: "3e cycle (internat), 2e année".into(),
            ecn: "2024, rang 4 521".into(),
            specialty: "Médecine générale".into(),
            signature_date: "02/10/2023".into(),
            contract_ref: "CESP-2023-0042".into(),
            managing_body: "CNG (Centre national de gestion)".into(),
            suspensions: vec![
                "du 01/01/2025 au 31/03/2025 — Congé de maternité (allocation maintenue)".into(),
            ],
            known_situation: "En formation (allocataire)".into(),
            project_mode: Some(PracticeMode::Liberal),
            project_structure: Some(PracticeStructure::Msp),
            project_zone: Some(ZoneType::Zip),
            project_place: "« Maison de santé » de Carhaix-Plouguer".into(),
            project_date: "01/11/2028".into(),
            expected_des_date: "31/10/2028".into(),
            expected_thesis_date: "15/06/2028".into(),
            other_aids: String::new(),
            recipient: crate::postal::address_lines("Mme Hélène LEFÈVRE", "3 rue des Lilas, 29000 Quimper"),
            variant: SheetVariant::Intern,
            past_dates: Vec::new(),
            privacy_notice: crate::settings::privacy::default_notice("ARS Bretagne", 10),
            logo: None,
            form_key: String::new(),
        }
    }

    use crate::pdf::test_support::{page_count, text as text_of};

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn the_sheet_carries_the_known_data_with_accents() {
        let pdf = render_followup_sheet(fonts().unwrap(), &sample(), today()).unwrap();
        let text = text_of(&pdf);
        for expected in [
            "RÉPUBLIQUE FRANÇAISE",
            "ARS Bretagne",
            "Fiche de suivi annuelle 2026",
            "LEFÈVRE Hélène",
            "Œuvray",
            "12/04/1999",
            "Médecine générale",
            "CESP-2023-0042",
            "« Maison de santé » de Carhaix-Plouguer",
            "avant le 30/11/2026",
            "Signature du signataire",
            "Page 1 /",
        ] {
            assert!(text.contains(expected), "« {expected} » absent du PDF");
        }
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn each_situation_gets_its_own_questions() {
        let text = |variant: SheetVariant| {
            let s = FollowupSheet { variant, ..sample() };
            text_of(&render_followup_sheet(fonts().unwrap(), &s, today()).unwrap())
        };
        let student = text(SheetVariant::Student);
        assert!(student.contains("Spécialité envisagée") && student.contains("Lieu envisagé"));
        assert!(!student.contains("Thèse prévue le"));
        let intern = text(SheetVariant::Intern);
        assert!(intern.contains("Thèse prévue le") && intern.contains("Spécialité (DES)"));
        let suspended = text(SheetVariant::Suspended(SuspendedFacts {
            reason: "Congé de maternité".into(),
            since: "01/09/2026".into(),
            until: "31/12/2026".into(),
        }));
        assert!(suspended.contains("Motif de la suspension") && suspended.contains("Congé de maternité"));
        assert!(suspended.contains("31/12/2026") && suspended.contains("Reprise effective le"));
        let installed = text(SheetVariant::Installed(InstalledFacts {
            places: vec![[
                "2 rue du Port, Douarnenez".into(),
                "ZIP".into(),
                "Libéral".into(),
                "01/11/2025".into(),
            ]],
            commitment_start: "01/11/2025".into(),
            commitment_end: "31/10/2029".into(),
            months_left: "35 mois".into(),
        }));
        for expected in [
            "5. Votre exercice",
            "2 rue du Port, Douarnenez",
            "31/10/2029",
            "35 mois",
            "Lieu(x) inchangé(s)",
            "Temps partiel",
            "Changements prévus",
        ] {
            assert!(installed.contains(expected), "« {expected} » absent");
        }
        assert!(!installed.contains("Lieu envisagé") && !installed.contains("Thèse prévue le"));
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn the_address_stands_in_the_envelope_window() {
        // pdftotext -bbox gives each word's box in points from the top-left corner.
        let pdf = render_followup_sheet(fonts().unwrap(), &sample(), today()).unwrap();
        let boxes = crate::pdf::test_support::word_boxes(&pdf, 1);
        let mm = |pt: f32| pt * 25.4 / 72.0;
        let w = &crate::pdf::layout::ADDRESS_WINDOW;
        for word in ["LEFÈVRE", "Lilas", "QUIMPER"] {
            let (x0, y0, x1, y1) = boxes
                .iter()
                .find(|(t, ..)| t == word)
                .map(|(_, a, b, c, d)| (mm(*a), mm(*b), mm(*c), mm(*d)))
                .unwrap_or_else(|| panic!("« {word} » absent de la page 1"));
            assert!(x0 >= w.left && x1 <= w.left + w.width, "{word} : x {x0}–{x1} mm");
            assert!(y0 >= w.top && y1 <= w.top + w.height, "{word} : y {y0}–{y1} mm");
        }
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn a_long_project_wraps_onto_a_second_page() {
        let short = render_followup_sheet(fonts().unwrap(), &sample(), today()).unwrap();
        let mut s = sample();
        s.project_place = "Installation envisagée en maison de santé pluriprofessionnelle, avec une activité partagée entre le cabinet principal et un site secondaire, ".repeat(12);
        let long = render_followup_sheet(fonts().unwrap(), &s, today()).unwrap();
        let pages = page_count;
        assert!(
            pages(&long) > pages(&short),
            "{} vs {}",
            pages(&long),
            pages(&short)
        );
        let text = text_of(&long);
        assert!(text.contains("site secondaire"));
        assert!(text.contains(&format!("Page {} / {}", pages(&long), pages(&long))));
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn a_batch_numbers_each_sheet_on_its_own() {
        let sheets: Vec<FollowupSheet> = (0..3)
            .map(|i| FollowupSheet {
                last_name: format!("Nom{i}"),
                ..sample()
            })
            .collect();
        let mut calls = Vec::new();
        let pdf = render_followup_batch(fonts().unwrap(), &sheets, today(), &mut |n| {
            calls.push(n);
            true
        })
        .unwrap()
        .unwrap();
        assert_eq!(calls, vec![1, 2, 3]);
        let single = page_count(&render_followup_sheet(fonts().unwrap(), &sample(), today()).unwrap());
        let text = text_of(&pdf);
        assert_eq!(page_count(&pdf), 3 * single);
        assert_eq!(text.matches("Page 1 / ").count(), 3);
        assert!(text.contains("NOM2"));
        // Cancelled after the second sheet: nothing.
        let out = render_followup_batch(fonts().unwrap(), &sheets, today(), &mut |n| n < 2).unwrap();
        assert!(out.is_none());
    }
}
