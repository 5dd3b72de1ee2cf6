//! A customer's right to be forgotten and to get their data, in SQL: every row about
//! one phone number of one shop (conversations, messages, assistant state, outbox,
//! prospect, notifications, raw webhook deliveries) is deleted, and their devis keep
//! only what the accounts need (number, date, lines, amounts) under an anonymous name.
//!
//! The stored files (media, devis PDFs) are returned for the caller to delete; the
//! pages freed are zeroed (`secure_delete`) and the WAL truncated afterwards, so no
//! copy of the text survives in the file either.

use super::{DbError, ShopId};
use rusqlite::{params, Connection};
use serde_json::{json, Value};

/// What stands in for the customer's name on an erased devis.
pub const ANONYMOUS: &str = "Client effacé";

/// What an erasure removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Erased {
    pub conversations: usize,
    pub messages: usize,
    pub devis_anonymised: usize,
    /// FileStore names of the customer's media and devis PDFs, to delete.
    pub files: Vec<String>,
}

/// The devis of the customer `?2` in shop `?1`: by phone, prospect or conversation.
const THEIR_DEVIS: &str = "shop_id = ?1 AND (customer_phone = ?2
    OR prospect_id IN (SELECT id FROM prospects WHERE shop_id = ?1 AND phone = ?2)
    OR conversation_id IN (SELECT id FROM conversations
                           WHERE shop_id = ?1 AND (customer_phone = ?2 OR customer_key = ?2)))";

/// The conversation ids of `phone` (digits, international form) in `shop`.
fn conversation_ids(conn: &Connection, shop: ShopId, phone: &str) -> Result<Vec<i64>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id FROM conversations
         WHERE shop_id = ?1 AND (customer_phone = ?2 OR customer_key = ?2)",
    )?;
    let ids = stmt
        .query_map(params![shop, phone], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// The names the customer is known by (conversations, prospect), to find them in
/// free text such as notifications.
fn names(conn: &Connection, shop: ShopId, phone: &str) -> Result<Vec<String>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT customer_name FROM conversations
         WHERE shop_id = ?1 AND (customer_phone = ?2 OR customer_key = ?2) AND customer_name IS NOT NULL
         UNION SELECT name FROM prospects WHERE shop_id = ?1 AND phone = ?2 AND name IS NOT NULL
         UNION SELECT customer_name FROM devis WHERE shop_id = ?1 AND customer_phone = ?2 AND customer_name IS NOT NULL",
    )?;
    let names: Vec<String> = stmt
        .query_map(params![shop, phone], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    // A one- or two-letter name would match half the notifications.
    Ok(names
        .into_iter()
        .filter(|n| n.chars().count() >= 3)
        .collect())
}

/// Erases `phone` (digits, international form) from `shop` in one transaction.
pub fn erase(conn: &mut Connection, shop: ShopId, phone: &str) -> Result<Erased, DbError> {
    if phone.is_empty() {
        return Err(DbError::Invalid("numéro de téléphone vide".into()));
    }
    conn.execute_batch("PRAGMA secure_delete = ON;")?;
    let tx = conn.transaction()?;
    let convs = conversation_ids(&tx, shop, phone)?;
    let names = names(&tx, shop, phone)?;
    let mut out = Erased {
        conversations: convs.len(),
        ..Erased::default()
    };
    for &conv in &convs {
        let mut stmt = tx.prepare(
            "SELECT media_path FROM messages
             WHERE shop_id = ?1 AND conversation_id = ?2 AND media_path IS NOT NULL",
        )?;
        for path in stmt.query_map(params![shop, conv], |r| r.get::<_, String>(0))? {
            out.files.push(path?);
        }
        drop(stmt);
        tx.execute(
            "DELETE FROM outbox WHERE shop_id = ?1 AND message_id IN
             (SELECT id FROM messages WHERE shop_id = ?1 AND conversation_id = ?2)",
            params![shop, conv],
        )?;
        out.messages += tx.execute(
            "DELETE FROM messages WHERE shop_id = ?1 AND conversation_id = ?2",
            params![shop, conv],
        )?;
        tx.execute(
            "DELETE FROM assistant_state WHERE shop_id = ?1 AND conversation_id = ?2",
            params![shop, conv],
        )?;
    }
    tx.execute(
        "DELETE FROM outbox WHERE shop_id = ?1 AND to_phone = ?2",
        params![shop, phone],
    )?;
    let mut stmt = tx.prepare(&format!(
        "SELECT pdf_path FROM devis WHERE pdf_path IS NOT NULL AND {THEIR_DEVIS}"
    ))?;
    for path in stmt.query_map(params![shop, phone], |r| r.get::<_, String>(0))? {
        out.files.push(path?);
    }
    drop(stmt);
    out.devis_anonymised = tx.execute(
        &format!(
            "UPDATE devis SET customer_name = ?3, customer_phone = NULL, pdf_path = NULL,
                    public_token = NULL, public_token_expires_at = NULL, conversation_id = NULL,
                    prospect_id = NULL
             WHERE {THEIR_DEVIS}"
        ),
        params![shop, phone, ANONYMOUS],
    )?;
    tx.execute(
        "DELETE FROM conversations WHERE shop_id = ?1 AND (customer_phone = ?2 OR customer_key = ?2)",
        params![shop, phone],
    )?;
    tx.execute(
        "DELETE FROM prospects WHERE shop_id = ?1 AND phone = ?2",
        params![shop, phone],
    )?;
    for needle in std::iter::once(phone.to_string()).chain(names) {
        tx.execute(
            "DELETE FROM notifications WHERE shop_id = ?1 AND instr(body, ?2) > 0",
            params![shop, needle],
        )?;
        // The raw deliveries kept for audit hold the number, the name and the text.
        tx.execute(
            "DELETE FROM inbound_events WHERE (shop_id = ?1 OR shop_id IS NULL)
             AND instr(CAST(payload AS TEXT), ?2) > 0",
            params![shop, needle],
        )?;
    }
    tx.commit()?;
    Ok(out)
}

