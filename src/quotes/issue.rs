//! Making a devis: items checked against the catalogue, totals, the next number, the
//! customer's prospect, and (for [`issue`]) the PDF.
//!
//! The PDF prints the devis number, yet the number is drawn in the write transaction,
//! and nothing slow may hold the single writer (webhook acknowledgements wait behind
//! it). So a devis is [`prepare`]d on a reader with the number the counter will give
//! next, its PDF rendered and sealed off the writer, and the write ([`commit`]) draws
//! the number and checks it is the one printed. Inside one process the [`Issuer`]
//! serialises this per shop, so the check only fails when another process (the CLI)
//! drew a number in between: [`QuoteError::NumberTaken`], and the caller starts over.

use super::{numbering, totals, ExtraLine, NewDevis, QuoteError};
use crate::crypto::FileStore;
use crate::db::devis::{Devis, DevisLine};
use crate::db::{
    conversations, devis, products, shops, Connection, Db, ShopId, TransactionBehavior,
};
use crate::kinds::DevisLineKind;
use crate::money::{format_amount, Ariary};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Validity when the shop did not set `devis.validity_days`.
pub const DEFAULT_VALIDITY_DAYS: i64 = 15;
/// How long a public link stays valid after the devis itself expires.
const LINK_GRACE_DAYS: i64 = 30;
/// Attempts of [`issue`] when another process keeps drawing numbers first.
const ATTEMPTS: usize = 5;

/// A devis ready to be written: its row (numbered with the number the counter gives
/// next) and, when rendered, its sealed PDF's stored name.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub shop: ShopId,
    pub row: devis::NewRow,
    /// The customer's phone and name, for the prospect link made at commit.
    customer: (Option<String>, Option<String>),
    /// Where the PDF printed with `row.number` is stored, once [`Prepared::store_pdf`] ran.
    pub pdf_path: Option<String>,
}

/// Serialises devis issuance per shop inside this process (see the module comment).
/// Cheap to clone; one per application.
#[derive(Clone, Default)]
pub struct Issuer {
    shops: Arc<Mutex<HashMap<ShopId, Arc<Mutex<()>>>>>,
}

impl Issuer {
    /// Runs `f` while no other issuance of `shop` runs in this process. BLOCKING.
    pub fn with_shop<T>(&self, shop: ShopId, f: impl FnOnce() -> T) -> T {
        let lock = {
            let mut map = self.shops.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(shop).or_default().clone()
        };
        let _held = lock.lock().unwrap_or_else(|p| p.into_inner());
        f()
    }
}

/// Today in the shop's time zone.
pub(super) fn shop_today(tz: &str) -> chrono::NaiveDate {
    let tz: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::Indian::Antananarivo);
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

/// Merges repeated SKUs (keeping the first position) and refuses bad quantities.
fn merged_items(items: &[(String, i64)]) -> Result<Vec<(String, i64)>, QuoteError> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for (sku, qty) in items {
        let sku = sku.trim();
        if *qty <= 0 {
            return Err(QuoteError::BadQuantity {
                sku: sku.to_string(),
                qty: *qty,
            });
        }
        match out.iter_mut().find(|(s, _)| s == sku) {
            Some((_, q)) => {
                *q = q
                    .checked_add(*qty)
                    .ok_or_else(|| QuoteError::Invalid("quantité trop grande".into()))?
            }
            None => out.push((sku.to_string(), *qty)),
        }
    }
    Ok(out)
}

/// The devis lines of the shop's own lines, numbered from `first`: a discount becomes
/// a negative amount; labels, quantities and amounts are checked.
fn extra_lines(extras: &[ExtraLine], first: i64) -> Result<Vec<DevisLine>, QuoteError> {
    let mut out = Vec::with_capacity(extras.len());
    for (i, x) in extras.iter().enumerate() {
        let designation = x.designation.trim();
        let what = match x.kind {
            DevisLineKind::Delivery => "livraison",
            DevisLineKind::Discount => "remise",
            _ => "ligne libre",
        };
        if designation.is_empty() {
            return Err(QuoteError::Invalid(format!("{what} : le libellé est vide")));
        }
        if designation.chars().count() > 200 {
            return Err(QuoteError::Invalid(format!(
                "{what} « {designation} » : 200 caractères au plus"
            )));
        }
        if x.qty <= 0 {
            return Err(QuoteError::BadQuantity {
                sku: designation.to_string(),
                qty: x.qty,
            });
        }
        // A free delivery may be written at 0; a discount or a line of nothing may not.
        let free_ok = x.kind == DevisLineKind::Delivery;
        if x.unit_price < 0 || (x.unit_price == 0 && !free_ok) {
            return Err(QuoteError::Invalid(format!(
                "{what} « {designation} » : montant supérieur à 0 attendu"
            )));
        }
        let (qty, unit) = match x.kind {
            DevisLineKind::Discount => (1, -x.unit_price),
            DevisLineKind::Product => {
                return Err(QuoteError::Invalid(
                    "un article du catalogue se donne par sa référence".into(),
                ))
            }
            _ => (x.qty, x.unit_price),
        };
        out.push(DevisLine {
            position: first + i as i64,
            kind: x.kind,
            sku: String::new(),
            designation: designation.to_string(),
            qty,
            unit_price: Ariary(unit),
            line_total: Ariary(totals::line_total(qty, unit)?),
        });
    }
    Ok(out)
}

