//! The reply worker's side of `reply` jobs: reads the message to answer (a paused or
//! handed-over conversation, a deleted message or a flooding customer gets no bot
//! reply), marks it read with "typing…", and has [`super::reply`] decide and apply.
//! A reply that needs the model waits for it in the [`Lane`] within `[llm]
//! reply_budget_ms`; every other reply is applied at once, never behind the model.

use super::model_lane::{Budgeted, Lane, Probe};
use super::reply::apply_decided;
use super::{Context, Failure, Outcome};
use crate::assistant::{Assistant, Input, QuoteLine, Turn};
use crate::db::jobs::{self, ReplyPayload};
use crate::db::{conversations, message_updates, messages, ConversationId, ShopId};
use crate::kinds::ConversationStatus;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
#[derive(Clone)]
struct Asked {
    conversation: ConversationId,
    text: String,
    voice: bool,
    transcribed: bool,
    /// A picture without text: maybe a payment screenshot.
    image: Option<crate::db::MessageId>,
    about_sku: Option<String>,
    /// The number and wamid to mark read.
    read: Option<(i64, String)>,
    /// The plan's quota still allows the model this month.
    model_allowed: bool,
}

/// Answers one message. With a `lane`, a reply that needs the model waits for it
/// there ([`Outcome::Deferred`]) within `[llm] reply_budget_ms`, and the others are
/// applied at once.
pub(super) async fn run(
    ctx: &Context,
    job: &jobs::Job,
    lane: Option<&Lane>,
) -> Result<Outcome, Failure> {
    let p: ReplyPayload = serde_json::from_str(&job.payload).map_err(Failure::permanent)?;
    let (shop, limit) = (job.shop, ctx.settings.whatsapp.customer_messages_per_minute);
    let pp = p.clone();
    let plans = ctx.settings.plans.clone();
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
            let picture = msg.kind == "image" && text.trim().is_empty();
            let special = audio || picture || !p.cart.is_empty() || p.reaction_to.is_some();
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
                image: picture.then_some(msg.id),
                about_sku: p.referred_sku.clone().or(quoted),
                read: msg.wa_account_id.zip(msg.wamid.clone()),
                model_allowed: crate::billing::model_allowed(c, &plans, shop, chrono::Utc::now())?,
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
    let budget = Duration::from_millis(ctx.settings.llm.reply_budget_ms);
    let deadline = Instant::now() + budget;
    let model = ctx.assistant.text_model();
    let conv = asked.conversation;
    let (lane, model) = match (lane, model) {
        (Some(lane), Some(model)) if !budget.is_zero() => (lane, model),
        // No model to wait for, or it may never delay a reply: decide as it comes.
        _ => return answer(ctx, job, p, asked, ctx.assistant.clone(), None).await,
    };
    if !lane.holds(conv) {
        let probe = Probe::over(model.clone());
        let assistant = ctx.assistant.with_model(Some(probe.clone()));
        let first = answer(ctx, job, p.clone(), asked.clone(), assistant, Some(probe)).await;
        if !matches!(first, Ok(Outcome::Deferred)) {
            return first;
        }
    }
    // The model is wanted (or an earlier reply of this customer waits for it).
    let (c, job) = (ctx.clone(), job.clone());
    let assistant = ctx
        .assistant
        .with_model(Some(Budgeted::new(model, deadline)));
    lane.submit(
        conv,
        Box::pin(async move {
            let result = answer(&c, &job, p, asked, assistant, None).await;
            let id = job.id;
            let recorded = match result {
                Ok(_) => Ok(()),
                Err(failure) => {
                    tracing::warn!(job = id, reason = %failure.reason, "reply failed");
                    c.db.write(move |w| super::record_failure(w, &job, &failure))
                        .await
                }
            };
            if let Err(e) = recorded {
                tracing::error!(error = %e, job = id, "cannot record a job result");
            }
        }),
    );
    Ok(Outcome::Deferred)
}

/// Decides on the message with `assistant` and applies the decision, the job marked
/// done in its transaction; with a `probe` that the decision asked, nothing is applied
/// and the reply is [`Outcome::Deferred`] to the model lane.
async fn answer(
    ctx: &Context,
    job: &jobs::Job,
    p: ReplyPayload,
    asked: Box<Asked>,
    assistant: Assistant,
    probe: Option<Arc<Probe>>,
) -> Result<Outcome, Failure> {
    let (c, job_id, shop) = (ctx.clone(), job.id, job.shop);
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
            _ if asked.image.is_some() => Input::Image {
                message: asked.image.unwrap_or(crate::db::MessageId(0)),
            },
            _ if asked.transcribed => Input::Transcribed,
            _ => Input::Text,
        };
        let conversation = asked.conversation;
        let turn = Turn {
            shop,
            conversation: Some(conversation),
            text: &asked.text,
            reply_id: p.reply_id.as_deref(),
            now: chrono::Utc::now(),
            input,
            about_sku: asked.about_sku.as_deref(),
            model_allowed: asked.model_allowed,
        };
        let decision = assistant.decide(&c.db.reader(), &turn)?;
        if probe.is_some_and(|p| p.asked()) {
            return Ok(None);
        }
        apply_decided(
            decision,
            &c.db,
            Some(&c.files),
            &c.issuer,
            &turn,
            |tx, decision, out| {
                let catalogue = super::catalogue::message(tx, shop, decision)?;
                for m in out.iter().chain(catalogue.as_ref()) {
                    crate::db::outbox::enqueue(tx, shop, conversation, m, "bot")?;
                }
                if !out.is_empty() {
                    let plans = &c.settings.plans;
                    crate::billing::meter_reply(tx, plans, shop, chrono::Utc::now())?;
                }
                jobs::finish(tx, job_id)
            },
        )
        .map(|(_, out)| Some(out.len() as u64))
    })
    .await
    .map_err(|e| Failure::retry(format!("assistant panicked: {e}")))??;
    let Some(queued) = queued else {
        return Ok(Outcome::Deferred);
    };
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
