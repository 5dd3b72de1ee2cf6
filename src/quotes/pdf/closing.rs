//! The block after the amount in words: how to pay (a devis), or when, how and with
//! which reference it was paid (a facture).

use super::{Devis, Fonts, Payment, LEFT};
use printpdf::{Mm, PdfLayerReference};

/// What closes the document.
pub enum Closing<'a> {
    /// The shop's mobile-money numbers, the devis number as reference.
    Payment(&'a Payment),
    /// "Payée le 02/12/2026 par MVola, réf 636042511".
    Paid(String),
}

pub(super) fn draw(l: &PdfLayerReference, f: &Fonts, d: &Devis, c: &Closing<'_>, y: f32) {
    match c {
        Closing::Payment(p) => payment(l, f, d, p, y),
        Closing::Paid(line) => {
            l.use_text("Facture acquittée", 10.0, Mm(LEFT), Mm(y), &f.bold);
            l.use_text(line.as_str(), 9.0, Mm(LEFT + 2.0), Mm(y - 5.5), &f.regular);
        }
    }
}

fn payment(l: &PdfLayerReference, f: &Fonts, d: &Devis, p: &Payment, y: f32) {
    let channels = p.channels();
    if channels.is_empty() {
        return;
    }
    l.use_text("Modalités de paiement", 10.0, Mm(LEFT), Mm(y), &f.bold);
    let mut y = y - 5.5;
    for (label, number) in channels {
        l.use_text(
            format!("{label} : {number}"),
            9.0,
            Mm(LEFT + 2.0),
            Mm(y),
            &f.regular,
        );
        y -= 4.6;
    }
    if let Some(name) = &p.account_name {
        l.use_text(
            format!("Au nom de : {name}"),
            9.0,
            Mm(LEFT + 2.0),
            Mm(y),
            &f.regular,
        );
        y -= 4.6;
    }
    l.use_text(
        format!("Référence à indiquer avec le paiement : {}", d.number),
        9.0,
        Mm(LEFT + 2.0),
        Mm(y),
        &f.bold,
    );
}
