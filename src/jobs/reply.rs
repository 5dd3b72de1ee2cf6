//! `reply` jobs: the assistant decides, this module applies.
//!
//! For a stored inbound message the worker reads the conversation (a paused or
//! handed-over conversation, or a flooding customer, gets no bot reply), asks the
//! assistant for a [`Decision`] on a blocking thread, renders a devis PDF the decision
//! asks for off the writer, then writes in ONE transaction: the effects, the messages
//! with their outbox rows, and the job marked done. A crash before that commit leaves
//! nothing behind and the job runs again; after it, the job is done and nothing repeats.
//!
//! The customer's message is marked read with "typing…" meanwhile; a paused
//! conversation (an agent took it, or the owner just answered from the Business app)
//! or a deleted message gets no reply. A voice note, a cart and a reaction go to the
//! assistant as their [`Input`]; a reply to our product message is about that product.
//! When the shop set a Meta catalogue, product answers also go as catalogue cards.
//!
//! [`converse`] is the same decision and application without the outbox, for the
//! console (`varotra chat`), the admin simulator and tests.

use super::{Context, Failure, Outcome};
use crate::assistant::{
    language::Lang, reply, Assistant, Decision, Effect, Input, QuoteLine, Turn,
};
use crate::crm::{handover, prospects};
use crate::crypto::FileStore;
use crate::db::jobs::{self, ReplyPayload};
use crate::db::{
    conversations, message_updates, messages, notifications, Connection, ConversationId, Db,
    DbError, ShopId,
};
use crate::kinds::ConversationStatus;
use crate::message::OutgoingMessage;
use crate::orders;
use crate::quotes::{self, Issuer, NewDevis, Prepared, QuoteError};

