//! The shop's contacts: one per customer conversation (never the simulator's), with
//! what the shop adds to it (`contact_profiles`, V82: tags, opt-out), its prospect
//! stage and counts, for the contacts page and its CSV export.
//!
//! Opting out records that the customer asked for no more messages from the shop:
//! whoever sends on the shop's initiative (follow-ups, broadcasts, template
//! notifications) must check [`is_opted_out`]; replies to the customer's own
//! messages are not concerned.

use super::{ConversationId, DbError, ShopId};
use rusqlite::{params, Connection};

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub conversation_id: ConversationId,
    pub customer_key: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub tags: Vec<String>,
    pub opted_out_at: Option<String>,
    pub first_contact_at: String,
    pub last_contact_at: Option<String>,
    pub messages: i64,
    pub devis: i64,
    /// The prospect's pipeline stage, when the customer has a prospect.
    pub stage: Option<String>,
}

impl Contact {
    /// What the customer's rows are stored under: their phone, else their WhatsApp user
    /// id (a username-only customer). Erasure and export go by it.
    pub fn key(&self) -> &str {
        self.phone.as_deref().unwrap_or(&self.customer_key)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Name, phone or tag.
    pub q: Option<String>,
    pub tag: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

const SELECT: &str = "SELECT c.id, c.customer_key, c.customer_name, c.customer_phone,
    COALESCE(p.tags, ''), p.opted_out_at, c.created_at, c.last_message_at,
    (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id),
    (SELECT count(*) FROM devis d WHERE d.shop_id = c.shop_id
        AND (d.conversation_id = c.id OR (c.customer_phone IS NOT NULL AND d.customer_phone = c.customer_phone))),
    (SELECT pr.status FROM prospects pr WHERE pr.shop_id = c.shop_id AND pr.phone = c.customer_phone)
    FROM conversations c
    LEFT JOIN contact_profiles p ON p.shop_id = c.shop_id AND p.customer_key = c.customer_key";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Contact> {
    let tags: String = r.get(4)?;
    Ok(Contact {
        conversation_id: r.get(0)?,
        customer_key: r.get(1)?,
        name: r.get(2)?,
        phone: r.get(3)?,
        tags: split_tags(&tags),
        opted_out_at: r.get(5)?,
        first_contact_at: r.get(6)?,
        last_contact_at: r.get(7)?,
        messages: r.get(8)?,
        devis: r.get(9)?,
        stage: r.get(10)?,
    })
}

fn split_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// `"VIP, grossiste ,vip"` → `vip,grossiste` (lowercase, no repeats, 20 at most).
pub fn normalize_tags(text: &str) -> Result<String, DbError> {
    let mut out: Vec<String> = Vec::new();
    for tag in text.split(',') {
        let tag = tag.trim().to_lowercase();
        if tag.is_empty() || out.contains(&tag) {
            continue;
        }
        if tag.chars().count() > 30 {
            return Err(DbError::Invalid(format!(
                "étiquette « {tag} » : 30 caractères au plus"
            )));
        }
        out.push(tag);
    }
    if out.len() > 20 {
        return Err(DbError::Invalid("20 étiquettes au plus par contact".into()));
    }
    Ok(out.join(","))
}

/// One page of the shop's contacts, latest contact first, and the total.
pub fn list(
    conn: &Connection,
    shop: ShopId,
    filter: &Filter,
) -> Result<(Vec<Contact>, i64), DbError> {
    let q = filter
        .q
        .as_deref()
        .filter(|q| !q.trim().is_empty())
        .map(super::inbox::like_pattern);
    let tag = filter
        .tag
        .as_deref()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .map(|t| format!(",{t},"));
    let clause = "c.shop_id = ?1 AND c.simulated = 0
        AND (?2 IS NULL OR c.customer_name LIKE ?2 ESCAPE '\\' OR c.customer_phone LIKE ?2 ESCAPE '\\'
             OR c.customer_key LIKE ?2 ESCAPE '\\' OR p.tags LIKE ?2 ESCAPE '\\')
        AND (?3 IS NULL OR instr(',' || COALESCE(p.tags, '') || ',', ?3) > 0)";
    let total: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM conversations c LEFT JOIN contact_profiles p
             ON p.shop_id = c.shop_id AND p.customer_key = c.customer_key WHERE {clause}"
        ),
        params![shop, q, tag],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE {clause} ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id DESC
         LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = stmt
        .query_map(params![shop, q, tag, filter.limit, filter.offset], from_row)?
        .collect::<Result<_, _>>()?;
    Ok((rows, total))
}

/// The contact of the shop's conversation `conv`.
pub fn get(conn: &Connection, shop: ShopId, conv: ConversationId) -> Result<Contact, DbError> {
    conn.query_row(
        &format!("{SELECT} WHERE c.shop_id = ?1 AND c.id = ?2 AND c.simulated = 0"),
        params![shop, conv],
        from_row,
    )
    .map_err(DbError::not_found_if_none)
}

/// Every tag the shop uses, alphabetically.
pub fn all_tags(conn: &Connection, shop: ShopId) -> Result<Vec<String>, DbError> {
    let mut stmt = conn.prepare("SELECT tags FROM contact_profiles WHERE shop_id = ?1")?;
    let mut tags: Vec<String> = stmt
        .query_map([shop], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?
        .iter()
        .flat_map(|t| split_tags(t))
        .collect();
    tags.sort();
    tags.dedup();
    Ok(tags)
}

/// Sets the tags and the opt-out of the contact of conversation `conv`.
pub fn update(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    tags: &str,
    opted_out: bool,
) -> Result<(), DbError> {
    let tags = normalize_tags(tags)?;
    let n = conn.execute(
        "INSERT INTO contact_profiles (shop_id, customer_key, tags, opted_out_at, updated_at)
         SELECT ?1, customer_key, ?3, CASE WHEN ?4 THEN ?5 END, ?5
         FROM conversations WHERE shop_id = ?1 AND id = ?2 AND simulated = 0
         ON CONFLICT (shop_id, customer_key) DO UPDATE SET tags = excluded.tags,
           opted_out_at = CASE WHEN ?4 THEN COALESCE(contact_profiles.opted_out_at, excluded.updated_at) END,
           updated_at = excluded.updated_at",
        params![shop, conv, tags, opted_out, super::now_text()],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// True when the customer `customer_key` asked the shop for no more messages.
pub fn is_opted_out(conn: &Connection, shop: ShopId, customer_key: &str) -> Result<bool, DbError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM contact_profiles WHERE shop_id = ?1 AND customer_key = ?2
                        AND opted_out_at IS NOT NULL)",
        params![shop, customer_key],
        |r| r.get(0),
    )?)
}
