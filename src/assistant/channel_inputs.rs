//! Decisions on what customers send besides text: a voice note nobody transcribed (a
//! person will listen: the customer is told so politely in their language), a cart
//! from the shop's Meta catalogue (a devis of the lines whose SKU the catalogue has),
//! and a reaction on a devis we sent (👍 accepts it, unless the shop turned that off
//! with `devis.reaction_accepts = off`). Everything is read; every change is an Effect.

use super::answers::accept_sent_devis;
use super::language::{self, Lang};
use super::reply;
use super::{AssistantError, Decision, Effect, QuoteLine, Turn};
use crate::db::{conversations, products, shops, Connection, Reader};
use crate::kinds::Intent;
use crate::message::OutgoingMessage;
use std::time::Instant;

/// The customer's language in this conversation: the one the bot last answered in,
/// else what their recent messages are written in, else French.
pub(super) fn conversation_language(
    c: &Connection,
    turn: &Turn<'_>,
) -> Result<Lang, crate::db::DbError> {
    let Some(conv) = turn.conversation else {
        return Ok(Lang::Fr);
    };
    let row = conversations::get(c, turn.shop, conv)?;
    let previous = row.language.as_deref().and_then(Lang::from_code);
    let said: Vec<String> = conversations::recent_messages(c, turn.shop, conv, 6)?
        .into_iter()
        .filter(|(dir, body)| dir == "in" && !body.trim().is_empty())
        .map(|(_, body)| body)
        .collect();
    Ok(match (said.is_empty(), previous) {
        (true, Some(lang)) => lang,
        (true, None) => Lang::Fr,
        (false, _) => language::detect(&said.join(" "), previous).reply,
    })
}

pub(super) fn decision(
    turn: &Turn<'_>,
    lang: Lang,
    intent: Intent,
    text: String,
    started: Instant,
) -> Decision {
    Decision {
        reply: text.clone(),
        language: lang.code().into(),
        intent,
        skus: Vec::new(),
        escalated: false,
        quote_lines: Vec::new(),
        latency_ms: started.elapsed().as_millis() as u64,
        clarify: false,
        also: Vec::new(),
        why: Vec::new(),
        messages: vec![OutgoingMessage::text(text)],
        effects: Vec::new(),
    }
    .in_conversation(turn)
}

impl Decision {
    /// A dry run (no conversation) carries no effects.
    fn in_conversation(mut self, turn: &Turn<'_>) -> Self {
        if turn.conversation.is_none() {
            self.effects.clear();
        }
        self
    }
}

/// A voice note without transcript: handed to a person ("message vocal"), and the
/// customer told a person will listen.
pub(super) fn voice_note(db: &Reader, turn: &Turn<'_>) -> Result<Decision, AssistantError> {
    let started = Instant::now();
    let lang = db.read_blocking(|c| conversation_language(c, turn))?;
    let text = match lang {
        Lang::Fr => "Merci pour votre message vocal ! Une personne de l'équipe va l'écouter et vous répondre très vite.".to_string(),
        Lang::Mg => "Misaotra tamin'ny hafatra feo nalefanao! Hisy olona ao amin'ny ekipa hihaino azy ary hamaly anao tsy ho ela.".to_string(),
    };
    let mut d = decision(turn, lang, Intent::Human, text, started);
    d.escalated = true;
    d.why
        .push("voice note without transcript: a person listens".into());
    d.effects = vec![
        Effect::HandOver {
            reason: "message vocal".into(),
        },
        Effect::FollowProspect { qualify: false },
    ];
    Ok(d.in_conversation(turn))
}

/// A pasted payment SMS (or a transaction reference): the customer is told it is being
/// checked, and the owner gets the reference with a one-click "Paiement reçu".
pub(super) fn payment_claim(
    db: &Reader,
    turn: &Turn<'_>,
    claim: crate::orders::sms::Claim,
) -> Result<Decision, AssistantError> {
    let started = Instant::now();
    let lang = db.read_blocking(|c| conversation_language(c, turn))?;
    let r = &claim.reference;
    let text = match lang {
        Lang::Fr => format!("Bien reçu, merci ! Vérification en cours du paiement (réf {r}) : nous vous confirmons dès que c'est vérifié."),
        Lang::Mg => format!("Voaray, misaotra! Hamarininay ny fandoavanao (réf {r}) ary hampahafantarinay anao raha vita."),
    };
    let mut d = decision(turn, lang, Intent::Payment, text, started);
    d.why.push(format!("payment reference {r} in the message"));
    d.effects = vec![
        Effect::PaymentClaimed(claim),
        Effect::FollowProspect { qualify: false },
    ];
    Ok(d.in_conversation(turn))
}

