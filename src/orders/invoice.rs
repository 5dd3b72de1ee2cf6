//! Factures: a paid order gets `FAC-YYYY-NNNN`, continuous per shop per year (the year
//! of the payment in the shop's time zone). The number is drawn in the transaction
//! that marks the order paid, so a rolled-back payment rolls back its number too: no
//! gaps, no duplicates.

use super::{tell::channel_label, OrderError};
use crate::crypto::{FileError, FileStore};
use crate::db::{
    invoice_counters, orders as rows, shops, Connection, Db, DbError, OrderId, ShopId,
};
use crate::quotes::pdf::{self, Closing, Paper};
use crate::quotes::{chat::french_date, QuoteError};
use chrono::Datelike;

/// `FAC-2026-0001`; past 9999 the sequence simply grows.
pub fn format_number(year: i32, seq: i64) -> String {
    format!("FAC-{year}-{seq:04}")
}

/// Gives the order its invoice number unless it has one; returns the order's number.
pub fn number(tx: &Connection, shop: ShopId, id: OrderId) -> Result<String, DbError> {
    let o = rows::get(tx, shop, id)?;
    if let Some(n) = o.invoice_number {
        return Ok(n);
    }
    let year = crate::quotes::today_for(&shops::get(tx, shop)?)
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or_else(|| chrono::Utc::now().year());
    let seq = invoice_counters::next(tx, shop, year)?;
    let n = format_number(year, seq);
    rows::set_invoice(tx, shop, id, &n, year, seq)?;
    Ok(n)
}

/// The facture PDF of a paid order, from `conn` (shop identity, the devis lines).
pub fn render(conn: &Connection, o: &super::Order) -> Result<Vec<u8>, OrderError> {
    let number = o
        .invoice_number
        .clone()
        .ok_or_else(|| OrderError::Refused {
            number: o.number.clone(),
            from: super::label(o.status),
            to: "facturée",
        })?;
    let shop = shops::get(conn, o.shop_id)?;
    let d = super::devis_of(conn, o)?;
    let paid_on = french_date(o.paid_at.as_deref().unwrap_or(&o.updated_at));
    let mut paid = format!("Payée le {paid_on}");
    if let Some(by) = o.paid_by {
        paid.push_str(&format!(" par {}", channel_label(by)));
    }
    if let Some(r) = &o.paid_ref {
        paid.push_str(&format!(", réf {r}"));
    }
    let paper = Paper {
        heading: "FACTURE",
        label: "Facture",
        number: number.clone(),
        date: paid_on,
        under_date: format!("Devis : {}", d.number),
        footer: format!("Facture {number} · devis {}", d.number),
        closing: Closing::Paid(paid),
    };
    let look = crate::branding::look(conn, o.shop_id)?;
    Ok(pdf::render_paper(&shop, &look, &d, &paper)?)
}

/// The facture PDF of a shop's order: the stored one, or rendered now on a reader (the
/// writer is held only to record where it is stored). BLOCKING.
pub fn pdf_bytes(
    db: &Db,
    files: &FileStore,
    shop: ShopId,
    id: OrderId,
) -> Result<(String, Vec<u8>), OrderError> {
    let o = db.read_blocking(|c| rows::get(c, shop, id))?;
    if let Some(path) = &o.invoice_pdf {
        match files.get(path) {
            Ok(bytes) => return Ok((o.invoice_number.unwrap_or_default(), bytes)),
            Err(FileError::NotFound(_)) => {}
            Err(e) => return Err(QuoteError::from(e).into()),
        }
    }
    let bytes = db.read_blocking(|c| Ok(render(c, &o)))??;
    let number = o.invoice_number.clone().unwrap_or_default();
    let name = format!("factures/{}/{number}.pdf", shop.0);
    files.put(&name, &bytes).map_err(QuoteError::from)?;
    db.write_blocking(|c| rows::set_invoice_pdf(c, shop, id, &name))?;
    Ok((number, bytes))
}

/// The invoice document for the order's conversation, in its language: the stored
/// facture (made by [`pdf_bytes`] beforehand, so the writer never renders), or `None`
/// when the order has no conversation or no stored facture yet.
pub fn chat_document(
    tx: &Connection,
    shop: ShopId,
    id: OrderId,
) -> Result<Option<(crate::db::ConversationId, crate::message::OutgoingMessage)>, DbError> {
    let o = rows::get(tx, shop, id)?;
    let (Some(conv), Some(stored), Some(number)) = (
        o.conversation_id,
        o.invoice_pdf.clone(),
        o.invoice_number.clone(),
    ) else {
        return Ok(None);
    };
    let malagasy = crate::db::conversations::get(tx, shop, conv)?
        .language
        .as_deref()
        == Some("mg");
    let caption = if malagasy {
        format!("Ity ny faktioran'ny kaomandy {} : {number}.", o.number)
    } else {
        format!("Voici la facture {number} de votre commande {}.", o.number)
    };
    Ok(Some((
        conv,
        crate::message::OutgoingMessage::Document {
            stored,
            filename: format!("{number}.pdf"),
            caption: Some(caption),
        },
    )))
}

/// Sends the facture of a paid order in its chat (the admin's "Envoyer la facture"):
/// rendered and stored off the writer, then queued. BLOCKING.
pub fn send_in_chat(
    db: &Db,
    files: &FileStore,
    shop: ShopId,
    id: OrderId,
) -> Result<String, OrderError> {
    let (number, _) = pdf_bytes(db, files, shop, id)?;
    let queued = db.write_blocking(|c| {
        let tx = c.transaction()?;
        let Some((conv, msg)) = chat_document(&tx, shop, id)? else {
            return Ok(false);
        };
        crate::db::outbox::enqueue(&tx, shop, conv, &msg, "system")?;
        tx.commit()?;
        Ok(true)
    })?;
    if !queued {
        let o = db.read_blocking(|c| rows::get(c, shop, id))?;
        return Err(OrderError::Refused {
            number: o.number,
            from: "sans conversation WhatsApp",
            to: "facture envoyée",
        });
    }
    Ok(number)
}

#[cfg(test)]
mod tests {
    #[test]
    fn invoice_numbers_are_padded_to_four_digits_and_then_grow() {
        assert_eq!(super::format_number(2026, 7), "FAC-2026-0007");
        assert_eq!(super::format_number(2026, 12_345), "FAC-2026-12345");
    }
}
