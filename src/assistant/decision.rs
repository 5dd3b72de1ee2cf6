//! What the assistant decided for one message: the reply, the facts behind it, and the
//! effects as data. The assistant performs no writes; the reply job (`jobs::reply`)
//! applies a Decision in one transaction: messages, effects, outbox rows and "job done".

use super::state::Memory;
use super::QuoteLine;
use crate::db::DevisId;
use crate::kinds::Intent;
use crate::message::OutgoingMessage;
use serde::Serialize;

/// A change the Decision asks for, applied by the job in the reply's transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Remember the conversation state for the next message.
    Remember(Memory),
    /// Issue a devis of these lines and send its PDF in the chat; the reply then names
    /// its number (`reply::devis_issued`).
    IssueDevis { lines: Vec<QuoteLine> },
    /// The customer accepted the devis sent in this conversation.
    AcceptDevis { devis: DevisId },
    /// Hand the conversation to a person: flagged, bot paused, owner notified.
    HandOver { reason: String },
    /// Count the message on the customer's prospect, and qualify it when `qualify`.
    FollowProspect { qualify: bool },
    /// The customer pasted a payment confirmation (operator SMS or reference): recorded
    /// on their unpaid order, the owner asked to confirm it.
    PaymentClaimed(crate::orders::sms::Claim),
    /// Start a mobile-money request on the customer's unpaid order (a job runs it).
    RequestPayment {
        order: crate::db::OrderId,
        number: Option<String>,
        said: Option<crate::kinds::PaidBy>,
    },
    /// The customer sent a screenshot (message `message`) for their unpaid order.
    ScreenshotClaimed {
        order: crate::db::OrderId,
        message: crate::db::MessageId,
    },
    /// Send the facture of the customer's paid order in the chat (rendered before the
    /// transaction, like a devis).
    SendInvoice { order: crate::db::OrderId },
    /// Tell the owner about a question the bot could not answer from the shop's data;
    /// the bot keeps the conversation (no pause).
    AskOwner { question: String },
}

/// What the assistant decided for one message (chat, eval, simulator, reply job).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub reply: String,
    /// Reply language, `fr` or `mg`.
    pub language: String,
    pub intent: Intent,
    /// The catalogue products the reply is about.
    pub skus: Vec<String>,
    /// Handed over to a person (conversation flagged, bot paused, owner notified).
    pub escalated: bool,
    pub quote_lines: Vec<QuoteLine>,
    pub latency_ms: u64,
    /// The reply asks the customer which variant (or what) they mean.
    pub clarify: bool,
    /// Other questions of the same message answered in the reply (delivery after a
    /// devis...).
    pub also: Vec<Intent>,
    /// Why: detected language, rules fired, products matched (for `--verbose`).
    pub why: Vec<String>,
    /// The WhatsApp messages to send, in order (the reply first).
    #[serde(skip)]
    pub messages: Vec<OutgoingMessage>,
    /// What the job must change; empty for a dry run (no conversation).
    #[serde(skip)]
    pub effects: Vec<Effect>,
}

impl Decision {
    /// The reasons as (label, value) lines for the admin simulator.
    pub fn explain(&self) -> Vec<(String, String)> {
        let mut why = vec![
            ("Intention".to_string(), self.intent.to_string()),
            ("Langue".to_string(), self.language.clone()),
            (
                "Produits".to_string(),
                if self.skus.is_empty() {
                    "aucun".to_string()
                } else {
                    self.skus.join(", ")
                },
            ),
            (
                "Passage à un humain".to_string(),
                if self.escalated { "oui" } else { "non" }.to_string(),
            ),
        ];
        if !self.quote_lines.is_empty() {
            let lines: Vec<String> = self
                .quote_lines
                .iter()
                .map(|l| format!("{} × {}", l.qty, l.sku))
                .collect();
            why.push(("Lignes de devis".to_string(), lines.join(", ")));
        }
        why.extend(self.why.iter().map(|w| ("Détail".to_string(), w.clone())));
        why
    }
}
