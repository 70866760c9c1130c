//! Bar charts for the printed reports (the regional counts): horizontal bars, one per line of
//! a table, with the value written at the end of each bar, so that the chart reads without
//! its table and survives a grey photocopy.

use super::{baseline, mm, FontStyle, Writer, BLACK, CONTENT_WIDTH, LEFT, RIGHT, SMALL_SIZE};
use printpdf::{Color, Op, PaintMode, Rect, Rgb};

/// Bleu France (#000091), the application's primary colour: 12 % grey once printed in black
/// and white, as dark as the text.
const BAR_COLOUR: (f32, f32, f32) = (0.0, 0.0, 145.0 / 255.0);
const BAR_HEIGHT: f32 = 4.0 * super::PT_PER_MM;
const BAR_GAP: f32 = 1.3 * super::PT_PER_MM;

impl Writer<'_> {
    /// A horizontal bar chart of `bars` (label, value), the longest bar as wide as the space
    /// left after the labels. A chart taller than the page continues on the next one.
    pub fn bar_chart(&mut self, bars: &[(String, u32)]) {
        if bars.is_empty() {
            return;
        }
        let size = SMALL_SIZE;
        let label_w = CONTENT_WIDTH * 0.36;
        let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
        let value_w = self
            .fonts
            .text_width(&crate::stats::format_count(max), FontStyle::Regular, size)
            + mm(3.0);
        let area_x = LEFT + label_w + mm(2.0);
        let area_w = (RIGHT - area_x - value_w).max(mm(20.0));
        let step = BAR_HEIGHT + BAR_GAP;
        // Keep at least the first five bars with the heading above them.
        self.ensure_space(step * bars.len().min(5) as f32 + mm(2.0));
        let mut top = self.y;
        for (label, value) in bars {
            if self.y - step < super::BODY_BOTTOM {
                self.segment(area_x, top, area_x, self.y, 0.6);
                self.new_page();
                top = self.y;
            }
            let base = baseline(self.y, size, step);
            let label = self.fonts.sanitize(label, FontStyle::Regular).replace('\n', " ");
            let label = self.fit(&label, FontStyle::Regular, size, label_w);
            self.text(LEFT, base, &label, FontStyle::Regular, size, BLACK);
            let w = if *value == 0 {
                0.0
            } else {
                (area_w * *value as f32 / max as f32).max(0.8)
            };
            if w > 0.0 {
                self.fill_rgb(
                    area_x,
                    self.y - BAR_GAP / 2.0 - BAR_HEIGHT,
                    w,
                    BAR_HEIGHT,
                    BAR_COLOUR,
                );
            }
            let text = crate::stats::format_count(*value);
            self.text(area_x + w + mm(1.2), base, &text, FontStyle::Bold, size, BLACK);
            self.y -= step;
        }
        self.segment(area_x, top, area_x, self.y, 0.6);
        self.y -= mm(3.0);
        self.release_next();
    }

    fn fill_rgb(&mut self, x: f32, y: f32, w: f32, h: f32, (r, g, b): (f32, f32, f32)) {
        let rect = Rect {
            x: super::at(x),
            y: super::at(y),
            width: super::at(w),
            height: super::at(h),
            mode: Some(PaintMode::Fill),
            winding_order: None,
        };
        let ops = self.page_ops();
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetFillColor {
            col: Color::Rgb(Rgb {
                r,
                g,
                b,
                icc_profile: None,
            }),
        });
        ops.push(Op::DrawRectangle { rectangle: rect });
        ops.push(Op::RestoreGraphicsState);
    }
}
