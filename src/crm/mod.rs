//! The mini-CRM: prospects and their pipeline ([`prospects`]), owner notifications by
//! email and WhatsApp ([`notify`]). Their API and admin pages live in `web/`.

pub mod notify;
pub mod prospects;
