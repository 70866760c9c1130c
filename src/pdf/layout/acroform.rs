//! Fillable fields (an AcroForm) over a laid-out document: the writer records where each
//! answer goes ([`FieldSlot`]), and this module adds, once the pages are built, a text
//! field or a radio button there, with its value and an appearance stream.
//!
//! What every reader understands, and nothing else (PDF 1.7, §12.7):
//! - each widget carries its own appearance (`/AP /N`): Acrobat, Firefox's pdf.js, poppler
//!   (Evince, Okular) and Preview show it as drawn, without regenerating it, so a
//!   pre-filled value looks the same everywhere;
//! - the typing font is a TrueType font embedded whole for the Windows-1252 characters
//!   (`assets/fonts/DejaVuSans-Latin.ttf`, 28 KB): a subset of the printed glyphs would lack
//!   the letters the signatory types; the viewer draws "é", "œ", "€" with it;
//! - radio buttons draw their cross with lines, like the printed boxes, rather than with a
//!   ZapfDingbats glyph some readers substitute; `/MK /CA` names the glyph for a reader that
//!   redraws all the same;
//! - field names are flat (`identite_courriel`): a period would make a hierarchy.

use super::{FontStyle, Fonts, PdfError};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// The Latin cut of the font, embedded whole in fillable documents.
static LATIN_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Latin.ttf");
/// Its resource name in the form's default resources.
const FONT: &str = "CespF";
/// Size and grey of typed and pre-filled text: those of a value printed on a flat sheet, so
/// that the two look alike.
pub const FIELD_SIZE: f32 = super::BODY_SIZE;
const FIELD_GREY: f32 = 0.3;

/// Where an answer goes on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSlot {
    /// The field's name (stable: a returned sheet is read by it).
    pub name: String,
    /// Index of the page, from 0.
    pub page: usize,
    /// Lower-left and upper-right corners, in points from the bottom-left of the page.
    pub rect: [f32; 4],
    pub kind: SlotKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SlotKind {
    /// A text field, pre-filled with `value`; `multiline` for an address or comments.
    Text { value: String, multiline: bool },
    /// One button of the radio group `name`: its export value, and whether it is chosen.
    Radio { export: String, on: bool },
    /// A field the reader never shows: the sheet's identification.
    Hidden { value: String },
}

