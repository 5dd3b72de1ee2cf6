//! Products of a shop: the ground truth for prices, stock and images. Every function
//! takes the shop and filters by it. Search goes through `catalog::Catalog`,
//! which keeps its Tantivy index in step with these rows.

use super::{DbError, ProductId, ShopId};
use crate::money::Ariary;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Product {
    pub id: ProductId,
    pub shop_id: ShopId,
    pub sku: String,
    pub title: String,
    pub description: String,
    /// Minor units of `currency` (MGA: 1 = 1 Ar).
    pub price: Ariary,
    pub currency: String,
    /// On the shelf (`None`: not tracked); see [`Product::available`] for what a
    /// customer can still be promised.
    pub stock: Option<i64>,
    /// An external URL, a file name from the CSV, or the FileStore name of an
    /// uploaded image (`products/{shop}/{sku}`).
    pub image: Option<String>,
    pub updated_at: String,
    /// Held by orders not paid yet (`stock_holds`).
    pub held: i64,
}

impl Product {
    /// The stock a customer can still be promised: on the shelf minus what unpaid
    /// orders hold; `None` when the shop does not track it.
    pub fn available(&self) -> Option<i64> {
        self.stock.map(|s| (s - self.held).max(0))
    }
}

/// What an import row or the admin form says about a product.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProductInput {
    pub sku: String,
    pub title: String,
    pub description: String,
    pub price: Ariary,
    pub currency: String,
    pub stock: Option<i64>,
    pub image: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Added,
    Updated,
    Unchanged,
}

const COLUMNS: &str =
    "id, shop_id, sku, title, description, price, currency, stock, image, updated_at";
/// The quantity unpaid orders hold, read with every product (column 10).
const HELD: &str = "(SELECT COALESCE(SUM(h.qty), 0) FROM stock_holds h
    WHERE h.shop_id = products.shop_id AND h.sku = products.sku)";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Product> {
    Ok(Product {
        id: r.get(0)?,
        shop_id: r.get(1)?,
        sku: r.get(2)?,
        title: r.get(3)?,
        description: r.get(4)?,
        price: r.get(5)?,
        currency: r.get(6)?,
        stock: r.get(7)?,
        image: r.get(8)?,
        updated_at: r.get(9)?,
        held: r.get(10)?,
    })
}

pub fn get(conn: &Connection, shop: ShopId, id: ProductId) -> Result<Product, DbError> {
    conn.query_row(
        &format!("SELECT {COLUMNS}, {HELD} FROM products WHERE shop_id = ?1 AND id = ?2"),
        params![shop, id],
        from_row,
    )
    .map_err(DbError::not_found_if_none)
}

pub fn get_by_sku(conn: &Connection, shop: ShopId, sku: &str) -> Result<Option<Product>, DbError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS}, {HELD} FROM products WHERE shop_id = ?1 AND sku = ?2"
        ))?
        .query_row(params![shop, sku], from_row)
        .optional()?)
}

/// The products with these ids that belong to `shop`, keyed by id.
pub fn get_many(
    conn: &Connection,
    shop: ShopId,
    ids: &[ProductId],
) -> Result<HashMap<ProductId, Product>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {HELD} FROM products WHERE shop_id = ?1 AND id = ?2"
    ))?;
    let mut out = HashMap::with_capacity(ids.len());
    for id in ids {
        if let Some(p) = stmt.query_row(params![shop, id], from_row).optional()? {
            out.insert(*id, p);
        }
    }
    Ok(out)
}

/// The shop's first `limit` products in catalogue order (the assistant's fallback
/// when the search index is not there).
pub fn first(conn: &Connection, shop: ShopId, limit: usize) -> Result<Vec<Product>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {HELD} FROM products WHERE shop_id = ?1 ORDER BY id LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![shop, limit as i64], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// A page of the shop's products ordered by title; `q` filters on SKU or title
/// (substring, case-insensitive for ASCII). Empty `q` lists everything.
pub fn list(
    conn: &Connection,
    shop: ShopId,
    q: &str,
    limit: usize,
    offset: usize,
) -> Result<Vec<Product>, DbError> {
    let like = format!("%{}%", q.trim());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {HELD} FROM products WHERE shop_id = ?1 AND (sku LIKE ?2 OR title LIKE ?2)
         ORDER BY title COLLATE NOCASE, id LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt
        .query_map(params![shop, like, limit as i64, offset as i64], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn count(conn: &Connection, shop: ShopId, q: &str) -> Result<i64, DbError> {
    let like = format!("%{}%", q.trim());
    Ok(conn.query_row(
        "SELECT count(*) FROM products WHERE shop_id = ?1 AND (sku LIKE ?2 OR title LIKE ?2)",
        params![shop, like],
        |r| r.get(0),
    )?)
}

/// Number of products per shop (to check the search index against).
pub fn counts_by_shop(conn: &Connection) -> Result<HashMap<ShopId, u64>, DbError> {
    let mut stmt = conn.prepare("SELECT shop_id, count(*) FROM products GROUP BY shop_id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, ShopId>(0)?, r.get::<_, i64>(1)? as u64))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Calls `f` for every product (of one shop, or all), for index rebuilds.
pub fn for_each(
    conn: &Connection,
    shop: Option<ShopId>,
    mut f: impl FnMut(Product),
) -> Result<(), DbError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, {HELD} FROM products WHERE ?1 IS NULL OR shop_id = ?1"
    ))?;
    let mut rows = stmt.query([shop])?;
    while let Some(r) = rows.next()? {
        f(from_row(r)?);
    }
    Ok(())
}

/// Inserts or updates the product with this SKU; says which it was.
pub fn upsert(
    conn: &Connection,
    shop: ShopId,
    p: &ProductInput,
) -> Result<(ProductId, Upsert), DbError> {
    if let Some(old) = get_by_sku(conn, shop, &p.sku)? {
        let same = old.title == p.title
            && old.description == p.description
            && old.price == p.price
            && old.currency == p.currency
            && old.stock == p.stock
            && (p.image.is_none() || old.image == p.image);
        if same {
            return Ok((old.id, Upsert::Unchanged));
        }
        update(conn, shop, old.id, p)?;
        return Ok((old.id, Upsert::Updated));
    }
    conn.prepare_cached(
        "INSERT INTO products (shop_id, sku, title, description, price, currency, stock, image)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        shop,
        p.sku,
        p.title,
        p.description,
        p.price,
        p.currency,
        p.stock,
        p.image
    ])?;
    Ok((ProductId(conn.last_insert_rowid()), Upsert::Added))
}

