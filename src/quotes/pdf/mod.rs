//! The devis PDF, and the facture drawn the same way ([`Paper`]) (printpdf 0.7): A4, the shop's identity in the header, the customer
//! block, the table of lines (continued on further pages when long), the totals box,
//! the amount in words, the payment instructions and a footer on every page.
//!
//! Text uses DejaVu Sans embedded from `assets/fonts/` (Unicode: é è à ç ô ñ print and
//! `pdftotext` reads them back). Amounts are right-aligned with DejaVu's advance widths.

mod closing;
mod draw;
mod footer;
mod meta;

pub use closing::Closing;

use super::text::{truncate, wrap};
use super::words::amount_sentence;
use super::{Devis, Payment, QuoteError};
use crate::branding::{Look, MENTION};
use crate::db::shops::Shop;
use crate::money::format_amount;
use draw::{accent, black, hline, right, stroke_rect};
use printpdf::{
    Color, IndirectFontRef, Mm, PdfDocument, PdfDocumentReference, PdfLayerReference, Rect, Rgb,
};

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const LEFT: f32 = 15.0;
const RIGHT: f32 = 195.0;
/// Lowest y a table row may use before the page breaks (room for the footer).
const BOTTOM: f32 = 30.0;
const ROW_H: f32 = 7.0;
const PT_TO_MM: f32 = 0.352_778;

// Table columns: designation and SKU start at; quantity, unit price, total end at.
const COL_SKU: f32 = 107.0;
const COL_QTY_END: f32 = 137.0;
const COL_PU_END: f32 = 166.0;

struct Fonts {
    regular: IndirectFontRef,
    bold: IndirectFontRef,
}

/// What a document made from a devis is: the devis itself, or the facture of its
/// paid order (same lines, totals and legal mentions; its own number, date, closing).
pub struct Paper<'a> {
    /// `DEVIS`, `FACTURE`.
    pub heading: &'static str,
    /// `Devis`, `Facture`: the title and the continued pages.
    pub label: &'static str,
    pub number: String,
    /// The issue date, `10/12/2026`.
    pub date: String,
    /// The line under the date (validity, or the devis it comes from).
    pub under_date: String,
    pub footer: String,
    pub closing: Closing<'a>,
}

impl<'a> Paper<'a> {
    pub fn devis(d: &Devis, payment: &'a Payment) -> Self {
        let until = super::chat::french_date(&d.valid_until);
        Self {
            heading: "DEVIS",
            label: "Devis",
            number: d.number.clone(),
            date: super::chat::french_date(&d.created_at),
            under_date: format!("Valable jusqu'au : {until}"),
            footer: format!("Devis {} valable jusqu'au {until}", d.number),
            closing: Closing::Payment(payment),
        }
    }
}

/// Renders the devis; `shop` is the seller, `look` its branding, `payment` its
/// mobile-money numbers.
pub fn render(
    shop: &Shop,
    look: &Look,
    d: &Devis,
    payment: &Payment,
) -> Result<Vec<u8>, QuoteError> {
    render_paper(shop, look, d, &Paper::devis(d, payment))
}

