//! The answer of each intent: products and prices, catalogue search, quote lines,
//! shop facts (FAQ, hours, payment), small talk behind the guard, hand-over.

use super::entities::{self, Segment};
use super::language::Lang;
use super::reply::{self, ShopFacts};
use super::retrieval::{self, Hit, Product};
use super::{guard, Assistant, AssistantError, QuoteLine};
use crate::crypto::FileStore;
use crate::db::{ConversationId, Db, DbError, ShopId};
use crate::whatsapp::OutgoingMessage;
use chrono::{DateTime, Utc};

/// What a branch produced before the common wrapping.
#[derive(Default)]
pub(super) struct Answer {
    /// Messages sent after the text (the devis PDF).
    pub(super) extra: Vec<OutgoingMessage>,
    pub(super) text: String,
    pub(super) skus: Vec<String>,
    pub(super) words: Vec<String>,
    pub(super) lines: Vec<QuoteLine>,
    pub(super) buttons: bool,
    pub(super) escalate: Option<&'static str>,
    /// Answered from data (resets the unsure count).
    pub(super) grounded: bool,
    /// `Some(None)` clears the pending quote.
    pub(super) pending: Option<Option<Vec<QuoteLine>>>,
}

pub(super) fn grounded(text: String) -> Answer {
    Answer {
        text,
        grounded: true,
        ..Default::default()
    }
}

pub(super) fn handover(lang: Lang, complaint: bool, reason: &'static str) -> Answer {
    Answer {
        text: reply::handover(lang, complaint),
        escalate: Some(reason),
        grounded: true,
        ..Default::default()
    }
}

/// The hits that are the product asked for, best first, close in score to the best.
pub(super) fn matches(hits: &[Hit]) -> Vec<&Hit> {
    let mut m: Vec<&Hit> = hits.iter().filter(|h| h.is_match()).collect();
    // Products of the kind asked (title head) beat ones only mentioning it
    // ("Sardines à l'huile" for "huile"), and the size written beats other sizes.
    if m.iter().any(|h| h.head) {
        m.retain(|h| h.head);
    }
    if m.iter().any(|h| h.size_match) {
        m.retain(|h| h.size_match);
    }
    let Some(top) = m.first().map(|h| h.score) else {
        return m;
    };
    m.into_iter()
        .filter(|h| h.score >= 0.6 * top)
        .take(3)
        .collect()
}

pub(super) fn product_answer(
    lang: Lang,
    label: &str,
    products: &[Product],
    words: &[String],
    size: Option<(f64, entities::Unit)>,
) -> Answer {
    if words.is_empty() {
        return Answer {
            text: reply::ask_product(lang),
            grounded: true,
            ..Default::default()
        };
    }
    let hits = retrieval::rank(products, words, size, false);
    let found = matches(&hits);
    if found.is_empty() {
        let near: Vec<&Hit> = hits.iter().take(3).collect();
        return Answer {
            text: reply::not_sold(lang, &words.join(" "), &near),
            grounded: true,
            ..Default::default()
        };
    }
    Answer {
        text: reply::products(lang, label == "availability", &found),
        skus: found.iter().map(|h| h.product.sku.clone()).collect(),
        words: words.to_vec(),
        grounded: true,
        ..Default::default()
    }
}

pub(super) fn catalogue_answer(lang: Lang, products: &[Product], words: &[String]) -> Answer {
    let hits = retrieval::rank(products, words, None, true);
    let top: Vec<&Hit> = hits.iter().take(5).collect();
    if top.is_empty() {
        return Answer {
            text: reply::ask_product(lang),
            grounded: true,
            ..Default::default()
        };
    }
    Answer {
        text: reply::catalogue(lang, &top),
        skus: top.iter().map(|h| h.product.sku.clone()).collect(),
        grounded: true,
        ..Default::default()
    }
}

