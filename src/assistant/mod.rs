//! The assistant: language, intent, retrieval and grounded replies (issue 5).
//!
//! For each customer message: language ([`language`]), intent ([`intent`]: rules plus
//! our naive Bayes [`classifier`], the model under a grammar only when both are
//! unsure), products and quantities ([`entities`], [`retrieval`]), then a reply from
//! [`reply`] templates filled from the database, or a hand-over to a person. The model
//! may only phrase small talk, behind [`guard`]. [`pipeline`] holds the flow; this
//! file the public types, [`Assistant`] and its [`Responder`] implementation.

mod answers;
pub mod classifier;
pub mod cli;
pub mod entities;
pub mod eval;
pub mod guard;
pub mod hours;
pub mod intent;
pub mod language;
pub mod lexicon;
mod pipeline;
pub mod reply;
pub mod retrieval;
pub mod sources;
pub mod store;
pub mod text;
pub mod training;

use crate::db::{ConversationId, Db, DbError, ShopId};
use crate::llm;
use crate::whatsapp::{Inbound, OutgoingMessage, Responder};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum AssistantError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("{0}")]
    Other(String),
}

/// One quote line: a catalogue sku and a quantity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub sku: String,
    pub qty: i64,
}

/// What the assistant decided for one message (chat, eval, simulator).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub reply: String,
    /// Reply language, `fr` or `mg`.
    pub language: String,
    pub intent: String,
    /// The catalogue products the reply is about.
    pub skus: Vec<String>,
    /// Handed over to a person (conversation flagged, bot paused, owner notified).
    pub escalated: bool,
    pub quote_lines: Vec<QuoteLine>,
    pub latency_ms: u64,
    /// Why: detected language, rules fired, products matched (for `--verbose`).
    pub why: Vec<String>,
}

/// A text model the assistant may use: the local llama worker or a fallback server
/// ([`llm::Llm`]), or a fake in tests. BLOCKING.
pub trait TextModel: Send + Sync {
    fn is_available(&self) -> bool;
    fn complete(
        &self,
        prompt: &str,
        grammar: Option<&str>,
        max_tokens: u32,
        stop: &[&str],
    ) -> Result<String, String>;
}

impl TextModel for llm::Llm {
    fn is_available(&self) -> bool {
        llm::Llm::is_available(self)
    }

    fn complete(
        &self,
        prompt: &str,
        grammar: Option<&str>,
        max_tokens: u32,
        stop: &[&str],
    ) -> Result<String, String> {
        let req = llm::CompletionRequest {
            prompt: prompt.to_string(),
            grammar: grammar.map(str::to_string),
            max_tokens,
            stop: stop.iter().map(|s| s.to_string()).collect(),
            temperature: 0.0,
        };
        llm::Llm::complete(self, req).map_err(|e| e.to_string())
    }
}

/// The shop's sales assistant. Cheap to clone.
#[derive(Clone)]
pub struct Assistant {
    source: Arc<dyn retrieval::Source>,
    model: Option<Arc<dyn TextModel>>,
    /// Where devis PDFs are stored; without it a validated quote notifies the owner.
    files: Option<crate::crypto::FileStore>,
}

impl Assistant {
    /// An assistant reading products and FAQ from `source`, phrasing small talk with
    /// `model` when one is given and available.
    pub fn new(source: Arc<dyn retrieval::Source>, model: Option<Arc<dyn TextModel>>) -> Self {
        // Train the classifier now rather than on the first customer's message.
        let _ = classifier::model();
        Self {
            source,
            model,
            files: None,
        }
    }

    /// As `serve` runs it: the catalogue's search index and the model (which may be
    /// disabled, loading or down: then templates and hand-over only).
    pub fn with_catalog_and_model(catalog: crate::catalog::Catalog, llm: llm::Llm) -> Self {
        Self::new(
            Arc::new(sources::CatalogSource::new(catalog)),
            Some(Arc::new(llm)),
        )
    }

