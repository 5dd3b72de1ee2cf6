//! The seam between the channel and the bot: for each stored inbound message the job
//! worker asks a [`Responder`] what to send back, then queues the answer in the outbox
//! in one transaction. The assistant implements it; [`GreetingResponder`] is the
//! stand-in that answers with the shop's greeting.

use crate::db::{ConversationId, Db, MessageId, ShopId};
use crate::message::OutgoingMessage;

/// An inbound customer message, as the job worker hands it to the responder.
#[derive(Debug, Clone)]
pub struct Inbound {
    pub shop: ShopId,
    pub conversation: ConversationId,
    pub message: MessageId,
    /// The customer's wa_id (phone), when known.
    pub customer_phone: Option<String>,
    pub customer_name: Option<String>,
    /// `text`, `interactive`, `button`, `image`, ...
    pub kind: String,
    /// The text, or the title of a pressed button / list row.
    pub text: Option<String>,
    /// The id of a pressed reply button or list row.
    pub reply_id: Option<String>,
    /// True when this is the first inbound message of the conversation.
    pub first_message: bool,
}

/// Decides the answer to one inbound message. Called on a blocking thread: it may use
/// `db.*_blocking` and wait for the model. Side effects on the conversation (hand-over,
/// prospect, devis) are the responder's; sending is the caller's.
pub trait Responder: Send + Sync + 'static {
    fn respond(&self, db: &Db, inbound: &Inbound) -> anyhow::Result<Vec<OutgoingMessage>>;

    /// The answer with the reasons behind it, for the admin simulator. `None` (the
    /// default) when this responder cannot explain itself: the simulator then calls
    /// [`Responder::respond`] and shows the replies only.
    fn explain(&self, _db: &Db, _inbound: &Inbound) -> Option<anyhow::Result<Explanation>> {
        None
    }
}

/// What [`Responder::explain`] returns: the replies and (label, value) lines such as
/// ("Intention", "price"), ("Langue", "mg"), ("Produits", "RIZ-5KG").
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    pub replies: Vec<OutgoingMessage>,
    pub why: Vec<(String, String)>,
}

/// Answers a conversation's first message with the shop's French greeting.
pub struct GreetingResponder;

impl Responder for GreetingResponder {
    fn respond(&self, db: &Db, inbound: &Inbound) -> anyhow::Result<Vec<OutgoingMessage>> {
        if !inbound.first_message {
            return Ok(Vec::new());
        }
        let shop = inbound.shop;
        let (name, greeting) = db.read_blocking(|c| {
            let s = crate::db::shops::get(c, shop)?;
            let g = crate::db::shops::setting(c, shop, "greeting_fr")?;
            Ok((s.company_name, g))
        })?;
        let body = greeting.unwrap_or_else(|| {
            format!("Bonjour et bienvenue chez {name} ! Comment puis-je vous aider ?")
        });
        Ok(vec![OutgoingMessage::text(body)])
    }
}