/// Creates a product; a SKU already used by the shop is a conflict.
pub fn create(conn: &Connection, shop: ShopId, p: &ProductInput) -> Result<ProductId, DbError> {
    if get_by_sku(conn, shop, &p.sku)?.is_some() {
        return Err(DbError::Conflict(format!(
            "la référence (SKU) « {} » existe déjà",
            p.sku
        )));
    }
    upsert(conn, shop, p).map(|(id, _)| id)
}

/// Updates every field; an input without image keeps the current one.
pub fn update(
    conn: &Connection,
    shop: ShopId,
    id: ProductId,
    p: &ProductInput,
) -> Result<(), DbError> {
    let n = conn
        .prepare_cached(
            "UPDATE products SET sku = ?3, title = ?4, description = ?5, price = ?6, currency = ?7,
                 stock = ?8, image = COALESCE(?9, image), updated_at = ?10
             WHERE shop_id = ?1 AND id = ?2",
        )?
        .execute(params![
            shop,
            id,
            p.sku,
            p.title,
            p.description,
            p.price,
            p.currency,
            p.stock,
            p.image,
            super::now_text()
        ])
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                DbError::Conflict(format!("la référence (SKU) « {} » existe déjà", p.sku))
            }
            other => other.into(),
        })?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

pub fn set_stock(
    conn: &Connection,
    shop: ShopId,
    id: ProductId,
    stock: Option<i64>,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE products SET stock = ?3, updated_at = ?4 WHERE shop_id = ?1 AND id = ?2",
        params![shop, id, stock, super::now_text()],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Puts `qty` of `sku` back on the shelf (a paid order cancelled); a product whose
/// stock is not tracked stays untracked.
pub fn restock(conn: &Connection, shop: ShopId, sku: &str, qty: i64) -> Result<(), DbError> {
    conn.prepare_cached(
        "UPDATE products SET stock = stock + ?3, updated_at = ?4
         WHERE shop_id = ?1 AND sku = ?2 AND stock IS NOT NULL",
    )?
    .execute(params![shop, sku, qty, super::now_text()])?;
    Ok(())
}

pub fn set_image(
    conn: &Connection,
    shop: ShopId,
    id: ProductId,
    image: Option<&str>,
) -> Result<(), DbError> {
    let n = conn.execute(
        "UPDATE products SET image = ?3, updated_at = ?4 WHERE shop_id = ?1 AND id = ?2",
        params![shop, id, image, super::now_text()],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Deletes the product; returns it (to clean up its image), or `NotFound`.
pub fn delete(conn: &Connection, shop: ShopId, id: ProductId) -> Result<Product, DbError> {
    let p = get(conn, shop, id)?;
    conn.execute(
        "DELETE FROM products WHERE shop_id = ?1 AND id = ?2",
        params![shop, id],
    )?;
    Ok(p)
}

/// The first `limit` products of the shop by title (byte order, as the devis form
/// has always listed them).
pub fn by_title(conn: &Connection, shop: ShopId, limit: usize) -> Result<Vec<Product>, DbError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {HELD} FROM products WHERE shop_id = ?1 ORDER BY title LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![shop, limit as i64], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The products to offer before any search in the devis editor: the ones the shop
/// puts in devis most often, then by title, each with how many devis had it (so the
/// page can tell a habit from a plain start of the catalogue).
pub fn suggested_for_devis(
    conn: &Connection,
    shop: ShopId,
    limit: usize,
) -> Result<Vec<(Product, i64)>, DbError> {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("p.{c}")).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT {}, {}, COALESCE(u.n, 0) FROM products p
         LEFT JOIN (SELECT l.sku, count(*) AS n FROM devis_lines l JOIN devis d ON d.id = l.devis_id
                    WHERE d.shop_id = ?1 AND l.sku != '' GROUP BY l.sku) u ON u.sku = p.sku
         WHERE p.shop_id = ?1 ORDER BY COALESCE(u.n, 0) DESC, p.title LIMIT ?2",
        columns.join(", "),
        HELD.replace("products.", "p.")
    ))?;
    let rows = stmt
        .query_map(params![shop, limit as i64], |r| {
            Ok((from_row(r)?, r.get(columns.len() + 1)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
