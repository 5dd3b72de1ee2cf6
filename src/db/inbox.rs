//! The agent's view of conversations: lists with views (à traiter, mine, open,
//! closed), search, the ONE definition of "needs a human" that the dashboard, the
//! lists and the menu badges share, take over / hand back. The thread itself (messages,
//! the agent's reply, side cards) is in [`super::inbox_thread`], re-exported here.
//! Shared by the admin pages and the REST API; every function takes the shop and
//! filters by it. Conversations marked `simulated` (the simulator's, the console's)
//! never appear.

use super::{AccountId, ConversationId, DbError, ShopId};
use rusqlite::{params, Connection};
use serde::Serialize;

pub use super::inbox_thread::{
    devis_of, find_or_create, message, messages, prospect_by_phone, send, send_in, wa_id,
    DevisSummary, MessageRow, ProspectCard, Sent,
};

pub const STATUSES: &[&str] = &["open", "needs_human", "closed"];

/// The admin simulator's pseudo customer: its conversation never reaches the inbox,
/// the API or the outbox.
pub const SIMULATOR_KEY: &str = "simulateur";

/// "A person must act now": handed over by the bot, or the bot is paused and the
/// customer spoke last. The single definition behind the "À traiter" count, tab and
/// badge (SQL over the conversation aliased `c`).
pub const NEEDS_HUMAN_SQL: &str = "(c.status = 'needs_human' OR (c.status = 'open' AND c.bot_paused = 1
    AND (SELECT m.direction FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1) = 'in'))";

/// Since when the customer waits for a person (NULL when nobody has to act): the
/// hand-over for a conversation the bot passed on, else the first customer message
/// after the shop's last one.
const WAITING_SINCE_SQL: &str = "CASE
    WHEN c.status = 'needs_human' THEN COALESCE(
        (SELECT max(h.at) FROM conversation_status_history h
         WHERE h.conversation_id = c.id AND h.to_status = 'needs_human'), c.last_message_at)
    WHEN c.status = 'open' AND c.bot_paused = 1 THEN
        (SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in'
           AND m.id > COALESCE((SELECT max(o.id) FROM messages o
                                WHERE o.conversation_id = c.id AND o.direction = 'out'), 0))
    END";

/// A conversation as lists show it; also an item of the API's conversation list
/// (the OpenAPI schema is derived from this struct).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConversationRow {
    #[schema(value_type = i64)]
    pub id: ConversationId,
    pub customer_key: String,
    pub customer_phone: Option<String>,
    pub customer_name: Option<String>,
    /// `open`, `needs_human` or `closed`.
    pub status: String,
    pub bot_paused: bool,
    pub language: Option<String>,
    #[schema(format = DateTime)]
    pub last_message_at: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// The text of the latest message, for the list.
    pub last_body: Option<String>,
    /// The kind of the latest message (text, image, audio...).
    pub last_kind: Option<String>,
    /// Customer messages nobody opened the thread for yet.
    pub unread: i64,
    /// The account the conversation is assigned to.
    pub assigned_to: Option<i64>,
    /// A person must act (the shop's one definition of "needs a human").
    pub needs_human: bool,
    /// Since when the customer waits for a person, when one must act.
    #[schema(format = DateTime)]
    pub waiting_since: Option<String>,
}

/// Which conversations a list shows (the admin's tabs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    All,
    /// Where a person must act ([`NEEDS_HUMAN_SQL`]).
    NeedsHuman,
    /// Assigned to this account.
    Mine(AccountId),
    /// Not closed.
    Open,
    Closed,
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// A stored status (`open`, `needs_human`, `closed`): the API's filter.
    pub status: Option<String>,
    /// The admin's tab.
    pub view: View,
    /// Matched against customer name, phone and message text.
    pub q: Option<String>,
    /// Conversations waiting for a person first (longest wait first), then the
    /// latest activity; otherwise latest activity first.
    pub waiting_first: bool,
    pub limit: i64,
    pub offset: i64,
}

