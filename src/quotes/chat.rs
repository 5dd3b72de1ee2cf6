//! The devis in the conversation: sending it as a WhatsApp document, recognising the
//! customer's acceptance ("ok", "eny", "je valide", the button `devis:accept`), and
//! turning an accepted devis into an order for the owner.

use super::{Devis, QuoteError};
use crate::crm::{notify, prospects};
use crate::crypto::FileStore;
use crate::db::{conversations, devis, shops, Connection, ConversationId, DevisId, ShopId};
use crate::kinds::DevisStatus;
use crate::message::OutgoingMessage;
use crate::money::format_amount;

/// The reply-button id that accepts the devis last sent in the conversation.
pub const ACCEPT_BUTTON: &str = "devis:accept";

/// Makes the WhatsApp document for `d` (rendering and storing the PDF if it is not
/// stored yet: the chat issues its devis with the PDF made beforehand, so the writer
/// never waits on rendering there), links the devis to the conversation, marks it
/// sent and moves the prospect to devis_envoye. The caption is in the conversation's
/// language (fr, or mg). The caller queues the returned message (the job worker does).
pub fn send_in_chat(
    conn: &Connection,
    files: &FileStore,
    shop: ShopId,
    conversation: ConversationId,
    d: &Devis,
) -> Result<OutgoingMessage, QuoteError> {
    if d.shop_id != shop {
        return Err(QuoteError::Db(crate::db::DbError::NotFound));
    }
    let stored = match &d.pdf_path {
        Some(p) if files.exists(p) => p.clone(),
        _ => super::store_pdf(conn, files, d)?,
    };
    devis::set_conversation(conn, shop, d.id, conversation)?;
    if d.status == DevisStatus::Draft {
        devis::set_status(conn, shop, d.id, DevisStatus::Sent)?;
    }
    let (language, phone) = match conversations::get(conn, shop, conversation) {
        Ok(c) => (c.language, c.customer_phone),
        Err(crate::db::DbError::NotFound) => (None, None),
        Err(e) => return Err(e.into()),
    };
    if let Some(phone) = phone.or_else(|| d.customer_phone.clone()) {
        prospects::advance(conn, shop, &phone, prospects::Stage::DevisEnvoye)?;
    }
    Ok(OutgoingMessage::Document {
        stored,
        filename: format!("{}.pdf", d.number),
        caption: Some(caption(d, language.as_deref() == Some("mg"))),
    })
}

/// The short message that goes with the PDF.
pub fn caption(d: &Devis, malagasy: bool) -> String {
    let total = format_amount(d.total_ttc, &d.currency);
    let until = french_date(&d.valid_until);
    if malagasy {
        format!(
            "Ity ny devis-nao {} : {total} TTC, manan-kery hatramin'ny {until}. Valio « Eny » raha manaiky ianao.",
            d.number
        )
    } else {
        format!(
            "Voici votre devis {} : {total} TTC, valable jusqu'au {until}. Répondez « OK » pour le valider.",
            d.number
        )
    }
}

/// `2026-12-10` → `10/12/2026`.
pub fn french_date(ymd: &str) -> String {
    let p: Vec<&str> = ymd.get(..10).unwrap_or(ymd).split('-').collect();
    match p.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => ymd.to_string(),
    }
}

/// The devis awaiting the customer's answer in a conversation (newest sent one).
pub fn pending_in_conversation(
    conn: &Connection,
    shop: ShopId,
    conversation: ConversationId,
) -> Result<Option<Devis>, QuoteError> {
    Ok(devis::latest_for_conversation(
        conn,
        shop,
        conversation,
        &[DevisStatus::Sent],
    )?)
}

/// Accepts a devis in its own transaction (see [`accept_in`]).
pub fn accept(conn: &mut Connection, shop: ShopId, devis_id: DevisId) -> Result<Devis, QuoteError> {
    let tx = conn.transaction_with_behavior(crate::db::TransactionBehavior::Immediate)?;
    let d = accept_in(&tx, shop, devis_id)?;
    tx.commit()?;
    Ok(d)
}