/// Checks every item against the catalogue, computes the totals, takes the customer
/// from the conversation unless given, and numbers the devis with the number the
/// counter gives next. Reads only.
pub fn prepare(conn: &Connection, shop: ShopId, new: &NewDevis) -> Result<Prepared, QuoteError> {
    let items = merged_items(&new.items)?;
    let shop_row = shops::get(conn, shop)?;
    let mut lines = Vec::with_capacity(items.len());
    let mut currency = None;
    for (i, (sku, qty)) in items.iter().enumerate() {
        let product = products::get_by_sku(conn, shop, sku)?
            .ok_or_else(|| QuoteError::UnknownSku(sku.clone()))?;
        let cur = product.currency.clone();
        if *currency.get_or_insert(cur.clone()) != cur {
            return Err(QuoteError::Invalid(format!(
                "« {sku} » est en {cur} : un devis a une seule devise"
            )));
        }
        lines.push(DevisLine {
            position: i as i64 + 1,
            kind: DevisLineKind::Product,
            sku: sku.clone(),
            designation: product.title,
            qty: *qty,
            unit_price: product.price,
            line_total: Ariary(totals::line_total(*qty, product.price.0)?),
        });
    }
    lines.extend(extra_lines(&new.extras, lines.len() as i64 + 1)?);
    if !lines.iter().any(|l| l.kind != DevisLineKind::Discount) {
        return Err(QuoteError::Empty);
    }
    let discount: i64 = lines
        .iter()
        .filter(|l| l.line_total.0 < 0)
        .map(|l| -l.line_total.0)
        .sum();
    let positive: i64 = lines.iter().map(|l| l.line_total.0.max(0)).sum();
    if discount > positive {
        let cur = currency.clone().unwrap_or_else(|| "MGA".into());
        return Err(QuoteError::DiscountTooLarge {
            discount: format_amount(discount, &cur),
            total: format_amount(positive, &cur),
        });
    }
    let t = totals::compute(
        &lines.iter().map(|l| l.line_total.0).collect::<Vec<_>>(),
        shop_row.vat_rate_bp,
    )?;
    let validity = shops::setting(conn, shop, "devis.validity_days")?
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|d| (1..=365).contains(d))
        .unwrap_or(DEFAULT_VALIDITY_DAYS);
    let today = shop_today(&shop_row.timezone);
    let valid_until = today + chrono::Duration::days(validity);
    let link_expires = chrono::Utc::now() + chrono::Duration::days(validity + LINK_GRACE_DAYS);
    // A devis for a conversation takes the customer from it unless given.
    let (conv_name, conv_phone) = match new.conversation_id {
        Some(conv) => match conversations::get(conn, shop, conv) {
            Ok(c) => (c.customer_name, c.customer_phone),
            Err(crate::db::DbError::NotFound) => {
                return Err(QuoteError::Invalid(format!("conversation {conv} inconnue")))
            }
            Err(e) => return Err(e.into()),
        },
        None => (None, None),
    };
    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let customer_name = clean(new.customer_name.clone().or(conv_name));
    let customer_phone = clean(new.customer_phone.clone().or(conv_phone));
    use chrono::Datelike;
    let (seq, number) = numbering::peek(conn, shop, today.year())?;
    let row = devis::NewRow {
        number,
        year: today.year(),
        seq,
        conversation_id: new.conversation_id,
        prospect_id: None,
        customer_name: customer_name.clone(),
        customer_phone: customer_phone.clone(),
        currency: currency.unwrap_or_else(|| "MGA".into()),
        vat_rate_bp: shop_row.vat_rate_bp,
        total_ht: Ariary(t.total_ht),
        tva: Ariary(t.tva),
        total_ttc: Ariary(t.total_ttc),
        valid_until: valid_until.format("%Y-%m-%d").to_string(),
        created_at: crate::db::now_text(),
        // The public link's credential: 48 hex characters (`web::public` checks the length).
        public_token: crate::crypto::tokens::random_hex(24),
        public_token_expires_at: link_expires.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        lines,
    };
    Ok(Prepared {
        shop,
        row,
        customer: (customer_phone, customer_name),
        pdf_path: None,
    })
}

