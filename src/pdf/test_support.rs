//! Reading generated PDFs back in tests, with poppler-utils (installed by the setup
//! script): the text as a reader would copy it, and the number of pages.

use std::process::Command;

fn run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("écriture du PDF");
    let out = Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdfinfo" { &[][..] } else { &["-"][..] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} introuvable (apt-get install poppler-utils) : {e}"));
    assert!(
        out.status.success(),
        "{tool} : {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// `pdftotext` with `args`, narrow and non-breaking spaces turned into plain spaces
/// (poppler versions disagree on them).
pub(crate) fn pdftotext(pdf: &[u8], args: &[&str]) -> String {
    run("pdftotext", args, pdf).replace(['\u{202f}', '\u{a0}'], " ")
}

/// The text of the whole document.
pub(crate) fn text(pdf: &[u8]) -> String {
    pdftotext(pdf, &[])
}

/// The number of pages, as `pdfinfo` reads it.
pub(crate) fn page_count(pdf: &[u8]) -> usize {
    run("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("nombre de pages")
}

/// The words of page `page` with their boxes (xMin, yMin, xMax, yMax), in points from
/// the top-left corner, as `pdftotext -bbox` reads them.
pub(crate) fn word_boxes(pdf: &[u8], page: usize) -> Vec<(String, f32, f32, f32, f32)> {
    let p = page.to_string();
    let html = pdftotext(pdf, &["-bbox", "-f", &p, "-l", &p]);
    let attr = |line: &str, name: &str| -> f32 {
        line.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f32::NAN)
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let word = l
                .split('>')
                .nth(1)
                .and_then(|r| r.split('<').next())
                .unwrap_or_default()
                .replace("&amp;", "&")
                .replace("&apos;", "'");
            (
                word,
                attr(l, "xMin"),
                attr(l, "yMin"),
                attr(l, "xMax"),
                attr(l, "yMax"),
            )
        })
        .collect()
}
