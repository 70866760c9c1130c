//! Form primitives: fields written on dotted lines (pre-filled or left blank to be
//! filled in by hand) and check boxes. Used by the fiche de suivi and the other forms
//! the agency sends out to be completed and returned.
//!
//! Each takes the name of its fillable field: in a document made fillable
//! ([`Writer::make_fillable`]) the value is then the field's, drawn by its appearance
//! rather than on the page, and the field is kept on one page. "" prints only.

use super::acroform::SlotKind;
use super::{baseline, mm, FontStyle, Writer, BLACK, BODY_SIZE, DARK, LEFT, RIGHT};

/// Height of one handwriting line: wider than the body leading, so that a pen fits.
const FORM_LINE: f32 = 6.3 * super::PT_PER_MM;
/// Side of a check box.
const BOX: f32 = 3.2 * super::PT_PER_MM;

impl Writer<'_> {
    /// "Label : value" where the value is written on a dotted line, so that the
    /// recipient can correct it; a long value wraps onto further dotted lines. An empty
    /// value leaves `blank_lines` dotted lines (at least one) to fill in by hand.
    pub fn form_field(&mut self, name: &str, label: &str, value: &str, blank_lines: usize) {
        let fillable = self.is_fillable() && !name.is_empty();
        let size = BODY_SIZE;
        let label = self.fonts.sanitize(&format!("{label}\u{a0}:"), FontStyle::Bold);
        let label_lines = self
            .fonts
            .wrap(&label, FontStyle::Bold, size, self.label_width - mm(2.0));
        let value_x = LEFT + self.label_width;
        let value = self.fonts.sanitize(value.trim(), FontStyle::Regular);
        let value_lines = if value.is_empty() {
            Vec::new()
        } else {
            self.fonts
                .wrap(&value, FontStyle::Regular, size, RIGHT - value_x - mm(1.0))
        };
        let n = label_lines
            .len()
            .max(value_lines.len())
            .max(if value_lines.is_empty() {
                blank_lines.max(1)
            } else {
                1
            });
        // Keep a short field whole; a long one may run over the page break (a fillable
        // field never does: it is one box on one page).
        self.ensure_space(FORM_LINE * if fillable { n } else { n.min(3) } as f32);
        let mut first_base = None;
        let mut last_base = 0.0;
        for i in 0..n {
            if i > 0 {
                self.ensure_space(FORM_LINE);
            }
            let base = baseline(self.y, size, FORM_LINE) - mm(0.8);
            first_base.get_or_insert(base);
            last_base = base;
            if let Some(l) = label_lines.get(i) {
                self.text(LEFT, base, l, FontStyle::Bold, size, BLACK);
            }
            if let Some(v) = value_lines.get(i).filter(|_| !fillable) {
                self.text(value_x + mm(1.0), base, v, FontStyle::Regular, size, DARK);
            }
            self.dotted(value_x, RIGHT, base - 1.8);
            self.y -= FORM_LINE;
        }
        if fillable {
            let top = first_base.unwrap_or(last_base) + size + 2.0;
            self.add_field(
                name,
                [value_x, last_base - 3.0, RIGHT, top],
                SlotKind::Text {
                    value: value.to_owned(),
                    multiline: n > 1,
                },
            );
        }
        self.y -= mm(0.8);
        self.release_next();
    }

    /// Several short fields on one line, sharing the width equally
    /// (e.g. "Date prévue du DES" and "Date prévue de la thèse").
    pub fn form_row(&mut self, fields: &[(&str, &str, &str)]) {
        if fields.is_empty() {
            return;
        }
        let size = BODY_SIZE;
        let gap = mm(6.0);
        let n = fields.len() as f32;
        let col_w = (RIGHT - LEFT - gap * (n - 1.0)) / n;
        self.ensure_space(FORM_LINE);
        let base = baseline(self.y, size, FORM_LINE) - mm(0.8);
        for (i, (name, label, value)) in fields.iter().enumerate() {
            let fillable = self.is_fillable() && !name.is_empty();
            let x = LEFT + i as f32 * (col_w + gap);
            let label = self.fonts.sanitize(&format!("{label}\u{a0}:"), FontStyle::Bold);
            let label = self.fit(&label, FontStyle::Bold, size, col_w - mm(22.0));
            let lw = self.fonts.text_width(&label, FontStyle::Bold, size);
            self.text(x, base, &label, FontStyle::Bold, size, BLACK);
            let vx = x + lw + mm(1.5);
            if fillable {
                self.add_field(
                    name,
                    [vx, base - 3.0, x + col_w, base + size + 2.0],
                    SlotKind::Text {
                        value: value.trim().to_owned(),
                        multiline: false,
                    },
                );
            } else {
                let value = self.fonts.sanitize(value.trim(), FontStyle::Regular);
                let value = self.fit(&value, FontStyle::Regular, size, x + col_w - vx - mm(1.0));
                self.text(vx + mm(1.0), base, &value, FontStyle::Regular, size, DARK);
            }
            self.dotted(vx, x + col_w, base - 1.8);
        }
        self.y -= FORM_LINE + mm(0.8);
        self.release_next();
    }

    /// A question with check boxes: the label in the label column, then the options
    /// one after the other, wrapping onto further lines. `true` options are ticked
    /// (what the agency already knows, to be confirmed). Options are (export value, text,
    /// ticked); fillable, they are one radio group `name`: one answer.
    pub fn checkboxes(&mut self, name: &str, label: &str, options: &[(&str, &str, bool)]) {
        let fillable = self.is_fillable() && !name.is_empty();
        let size = BODY_SIZE;
        let label = self.fonts.sanitize(&format!("{label}\u{a0}:"), FontStyle::Bold);
        let label_lines = self
            .fonts
            .wrap(&label, FontStyle::Bold, size, self.label_width - mm(2.0));
        let x0 = LEFT + self.label_width;
        // Lay the options out first, to know how many lines they take.
        let mut lines: Vec<Vec<(f32, String, bool, &str)>> = vec![Vec::new()];
        let mut x = x0;
        for (export, text, checked) in options {
            let text = self.fonts.sanitize(text, FontStyle::Regular);
            let avail = RIGHT - x0 - BOX - mm(1.5);
            let text = self.fit(&text, FontStyle::Regular, size, avail);
            let w = BOX + mm(1.5) + self.fonts.text_width(&text, FontStyle::Regular, size);
            if x > x0 && x + w > RIGHT {
                lines.push(Vec::new());
                x = x0;
            }
            if let Some(line) = lines.last_mut() {
                line.push((x, text, *checked, export));
            }
            x += w + mm(5.0);
        }
        let n = lines.len().max(label_lines.len());
        self.ensure_space(FORM_LINE * if fillable { n } else { n.min(3) } as f32);
        for i in 0..n {
            if i > 0 {
                self.ensure_space(FORM_LINE);
            }
            let base = baseline(self.y, size, FORM_LINE) - mm(0.8);
            if let Some(l) = label_lines.get(i) {
                self.text(LEFT, base, l, FontStyle::Bold, size, BLACK);
            }
            for (x, text, checked, export) in lines.get(i).map(Vec::as_slice).unwrap_or_default() {
                let box_y = base - mm(0.4);
                self.stroke_rect(*x, box_y, BOX, BOX, 0.6, BLACK);
                if fillable {
                    self.add_field(
                        name,
                        [*x, box_y, *x + BOX, box_y + BOX],
                        SlotKind::Radio {
                            export: (*export).to_owned(),
                            on: *checked,
                        },
                    );
                } else if *checked {
                    self.cross(*x, box_y, BOX);
                }
                self.text(x + BOX + mm(1.5), base, text, FontStyle::Regular, size, BLACK);
            }
            self.y -= FORM_LINE;
        }
        self.y -= mm(0.8);
        self.release_next();
    }

    /// An X in the box whose lower-left corner is (`x`, `y`).
    fn cross(&mut self, x: f32, y: f32, side: f32) {
        let inset = side * 0.2;
        self.segment(x + inset, y + inset, x + side - inset, y + side - inset, 0.9);
        self.segment(x + inset, y + side - inset, x + side - inset, y + inset, 0.9);
    }
}
