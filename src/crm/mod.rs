//! The mini-CRM: prospects and their pipeline ([`prospects`]), owner notifications by
//! email and WhatsApp ([`notify`]), hand-over to a person ([`handover`]), and their API and admin pages ([`routes`]).

pub mod handover;
pub mod notify;
pub mod prospects;
pub mod routes;

pub use routes::configure;
