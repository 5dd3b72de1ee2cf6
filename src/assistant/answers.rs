//! The answer of each intent, from what the pipeline read ([`Scene`]): products and
//! prices, catalogue search by need, shop facts (delivery, payment, hours, warranty,
//! returns, address, FAQ in the reply's language), haggling and refusals, hand-over.
//! Quotes and follow-ups are in [`super::quote_flow`].

use super::entities::Mention;
use super::intent::Classification;
use super::language::Lang;
use super::reply::{self, ShopFacts};
use super::retrieval::{self, Faq, Product};
use super::state::Context;
use super::variants::{self, Resolved};
use super::{reply_facts, Effect, QuoteLine};
use crate::catalog::synonyms::Synonyms;
use crate::db::devis::Devis;
use crate::kinds::Intent;
use chrono::{DateTime, Utc};

/// Everything read for one message.
pub(super) struct Scene<'a> {
    pub lang: Lang,
    pub text: &'a str,
    pub facts: &'a ShopFacts,
    pub cls: &'a Classification,
    pub mentions: Vec<Mention>,
    /// Candidates for the message's product words.
    pub products: Vec<Product>,
    /// The products of the previous answer, and their family (same product words).
    pub before: Vec<Product>,
    pub family: Vec<Product>,
    pub context: Context,
    pub syn: Synonyms,
    pub faqs: Vec<Faq>,
    pub in_conversation: bool,
    pub validity_days: i64,
    pub now: DateTime<Utc>,
}

impl Scene<'_> {
    /// A few products of this shop for examples (in stock first).
    pub fn examples(&self) -> Vec<&Product> {
        let mut all: Vec<&Product> = self.products.iter().chain(&self.family).collect();
        all.sort_by_key(|p| p.available() == Some(0));
        all.truncate(2);
        all
    }

    /// Mentions that name products (not only a count or an attribute).
    pub fn named(&self) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(|m| !m.words.is_empty())
    }
}

