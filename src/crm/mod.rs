//! The mini-CRM: prospects and their pipeline ([`prospects`]), owner notifications by
//! email and WhatsApp ([`notify`]) and hand-over to a person ([`handover`]). Their API
//! and admin pages live in `web/`.

pub mod handover;
pub mod notify;
pub mod prospects;