/// Accepts a devis inside the caller's transaction: status accepted, prospect gagne,
/// and a notification to the owner (it is now an order to fulfil). Accepting twice
/// is harmless and notifies once.
pub fn accept_in(tx: &Connection, shop: ShopId, devis_id: DevisId) -> Result<Devis, QuoteError> {
    let d = devis::get(tx, shop, devis_id)?;
    let shop_row = shops::get(tx, shop)?;
    match super::effective_status(&d, &super::today_for(&shop_row)) {
        DevisStatus::Accepted => return Ok(d),
        DevisStatus::Expired => return Err(QuoteError::Expired(d.number)),
        DevisStatus::Refused => {
            return Err(QuoteError::Closed {
                number: d.number,
                status: "refusé".into(),
            })
        }
        _ => {}
    }
    devis::set_status(tx, shop, d.id, DevisStatus::Accepted)?;
    if let Some(phone) = &d.customer_phone {
        prospects::advance(tx, shop, phone, prospects::Stage::Gagne)?;
    }
    let who = match (&d.customer_name, &d.customer_phone) {
        (Some(n), Some(p)) => format!("{n} ({p})"),
        (Some(n), None) => n.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => "Un client".into(),
    };
    let items = d
        .lines
        .iter()
        .map(|l| format!("{} × {}", l.qty, l.designation))
        .collect::<Vec<_>>()
        .join(", ");
    let body = format!(
        "{who} a accepté le devis {} ({} TTC) : {items}. Commande à préparer.",
        d.number,
        format_amount(d.total_ttc, &d.currency)
    );
    notify::notify(tx, shop, notify::DEVIS_ACCEPTED, &body)?;
    Ok(devis::get(tx, shop, devis_id)?)
}

/// The customer declined: status refused (the prospect stays where it is).
pub fn refuse(conn: &Connection, shop: ShopId, devis_id: DevisId) -> Result<(), QuoteError> {
    let d = devis::get(conn, shop, devis_id)?;
    if d.status == DevisStatus::Accepted {
        return Err(QuoteError::Closed {
            number: d.number,
            status: "accepté".into(),
        });
    }
    Ok(devis::set_status(
        conn,
        shop,
        devis_id,
        DevisStatus::Refused,
    )?)
}

/// True when a customer's message accepts the devis they were sent: the button
/// `devis:accept`, or a short message of agreement in French or Malagasy ("ok",
/// "oui je valide", "eny", "ekeko", "mety tsara") without a negation.
pub fn is_acceptance(text: Option<&str>, reply_id: Option<&str>) -> bool {
    if reply_id == Some(ACCEPT_BUTTON) {
        return true;
    }
    let Some(text) = text else { return false };
    let norm = normalize(text);
    let words: Vec<&str> = norm.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    const NEGATIONS: &[&str] = &[
        "pas", "non", "tsy", "aza", "annule", "annuler", "refuse", "sanatria", "ne",
    ];
    if words.iter().any(|w| NEGATIONS.contains(w)) {
        return false;
    }
    const WORDS: &[&str] = &[
        "ok", "okay", "oki", "okey", "oui", "ouais", "valide", "valider", "confirme", "accepte",
        "daccord", "dac", "eny", "ekeko", "ekena", "mety", "marina", "tonga", "vita",
    ];
    const PHRASES: &[&str] = &[
        "d accord",
        "c est bon",
        "ca marche",
        "je prends",
        "on valide",
        "je valide",
    ];
    words.iter().any(|w| WORDS.contains(w)) || PHRASES.iter().any(|p| norm.contains(p))
}

/// Lowercase, accents dropped, punctuation as spaces.
fn normalize(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_agreements_in_french_and_malagasy_accept_the_devis() {
        for t in [
            "OK",
            "ok!",
            "Oui je valide",
            "je valide",
            "Eny",
            "eny tompoko",
            "Ekeko",
            "D'accord",
            "c'est bon merci",
            "Validé 👍",
            "mety tsara",
        ] {
            assert!(is_acceptance(Some(t), None), "{t}");
        }
        assert!(is_acceptance(None, Some("devis:accept")));
    }

    #[test]
    fn refusals_questions_and_long_messages_do_not_accept() {
        for t in [
            "non merci",
            "pas ok",
            "tsy mety",
            "aza atao",
            "combien le riz ?",
            "bonjour",
            "ok mais est-ce que vous livrez à Ivato demain matin svp ?",
        ] {
            assert!(!is_acceptance(Some(t), None), "{t}");
        }
        assert!(!is_acceptance(None, Some("devis:edit")));
    }

    #[test]
    fn dates_print_day_first() {
        assert_eq!(french_date("2026-12-10"), "10/12/2026");
    }
}