#[derive(Debug, thiserror::Error)]
pub enum ReplyError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("assistant: {0}")]
    Assistant(#[from] crate::assistant::AssistantError),
    #[error("devis: {0}")]
    Quote(#[from] QuoteError),
    #[error("commande : {0}")]
    Order(#[from] crate::orders::OrderError),
}

impl From<ReplyError> for Failure {
    fn from(e: ReplyError) -> Self {
        match e {
            // Storage refusing the rows (no number, unknown conversation) will refuse again.
            ReplyError::Db(db) => db.into(),
            other => Failure::retry(other),
        }
    }
}

/// Applies the effects of `decision` in conversation `conv` inside `tx` and returns
/// the messages to send. `devis` is the devis an `IssueDevis` effect asked for,
/// prepared and rendered beforehand; without one (no file store) the owner is asked
/// to send it.
pub fn apply(
    tx: &Connection,
    files: Option<&FileStore>,
    shop: ShopId,
    conv: ConversationId,
    decision: &mut Decision,
    devis: Option<&Prepared>,
) -> Result<Vec<OutgoingMessage>, ReplyError> {
    let mut extra = Vec::new();
    for effect in &decision.effects {
        match effect {
            Effect::IssueDevis { lines } => match (devis, files) {
                (Some(prepared), Some(files)) => {
                    let d = quotes::commit(tx, prepared)?;
                    extra.push(quotes::send_in_chat(tx, files, shop, conv, &d)?);
                    let lang = Lang::from_code(&decision.language).unwrap_or(Lang::Fr);
                    decision.reply = reply::devis_issued(lang, &d.number);
                }
                _ => {
                    let body = lines
                        .iter()
                        .map(|l| format!("{} × {}", l.qty, l.sku))
                        .collect::<Vec<_>>()
                        .join(", ");
                    notifications::insert(
                        tx,
                        shop,
                        "devis_request",
                        &format!("Conversation #{conv} : devis validé par le client : {body}"),
                        None,
                    )?;
                }
            },
            Effect::AcceptDevis { devis } => {
                let order = orders::accept_devis(tx, shop, *devis)?;
                let payment = quotes::Payment::load(tx, shop)?;
                let malagasy = decision.language == "mg";
                if let Some(how) = orders::payment::instructions(&payment, &order, malagasy) {
                    decision.reply = format!("{}\n\n{how}", decision.reply);
                }
            }
            Effect::PaymentClaimed(claim) => orders::claim::record(tx, shop, conv, claim)?,
            Effect::Remember(memory) => crate::assistant::state::save(tx, shop, conv, memory)?,
            Effect::HandOver { reason } => handover::hand_over(tx, shop, conv, reason)?,
            Effect::AskOwner { question } => {
                crate::crm::notify::notify(
                    tx,
                    shop,
                    crate::crm::notify::QUESTION,
                    &format!(
                        "Conversation #{conv} : question sans réponse du bot : « {question} »"
                    ),
                )?;
            }
            Effect::FollowProspect { qualify } => {
                let c = conversations::get(tx, shop, conv)?;
                if let Some(phone) = c.customer_phone.filter(|p| !p.is_empty()) {
                    prospects::touch(tx, shop, &phone, c.customer_name.as_deref())?;
                    if *qualify {
                        prospects::advance(tx, shop, &phone, prospects::Stage::Qualifie)?;
                    }
                }
            }
        }
    }
    let mut out = decision.messages.clone();
    if let Some(first) = out.first_mut() {
        set_body(first, &decision.reply);
    }
    out.extend(extra);
    Ok(out)
}

/// The decided reply text goes in the first message, whatever its kind.
fn set_body(message: &mut OutgoingMessage, text: &str) {
    match message {
        OutgoingMessage::Text { body }
        | OutgoingMessage::Buttons { body, .. }
        | OutgoingMessage::List { body, .. } => *body = text.to_string(),
        _ => {}
    }
}

/// The lines of the devis the decision asks to issue, if any.
fn devis_lines(decision: &Decision) -> Option<&[QuoteLine]> {
    decision.effects.iter().find_map(|e| match e {
        Effect::IssueDevis { lines } => Some(lines.as_slice()),
        _ => None,
    })
}

/// Prepares the devis of `lines` for `conv` and seals its PDF, reading only: the
/// slow part of issuing, done before the write transaction.
fn prepare_devis(
    db: &Db,
    files: &FileStore,
    shop: ShopId,
    conv: ConversationId,
    lines: &[QuoteLine],
) -> Result<Prepared, ReplyError> {
    let new = NewDevis {
        conversation_id: Some(conv),
        items: lines.iter().map(|l| (l.sku.clone(), l.qty)).collect(),
        ..Default::default()
    };
    let mut prepared = db.read_blocking(|c| Ok(quotes::prepare(c, shop, &new)))??;
    db.read_blocking(|c| Ok(prepared.store_pdf(c, files)))??;
    Ok(prepared)
}

/// Decides on `turn` and, in a conversation, applies the decision in one write
/// transaction that also runs `finish` (the job queues its outbox rows and marks
/// itself done there). A devis is prepared first, under the shop's issuance lock, and
/// prepared again if another process took its number. BLOCKING.
fn decide_and_apply(
    assistant: &Assistant,
    db: &Db,
    files: Option<&FileStore>,
    issuer: &Issuer,
    turn: &Turn<'_>,
    finish: impl Fn(&Connection, &Decision, &[OutgoingMessage]) -> Result<(), DbError>,
) -> Result<(Decision, Vec<OutgoingMessage>), ReplyError> {
    let decision = assistant.decide(&db.reader(), turn)?;
    let Some(conv) = turn.conversation else {
        let messages = decision.messages.clone();
        return Ok((decision, messages));
    };
    let shop = turn.shop;
    let write = |devis: Option<&Prepared>| {
        let mut decision = decision.clone();
        db.write_blocking(|c| {
            let tx = c.transaction()?;
            let out = match apply(&tx, files, shop, conv, &mut decision, devis) {
                Ok(out) => out,
                Err(ReplyError::Db(e)) => return Err(e),
                Err(other) => return Ok(Err(other)),
            };
            finish(&tx, &decision, &out)?;
            tx.commit()?;
            Ok(Ok(out))
        })?
        .map(|out| (decision, out))
    };
    match (devis_lines(&decision), files) {
        (Some(lines), Some(files)) => issuer.with_shop(shop, || {
            let mut last = None;
            for _ in 0..3 {
                let prepared = prepare_devis(db, files, shop, conv, lines)?;
                match write(Some(&prepared)) {
                    Err(ReplyError::Quote(QuoteError::NumberTaken(n))) => last = Some(n),
                    other => return other,
                }
            }
            Err(QuoteError::NumberTaken(last.unwrap_or_default()).into())
        }),
        _ => write(None),
    }
}

/// Decides on one message of a conversation and applies the decision, sending
/// nothing: the console, the admin simulator and tests. A dry run (no conversation)
/// only decides. BLOCKING.
pub fn converse(
    assistant: &Assistant,
    db: &Db,
    files: Option<&FileStore>,
    issuer: &Issuer,
    turn: &Turn<'_>,
) -> Result<(Decision, Vec<OutgoingMessage>), ReplyError> {
    decide_and_apply(assistant, db, files, issuer, turn, |_, _, _| Ok(()))
}

/// What the worker read before asking the assistant.
enum Read {
    /// Paused (by an agent, or the owner answering from the phone), handed over,
    /// deleted by the customer, or nothing to answer (a photo without caption).
    Skip,
    /// The customer writes faster than the flood limit allows.
    Flooding,
    Answer(Box<Asked>),
}

/// The message to answer, as the assistant will be given it.
struct Asked {
    conversation: ConversationId,
    text: String,
    voice: bool,
    transcribed: bool,
    about_sku: Option<String>,
    /// The number and wamid to mark read.
    read: Option<(i64, String)>,
}

pub(super) async fn run(ctx: &Context, job: &jobs::Job) -> Result<Outcome, Failure> {
    let p: ReplyPayload = serde_json::from_str(&job.payload).map_err(Failure::permanent)?;
    let (shop, limit) = (job.shop, ctx.settings.whatsapp.customer_messages_per_minute);
    let reply_id = p.reply_id.clone();
    let pp = p.clone();
    let read = ctx
        .db
        .read(move |c| {
            let p = pp;
            let msg = messages::get(c, shop, p.message_id)?;
            let conv = conversations::get(c, shop, msg.conversation_id)?;
            if conv.bot_paused
                || conv.status == ConversationStatus::NeedsHuman
                || conv.owner_paused(chrono::Utc::now())
                || msg.revoked
            {
                return Ok(Read::Skip);
            }
            if crate::whatsapp::ratelimit::is_flooding(c, shop, conv.id, msg.id, limit)? {
                return Ok(Read::Flooding);
            }
            let audio = msg.kind == "audio";
            let text = match (&msg.transcript, audio) {
                (Some(t), true) => t.clone(),
                _ => msg.body.clone().unwrap_or_default(),
            };
            let special = audio || !p.cart.is_empty() || p.reaction_to.is_some();
            // A photo or a file without text: a person will look at it.
            if text.trim().is_empty() && p.reply_id.is_none() && !special {
                return Ok(Read::Skip);
            }
            let quoted = match &msg.context_wamid {
                Some(w) => message_updates::product_of(c, shop, conv.id, w)?,
                None => None,
            };
            Ok(Read::Answer(Box::new(Asked {
                conversation: conv.id,
                text,
                voice: audio && msg.transcript.is_none(),
                transcribed: audio && msg.transcript.is_some(),
                about_sku: p.referred_sku.clone().or(quoted),
                read: msg.wa_account_id.zip(msg.wamid.clone()),
            })))
        })
        .await
        .map_err(Failure::retry)?;
    let asked = match read {
        Read::Skip => return Ok(Outcome::Finish),
        Read::Flooding => {
            ctx.metrics.incr("whatsapp_flood_throttled_total", 1);
            return Ok(Outcome::Finish);
        }
        Read::Answer(asked) => asked,
    };
    if let (true, Some((account, wamid))) = (ctx.settings.whatsapp.read_receipts, &asked.read) {
        show_typing(ctx, shop, *account, wamid.clone());
    }
    let (c, job_id) = (ctx.clone(), job.id);
    let queued = tokio::task::spawn_blocking(move || {
        let cart: Vec<QuoteLine> = p
            .cart
            .iter()
            .map(|(sku, qty)| QuoteLine {
                sku: sku.clone(),
                qty: *qty,
            })
            .collect();
        let input = match (&p.reaction_to, cart.is_empty()) {
            (Some(target), _) => Input::Reaction { target },
            (None, false) => Input::Cart(&cart),
            _ if asked.voice => Input::VoiceNote,
            _ if asked.transcribed => Input::Transcribed,
            _ => Input::Text,
        };
        let conversation = asked.conversation;
        let turn = Turn {
            shop,
            conversation: Some(conversation),
            text: &asked.text,
            reply_id: reply_id.as_deref(),
            now: chrono::Utc::now(),
            input,
            about_sku: asked.about_sku.as_deref(),
        };
        decide_and_apply(
            &c.assistant,
            &c.db,
            Some(&c.files),
            &c.issuer,
            &turn,
            |tx, decision, out| {
                let catalogue = super::catalogue::message(tx, shop, decision)?;
                for m in out.iter().chain(catalogue.as_ref()) {
                    crate::db::outbox::enqueue(tx, shop, conversation, m, "bot")?;
                }
                jobs::finish(tx, job_id)
            },
        )
        .map(|(_, out)| out.len() as u64)
    })
    .await
    .map_err(|e| Failure::retry(format!("assistant panicked: {e}")))??;
    if queued > 0 {
        ctx.metrics.incr("whatsapp_replies_queued_total", queued);
        ctx.wakers.outbox.notify_one();
    }
    ctx.wakers.mailer.notify_one();
    Ok(Outcome::Recorded)
}

/// Marks the customer's message read and shows "typing…" while the reply is prepared;
/// never waited on, and a failure only costs the blue ticks.
fn show_typing(ctx: &Context, shop: ShopId, account: i64, wamid: String) {
    let ctx = ctx.clone();
    tokio::spawn(async move {
        let Ok(sender) = ctx
            .db
            .read(move |c| crate::db::numbers::sender(c, shop, account))
            .await
        else {
            return;
        };
        let api = crate::whatsapp::providers::Api {
            http: &ctx.http,
            settings: &ctx.settings.whatsapp,
        };
        let marked = crate::whatsapp::providers::for_kind(sender.provider)
            .mark_read(api, &sender, &wamid)
            .await;
        if let Err(e) = marked {
            tracing::debug!(error = %e, "read receipt not sent");
        }
    });
}