/// Empties the WAL into the database and truncates it, so erased rows are gone from
/// both files (with `secure_delete`, their pages were zeroed).
pub fn checkpoint(conn: &Connection) -> Result<(), DbError> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// One customer's data as JSON (conversations with their messages, prospect, devis),
/// and the FileStore names of their media, for an export on request.
pub fn export(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
) -> Result<(Value, Vec<String>), DbError> {
    let mut files = Vec::new();
    let mut conversations = Vec::new();
    for conv in conversation_ids(conn, shop, phone)? {
        let head = conn.query_row(
            "SELECT customer_name, language, status, created_at FROM conversations
             WHERE shop_id = ?1 AND id = ?2",
            params![shop, conv],
            |r| {
                Ok(json!({"id": conv, "name": r.get::<_, Option<String>>(0)?,
                          "language": r.get::<_, Option<String>>(1)?,
                          "status": r.get::<_, String>(2)?, "created_at": r.get::<_, String>(3)?}))
            },
        )?;
        let mut stmt = conn.prepare(
            "SELECT direction, kind, body, media_path, author, created_at FROM messages
             WHERE shop_id = ?1 AND conversation_id = ?2 ORDER BY id",
        )?;
        let messages: Vec<Value> = stmt
            .query_map(params![shop, conv], |r| {
                let media: Option<String> = r.get(3)?;
                Ok((
                    json!({"direction": r.get::<_, String>(0)?, "kind": r.get::<_, String>(1)?,
                           "body": r.get::<_, Option<String>>(2)?, "file": media,
                           "author": r.get::<_, Option<String>>(4)?, "at": r.get::<_, String>(5)?}),
                    media,
                ))
            })?
            .map(|row| {
                row.map(|(m, media)| {
                    files.extend(media);
                    m
                })
            })
            .collect::<Result<_, _>>()?;
        let mut head = head;
        head["messages"] = Value::Array(messages);
        conversations.push(head);
    }
    let mut stmt = conn.prepare(
        "SELECT name, status, notes, first_contact_at, last_contact_at FROM prospects
         WHERE shop_id = ?1 AND phone = ?2",
    )?;
    let prospect: Vec<Value> = stmt
        .query_map(params![shop, phone], |r| {
            Ok(
                json!({"name": r.get::<_, Option<String>>(0)?, "stage": r.get::<_, String>(1)?,
                      "notes": r.get::<_, String>(2)?, "first_contact_at": r.get::<_, String>(3)?,
                      "last_contact_at": r.get::<_, String>(4)?}),
            )
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT number, customer_name, status, total_ttc, currency, created_at FROM devis
         WHERE {THEIR_DEVIS} ORDER BY id"
    ))?;
    let devis: Vec<Value> = stmt
        .query_map(params![shop, phone], |r| {
            Ok(
                json!({"number": r.get::<_, String>(0)?, "name": r.get::<_, Option<String>>(1)?,
                      "status": r.get::<_, String>(2)?, "total_ttc": r.get::<_, i64>(3)?,
                      "currency": r.get::<_, String>(4)?, "created_at": r.get::<_, String>(5)?}),
            )
        })?
        .collect::<Result<_, _>>()?;
    let data = json!({"phone": phone, "conversations": conversations,
                      "prospect": prospect.into_iter().next(), "devis": devis});
    Ok((data, files))
}

/// Retention: deletes `shop`'s messages (with their outbox rows) and raw webhook
/// deliveries stored before `cutoff` (`YYYY-MM-DDTHH:MM:SSZ`). Returns how many
/// messages went and the FileStore names of their media, for the caller to delete.
pub fn delete_older_than(
    conn: &mut Connection,
    shop: ShopId,
    cutoff: &str,
) -> Result<(usize, Vec<String>), DbError> {
    conn.execute_batch("PRAGMA secure_delete = ON;")?;
    let tx = conn.transaction()?;
    let mut stmt = tx.prepare(
        "SELECT media_path FROM messages
         WHERE shop_id = ?1 AND created_at < ?2 AND media_path IS NOT NULL",
    )?;
    let files = stmt
        .query_map(params![shop, cutoff], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    tx.execute(
        "DELETE FROM outbox WHERE shop_id = ?1 AND message_id IN
         (SELECT id FROM messages WHERE shop_id = ?1 AND created_at < ?2)",
        params![shop, cutoff],
    )?;
    let n = tx.execute(
        "DELETE FROM messages WHERE shop_id = ?1 AND created_at < ?2",
        params![shop, cutoff],
    )?;
    tx.execute(
        "DELETE FROM inbound_events WHERE shop_id = ?1 AND received_at < ?2",
        params![shop, cutoff],
    )?;
    tx.commit()?;
    Ok((n, files))
}
