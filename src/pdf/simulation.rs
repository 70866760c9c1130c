//! "Simulation du coût d'une rupture du CESP": a one-page sheet (two when the warnings
//! are long) explaining, line by line, what a signatory would owe on rupture.
//!
//! The computation is done elsewhere; this module receives formatted text only.

use super::layout::{
    mm, Align, Column, DocumentInfo, Header, PdfError, Row, Table, TextStyle, Writer, LEADING,
};
use super::Fonts;

/// Everything printed on the simulation sheet, already formatted.
#[derive(Debug, Clone)]
pub struct RuptureSheet {
    /// Issuing agency, e.g. "ARS Bretagne" ("" allowed: the line is omitted).
    pub ars_name: String,
    /// Civility and name, e.g. "Mme Hélène LEFÈVRE".
    pub signatory: String,
    /// "Médecine" or "Odontologie".
    pub discipline: String,
    /// Contract reference; may be "".
    pub contract_ref: String,
    /// Regime label, e.g. "Régime 2013 (contrats du 29/11/2013 au 19/03/2020)", or "".
    pub regime: String,
    /// Simulated rupture date, "jj/mm/aaaa".
    pub rupture_date: String,
    /// Date the sheet is generated (printed, and written as the PDF creation date).
    pub generated_on: chrono::NaiveDate,
    /// Situation at the rupture date, e.g. "En exercice (engagement en cours)".
    pub phase_label: String,
    /// The computation, line by line.
    pub lines: Vec<SheetLine>,
    /// The total, e.g. "40 038,83 €".
    pub total: String,
    /// Warnings (hypotheses, data to confirm…), printed in a box.
    pub warnings: Vec<String>,
    /// Legal references, one per item.
    pub legal_references: Vec<String>,
}

/// One line of the computation.
#[derive(Debug, Clone)]
pub struct SheetLine {
    /// What the line is, e.g. "Allocations nettes perçues".
    pub label: String,
    /// How it is computed, e.g. "60 mois × 1 106,88 €".
    pub detail: String,
    /// The result, e.g. "66 412,80 €" or "46,3344 %".
    pub amount: String,
}

/// Title of the sheet.
pub const TITLE: &str = "Simulation du coût d'une rupture du CESP";

/// Renders the rupture simulation sheet as a PDF.
pub fn render_rupture_simulation(fonts: &Fonts, s: &RuptureSheet) -> Result<Vec<u8>, PdfError> {
    let generated = s.generated_on.format("%d/%m/%Y").to_string();
    let header = Header {
        letterhead: None,
        ars_name: s.ars_name.clone(),
        title: TITLE.to_owned(),
        subtitle: Some("Contrat d'engagement de service public".to_owned()),
        top_right: Some(format!("Édité le {generated}")),
        footer: Some(format!(
            "Suivi CESP — simulation de rupture — {}",
            s.signatory.trim()
        )),
    };
    let mut info = DocumentInfo::new(format!("{TITLE} — {}", s.signatory.trim()), s.generated_on);
    info.subject =
        "Simulation de l'indemnité due en cas de rupture du contrat d'engagement de service public".into();
    info.author = s.ars_name.clone();
    let mut w = Writer::new(fonts, header, &info);
    w.set_label_width(56.0);

    w.heading("Identification");
    w.label_value("Signataire", &s.signatory);
    w.label_value("Discipline", &s.discipline);
    w.label_value("Référence du contrat", or_dash(&s.contract_ref, "non renseignée"));
    w.label_value("Régime", or_dash(&s.regime, "non déterminé"));
    w.label_value("Date de rupture simulée", &s.rupture_date);
    w.label_value("Situation à cette date", &s.phase_label);
    w.space(2.0);

    w.heading("Détail du calcul");
    let mut rows: Vec<Row> = s
        .lines
        .iter()
        .map(|l| Row::new([l.label.as_str(), l.detail.as_str(), l.amount.as_str()]))
        .collect();
    rows.push(Row::total([
        "Montant estimé de l'indemnité",
        "",
        s.total.as_str(),
    ]));
    w.table(&Table {
        columns: vec![
            Column::new("Élément", 42.0, Align::Left),
            Column::new("Calcul", 40.0, Align::Left),
            Column::new("Montant", 18.0, Align::Right),
        ],
        rows,
    })?;

    if !s.warnings.is_empty() {
        w.callout(Some("Points d'attention"), &s.warnings);
    }

    if !s.legal_references.is_empty() {
        w.heading("Références");
        w.bullets_styled(
            &s.legal_references,
            TextStyle {
                size: 9.0,
                ..TextStyle::BODY
            },
        );
        w.space(2.0);
    }

    // Keep the closing mention (rule and two lines) together.
    w.ensure_space(mm(4.0) + 3.0 * TextStyle::NOTE.size * LEADING);
    w.rule();
    w.paragraph_styled(
        &format!(
            "Document de simulation établi le {generated} ; le montant dû est notifié par le CNG/ASP \
             par lettre recommandée (recours possible sous 2 mois)."
        ),
        TextStyle::NOTE,
    );
    w.finish()
}

