//! The flow for one message: context, language, intent, retrieval, reply or
//! hand-over, then what to remember. Grounded answers never go through the model.

use super::answers::{self, grounded, handover, Answer};
use super::entities::{self, Segment};
use super::language::{self, Lang};
use super::reply::{self, ShopFacts};
use super::retrieval::{self, Hit};
use super::{intent, store, Assistant, AssistantError, Decision};
use crate::db::{shops, ConversationId, Db, ShopId};
use crate::message::Button;
use crate::whatsapp::OutgoingMessage;
use chrono::{DateTime, Utc};
use std::time::Instant;

pub(super) struct Outcome {
    pub decision: Decision,
    pub messages: Vec<OutgoingMessage>,
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
    why.push(format!(
        "language {} (fr {:.1}, mg {:.1})",
        det.label(),
        det.fr,
        det.mg
    ));

    let cls = intent::classify(text);
    let mut label = cls.label;
    why.push(format!(
        "intent {label} (margin {:.1}) rules {:?}",
        cls.margin, cls.fired
    ));
    let segments = entities::segments(text);
    let mut words: Vec<String> = segments.iter().flat_map(|s| s.words.clone()).collect();
    words.dedup();
    let size = segments.iter().find_map(Segment::size);
    let mut products = a.source.products(db, shop, &words.join(" "))?;

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
        products = a.source.products(db, shop, &words.join(" "))?;
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
    let edit = reply_id == Some("devis:edit");
    // "Eny" / "OK" / "je valide": validates proposed quote lines, or accepts a devis
    // already sent in this conversation.
    let agrees = conv.is_some() && !edit && crate::quotes::is_acceptance(Some(text), reply_id);
    let confirm = reply_id == Some("devis:confirm") || (agrees && state.pending_quote.is_some());
    let accepted = match conv {
        Some(id) if agrees && !confirm => answers::accept_sent_devis(db, shop, id, lang)?,
        _ => None,
    };
    let mut ans = if let Some(accepted) = accepted {
        label = "order";
        accepted
    } else if confirm {
        answers::confirm_quote(
            db,
            a.files.as_ref(),
            shop,
            conv,
            lang,
            state.pending_quote.as_deref(),
        )?
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
            "price" | "availability" => {
                answers::product_answer(lang, label, &products, &words, size)
            }
            "catalog_search" => answers::catalogue_answer(lang, &products, &words),
            "quote" | "order" => {
                let ans = answers::quote_answer(lang, &products, &segments);
                if ans.lines.is_empty() && label == "order" && state.pending_quote.is_some() {
                    answers::confirm_quote(
                        db,
                        a.files.as_ref(),
                        shop,
                        conv,
                        lang,
                        state.pending_quote.as_deref(),
                    )?
                } else {
                    ans
                }
            }
            "delivery" | "hours" | "payment" | "faq" => {
                answers::facts_answer(a, db, shop, lang, label, text, &facts, now)?
            }
            _ if cls.rule_breaking() => grounded(reply::decline(lang)),
            _ => answers::small_talk(a, lang, text, &facts, &products),
        }
    };
    if ans.words.is_empty() && !ans.skus.is_empty() {
        ans.words = words.clone();
    }

    // Unsure twice in a row, or nothing but the model could answer: a person takes over.
    let unsure_count = if ans.grounded || !unsure {
        0
    } else {
        state.unsure_count + 1
    };
    if ans.escalate.is_none() && !ans.grounded && (unsure_count >= 2 || a.model().is_none()) {
        let reason = if unsure_count >= 2 {
            "le bot n'a pas compris deux fois"
        } else {
            "question hors catalogue, pas de modèle"
        };
        let text = format!(
            "{} {}",
            reply::out_of_scope(lang, &facts),
            reply::passed_on(lang)
        );
        ans = Answer {
            words: ans.words,
            text,
            ..handover(lang, false, reason)
        };
    }
    let escalated = ans.escalate.is_some();
    let mut body = ans.text.clone();
    if first && !matches!(label, "greeting" | "thanks") && !confirm {
        body = format!("{}\n{body}", reply::hello(lang, &facts));
    }
    if closed && (first || escalated) {
        body = format!("{body}\n\n{}", reply::out_of_hours(lang, &facts));
    }
    if let Some(id) = conv {
        db.write_blocking(|c| {
            let last_words = if ans.words.is_empty() {
                state.last_words.clone()
            } else {
                ans.words.join(" ")
            };
            let last_intent = if ans.skus.is_empty() {
                state.last_intent.as_deref().unwrap_or(label)
            } else {
                label
            };
            let pending = ans.pending.as_ref().map(|p| p.as_deref());
            store::save(
                c,
                shop,
                id,
                &store::Update {
                    language: lang.code(),
                    unsure_count,
                    last_intent,
                    last_words: &last_words,
                    last_skus: &ans.skus,
                    pending_quote: pending,
                },
            )?;
            if let Some(reason) = ans.escalate {
                store::hand_over(c, shop, id, reason)?;
            }
            // The prospect follows the conversation: created on contact, qualified
            // once the customer asks about prices, products or a quote.
            let (phone, name): (Option<String>, Option<String>) = c.query_row(
                "SELECT customer_phone, customer_name FROM conversations WHERE id = ?1 AND shop_id = ?2",
                rusqlite::params![id, shop],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if let Some(phone) = phone.filter(|p| !p.is_empty()) {
                crate::crm::prospects::touch(c, shop, &phone, name.as_deref())?;
                if matches!(label, "price" | "availability" | "catalog_search" | "quote" | "order") {
                    crate::crm::prospects::advance(c, shop, &phone, crate::crm::prospects::Stage::Qualifie)?;
                }
            }
            Ok(())
        })?;
    }
    let message = if ans.buttons {
        OutgoingMessage::Buttons {
            body: body.clone(),
            buttons: vec![
                Button {
                    id: "devis:confirm".into(),
                    title: "Valider le devis".into(),
                },
                Button {
                    id: "devis:edit".into(),
                    title: "Modifier".into(),
                },
            ],
        }
    } else {
        OutgoingMessage::text(body.clone())
    };
    why.push(format!("skus {:?}", ans.skus));
    let extra = std::mem::take(&mut ans.extra);
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
        messages: std::iter::once(message).chain(extra).collect(),
    })
}
