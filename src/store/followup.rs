//! SQL of the annual follow-up: `followup_form` and `followup_reminder`.

use crate::domain::{FormStatus, PracticeMode, PracticeStructure, SendChannel, Situation, ZoneType};
use crate::error::Result;
use crate::followup::campaign::{year_end, Answers, FOLLOWED_STATUSES};
use crate::text::fts_prefix_query;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(crate::domain::dates::format_iso)
}

use super::columns::date_text as parse_iso;

/// A stored form, with its reminders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormRow {
    pub id: i64,
    pub signatory_id: i64,
    pub year: i32,
    pub sent_date: Option<NaiveDate>,
    pub sent_channel: Option<SendChannel>,
    pub reminders: Vec<(NaiveDate, SendChannel)>,
    pub received_date: Option<NaiveDate>,
    pub complete: Option<bool>,
    pub missing: Vec<String>,
    pub answers: Answers,
    pub applied_fields: Vec<String>,
}

/// The campaign of `year`: the followed signatories (see
/// [`crate::followup::campaign::is_member`]) and anyone whose form of that year exists.
/// Returns the `FROM … WHERE …` part, its arguments, and the SQL of the form status.
fn campaign_source(year: i32, search: &str) -> (String, Vec<Value>) {
    let followed = FOLLOWED_STATUSES
        .iter()
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut args = vec![
        Value::Integer(i64::from(year)),
        Value::Text(year_end(year).format("%Y-%m-%d").to_string()),
    ];
    let mut sql = format!(
        "FROM signatory s LEFT JOIN followup_form f ON f.signatory_id = s.id AND f.year = ?1
         WHERE (f.id IS NOT NULL OR (s.status IN ({followed})
                AND (s.signature_date IS NULL OR s.signature_date <= ?2)))"
    );
    if let Some(fts) = fts_prefix_query(search) {
        sql.push_str(" AND s.id IN (SELECT rowid FROM signatory_fts WHERE signatory_fts MATCH ?3)");
        args.push(Value::Text(fts));
    }
    (sql, args)
}

/// The form status as SQL, over `f` (the form, possibly absent).
const STATUS_SQL: &str = "CASE
    WHEN f.received_date IS NOT NULL THEN
        CASE f.complete WHEN 1 THEN 'complete' WHEN 0 THEN 'incomplete' ELSE 'recue' END
    WHEN EXISTS (SELECT 1 FROM followup_reminder r WHERE r.form_id = f.id) THEN 'relancee'
    WHEN f.sent_date IS NOT NULL THEN 'envoyee'
    ELSE 'a_envoyer' END";

/// One line of the campaign, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CampaignLine {
    pub signatory_id: i64,
    pub last_name: String,
    pub first_names: String,
    pub discipline: String,
    pub status: String,
    pub cycle: Option<String>,
    pub study_year: Option<i32>,
    pub specialty: Option<String>,
    pub form_status: FormStatus,
    pub sent_date: Option<NaiveDate>,
    pub sent_channel: Option<SendChannel>,
    pub reminders: Vec<NaiveDate>,
    pub received_date: Option<NaiveDate>,
    pub missing: Vec<String>,
}

/// Number of signatories of the campaign per form status.
pub(crate) fn campaign_counts(conn: &Connection, year: i32, search: &str) -> Result<Vec<(FormStatus, i64)>> {
    let (source, args) = campaign_source(year, search);
    let sql = format!("SELECT {STATUS_SQL} AS st, count(*) {source} GROUP BY st");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(s, n)| FormStatus::from_code(&s).map(|s| (s, n)))
        .collect())
}

/// The signatories of the campaign with `status` (all when `None`), sorted by name.
pub(crate) fn campaign_ids(
    conn: &Connection,
    year: i32,
    status: Option<FormStatus>,
    search: &str,
) -> Result<Vec<i64>> {
    let (source, mut args) = campaign_source(year, search);
    let mut sql = format!("SELECT s.id {source}");
    if let Some(st) = status {
        sql.push_str(&format!(" AND ({STATUS_SQL}) = ?{}", args.len() + 1));
        args.push(Value::Text(st.code().to_owned()));
    }
    sql.push_str(" ORDER BY s.name_key, s.id");
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(ids)
}

