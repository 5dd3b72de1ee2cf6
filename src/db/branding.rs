//! A shop's branding (`shop_branding`): the logo as checked PNG bytes, the accent
//! colour and the footer line of its devis and factures. Validation lives in the
//! branding domain; this file only stores what it was given.

use super::{now_text, DbError, ShopId};
use rusqlite::{params, Connection, OptionalExtension};

/// What a shop stored; every part optional.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Branding {
    pub logo_png: Option<Vec<u8>>,
    pub accent: Option<String>,
    pub footer: Option<String>,
}

impl std::fmt::Debug for Branding {
    // The logo's bytes would flood a log line: its size is enough.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Branding")
            .field("logo_png", &self.logo_png.as_ref().map(Vec::len))
            .field("accent", &self.accent)
            .field("footer", &self.footer)
            .finish()
    }
}

pub fn get(conn: &Connection, shop: ShopId) -> Result<Branding, DbError> {
    Ok(conn
        .query_row(
            "SELECT logo_png, accent, footer FROM shop_branding WHERE shop_id = ?1",
            [shop],
            |r| {
                Ok(Branding {
                    logo_png: r.get(0)?,
                    accent: r.get(1)?,
                    footer: r.get(2)?,
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// Replaces the whole branding (the import, and the admin form with the logo kept).
pub fn put(conn: &Connection, shop: ShopId, b: &Branding) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO shop_branding (shop_id, logo_png, accent, footer, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (shop_id) DO UPDATE SET logo_png = excluded.logo_png,
             accent = excluded.accent, footer = excluded.footer,
             updated_at = excluded.updated_at",
        params![shop, b.logo_png, b.accent, b.footer, now_text()],
    )?;
    Ok(())
}
