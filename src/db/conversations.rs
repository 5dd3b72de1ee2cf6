//! Conversations: one per customer per shop, keyed by wa_id (or user_id when the
//! customer hides their number; `db::customers` links both). Holds the hand-over state
//! the job worker obeys, the owner's pause (they answered from the Business app), and
//! the customer's last message, which opens WhatsApp's 24-hour service window.

use super::{ConversationId, DbError, ShopId};
use crate::kinds::ConversationStatus;
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone)]
pub struct Conversation {
    pub id: ConversationId,
    pub shop_id: ShopId,
    pub wa_account_id: Option<i64>,
    pub customer_key: String,
    pub customer_phone: Option<String>,
    pub customer_name: Option<String>,
    pub status: ConversationStatus,
    pub bot_paused: bool,
    /// The language the bot last answered in (`fr` / `mg`).
    pub language: Option<String>,
    /// The business-scoped user id (BSUID).
    pub customer_user_id: Option<String>,
    pub customer_username: Option<String>,
    /// The bot stays quiet until then: the owner wrote from the Business app.
    pub owner_paused_until: Option<String>,
    /// The customer's last message: free-form messages may go until 24 h after it.
    pub last_inbound_at: Option<String>,
}

/// How long after the customer's last message WhatsApp accepts free-form messages.
pub const SERVICE_WINDOW_HOURS: i64 = 24;

impl Conversation {
    /// Until when free-form messages may go (the customer's last message + 24 h).
    pub fn window_open_until(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        window_until(self.last_inbound_at.as_deref())
    }

    /// True while the owner's reply from the Business app keeps the bot quiet.
    pub fn owner_paused(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.owner_paused_until
            .as_deref()
            .and_then(parse_time)
            .is_some_and(|until| until > now)
    }

    /// The address the provider sends to: the phone, else the BSUID.
    pub fn address(&self) -> &str {
        self.customer_phone
            .as_deref()
            .or(self.customer_user_id.as_deref())
            .unwrap_or(&self.customer_key)
    }
}

/// A stored time (`YYYY-MM-DDTHH:MM:SSZ`).
pub fn parse_time(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// The end of the service window opened by a customer message at `last_inbound`.
pub fn window_until(last_inbound: Option<&str>) -> Option<chrono::DateTime<chrono::Utc>> {
    last_inbound
        .and_then(parse_time)
        .map(|t| t + chrono::Duration::hours(SERVICE_WINDOW_HOURS))
}

/// Finds or creates the conversation of `customer_key` on the number `wa_account_id`
/// as a customer's message does: `phone` when the customer shows it, else the key is
/// their business-scoped user id. See `db::customers::resolve`.
pub fn upsert_inbound(
    conn: &Connection,
    shop: ShopId,
    wa_account_id: i64,
    customer_key: &str,
    phone: Option<&str>,
    name: Option<&str>,
) -> Result<ConversationId, DbError> {
    let customer = super::customers::Customer {
        phone,
        user_id: phone.is_none().then_some(customer_key),
        username: None,
        name,
    };
    super::customers::resolve(
        conn,
        shop,
        wa_account_id,
        &customer,
        Some(&super::now_text()),
    )
}

/// What a conversation starts with when [`get_or_create`] has to create it.
#[derive(Debug, Clone, Copy, Default)]
pub struct NewConversation<'a> {
    /// The number it lives on; `None` until a message goes out or comes in.
    pub wa_account_id: Option<i64>,
    pub phone: Option<&'a str>,
    pub name: Option<&'a str>,
}

/// The shop's conversation with `customer_key`, created with `new` when there is none.
/// An existing conversation is returned as it is.
pub fn get_or_create(
    conn: &Connection,
    shop: ShopId,
    customer_key: &str,
    new: &NewConversation<'_>,
) -> Result<ConversationId, DbError> {
    if let Some(id) = find_by_customer(conn, shop, customer_key)? {
        return Ok(id);
    }
    conn.prepare_cached(
        "INSERT INTO conversations (shop_id, wa_account_id, customer_key, customer_phone, customer_name, last_message_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        shop,
        new.wa_account_id,
        customer_key,
        new.phone,
        new.name,
        super::now_text()
    ])?;
    Ok(ConversationId(conn.last_insert_rowid()))
}

