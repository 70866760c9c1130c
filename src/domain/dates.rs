//! Dates as French users type them. The UI sends what was typed; the core parses it,
//! so that the window, the CLI and imports accept exactly the same forms.

use chrono::NaiveDate;

/// Parses `jj/mm/aaaa` (also `j/m/aaaa`, with `-` or `.` as separators) or ISO `aaaa-mm-jj`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        // A 4-digit year is required: chrono would accept "24-03-05" as year 24.
        if s.len() >= 10 {
            return Some(d);
        }
        return None;
    }
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    if parts.len() != 3 || parts[2].len() != 4 {
        return None;
    }
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()));
    if !all_digits {
        return None;
    }
    let d: u32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let y: i32 = parts[2].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A form's optional date: `None` when empty; when it cannot be read, `None` and the
/// French message next to `field` in `e`. One wording for every form of the application.
pub fn optional_date(e: &mut crate::error::ValidationErrors, field: &str, text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let d = parse_date(t);
    if d.is_none() {
        e.push(
            field,
            format!("Date invalide « {t} » : attendu jj/mm/aaaa, par exemple 05/03/2024."),
        );
    }
    d
}

/// `05/03/2024`: the French way, everywhere a date is shown.
pub fn format_fr(d: NaiveDate) -> String {
    // Written by hand: chrono's `format` parses its pattern on every call, and the home screen
    // and the counts write tens of thousands of dates.
    use chrono::Datelike;
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// `aaaa-mm-jj`, as the store keeps dates and the screens sort them.
pub fn format_iso(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn french_and_iso_forms() {
        assert_eq!(parse_date("05/03/2024"), Some(d(2024, 3, 5)));
        assert_eq!(parse_date("5/3/2024"), Some(d(2024, 3, 5)));
        assert_eq!(parse_date(" 29.02.2024 "), Some(d(2024, 2, 29)));
        assert_eq!(parse_date("2024-03-05"), Some(d(2024, 3, 5)));
        assert_eq!(format_fr(d(2024, 3, 5)), "05/03/2024");
    }

    #[test]
    fn impossible_or_ambiguous_dates_are_refused() {
        assert_eq!(parse_date("29/02/2023"), None);
        assert_eq!(parse_date("31/04/2024"), None);
        assert_eq!(parse_date("05/03/24"), None);
        assert_eq!(parse_date("24-03-05"), None);
        assert_eq!(parse_date("demain"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("1/2/3/2024"), None);
    }
}
