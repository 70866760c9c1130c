//! The answers of a returned sheet, read out of its form fields: whatever saved it (Acrobat
//! Reader's incremental save, Firefox, Evince, Preview, pypdf), only the fields' values are
//! read — never the pages, never a script.
//!
//! The file is hostile until read, and bounded before it is parsed (lopdf, the PDF library
//! the documents are already written with):
//! - its size (a filled sheet weighs about 100 KB; 10 MB at most);
//! - what the parser inflates at load: object and cross-reference streams are decompressed
//!   eagerly, each one capped ([`MAX_INFLATED`]), and their number bounded by the `stream`
//!   keywords of the raw file, which no encoding can hide ([`MAX_STREAMS`]): at most
//!   150 MB in all, for a file that would hold decompression bombs;
//! - the field tree: depth, count, and loops (a field that is its own kid);
//! - the time: the reading runs on its own thread under a deadline.

use lopdf::{Document, LoadOptions, Object, ObjectId};
use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

/// Largest file read.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;
/// Streams in the file: a filled two-page sheet holds about 200.
const MAX_STREAMS: usize = 600;
/// What one object or cross-reference stream may inflate to at load.
const MAX_INFLATED: usize = 256 * 1024;
/// Fields read: the sheet has about 40.
const MAX_FIELDS: usize = 500;
/// Nesting of the field tree.
const MAX_DEPTH: usize = 8;
const DEADLINE: Duration = Duration::from_secs(10);

/// Why a file's answers cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    TooLarge(u64),
    NotPdf,
    /// Too many streams, or one that inflates beyond the bound.
    TooComplex,
    Unreadable(String),
    Encrypted,
    /// A PDF without form fields: a scan, or the flat printed sheet.
    NoFields,
    TooSlow,
}

impl ReadError {
    /// The French message, after the file's name.
    pub fn message(&self) -> String {
        match self {
            ReadError::TooLarge(n) => format!(
                "{} Mo : une fiche remplie pèse quelques centaines de Ko ({} Mo au plus)",
                n / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
            ReadError::NotPdf => "ce n'est pas un fichier PDF".to_owned(),
            ReadError::TooComplex => {
                "ce PDF est bien plus complexe qu'une fiche de suivi (flux trop nombreux ou trop gros) : \
                 il n'a pas été lu"
                    .to_owned()
            }
            ReadError::Unreadable(why) => format!("PDF illisible ({why})"),
            ReadError::Encrypted => "ce PDF est protégé par un mot de passe".to_owned(),
            ReadError::NoFields => {
                "ce PDF n'a pas de champs à lire : c'est une fiche imprimée puis numérisée, ou la fiche à \
                 imprimer. Saisissez ses réponses à la main (« Saisir les réponses »)"
                    .to_owned()
            }
            ReadError::TooSlow => format!(
                "la lecture de ce PDF dépasse {} secondes : il n'a pas été lu",
                DEADLINE.as_secs()
            ),
        }
    }
}

/// The values of the form fields of `bytes`, by full name ("parent.kid").
pub fn fields(bytes: Vec<u8>) -> Result<BTreeMap<String, String>, ReadError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    if !bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-") {
        return Err(ReadError::NotPdf);
    }
    if occurrences(&bytes, b"stream") > 2 * MAX_STREAMS || object_stream_too_large(&bytes) {
        return Err(ReadError::TooComplex);
    }
    let (send, receive) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("fiche-retournee".to_owned())
        .spawn(move || {
            let _ = send.send(read(&bytes));
        })
        .map_err(|e| ReadError::Unreadable(e.to_string()))?;
    match receive.recv_timeout(DEADLINE) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(ReadError::TooSlow),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            Err(ReadError::Unreadable("lecture interrompue".to_owned()))
        }
    }
}