/// A cart from the shop's Meta catalogue: a devis of the lines our catalogue knows by
/// SKU (`product_retailer_id`), the others named to the customer and the owner.
pub(super) fn cart(
    db: &Reader,
    turn: &Turn<'_>,
    lines: &[QuoteLine],
) -> Result<Decision, AssistantError> {
    let started = Instant::now();
    let (lang, known, unknown) = db.read_blocking(|c| {
        let lang = conversation_language(c, turn)?;
        let (mut known, mut unknown) = (Vec::new(), Vec::new());
        for l in lines {
            match products::get_by_sku(c, turn.shop, &l.sku)? {
                Some(p) => known.push(QuoteLine {
                    sku: p.sku,
                    qty: l.qty,
                }),
                None => unknown.push(l.sku.clone()),
            }
        }
        Ok((lang, known, unknown))
    })?;
    if known.is_empty() {
        let none = match lang {
            Lang::Fr => "Les articles de votre panier ne sont pas (encore) dans notre catalogue.",
            Lang::Mg => "Tsy ao amin'ny katalaogintsika (mbola) ny entana ao anaty harona.",
        };
        let text = format!("{none} {}", reply::passed_on(lang));
        let mut d = decision(turn, lang, Intent::Order, text, started);
        d.escalated = true;
        d.effects = vec![Effect::HandOver {
            reason: "panier avec des articles hors catalogue".into(),
        }];
        return Ok(d.in_conversation(turn));
    }
    let text = reply::devis_passed_on(lang);
    let mut d = decision(turn, lang, Intent::Order, text, started);
    d.skus = known.iter().map(|l| l.sku.clone()).collect();
    d.quote_lines = known.clone();
    d.why.push(format!(
        "cart of {} lines, {} unknown",
        lines.len(),
        unknown.len()
    ));
    if !unknown.is_empty() {
        d.messages.push(OutgoingMessage::text(match lang {
            Lang::Fr => format!(
                "Ces articles ne sont pas dans notre catalogue pour le moment : {}. L'équipe revient vers vous à leur sujet.",
                unknown.join(", ")
            ),
            Lang::Mg => format!(
                "Tsy ao amin'ny katalaogintsika aloha ireto: {}. Hiverina aminao momba azy ireo ny ekipa.",
                unknown.join(", ")
            ),
        }));
    }
    d.effects = vec![
        Effect::IssueDevis { lines: known },
        Effect::FollowProspect { qualify: true },
    ];
    Ok(d.in_conversation(turn))
}

/// A reaction on our message `target`: an acceptance of the devis it carries, or
/// nothing to say.
pub(super) fn reaction(
    db: &Reader,
    turn: &Turn<'_>,
    target: &str,
) -> Result<Decision, AssistantError> {
    let started = Instant::now();
    let Some(conv) = turn.conversation else {
        return Ok(decision(turn, Lang::Fr, Intent::Other, String::new(), started).silent());
    };
    let found = db.read_blocking(|c| {
        let lang = conversation_language(c, turn)?;
        let on = shops::setting(c, turn.shop, "devis.reaction_accepts")?
            .is_none_or(|v| !matches!(v.trim(), "off" | "0" | "false" | "non"));
        let pending = crate::quotes::pending_in_conversation(c, turn.shop, conv)
            .map_err(|e| crate::db::DbError::Invalid(e.to_string()))?;
        let carried = match &pending {
            Some(d) if on => crate::db::message_updates::document_of(c, turn.shop, conv, target)?
                .is_some_and(|file| file == format!("{}.pdf", d.number)),
            _ => false,
        };
        Ok((lang, pending.filter(|_| carried)))
    })?;
    match found {
        (lang, Some(devis)) => {
            let ans = accept_sent_devis(lang, &devis);
            let mut d = decision(turn, lang, Intent::Order, ans.text, started);
            d.why
                .push(format!("reaction {} accepts {}", turn.text, devis.number));
            d.effects = ans.effects;
            Ok(d.in_conversation(turn))
        }
        (lang, None) => Ok(decision(turn, lang, Intent::Other, String::new(), started).silent()),
    }
}

impl Decision {
    /// Nothing to send.
    fn silent(mut self) -> Self {
        self.messages.clear();
        self
    }
}