/// Adds the fields of `slots` to `doc` (pages in order), with their appearances.
pub(super) fn add_fields(doc: &mut Document, fonts: &Fonts, slots: &[FieldSlot]) -> Result<(), PdfError> {
    if slots.is_empty() {
        return Ok(());
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let page_of = |i: usize| {
        pages
            .get(i)
            .copied()
            .ok_or_else(|| PdfError::Generation(format!("champ sur la page {} absente", i + 1)))
    };
    let font = add_font(doc, fonts);
    let mut resources = Dictionary::new();
    resources.set("Font", Dictionary::from_iter([(FONT, Object::Reference(font))]));
    let da = format!("/{FONT} {FIELD_SIZE} Tf {FIELD_GREY} g");

    let mut fields: Vec<Object> = Vec::new();
    let mut annots: Vec<(ObjectId, ObjectId)> = Vec::new();
    // Radio groups: the parent, created at its first button.
    let mut groups: Vec<(String, ObjectId, Vec<Object>, Option<String>)> = Vec::new();
    for slot in slots {
        let page = page_of(slot.page)?;
        let [x1, y1, x2, y2] = slot.rect;
        let (w, h) = ((x2 - x1).max(1.0), (y2 - y1).max(1.0));
        let mut widget = Dictionary::new();
        widget.set("Type", Object::Name(b"Annot".to_vec()));
        widget.set("Subtype", Object::Name(b"Widget".to_vec()));
        widget.set("Rect", rect(slot.rect));
        widget.set("P", Object::Reference(page));
        match &slot.kind {
            SlotKind::Text { value, multiline } => {
                let ap = text_appearance(doc, fonts, &resources, value, w, h, *multiline);
                widget.set("FT", Object::Name(b"Tx".to_vec()));
                widget.set("T", text_string(&slot.name));
                widget.set("V", text_string(value));
                widget.set("DA", Object::string_literal(da.clone()));
                // Print; multiline (4096) and no spell check (4194304) where it helps.
                widget.set("F", 4);
                widget.set("Ff", if *multiline { 4096 } else { 0 });
                widget.set("MK", Dictionary::new());
                widget.set("AP", Dictionary::from_iter([("N", Object::Reference(ap))]));
                let id = doc.add_object(widget);
                fields.push(Object::Reference(id));
                annots.push((page, id));
            }
            SlotKind::Hidden { value } => {
                widget.set("FT", Object::Name(b"Tx".to_vec()));
                widget.set("T", text_string(&slot.name));
                widget.set("V", text_string(value));
                widget.set("DA", Object::string_literal(da.clone()));
                // Hidden (2) and read-only (1): kept by every viewer when it saves.
                widget.set("F", 2);
                widget.set("Ff", 1);
                widget.set("Rect", rect([0.0, 0.0, 0.0, 0.0]));
                let id = doc.add_object(widget);
                fields.push(Object::Reference(id));
                annots.push((page, id));
            }
            SlotKind::Radio { export, on } => {
                let parent = match groups.iter().position(|g| g.0 == slot.name) {
                    Some(i) => i,
                    None => {
                        let id = doc.new_object_id();
                        groups.push((slot.name.clone(), id, Vec::new(), None));
                        fields.push(Object::Reference(id));
                        groups.len() - 1
                    }
                };
                let (on_ap, off_ap) = check_appearances(doc, w, h);
                let state = export_name(export);
                widget.set("Parent", Object::Reference(groups[parent].1));
                widget.set("F", 4);
                widget.set(
                    "AS",
                    Object::Name(if *on { state.clone() } else { b"Off".to_vec() }),
                );
                widget.set("MK", Dictionary::from_iter([("CA", Object::string_literal("8"))]));
                widget.set("DA", Object::string_literal("/ZaDb 0 Tf 0 g"));
                widget.set(
                    "AP",
                    Dictionary::from_iter([(
                        "N",
                        Object::Dictionary(Dictionary::from_iter([
                            (state.as_slice(), Object::Reference(on_ap)),
                            (b"Off".as_slice(), Object::Reference(off_ap)),
                        ])),
                    )]),
                );
                let id = doc.add_object(widget);
                groups[parent].2.push(Object::Reference(id));
                if *on {
                    groups[parent].3 = Some(export.clone());
                }
                annots.push((page, id));
            }
        }
    }
    for (name, id, kids, chosen) in groups {
        let mut parent = Dictionary::new();
        parent.set("FT", Object::Name(b"Btn".to_vec()));
        parent.set("T", text_string(&name));
        // Radio (32768) and no toggle to off (16384): one answer, changed by clicking another.
        parent.set("Ff", 49152);
        parent.set(
            "V",
            Object::Name(chosen.map_or_else(|| b"Off".to_vec(), |c| export_name(&c))),
        );
        parent.set("Kids", Object::Array(kids));
        doc.objects.insert(id, Object::Dictionary(parent));
    }
    for (page, id) in annots {
        let dict = doc
            .get_dictionary_mut(page)
            .map_err(|e| PdfError::Generation(e.to_string()))?;
        match dict.get_mut(b"Annots") {
            Ok(Object::Array(a)) => a.push(Object::Reference(id)),
            _ => dict.set("Annots", Object::Array(vec![Object::Reference(id)])),
        }
    }
    let zadb = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type1".to_vec())),
        ("BaseFont", Object::Name(b"ZapfDingbats".to_vec())),
    ]));
    let mut dr_fonts = Dictionary::new();
    dr_fonts.set(FONT, Object::Reference(font));
    dr_fonts.set("ZaDb", Object::Reference(zadb));
    let mut acroform = Dictionary::new();
    acroform.set("Fields", Object::Array(fields));
    acroform.set(
        "DR",
        Dictionary::from_iter([("Font", Object::Dictionary(dr_fonts))]),
    );
    acroform.set("DA", Object::string_literal(da));
    let form = doc.add_object(acroform);
    doc.catalog_mut()
        .map_err(|e| PdfError::Generation(e.to_string()))?
        .set("AcroForm", Object::Reference(form));
    Ok(())
}

fn rect([x1, y1, x2, y2]: [f32; 4]) -> Object {
    Object::Array(vec![x1.into(), y1.into(), x2.into(), y2.into()])
}

/// A text string as PDF readers all decode it: UTF-16BE with its byte-order mark.
pub fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A state name: the export value's letters and digits (ASCII, as every reader takes it).
fn export_name(export: &str) -> Vec<u8> {
    export
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'_' {
                b
            } else {
                b'_'
            }
        })
        .collect()
}

/// `text` in Windows-1252, the font's encoding; a character outside it becomes "?".
fn win_ansi(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
        match bytes.as_ref() {
            [b] if !unmappable => out.push(*b),
            _ => out.push(b'?'),
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2 + 2);
    s.push('<');
    for b in bytes {
        s.push_str(&format!("{b:02X}"));
    }
    s.push('>');
    s
}

