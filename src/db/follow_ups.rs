//! Devis follow-ups: a devis sent in a conversation and still unanswered
//! `followup.devis_hours` after (24 by default; `0` or `off` turns them off) gets one
//! reminder, remembered in `devis.followed_up_at` so it is never sent twice.

use super::{ConversationId, DbError, DevisId, ShopId};
use crate::money::Ariary;
use rusqlite::{params, Connection};

/// A devis due for its reminder.
#[derive(Debug, Clone)]
pub struct Due {
    pub shop: ShopId,
    pub devis: DevisId,
    pub conversation: ConversationId,
    pub number: String,
    pub total_ttc: Ariary,
    pub currency: String,
    pub valid_until: String,
    pub customer_name: Option<String>,
    pub language: Option<String>,
}

/// Every shop's devis due for a reminder at `now` (RFC 3339), still valid on `today`.
pub fn due(conn: &Connection, now: &str, today: &str) -> Result<Vec<Due>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT d.shop_id, d.id, d.conversation_id, d.number, d.total_ttc, d.currency, d.valid_until,
                COALESCE(d.customer_name, c.customer_name), c.language
         FROM devis d JOIN conversations c ON c.id = d.conversation_id AND c.shop_id = d.shop_id
         WHERE d.status = 'sent' AND d.followed_up_at IS NULL AND d.sent_at IS NOT NULL
           AND d.valid_until >= ?2
           AND COALESCE((SELECT value FROM settings s WHERE s.shop_id = d.shop_id AND s.key = 'followup.devis_hours'), '24')
               NOT IN ('0', 'off', 'non', 'false')
           AND strftime('%s', d.sent_at) + 3600 * CAST(COALESCE((SELECT value FROM settings s
                 WHERE s.shop_id = d.shop_id AND s.key = 'followup.devis_hours'), '24') AS INTEGER)
               <= strftime('%s', ?1)
         ORDER BY d.id LIMIT 200",
    )?;
    let rows = stmt
        .query_map(params![now, today], |r| {
            Ok(Due {
                shop: r.get(0)?,
                devis: r.get(1)?,
                conversation: r.get(2)?,
                number: r.get(3)?,
                total_ttc: r.get(4)?,
                currency: r.get(5)?,
                valid_until: r.get(6)?,
                customer_name: r.get(7)?,
                language: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The reminder of `devis` is queued.
pub fn mark(conn: &Connection, shop: ShopId, devis: DevisId) -> Result<(), DbError> {
    conn.execute(
        "UPDATE devis SET followed_up_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE shop_id = ?1 AND id = ?2",
        params![shop, devis],
    )?;
    Ok(())
}