pub(super) fn quote_answer(lang: Lang, products: &[Product], segments: &[Segment]) -> Answer {
    let mut lines: Vec<(i64, &Product)> = Vec::new();
    let mut missing = Vec::new();
    for seg in segments.iter().filter(|s| !s.words.is_empty()) {
        let hits = retrieval::rank(products, &seg.words, seg.size(), false);
        match hits.first().filter(|h| h.is_match()) {
            Some(best) => {
                let qty = retrieval::line_qty(seg, best);
                let p = products
                    .iter()
                    .find(|p| p.sku == best.product.sku)
                    .expect("ranked from products");
                match lines.iter_mut().find(|(_, q)| q.sku == p.sku) {
                    Some(line) => line.0 += qty,
                    None => lines.push((qty, p)),
                }
            }
            // Words with a number but no product: an unknown item worth saying so.
            None if !seg.quantities.is_empty() => missing.push(seg.words.join(" ")),
            None => {}
        }
    }
    if lines.is_empty() {
        return Answer {
            text: reply::quote_empty(lang),
            grounded: true,
            ..Default::default()
        };
    }
    let ql: Vec<QuoteLine> = lines
        .iter()
        .map(|(q, p)| QuoteLine {
            sku: p.sku.clone(),
            qty: *q,
        })
        .collect();
    Answer {
        text: reply::quote(lang, &lines, &missing),
        skus: ql.iter().map(|l| l.sku.clone()).collect(),
        lines: ql.clone(),
        buttons: true,
        grounded: true,
        pending: Some(Some(ql)),
        ..Default::default()
    }
}

/// The customer pressed "Valider le devis" (or wrote that they accept it).
pub(super) fn confirm_quote(
    db: &Db,
    files: Option<&FileStore>,
    shop: ShopId,
    conv: Option<ConversationId>,
    lang: Lang,
    pending: Option<&[QuoteLine]>,
) -> Result<Answer, AssistantError> {
    let Some(lines) = pending.filter(|p| !p.is_empty()) else {
        return Ok(Answer {
            text: reply::quote_empty(lang),
            grounded: true,
            ..Default::default()
        });
    };
    let mut extra = Vec::new();
    let mut number = None;
    match (conv, files) {
        // A real conversation: the devis is created and its PDF sent in the chat.
        (Some(id), Some(files)) => {
            let items: Vec<(String, i64)> = lines.iter().map(|l| (l.sku.clone(), l.qty)).collect();
            let (devis, doc) = db.write_blocking(|c| {
                let phone: Option<String> = c
                    .query_row(
                        "SELECT customer_phone FROM conversations WHERE id = ?1 AND shop_id = ?2",
                        rusqlite::params![id, shop],
                        |r| r.get(0),
                    )
                    .map_err(DbError::not_found_if_none)?;
                let new = crate::quotes::NewDevis {
                    conversation_id: Some(id),
                    customer_name: None,
                    customer_phone: phone,
                    items,
                };
                let d = crate::quotes::create(c, shop, &new)
                    .map_err(|e| DbError::Invalid(e.to_string()))?;
                let doc = crate::quotes::chat::send_in_chat(c, files, shop, id, &d)
                    .map_err(|e| DbError::Invalid(e.to_string()))?;
                Ok((d, doc))
            })?;
            number = Some(devis.number);
            extra.push(doc);
        }
        // No file store (tools): the owner is told to send it.
        (Some(id), None) => {
            let body = lines
                .iter()
                .map(|l| format!("{} × {}", l.qty, l.sku))
                .collect::<Vec<_>>()
                .join(", ");
            db.write_blocking(|c| {
                c.execute(
                    "INSERT INTO notifications (shop_id, kind, body) VALUES (?1, 'devis_request', ?2)",
                    rusqlite::params![
                        shop,
                        format!("Conversation #{id} : devis validé par le client : {body}")
                    ],
                )?;
                Ok(())
            })?;
        }
        (None, _) => {}
    }
    let text = match (lang, number) {
        (Lang::Fr, Some(n)) => format!("Merci ! Voici votre devis {n} en PDF."),
        (Lang::Mg, Some(n)) => format!("Misaotra! Ity ny devis {n} amin'ny PDF."),
        (Lang::Fr, None) => "Merci ! Votre devis est validé et transmis à l'équipe ; vous le recevrez ici en PDF.".to_string(),
        (Lang::Mg, None) => "Misaotra! Voaray ny devis ary nampitaina tamin'ny ekipa; horaisinao eto amin'ny PDF izy.".to_string(),
    };
    Ok(Answer {
        text,
        extra,
        lines: lines.to_vec(),
        skus: lines.iter().map(|l| l.sku.clone()).collect(),
        grounded: true,
        pending: Some(None),
        ..Default::default()
    })
}