/// Renders `paper` from the devis `d`.
pub fn render_paper(
    shop: &Shop,
    look: &Look,
    d: &Devis,
    paper: &Paper<'_>,
) -> Result<Vec<u8>, QuoteError> {
    let title = format!("{} {} — {}", paper.label, paper.number, shop.company_name);
    let (doc, page, layer) = PdfDocument::new(&title, Mm(PAGE_W), Mm(PAGE_H), "devis");
    let fonts = load_fonts(&doc)?;
    let mut pages = vec![doc.get_page(page).get_layer(layer)];
    let mut l = pages[0].clone();

    let accent = look
        .accent
        .map(|(r, g, b)| Color::Rgb(Rgb::new(r, g, b, None)))
        .unwrap_or_else(accent);
    let logo_drop = match &look.logo {
        Some(px) => draw::logo(&l, px),
        None => 0.0,
    };
    let mut y = header(&l, &fonts, shop, d, paper, &accent, logo_drop);
    y = table_head(&l, &fonts, y);
    for line in &d.lines {
        if y - ROW_H < BOTTOM {
            let (p, ly) = doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "devis");
            l = doc.get_page(p).get_layer(ly);
            pages.push(l.clone());
            l.use_text(
                format!("{} {} (suite)", paper.label, paper.number),
                11.0,
                Mm(LEFT),
                Mm(280.0),
                &fonts.bold,
            );
            y = table_head(&l, &fonts, 272.0);
        }
        let designation = truncate(&line.designation, 52);
        l.use_text(
            designation,
            9.0,
            Mm(LEFT + 1.5),
            Mm(y - 4.8),
            &fonts.regular,
        );
        l.use_text(
            truncate(&line.sku, 16),
            8.0,
            Mm(COL_SKU),
            Mm(y - 4.8),
            &fonts.regular,
        );
        right(
            &l,
            &fonts.regular,
            9.0,
            COL_QTY_END,
            y - 4.8,
            &line.qty.to_string(),
            false,
        );
        right(
            &l,
            &fonts.regular,
            9.0,
            COL_PU_END,
            y - 4.8,
            &format_amount(line.unit_price, &d.currency),
            false,
        );
        right(
            &l,
            &fonts.regular,
            9.0,
            RIGHT - 1.5,
            y - 4.8,
            &format_amount(line.line_total, &d.currency),
            false,
        );
        y -= ROW_H;
        hline(&l, y, 0.2, 0.8);
    }

    // Totals box, words, payment: about 95 mm; start a page when they do not fit.
    if y - 95.0 < BOTTOM {
        let (p, ly) = doc.add_page(Mm(PAGE_W), Mm(PAGE_H), "devis");
        l = doc.get_page(p).get_layer(ly);
        pages.push(l.clone());
        y = 280.0;
    }
    y = totals_box(&l, &fonts, d, y - 4.0);
    y = words(&l, &fonts, d, y - 6.0);
    closing::draw(&l, &fonts, d, &paper.closing, y - 6.0);

    let count = pages.len();
    let mut line = paper.footer.clone();
    if look.mention {
        line.push_str(" · ");
        line.push_str(MENTION);
    }
    for (i, p) in pages.iter().enumerate() {
        footer::draw(p, &fonts, shop, look.footer.as_deref(), &line, i + 1, count);
    }
    let bytes = doc
        .save_to_bytes()
        .map_err(|e| QuoteError::Pdf(e.to_string()))?;
    meta::with_title(bytes, &title).map_err(QuoteError::Pdf)
}

fn load_fonts(doc: &PdfDocumentReference) -> Result<Fonts, QuoteError> {
    let load = |name: &str| -> Result<IndirectFontRef, QuoteError> {
        let bytes = crate::embedded::get(name)
            .ok_or_else(|| QuoteError::Pdf(format!("font {name} missing from assets")))?;
        doc.add_external_font(bytes.as_slice())
            .map_err(|e| QuoteError::Pdf(e.to_string()))
    };
    Ok(Fonts {
        regular: load("fonts/DejaVuSans-Latin.ttf")?,
        bold: load("fonts/DejaVuSans-Bold-Latin.ttf")?,
    })
}

/// Seller identity (left, under the logo when there is one: `drop` mm lower), title
/// and dates (right), customer block; returns the y where the table starts.
fn header(
    l: &PdfLayerReference,
    f: &Fonts,
    shop: &Shop,
    d: &Devis,
    paper: &Paper<'_>,
    accent: &Color,
    drop: f32,
) -> f32 {
    l.set_fill_color(accent.clone());
    l.use_text(
        truncate(&shop.company_name, 40),
        16.0,
        Mm(LEFT),
        Mm(278.0 - drop),
        &f.bold,
    );
    l.set_fill_color(black());
    let mut y = 272.0 - drop;
    let mut identity: Vec<String> = Vec::new();
    if let Some(a) = &shop.address {
        identity.extend(wrap(a, 55));
    }
    if let Some(p) = &shop.phone {
        identity.push(format!("Tél. : {p}"));
    }
    if let Some(e) = &shop.email {
        identity.push(format!("E-mail : {e}"));
    }
    if let Some(n) = &shop.nif {
        identity.push(format!("NIF : {n}"));
    }
    if let Some(s) = &shop.stat {
        identity.push(format!("STAT : {s}"));
    }
    if let Some(r) = &shop.rcs {
        identity.push(format!("RCS : {r}"));
    }
    for line in identity {
        l.use_text(line, 9.0, Mm(LEFT), Mm(y), &f.regular);
        y -= 4.6;
    }

    l.set_fill_color(accent.clone());
    right(l, &f.bold, 22.0, RIGHT, 277.0, paper.heading, true);
    l.set_fill_color(black());
    right(
        l,
        &f.bold,
        11.0,
        RIGHT,
        269.5,
        &format!("N° {}", paper.number),
        true,
    );
    let date = &paper.date;
    right(
        l,
        &f.regular,
        9.0,
        RIGHT,
        264.0,
        &format!("Date : {date}"),
        false,
    );
    right(l, &f.regular, 9.0, RIGHT, 259.5, &paper.under_date, false);

    // Customer block, boxed, on the right under the title.
    let top = y.min(252.0) - 2.0;
    let (bx, bw, bh) = (115.0, RIGHT - 115.0, 20.0);
    stroke_rect(l, bx, top - bh, bx + bw, top);
    l.use_text("Client", 8.0, Mm(bx + 3.0), Mm(top - 5.0), &f.bold);
    let name = d.customer_name.as_deref().unwrap_or("Client comptant");
    l.use_text(
        truncate(name, 38),
        10.0,
        Mm(bx + 3.0),
        Mm(top - 10.5),
        &f.regular,
    );
    if let Some(p) = &d.customer_phone {
        l.use_text(
            format!("Tél. : {p}"),
            9.0,
            Mm(bx + 3.0),
            Mm(top - 15.5),
            &f.regular,
        );
    }
    top - bh - 8.0
}

