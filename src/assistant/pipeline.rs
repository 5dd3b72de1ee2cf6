//! The flow for one message: context, language, intent, retrieval, reply or
//! hand-over, then what to remember. Grounded answers never go through the model.
//! Everything is read first; every change is an [`Effect`] of the Decision.

use super::answers::{self, grounded, handover, Answer};
use super::entities::{self, Segment};
use super::language::{self, Lang};
use super::reply::{self, ShopFacts};
use super::retrieval::{self, Hit};
use super::state::{self, Memory};
use super::{intent, Assistant, AssistantError, Decision, Effect, Turn};
use crate::db::{shops, Reader};
use crate::kinds::Intent;
use crate::message::{Button, OutgoingMessage};
use std::time::Instant;

pub(super) fn run(a: &Assistant, db: &Reader, turn: &Turn<'_>) -> Result<Decision, AssistantError> {
    let started = Instant::now();
    let (shop, conv, text, reply_id, now) = (
        turn.shop,
        turn.conversation,
        turn.text,
        turn.reply_id,
        turn.now,
    );
    let (facts, state, sent_devis) = db.read_blocking(|c| {
        let s = shops::get(c, shop)?;
        let facts = ShopFacts {
            name: s.company_name,
            timezone: s.timezone,
            settings: shops::all_settings(c, shop)?,
        };
        let (state, sent) = match conv {
            Some(id) => (
                state::load(c, shop, id, text, 6)?,
                crate::quotes::pending_in_conversation(c, shop, id)
                    .map_err(|e| crate::db::DbError::Invalid(e.to_string()))?,
            ),
            None => (state::ConvState::default(), None),
        };
        Ok((facts, state, sent))
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
    let mut label = Intent::parse(cls.label).unwrap_or(Intent::Other);
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
    let is_product_q = label.is_product_question();
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
                Some("availability") => Intent::Availability,
                _ => Intent::Price,
            };
        }
        why.push(format!("follow-up on: {}", state.last_words));
    }
    // A reply to our message on a product (or to its catalogue card) means that product.
    if let Some(sku) = turn.about_sku {
        if !retrieval::rank(&products, &words, size, false)
            .iter()
            .any(Hit::is_match)
        {
            if let Some(p) = db.read_blocking(|c| crate::db::products::get_by_sku(c, shop, sku))? {
                words = crate::assistant::text::tokens(&p.title);
                products = a.source.products(db, shop, &words.join(" "))?;
                why.push(format!("about {sku}, the quoted product"));
            }
        }
    }
    let mut unsure = cls.unsure;
    if unsure {
        if let Some(m) = a.model() {
            let prompt = intent::prompt(text);
            if let Ok(out) = m.complete(&prompt, Some(&intent::grammar()), 6, &["\n"]) {
                if let Some(l) = Intent::parse(out.trim()) {
                    why.push(format!("model says {l}"));
                    label = l;
                    unsure = l == Intent::Other;
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
    let accepted = match &sent_devis {
        Some(d) if agrees && !confirm => Some(answers::accept_sent_devis(lang, d)),
        _ => None,
    };
    let mut ans = if let Some(accepted) = accepted {
        label = Intent::Order;
        accepted
    } else if confirm {
        answers::confirm_quote(lang, conv.is_some(), state.pending_quote.as_deref())
    } else if edit {
        label = Intent::Quote;
        Answer {
            text: reply::quote_edit(lang),
            grounded: true,
            ..Default::default()
        }
    } else {
        match label {
            Intent::Greeting => grounded(reply::greeting(lang, &facts)),
            Intent::Thanks => grounded(reply::thanks(lang)),
            Intent::Human => handover(lang, false, "le client demande une personne"),
            Intent::Complaint => handover(lang, true, "réclamation du client"),
            Intent::Price | Intent::Availability => {
                answers::product_answer(lang, label, &products, &words, size)
            }
            Intent::CatalogSearch => answers::catalogue_answer(lang, &products, &words),
            Intent::Quote | Intent::Order => {
                let ans = answers::quote_answer(lang, &products, &segments);
                if ans.lines.is_empty() && label == Intent::Order && state.pending_quote.is_some() {
                    answers::confirm_quote(lang, conv.is_some(), state.pending_quote.as_deref())
                } else {
                    ans
                }
            }
            Intent::Delivery | Intent::Hours | Intent::Payment | Intent::Faq => {
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
    if first && !matches!(label, Intent::Greeting | Intent::Thanks) && !confirm {
        body = format!("{}\n{body}", reply::hello(lang, &facts));
    }
    if closed && (first || escalated) {
        body = format!("{body}\n\n{}", reply::out_of_hours(lang, &facts));
    }
    let mut effects = std::mem::take(&mut ans.effects);
    if conv.is_some() {
        let last_words = if ans.words.is_empty() {
            state.last_words.clone()
        } else {
            ans.words.join(" ")
        };
        let last_intent = if ans.skus.is_empty() {
            state
                .last_intent
                .clone()
                .unwrap_or_else(|| label.to_string())
        } else {
            label.to_string()
        };
        effects.push(Effect::Remember(Memory {
            language: lang.code().to_string(),
            unsure_count,
            last_intent,
            last_words,
            last_skus: ans.skus.clone(),
            pending_quote: ans.pending.clone(),
        }));
        if let Some(reason) = ans.escalate {
            effects.push(Effect::HandOver {
                reason: reason.to_string(),
            });
        }
        // The prospect follows the conversation: created on contact, qualified
        // once the customer asks about prices, products or a quote.
        effects.push(Effect::FollowProspect {
            qualify: label.qualifies_prospect(),
        });
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
    Ok(Decision {
        reply: body,
        language: lang.code().into(),
        intent: label,
        skus: ans.skus,
        escalated,
        quote_lines: ans.lines,
        latency_ms: started.elapsed().as_millis() as u64,
        why,
        messages: vec![message],
        effects,
    })
}
