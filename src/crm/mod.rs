//! The mini-CRM: prospects and their pipeline ([`prospects`]), owner notifications by
//! email and WhatsApp ([`notify`]), and their API and admin pages ([`routes`]).

pub mod notify;
pub mod prospects;
pub mod routes;

pub use routes::configure;