impl Prepared {
    /// The devis as it will read once written (id 0 until then), for rendering.
    pub fn preview(&self) -> Devis {
        let r = &self.row;
        Devis {
            id: crate::db::DevisId(0),
            shop_id: self.shop,
            number: r.number.clone(),
            year: r.year,
            seq: r.seq,
            conversation_id: r.conversation_id,
            prospect_id: None,
            customer_name: r.customer_name.clone(),
            customer_phone: r.customer_phone.clone(),
            status: crate::kinds::DevisStatus::Draft,
            currency: r.currency.clone(),
            vat_rate_bp: r.vat_rate_bp,
            total_ht: r.total_ht,
            tva: r.tva,
            total_ttc: r.total_ttc,
            valid_until: r.valid_until.clone(),
            pdf_path: None,
            created_at: r.created_at.clone(),
            public_token: Some(r.public_token.clone()),
            public_token_expires_at: Some(r.public_token_expires_at.clone()),
            sent_at: None,
            accepted_at: None,
            lines: r.lines.clone(),
        }
    }

    /// Renders the PDF (shop identity and payment numbers read from `conn`, a reader)
    /// and seals it in `files`. Slow work: never call it while holding the writer.
    pub fn store_pdf(&mut self, conn: &Connection, files: &FileStore) -> Result<(), QuoteError> {
        let preview = self.preview();
        let bytes = super::render_pdf(conn, &preview)?;
        let name = super::pdf_name(self.shop, &preview.number);
        files.put(&name, &bytes)?;
        self.pdf_path = Some(name);
        Ok(())
    }
}

/// Writes a prepared devis inside the caller's write transaction: draws the number,
/// links the customer's prospect, inserts the devis and its lines. A devis whose PDF
/// was rendered must draw the number it printed ([`QuoteError::NumberTaken`]
/// otherwise); one without a PDF takes the number drawn.
pub fn commit(tx: &Connection, prepared: &Prepared) -> Result<Devis, QuoteError> {
    let shop = prepared.shop;
    let mut row = prepared.row.clone();
    let (seq, number) = numbering::next(tx, shop, row.year)?;
    if number != row.number {
        if prepared.pdf_path.is_some() {
            return Err(QuoteError::NumberTaken(row.number));
        }
        row.seq = seq;
        row.number = number;
    }
    let (phone, name) = &prepared.customer;
    row.prospect_id = match phone {
        Some(p) if !crate::crm::prospects::normalize_phone(p).is_empty() => {
            Some(crate::crm::prospects::ensure(tx, shop, p, name.as_deref())?)
        }
        _ => None,
    };
    let id = devis::insert(tx, shop, &row)?;
    if let Some(path) = &prepared.pdf_path {
        devis::set_pdf_path(tx, shop, id, path)?;
    }
    // Every devis counts in the month's usage, whoever issued it (bot, admin, API).
    let month = crate::db::usage::month_of(chrono::Utc::now());
    crate::db::usage::add_devis(tx, shop, &month)?;
    Ok(devis::get(tx, shop, id)?)
}

/// Creates a draft devis in one write transaction, its PDF left to the first download
/// (see [`super::pdf_bytes`]).
pub fn create(conn: &mut Connection, shop: ShopId, new: &NewDevis) -> Result<Devis, QuoteError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let prepared = prepare(&tx, shop, new)?;
    let d = commit(&tx, &prepared)?;
    tx.commit()?;
    Ok(d)
}

/// Creates a devis with its PDF stored: prepared and rendered on a reader, written in a
/// short transaction. The same from the chat, the API and the admin. BLOCKING.
pub fn issue(
    db: &Db,
    files: &FileStore,
    issuer: &Issuer,
    shop: ShopId,
    new: &NewDevis,
) -> Result<Devis, QuoteError> {
    issuer.with_shop(shop, || {
        let mut taken = String::new();
        for _ in 0..ATTEMPTS {
            let mut prepared = db.read_blocking(|c| Ok(prepare(c, shop, new)))??;
            db.read_blocking(|c| Ok(prepared.store_pdf(c, files)))??;
            let written = db.write_blocking(|c| {
                let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let d = commit(&tx, &prepared);
                if d.is_ok() {
                    tx.commit()?;
                }
                Ok(d)
            })?;
            match written {
                Err(QuoteError::NumberTaken(n)) => taken = n,
                other => return other,
            }
        }
        Err(QuoteError::NumberTaken(taken))
    })
}