#[allow(clippy::too_many_arguments)]
pub(super) fn facts_answer(
    a: &Assistant,
    db: &Db,
    shop: ShopId,
    lang: Lang,
    label: &str,
    text: &str,
    facts: &ShopFacts,
    now: DateTime<Utc>,
) -> Result<Answer, AssistantError> {
    let templated = match label {
        "hours" => reply::hours_answer(
            lang,
            facts,
            facts.hours().map(|h| h.is_open(&facts.timezone, now)),
        ),
        "payment" => reply::payment_answer(lang, facts),
        _ => None,
    };
    if let Some(t) = templated {
        return Ok(grounded(t));
    }
    let concepts: &[&str] = match label {
        "delivery" => &["livraison", "livrez", "livrer", "envoyez"],
        "hours" => &["horaires", "ouverts", "ouverture", "heure"],
        "payment" => &["payer", "paiement", "mvola"],
        _ => &[],
    };
    let faqs = a.source.faqs(db, shop, text)?;
    let ranked = retrieval::faq_rank(&faqs, text, concepts);
    let Some(top) = ranked.first().map(|r| r.0) else {
        return Ok(handover(lang, false, "question sans réponse dans la FAQ")).map(|mut h| {
            h.text = reply::no_info(lang);
            h
        });
    };
    let keep: Vec<&retrieval::Faq> = ranked
        .iter()
        .take(2)
        .filter(|(s, _)| *s >= top * if label == "delivery" { 0.75 } else { 1.0 })
        .map(|(_, f)| f)
        .collect();
    Ok(grounded(reply::faq(lang, &keep)))
}

/// Non-grounded small talk: the model may phrase one short sentence, checked by the
/// guard; otherwise the template (the caller hands over when there is no model).
pub(super) fn small_talk(
    a: &Assistant,
    lang: Lang,
    text: &str,
    facts: &ShopFacts,
    products: &[Product],
) -> Answer {
    let fallback = reply::out_of_scope(lang, facts);
    let Some(m) = a.model() else {
        return Answer {
            text: fallback,
            ..Default::default()
        };
    };
    let prompt = format!(
        "Assistant WhatsApp poli de la boutique {}. Il répond en une phrase courte, sans prix, sans chiffre, sans promesse, et ramène la conversation vers les produits.\nClient: Bonjour, ça va ?\nAssistant: Très bien, merci ! Que puis-je faire pour vous ?\nClient: {}\nAssistant:",
        facts.name,
        text.replace('\n', " ")
    );
    let catalogue_words: Vec<String> = products
        .iter()
        .flat_map(|p| super::text::tokens(&p.title))
        .filter(|w| w.len() > 3)
        .collect();
    let text = match m.complete(&prompt, None, 40, &["\n", "Client:"]) {
        Ok(out) if guard::check(&out, text, &catalogue_words).is_ok() && lang == Lang::Fr => {
            out.trim().to_string()
        }
        _ => fallback,
    };
    Answer {
        text,
        grounded: false,
        ..Default::default()
    }
}

/// A customer's "OK / Eny / je valide" (or the accept button) on a devis already sent in
/// this conversation: the devis is accepted and becomes an order for the owner. `None`
/// when no devis waits for an answer here.
pub(super) fn accept_sent_devis(
    db: &Db,
    shop: ShopId,
    conv: ConversationId,
    lang: Lang,
) -> Result<Option<Answer>, AssistantError> {
    let accepted = db.write_blocking(|c| {
        let pending = crate::quotes::pending_in_conversation(c, shop, conv)
            .map_err(|e| DbError::Invalid(e.to_string()))?;
        match pending {
            Some(d) if d.status == "sent" => crate::quotes::accept(c, shop, d.id)
                .map(Some)
                .map_err(|e| DbError::Invalid(e.to_string())),
            _ => Ok(None),
        }
    })?;
    Ok(accepted.map(|d| {
        let total = crate::money::format_amount(d.total_ttc, &d.currency);
        let text = match lang {
            Lang::Fr => format!(
                "Merci ! Le devis {n} ({total}) est validé : nous préparons votre commande. Indiquez {n} en référence de votre paiement.",
                n = d.number
            ),
            Lang::Mg => format!(
                "Misaotra! Voaray ny devis {n} ({total}): manomana ny kaomandinao izahay. Soraty hoe {n} ny référence amin'ny fandoavanao vola.",
                n = d.number
            ),
        };
        Answer {
            text,
            grounded: true,
            ..Default::default()
        }
    }))
}
