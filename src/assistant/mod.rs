//! The assistant: language, intent, products, conversation state and grounded replies.
//!
//! For each customer message: language ([`language`]), intent ([`intent`]: our
//! [`classifier`] trained on the corpus, plus rules where they beat it), what it names
//! ([`entities`], [`numbers`], [`attributes`], [`variants`] against the shop's own
//! catalogue via [`retrieval`]), what the conversation was about ([`state`],
//! [`quote_flow`]), then a reply from templates filled from the shop's data
//! ([`reply`], [`reply_quote`], [`reply_facts`], [`facts`]), checked by the [`guard`],
//! or a hand-over to a person. A model only helps where [`model`] says. [`pipeline`]
//! holds the flow; [`eval`] and [`eval_turns`] measure it.
//!
//! The assistant is the brain, not the hands: it reads through the [`Reader`] it is
//! given and returns a [`Decision`] whose effects (devis, hand-over, prospect, memory)
//! the reply job applies in one transaction.

mod answers;
pub mod attributes;
mod channel_inputs;
pub mod classifier;
pub mod concepts;
mod decision;
pub mod entities;
pub mod eval;
pub mod eval_turns;
pub mod facts;
pub mod guard;
pub mod hours;
pub mod intent;
mod labels;
pub mod language;
pub mod lexicon;
pub mod model;
pub mod numbers;
mod pay_talk;
mod perceptron;
mod pipeline;
mod quote_flow;
pub mod reply;
pub mod reply_facts;
pub mod reply_quote;
pub mod retrieval;
pub mod sources;
pub mod state;
pub mod text;
pub mod training;
pub mod variants;

pub use decision::{Decision, Effect};

use crate::db::{ConversationId, DbError, Reader, ShopId};
use crate::llm;
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

/// What came with a message besides its text.
#[derive(Debug, Clone, Copy, Default)]
pub enum Input<'a> {
    #[default]
    Text,
    /// A voice note nobody transcribed: a person will listen.
    VoiceNote,
    /// A voice note whose transcript is the text.
    Transcribed,
    /// A cart from the shop's Meta catalogue: our SKUs and quantities.
    Cart(&'a [QuoteLine]),
    /// A reaction (the text is the emoji) on the message `target` the shop sent.
    Reaction { target: &'a str },
    /// A picture without text (message `message`): a payment screenshot when an order
    /// is to pay.
    Image { message: crate::db::MessageId },
}

/// One customer message to decide on.
#[derive(Debug, Clone, Copy)]
pub struct Turn<'a> {
    pub shop: ShopId,
    /// The conversation, whose state gives context and receives the effects; `None`
    /// is a dry run (eval): the Decision then carries no effects.
    pub conversation: Option<ConversationId>,
    pub text: &'a str,
    /// The id of a pressed reply button or list row.
    pub reply_id: Option<&'a str>,
    pub now: chrono::DateTime<chrono::Utc>,
    /// A voice note, a cart, a reaction... ([`Input::Text`] for a plain message).
    pub input: Input<'a>,
    /// The catalogue product the message is about: it replies to our message on that
    /// product, or to its catalogue card.
    pub about_sku: Option<&'a str>,
    /// The shop's plan still allows the model this month (`billing`): when false,
    /// grounded answers go on and nothing is asked of the model.
    pub model_allowed: bool,
}

impl<'a> Turn<'a> {
    /// A text message now, in `conversation` (or a dry run).
    pub fn text(shop: ShopId, conversation: Option<ConversationId>, text: &'a str) -> Self {
        Self {
            shop,
            conversation,
            text,
            reply_id: None,
            now: chrono::Utc::now(),
            input: Input::Text,
            about_sku: None,
            model_allowed: true,
        }
    }
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

    /// [`complete`](Self::complete) for a caller that stops waiting after `budget` (a
    /// reply's time left): a model that can be told drops the request when it is
    /// late; the default simply completes.
    fn complete_within(
        &self,
        prompt: &str,
        grammar: Option<&str>,
        max_tokens: u32,
        stop: &[&str],
        _budget: std::time::Duration,
    ) -> Result<String, String> {
        self.complete(prompt, grammar, max_tokens, stop)
    }

    /// A strong chat model is behind (`[llm.fallback]`): it may read unclear messages
    /// and phrase replies, within its time budget.
    fn instruct(&self) -> bool {
        false
    }

    /// One system + user exchange with the strong model, within its time budget.
    fn chat(&self, _system: &str, _user: &str, _max_tokens: u32) -> Result<String, String> {
        Err("no chat model".into())
    }

