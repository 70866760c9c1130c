//! The printed report of one interview (PDF), for the signatory's file.

use crate::error::{Error, Result, ValidationErrors};
use crate::pdf::{self, InterviewSheet};
use crate::store::interviews as sql;
use crate::store::Store;
use chrono::NaiveDate;
use std::path::Path;

/// The content of the report of interview `interview_id` of signatory `id`.
pub fn report_sheet(store: &Store, id: i64, interview_id: i64, today: NaiveDate) -> Result<InterviewSheet> {
    let s = crate::register::get(store, id)?;
    let row = sql::of_signatory(store.read(), id)?
        .into_iter()
        .find(|r| r.id == interview_id)
        .ok_or_else(|| {
            Error::Rules(format!(
                "L'entretien n° {interview_id} n'existe pas (ou plus) pour ce signataire."
            ))
        })?;
    let contact = crate::settings::contact(store)?;
    let date = |d: Option<NaiveDate>| d.map(crate::domain::dates::format_fr).unwrap_or_default();
    Ok(InterviewSheet {
        ars_name: crate::settings::ars_name(store)?,
        signatory: format!(
            "{} {} {}",
            s.civility_label(),
            s.first_names,
            s.last_name.to_uppercase()
        )
        .trim_start()
        .to_owned(),
        discipline: s.discipline.label().to_owned(),
        status: s.status.label().to_owned(),
        contract_ref: s.contract_ref.clone().unwrap_or_default(),
        date: crate::domain::dates::format_fr(row.date),
        mode: row.mode.label().to_owned(),
        reason: row.reason.label().to_owned(),
        attendees: row.attendees,
        report: row.report,
        actions: row
            .actions
            .into_iter()
            .map(|a| (a.text, date(a.due_date), date(a.done_date)))
            .collect(),
        referent: contact.referent,
        generated_on: today,
    })
}

/// Renders the report and writes it to `path` (chosen by the user), atomically.
pub fn print_report(store: &Store, id: i64, interview_id: i64, path: &Path, today: NaiveDate) -> Result<()> {
    if path.as_os_str().is_empty() {
        let mut e = ValidationErrors::default();
        e.push("path", "Choisissez où enregistrer le PDF.");
        return Err(e.into());
    }
    let sheet = report_sheet(store, id, interview_id, today)?;
    let bytes = pdf::render_interview_report(pdf::fonts()?, &sheet)?;
    pdf::write_file(path, &bytes).map_err(|source| Error::WriteFile {
        path: path.to_owned(),
        source,
    })
}
