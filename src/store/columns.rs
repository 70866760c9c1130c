//! Reading the columns every table shares: ISO dates (`aaaa-mm-jj`), stored as text.
//!
//! Counts and the home screen read hundreds of thousands of dates at a time; parsing them with
//! a format string and an owned `String` each was the largest part of their cost. These read
//! the bytes SQLite holds in place and accept exactly the form the store writes.

use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Row;

/// `aaaa-mm-jj` → the date; anything else (a partial date, a time, garbage) → `None`.
pub(crate) fn parse_iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// Column `i` as a date: `None` for NULL or for a text that is not an ISO date.
pub(crate) fn date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(parse_iso),
        _ => None,
    })
}

/// Column `i` as text read in place (a code: status, discipline…); `None` for NULL.
pub(crate) fn code<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<Option<&'r str>> {
    Ok(match r.get_ref(i)? {
        ValueRef::Text(t) => std::str::from_utf8(t).ok(),
        _ => None,
    })
}

/// An owned text that may hold a date (the older helpers of the store modules).
pub(crate) fn date_text(s: Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(parse_iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_store_writes_and_nothing_else() {
        assert_eq!(parse_iso("2026-02-28"), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(parse_iso("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28",
            "2026-02-28T00",
            "2026/02/28",
            "",
            "abcd-ef-gh",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
        let d = NaiveDate::from_ymd_opt(2031, 12, 31).unwrap();
        assert_eq!(parse_iso(&d.format("%Y-%m-%d").to_string()), Some(d));
    }
}
