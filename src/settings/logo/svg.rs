//! An SVG logo is drawn once, when it is chosen, into a PNG sized for the letterhead's logo
//! box; the register keeps that PNG, so printing never parses SVG and every document shows
//! the same pixels the settings screen previewed.
//!
//! The file is hostile until drawn:
//! - nothing outside it is read: an `<image href="…">` to a file or an embedded raster image
//!   is refused by name (the logo would print incomplete), and no system font is consulted;
//! - text is drawn with the application's own font (DejaVu Sans), since the agency's font
//!   is not on the laptop: the screen says so, and a logo whose text is vectorised is exact;
//! - the size of the drawing is fixed by the logo box, not by the file (a `width="1e9"`
//!   costs nothing), usvg caps the tree at a million nodes, filters whose cost the file
//!   chooses (turbulence octaves, the number of primitives) are bounded, and the drawing
//!   runs on its own thread under a deadline.
//!
//! Drawn by resvg/usvg (Linebender): the reference SVG renderer in Rust, pure Rust, with
//! its own test suite against the SVG specification.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The drawing's largest size in pixels: the logo box (55 × 20 mm) at 600 dpi, enough for a
/// laser printer; the longer side of the logo fills one of the two.
const TARGET: (f32, f32) = (1_300.0, 472.0);
/// Turbulence octaves beyond which the noise no longer changes at this size (each octave
/// halves the detail): more only costs time.
const MAX_OCTAVES: u32 = 8;
/// Filter primitives in the whole file: a logo's drop shadow takes a handful.
const MAX_FILTER_PRIMITIVES: usize = 64;
/// How long the drawing may take: a logo draws in milliseconds.
const DEADLINE: Duration = Duration::from_secs(10);

/// Whether `bytes` look like an SVG document (after a BOM, blanks, an XML declaration,
/// comments or a doctype): the file's name is not trusted.
pub fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<svg")
}

/// Draws the SVG `bytes` into a PNG (the bytes of the file), or says in French why not.
pub fn rasterize(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    let (send, receive) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("logo-svg".to_owned())
        .spawn(move || {
            // The receiver may be gone after the deadline: nothing to report then.
            let _ = send.send(draw(&bytes));
        })
        .map_err(|e| format!("le dessin du logo n'a pas pu commencer ({e})"))?;
    match receive.recv_timeout(DEADLINE) {
        Ok(result) => result,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "le dessin de ce SVG dépasse {} secondes ; exportez le logo en PNG",
            DEADLINE.as_secs()
        )),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            Err("le dessin de ce SVG a échoué ; exportez le logo en PNG".to_owned())
        }
    }
}