/// The conversation of a customer known by phone only (the console, tests): keyed
/// and addressed by that phone, on no number yet.
pub fn get_or_create_by_phone(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
) -> Result<ConversationId, DbError> {
    get_or_create(
        conn,
        shop,
        phone,
        &NewConversation {
            phone: Some(phone),
            ..Default::default()
        },
    )
}

pub fn get(conn: &Connection, shop: ShopId, id: ConversationId) -> Result<Conversation, DbError> {
    conn.query_row(
        "SELECT id, shop_id, wa_account_id, customer_key, customer_phone, customer_name, status, bot_paused,
                language, customer_user_id, customer_username, owner_paused_until, last_inbound_at
         FROM conversations WHERE shop_id = ?1 AND id = ?2",
        params![shop, id],
        |r| {
            Ok(Conversation {
                id: r.get(0)?,
                shop_id: r.get(1)?,
                wa_account_id: r.get(2)?,
                customer_key: r.get(3)?,
                customer_phone: r.get(4)?,
                customer_name: r.get(5)?,
                status: r.get(6)?,
                bot_paused: r.get(7)?,
                language: r.get(8)?,
                customer_user_id: r.get(9)?,
                customer_username: r.get(10)?,
                owner_paused_until: r.get(11)?,
                last_inbound_at: r.get(12)?,
            })
        },
    )
    .map_err(DbError::not_found_if_none)
}

pub fn find_by_customer(
    conn: &Connection,
    shop: ShopId,
    customer_key: &str,
) -> Result<Option<ConversationId>, DbError> {
    Ok(conn
        .query_row(
            "SELECT id FROM conversations WHERE shop_id = ?1 AND customer_key = ?2",
            params![shop, customer_key],
            |r| r.get(0),
        )
        .optional()?)
}

/// `open`, `needs_human` (the bot stays quiet) or `closed`.
pub fn set_status(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    status: ConversationStatus,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET status = ?3 WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv, status],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Hands the conversation to a person: `needs_human`, bot paused, unsure count reset.
pub fn flag_for_human(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET status = 'needs_human', bot_paused = 1, unsure_count = 0
         WHERE id = ?1 AND shop_id = ?2",
        params![conv, shop],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Pauses (an agent took over) or resumes the bot on one conversation.
pub fn set_bot_paused(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    paused: bool,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET bot_paused = ?3 WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv, paused],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// The owner wrote in the conversation from the Business app: the bot stays quiet until
/// `until` (it resumes by itself then).
pub fn pause_for_owner(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    until: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE conversations SET owner_paused_until = ?3 WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv, until],
    )?;
    Ok(())
}

/// The last `limit` messages, oldest first, as (`in`|`out`, body).
pub fn recent_messages(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    limit: usize,
) -> Result<Vec<(String, String)>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT direction, COALESCE(body, '') FROM messages
         WHERE shop_id = ?1 AND conversation_id = ?2 ORDER BY id DESC LIMIT ?3",
    )?;
    let mut rows = stmt
        .query_map(params![shop, conv, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<Vec<(String, String)>, _>>()?;
    rows.reverse();
    Ok(rows)
}

/// Deletes the shop's conversation with `customer_key` and, by cascade, its messages
/// (the simulator's reset).
pub fn delete_by_customer(
    conn: &Connection,
    shop: ShopId,
    customer_key: &str,
) -> Result<(), DbError> {
    conn.execute(
        "DELETE FROM conversations WHERE shop_id = ?1 AND customer_key = ?2",
        params![shop, customer_key],
    )?;
    Ok(())
}
