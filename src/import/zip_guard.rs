//! A look inside a zipped workbook (`.xlsx`, `.ods`) before calamine opens it.
//!
//! A few kilobytes of deflate can inflate to gigabytes, and calamine (through the `zip`
//! crate) would inflate whatever it is given. This module reads the zip's directory itself
//! first (entry count and directory size, before the `zip` crate reserves room for them),
//! then inflates every XML part once, as a stream, counting its real size against the
//! budget (declared sizes can lie) and handing the bytes to [`XmlScan`], which measures what
//! calamine would hold. Nothing is kept: memory stays at one 64 KiB buffer and one tag.

use super::budget::{
    Exceeded, Tally, MAX_INFLATED_TOTAL, MAX_OTHER_PART, MAX_SHEET_PART, MAX_STRINGS_PART, MAX_ZIP_DIRECTORY,
    MAX_ZIP_ENTRIES,
};
use super::xml_scan::{Kind, XmlScan};
use std::io::{Cursor, Read};

/// Why a zipped workbook is refused.
#[derive(Debug)]
pub(super) enum Refused {
    /// Over a limit of the budget.
    Budget(Exceeded),
    /// The zip itself cannot be followed (the detail is the `zip` crate's).
    Damaged(String),
}

impl From<Exceeded> for Refused {
    fn from(e: Exceeded) -> Refused {
        Refused::Budget(e)
    }
}

/// Checks every part of the zip in `bytes` against the budget.
pub(super) fn check(bytes: &[u8]) -> Result<(), Refused> {
    if let Some(directory) = directory(bytes) {
        if directory.entries > MAX_ZIP_ENTRIES {
            return Err(Exceeded::ZipEntries {
                count: directory.entries,
                max: MAX_ZIP_ENTRIES,
            }
            .into());
        }
        if directory.size > MAX_ZIP_DIRECTORY {
            return Err(Exceeded::ZipDirectory {
                max: MAX_ZIP_DIRECTORY,
            }
            .into());
        }
    }
    let damaged = |e: zip::result::ZipError| Refused::Damaged(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(damaged)?;
    let mut tally = Tally::default();
    let mut inflated: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(damaged)?;
        let name = entry.name().map_err(damaged)?.into_owned();
        let Some((kind, max)) = classify(&name) else {
            // Images, macros, thumbnails: calamine never reads them.
            continue;
        };
        let too_large = || Exceeded::Part {
            part: name.clone(),
            max,
        };
        if entry.size() > max {
            return Err(too_large().into());
        }
        let mut scan = XmlScan::new(&name, kind, &mut tally);
        let mut size: u64 = 0;
        loop {
            let n = entry
                .read(&mut buf)
                .map_err(|e| Refused::Damaged(e.to_string()))?;
            if n == 0 {
                break;
            }
            size += n as u64;
            inflated += n as u64;
            if size > max {
                return Err(too_large().into());
            }
            if inflated > MAX_INFLATED_TOTAL {
                return Err(Exceeded::Inflated {
                    max: MAX_INFLATED_TOTAL,
                }
                .into());
            }
            scan.feed(buf.get(..n).unwrap_or_default())?;
        }
    }
    Ok(())
}

/// What a part holds and its decompressed size limit; `None` for parts that are not XML.
fn classify(name: &str) -> Option<(Kind, u64)> {
    let lower = name.to_ascii_lowercase();
    if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
        return None;
    }
    Some(if lower == "content.xml" {
        (Kind::OdsContent, MAX_SHEET_PART)
    } else if lower.contains("worksheets/") {
        (Kind::XlsxSheet, MAX_SHEET_PART)
    } else if lower.ends_with("sharedstrings.xml") {
        (Kind::XlsxStrings, MAX_STRINGS_PART)
    } else {
        (Kind::Other, MAX_OTHER_PART)
    })
}

/// The zip's own account of its directory.
#[derive(Debug, PartialEq, Eq)]
struct Directory {
    entries: u64,
    size: u64,
}

const EOCD: &[u8] = b"PK\x05\x06";
const ZIP64_LOCATOR: &[u8] = b"PK\x06\x07";
const ZIP64_EOCD: &[u8] = b"PK\x06\x06";

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?)))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// The end-of-central-directory record (and its ZIP64 form when the short one is saturated):
/// `None` when it cannot be found, which the `zip` crate then reports.
fn directory(bytes: &[u8]) -> Option<Directory> {
    // The record is 22 bytes followed by a comment of at most 65 535 bytes.
    let from = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(from..)?;
    let at = from + tail.windows(4).rposition(|w| w == EOCD)?;
    let short = Directory {
        entries: u16_at(bytes, at + 10)?.max(u16_at(bytes, at + 8)?),
        size: u32_at(bytes, at + 12)?,
    };
    let saturated = short.entries == 0xFFFF || short.size == 0xFFFF_FFFF;
    let locator = at.checked_sub(20).and_then(|l| bytes.get(l..l + 20));
    match locator {
        Some(loc) if loc.starts_with(ZIP64_LOCATOR) => {
            let offset = usize::try_from(u64_at(loc, 8)?).ok()?;
            let record = bytes.get(offset..)?;
            if !record.starts_with(ZIP64_EOCD) {
                return Some(short);
            }
            Some(Directory {
                entries: u64_at(record, 32)?.max(u64_at(record, 24)?).max(short.entries),
                size: u64_at(record, 40)?.max(short.size),
            })
        }
        _ if saturated => Some(Directory {
            entries: u64::MAX,
            size: u64::MAX,
        }),
        _ => Some(short),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn the_directory_is_read_from_the_end() {
        let bytes = zipped(&[("a.xml", b"<a/>"), ("b.xml", b"<b/>")]);
        assert_eq!(directory(&bytes).map(|d| d.entries), Some(2));
        assert_eq!(directory(b"not a zip"), None);
    }

    #[test]
    fn a_part_that_inflates_beyond_its_limit_is_refused() {
        // 33 MiB of spaces compress to a few tens of kilobytes.
        let styles = vec![b' '; 33 * 1024 * 1024];
        let bytes = zipped(&[("xl/styles.xml", &styles)]);
        assert!(bytes.len() < 200_000);
        match check(&bytes) {
            Err(Refused::Budget(Exceeded::Part { part, max })) => {
                assert_eq!(part, "xl/styles.xml");
                assert_eq!(max, MAX_OTHER_PART);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_part_lying_about_its_size_is_measured_as_inflated() {
        let styles = vec![b' '; 33 * 1024 * 1024];
        let mut bytes = zipped(&[("xl/styles.xml", &styles)]);
        // Declare 100 bytes in both the local header and the central directory.
        for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
            let at = bytes.windows(4).position(|w| w == sig).unwrap();
            let field = if sig == b"PK\x03\x04" { at + 22 } else { at + 24 };
            bytes[field..field + 4].copy_from_slice(&100u32.to_le_bytes());
        }
        assert!(matches!(
            check(&bytes),
            Err(Refused::Budget(Exceeded::Part { .. })) | Err(Refused::Damaged(_))
        ));
    }

    #[test]
    fn images_are_not_inflated() {
        let png = vec![0u8; 40 * 1024 * 1024];
        let bytes = zipped(&[("xl/media/image1.png", &png), ("xl/workbook.xml", b"<workbook/>")]);
        assert!(check(&bytes).is_ok());
    }
}
