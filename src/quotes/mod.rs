//! Devis (quotes): creation with continuous numbering, totals, amount in words, PDF,
//! sending in the chat and acceptance.
//!
//! Invariants: amounts are integer Ariary taken from the catalogue at creation (never
//! from the model); a devis number `DEV-YYYY-NNNN` is drawn in the same `BEGIN
//! IMMEDIATE` transaction as the insert, so numbers have no gaps or duplicates; the PDF
//! is stored sealed at `devis/{shop}/{number}.pdf`.

pub mod chat;
pub mod numbering;
pub mod pdf;
pub mod text;
pub mod totals;
pub mod words;

pub use crate::db::devis::{Devis, DevisLine};
pub use chat::{accept, is_acceptance, pending_in_conversation, refuse, send_in_chat};

use crate::crypto::{FileError, FileStore};
use crate::db::{devis, shops, ConversationId, Db, DbError, DevisId, ShopId};
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

/// Validity when the shop did not set `devis.validity_days`.
pub const DEFAULT_VALIDITY_DAYS: i64 = 15;
/// How long a public link stays valid after the devis itself expires.
const LINK_GRACE_DAYS: i64 = 30;

#[derive(Debug, thiserror::Error)]
pub enum QuoteError {
    #[error("le devis doit contenir au moins un article")]
    Empty,
    #[error("article inconnu : « {0} » n'est pas dans le catalogue")]
    UnknownSku(String),
    #[error("quantité invalide pour « {sku} » : {qty} (elle doit être supérieure à 0)")]
    BadQuantity { sku: String, qty: i64 },
    #[error("le devis {0} a expiré")]
    Expired(String),
    #[error("le devis {number} est {status} : il ne peut plus changer")]
    Closed { number: String, status: String },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("PDF : {0}")]
    Pdf(String),
    #[error(transparent)]
    File(#[from] FileError),
}

impl From<rusqlite::Error> for QuoteError {
    fn from(e: rusqlite::Error) -> Self {
        QuoteError::Db(e.into())
    }
}

/// A devis to create: the customer and `(sku, qty)` items; prices come from the catalogue.
#[derive(Debug, Clone, Default)]
pub struct NewDevis {
    pub conversation_id: Option<ConversationId>,
    pub customer_name: Option<String>,
    pub customer_phone: Option<String>,
    pub items: Vec<(String, i64)>,
}

/// Payment numbers from the shop settings, printed with the devis number as reference.
#[derive(Debug, Clone, Default)]
pub struct Payment {
    pub mvola: Option<String>,
    pub orange_money: Option<String>,
    pub airtel_money: Option<String>,
    pub account_name: Option<String>,
}

impl Payment {
    pub fn load(conn: &Connection, shop: ShopId) -> Result<Self, DbError> {
        let get = |k: &str| -> Result<Option<String>, DbError> {
            Ok(shops::setting(conn, shop, k)?.filter(|v| !v.trim().is_empty()))
        };
        Ok(Self {
            mvola: get("payment.mvola")?,
            orange_money: get("payment.orange_money")?,
            airtel_money: get("payment.airtel_money")?,
            account_name: get("payment.account_name")?,
        })
    }

    /// `(label, number)` of each configured mobile-money channel.
    pub fn channels(&self) -> Vec<(&'static str, &str)> {
        [
            ("MVola", &self.mvola),
            ("Orange Money", &self.orange_money),
            ("Airtel Money", &self.airtel_money),
        ]
        .into_iter()
        .filter_map(|(l, v)| v.as_deref().map(|v| (l, v)))
        .collect()
    }
}

/// Today in the shop's time zone.
fn shop_today(tz: &str) -> chrono::NaiveDate {
    let tz: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::Indian::Antananarivo);
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

