//! The one integration-test binary: a real server on a random port, a real SQLite
//! file (encrypted) in a temp dir, fakes only for what lives on the internet.

mod helpers;

mod admin_login;
mod api_auth;
mod assistant_eval;
mod backup;
mod catalog_api;
mod catalog_cli;
mod cli;
mod health;
mod llm_fallback;
mod llm_model;
mod quotes_crm;
mod quotes_devis;