fn table_head(l: &PdfLayerReference, f: &Fonts, y: f32) -> f32 {
    l.set_fill_color(Color::Rgb(Rgb::new(0.90, 0.93, 0.96, None)));
    l.add_rect(Rect::new(Mm(LEFT), Mm(y - ROW_H), Mm(RIGHT), Mm(y)));
    l.set_fill_color(black());
    let ty = y - 4.8;
    l.use_text("Désignation", 9.0, Mm(LEFT + 1.5), Mm(ty), &f.bold);
    l.use_text("Réf.", 9.0, Mm(COL_SKU), Mm(ty), &f.bold);
    right(l, &f.bold, 9.0, COL_QTY_END, ty, "Qté", true);
    right(l, &f.bold, 9.0, COL_PU_END, ty, "Prix unitaire", true);
    right(l, &f.bold, 9.0, RIGHT - 1.5, ty, "Montant", true);
    y - ROW_H
}

fn totals_box(l: &PdfLayerReference, f: &Fonts, d: &Devis, top: f32) -> f32 {
    let x0 = 118.0;
    let rows: Vec<(String, String, bool)> = match d.vat_rate_bp {
        Some(bp) => vec![
            (
                "Total HT".into(),
                format_amount(d.total_ht, &d.currency),
                false,
            ),
            (
                format!("TVA {}", super::totals::rate_label(bp)),
                format_amount(d.tva, &d.currency),
                false,
            ),
            (
                "Total TTC".into(),
                format_amount(d.total_ttc, &d.currency),
                true,
            ),
        ],
        None => vec![
            (
                "Total HT".into(),
                format_amount(d.total_ht, &d.currency),
                false,
            ),
            ("TVA non applicable".into(), String::new(), false),
            (
                "Total TTC".into(),
                format_amount(d.total_ttc, &d.currency),
                true,
            ),
        ],
    };
    let bottom = top - ROW_H * rows.len() as f32;
    stroke_rect(l, x0, bottom, RIGHT, top);
    let mut y = top;
    for (label, amount, strong) in rows {
        if strong {
            l.set_fill_color(Color::Rgb(Rgb::new(0.90, 0.93, 0.96, None)));
            l.add_rect(Rect::new(Mm(x0), Mm(y - ROW_H), Mm(RIGHT), Mm(y)));
            l.set_fill_color(black());
        }
        let font = if strong { &f.bold } else { &f.regular };
        l.use_text(label, 10.0, Mm(x0 + 3.0), Mm(y - 5.0), font);
        right(l, font, 10.0, RIGHT - 3.0, y - 5.0, &amount, strong);
        y -= ROW_H;
    }
    bottom
}

fn words(l: &PdfLayerReference, f: &Fonts, d: &Devis, y: f32) -> f32 {
    let mut y = y;
    for line in wrap(&amount_sentence(d.total_ttc), 95) {
        l.use_text(line, 10.0, Mm(LEFT), Mm(y), &f.bold);
        y -= 5.0;
    }
    y
}