fn or_dash<'a>(v: &'a str, missing: &'a str) -> &'a str {
    if v.trim().is_empty() {
        missing
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{format_euros, format_percent};
    use rust_decimal_macros::dec;
    use std::process::Command;

    fn sheet() -> RuptureSheet {
        RuptureSheet {
            ars_name: "ARS Bretagne".into(),
            signatory: "Mme Hélène LEFÈVRE".into(),
            discipline: "Médecine".into(),
            contract_ref: "CESP-2016-035-Œ".into(),
            regime: "Régime 2013 (contrats du 29/11/2013 au 19/03/2020)".into(),
            rupture_date: "31/10/2024".into(),
            generated_on: chrono::NaiveDate::from_ymd_opt(2024, 11, 4).expect("date"),
            phase_label: "En exercice (engagement en cours)".into(),
            lines: vec![
                SheetLine {
                    label: "Allocations nettes perçues".into(),
                    detail: format!("60 mois × {}", format_euros(dec!(1106.88))),
                    amount: format_euros(dec!(66412.80)),
                },
                SheetLine {
                    label: "Pénalité (rupture après le diplôme)".into(),
                    detail: "Forfait".into(),
                    amount: format_euros(dec!(20000)),
                },
                SheetLine {
                    label: "Base de l'indemnité".into(),
                    detail: format!("{} + {}", format_euros(dec!(66412.80)), format_euros(dec!(20000))),
                    amount: format_euros(dec!(86412.80)),
                },
                SheetLine {
                    label: "Taux dégressif (médecine, f = 48 mois servis sur d = 60 mois dus)".into(),
                    detail: "100 − min(100 ; 120 × √((48 − 36) / 60))".into(),
                    amount: format_percent(dec!(46.334369), 4),
                },
            ],
            total: format_euros(dec!(40038.83)),
            warnings: vec![
                "Les mois de suspension non rémunérés (disponibilité, congé parental) ne sont pas comptés ; \
                 vérifiez les dates avec l'intéressée « avant toute notification ».".into(),
                "Le taux de l'arrêté du 26 mai 2020 reprend-il les mêmes constantes ? À confirmer auprès du CNG.".into(),
            ],
            legal_references: vec![
                "Code de l'éducation, art. L. 632-6 et R. 632-…".into(),
                "Arrêté du 24 juin 2011 (annexe : taux dégressif, médecine)".into(),
            ],
        }
    }

    fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("doc.pdf");
        std::fs::write(&path, pdf).expect("write");
        let out = Command::new(name)
            .args(args)
            .arg(&path)
            .args(if name == "pdftotext" { &["-"][..] } else { &[][..] })
            .output()
            .unwrap_or_else(|e| panic!("{name} introuvable (apt-get install poppler-utils) : {e}"));
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// pdftotext turns U+202F and U+00A0 into plain spaces depending on the version.
    fn plain(s: &str) -> String {
        s.replace(['\u{202f}', '\u{a0}'], " ")
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn text_comes_back_with_accents() {
        let fonts = Fonts::load().expect("polices");
        let mut s = sheet();
        s.warnings
            .push("Cœur du dossier : œuvre, Œdipe, ça, là, déjà — « guillemets » et 12,50 €.".into());
        let pdf = render_rupture_simulation(&fonts, &s).expect("pdf");
        let text = plain(&tool("pdftotext", &["-layout"], &pdf));
        for needle in [
            "RÉPUBLIQUE FRANÇAISE",
            "ARS Bretagne",
            "Simulation du coût d'une rupture du CESP",
            "Mme Hélène LEFÈVRE",
            "Médecine",
            "CESP-2016-035-Œ",
            "Régime 2013 (contrats du 29/11/2013 au 19/03/2020)",
            "31/10/2024",
            "En exercice (engagement en cours)",
            "Élément",
            "Montant",
            "60 mois × 1 106,88 €",
            "66 412,80 €",
            "46,3344 %",
            "40 038,83 €",
            "Montant estimé de l'indemnité",
            "« avant toute notification ».",
            "Cœur du dossier : œuvre, Œdipe, ça, là, déjà",
            "« guillemets » et 12,50 €",
            "Arrêté du 24 juin 2011 (annexe : taux dégressif, médecine)",
            "Document de simulation établi le 04/11/2024",
            "Page 1 / 1",
        ] {
            assert!(
                text.contains(&plain(needle)),
                "« {needle} » absent du texte extrait :\n{text}"
            );
        }
        let info = tool("pdfinfo", &[], &pdf);
        assert!(info.contains("Pages:           1"), "{info}");
        assert!(info.contains("2024"), "date de création : {info}");
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn long_warnings_wrap_onto_a_second_page() {
        let fonts = Fonts::load().expect("polices");
        let mut s = sheet();
        s.warnings = (1..=14)
            .map(|i| {
                format!(
                    "Avertissement n° {i} : la période de suspension déclarée pour l'année universitaire \
                     ne correspond pas aux pièces transmises par l'UFR ; les mois concernés ont été exclus \
                     du décompte des allocations, à vérifier avant toute décision de l'agence."
                )
            })
            .collect();
        let pdf = render_rupture_simulation(&fonts, &s).expect("pdf");
        let text = plain(&tool("pdftotext", &[], &pdf));
        assert!(text.contains("Page 1 / 2"), "{text}");
        assert!(text.contains("Page 2 / 2"), "{text}");
        assert!(!text.contains("Page 3"), "{text}");
        assert!(text.contains("Avertissement n° 14"), "{text}");
        // Page 2 starts with the short header.
        let page2 = text.split('\u{c}').nth(1).expect("page 2");
        assert!(
            page2.contains("Simulation du coût d'une rupture du CESP"),
            "{page2}"
        );
        assert!(
            page2.contains("Document de simulation établi le 04/11/2024"),
            "{page2}"
        );
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn fonts_are_embedded_as_subsets() {
        let fonts = Fonts::load().expect("polices");
        let pdf = render_rupture_simulation(&fonts, &sheet()).expect("pdf");
        let out = tool("pdffonts", &[], &pdf);
        let rows: Vec<&str> = out.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(rows.len(), 2, "{out}");
        for row in rows {
            // name type encoding emb sub uni object ID
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert!(n >= 7, "{row}");
            assert!(
                cols[0].contains('+') && cols[0].contains("DejaVu"),
                "subset tag missing: {row}"
            );
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "emb/sub/uni: {row}");
        }
    }

    #[cfg_attr(
        windows,
        ignore = "reads the PDF with poppler (pdftotext, pdffonts), a Linux program a Windows process cannot start under Wine; the PDF does not depend on the system"
    )]
    #[test]
    fn empty_optional_fields_render() {
        let fonts = Fonts::load().expect("polices");
        let mut s = sheet();
        s.ars_name = String::new();
        s.contract_ref = String::new();
        s.regime = String::new();
        s.warnings.clear();
        s.legal_references.clear();
        s.lines.clear();
        let pdf = render_rupture_simulation(&fonts, &s).expect("pdf");
        let text = tool("pdftotext", &[], &pdf);
        assert!(
            text.contains("non renseignée") && text.contains("non déterminé"),
            "{text}"
        );
    }
}
