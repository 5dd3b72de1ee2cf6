//! The answer of each intent: products and prices, catalogue search, quote lines,
//! shop facts (FAQ, hours, payment), small talk behind the guard, hand-over.

use super::entities::{self, Segment};
use super::language::Lang;
use super::reply::{self, ShopFacts};
use super::retrieval::{self, Hit, Product};
use super::{guard, Assistant, AssistantError, Effect, QuoteLine};
use crate::db::devis::Devis;
use crate::db::{Reader, ShopId};
use crate::kinds::Intent;
use chrono::{DateTime, Utc};

/// What a branch produced before the common wrapping.
#[derive(Default)]
pub(super) struct Answer {
    /// Changes this answer needs (a devis issued or accepted).
    pub(super) effects: Vec<Effect>,
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
    label: Intent,
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
        text: reply::products(lang, label == Intent::Availability, &found),
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

/// The customer pressed "Valider le devis" (or wrote that they accept it). In a
/// conversation the devis is issued by the job applying the decision, which then names
/// its number in the reply; a dry run only says the quote is passed on.
pub(super) fn confirm_quote(
    lang: Lang,
    in_conversation: bool,
    pending: Option<&[QuoteLine]>,
) -> Answer {
    let Some(lines) = pending.filter(|p| !p.is_empty()) else {
        return Answer {
            text: reply::quote_empty(lang),
            grounded: true,
            ..Default::default()
        };
    };
    let effects = if in_conversation {
        vec![Effect::IssueDevis {
            lines: lines.to_vec(),
        }]
    } else {
        Vec::new()
    };
    Answer {
        text: reply::devis_passed_on(lang),
        effects,
        lines: lines.to_vec(),
        skus: lines.iter().map(|l| l.sku.clone()).collect(),
        grounded: true,
        pending: Some(None),
        ..Default::default()
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn facts_answer(
    a: &Assistant,
    db: &Reader,
    shop: ShopId,
    lang: Lang,
    label: Intent,
    text: &str,
    facts: &ShopFacts,
    now: DateTime<Utc>,
) -> Result<Answer, AssistantError> {
    let templated = match label {
        Intent::Hours => reply::hours_answer(
            lang,
            facts,
            facts.hours().map(|h| h.is_open(&facts.timezone, now)),
        ),
        Intent::Payment => reply::payment_answer(lang, facts),
        _ => None,
    };
    if let Some(t) = templated {
        return Ok(grounded(t));
    }
    let concepts: &[&str] = match label {
        Intent::Delivery => &["livraison", "livrez", "livrer", "envoyez"],
        Intent::Hours => &["horaires", "ouverts", "ouverture", "heure"],
        Intent::Payment => &["payer", "paiement", "mvola"],
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
        .filter(|(s, _)| *s >= top * if label == Intent::Delivery { 0.75 } else { 1.0 })
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

/// A customer's "OK / Eny / je valide" (or the accept button) on the devis `sent` in
/// this conversation: the job accepts it and it becomes an order for the owner.
pub(super) fn accept_sent_devis(lang: Lang, sent: &Devis) -> Answer {
    let total = crate::money::format_amount(sent.total_ttc, &sent.currency);
    let text = match lang {
        Lang::Fr => format!(
            "Merci ! Le devis {n} ({total}) est validé : nous préparons votre commande. Indiquez {n} en référence de votre paiement.",
            n = sent.number
        ),
        Lang::Mg => format!(
            "Misaotra! Voaray ny devis {n} ({total}): manomana ny kaomandinao izahay. Soraty hoe {n} ny référence amin'ny fandoavanao vola.",
            n = sent.number
        ),
    };
    Answer {
        text,
        effects: vec![Effect::AcceptDevis { devis: sent.id }],
        grounded: true,
        ..Default::default()
    }
}