    /// Creates validated quotes as devis with their PDF stored in `files`.
    pub fn with_files(mut self, files: crate::crypto::FileStore) -> Self {
        self.files = Some(files);
        self
    }

    /// With the catalogue's search index and no model.
    pub fn with_catalog(catalog: crate::catalog::Catalog) -> Self {
        Self::new(Arc::new(sources::CatalogSource::new(catalog)), None)
    }

    /// Without a search index or model: products and FAQ read from the database,
    /// templates and hand-over only.
    pub fn without_model() -> Self {
        Self::new(Arc::new(retrieval::DbSource), None)
    }

    fn model(&self) -> Option<&dyn TextModel> {
        self.model.as_deref().filter(|m| m.is_available())
    }

    /// Decides the answer to `text`. With a conversation, its last messages give
    /// context and its state is updated (hand-over, pending quote); without one the
    /// call is a dry run (eval): nothing is written.
    pub fn decide(
        &self,
        db: &Db,
        shop: ShopId,
        conversation: Option<ConversationId>,
        text: &str,
    ) -> Result<Decision, AssistantError> {
        Ok(pipeline::run(self, db, shop, conversation, text, None, chrono::Utc::now())?.decision)
    }

    /// Like [`Assistant::decide`], also returning the WhatsApp messages to send.
    pub fn decide_messages(
        &self,
        db: &Db,
        shop: ShopId,
        conversation: Option<ConversationId>,
        text: &str,
        reply_id: Option<&str>,
    ) -> Result<(Decision, Vec<OutgoingMessage>), AssistantError> {
        let out = pipeline::run(
            self,
            db,
            shop,
            conversation,
            text,
            reply_id,
            chrono::Utc::now(),
        )?;
        Ok((out.decision, out.messages))
    }
}

impl Assistant {
    /// The decision and the messages for one inbound message; `None` for a photo or a
    /// voice note without text, which a person will look at.
    fn answer(
        &self,
        db: &Db,
        inbound: &Inbound,
    ) -> anyhow::Result<Option<(Decision, Vec<OutgoingMessage>)>> {
        let text = inbound.text.clone().unwrap_or_default();
        if text.trim().is_empty() && inbound.reply_id.is_none() {
            return Ok(None);
        }
        Ok(Some(self.decide_messages(
            db,
            inbound.shop,
            Some(inbound.conversation),
            &text,
            inbound.reply_id.as_deref(),
        )?))
    }
}

impl Responder for Assistant {
    fn respond(&self, db: &Db, inbound: &Inbound) -> anyhow::Result<Vec<OutgoingMessage>> {
        Ok(self
            .answer(db, inbound)?
            .map(|(_, m)| m)
            .unwrap_or_default())
    }

    fn explain(
        &self,
        db: &Db,
        inbound: &Inbound,
    ) -> Option<anyhow::Result<crate::whatsapp::Explanation>> {
        let answered = match self.answer(db, inbound) {
            Ok(a) => a,
            Err(e) => return Some(Err(e)),
        };
        let Some((d, replies)) = answered else {
            return Some(Ok(crate::whatsapp::Explanation::default()));
        };
        let mut why = vec![
            ("Intention".to_string(), d.intent.clone()),
            ("Langue".to_string(), d.language.clone()),
            (
                "Produits".to_string(),
                if d.skus.is_empty() {
                    "aucun".to_string()
                } else {
                    d.skus.join(", ")
                },
            ),
            (
                "Passage à un humain".to_string(),
                if d.escalated { "oui" } else { "non" }.to_string(),
            ),
        ];
        if !d.quote_lines.is_empty() {
            let lines: Vec<String> = d
                .quote_lines
                .iter()
                .map(|l| format!("{} × {}", l.qty, l.sku))
                .collect();
            why.push(("Lignes de devis".to_string(), lines.join(", ")));
        }
        why.extend(d.why.iter().map(|w| ("Détail".to_string(), w.clone())));
        Some(Ok(crate::whatsapp::Explanation { replies, why }))
    }
}