/// One page of the campaign (sorted by name) and the number of matching lines.
pub(crate) fn campaign_page(
    conn: &Connection,
    year: i32,
    status: Option<FormStatus>,
    search: &str,
    offset: u32,
    limit: u32,
) -> Result<(Vec<CampaignLine>, i64)> {
    let (source, mut args) = campaign_source(year, search);
    let mut filter = String::new();
    if let Some(st) = status {
        filter = format!(" AND ({STATUS_SQL}) = ?{}", args.len() + 1);
        args.push(Value::Text(st.code().to_owned()));
    }
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) {source}{filter}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT s.id, s.last_name, s.first_names, s.discipline, s.status, s.cycle, s.study_year,
                s.specialty, {STATUS_SQL}, f.sent_date, f.sent_channel,
                (SELECT group_concat(r.date, ' ') FROM
                    (SELECT date FROM followup_reminder WHERE form_id = f.id ORDER BY date) r),
                f.received_date, f.missing
         {source}{filter} ORDER BY s.name_key, s.id LIMIT {} OFFSET {offset}",
        limit.clamp(1, 500)
    );
    let mut stmt = conn.prepare(&sql)?;
    let lines = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let reminders: Option<String> = r.get(11)?;
            let missing: Option<String> = r.get(13)?;
            Ok(CampaignLine {
                signatory_id: r.get(0)?,
                last_name: r.get(1)?,
                first_names: r.get(2)?,
                discipline: r.get(3)?,
                status: r.get(4)?,
                cycle: r.get(5)?,
                study_year: r.get(6)?,
                specialty: r.get(7)?,
                form_status: FormStatus::from_code(&r.get::<_, String>(8)?).unwrap_or(FormStatus::AEnvoyer),
                sent_date: parse_iso(r.get(9)?),
                sent_channel: r
                    .get::<_, Option<String>>(10)?
                    .as_deref()
                    .and_then(SendChannel::from_code),
                reminders: reminders
                    .unwrap_or_default()
                    .split(' ')
                    .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .collect(),
                received_date: parse_iso(r.get(12)?),
                missing: split_lines(&missing.unwrap_or_default()),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((lines, total))
}

fn split_lines(s: &str) -> Vec<String> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether signatory `id` belongs to the campaign of `year`.
pub(crate) fn is_in_campaign(conn: &Connection, id: i64, year: i32) -> Result<bool> {
    let (source, mut args) = campaign_source(year, "");
    args.push(Value::Integer(id));
    let sql = format!("SELECT EXISTS (SELECT 1 {source} AND s.id = ?{})", args.len());
    Ok(conn.query_row(&sql, rusqlite::params_from_iter(args.iter()), |r| r.get(0))?)
}

/// The form of `year` for signatory `id`, created empty if it does not exist yet.
pub(crate) fn ensure_form(conn: &Connection, id: i64, year: i32, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO followup_form (signatory_id, year, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (signatory_id, year) DO NOTHING",
        params![id, year, now],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM followup_form WHERE signatory_id = ?1 AND year = ?2",
        params![id, year],
        |r| r.get(0),
    )?)
}

/// Records the sending; false when the form had already been sent (kept as it was).
pub(crate) fn set_sent(
    conn: &Connection,
    form: i64,
    date: NaiveDate,
    channel: SendChannel,
    now: &str,
) -> Result<bool> {
    Ok(conn.execute(
        "UPDATE followup_form SET sent_date = ?2, sent_channel = ?3, updated_at = ?4
         WHERE id = ?1 AND sent_date IS NULL",
        params![form, iso(Some(date)), channel.code(), now],
    )? == 1)
}

/// Records a reminder; false when the same reminder was already recorded.
pub(crate) fn add_reminder(
    conn: &Connection,
    form: i64,
    date: NaiveDate,
    channel: SendChannel,
    now: &str,
) -> Result<bool> {
    let added = conn.execute(
        "INSERT INTO followup_reminder (form_id, date, channel) VALUES (?1, ?2, ?3)
         ON CONFLICT (form_id, date, channel) DO NOTHING",
        params![form, iso(Some(date)), channel.code()],
    )? == 1;
    conn.execute(
        "UPDATE followup_form SET updated_at = ?2 WHERE id = ?1",
        params![form, now],
    )?;
    Ok(added)
}

/// Records that the form came back, answers not typed yet.
pub(crate) fn set_received(conn: &Connection, form: i64, date: NaiveDate, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE followup_form SET received_date = ?2, updated_at = ?3 WHERE id = ?1",
        params![form, iso(Some(date)), now],
    )?;
    Ok(())
}

/// Stores the answers of a returned form, its completeness and what it changed in the file.
pub(crate) fn save_answers(
    conn: &Connection,
    form: i64,
    a: &Answers,
    missing: &[String],
    applied: &[String],
    now: &str,
) -> Result<()> {
    let code = |c: Option<&'static str>| c.map(str::to_owned);
    conn.execute(
        "UPDATE followup_form SET received_date = ?2, complete = ?3, missing = ?4, situation = ?5,
            study_year = ?6, specialty = ?7, subdivision = ?8, email = ?9, phone = ?10, address = ?11,
            project_mode = ?12, project_structure = ?13, project_zone = ?14, project_place = ?15,
            project_date = ?16, expected_des_date = ?17, expected_thesis_date = ?18, other_aids = ?19,
            comments = ?20, signature_date = ?21, missing_note = ?22, applied_fields = ?23,
            updated_at = ?24
         WHERE id = ?1",
        params![
            form,
            iso(a.received_date),
            missing.is_empty(),
            missing.join("\n"),
            code(a.situation.map(Situation::code)),
            a.study_year,
            a.specialty,
            a.subdivision,
            a.email,
            a.phone,
            a.address,
            code(a.project_mode.map(PracticeMode::code)),
            code(a.project_structure.map(PracticeStructure::code)),
            code(a.project_zone.map(ZoneType::code)),
            a.project_place,
            iso(a.project_date),
            iso(a.expected_des_date),
            iso(a.expected_thesis_date),
            a.other_aids,
            a.comments,
            iso(a.signature_date),
            a.missing_note,
            applied.join(","),
            now,
        ],
    )?;
    Ok(())
}