    /// The strong model may reword every grounded reply (`[llm.fallback] phrase`).
    fn rewords_replies(&self) -> bool {
        false
    }
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
        self.complete_within(prompt, grammar, max_tokens, stop, std::time::Duration::ZERO)
    }

    fn complete_within(
        &self,
        prompt: &str,
        grammar: Option<&str>,
        max_tokens: u32,
        stop: &[&str],
        budget: std::time::Duration,
    ) -> Result<String, String> {
        let req = llm::CompletionRequest {
            prompt: prompt.to_string(),
            grammar: grammar.map(str::to_string),
            max_tokens,
            stop: stop.iter().map(|s| s.to_string()).collect(),
            temperature: 0.0,
            // 0 (no budget) takes the configured timeout.
            timeout_ms: budget.as_millis().min(u64::MAX as u128) as u64,
            ..Default::default()
        };
        llm::Llm::complete(self, req).map_err(|e| e.to_string())
    }

    fn instruct(&self) -> bool {
        self.has_fallback()
    }

    fn chat(&self, system: &str, user: &str, max_tokens: u32) -> Result<String, String> {
        let req = llm::CompletionRequest {
            prompt: user.to_string(),
            system: system.to_string(),
            max_tokens,
            timeout_ms: self.budget().as_millis() as u64,
            ..Default::default()
        };
        self.complete_fallback(req)
            .map(|c| c.text)
            .map_err(|e| e.to_string())
    }

    fn rewords_replies(&self) -> bool {
        self.phrases_replies()
    }
}

/// The shop's sales assistant. Cheap to clone.
#[derive(Clone)]
pub struct Assistant {
    source: Arc<dyn retrieval::Source>,
    model: Option<Arc<dyn TextModel>>,
    /// Let a local (non-instruct) model phrase small talk: measured to hurt, so off
    /// unless `varotra eval --with-model` measures it.
    pub local_small_talk: bool,
}

impl Assistant {
    /// An assistant reading products and FAQ from `source`, with `model` where it
    /// helps (see [`model`]).
    pub fn new(source: Arc<dyn retrieval::Source>, model: Option<Arc<dyn TextModel>>) -> Self {
        // Train the classifier in the background rather than on the first message.
        classifier::warm_up();
        Self {
            source,
            model,
            local_small_talk: false,
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

    /// With the catalogue's search index and no model.
    pub fn with_catalog(catalog: crate::catalog::Catalog) -> Self {
        Self::new(Arc::new(sources::CatalogSource::new(catalog)), None)
    }

    /// Without a search index or model: products and FAQ read from the database,
    /// templates and hand-over only.
    pub fn without_model() -> Self {
        Self::new(Arc::new(retrieval::DbSource), None)
    }

    /// The same assistant with `model` in its place: the reply worker's probe and
    /// per-reply budget (see `jobs`).
    pub fn with_model(&self, model: Option<Arc<dyn TextModel>>) -> Self {
        Self {
            model,
            ..self.clone()
        }
    }

    /// The model this assistant may ask, whether or not it answers now.
    pub fn text_model(&self) -> Option<Arc<dyn TextModel>> {
        self.model.clone()
    }

    fn model(&self) -> Option<&dyn TextModel> {
        self.model.as_deref().filter(|m| m.is_available())
    }

    /// The model for small talk: a strong chat model, or a local one when allowed.
    fn talker(&self) -> Option<&dyn TextModel> {
        self.model()
            .filter(|m| m.instruct() || self.local_small_talk)
    }

    /// The strong model, when one is configured and answering.
    fn strong(&self) -> Option<&dyn TextModel> {
        self.model().filter(|m| m.instruct())
    }

    /// Decides the answer to one message. Reads only, through `db`. BLOCKING (it may
    /// wait for the model).
    pub fn decide(&self, db: &Reader, turn: &Turn<'_>) -> Result<Decision, AssistantError> {
        if !turn.model_allowed && self.model.is_some() {
            let grounded = Self {
                model: None,
                ..self.clone()
            };
            return grounded.decide(db, turn);
        }
        match turn.input {
            Input::VoiceNote => channel_inputs::voice_note(db, turn),
            Input::Cart(lines) => channel_inputs::cart(db, turn, lines),
            Input::Reaction { target } => channel_inputs::reaction(db, turn, target),
            Input::Image { message } => pay_talk::screenshot(db, turn, message),
            Input::Text => {
                if let Some(claim) = crate::orders::sms::parse(turn.text) {
                    return channel_inputs::payment_claim(db, turn, claim);
                }
                if let Some(choice) = pay_talk::pay_choice(turn.text) {
                    if let Some(d) = pay_talk::payment_choice(db, turn, &choice)? {
                        return Ok(d);
                    }
                }
                if pay_talk::asks_invoice(turn.text) {
                    if let Some(d) = pay_talk::invoice(db, turn)? {
                        return Ok(d);
                    }
                }
                pipeline::run(self, db, turn)
            }
            Input::Transcribed => pipeline::run(self, db, turn),
        }
    }
}
