//! Devis (quotes) and their lines: SQL only. Numbering, totals and rules live in
//! `quotes`; every query here takes the shop it belongs to, except the lookup
//! by public token, where the random token itself is the credential.

use super::{ConversationId, DbError, DevisId, ShopId};
use crate::kinds::{DevisLineKind, DevisStatus};
use crate::money::Ariary;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct DevisLine {
    pub position: i64,
    /// A catalogue product, a delivery fee, a free-text line or a discount.
    pub kind: DevisLineKind,
    /// The product's SKU; empty for the other kinds.
    pub sku: String,
    pub designation: String,
    pub qty: i64,
    pub unit_price: Ariary,
    pub line_total: Ariary,
}

#[derive(Debug, Clone, Serialize)]
pub struct Devis {
    pub id: DevisId,
    pub shop_id: ShopId,
    pub number: String,
    pub year: i32,
    pub seq: i64,
    pub conversation_id: Option<ConversationId>,
    pub prospect_id: Option<i64>,
    pub customer_name: Option<String>,
    pub customer_phone: Option<String>,
    /// As stored; see `quotes::effective_status` for what a reader should see.
    pub status: DevisStatus,
    pub currency: String,
    pub vat_rate_bp: Option<i64>,
    pub total_ht: Ariary,
    pub tva: Ariary,
    pub total_ttc: Ariary,
    /// Last day of validity, `YYYY-MM-DD` in the shop's time zone.
    pub valid_until: String,
    pub pdf_path: Option<String>,
    pub created_at: String,
    #[serde(skip)]
    pub public_token: Option<String>,
    #[serde(skip)]
    pub public_token_expires_at: Option<String>,
    pub sent_at: Option<String>,
    pub accepted_at: Option<String>,
    pub lines: Vec<DevisLine>,
}

/// What `quotes::create` inserts, numbers and totals already computed.
#[derive(Debug, Clone)]
pub struct NewRow {
    pub number: String,
    pub year: i32,
    pub seq: i64,
    pub conversation_id: Option<ConversationId>,
    pub prospect_id: Option<i64>,
    pub customer_name: Option<String>,
    pub customer_phone: Option<String>,
    pub currency: String,
    pub vat_rate_bp: Option<i64>,
    pub total_ht: Ariary,
    pub tva: Ariary,
    pub total_ttc: Ariary,
    pub valid_until: String,
    pub created_at: String,
    pub public_token: String,
    pub public_token_expires_at: String,
    pub lines: Vec<DevisLine>,
}

const COLUMNS: &str = "id, shop_id, number, year, seq, conversation_id, prospect_id, customer_name,
    customer_phone, status, currency, vat_rate_bp, total_ht, tva, total_ttc, valid_until, pdf_path,
    created_at, public_token, public_token_expires_at, sent_at, accepted_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Devis> {
    Ok(Devis {
        id: r.get(0)?,
        shop_id: r.get(1)?,
        number: r.get(2)?,
        year: r.get(3)?,
        seq: r.get(4)?,
        conversation_id: r.get(5)?,
        prospect_id: r.get(6)?,
        customer_name: r.get(7)?,
        customer_phone: r.get(8)?,
        status: r.get(9)?,
        currency: r.get(10)?,
        vat_rate_bp: r.get(11)?,
        total_ht: r.get(12)?,
        tva: r.get(13)?,
        total_ttc: r.get(14)?,
        valid_until: r.get(15)?,
        pdf_path: r.get(16)?,
        created_at: r.get(17)?,
        public_token: r.get(18)?,
        public_token_expires_at: r.get(19)?,
        sent_at: r.get(20)?,
        accepted_at: r.get(21)?,
        lines: Vec::new(),
    })
}

/// Inserts the devis and its lines; call inside the numbering transaction.
pub fn insert(tx: &Connection, shop: ShopId, row: &NewRow) -> Result<DevisId, DbError> {
    tx.execute(
        "INSERT INTO devis (shop_id, number, year, seq, conversation_id, prospect_id, customer_name,
            customer_phone, status, currency, vat_rate_bp, total_ht, tva, total_ttc, valid_until,
            created_at, public_token, public_token_expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            shop, row.number, row.year, row.seq, row.conversation_id, row.prospect_id,
            row.customer_name, row.customer_phone, row.currency, row.vat_rate_bp, row.total_ht,
            row.tva, row.total_ttc, row.valid_until, row.created_at, row.public_token,
            row.public_token_expires_at
        ],
    )?;
    let id = DevisId(tx.last_insert_rowid());
    let mut stmt = tx.prepare(
        "INSERT INTO devis_lines (devis_id, position, sku, designation, qty, unit_price, line_total, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for l in &row.lines {
        stmt.execute(params![
            id,
            l.position,
            l.sku,
            l.designation,
            l.qty,
            l.unit_price,
            l.line_total,
            l.kind
        ])?;
    }
    Ok(id)
}

