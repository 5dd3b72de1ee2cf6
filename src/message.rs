//! What the bot or an agent sends, independent of the provider. A leaf every layer may
//! use: the outbox stores it as JSON, each provider's sender turns it into its own
//! request. [`OutgoingMessage::normalized`] applies WhatsApp's limits (button and row
//! counts, title lengths) before a message is queued, so storage never holds a message
//! a provider would refuse for its shape.

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
    /// An approved template (outside the 24-hour window). `params` fill the body in
    /// order; `param_names` names them for a template with named parameters.
    Template {
        name: String,
        language: String,
        params: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        param_names: Vec<String>,
    },
    /// A button that opens `url` (WhatsApp's interactive CTA-URL message), e.g. an
    /// Orange Money payment page; `display_text` at most 20 characters.
    CtaUrl {
        body: String,
        display_text: String,
        url: String,
    },
    /// One product of the shop's Meta catalogue, shown as WhatsApp's product card.
    Product {
        body: String,
        catalog_id: String,
        sku: String,
    },
    /// Up to 30 products of the shop's Meta catalogue (WhatsApp's multi-product message).
    ProductList {
        header: String,
        body: String,
        catalog_id: String,
        skus: Vec<String>,
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
            OutgoingMessage::Buttons { .. }
            | OutgoingMessage::List { .. }
            | OutgoingMessage::CtaUrl { .. }
            | OutgoingMessage::Product { .. }
            | OutgoingMessage::ProductList { .. } => "interactive",
            OutgoingMessage::Template { .. } => "template",
        }
    }

    /// Templates may go outside the 24-hour window; nothing else may.
    pub fn is_template(&self) -> bool {
        matches!(self, OutgoingMessage::Template { .. })
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
            OutgoingMessage::CtaUrl {
                body,
                display_text,
                url,
            } => format!("{body}\n🔗 {display_text} : {url}"),
            OutgoingMessage::Template { name, params, .. } if params.is_empty() => {
                format!("[modèle {name}]")
            }
            OutgoingMessage::Template { name, params, .. } => {
                format!("[modèle {name}] {}", params.join(" · "))
            }
            OutgoingMessage::Product { body, sku, .. } => format!("🛍 {sku} — {body}"),
            OutgoingMessage::ProductList { body, skus, .. } => {
                format!("🛍 {} — {body}", skus.join(", "))
            }
        }
    }

    /// Checks the limits WhatsApp enforces on interactive messages and trims titles
    /// (1-3 reply buttons of 20 characters, 1-10 list rows of 24, non-empty text).
    pub fn normalized(&self) -> Result<OutgoingMessage, String> {
        let mut msg = self.clone();
        match &mut msg {
            OutgoingMessage::Buttons { body, buttons } => {
                if buttons.is_empty() || buttons.len() > 3 {
                    return Err(format!(
                        "{} reply buttons: WhatsApp allows 1 to 3",
                        buttons.len()
                    ));
                }
                *body = truncate(body, 1024);
                for b in buttons.iter_mut() {
                    b.title = truncate(&b.title, 20);
                    b.id = truncate(&b.id, 256);
                }
            }
            OutgoingMessage::List { body, button, rows } => {
                if rows.is_empty() || rows.len() > 10 {
                    return Err(format!("{} list rows: WhatsApp allows 1 to 10", rows.len()));
                }
                *body = truncate(body, 4096);
                *button = truncate(button, 20);
                for r in rows.iter_mut() {
                    r.title = truncate(&r.title, 24);
                    r.description = r.description.as_deref().map(|d| truncate(d, 72));
                }
            }
            OutgoingMessage::Text { body } if body.trim().is_empty() => {
                return Err("empty text message".into());
            }
            OutgoingMessage::ProductList {
                header, body, skus, ..
            } => {
                if skus.is_empty() || skus.len() > 30 {
                    return Err(format!("{} products: WhatsApp allows 1 to 30", skus.len()));
                }
                *header = truncate(header, 60);
                *body = truncate(body, 1024);
            }
            OutgoingMessage::Product { body, .. } => *body = truncate(body, 1024),
            OutgoingMessage::CtaUrl {
                body,
                display_text,
                url,
            } => {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(format!("CTA-URL button: « {url} » is not an http(s) URL"));
                }
                if body.trim().is_empty() || display_text.trim().is_empty() {
                    return Err("CTA-URL button: empty body or button text".into());
                }
                *body = truncate(body, 1024);
                *display_text = truncate(display_text, 20);
            }
            _ => {}
        }
        Ok(msg)
    }
}

/// Cuts `s` to `max` characters (WhatsApp counts characters, not bytes).
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn button_titles_are_cut_to_twenty_characters_and_four_buttons_refused() {
        let b = |t: &str| Button {
            id: "x".into(),
            title: t.into(),
        };
        let msg = OutgoingMessage::Buttons {
            body: "Choix".into(),
            buttons: vec![b("Valider le devis tout de suite")],
        };
        let OutgoingMessage::Buttons { buttons, .. } = msg.normalized().unwrap() else {
            unreachable!()
        };
        assert_eq!(buttons[0].title.chars().count(), 20);
        let four = OutgoingMessage::Buttons {
            body: "Choix".into(),
            buttons: vec![b("a"), b("b"), b("c"), b("d")],
        };
        assert!(four.normalized().is_err());
    }

    #[test]
    fn list_rows_are_limited_to_ten_with_titles_of_twenty_four() {
        let row = |i: usize| ListRow {
            id: format!("r{i}"),
            title: "Huile de tournesol 5 litres bidon".into(),
            description: None,
        };
        let ok = OutgoingMessage::List {
            body: "b".into(),
            button: "Voir".into(),
            rows: (0..10).map(row).collect(),
        };
        let OutgoingMessage::List { rows, .. } = ok.normalized().unwrap() else {
            unreachable!()
        };
        assert!(rows.iter().all(|r| r.title.chars().count() <= 24));
        let eleven = OutgoingMessage::List {
            body: "b".into(),
            button: "Voir".into(),
            rows: (0..11).map(row).collect(),
        };
        assert!(eleven.normalized().is_err());
    }

    #[test]
    fn a_cta_url_button_needs_a_web_address_and_keeps_twenty_characters() {
        let cta = |url: &str| OutgoingMessage::CtaUrl {
            body: "Payez 22 800 Ar".into(),
            display_text: "Payer maintenant tout de suite".into(),
            url: url.into(),
        };
        let OutgoingMessage::CtaUrl { display_text, .. } =
            cta("https://pay.example/x").normalized().unwrap()
        else {
            unreachable!()
        };
        assert_eq!(display_text.chars().count(), 20);
        let err = cta("javascript:alert(1)").normalized().unwrap_err();
        assert!(err.contains("javascript:alert(1)"), "{err}");
        assert_eq!(cta("https://p.example").kind(), "interactive");
    }
}
