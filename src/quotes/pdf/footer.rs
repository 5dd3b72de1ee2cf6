//! The footer of every page of a devis or facture.

use super::draw::{black, hline, right};
use super::{Fonts, LEFT, RIGHT};
use crate::db::shops::Shop;
use crate::quotes::text::truncate;
use printpdf::{Color, Mm, PdfLayerReference, Rgb};

/// The footer of every page: the shop's own line (white-label), its legal identity,
/// the paper's line and the page number.
pub(super) fn draw(
    l: &PdfLayerReference,
    f: &Fonts,
    shop: &Shop,
    own: Option<&str>,
    line: &str,
    page: usize,
    count: usize,
) {
    hline(l, 18.0, 0.3, 0.6);
    if let Some(own) = own {
        l.set_fill_color(black());
        l.use_text(truncate(own, 100), 8.0, Mm(LEFT), Mm(21.0), &f.regular);
    }
    let mut parts = vec![shop.company_name.clone()];
    if let Some(n) = &shop.nif {
        parts.push(format!("NIF {n}"));
    }
    if let Some(s) = &shop.stat {
        parts.push(format!("STAT {s}"));
    }
    l.set_fill_color(Color::Rgb(Rgb::new(0.35, 0.35, 0.35, None)));
    l.use_text(
        truncate(&parts.join(" · "), 100),
        7.5,
        Mm(LEFT),
        Mm(13.5),
        &f.regular,
    );
    l.use_text(line, 7.5, Mm(LEFT), Mm(9.5), &f.regular);
    right(
        l,
        &f.regular,
        7.5,
        RIGHT,
        9.5,
        &format!("Page {page}/{count}"),
        false,
    );
    l.set_fill_color(black());
}
