//! The flow for one message: context, language, intent, retrieval, reply or
//! hand-over, then what to remember. Grounded answers never go through the model.

use super::entities::{self, Segment};
use super::language::{self, Lang};
use super::reply::{self, ShopFacts};
use super::retrieval::{self, Hit, Product};
use super::{guard, intent, store, Assistant, AssistantError, Decision, QuoteLine};
use crate::db::{shops, ConversationId, Db, ShopId};
use crate::whatsapp::outgoing::Button;
use crate::whatsapp::OutgoingMessage;
use chrono::{DateTime, Utc};
use std::time::Instant;

pub(super) struct Outcome {
    pub decision: Decision,
    pub messages: Vec<OutgoingMessage>,
}

/// What a branch produced before the common wrapping.
#[derive(Default)]
struct Answer {
    text: String,
    skus: Vec<String>,
    words: Vec<String>,
    lines: Vec<QuoteLine>,
    buttons: bool,
    escalate: Option<&'static str>,
    /// Answered from data (resets the unsure count).
    grounded: bool,
    /// `Some(None)` clears the pending quote.
    pending: Option<Option<Vec<QuoteLine>>>,
}

pub(super) fn run(
    a: &Assistant,
    db: &Db,
    shop: ShopId,
    conv: Option<ConversationId>,
    text: &str,
    reply_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Outcome, AssistantError> {
    let started = Instant::now();
    let (facts, state) = db.read_blocking(|c| {
        let s = shops::get(c, shop)?;
        let facts = ShopFacts {
            name: s.company_name,
            timezone: s.timezone,
            settings: store::settings(c, shop)?,
        };
        let state = match conv {
            Some(id) => store::load(c, shop, id, text, 6)?,
            None => store::ConvState::default(),
        };
        Ok((facts, state))
    })?;
    let mut why = Vec::new();
    let first = state.recent.is_empty();
    let det = language::detect(text, state.language.as_deref().and_then(Lang::from_code));
    let lang = det.reply;
    why.push(format!("language {} (fr {:.1}, mg {:.1})", det.label(), det.fr, det.mg));

    let cls = intent::classify(text);
    let mut label = cls.label;
    why.push(format!("intent {label} (margin {:.1}) rules {:?}", cls.margin, cls.fired));
    let segments = entities::segments(text);
    let mut words: Vec<String> = segments.iter().flat_map(|s| s.words.clone()).collect();
    words.dedup();
    let size = segments.iter().find_map(Segment::size);
    let products = a.source.products(db, shop, &words.join(" "))?;

    // A follow-up ("et en 5 litres ?", "ary ny 1 kilao?") reuses the previous product words.
    let direct = retrieval::rank(&products, &words, size, false);
    let is_product_q = matches!(label, "price" | "availability");
    let short = crate::assistant::text::tokens(text).len() <= 8;
    if !state.last_words.is_empty()
        && short
        && !direct.iter().any(Hit::is_match)
        && (is_product_q || cls.fired.is_empty())
        && (size.is_some() || segments.iter().any(|s| !s.quantities.is_empty()) || words.len() <= 2)
    {
        let mut merged: Vec<String> = state.last_words.split(' ').map(str::to_string).collect();
        merged.extend(words.iter().cloned());
        words = merged;
        if !is_product_q {
            label = match state.last_intent.as_deref() {
                Some("availability") => "availability",
                _ => "price",
            };
        }
        why.push(format!("follow-up on: {}", state.last_words));
    }
    let mut unsure = cls.unsure;
    if unsure {
        if let Some(m) = a.model() {
            let prompt = intent::prompt(text);
            if let Ok(out) = m.complete(&prompt, Some(&intent::grammar()), 6, &["\n"]) {
                if let Some(l) = intent::LABELS.iter().find(|l| **l == out.trim()) {
                    why.push(format!("model says {l}"));
                    label = l;
                    unsure = *l == "other";
                }
            }
        }
    }

    let closed = facts
        .hours()
        .map(|h| !h.is_open(&facts.timezone, now))
        .unwrap_or(false);
    let confirm = reply_id == Some("devis:confirm");
    let edit = reply_id == Some("devis:edit");
    let mut ans = if confirm {
        confirm_quote(db, shop, conv, lang, state.pending_quote.as_deref())?
    } else if edit {
        label = "quote";
        Answer {
            text: reply::quote_edit(lang),
            grounded: true,
            ..Default::default()
        }
    } else {
        match label {
            "greeting" => grounded(reply::greeting(lang, &facts)),
            "thanks" => grounded(reply::thanks(lang)),
            "human" => handover(lang, false, "le client demande une personne"),
            "complaint" => handover(lang, true, "réclamation du client"),
            "price" | "availability" => product_answer(lang, label, &products, &words, size),
            "catalog_search" => catalogue_answer(lang, &products, &words),
            "quote" | "order" => {
                let ans = quote_answer(lang, &products, &segments);
                if ans.lines.is_empty() && label == "order" && state.pending_quote.is_some() {
                    confirm_quote(db, shop, conv, lang, state.pending_quote.as_deref())?
                } else {
                    ans
                }
            }
            "delivery" | "hours" | "payment" | "faq" => {
                facts_answer(a, db, shop, lang, label, text, &facts, now)?
            }
            _ if cls.fired.iter().any(|f| f.starts_with("other:")) => grounded(reply::decline(lang)),
            _ => small_talk(a, lang, text, &facts, &products),
        }
    };
    if ans.words.is_empty() && !ans.skus.is_empty() {
        ans.words = words.clone();
    }

    // Unsure twice in a row, or nothing but the model could answer: a person takes over.
    let unsure_count = if ans.grounded || !unsure { 0 } else { state.unsure_count + 1 };
    if ans.escalate.is_none() && !ans.grounded && (unsure_count >= 2 || a.model().is_none()) {
        let reason = if unsure_count >= 2 { "le bot n'a pas compris deux fois" } else { "question hors catalogue, pas de modèle" };
        ans = Answer { words: ans.words, ..handover(lang, false, reason) };
    }
    let escalated = ans.escalate.is_some();
    let mut body = ans.text.clone();
    if first && label != "greeting" && !confirm {
        body = format!("{}\n{body}", reply::hello(lang, &facts));
    }
    if closed && (first || escalated) {
        body = format!("{body}\n\n{}", reply::out_of_hours(lang, &facts));
    }
    if let Some(id) = conv {
        db.write_blocking(|c| {
            let last_words = if ans.words.is_empty() { state.last_words.clone() } else { ans.words.join(" ") };
            let last_intent = if ans.skus.is_empty() { state.last_intent.as_deref().unwrap_or(label) } else { label };
            let pending = ans.pending.as_ref().map(|p| p.as_deref());
            store::save(c, shop, id, &store::Update {
                language: lang.code(),
                unsure_count,
                last_intent,
                last_words: &last_words,
                last_skus: &ans.skus,
                pending_quote: pending,
            })?;
            if let Some(reason) = ans.escalate {
                store::hand_over(c, shop, id, reason)?;
            }
            Ok(())
        })?;
    }
    let message = if ans.buttons {
        OutgoingMessage::Buttons {
            body: body.clone(),
            buttons: vec![
                Button { id: "devis:confirm".into(), title: "Valider le devis".into() },
                Button { id: "devis:edit".into(), title: "Modifier".into() },
            ],
        }
    } else {
        OutgoingMessage::text(body.clone())
    };
    why.push(format!("skus {:?}", ans.skus));
    Ok(Outcome {
        decision: Decision {
            reply: body,
            language: lang.code().into(),
            intent: label.into(),
            skus: ans.skus,
            escalated,
            quote_lines: ans.lines,
            latency_ms: started.elapsed().as_millis() as u64,
            why,
        },
        messages: vec![message],
    })
}

fn grounded(text: String) -> Answer {
    Answer { text, grounded: true, ..Default::default() }
}

fn handover(lang: Lang, complaint: bool, reason: &'static str) -> Answer {
    Answer {
        text: reply::handover(lang, complaint),
        escalate: Some(reason),
        grounded: true,
        ..Default::default()
    }
}

/// The hits that are the product asked for, best first, close in score to the best.
fn matches(hits: &[Hit]) -> Vec<&Hit> {
    let m: Vec<&Hit> = hits.iter().filter(|h| h.is_match()).collect();
    let Some(top) = m.first().map(|h| h.score) else { return m };
    m.into_iter().filter(|h| h.score >= 0.6 * top).take(3).collect()
}

fn product_answer(lang: Lang, label: &str, products: &[Product], words: &[String], size: Option<(f64, entities::Unit)>) -> Answer {
    if words.is_empty() {
        return Answer { text: reply::ask_product(lang), grounded: true, ..Default::default() };
    }
    let hits = retrieval::rank(products, words, size, false);
    let found = matches(&hits);
    if found.is_empty() {
        let near: Vec<&Hit> = hits.iter().take(3).collect();
        return Answer { text: reply::not_sold(lang, &words.join(" "), &near), grounded: true, ..Default::default() };
    }
    Answer {
        text: reply::products(lang, label == "availability", &found),
        skus: found.iter().map(|h| h.product.sku.clone()).collect(),
        words: words.to_vec(),
        grounded: true,
        ..Default::default()
    }
}

fn catalogue_answer(lang: Lang, products: &[Product], words: &[String]) -> Answer {
    let hits = retrieval::rank(products, words, None, true);
    let top: Vec<&Hit> = hits.iter().take(5).collect();
    if top.is_empty() {
        return Answer { text: reply::ask_product(lang), grounded: true, ..Default::default() };
    }
    Answer {
        text: reply::catalogue(lang, &top),
        skus: top.iter().map(|h| h.product.sku.clone()).collect(),
        grounded: true,
        ..Default::default()
    }
}

fn quote_answer(lang: Lang, products: &[Product], segments: &[Segment]) -> Answer {
    let mut lines: Vec<(i64, &Product)> = Vec::new();
    let mut missing = Vec::new();
    for seg in segments.iter().filter(|s| !s.words.is_empty()) {
        let hits = retrieval::rank(products, &seg.words, seg.size(), false);
        match hits.first().filter(|h| h.is_match()) {
            Some(best) => {
                let qty = retrieval::line_qty(seg, best);
                let p = products.iter().find(|p| p.sku == best.product.sku).expect("ranked from products");
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
        return Answer { text: reply::quote_empty(lang), grounded: true, ..Default::default() };
    }
    let ql: Vec<QuoteLine> = lines.iter().map(|(q, p)| QuoteLine { sku: p.sku.clone(), qty: *q }).collect();
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
fn confirm_quote(db: &Db, shop: ShopId, conv: Option<ConversationId>, lang: Lang, pending: Option<&[QuoteLine]>) -> Result<Answer, AssistantError> {
    let Some(lines) = pending.filter(|p| !p.is_empty()) else {
        return Ok(Answer { text: reply::quote_empty(lang), grounded: true, ..Default::default() });
    };
    // TODO(quotes): call `quotes::create(conn, shop, &NewDevis{..})` and send the PDF with
    // `quotes::send_in_chat` once feat/quotes lands; until then the owner is notified.
    if let Some(id) = conv {
        let body = lines.iter().map(|l| format!("{} × {}", l.qty, l.sku)).collect::<Vec<_>>().join(", ");
        db.write_blocking(|c| {
            c.execute(
                "INSERT INTO notifications (shop_id, kind, body) VALUES (?1, 'devis_request', ?2)",
                rusqlite::params![shop, format!("Conversation #{id} : devis validé par le client : {body}")],
            )?;
            Ok(())
        })?;
    }
    let text = match lang {
        Lang::Fr => "Merci ! Votre devis est validé et transmis à l'équipe ; vous le recevrez ici en PDF.".to_string(),
        Lang::Mg => "Misaotra! Voaray ny devis ary nampitaina tamin'ny ekipa; horaisinao eto amin'ny PDF izy.".to_string(),
    };
    Ok(Answer {
        text,
        lines: lines.to_vec(),
        skus: lines.iter().map(|l| l.sku.clone()).collect(),
        grounded: true,
        pending: Some(None),
        ..Default::default()
    })
}

#[allow(clippy::too_many_arguments)]
fn facts_answer(a: &Assistant, db: &Db, shop: ShopId, lang: Lang, label: &str, text: &str, facts: &ShopFacts, now: DateTime<Utc>) -> Result<Answer, AssistantError> {
    let templated = match label {
        "hours" => reply::hours_answer(lang, facts, facts.hours().map(|h| h.is_open(&facts.timezone, now))),
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
        return Ok(handover(lang, false, "question sans réponse dans la FAQ"))
            .map(|mut h| { h.text = reply::no_info(lang); h });
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
fn small_talk(a: &Assistant, lang: Lang, text: &str, facts: &ShopFacts, products: &[Product]) -> Answer {
    let fallback = reply::out_of_scope(lang, facts);
    let Some(m) = a.model() else {
        return Answer { text: fallback, ..Default::default() };
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
        Ok(out) if guard::check(&out, text, &catalogue_words).is_ok() && lang == Lang::Fr => out.trim().to_string(),
        _ => fallback,
    };
    Answer { text, grounded: false, ..Default::default() }
}
