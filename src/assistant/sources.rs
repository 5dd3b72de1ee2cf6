//! Where the assistant's candidate products and FAQ answers come from, through the
//! read-only handle it is given: the catalogue's Tantivy index ([`CatalogSource`]:
//! the customer's words expanded with Malagasy goods words and families, then
//! re-scored by [`super::retrieval::rank`]), or a scan of the shop's rows
//! ([`DbSource`]: small shops, tests, and whenever the index finds nothing or fails),
//! so a customer always gets an answer.

use super::lexicon;
use crate::catalog::synonyms::Synonyms;
use crate::catalog::Catalog;
use crate::db::faq::FaqItem;
use crate::db::products::{self, Product};
use crate::db::{faq, DbError, Reader, ShopId};

/// Where candidate products and FAQ items come from.
pub trait Source: Send + Sync {
    /// Candidate products for `query` (expanded words, space-separated).
    fn products(&self, db: &Reader, shop: ShopId, query: &str) -> Result<Vec<Product>, DbError>;
    fn faqs(&self, db: &Reader, shop: ShopId, query: &str) -> Result<Vec<FaqItem>, DbError>;

    /// The shop's own search synonyms (Catalogue > Synonymes).
    fn synonyms(&self, db: &Reader, shop: ShopId) -> Result<Synonyms, DbError> {
        let rows = db.read_blocking(|c| crate::db::synonyms::load(c, shop))?;
        Ok(Synonyms::from_pairs(
            rows.iter().map(|(t, s)| (t.as_str(), s.as_str())),
        ))
    }
}

/// Reads the shop's products (up to 20 000) and FAQ straight from SQLite.
pub struct DbSource;

impl Source for DbSource {
    fn products(&self, db: &Reader, shop: ShopId, _query: &str) -> Result<Vec<Product>, DbError> {
        db.read_blocking(|c| products::first(c, shop, 20_000))
    }

    fn faqs(&self, db: &Reader, shop: ShopId, _query: &str) -> Result<Vec<FaqItem>, DbError> {
        db.read_blocking(|c| {
            let mut items = faq::list(c, shop)?;
            items.truncate(500);
            Ok(items)
        })
    }
}

/// Candidates from the catalogue index; FAQ items (a short list) from the table.
pub struct CatalogSource {
    catalog: Catalog,
}

impl CatalogSource {
    pub fn new(catalog: Catalog) -> Self {
        Self { catalog }
    }
}

/// The words plus their catalogue-side words from the goods lexicon and, for a
/// search by need, the product words of that need.
pub fn expand(query: &str) -> String {
    let words: Vec<String> = query.split_whitespace().map(str::to_string).collect();
    let mut out: Vec<String> = Vec::new();
    for i in 0..words.len() {
        out.push(words[i].clone());
        for (_, alts) in lexicon::goods_at(&words, i)
            .into_iter()
            .chain(lexicon::needs_at(&words, i))
        {
            out.extend(alts.iter().flatten().cloned());
        }
    }
    out.sort();
    out.dedup();
    out.join(" ")
}

impl Source for CatalogSource {
    fn products(&self, db: &Reader, shop: ShopId, query: &str) -> Result<Vec<Product>, DbError> {
        if query.trim().is_empty() {
            return Ok(Vec::new());
        }
        match self.catalog.search(shop, &expand(query), 40) {
            Ok(hits) if !hits.is_empty() => Ok(hits.into_iter().map(|h| h.product).collect()),
            Ok(_) => DbSource.products(db, shop, query),
            Err(e) => {
                tracing::warn!(error = %e, "catalogue search failed, scanning the products table");
                DbSource.products(db, shop, query)
            }
        }
    }

    fn faqs(&self, db: &Reader, shop: ShopId, query: &str) -> Result<Vec<FaqItem>, DbError> {
        DbSource.faqs(db, shop, query)
    }
}
