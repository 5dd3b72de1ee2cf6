//! The one integration-test binary: a real server on a random port, a real SQLite
//! file (encrypted) in a temp dir, fakes only for what lives on the internet.

mod helpers;

mod admin_conversations;
mod admin_dashboard;
mod admin_login;
mod admin_routes;
mod admin_settings;
mod api_auth;
mod api_conversations;
mod api_openapi;
mod api_routes_documented;
mod assistant_corpus;
mod assistant_crm;
mod assistant_eval;
mod backup;
mod catalog_api;
mod catalog_cli;
mod cli;
mod encryption_at_rest;
mod health;
mod keys;
mod layering;
mod llm_fallback;
mod llm_model;
mod quotes_crm;
mod quotes_devis;
mod web_fixtures;
mod whatsapp_inbound;
mod whatsapp_outbound;
mod whatsapp_providers;
mod whatsapp_support;
