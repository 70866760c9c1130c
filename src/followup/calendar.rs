//! The dates of a campaign: when the sheets are sent, and the deadline to return them.
//! Both are settings of each campaign, printed on the sheets and letters and used by the
//! reminders; both are working days of the agency (see [`crate::domain::calendar`]).

use crate::domain::calendar::{next_working_day, why_closed};
use crate::domain::dates::{format_fr, optional_date, parse_date};
use crate::error::{Result, ValidationErrors};
use crate::settings;
use crate::store::{settings as kv, Store};
use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

/// The dates of one campaign as typed ("jj/mm/aaaa"; "" = not set yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CampaignDatesForm {
    pub year: i32,
    /// Date the sheets are sent.
    pub send: String,
    /// Date they must be back.
    pub return_by: String,
}

/// The dates a campaign's documents print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignDates {
    pub send: NaiveDate,
    pub return_by: NaiveDate,
    /// Whether the return date was chosen (otherwise it is computed).
    pub chosen: bool,
}

fn send_key(year: i32) -> String {
    format!("campagne_{year}_envoi")
}

fn return_key(year: i32) -> String {
    format!("campagne_{year}_retour")
}

/// The dates as stored, for the form.
pub fn form(store: &Store, year: i32) -> Result<CampaignDatesForm> {
    let conn = store.read();
    Ok(CampaignDatesForm {
        year,
        send: kv::get(conn, &send_key(year))?.unwrap_or_default(),
        return_by: kv::get(conn, &return_key(year))?.unwrap_or_default(),
    })
}

/// The dates to print on `today`: those chosen for the campaign, or else a send date of
/// `today` (the next working day) and a return date the settings' number of days later,
/// moved to the next working day.
pub fn dates(store: &Store, year: i32, today: NaiveDate) -> Result<CampaignDates> {
    let f = form(store, year)?;
    let region = settings::region(store)?;
    let send = parse_date(&f.send).unwrap_or_else(|| next_working_day(today, &region));
    if let Some(r) = parse_date(&f.return_by) {
        return Ok(CampaignDates {
            send,
            return_by: r,
            chosen: true,
        });
    }
    let days = u64::from(settings::contact(store)?.return_days());
    let raw = send.checked_add_days(Days::new(days)).unwrap_or(send);
    Ok(CampaignDates {
        send,
        return_by: next_working_day(raw, &region),
        chosen: false,
    })
}

/// The return deadline chosen for `year`, if any.
pub fn chosen_return(conn: &rusqlite::Connection, year: i32) -> Result<Option<NaiveDate>> {
    Ok(kv::get(conn, &return_key(year))?.and_then(|v| parse_date(&v)))
}

/// Validates and saves the dates of a campaign in one transaction. Each date is empty or a
/// working day; the return comes after the send date.
pub fn save(store: &mut Store, input: &CampaignDatesForm) -> Result<CampaignDatesForm> {
    let region = settings::region(store)?;
    let mut e = ValidationErrors::default();
    if !(2000..=2100).contains(&input.year) {
        e.push("year", format!("Année de campagne invalide : {}.", input.year));
        return Err(e.into());
    }
    let check = |e: &mut ValidationErrors, field: &str, label: &str, text: &str| -> Option<NaiveDate> {
        let d = optional_date(e, field, text)?;
        if let Some(why) = why_closed(d, &region) {
            e.push(
                field,
                format!(
                    "{label} : le {} est {why}, l'ARS est fermée. Premier jour ouvré suivant : le {}.",
                    format_fr(d),
                    format_fr(next_working_day(d, &region))
                ),
            );
            return None;
        }
        if d.year() < input.year || d.year() > input.year + 1 {
            e.push(
                field,
                format!(
                    "{label} : le {} n'est pas dans la campagne {} (de {} à {}).",
                    format_fr(d),
                    input.year,
                    input.year,
                    input.year + 1
                ),
            );
            return None;
        }
        Some(d)
    };
    let send = check(&mut e, "send", "Date d'envoi", &input.send);
    let ret = check(&mut e, "return_by", "Date limite de retour", &input.return_by);
    if let (Some(s), Some(r)) = (send, ret) {
        if r <= s {
            e.push(
                "return_by",
                format!(
                    "La date limite de retour ({}) doit suivre la date d'envoi ({}).",
                    format_fr(r),
                    format_fr(s)
                ),
            );
        }
    }
    if !e.is_empty() {
        return Err(e.into());
    }
    let year = input.year;
    let send_text = send.map(format_fr).unwrap_or_default();
    let ret_text = ret.map(format_fr).unwrap_or_default();
    store.write(|tx| {
        kv::set(tx, &send_key(year), &send_text)?;
        kv::set(tx, &return_key(year), &ret_text)
    })?;
    form(store, year)
}
