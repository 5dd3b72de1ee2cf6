//! Devis (quotes): creation with continuous numbering, totals, amount in words, PDF,
//! sending in the chat and acceptance.
//!
//! Invariants: amounts are integer Ariary taken from the catalogue at creation (never
//! from the model); a devis number `DEV-YYYY-NNNN` is drawn in the same transaction as
//! the insert, so numbers have no gaps or duplicates; the PDF is stored sealed at
//! `devis/{shop}/{number}.pdf`, rendered before any write transaction ([`issue`]).

pub mod chat;
mod issue;
pub mod numbering;
mod payment;
pub mod pdf;
pub mod text;
pub mod totals;
pub mod words;

pub use crate::db::devis::{Devis, DevisLine};
pub use chat::{accept, accept_in, is_acceptance, pending_in_conversation, refuse, send_in_chat};
pub use issue::{commit, create, issue, prepare, Issuer, Prepared, DEFAULT_VALIDITY_DAYS};
pub use payment::Payment;

use crate::crypto::{FileError, FileStore};
use crate::db::{devis, shops, Connection, ConversationId, Db, DbError, DevisId, ShopId};
use crate::kinds::DevisStatus;

#[derive(Debug, thiserror::Error)]
pub enum QuoteError {
    #[error("le devis doit contenir au moins un article")]
    Empty,
    #[error("la remise ({discount}) dépasse le montant des autres lignes ({total})")]
    DiscountTooLarge { discount: String, total: String },
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
    /// Another process drew the number a prepared devis was printed with.
    #[error("le numéro {0} vient d'être pris par un autre devis : réessayez")]
    NumberTaken(String),
}

impl From<rusqlite::Error> for QuoteError {
    fn from(e: rusqlite::Error) -> Self {
        QuoteError::Db(e.into())
    }
}

/// A devis to create: the customer, `(sku, qty)` items whose prices come from the
/// catalogue, and the lines the shop writes itself (after the items, in order).
#[derive(Debug, Clone, Default)]
pub struct NewDevis {
    pub conversation_id: Option<ConversationId>,
    pub customer_name: Option<String>,
    pub customer_phone: Option<String>,
    pub items: Vec<(String, i64)>,
    pub extras: Vec<ExtraLine>,
}

/// A line that is not a catalogue product: a delivery fee, a free-text line, or a
/// discount. Its amount is the shop's word (typed in the admin), never the model's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraLine {
    /// Delivery, Custom or Discount.
    pub kind: crate::kinds::DevisLineKind,
    pub designation: String,
    pub qty: i64,
    /// The price of one; for a discount, the (positive) amount taken off.
    pub unit_price: i64,
}

/// The status a reader should see: a draft or sent devis past its validity is expired
/// even before the periodic check stored it.
pub fn effective_status(d: &Devis, today: &str) -> DevisStatus {
    if matches!(d.status, DevisStatus::Draft | DevisStatus::Sent) && d.valid_until.as_str() < today
    {
        DevisStatus::Expired
    } else {
        d.status
    }
}

/// Today (`YYYY-MM-DD`) for a shop, to compare with `valid_until`.
pub fn today_for(shop: &shops::Shop) -> String {
    issue::shop_today(&shop.timezone)
        .format("%Y-%m-%d")
        .to_string()
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
    let look = crate::branding::look(conn, d.shop_id)?;
    pdf::render(&shop, &look, d, &payment)
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
    let (shop_row, look, payment) = db.read_blocking(|c| {
        Ok((
            shops::get(c, shop)?,
            crate::branding::look(c, shop)?,
            Payment::load(c, shop)?,
        ))
    })?;
    let bytes = pdf::render(&shop_row, &look, &d, &payment)?;
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