fn draw(bytes: &[u8]) -> Result<Vec<u8>, String> {
    // Set when the file refers to a bitmap or to anything outside it: resolved to nothing.
    let raster = Arc::new(AtomicBool::new(false));
    let (a, b) = (Arc::clone(&raster), Arc::clone(&raster));
    let mut options = resvg::usvg::Options {
        resources_dir: None,
        font_family: "DejaVu Sans".to_owned(),
        image_href_resolver: resvg::usvg::ImageHrefResolver {
            resolve_data: Box::new(move |_, _, _| {
                a.store(true, Ordering::Relaxed);
                None
            }),
            resolve_string: Box::new(move |_, _| {
                b.store(true, Ordering::Relaxed);
                None
            }),
        },
        ..Default::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_data(crate::pdf::layout::REGULAR_TTF.to_vec());
    fonts.load_font_data(crate::pdf::layout::BOLD_TTF.to_vec());
    // Every generic family is our font: a logo asking for "serif" gets it rather than nothing.
    fonts.set_serif_family("DejaVu Sans");
    fonts.set_sans_serif_family("DejaVu Sans");
    fonts.set_cursive_family("DejaVu Sans");
    fonts.set_fantasy_family("DejaVu Sans");
    fonts.set_monospace_family("DejaVu Sans");

    let tree =
        resvg::usvg::Tree::from_data(bytes, &options).map_err(|e| format!("fichier SVG illisible ({e})"))?;
    if raster.load(Ordering::Relaxed) {
        return Err(
            "ce SVG contient ou appelle une image matricielle, qui ne serait pas imprimée ; \
             exportez le logo en PNG"
                .to_owned(),
        );
    }
    let primitives: usize = tree.filters().iter().map(|f| f.primitives().len()).sum();
    if primitives > MAX_FILTER_PRIMITIVES {
        return Err(format!(
            "ce SVG applique {primitives} effets de filtre ({MAX_FILTER_PRIMITIVES} au plus) ; \
             exportez le logo en PNG"
        ));
    }
    for filter in tree.filters() {
        for p in filter.primitives() {
            if let resvg::usvg::filter::Kind::Turbulence(t) = p.kind() {
                if t.num_octaves() > MAX_OCTAVES {
                    return Err(format!(
                        "ce SVG demande un bruit de {} octaves ({MAX_OCTAVES} au plus) ; \
                         exportez le logo en PNG",
                        t.num_octaves()
                    ));
                }
            }
        }
    }

    let size = tree.size();
    let scale = (TARGET.0 / size.width()).min(TARGET.1 / size.height());
    if !scale.is_finite() || scale <= 0.0 {
        return Err("ce SVG n'a pas de taille utilisable".to_owned());
    }
    let width = (size.width() * scale).round().clamp(1.0, TARGET.0) as u32;
    let height = (size.height() * scale).round().clamp(1.0, TARGET.0) as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| "ce SVG n'a pas de taille utilisable".to_owned())?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    if pixmap.pixels().iter().all(|p| p.alpha() == 0) {
        return Err("ce SVG ne dessine rien de visible".to_owned());
    }
    pixmap
        .encode_png()
        .map_err(|e| format!("le logo dessiné n'a pas pu être enregistré ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOGO: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="110mm" height="40mm" viewBox="0 0 110 40">
  <rect x="0" y="0" width="12" height="40" fill="#000091"/>
  <text x="16" y="24" font-family="Marianne" font-size="10">ARS</text>
</svg>"##;

    #[test]
    fn an_svg_is_drawn_to_fit_the_logo_box() {
        assert!(looks_like_svg(LOGO.as_bytes()));
        let png = rasterize(LOGO.as_bytes().to_vec()).unwrap();
        let image = super::super::decode(&png).unwrap();
        // 110 × 40 fits 1300 × 472 by its height: 40 → 472, 110 → 1298.
        assert_eq!((image.width, image.height), (1298, 472));
        // The blue band is drawn at the left, and the text (in DejaVu Sans) somewhere right of it.
        let px = |x: u32, y: u32| {
            let i = ((y * image.width + x) * 4) as usize;
            (
                image.data[i],
                image.data[i + 1],
                image.data[i + 2],
                image.data[i + 3],
            )
        };
        assert_eq!(px(10, 200), (0, 0, 0x91, 255));
        let text_pixels = (200..500)
            .flat_map(|x| (100..300).map(move |y| (x, y)))
            .filter(|&(x, y)| px(x, y).3 > 0)
            .count();
        assert!(
            text_pixels > 1000,
            "le texte n'est pas dessiné ({text_pixels} pixels)"
        );
    }

    #[test]
    fn what_the_file_cannot_decide_is_bounded() {
        // A huge declared size costs nothing: the drawing is sized by the logo box.
        let huge = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1000000000" height="1000000000"><rect width="1000000000" height="1000000000"/></svg>"#;
        let png = rasterize(huge.as_bytes().to_vec()).unwrap();
        let image = super::super::decode(&png).unwrap();
        assert_eq!((image.width, image.height), (472, 472));

        // A file on disk or an embedded bitmap: refused by name, nothing read.
        for href in [
            "/etc/passwd",
            "file:///etc/hostname",
            "data:image/png;base64,iVBORw0KGgo=",
        ] {
            let s = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><rect width="10" height="10"/><image width="10" height="10" xlink:href="{href}"/></svg>"#
            );
            let e = rasterize(s.into_bytes()).unwrap_err();
            assert!(e.contains("image matricielle"), "{href}: {e}");
        }

        // Noise whose cost the file chooses.
        let noise = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><filter id="f"><feTurbulence baseFrequency="0.1" numOctaves="1000000000"/></filter><rect width="10" height="10" filter="url(#f)"/></svg>"#;
        assert!(rasterize(noise.as_bytes().to_vec())
            .unwrap_err()
            .contains("octaves"));

        // Entities that expand a billion times (roxmltree refuses them) and garbage.
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text y="5">&i;</text></svg>"#;
        assert!(rasterize(laughs.as_bytes().to_vec()).is_err());
        assert!(rasterize(b"<svg".to_vec()).unwrap_err().contains("illisible"));
        let empty = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>"#;
        assert!(rasterize(empty.as_bytes().to_vec())
            .unwrap_err()
            .contains("rien de visible"));
        assert!(!looks_like_svg(b"\x89PNG\r\n\x1a\n"));
    }
}
