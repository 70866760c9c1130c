//! The agency's logo, printed at the top left of every document it posts (the sheet, the
//! letters). Chosen in Paramètres (or `cesp settings set logo FICHIER.png`), kept in the
//! register itself, so that the register carries its identity when it moves.
//!
//! The file is hostile until read: its size is bounded before it is read, its dimensions
//! before its pixels are decoded (a 100 000 × 100 000 PNG of a few kilobytes would ask for
//! 40 GB), and the decoder's memory is capped. PNG, what a scan or an export from any tool
//! gives, decoded by the `png` crate (image-rs, maintained, pure Rust); or SVG, what the
//! agencies' communication services hand out, drawn once into a PNG when it is chosen
//! ([`svg`]).

use crate::error::{Error, Result, ValidationErrors};
use crate::pdf::layout::Image;
use crate::store::{settings as kv, Store};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::Serialize;
use specta::Type;
use std::io::Read;
use std::path::Path;

pub mod svg;

/// Largest file accepted: a logo is a few tens of kilobytes.
pub const MAX_BYTES: u64 = 1024 * 1024;
/// Largest side, in pixels: 4 000 px is a 34 cm logo at 300 dpi.
pub const MAX_SIDE: u32 = 4_000;
/// Memory the decoder may use.
const DECODER_BYTES: usize = 80 * 1024 * 1024;

const KEY_PNG: &str = "logo_png_base64";
const KEY_NAME: &str = "logo_nom";

/// What the settings screen shows of the logo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct LogoInfo {
    pub file_name: String,
    pub width: u32,
    pub height: u32,
    /// "data:image/png;base64,…" for the preview.
    pub preview: String,
}

fn refused(message: String) -> Error {
    let mut e = ValidationErrors::default();
    e.push("logo", message);
    Error::Validation(e)
}

/// Decodes `bytes` as a PNG within the bounds above.
pub fn decode(bytes: &[u8]) -> std::result::Result<Image, String> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return Err("ce fichier n'est ni une image PNG ni un dessin SVG".to_owned());
    }
    let mut decoder =
        png::Decoder::new_with_limits(std::io::Cursor::new(bytes), png::Limits { bytes: DECODER_BYTES });
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("image PNG illisible ({e})"))?;
    let (w, h) = reader.info().size();
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!(
            "image de {w} × {h} pixels : {MAX_SIDE} pixels de côté au plus"
        ));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "image PNG trop grande".to_owned())?;
    let mut buf = vec![0; size];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("image PNG illisible ({e})"))?;
    buf.truncate(frame.buffer_size());
    let (color, _) = reader.output_color_type();
    let (alpha, data) = match color {
        png::ColorType::Rgb => (false, buf),
        png::ColorType::Rgba => (true, buf),
        png::ColorType::Grayscale => (false, buf.iter().flat_map(|&g| [g, g, g]).collect()),
        png::ColorType::GrayscaleAlpha => (
            true,
            buf.chunks_exact(2)
                .flat_map(|p| [p[0], p[0], p[0], p[1]])
                .collect(),
        ),
        png::ColorType::Indexed => return Err("palette non développée".to_owned()),
    };
    Ok(Image {
        width: w,
        height: h,
        alpha,
        data,
    })
}

/// The PNG saved, if any.
pub fn png_bytes(store: &Store) -> Result<Option<Vec<u8>>> {
    Ok(kv::get(store.read(), KEY_PNG)?
        .filter(|v| !v.is_empty())
        .and_then(|v| BASE64.decode(v.as_bytes()).ok()))
}

/// The logo decoded for printing; `None` when there is none (or it no longer decodes).
pub fn image(store: &Store) -> Result<Option<Image>> {
    Ok(png_bytes(store)?.and_then(|b| decode(&b).ok()))
}

/// The logo as the settings screen shows it.
pub fn info(store: &Store) -> Result<Option<LogoInfo>> {
    let Some(bytes) = png_bytes(store)? else {
        return Ok(None);
    };
    let Ok(p) = decode(&bytes) else {
        return Ok(None);
    };
    Ok(Some(LogoInfo {
        file_name: kv::get(store.read(), KEY_NAME)?.unwrap_or_default(),
        width: p.width,
        height: p.height,
        preview: format!("data:image/png;base64,{}", BASE64.encode(&bytes)),
    }))
}

/// Reads, checks and saves the logo at `path` (one transaction); nothing is saved when the
/// file is refused.
pub fn save_file(store: &mut Store, path: &Path) -> Result<LogoInfo> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let io = |e: std::io::Error| refused(format!("{name} : fichier illisible ({e})."));
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_BYTES {
        return Err(refused(format!(
            "{name} : {} Ko ; un logo fait {} Ko au plus.",
            len / 1024,
            MAX_BYTES / 1024
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(refused(format!(
            "{name} : le fichier dépasse {} Ko.",
            MAX_BYTES / 1024
        )));
    }
    let bytes = if svg::looks_like_svg(&bytes) {
        svg::rasterize(bytes).map_err(|why| refused(format!("{name} : {why}.")))?
    } else {
        bytes
    };
    decode(&bytes).map_err(|why| refused(format!("{name} : {why}.")))?;
    let text = BASE64.encode(&bytes);
    store.write(|tx| {
        kv::set(tx, KEY_PNG, &text)?;
        kv::set(tx, KEY_NAME, &name)
    })?;
    info(store)?.ok_or_else(|| refused(format!("{name} : image PNG illisible.")))
}

/// Removes the logo: documents print "République française" and the agency's name instead.
pub fn remove(store: &mut Store) -> Result<()> {
    store.write(|tx| {
        kv::set(tx, KEY_PNG, "")?;
        kv::set(tx, KEY_NAME, "")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2 × 1 RGBA PNG written by the png crate's encoder.
    fn tiny_png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut writer = enc.write_header().unwrap();
            writer.write_image_data(&vec![0u8; (w * h * 4) as usize]).unwrap();
        }
        out
    }

    #[test]
    fn a_png_is_decoded_and_anything_else_refused() {
        let p = decode(&tiny_png(2, 1)).unwrap();
        assert_eq!((p.width, p.height, p.alpha, p.data.len()), (2, 1, true, 8));
        assert!(decode(b"GIF89a...")
            .unwrap_err()
            .contains("ni une image PNG ni un dessin SVG"));
        let mut cut = tiny_png(2, 1);
        cut.truncate(cut.len() - 20);
        assert!(decode(&cut).is_err());
    }

    #[test]
    fn huge_dimensions_are_refused_before_decoding() {
        // A header claiming 100 000 × 100 000 pixels: refused from the header alone.
        let mut bomb = tiny_png(1, 1);
        // IHDR width and height are at bytes 16..24; the CRC no longer matches, and the
        // decoder refuses that too: either way, nothing is allocated for the pixels.
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        assert!(decode(&bomb).is_err());
        let big = tiny_png(MAX_SIDE + 1, 1);
        assert!(decode(&big).unwrap_err().contains("pixels de côté"));
    }
}
