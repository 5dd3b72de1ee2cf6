//! The flow for one message: read the shop and the conversation, detect the language,
//! classify, find the products named (in the conversation's context), answer every
//! question the message asks in ONE language, check the reply against the data with
//! the guard, then say what to remember. Everything is read first; every change is an
//! [`Effect`] of the Decision.

use super::answers::{self, grounded, handover, Answer, Scene};
use super::language::{self, Lang};
use super::reply::{self, ShopFacts};
use super::state::{self, Memory};
use super::{entities, guard, intent, quote_flow, reply_facts, reply_quote};
use super::{Assistant, AssistantError, Decision, Effect, Turn};
use crate::db::products::{self, Product};
use crate::db::Reader;
use crate::kinds::Intent;
use crate::message::OutgoingMessage;
use std::time::Instant;

mod steps;
use steps::{catalogue_words, product_or_follow_up, read_skus, small_talk};

pub(super) fn run(a: &Assistant, db: &Reader, turn: &Turn<'_>) -> Result<Decision, AssistantError> {
    let started = Instant::now();
    let (shop, conv, text) = (turn.shop, turn.conversation, turn.text);
    let (facts, state, sent_devis, validity) = db.read_blocking(|c| {
        let facts = ShopFacts::load(c, shop)?;
        let validity = facts
            .get("devis.validity_days")
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|d| (1..=365).contains(d))
            .unwrap_or(crate::quotes::DEFAULT_VALIDITY_DAYS);
        let (state, sent) = match conv {
            Some(id) => (
                state::load(c, shop, id, text, 6)?,
                crate::quotes::pending_in_conversation(c, shop, id)
                    .map_err(|e| crate::db::DbError::Invalid(e.to_string()))?,
            ),
            None => (state::ConvState::default(), None),
        };
        Ok((facts, state, sent, validity))
    })?;
    let mut why = Vec::new();
    let det = language::detect(text, state.language.as_deref().and_then(Lang::from_code));
    let lang = det.reply;
    why.push(format!(
        "language {} (fr {:.1}, mg {:.1})",
        det.label(),
        det.fr,
        det.mg
    ));
    let mut cls = intent::classify(text);
    let extraction = steps::read_unsure(a, text, &mut cls);
    let mut label = cls.label;
    why.push(format!(
        "intent {label} (margin {:.2}) concepts {:?} rules {:?} also {:?}",
        cls.margin, cls.concepts, cls.fired, cls.also
    ));
    let mentions = entities::mentions(text);
    let mut words: Vec<String> = mentions.iter().flat_map(|m| m.words.clone()).collect();
    if let (true, Some(x)) = (words.is_empty(), &extraction) {
        // The products the strong model read, in the customer's own words.
        words.extend(x.items.iter().map(|(w, _)| w.clone()));
    }
    let ctx = state.context.clone();
    let products = a.source.products(db, shop, &words.join(" "))?;
    let mut before = read_skus(db, shop, &ctx.products, &ctx.draft)?;
    // A reply to our message on a product (or to its catalogue card) means that product.
    if let Some(sku) = turn.about_sku {
        if let Some(p) = db.read_blocking(|c| products::get_by_sku(c, shop, sku))? {
            if !before.iter().any(|b| b.sku == p.sku) {
                why.push(format!("about {sku}, the quoted product"));
                before.insert(0, p);
            }
        }
    }
    let mut family_words = ctx.words.clone();
    family_words.extend(
        before
            .iter()
            .map(|p| crate::assistant::retrieval::head_word(&p.title)),
    );
    family_words.dedup();
    let family = if family_words.is_empty() {
        Vec::new()
    } else {
        a.source.products(db, shop, &family_words.join(" "))?
    };
    let scene = Scene {
        lang,
        text,
        facts: &facts,
        cls: &cls,
        mentions,
        products,
        before,
        family,
        context: ctx.clone(),
        syn: a.source.synonyms(db, shop)?,
        faqs: a.source.faqs(db, shop, text)?,
        in_conversation: conv.is_some(),
        validity_days: validity,
        now: turn.now,
    };
    let mut ans = decide(a, &scene, turn, sent_devis.as_ref(), &mut label);
    if let Some(i) = ans.intent {
        label = i;
    }
    // Every other question of the message gets its answer too, in the same language.
    let mut also = Vec::new();
    if ans.escalate.is_none() {
        for extra in &cls.also {
            if *extra == label {
                continue;
            }
            let more = answers::facts_answer(&scene, *extra);
            if more.escalate.is_none() && !more.text.is_empty() {
                ans.text = format!("{}\n\n{}", ans.text, more.text);
                also.push(*extra);
            }
        }
    }
    let unsure_count = if ans.grounded || !cls.unsure {
        0
    } else {
        state.unsure_count + 1
    };
    if ans.escalate.is_none() && !ans.grounded && unsure_count >= 2 {
        ans = Answer {
            text: format!(
                "{} {}",
                reply::out_of_scope(lang, &facts),
                reply::passed_on(lang)
            ),
            ..handover(lang, false, "le bot n'a pas compris deux fois")
        };
    }
    if let Some(m) = a
        .strong()
        .filter(|m| m.rewords_replies() && ans.escalate.is_none())
    {
        if let Some(t) = super::model::rephrase(m, lang, &ans.text, &catalogue_words(&scene)) {
            ans.text = t;
        }
    }
    let escalated = ans.escalate.is_some();
    let mut body = ans.text.clone();
    if cls.concepts.contains(&super::concepts::Concept::Greet)
        && !matches!(label, Intent::Greeting | Intent::Thanks)
        && state.recent.is_empty()
    {
        body = format!("{} {body}", reply::salutation(lang));
    }
    // Out of hours only when a person has to answer.
    let closed = facts
        .hours()
        .map(|h| !h.is_open(&facts.timezone, turn.now))
        .unwrap_or(false);
    if closed && escalated {
        body = format!("{body}\n\n{}", reply::out_of_hours(lang, &facts));
    }
    // The guard: every amount, phone number and date must come from the data.
    let mut grounding = guard::Grounding::of(&facts, &scene, &ans.lines, validity);
    for n in &ans.computed {
        grounding.add_number(*n);
    }
    if let Some(d) = &sent_devis {
        grounding.add_text(&d.number);
        grounding.add_number(d.total_ttc.0);
    }
    if let Err(e) = guard::verify(&body, &grounding) {
        if std::env::var_os("VAROTRA_DEBUG_GUARD").is_some() {
            eprintln!("GUARD {e}: {body}");
        }
        why.push(format!("guard replaced the reply: {e}"));
        body = reply_facts::no_info(lang);
        ans.escalate = Some("réponse refusée par le contrôle des faits");
    }
    let escalated = ans.escalate.is_some();
    let mut effects = std::mem::take(&mut ans.effects);
    if conv.is_some() {
        let mut context = ans.context.clone().unwrap_or(ctx);
        if escalated {
            context.asked = None;
        }
        effects.push(Effect::Remember(Memory {
            language: lang.code().to_string(),
            unsure_count,
            context,
        }));
        if let Some(reason) = ans.escalate {
            effects.push(Effect::HandOver {
                reason: reason.to_string(),
            });
        }
        effects.push(Effect::FollowProspect {
            qualify: label.qualifies_prospect(),
        });
    }
    let message = if ans.buttons {
        OutgoingMessage::Buttons {
            body: body.clone(),
            buttons: reply_quote::buttons(lang),
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
        clarify: ans.clarify,
        also,
        why,
        messages: vec![message],
        effects,
    })
}

