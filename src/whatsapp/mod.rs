//! WhatsApp channel: webhooks in, outbox out, per provider (issue 3).

pub mod outgoing;
pub mod responder;

pub use outgoing::OutgoingMessage;
pub use responder::{GreetingResponder, Inbound, Responder};

use actix_web::web::ServiceConfig;

/// Registers the webhook routes.
pub fn configure(_cfg: &mut ServiceConfig) {}
