//! White-label devis and factures: a shop's logo, accent colour and footer line, and
//! the [`Look`] the PDF is drawn with.
//!
//! Invariants: a stored logo is always a PNG this module produced (the upload is
//! sniffed as PNG or JPEG, decoded under size limits, flattened on white and resized
//! to fit [`MAX_W`] x [`MAX_H`]), so rendering never meets a hostile file; the branding
//! shows on paper only when the shop's plan has white-label ([`Plan::white_label`]),
//! and otherwise the paper carries [`MENTION`].

use crate::db::{branding as rows, usage, Connection, DbError, ShopId};
use crate::kinds::Plan;
use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

pub use rows::Branding;

/// The line on devis and factures of a shop without white-label.
pub const MENTION: &str = "Généré avec Varotra";
/// Largest file accepted as a logo.
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;
/// The stored logo fits in this box (pixels); the PDF prints it at most 50 x 16 mm.
pub const MAX_W: u32 = 600;
pub const MAX_H: u32 = 240;
/// Characters of the footer line.
pub const MAX_FOOTER: usize = 160;
/// A decoded upload larger than this (either side, pixels) is refused before its
/// pixels are allocated: a small file can claim a huge picture.
const MAX_SOURCE_SIDE: u32 = 8000;

#[derive(Debug, thiserror::Error)]
pub enum BrandingError {
    #[error("logo trop lourd : {size_kb} Ko (au plus {max_kb} Ko)")]
    TooLarge { size_kb: usize, max_kb: usize },
    #[error("logo : seuls les fichiers PNG et JPEG sont acceptés")]
    NotAnImage,
    #[error("logo illisible : {0}")]
    Unreadable(String),
    #[error("couleur d'accent « {0} » : format #rrggbb attendu (par exemple #1f6feb)")]
    BadColour(String),
    #[error("pied de page trop long : {len} caractères (au plus {max})")]
    FooterTooLong { len: usize, max: usize },
    #[error("l'offre {plan} n'inclut pas la marque blanche (logo, couleur, pied de page sur les devis et factures) : passez à l'offre Pro ou Business")]
    NotInPlan { plan: &'static str },
    #[error(transparent)]
    Db(#[from] DbError),
}

/// Checks an uploaded logo and returns the PNG to store: PNG or JPEG by their magic
/// bytes (not by the name or the declared type), at most [`MAX_UPLOAD_BYTES`],
/// transparency flattened on white, shrunk to fit [`MAX_W`] x [`MAX_H`].
pub fn normalize_logo(bytes: &[u8]) -> Result<Vec<u8>, BrandingError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(BrandingError::TooLarge {
            size_kb: bytes.len().div_ceil(1024),
            max_kb: MAX_UPLOAD_BYTES / 1024,
        });
    }
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageFormat::Jpeg
    } else {
        return Err(BrandingError::NotAnImage);
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_SIDE);
    limits.max_image_height = Some(MAX_SOURCE_SIDE);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let img = reader
        .decode()
        .map_err(|e| BrandingError::Unreadable(e.to_string()))?;
    let flat = flatten_on_white(&img);
    let fitted = if flat.width() > MAX_W || flat.height() > MAX_H {
        DynamicImage::ImageRgb8(flat).resize(MAX_W, MAX_H, image::imageops::FilterType::Triangle)
    } else {
        DynamicImage::ImageRgb8(flat)
    };
    let mut out = Vec::new();
    fitted
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .map_err(|e| BrandingError::Unreadable(e.to_string()))?;
    Ok(out)
}

/// RGB on a white background (PDF pixels here have no transparency mask).
fn flatten_on_white(img: &DynamicImage) -> RgbImage {
    let rgba = img.to_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        out.put_pixel(x, y, Rgb([mix(p[0]), mix(p[1]), mix(p[2])]));
    }
    out
}

/// `#1F6FEB` -> `Some("#1f6feb")`; empty -> `None`; anything else is refused.
pub fn parse_accent(text: &str) -> Result<Option<String>, BrandingError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let hex = t.strip_prefix('#').unwrap_or("");
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(Some(format!("#{}", hex.to_ascii_lowercase())))
    } else {
        Err(BrandingError::BadColour(t.to_string()))
    }
}

/// The footer line, trimmed and on one line; empty -> `None`.
pub fn parse_footer(text: &str) -> Result<Option<String>, BrandingError> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let len = t.chars().count();
    if len > MAX_FOOTER {
        return Err(BrandingError::FooterTooLong {
            len,
            max: MAX_FOOTER,
        });
    }
    Ok((!t.is_empty()).then_some(t))
}

/// Refuses branding to a shop whose plan lacks white-label, naming the plan.
pub fn require_white_label(conn: &Connection, shop: ShopId) -> Result<(), BrandingError> {
    let plan = plan_of(conn, shop)?;
    if plan.white_label() {
        Ok(())
    } else {
        Err(BrandingError::NotInPlan { plan: plan.label() })
    }
}

fn plan_of(conn: &Connection, shop: ShopId) -> Result<Plan, DbError> {
    let (plan, _) = usage::plan_of(conn, shop)?;
    Ok(plan.parse().unwrap_or(Plan::Free))
}

/// Decoded logo pixels, ready for the PDF (8-bit RGB, row by row).
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

/// How a shop's paper looks: its branding under white-label, else the default look
/// with the mention.
#[derive(Default)]
pub struct Look {
    pub logo: Option<Pixels>,
    /// The accent colour as 0..1 RGB.
    pub accent: Option<(f32, f32, f32)>,
    pub footer: Option<String>,
    /// Whether [`MENTION`] is printed.
    pub mention: bool,
}

impl Look {
    /// The look of a shop without branding.
    pub fn plain() -> Self {
        Self {
            mention: true,
            ..Default::default()
        }
    }
}

/// The look of `shop`'s next devis or facture.
pub fn look(conn: &Connection, shop: ShopId) -> Result<Look, DbError> {
    if !plan_of(conn, shop)?.white_label() {
        return Ok(Look::plain());
    }
    let b = rows::get(conn, shop)?;
    let logo = b.logo_png.as_deref().and_then(|png| {
        // A stored logo is our own PNG; one that fails to decode is left out, not fatal.
        let img = image::load_from_memory_with_format(png, ImageFormat::Png).ok()?;
        let rgb = img.to_rgb8();
        Some(Pixels {
            width: rgb.width(),
            height: rgb.height(),
            rgb: rgb.into_raw(),
        })
    });
    let accent = b.accent.as_deref().and_then(|a| {
        let v = u32::from_str_radix(a.strip_prefix('#')?, 16).ok()?;
        let c = |shift: u32| ((v >> shift) & 0xff) as f32 / 255.0;
        Some((c(16), c(8), c(0)))
    });
    Ok(Look {
        logo,
        accent,
        footer: b.footer,
        mention: false,
    })
}

#[cfg(test)]
mod tests;