fn columns() -> String {
    format!(
        "c.id, c.customer_key, c.customer_phone, c.customer_name, c.status,
    c.bot_paused, c.language, c.last_message_at, c.created_at,
    (SELECT m.body FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1),
    (SELECT m.kind FROM messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1),
    c.unread, c.assigned_to, {NEEDS_HUMAN_SQL}, {WAITING_SINCE_SQL}"
    )
}

fn conv_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ConversationRow> {
    let needs_human: bool = r.get(13)?;
    Ok(ConversationRow {
        id: r.get(0)?,
        customer_key: r.get(1)?,
        customer_phone: r.get(2)?,
        customer_name: r.get(3)?,
        status: r.get(4)?,
        bot_paused: r.get::<_, i64>(5)? != 0,
        language: r.get(6)?,
        last_message_at: r.get(7)?,
        created_at: r.get(8)?,
        last_body: r.get(9)?,
        last_kind: r.get(10)?,
        unread: r.get(11)?,
        assigned_to: r.get(12)?,
        needs_human,
        waiting_since: if needs_human { r.get(14)? } else { None },
    })
}

/// `%text%` for LIKE, with the wildcards of `q` escaped.
pub fn like_pattern(q: &str) -> String {
    let escaped = q
        .trim()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

fn view_clause(view: View) -> String {
    match view {
        View::All => "1".into(),
        View::NeedsHuman => NEEDS_HUMAN_SQL.into(),
        View::Mine(account) => format!("c.assigned_to = {}", account.0),
        View::Open => "c.status != 'closed'".into(),
        View::Closed => "c.status = 'closed'".into(),
    }
}

/// One page of the shop's conversations and the total count.
pub fn list(
    conn: &Connection,
    shop: ShopId,
    filter: &Filter,
) -> Result<(Vec<ConversationRow>, i64), DbError> {
    if let Some(s) = &filter.status {
        if !STATUSES.contains(&s.as_str()) {
            return Err(DbError::Invalid(format!(
                "status `{s}`: expected open, needs_human or closed"
            )));
        }
    }
    let q = filter
        .q
        .as_deref()
        .filter(|q| !q.trim().is_empty())
        .map(like_pattern);
    let clause = format!(
        "c.shop_id = ?1 AND c.simulated = 0 AND (?2 IS NULL OR c.status = ?2) AND {}
        AND (?3 IS NULL OR c.customer_name LIKE ?3 ESCAPE '\\' OR c.customer_phone LIKE ?3 ESCAPE '\\'
             OR c.customer_key LIKE ?3 ESCAPE '\\'
             OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.shop_id = c.shop_id
                        AND m.body LIKE ?3 ESCAPE '\\'))",
        view_clause(filter.view)
    );
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM conversations c WHERE {clause}"),
        params![shop, filter.status, q],
        |r| r.get(0),
    )?;
    let order = if filter.waiting_first {
        // Column 14 is the needs-human flag, 15 the waiting time (see `columns`).
        "14 DESC, 15 ASC, COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC"
    } else {
        "COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM conversations c WHERE {clause} ORDER BY {order} LIMIT ?4 OFFSET ?5",
        columns()
    ))?;
    let rows = stmt
        .query_map(
            params![shop, filter.status, q, filter.limit, filter.offset],
            conv_from_row,
        )?
        .collect::<Result<_, _>>()?;
    Ok((rows, total))
}

/// One conversation of the shop; another shop's id is [`DbError::NotFound`].
pub fn get(
    conn: &Connection,
    shop: ShopId,
    id: ConversationId,
) -> Result<ConversationRow, DbError> {
    conn.query_row(
        &format!(
            "SELECT {} FROM conversations c WHERE c.shop_id = ?1 AND c.id = ?2 AND c.simulated = 0",
            columns()
        ),
        params![shop, id],
        conv_from_row,
    )
    .map_err(DbError::not_found_if_none)
}

/// What the menu, the tab title and the dashboard count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Conversations with customer messages nobody has opened yet.
    pub unread_conversations: i64,
    pub unread_messages: i64,
    /// Conversations where a person must act ([`NEEDS_HUMAN_SQL`]).
    pub needs_human: i64,
    /// The newest customer message of a conversation that needs a person (0 if none):
    /// the admin's notifier compares it between polls.
    pub latest_waiting_message: i64,
}

