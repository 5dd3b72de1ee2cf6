//! Varotra: a self-hosted AI sales assistant for WhatsApp shops in Madagascar.
//!
//! The library holds everything; `main.rs` only parses the command line and calls
//! [`cli::run`]. [`startup::Application`] builds the HTTP server and its workers.

pub mod assistant;
pub mod billing;
pub mod branding;
pub mod catalog;
pub mod cli;
pub mod crm;
pub mod crypto;
pub mod db;
pub mod doctor;
pub mod embedded;
pub mod jobs;
pub mod kinds;
pub mod llm;
pub mod message;
pub mod money;
pub mod orders;
pub mod payments;
pub mod quotes;
pub mod settings;
pub mod startup;
pub mod telemetry;
pub mod web;
pub mod whatsapp;