fn occurrences(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Whether an object stream (where a reader that saves compactly puts the fields) inflates
/// beyond [`MAX_INFLATED`]: inflated here, capped, before the parser sees it. The parser has
/// its own cap, but drops such a stream silently; this says why the file is refused.
fn object_stream_too_large(bytes: &[u8]) -> bool {
    use std::io::Read;
    let mut at = 0;
    while let Some(i) = find(&bytes[at..], b"/ObjStm") {
        let start = at + i;
        at = start + 7;
        let Some(k) = find(&bytes[start..bytes.len().min(start + 2048)], b"stream") else {
            continue;
        };
        let mut data = start + k + 6;
        while matches!(bytes.get(data), Some(b'\r' | b'\n')) {
            data += 1;
        }
        let limit = MAX_INFLATED as u64 + 1;
        let mut inflated = flate2::read::ZlibDecoder::new(&bytes[data..]).take(limit);
        let n = std::io::copy(&mut inflated, &mut std::io::sink()).unwrap_or(0);
        if n >= limit {
            return true;
        }
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn read(bytes: &[u8]) -> Result<BTreeMap<String, String>, ReadError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_INFLATED),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decompress(_) => ReadError::TooComplex,
        other => {
            let text = other.to_string();
            if text.to_lowercase().contains("encrypt") || text.to_lowercase().contains("password") {
                ReadError::Encrypted
            } else {
                ReadError::Unreadable(text)
            }
        }
    })?;
    if doc.is_encrypted() {
        return Err(ReadError::Encrypted);
    }
    let root = doc.catalog().map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let Some(form) = root.get(b"AcroForm").ok().and_then(|o| dictionary(&doc, o)) else {
        return Err(ReadError::NoFields);
    };
    let Some(Object::Array(top)) = form.get(b"Fields").ok().map(|o| resolve(&doc, o)) else {
        return Err(ReadError::NoFields);
    };
    let mut out = BTreeMap::new();
    let mut seen = HashSet::new();
    for f in top {
        walk(&doc, f, "", 0, &mut seen, &mut out)?;
    }
    if out.is_empty() {
        return Err(ReadError::NoFields);
    }
    Ok(out)
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(&Object::Null),
        other => other,
    }
}

fn dictionary<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a lopdf::Dictionary> {
    match resolve(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn walk(
    doc: &Document,
    node: &Object,
    parent: &str,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    out: &mut BTreeMap<String, String>,
) -> Result<(), ReadError> {
    if depth > MAX_DEPTH || seen.len() > MAX_FIELDS * 4 {
        return Err(ReadError::TooComplex);
    }
    if let Object::Reference(id) = node {
        if !seen.insert(*id) {
            return Ok(());
        }
    }
    let Some(d) = dictionary(doc, node) else {
        return Ok(());
    };
    let partial = d.get(b"T").ok().and_then(|t| match resolve(doc, t) {
        Object::String(s, _) => Some(decode_text(s)),
        _ => None,
    });
    let name = match (&partial, parent.is_empty()) {
        (Some(p), true) => p.clone(),
        (Some(p), false) => format!("{parent}.{p}"),
        (None, _) => parent.to_owned(),
    };
    if let Ok(v) = d.get(b"V") {
        if !name.is_empty() {
            if out.len() >= MAX_FIELDS {
                return Err(ReadError::TooComplex);
            }
            out.insert(name.clone(), value(doc, v));
        }
    }
    if let Ok(kids) = d.get(b"Kids") {
        if let Object::Array(kids) = resolve(doc, kids) {
            for k in kids {
                // A widget without a name of its own belongs to its parent, whose value is read.
                walk(doc, k, &name, depth + 1, seen, out)?;
            }
        }
    }
    Ok(())
}

fn value(doc: &Document, v: &Object) -> String {
    match resolve(doc, v) {
        Object::String(s, _) => decode_text(s),
        Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
        Object::Array(items) => items.iter().map(|i| value(doc, i)).collect::<Vec<_>>().join("\n"),
        Object::Integer(i) => i.to_string(),
        _ => String::new(),
    }
}

/// A PDF text string: UTF-16BE or UTF-8 after their byte-order mark, else PDFDocEncoding
/// (Latin-1 but for the signs and ligatures of 0x18–0x1F and 0x80–0xA0).
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| pdf_doc_char(b)).collect()
}

fn pdf_doc_char(b: u8) -> char {
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const HIGH: [char; 33] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚', '™', 'ﬁ',
        'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{fffd}', '€',
    ];
    match b {
        0x18..=0x1f => LOW[usize::from(b - 0x18)],
        0x80..=0xa0 => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_are_decoded_in_their_three_encodings() {
        assert_eq!(decode_text(&[0xfe, 0xff, 0x00, 0xe9, 0x20, 0xac]), "é€");
        assert_eq!(decode_text(b"\xef\xbb\xbf\xc5\x93"), "œ");
        assert_eq!(decode_text(b"H\xe9l\xe8ne \x9c\xa0"), "Hélène œ€");
    }

    #[test]
    fn what_is_not_a_filled_pdf_is_refused_before_parsing() {
        assert_eq!(fields(b"GIF89a".to_vec()), Err(ReadError::NotPdf));
        let mut many = b"%PDF-1.7\n".to_vec();
        for _ in 0..(2 * MAX_STREAMS + 2) {
            many.extend_from_slice(b"stream\n");
        }
        assert_eq!(fields(many), Err(ReadError::TooComplex));
        assert!(matches!(
            fields(b"%PDF-1.7\ngarbage".to_vec()),
            Err(ReadError::Unreadable(_))
        ));
    }
}