fn lines_of(conn: &Connection, id: DevisId) -> Result<Vec<DevisLine>, DbError> {
    let mut stmt = conn.prepare_cached(
        "SELECT position, sku, designation, qty, unit_price, line_total, kind FROM devis_lines
         WHERE devis_id = ?1 ORDER BY position",
    )?;
    let lines = stmt
        .query_map([id], |r| {
            Ok(DevisLine {
                position: r.get(0)?,
                sku: r.get(1)?,
                designation: r.get(2)?,
                qty: r.get(3)?,
                unit_price: r.get(4)?,
                line_total: r.get(5)?,
                kind: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(lines)
}

/// The shop's devis `id` with its lines; `NotFound` for another shop's devis.
pub fn get(conn: &Connection, shop: ShopId, id: DevisId) -> Result<Devis, DbError> {
    let mut d = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM devis WHERE id = ?1 AND shop_id = ?2"),
            params![id, shop],
            from_row,
        )
        .map_err(DbError::not_found_if_none)?;
    d.lines = lines_of(conn, d.id)?;
    Ok(d)
}

/// The devis behind a public link, if the token exists and has not expired at `now`.
pub fn by_public_token(
    conn: &Connection,
    token: &str,
    now: &str,
) -> Result<Option<Devis>, DbError> {
    let d = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM devis WHERE public_token = ?1 AND public_token_expires_at > ?2"
            ),
            params![token, now],
            from_row,
        )
        .optional()?;
    match d {
        Some(mut d) => {
            d.lines = lines_of(conn, d.id)?;
            Ok(Some(d))
        }
        None => Ok(None),
    }
}

/// Newest first, without lines.
pub fn list(
    conn: &Connection,
    shop: ShopId,
    limit: i64,
    offset: i64,
) -> Result<Vec<Devis>, DbError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM devis WHERE shop_id = ?1 ORDER BY id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt
        .query_map(params![shop, limit, offset], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The newest devis of a conversation in one of `statuses`.
pub fn latest_for_conversation(
    conn: &Connection,
    shop: ShopId,
    conversation: ConversationId,
    statuses: &[DevisStatus],
) -> Result<Option<Devis>, DbError> {
    let list = statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(",");
    let d = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM devis WHERE shop_id = ?1 AND conversation_id = ?2
                 AND status IN ({list}) ORDER BY id DESC LIMIT 1"
            ),
            params![shop, conversation],
            from_row,
        )
        .optional()?;
    match d {
        Some(mut d) => {
            d.lines = lines_of(conn, d.id)?;
            Ok(Some(d))
        }
        None => Ok(None),
    }
}

pub fn count(conn: &Connection, shop: ShopId) -> Result<i64, DbError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM devis WHERE shop_id = ?1",
        [shop],
        |r| r.get(0),
    )?)
}

/// Sets the status (and `sent_at` / `accepted_at` when it becomes sent / accepted).
pub fn set_status(
    conn: &Connection,
    shop: ShopId,
    id: DevisId,
    status: DevisStatus,
) -> Result<(), DbError> {
    let now = super::now_text();
    let n = conn.execute(
        "UPDATE devis SET status = ?3,
            sent_at = CASE WHEN ?3 = 'sent' THEN COALESCE(sent_at, ?4) ELSE sent_at END,
            accepted_at = CASE WHEN ?3 = 'accepted' THEN COALESCE(accepted_at, ?4) ELSE accepted_at END
         WHERE id = ?1 AND shop_id = ?2",
        params![id, shop, status, now],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

pub fn set_pdf_path(
    conn: &Connection,
    shop: ShopId,
    id: DevisId,
    path: &str,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE devis SET pdf_path = ?3 WHERE id = ?1 AND shop_id = ?2",
        params![id, shop, path],
    )?;
    Ok(())
}

/// Links a devis created outside a chat to the conversation it is sent in.
pub fn set_conversation(
    conn: &Connection,
    shop: ShopId,
    id: DevisId,
    conversation: ConversationId,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE devis SET conversation_id = ?3 WHERE id = ?1 AND shop_id = ?2 AND conversation_id IS NULL",
        params![id, shop, conversation],
    )?;
    Ok(())
}

/// Marks draft and sent devis whose validity ended before `today` (`YYYY-MM-DD`) as
/// expired; returns how many changed. The periodic check calls it for every shop.
pub fn expire_overdue(conn: &Connection, shop: ShopId, today: &str) -> Result<usize, DbError> {
    Ok(conn.execute(
        "UPDATE devis SET status = 'expired'
         WHERE shop_id = ?1 AND status IN ('draft', 'sent') AND valid_until < ?2",
        params![shop, today],
    )?)
}
