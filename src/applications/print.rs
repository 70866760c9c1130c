//! The list of the commission's decisions, as a PDF for the minutes: the sitting, the
//! members present, and per candidate the decision (waiting rank) and its reason.

use super::{campaign, Application};
use crate::error::{Error, Result};
use crate::pdf::layout::{Align, Column, DocumentInfo, Header, Row, Table, TextStyle, Writer};
use crate::store::Store;
use chrono::NaiveDate;
use std::path::Path;

fn decision_cell(a: &Application) -> String {
    match (a.decision, a.waiting_rank) {
        (Some(crate::domain::Decision::ListeAttente), Some(r)) => format!("{} (rang {r})", a.decision_label),
        (Some(_), _) => a.decision_label.clone(),
        (None, _) => "Sans décision".to_owned(),
    }
}

/// The PDF bytes of the decisions of campaign `year` / `ufr`.
pub fn render(store: &Store, year: i32, ufr: &str, today: NaiveDate) -> Result<Vec<u8>> {
    let c = campaign(store, year, ufr, today)?;
    if c.ufr.is_empty() {
        return Err(Error::BadInput("Choisissez l'UFR de la campagne.".into()));
    }
    let ars = crate::settings::ars_name(store)?;
    let title = "Commission de sélection du CESP : liste des décisions".to_owned();
    let mut header = Header::new(ars.clone(), title.clone());
    header.subtitle = Some(format!("{} — campagne {}", c.ufr, c.year_label));
    header.top_right = Some(format!("Édité le {}", crate::domain::dates::format_fr(today)));
    let mut info = DocumentInfo::new(format!("{title} — {} — {}", c.ufr, c.year_label), today);
    info.author = ars;
    info.subject = "Décisions de la commission de sélection".to_owned();
    let fonts = crate::pdf::fonts()?;
    let mut w = Writer::new(fonts, header, &info);
    w.set_label_width(45.0);
    w.heading("Séance");
    w.label_value(
        "Date",
        if c.commission.sitting_date.is_empty() {
            "non renseignée"
        } else {
            &c.commission.sitting_date
        },
    );
    w.label_value(
        "Membres présents",
        if c.commission.members.is_empty() {
            "non renseignés"
        } else {
            &c.commission.members
        },
    );
    if !c.commission.notes.is_empty() {
        w.label_value("Observations", &c.commission.notes);
    }
    let count = |d: crate::domain::Decision| c.applications.iter().filter(|a| a.decision == Some(d)).count();
    w.label_value(
        "Candidatures",
        &format!(
            "{} : {} retenue(s), {} sur liste d'attente, {} non retenue(s)",
            c.applications.len(),
            count(crate::domain::Decision::Retenu),
            count(crate::domain::Decision::ListeAttente),
            count(crate::domain::Decision::NonRetenu)
        ),
    );
    w.heading("Décisions");
    if c.applications.is_empty() {
        w.paragraph_styled(
            "Aucune candidature enregistrée pour cette campagne.",
            TextStyle::NOTE,
        );
    } else {
        let rows = c
            .applications
            .iter()
            .map(|a| {
                let studies = [a.discipline_label.as_str(), a.studies_label.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ");
                Row::new([
                    a.name.clone(),
                    studies,
                    a.input.specialty.clone(),
                    decision_cell(a),
                    a.decision_reason.clone(),
                ])
            })
            .collect();
        w.table(&Table {
            columns: vec![
                Column::new("Candidat", 2.2, Align::Left),
                Column::new("Études", 2.0, Align::Left),
                Column::new("Projet", 1.8, Align::Left),
                Column::new("Décision", 1.5, Align::Left),
                Column::new("Motif", 2.5, Align::Left),
            ],
            rows,
        })?;
    }
    w.signature_block(
        true,
        &["Le président de la commission", "Le représentant de l'ARS"],
    );
    Ok(w.finish()?)
}

/// Writes the list of decisions to `path` (chosen by the user), atomically.
pub fn write(store: &Store, year: i32, ufr: &str, path: &Path, today: NaiveDate) -> Result<()> {
    let bytes = render(store, year, ufr, today)?;
    crate::pdf::write_file(path, &bytes).map_err(|source| Error::WriteFile {
        path: path.to_owned(),
        source,
    })
}
