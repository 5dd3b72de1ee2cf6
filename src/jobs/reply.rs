//! `reply` jobs: the assistant decides, this module applies.
//!
//! For a stored inbound message the worker reads the conversation (a paused or
//! handed-over conversation, or a flooding customer, gets no bot reply), asks the
//! assistant for a [`Decision`] on a blocking thread, renders a devis PDF the decision
//! asks for off the writer, then writes in ONE transaction: the effects, the messages
//! with their outbox rows, and the job marked done. A crash before that commit leaves
//! nothing behind and the job runs again; after it, the job is done and nothing repeats.
//!
//! The worker's reading of the message and the model lane are in `reply_worker`. A
//! voice note, a cart and a reaction go to the assistant as their
//! [`Input`](crate::assistant::Input); a reply to our product message is about that
//! product. When the shop set a Meta catalogue, product answers also go as catalogue
//! cards.
//!
//! [`converse`] is the same decision and application without the outbox, for the
//! console (`varotra chat`), the admin simulator and tests.

use super::Failure;
use crate::assistant::{language::Lang, reply, Assistant, Decision, Effect, QuoteLine, Turn};
use crate::crm::{handover, prospects};
use crate::crypto::FileStore;
use crate::db::{conversations, notifications, Connection, ConversationId, Db, DbError, ShopId};
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
            Effect::ScreenshotClaimed { order, message } => {
                orders::claim::screenshot(tx, shop, conv, *order, *message)?
            }
            Effect::RequestPayment {
                order,
                number,
                said,
            } => {
                let payload = crate::db::jobs::PaymentPayload {
                    order_id: order.0,
                    number: number.clone(),
                    said: said.map(|s| s.as_str().to_string()),
                };
                crate::db::jobs::queue_payment_request(tx, shop, &payload)?;
            }
            Effect::SendInvoice { order } => {
                if let Some((_, doc)) = orders::invoice::chat_document(tx, shop, *order)? {
                    extra.push(doc);
                }
            }
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
        | OutgoingMessage::List { body, .. }
        | OutgoingMessage::CtaUrl { body, .. } => *body = text.to_string(),
        _ => {}
    }
}

/// The lines of the devis the decision asks to issue, if any.
pub(super) fn devis_lines(decision: &Decision) -> Option<&[QuoteLine]> {
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
    apply_decided(decision, db, files, issuer, turn, finish)
}

/// The application half of [`decide_and_apply`], for a decision already made.
pub(super) fn apply_decided(
    decision: Decision,
    db: &Db,
    files: Option<&FileStore>,
    issuer: &Issuer,
    turn: &Turn<'_>,
    finish: impl Fn(&Connection, &Decision, &[OutgoingMessage]) -> Result<(), DbError>,
) -> Result<(Decision, Vec<OutgoingMessage>), ReplyError> {
    let Some(conv) = turn.conversation else {
        let messages = decision.messages.clone();
        return Ok((decision, messages));
    };
    let shop = turn.shop;
    // A facture the decision sends is rendered and stored first, off the writer.
    for effect in &decision.effects {
        if let (Effect::SendInvoice { order }, Some(files)) = (effect, files) {
            orders::invoice::pdf_bytes(db, files, shop, *order)?;
        }
    }
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