/// The answer for the message, before the common wrapping.
fn decide(
    a: &Assistant,
    s: &Scene<'_>,
    turn: &Turn<'_>,
    sent: Option<&crate::db::devis::Devis>,
    label: &mut Intent,
) -> Answer {
    let lang = s.lang;
    match turn.reply_id {
        Some("devis:confirm") if !s.context.draft.is_empty() => {
            return quote_flow::confirm(s, &s.context.draft)
        }
        Some("devis:edit") => {
            let mut ans = grounded(reply::quote_edit(lang));
            ans.intent = Some(Intent::Quote);
            return ans;
        }
        _ => {}
    }
    let agrees = s.in_conversation && crate::quotes::is_acceptance(Some(s.text), turn.reply_id);
    if let Some(d) = sent.filter(|_| agrees && s.context.draft.is_empty()) {
        return answers::accept_sent_devis(lang, d);
    }
    // The answer to "which one?" comes before anything its words may look like.
    if matches!(s.context.asked, Some(super::state::Asked::Variants { .. }))
        && !s.cls.concepts.iter().any(|c| {
            matches!(
                c,
                super::concepts::Concept::Complaint | super::concepts::Concept::Human
            )
        })
    {
        let flow = match s.context.flow.as_deref() {
            Some("quote") => Intent::Quote,
            _ => Intent::Order,
        };
        if let Some(ans) = quote_flow::answer(s, flow) {
            if ans.intent.is_some() {
                return ans;
            }
        }
    }
    match *label {
        Intent::Human => return handover(lang, false, "le client demande une personne"),
        Intent::Complaint => return handover(lang, true, "réclamation du client"),
        _ => {}
    }
    let found = answers::resolve_all(s);
    let counted = found
        .iter()
        .any(|(m, r)| m.has_count() && !r.products.is_empty());
    // "un plateau d'oeufs et 4 lait concentré, livraison Anjoma": an order with its
    // address, not a delivery question.
    if matches!(*label, Intent::Delivery | Intent::Payment) && counted {
        *label = Intent::Order;
    }
    // "et en 25 kg ?", "et du 10 ?": a question about a variant of what was just
    // discussed keeps that question's intent.
    let own_cue = s.cls.concepts.iter().any(|c| {
        matches!(
            c,
            super::concepts::Concept::Price | super::concepts::Concept::Stock
        )
    });
    let attr_only = s.mentions.iter().all(|m| {
        m.words.is_empty()
            || m.words
                .iter()
                .all(|w| super::attributes::colour(w).is_some())
    });
    if matches!(*label, Intent::Price | Intent::Availability | Intent::Other)
        && !own_cue
        && attr_only
        && s.text.contains('?')
        && !s.mentions.iter().any(|m| m.has_count())
        && !s.before.is_empty()
    {
        *label = match s.context.last_intent.as_deref() {
            Some("availability") => Intent::Availability,
            _ => Intent::Price,
        };
    }
    let asks_variant = s.text.contains('?')
        && !s.mentions.iter().any(|m| m.has_count())
        && !s.cls.concepts.iter().any(|c| {
            matches!(
                c,
                super::concepts::Concept::Order | super::concepts::Concept::Quote
            )
        })
        && s.mentions.iter().all(|m| {
            m.words.is_empty()
                || m.words
                    .iter()
                    .all(|w| super::attributes::colour(w).is_some())
        });
    if matches!(*label, Intent::Order | Intent::Quote)
        && asks_variant
        && !matches!(s.context.asked, Some(super::state::Asked::Variants { .. }))
    {
        *label = match s.context.last_intent.as_deref() {
            Some("availability") => Intent::Availability,
            _ => Intent::Price,
        };
    }
    // A price offered: below the catalogue price it is a haggle; at the price, an order.
    // A number that is a variant of what is discussed (`les 20000`) offers nothing.
    if let Some(offer) = s.mentions.iter().flat_map(|m| &m.nums).find(|n| n.money) {
        let named: Vec<&Product> = found.iter().flat_map(|(_, r)| &r.products).collect();
        let pool: Vec<&Product> = if named.is_empty() {
            s.before.iter().collect()
        } else {
            named
        };
        let at_price = pool.iter().any(|p| p.price.0 == offer.value.round() as i64);
        let variant = s
            .before
            .iter()
            .chain(&s.family)
            .chain(pool.iter().copied())
            .any(|p| {
                super::attributes::of_title(&p.title)
                    .values()
                    .iter()
                    .any(|v| (*v - offer.value).abs() < 1e-9)
            });
        if !at_price && !variant && !pool.is_empty() {
            *label = Intent::Other;
            return answers::haggle_answer(s, &found);
        }
    }
    if s.cls.injection() {
        *label = Intent::Other;
        return answers::decline_answer(s, &found);
    }
    if *label == Intent::Other
        && (s.cls.haggle() || s.mentions.iter().any(|m| m.nums.iter().any(|n| n.money)))
    {
        return answers::haggle_answer(s, &found);
    }
    // Quote lines, and every follow-up that continues a quote, an order or the
    // products just discussed.
    if let Some(ans) = quote_flow::answer(s, *label) {
        return ans;
    }
    match *label {
        Intent::Greeting => grounded(reply::greeting(lang, s.facts)),
        Intent::Thanks => grounded(reply::thanks(lang)),
        Intent::Price | Intent::Availability | Intent::Quote | Intent::Order => {
            product_or_follow_up(s, *label, found)
        }
        Intent::CatalogSearch => answers::catalogue_answer(s),
        Intent::Delivery | Intent::Hours | Intent::Payment | Intent::Faq => {
            answers::facts_answer(s, *label)
        }
        _ => small_talk(a, s),
    }
}