const FORM_COLUMNS: &str =
    "id, signatory_id, year, sent_date, sent_channel, received_date, complete, missing,
    situation, study_year, specialty, subdivision, email, phone, address, project_mode,
    project_structure, project_zone, project_place, project_date, expected_des_date,
    expected_thesis_date, other_aids, comments, signature_date, missing_note, applied_fields";

fn read_form(r: &rusqlite::Row<'_>) -> rusqlite::Result<FormRow> {
    let code_of = |i: usize| -> rusqlite::Result<Option<String>> { r.get(i) };
    Ok(FormRow {
        id: r.get(0)?,
        signatory_id: r.get(1)?,
        year: r.get(2)?,
        sent_date: parse_iso(r.get(3)?),
        sent_channel: code_of(4)?.as_deref().and_then(SendChannel::from_code),
        reminders: Vec::new(),
        received_date: parse_iso(r.get(5)?),
        complete: r.get::<_, Option<bool>>(6)?,
        missing: split_lines(&r.get::<_, String>(7)?),
        answers: Answers {
            received_date: parse_iso(r.get(5)?),
            situation: code_of(8)?.as_deref().and_then(Situation::from_code),
            study_year: r.get(9)?,
            specialty: r.get(10)?,
            subdivision: r.get(11)?,
            email: r.get(12)?,
            phone: r.get(13)?,
            address: r.get(14)?,
            project_mode: code_of(15)?.as_deref().and_then(PracticeMode::from_code),
            project_structure: code_of(16)?.as_deref().and_then(PracticeStructure::from_code),
            project_zone: code_of(17)?.as_deref().and_then(ZoneType::from_code),
            project_place: r.get(18)?,
            project_date: parse_iso(r.get(19)?),
            expected_des_date: parse_iso(r.get(20)?),
            expected_thesis_date: parse_iso(r.get(21)?),
            other_aids: r.get(22)?,
            comments: r.get(23)?,
            signature_date: parse_iso(r.get(24)?),
            missing_note: r.get(25)?,
        },
        applied_fields: r
            .get::<_, String>(26)?
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
    })
}

fn with_reminders(conn: &Connection, mut f: FormRow) -> Result<FormRow> {
    let mut stmt = conn
        .prepare_cached("SELECT date, channel FROM followup_reminder WHERE form_id = ?1 ORDER BY date, id")?;
    f.reminders = stmt
        .query_map([f.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter_map(|(d, c)| {
            Some((
                NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()?,
                SendChannel::from_code(&c)?,
            ))
        })
        .collect();
    Ok(f)
}

/// The form of `year` for signatory `id`, if one exists.
pub(crate) fn get_form(conn: &Connection, id: i64, year: i32) -> Result<Option<FormRow>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {FORM_COLUMNS} FROM followup_form WHERE signatory_id = ?1 AND year = ?2"
        ))?
        .query_row(params![id, year], read_form)
        .optional()?;
    row.map(|f| with_reminders(conn, f)).transpose()
}

/// Every form of signatory `id`, most recent year first: the file's history.
pub(crate) fn forms_of(conn: &Connection, id: i64) -> Result<Vec<FormRow>> {
    let rows = conn
        .prepare_cached(&format!(
            "SELECT {FORM_COLUMNS} FROM followup_form WHERE signatory_id = ?1 ORDER BY year DESC"
        ))?
        .query_map([id], read_form)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|f| with_reminders(conn, f)).collect()
}

/// The most recent form of signatory `id` before `year` whose answers were recorded.
pub(crate) fn last_answered_before(conn: &Connection, id: i64, year: i32) -> Result<Option<FormRow>> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {FORM_COLUMNS} FROM followup_form
             WHERE signatory_id = ?1 AND year < ?2 AND complete IS NOT NULL
             ORDER BY year DESC LIMIT 1"
        ))?
        .query_row(params![id, year], read_form)
        .optional()?;
    Ok(row)
}

/// Whether a form of a later year than `year` has answers recorded.
pub(crate) fn answered_after(conn: &Connection, id: i64, year: i32) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM followup_form WHERE signatory_id = ?1 AND year > ?2
                        AND complete IS NOT NULL)",
        params![id, year],
        |r| r.get(0),
    )?)
}
