//! WhatsApp channel: webhooks in, outbox out, per provider (issue 3).

use actix_web::web::ServiceConfig;

/// Registers the webhook routes.
pub fn configure(_cfg: &mut ServiceConfig) {}
