//! The one integration-test binary: a real server on a random port, a real SQLite
//! file (encrypted) in a temp dir, fakes only for what lives on the internet.

mod helpers;

mod accounts;
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
mod assistant_fallback;
mod backup;
mod backup_restore;
mod catalog_api;
mod catalog_cli;
mod cli;
mod encryption_at_rest;
mod erasure;
mod erasure_admin;
mod health;
mod http_attacks;
mod keys;
mod kill9;
mod layering;
mod limits_csv;
mod limits_login;
mod limits_metrics;
mod limits_multipart;
mod limits_paging;
mod llm_fallback;
mod llm_model;
mod parser_properties;
mod quotes_crm;
mod quotes_devis;
mod security_headers;
mod web_fixtures;
mod whatsapp_coexistence;
mod whatsapp_exactly_once;
mod whatsapp_identity;
mod whatsapp_inbound;
mod whatsapp_media;
mod whatsapp_media_memory;
mod whatsapp_outbound;
mod whatsapp_providers;
mod whatsapp_replies;
mod whatsapp_support;
mod whatsapp_window;
// The owner's inbox (issue 19).
mod admin_app;
mod admin_devis_editor;
mod admin_french;
mod admin_inbox;
mod admin_thread;
// First-run setup, doctor, plans and the reseller kit (issue 21).
mod business_addons;
mod business_agency;
mod business_branding;
mod business_install;
mod business_usage;
mod doctor;
mod plans_quota;
mod setup_number;
mod setup_steps;
mod setup_wizard;
mod shop_transfer;
// One box for a hundred shops (issue 22).
mod scale_outbox;
mod scale_reply_budget;
// Orders, mobile money and invoices (issue 20).
mod orders_admin;
mod orders_airtel;
mod orders_chat;
mod orders_mvola;
mod orders_orange;
mod orders_pay_chat;
mod orders_pay_request;
mod orders_pay_settings;
mod orders_webhook_pay;