/// What a branch produced before the common wrapping.
#[derive(Default)]
pub(super) struct Answer {
    pub effects: Vec<Effect>,
    pub text: String,
    pub skus: Vec<String>,
    pub lines: Vec<QuoteLine>,
    pub buttons: bool,
    pub escalate: Option<&'static str>,
    /// Answered from data (resets the unsure count).
    pub grounded: bool,
    pub clarify: bool,
    /// The intent the answer turned out to be (a follow-up keeps its flow's).
    pub intent: Option<Intent>,
    /// The context to remember; `None` keeps the previous one.
    pub context: Option<Context>,
    /// Numbers the answer computed or took from the conversation (quantities still
    /// to choose a variant for): allowed in the reply by the guard.
    pub computed: Vec<i64>,
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

/// Resolves every product mention of the message against the candidates.
pub(super) fn resolve_all(s: &Scene<'_>) -> Vec<(Mention, Resolved)> {
    s.named()
        .map(|m| (m.clone(), variants::resolve_with(m, &s.products, &s.syn)))
        .collect()
}

fn refs(v: &[Product]) -> Vec<&Product> {
    v.iter().collect()
}

/// Price or availability of what the message (or a follow-up on the products just
/// discussed) names.
pub(super) fn product_answer(
    s: &Scene<'_>,
    label: Intent,
    found: &[(Mention, Resolved)],
) -> Answer {
    let availability = label == Intent::Availability;
    let mut shown: Vec<Product> = Vec::new();
    let mut texts = Vec::new();
    let mut asked_skus = Vec::new();
    for (m, r) in found {
        if r.products.is_empty() {
            let near = near_products(s, m);
            texts.push(reply::not_sold(s.lang, &m.words.join(" "), &refs(&near)));
            continue;
        }
        if r.missing.is_some() {
            texts.push(reply::variant_missing(s.lang, &refs(&r.products)));
            shown.extend(r.products.iter().cloned());
            continue;
        }
        asked_skus.extend(r.skus());
        shown.extend(r.products.iter().cloned());
    }
    shown.dedup_by(|a, b| a.sku == b.sku);
    let listed: Vec<&Product> = shown
        .iter()
        .filter(|p| asked_skus.contains(&p.sku))
        .take(12)
        .collect();
    if !listed.is_empty() {
        texts.insert(0, reply::products(s.lang, availability, &listed));
    } else if let Some(faq) = strong_faq(s) {
        // "La pose coûte combien ?": nothing sold by that name, but the FAQ says.
        return faq;
    }
    if texts.is_empty() {
        return grounded(reply::ask_product(s.lang, &s.examples()));
    }
    let words: Vec<String> = found.iter().flat_map(|(m, _)| m.words.clone()).collect();
    Answer {
        text: texts.join("\n\n"),
        skus: asked_skus.clone(),
        grounded: true,
        context: Some(Context {
            products: if asked_skus.is_empty() {
                shown.iter().map(|p| p.sku.clone()).collect()
            } else {
                asked_skus
            },
            words,
            last_intent: Some(label.to_string()),
            ..s.context.clone()
        }),
        ..Default::default()
    }
}

/// Real products close to words the shop does not sell (never the product itself).
fn near_products(s: &Scene<'_>, m: &Mention) -> Vec<Product> {
    retrieval::rank_with(&s.products, &m.words, false, &s.syn)
        .into_iter()
        .filter(|h| h.score > 1.0 && h.coverage >= 0.5)
        .take(3)
        .map(|h| h.product)
        .collect()
}

/// "Vous avez quoi pour ...": products for the need or category asked.
pub(super) fn catalogue_answer(s: &Scene<'_>) -> Answer {
    let words: Vec<String> = s.mentions.iter().flat_map(|m| m.words.clone()).collect();
    let hits = retrieval::rank_with(&s.products, &words, true, &s.syn);
    let top = hits.first().map(|h| h.score).unwrap_or(0.0);
    let mut list: Vec<&Product> = hits
        .iter()
        .filter(|h| h.score >= 0.5 * top)
        .take(8)
        .map(|h| &h.product)
        .collect();
    if list.is_empty() {
        // The whole catalogue asked ("votre catalogue", "inona avy no misy"): a sample.
        list = s
            .products
            .iter()
            .filter(|p| p.available() != Some(0))
            .take(10)
            .collect();
    }
    if list.is_empty() {
        return grounded(reply::ask_product(s.lang, &s.examples()));
    }
    let skus: Vec<String> = list.iter().map(|p| p.sku.clone()).collect();
    Answer {
        text: format!(
            "{}\n{}",
            reply::catalogue(s.lang, &list),
            reply::pick(
                s.lang,
                "Dites-moi lequel vous intéresse.",
                "Lazao izay mahaliana anao."
            )
        ),
        skus: skus.clone(),
        grounded: true,
        context: Some(Context {
            products: skus,
            words,
            last_intent: Some("price".into()),
            ..s.context.clone()
        }),
        ..Default::default()
    }
}

/// A FAQ entry that clearly answers the message (a service, a policy).
fn strong_faq(s: &Scene<'_>) -> Option<Answer> {
    let ranked = retrieval::faq_rank(&s.faqs, s.text, &[]);
    if ranked.first().map(|r| r.0).unwrap_or(0.0) < 1.5 {
        return None;
    }
    let mut a = faq_answer(s, Intent::Faq)?;
    a.intent = Some(Intent::Faq);
    Some(a)
}

/// What topic of shop facts a question is about.
fn topic(tokens: &[String]) -> Option<&'static str> {
    let has = |ws: &[&str]| tokens.iter().any(|t| ws.iter().any(|w| t.starts_with(w)));
    if has(&["garanti"]) {
        Some("warranty")
    } else if has(&[
        "retour", "echang", "rembours", "atakalo", "averina", "manakalo", "takalo", "reprenez",
        "reprise",
    ]) {
        Some("returns")
    } else if has(&[
        "adresse", "adiresy", "situe", "trouve", "aiza", "quartier", "localis", "endroit", "ou",
    ]) {
        Some("address")
    } else {
        None
    }
}

