//! The mini-CRM: prospects and their pipeline ([`prospects`]), owner notifications by
//! email and WhatsApp ([`notify`]), hand-over to a person ([`handover`]) and a
//! customer's erasure and export ([`erasure`]). Their API and admin pages live in `web/`.

pub mod erasure;
pub mod handover;
pub mod notify;
pub mod prospects;
