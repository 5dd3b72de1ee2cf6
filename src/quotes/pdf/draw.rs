//! Drawing primitives of the devis PDF: colours, rules, boxes and right-aligned text.

use super::super::text::text_width_em;
use super::{LEFT, PT_TO_MM, RIGHT};
use crate::branding::Pixels;
use printpdf::{
    Color, ColorBits, ColorSpace, Image, ImageTransform, ImageXObject, IndirectFontRef, Line, Mm,
    PdfLayerReference, Point, Px, Rgb,
};

/// The logo's box at the top left of the first page (mm).
const LOGO_W: f32 = 50.0;
const LOGO_H: f32 = 16.0;
const LOGO_TOP: f32 = 290.0;

/// Draws the logo at the top left, fitted in 50 x 16 mm keeping its shape; returns how
/// far down (mm) the shop's name must move to clear it.
pub(super) fn logo(l: &PdfLayerReference, px: &Pixels) -> f32 {
    const DPI: f32 = 300.0;
    let mm_per_px = 25.4 / DPI;
    let (w, h) = (px.width as f32 * mm_per_px, px.height as f32 * mm_per_px);
    let scale = (LOGO_W / w).min(LOGO_H / h);
    let h = h * scale;
    let xobject = ImageXObject {
        width: Px(px.width as usize),
        height: Px(px.height as usize),
        color_space: ColorSpace::Rgb,
        bits_per_component: ColorBits::Bit8,
        interpolate: true,
        image_data: px.rgb.clone(),
        image_filter: None,
        smask: None,
        clipping_bbox: None,
    };
    Image::from(xobject).add_to_layer(
        l.clone(),
        ImageTransform {
            translate_x: Some(Mm(LEFT)),
            translate_y: Some(Mm(LOGO_TOP - h)),
            scale_x: Some(scale),
            scale_y: Some(scale),
            dpi: Some(DPI),
            ..Default::default()
        },
    );
    // The name's baseline sits at 278 mm; put it 6 mm under the logo's bottom.
    (278.0 - (LOGO_TOP - h - 6.0)).max(0.0)
}

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
