//! Drawing primitives of the devis PDF: colours, rules, boxes and right-aligned text.

use super::super::text::text_width_em;
use super::{LEFT, PT_TO_MM, RIGHT};
use printpdf::{Color, IndirectFontRef, Line, Mm, PdfLayerReference, Point, Rgb};

pub(super) fn accent() -> Color {
    Color::Rgb(Rgb::new(0.07, 0.33, 0.55, None))
}

pub(super) fn black() -> Color {
    Color::Rgb(Rgb::new(0.1, 0.1, 0.1, None))
}

pub(super) fn hline(l: &PdfLayerReference, y: f32, thickness: f32, grey: f32) {
    l.set_outline_color(Color::Rgb(Rgb::new(grey, grey, grey, None)));
    l.set_outline_thickness(thickness);
    l.add_line(Line {
        points: vec![
            (Point::new(Mm(LEFT), Mm(y)), false),
            (Point::new(Mm(RIGHT), Mm(y)), false),
        ],
        is_closed: false,
    });
}

pub(super) fn stroke_rect(l: &PdfLayerReference, x0: f32, y0: f32, x1: f32, y1: f32) {
    l.set_outline_color(Color::Rgb(Rgb::new(0.6, 0.6, 0.6, None)));
    l.set_outline_thickness(0.5);
    l.add_line(Line {
        points: vec![
            (Point::new(Mm(x0), Mm(y0)), false),
            (Point::new(Mm(x1), Mm(y0)), false),
            (Point::new(Mm(x1), Mm(y1)), false),
            (Point::new(Mm(x0), Mm(y1)), false),
        ],
        is_closed: true,
    });
}

/// Draws `text` so that it ends at `x_end`.
pub(super) fn right(
    l: &PdfLayerReference,
    font: &IndirectFontRef,
    size: f32,
    x_end: f32,
    y: f32,
    text: &str,
    bold: bool,
) {
    let w = text_width_em(text, bold) * size * PT_TO_MM;
    l.use_text(text, size, Mm(x_end - w), Mm(y), font);
}
