//! Internal notes in a conversation's thread: written by the shop's team for each
//! other, never sent to the customer.

use super::{AccountId, ConversationId, DbError, ShopId};
use rusqlite::{params, Connection};

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: i64,
    pub author_email: String,
    pub body: String,
    pub created_at: String,
}

/// Adds a note to the shop's conversation (refused for another shop's: not found).
pub fn add(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    author: (AccountId, &str),
    body: &str,
) -> Result<i64, DbError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(DbError::Invalid("la note est vide".into()));
    }
    if body.chars().count() > 4000 {
        return Err(DbError::Invalid("note : 4 000 caractères au plus".into()));
    }
    let n = conn.execute(
        "INSERT INTO conversation_notes (shop_id, conversation_id, author_id, author_email, body)
         SELECT ?1, id, ?3, ?4, ?5 FROM conversations WHERE shop_id = ?1 AND id = ?2",
        params![shop, conv, author.0, author.1, body],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(conn.last_insert_rowid())
}

/// The notes of a conversation, oldest first.
pub fn of_conversation(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
) -> Result<Vec<Note>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, author_email, body, created_at FROM conversation_notes
         WHERE shop_id = ?1 AND conversation_id = ?2 ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![shop, conv], |r| {
            Ok(Note {
                id: r.get(0)?,
                author_email: r.get(1)?,
                body: r.get(2)?,
                created_at: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