/// Creates a draft devis in one transaction: checks every item against the catalogue,
/// draws the next number, computes the totals, links the customer's prospect.
pub fn create(conn: &mut Connection, shop: ShopId, new: &NewDevis) -> Result<Devis, QuoteError> {
    // Merge repeated SKUs, keeping the first position; refuse bad quantities up front.
    let mut items: Vec<(String, i64)> = Vec::new();
    for (sku, qty) in &new.items {
        let sku = sku.trim();
        if *qty <= 0 {
            return Err(QuoteError::BadQuantity {
                sku: sku.to_string(),
                qty: *qty,
            });
        }
        match items.iter_mut().find(|(s, _)| s == sku) {
            Some((_, q)) => {
                *q = q
                    .checked_add(*qty)
                    .ok_or_else(|| QuoteError::Invalid("quantité trop grande".into()))?
            }
            None => items.push((sku.to_string(), *qty)),
        }
    }
    if items.is_empty() {
        return Err(QuoteError::Empty);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let shop_row = shops::get(&tx, shop)?;
    let mut lines = Vec::with_capacity(items.len());
    let mut currency = None;
    for (i, (sku, qty)) in items.iter().enumerate() {
        let product: Option<(String, i64, String)> = tx
            .query_row(
                "SELECT title, price, currency FROM products WHERE shop_id = ?1 AND sku = ?2",
                params![shop, sku],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (title, price, cur) = product.ok_or_else(|| QuoteError::UnknownSku(sku.clone()))?;
        if *currency.get_or_insert(cur.clone()) != cur {
            return Err(QuoteError::Invalid(format!(
                "« {sku} » est en {cur} : un devis a une seule devise"
            )));
        }
        lines.push(devis::DevisLine {
            position: i as i64 + 1,
            sku: sku.clone(),
            designation: title,
            qty: *qty,
            unit_price: price,
            line_total: totals::line_total(*qty, price)?,
        });
    }
    let t = totals::compute(
        &lines.iter().map(|l| l.line_total).collect::<Vec<_>>(),
        shop_row.vat_rate_bp,
    )?;
    let validity = shops::setting(&tx, shop, "devis.validity_days")?
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|d| (1..=365).contains(d))
        .unwrap_or(DEFAULT_VALIDITY_DAYS);
    let today = shop_today(&shop_row.timezone);
    let valid_until = today + chrono::Duration::days(validity);
    let link_expires = chrono::Utc::now() + chrono::Duration::days(validity + LINK_GRACE_DAYS);
    // A devis for a conversation takes the customer from it unless given.
    let from_conversation: Option<(Option<String>, Option<String>)> = match new.conversation_id {
        Some(conv) => Some(
            tx.query_row(
                "SELECT customer_name, customer_phone FROM conversations WHERE id = ?1 AND shop_id = ?2",
                params![conv, shop],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| QuoteError::Invalid(format!("conversation {conv} inconnue")))?,
        ),
        None => None,
    };
    let (conv_name, conv_phone) = from_conversation.unwrap_or((None, None));
    let customer_name = new
        .customer_name
        .clone()
        .or(conv_name)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let customer_phone = new
        .customer_phone
        .clone()
        .or(conv_phone)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let (customer_name, customer_phone) = (customer_name.as_deref(), customer_phone.as_deref());
    let prospect_id = match customer_phone {
        Some(p) if !crate::crm::prospects::normalize_phone(p).is_empty() => {
            Some(crate::crm::prospects::ensure(&tx, shop, p, customer_name)?)
        }
        _ => None,
    };
    use chrono::Datelike;
    let (seq, number) = numbering::next(&tx, shop, today.year())?;
    let row = devis::NewRow {
        number,
        year: today.year(),
        seq,
        conversation_id: new.conversation_id,
        prospect_id,
        customer_name: customer_name.map(String::from),
        customer_phone: customer_phone.map(String::from),
        currency: currency.unwrap_or_else(|| "MGA".into()),
        vat_rate_bp: shop_row.vat_rate_bp,
        total_ht: t.total_ht,
        tva: t.tva,
        total_ttc: t.total_ttc,
        valid_until: valid_until.format("%Y-%m-%d").to_string(),
        created_at: crate::db::now_text(),
        public_token: random_token(),
        public_token_expires_at: link_expires.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        lines,
    };
    let id = devis::insert(&tx, shop, &row)?;
    tx.commit()?;
    Ok(devis::get(conn, shop, id)?)
}

fn random_token() -> String {
    let mut b = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// The status a reader should see: a draft or sent devis past its validity is expired
/// even before the periodic check stored it.
pub fn effective_status(d: &Devis, today: &str) -> String {
    if matches!(d.status.as_str(), "draft" | "sent") && d.valid_until.as_str() < today {
        "expired".into()
    } else {
        d.status.clone()
    }
}

/// Today (`YYYY-MM-DD`) for a shop, to compare with `valid_until`.
pub fn today_for(shop: &shops::Shop) -> String {
    shop_today(&shop.timezone).format("%Y-%m-%d").to_string()
}

/// Marks every shop's overdue devis expired; the periodic check calls it.
pub fn expire_overdue(conn: &Connection) -> Result<usize, DbError> {
    let mut n = 0;
    for shop in shops::list(conn)? {
        n += devis::expire_overdue(conn, shop.id, &today_for(&shop))?;
    }
    Ok(n)
}

/// The stored file name of a devis PDF.
pub fn pdf_name(shop: ShopId, number: &str) -> String {
    format!("devis/{}/{number}.pdf", shop.0)
}

/// Renders the devis PDF from `conn` (shop identity, payment settings).
pub fn render_pdf(conn: &Connection, d: &Devis) -> Result<Vec<u8>, QuoteError> {
    let shop = shops::get(conn, d.shop_id)?;
    let payment = Payment::load(conn, d.shop_id)?;
    pdf::render(&shop, d, &payment)
}

/// Renders and stores the PDF, records its path; returns the stored name.
pub fn store_pdf(conn: &Connection, files: &FileStore, d: &Devis) -> Result<String, QuoteError> {
    let bytes = render_pdf(conn, d)?;
    let name = pdf_name(d.shop_id, &d.number);
    files.put(&name, &bytes)?;
    devis::set_pdf_path(conn, d.shop_id, d.id, &name)?;
    Ok(name)
}

/// The PDF of a shop's devis: the stored one, or rendered and stored now. Blocking;
/// renders on a reader connection so the writer is held only to record the path.
pub fn pdf_bytes(
    db: &Db,
    files: &FileStore,
    shop: ShopId,
    id: DevisId,
) -> Result<(Devis, Vec<u8>), QuoteError> {
    let d = db.read_blocking(|c| devis::get(c, shop, id))?;
    if let Some(path) = &d.pdf_path {
        match files.get(path) {
            Ok(bytes) => return Ok((d, bytes)),
            Err(FileError::NotFound(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let (shop_row, payment) =
        db.read_blocking(|c| Ok((shops::get(c, shop)?, Payment::load(c, shop)?)))?;
    let bytes = pdf::render(&shop_row, &d, &payment)?;
    let name = pdf_name(shop, &d.number);
    files.put(&name, &bytes)?;
    db.write_blocking(|c| devis::set_pdf_path(c, shop, id, &name))?;
    Ok((d, bytes))
}

/// `{public_url}/d/{token}`: the customer's link to the PDF, without login.
pub fn public_link(public_url: &str, d: &Devis) -> Option<String> {
    d.public_token
        .as_ref()
        .map(|t| format!("{}/d/{t}", public_url.trim_end_matches('/')))
}

/// Starts the periodic check that stores `expired` on overdue devis (hourly).
pub fn spawn_expiry_check(db: Db, mut shutdown: tokio::sync::watch::Receiver<bool>) {
    tokio::spawn(async move {
        loop {
            match db.write(|c| expire_overdue(c)).await {
                Ok(n) if n > 0 => tracing::info!(expired = n, "devis expired"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "devis expiry check"),
            }
            tokio::select! {
                _ = tokio::time::sleep(std::time::Duration::from_secs(3600)) => {}
                _ = shutdown.changed() => return,
            }
        }
    });
}
