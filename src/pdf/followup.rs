//! The *fiche de suivi annuelle* (domain.md §7, seed 001): the form the agency sends
//! every signatory each year, pre-filled with what it knows, to be completed, signed and
//! returned. One sheet, or a whole campaign merged into one file (each sheet starting on
//! its own page, numbered on its own, the fonts embedded once).
//!
//! This module receives formatted text only; `followup::print` gathers it.

use super::layout::{mm, DocumentInfo, Header, PdfError, Writer};
use super::Fonts;
use crate::domain::{PracticeMode, PracticeStructure, Situation, ZoneType};

/// Everything printed on one sheet, already formatted ("" = unknown: a blank line).
#[derive(Debug, Clone, Default)]
pub struct FollowupSheet {
    pub year: i32,
    /// "ARS Bretagne" ("" omits the line).
    pub ars_name: String,
    /// Printed at the top right: the file number, for the return.
    pub file_number: String,
    /// Date the agency expects the form back, "jj/mm/aaaa" ("" = not printed).
    pub return_by: String,
    pub contact: SheetContact,
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
    pub managing_body: String,
    /// Allowance suspensions known to the agency, one line each.
    pub suspensions: Vec<String>,
    /// What the agency's file says today, e.g. "En formation (allocataire)".
    pub known_situation: String,
    /// Last year's answers, ticked or written again to be confirmed.
    pub project_mode: Option<PracticeMode>,
    pub project_structure: Option<PracticeStructure>,
    pub project_zone: Option<ZoneType>,
    pub project_place: String,
    pub project_date: String,
    pub expected_des_date: String,
    pub expected_thesis_date: String,
    pub other_aids: String,
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

/// Title of the sheet for `year`.
pub fn title(year: i32) -> String {
    format!("Fiche de suivi annuelle {year}")
}

fn header(s: &FollowupSheet) -> Header {
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
    let mut w = Writer::new(fonts, header(sheet), &info(doc_title, Some(sheet), today));
    draw(&mut w, sheet);
    w.finish()
}

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
    let mut w = Writer::new(fonts, header(first), &info(doc_title, Some(first), today));
    for (i, s) in sheets.iter().enumerate() {
        if i > 0 {
            w.start_document(header(s));
        }
        draw(&mut w, s);
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

fn zone_label(z: ZoneType) -> &'static str {
    match z {
        ZoneType::Zip => "ZIP",
        ZoneType::Zac => "ZAC",
        ZoneType::HorsZone => "Hors zone",
        other => other.label(),
    }
}

/// Room for a heading and the first lines of its section: no heading alone at the foot
/// of a page.
const KEEP_WITH_HEADING: f32 = 30.0;

fn draw(w: &mut Writer<'_>, s: &FollowupSheet) {
    w.set_label_width(50.0);
    let mut intro =
        String::from("Ce document, adressé chaque année, doit être complété, signé et retourné à l'ARS");
    if !s.return_by.is_empty() {
        intro.push_str(&format!(" avant le {}", s.return_by));
    }
    intro.push_str(
        ". Il permet de suivre l'évolution de votre projet professionnel et de préparer votre \
         installation. Les informations pré-remplies sont celles que l'ARS connaît : corrigez-les \
         ou complétez-les si besoin.",
    );
    w.paragraph(&intro);
    return_to(w, s);

    w.ensure_space(mm(KEEP_WITH_HEADING));
    w.heading("1. Identité et coordonnées");
    w.form_field(
        "Civilité, nom, prénoms",
        format!("{} {} {}", s.civility, s.last_name.to_uppercase(), s.first_names)
            .replace("  ", " ")
            .trim(),
        1,
    );
    w.form_field("Nom de naissance", &s.birth_name, 1);
    w.form_field("Date de naissance", &s.birth_date, 1);
    w.form_field("Adresse postale", &s.address, 2);
    w.form_row(&[("Courriel", &s.email), ("Téléphone", &s.phone)]);

    w.ensure_space(mm(KEEP_WITH_HEADING));
    w.heading("2. Études");
    w.form_row(&[("Discipline", &s.discipline), ("UFR", &s.ufr)]);
    w.form_field("Cycle et année", &s.cycle_and_year, 1);
    w.form_field("ECN / EDN", &s.ecn, 1);
    w.form_field("Spécialité (DES)", &s.specialty, 1);
    w.form_field("Subdivision", &s.subdivision, 1);

    w.ensure_space(mm(KEEP_WITH_HEADING));
    w.heading("3. Contrat");
    w.form_row(&[("Signé le", &s.signature_date), ("Référence", &s.contract_ref)]);
    if !s.managing_body.is_empty() {
        w.form_field("Gestionnaire", &s.managing_body, 1);
    }
    let suspensions = if s.suspensions.is_empty() {
        "aucune connue de l'ARS".to_owned()
    } else {
        s.suspensions.join(" ; ")
    };
    w.form_field("Suspensions connues", &suspensions, 1);
    w.form_field("Suspension prévue", "", 1);

    w.ensure_space(mm(KEEP_WITH_HEADING));
    w.heading(&format!("4. Votre situation au 1er octobre {}", s.year));
    let situations: Vec<(&str, bool)> = Situation::ALL.iter().map(|x| (x.label(), false)).collect();
    w.checkboxes("Situation", &situations);
    if !s.known_situation.is_empty() {
        w.paragraph_styled(
            &format!("Situation connue de l'ARS : {}.", s.known_situation),
            super::layout::TextStyle::NOTE,
        );
    }

    w.ensure_space(mm(KEEP_WITH_HEADING));
    w.heading("5. Projet professionnel");
    let modes: Vec<(&str, bool)> = PracticeMode::ALL
        .iter()
        .map(|x| (mode_label(*x), s.project_mode == Some(*x)))
        .collect();
    w.checkboxes("Mode d'exercice", &modes);
    let structures: Vec<(&str, bool)> = PracticeStructure::ALL
        .iter()
        .map(|x| (structure_label(*x), s.project_structure == Some(*x)))
        .collect();
    w.checkboxes("Structure", &structures);
    let zones: Vec<(&str, bool)> = ZoneType::ALL
        .iter()
        .map(|x| (zone_label(*x), s.project_zone == Some(*x)))
        .collect();
    w.checkboxes("Zone (zonage)", &zones);
    w.form_field("Lieu envisagé", &s.project_place, 2);
    w.form_field("Installation prévue le", &s.project_date, 1);
    w.form_row(&[
        ("Date prévue du DES", &s.expected_des_date),
        ("Date prévue de la thèse", &s.expected_thesis_date),
    ]);

    w.ensure_space(mm(KEEP_WITH_HEADING));
    w.heading("6. Autres aides perçues ou demandées");
    w.paragraph_styled(
        "Par exemple : contrat de début d'exercice (CDE), aide à l'installation (CAIM), aide d'une collectivité, bourse d'un établissement.",
        super::layout::TextStyle::NOTE,
    );
    w.form_field("Aides", &s.other_aids, 2);

    w.ensure_space(mm(KEEP_WITH_HEADING));
    w.heading("7. Observations");
    w.ruled_lines(3);

    w.signature_block(true, &["Signature du signataire"]);
}

/// "À retourner complétée et signée avant le … à": who and where, near the top, where
/// the recipient looks for it.
fn return_to(w: &mut Writer<'_>, s: &FollowupSheet) {
    let c = &s.contact;
    let mut items: Vec<String> = Vec::new();
    let mut who = vec![s.ars_name.clone(), c.service.clone(), c.referent.clone()];
    who.retain(|x| !x.trim().is_empty());
    if !who.is_empty() {
        items.push(who.join(" — "));
    }
    let address: Vec<&str> = c
        .address
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if !address.is_empty() {
        items.push(address.join(", "));
    }
    let mut reach = Vec::new();
    if !c.email.is_empty() {
        reach.push(format!("Courriel : {}", c.email));
    }
    if !c.phone.is_empty() {
        reach.push(format!("Téléphone : {}", c.phone));
    }
    if !reach.is_empty() {
        items.push(reach.join(" — "));
    }
    if !items.is_empty() {
        let title = if s.return_by.is_empty() {
            "À retourner complétée et signée à".to_owned()
        } else {
            format!("À retourner complétée et signée avant le {} à", s.return_by)
        };
        w.callout(Some(&title), &items);
    }
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
