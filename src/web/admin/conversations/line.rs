//! A conversation as the lists show it (inbox, dashboard): who, status, unread
//! count, how long the customer has waited for a person, the assignee, the latest
//! message (or what it was, for a photo or a voice note).

use crate::db::assignments::Member;
use crate::db::inbox::ConversationRow;
use crate::web::admin::fmt::{kind_placeholder, local_time, status_label, waiting_for};

pub struct ConvLine {
    pub id: i64,
    pub who: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub bot_paused: bool,
    pub when: String,
    pub last: String,
    pub unread: i64,
    pub needs_human: bool,
    /// "attend depuis 12 min", or empty.
    pub waiting: String,
    /// The assignee's email, or empty.
    pub assignee: String,
}

/// "Rasoa · +261341234567", the name, the phone, or the customer key.
pub fn who(c: &ConversationRow) -> String {
    match (&c.customer_name, &c.customer_phone) {
        (Some(n), Some(p)) => format!("{n} · +{p}"),
        (Some(n), None) => n.clone(),
        (None, Some(p)) => format!("+{p}"),
        (None, None) => c.customer_key.clone(),
    }
}

impl ConvLine {
    pub fn new(c: &ConversationRow, tz: chrono_tz::Tz, members: &[Member]) -> Self {
        let (status, status_label) = status_label(&c.status);
        let body = c.last_body.as_deref().unwrap_or("").trim();
        let last: String = if body.is_empty() {
            c.last_kind
                .as_deref()
                .map(kind_placeholder)
                .unwrap_or("")
                .to_string()
        } else {
            body.chars().take(90).collect()
        };
        Self {
            id: c.id.0,
            who: who(c),
            status,
            status_label,
            bot_paused: c.bot_paused,
            when: local_time(c.last_message_at.as_deref().unwrap_or(&c.created_at), tz),
            last,
            unread: c.unread,
            needs_human: c.needs_human,
            waiting: c
                .waiting_since
                .as_deref()
                .map(|s| waiting_for(s, chrono::Utc::now()))
                .unwrap_or_default(),
            assignee: c
                .assigned_to
                .and_then(|a| members.iter().find(|m| m.id.0 == a))
                .map(|m| m.email.clone())
                .unwrap_or_default(),
        }
    }
}
