//! What the bot or an agent sends, independent of the provider. A leaf every layer may
//! use: the outbox stores it as JSON, each provider's sender turns it into its own
//! request.

use serde::{Deserialize, Serialize};

/// One outgoing WhatsApp message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OutgoingMessage {
    Text {
        body: String,
    },
    /// A file kept in the FileStore (`stored` is its name there), e.g. a devis PDF.
    Document {
        stored: String,
        filename: String,
        caption: Option<String>,
    },
    /// A product photo kept in the FileStore.
    Image {
        stored: String,
        caption: Option<String>,
    },
    /// Up to 3 reply buttons, titles at most 20 characters.
    Buttons {
        body: String,
        buttons: Vec<Button>,
    },
    /// A list of at most 10 rows, titles at most 24 characters.
    List {
        body: String,
        button: String,
        rows: Vec<ListRow>,
    },
    /// An approved template (outside the 24-hour window).
    Template {
        name: String,
        language: String,
        params: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Button {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListRow {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
}

impl OutgoingMessage {
    pub fn text(body: impl Into<String>) -> Self {
        OutgoingMessage::Text { body: body.into() }
    }

    /// The kind stored in `messages.kind` / `outbox.kind`.
    pub fn kind(&self) -> &'static str {
        match self {
            OutgoingMessage::Text { .. } => "text",
            OutgoingMessage::Document { .. } => "document",
            OutgoingMessage::Image { .. } => "image",
            OutgoingMessage::Buttons { .. } | OutgoingMessage::List { .. } => "interactive",
            OutgoingMessage::Template { .. } => "template",
        }
    }

    /// The text shown in the admin thread for this message.
    pub fn preview(&self) -> String {
        match self {
            OutgoingMessage::Text { body } => body.clone(),
            OutgoingMessage::Document {
                filename, caption, ..
            } => {
                format!(
                    "📄 {filename}{}",
                    caption
                        .as_deref()
                        .map(|c| format!(" — {c}"))
                        .unwrap_or_default()
                )
            }
            OutgoingMessage::Image { caption, .. } => {
                format!("🖼 {}", caption.as_deref().unwrap_or(""))
            }
            OutgoingMessage::Buttons { body, .. } | OutgoingMessage::List { body, .. } => {
                body.clone()
            }
            OutgoingMessage::Template { name, .. } => format!("[modèle {name}]"),
        }
    }
}