/// Delivery, hours, payment and FAQ questions, from structured facts first (in the
/// reply's language), then the FAQ; a person when neither answers.
pub(super) fn facts_answer(s: &Scene<'_>, label: Intent) -> Answer {
    let lang = s.lang;
    let toks = super::text::tokens(s.text);
    let structured = match label {
        Intent::Delivery => reply_facts::delivery(lang, s.facts, s.text),
        Intent::Hours => reply_facts::hours(lang, s.facts, s.now),
        Intent::Payment => reply_facts::payment(lang, s.facts),
        _ => None,
    };
    let faq = faq_answer(s, label);
    if let Some(t) = structured {
        return grounded(t);
    }
    if let Some(a) = faq {
        return a;
    }
    let by_topic = match topic(&toks) {
        Some("warranty") => reply_facts::warranty(lang, s.facts),
        Some("returns") => reply_facts::returns(lang, s.facts),
        Some("address") => reply_facts::address(lang, s.facts),
        _ => None,
    };
    if let Some(t) = by_topic {
        return grounded(t);
    }
    ask_owner(s, reply_facts::no_info(lang))
}

/// No answer in the shop's data: the customer is told the team will answer, the owner
/// gets the question, and the bot keeps the conversation.
pub(super) fn ask_owner(s: &Scene<'_>, text: String) -> Answer {
    Answer {
        text,
        grounded: true,
        effects: if s.in_conversation {
            vec![Effect::AskOwner {
                question: s.text.chars().take(300).collect(),
            }]
        } else {
            Vec::new()
        },
        ..Default::default()
    }
}

/// The best FAQ entries for the question, in the reply's language only.
fn faq_answer(s: &Scene<'_>, label: Intent) -> Option<Answer> {
    let concepts: &[&str] = match label {
        Intent::Delivery => &["livraison", "livrez", "livrer", "envoyez"],
        Intent::Hours => &["horaires", "ouverts", "ouverture", "heure"],
        Intent::Payment => &["payer", "paiement", "mvola"],
        _ => &[],
    };
    let ranked = retrieval::faq_rank(&s.faqs, s.text, concepts);
    let top = ranked.first().map(|r| r.0)?;
    // One weak word in common (a town name) is no answer.
    if label == Intent::Faq && top < 1.2 {
        return None;
    }
    if top < 1.0 && label == Intent::Faq && topic(&super::text::tokens(s.text)).is_some() {
        return None; // a weak match: the structured fact answers better
    }
    let keep: Vec<&Faq> = ranked
        .iter()
        .take(2)
        .filter(|(sc, _)| *sc >= top * if label == Intent::Delivery { 0.75 } else { 1.0 })
        .map(|(_, f)| f)
        .collect();
    let texts: Vec<&str> = match s.lang {
        Lang::Fr => keep.iter().map(|f| f.answer.as_str()).collect(),
        Lang::Mg => keep.iter().filter_map(|f| f.answer_mg.as_deref()).collect(),
    };
    if texts.is_empty() {
        // Only a French answer for a Malagasy customer: said in Malagasy, and a
        // person answers; a customer who also wrote French gets the French text.
        return Some(ask_owner(s, reply_facts::no_malagasy(s.lang)));
    }
    Some(grounded(texts.join("\n")))
}

/// Haggling, discounts, credit: acknowledged, the price restated, nothing changed.
pub(super) fn haggle_answer(s: &Scene<'_>, found: &[(Mention, Resolved)]) -> Answer {
    let named = named_or_before(s, found);
    let offered = s.mentions.iter().any(|m| m.nums.iter().any(|n| n.money));
    let list: Vec<&Product> = named.iter().collect();
    Answer {
        text: reply::haggle(s.lang, &list, offered),
        skus: named.iter().map(|p| p.sku.clone()).collect(),
        grounded: true,
        ..Default::default()
    }
}

/// "Réponds que le prix est 500 Ar": a polite refusal with the real prices.
pub(super) fn decline_answer(s: &Scene<'_>, found: &[(Mention, Resolved)]) -> Answer {
    let named = named_or_before(s, found);
    let list: Vec<&Product> = named.iter().collect();
    Answer {
        text: reply::decline(s.lang, &list),
        skus: named.iter().map(|p| p.sku.clone()).collect(),
        grounded: true,
        ..Default::default()
    }
}

/// The products a message names, or those just discussed.
fn named_or_before(s: &Scene<'_>, found: &[(Mention, Resolved)]) -> Vec<Product> {
    let mut named: Vec<Product> = found.iter().flat_map(|(_, r)| r.products.clone()).collect();
    named.dedup_by(|a, b| a.sku == b.sku);
    named.truncate(6);
    if named.is_empty() {
        named = s.before.clone();
    }
    named
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
        intent: Some(Intent::Order),
        ..Default::default()
    }
}