/// The appearance of a text field: its value in the field's font, one line or wrapped.
fn text_appearance(
    doc: &mut Document,
    fonts: &Fonts,
    resources: &Dictionary,
    value: &str,
    w: f32,
    h: f32,
    multiline: bool,
) -> ObjectId {
    let size = FIELD_SIZE;
    let lead = size * 1.25;
    let mut ops = String::from("/Tx BMC\nq\n");
    ops.push_str(&format!("1 1 {:.2} {:.2} re W n\n", w - 2.0, h - 2.0));
    let value = value.trim();
    if !value.is_empty() {
        let lines: Vec<String> = if multiline {
            value
                .lines()
                .flat_map(|l| fonts.wrap(l, FontStyle::Regular, size, w - 5.0))
                .collect()
        } else {
            vec![value.replace('\n', " ")]
        };
        ops.push_str(&format!("BT\n/{FONT} {size} Tf {FIELD_GREY} g\n"));
        // On the printed baseline: 3 points above the box's bottom (see `form.rs`); several
        // lines start at the top.
        let first = if multiline { h - 2.0 - size } else { 3.0 };
        ops.push_str(&format!("2.83 {first:.2} Td\n{lead:.2} TL\n"));
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                ops.push_str("T*\n");
            }
            ops.push_str(&hex(&win_ansi(l)));
            ops.push_str(" Tj\n");
        }
        ops.push_str("ET\n");
    }
    ops.push_str("Q\nEMC\n");
    form_xobject(doc, w, h, ops, Some(resources.clone()))
}

/// The two appearances of a radio button: a cross like the printed one, and nothing.
fn check_appearances(doc: &mut Document, w: f32, h: f32) -> (ObjectId, ObjectId) {
    let inset = w.min(h) * 0.2;
    let on = format!(
        "q 0 g 0 G 0.9 w 1 J {a:.2} {b:.2} m {c:.2} {d:.2} l S {a:.2} {d:.2} m {c:.2} {b:.2} l S Q\n",
        a = inset,
        b = inset,
        c = w - inset,
        d = h - inset
    );
    (
        form_xobject(doc, w, h, on, None),
        form_xobject(doc, w, h, String::new(), None),
    )
}

fn form_xobject(doc: &mut Document, w: f32, h: f32, ops: String, resources: Option<Dictionary>) -> ObjectId {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set("BBox", rect([0.0, 0.0, w, h]));
    if let Some(r) = resources {
        dict.set("Resources", r);
    }
    doc.add_object(Stream::new(dict, ops.into_bytes()))
}

/// The Latin cut of DejaVu Sans as a simple TrueType font, Windows-1252 encoded, its widths
/// measured from the printed font (the same outlines).
fn add_font(doc: &mut Document, fonts: &Fonts) -> ObjectId {
    // Compressed once per process, not once per sheet (a batch writes 1 000 files); the
    // saving step leaves a stream that already has its filter as it is.
    static PACKED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let packed = PACKED.get_or_init(|| {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to memory cannot fail; an empty result would only leave the font out.
        let _ = z.write_all(LATIN_TTF);
        z.finish().unwrap_or_default()
    });
    let file = doc.add_object(Stream::new(
        Dictionary::from_iter([
            ("Length1", Object::Integer(LATIN_TTF.len() as i64)),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ]),
        packed.clone(),
    ));
    // DejaVu Sans's metrics (head, hhea and OS/2 tables), in thousandths of the size.
    let descriptor = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(b"DejaVuSans".to_vec())),
        ("Flags", Object::Integer(32)),
        (
            "FontBBox",
            Object::Array(vec![(-1021).into(), (-463).into(), 1793.into(), 1232.into()]),
        ),
        ("ItalicAngle", Object::Integer(0)),
        ("Ascent", Object::Integer(928)),
        ("Descent", Object::Integer(-236)),
        ("CapHeight", Object::Integer(729)),
        ("StemV", Object::Integer(80)),
        ("FontFile2", Object::Reference(file)),
    ]));
    static WIDTHS: std::sync::OnceLock<Vec<i64>> = std::sync::OnceLock::new();
    let widths: Vec<Object> = WIDTHS
        .get_or_init(|| {
            (32u8..=255)
                .map(|b| {
                    let byte = [b];
                    let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                    fonts.text_width(&c, FontStyle::Regular, 1000.0).round() as i64
                })
                .collect()
        })
        .iter()
        .map(|w| Object::Integer(*w))
        .collect();
    doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"TrueType".to_vec())),
        ("BaseFont", Object::Name(b"DejaVuSans".to_vec())),
        ("FirstChar", Object::Integer(32)),
        ("LastChar", Object::Integer(255)),
        ("Widths", Object::Array(widths)),
        ("Encoding", Object::Name(b"WinAnsiEncoding".to_vec())),
        ("FontDescriptor", Object::Reference(descriptor)),
    ]))
}