pub fn counts(conn: &Connection, shop: ShopId) -> Result<Counts, DbError> {
    let (unread_conversations, unread_messages): (i64, i64) = conn.query_row(
        "SELECT count(*), COALESCE(sum(unread), 0) FROM conversations
         WHERE shop_id = ?1 AND unread > 0 AND simulated = 0",
        [shop],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (needs_human, latest): (i64, Option<i64>) = conn.query_row(
        &format!(
            "SELECT count(*), max((SELECT max(m.id) FROM messages m
                                   WHERE m.conversation_id = c.id AND m.direction = 'in'))
             FROM conversations c
             WHERE c.shop_id = ?1 AND c.simulated = 0 AND c.status != 'closed' AND {NEEDS_HUMAN_SQL}"
        ),
        [shop],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Counts {
        unread_conversations,
        unread_messages,
        needs_human,
        latest_waiting_message: latest.unwrap_or(0),
    })
}

/// The agent opened the thread: its messages are seen.
pub fn mark_seen(conn: &Connection, shop: ShopId, conv: ConversationId) -> Result<(), DbError> {
    conn.execute(
        "UPDATE conversations SET unread = 0 WHERE shop_id = ?1 AND id = ?2 AND unread != 0",
        params![shop, conv],
    )?;
    Ok(())
}

/// An agent takes the conversation: the bot stops answering it, and a conversation
/// waiting for a human is now being handled (`open`). `actor` is `agent:<id>`.
pub fn take_over(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    actor: &str,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET bot_paused = 1, status_by = ?3,
            status = CASE WHEN status IN ('needs_human', 'closed') THEN 'open' ELSE status END
         WHERE shop_id = ?1 AND id = ?2 AND simulated = 0",
        params![shop, conv, actor],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// The bot answers the conversation again.
pub fn hand_back(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    actor: &str,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET bot_paused = 0, status = 'open', unsure_count = 0, status_by = ?3
         WHERE shop_id = ?1 AND id = ?2 AND simulated = 0",
        params![shop, conv, actor],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// The conversation is resolved: closed, and handed back to the bot so the customer's
/// next message gets an answer (and reopens it).
pub fn resolve(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    actor: &str,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET status = 'closed', bot_paused = 0, unsure_count = 0, unread = 0,
            status_by = ?3
         WHERE shop_id = ?1 AND id = ?2 AND simulated = 0",
        params![shop, conv, actor],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// A closed conversation is open again (the bot answers it).
pub fn reopen(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    actor: &str,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE conversations SET status_by = ?3,
            status = CASE WHEN status = 'closed' THEN 'open' ELSE status END
         WHERE shop_id = ?1 AND id = ?2 AND simulated = 0",
        params![shop, conv, actor],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// The shop's sandbox conversation `key` (the admin simulator's, a console's), created
/// when new: marked `simulated`, so it never reaches the inbox, the contacts, the API
/// or the KPIs, and has no phone, so no prospect follows it.
pub fn sandbox(
    conn: &Connection,
    shop: ShopId,
    key: &str,
    name: &str,
) -> Result<ConversationId, DbError> {
    let id = super::conversations::get_or_create(
        conn,
        shop,
        key,
        &super::conversations::NewConversation {
            name: Some(name),
            ..Default::default()
        },
    )?;
    conn.execute(
        "UPDATE conversations SET simulated = 1 WHERE shop_id = ?1 AND id = ?2 AND simulated = 0",
        params![shop, id],
    )?;
    Ok(id)
}

/// Stores a message of a sandbox conversation (status `simulated`: never sent,
/// never counted).
pub fn store_simulated(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    incoming: bool,
    body: &str,
) -> Result<super::MessageId, DbError> {
    super::messages::insert(
        conn,
        shop,
        conv,
        &super::messages::NewMessage {
            direction: if incoming { "in" } else { "out" },
            kind: "text",
            body: Some(body),
            payload: None,
            status: crate::kinds::MessageStatus::Simulated.as_str(),
            author: if incoming { "customer" } else { "bot" },
        },
    )
}
