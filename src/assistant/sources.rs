//! The catalogue's Tantivy index as the assistant's source of candidate products:
//! the customer's words expanded (Malagasy goods words, families) are searched there,
//! then re-scored by [`super::retrieval::rank`]. When the index finds nothing (or
//! fails) the shop's rows are scanned, so a customer always gets an answer.

use super::lexicon;
use super::retrieval::{DbSource, Faq, Product, Source};
use crate::catalog::Catalog;
use crate::db::{Db, DbError, ShopId};

/// Candidates from the catalogue index; FAQ items (a short list) from the table.
pub struct CatalogSource {
    catalog: Catalog,
}

impl CatalogSource {
    pub fn new(catalog: Catalog) -> Self {
        Self { catalog }
    }
}

/// The words plus their catalogue-side synonyms and product families.
pub fn expand(query: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in query.split_whitespace() {
        out.push(w.to_string());
        out.extend(lexicon::synonyms(w).iter().map(|s| s.to_string()));
        out.extend(lexicon::family(w).iter().map(|s| s.to_string()));
    }
    out.dedup();
    out.join(" ")
}

impl Source for CatalogSource {
    fn products(&self, db: &Db, shop: ShopId, query: &str) -> Result<Vec<Product>, DbError> {
        if query.trim().is_empty() {
            return Ok(Vec::new());
        }
        match self.catalog.search(shop, &expand(query), 40) {
            Ok(hits) if !hits.is_empty() => Ok(hits
                .into_iter()
                .map(|h| Product {
                    id: h.id.0,
                    sku: h.sku,
                    title: h.title,
                    description: h.description,
                    price: h.price,
                    currency: h.currency,
                    stock: h.stock,
                })
                .collect()),
            Ok(_) => DbSource.products(db, shop, query),
            Err(e) => {
                tracing::warn!(error = %e, "catalogue search failed, scanning the products table");
                DbSource.products(db, shop, query)
            }
        }
    }

    fn faqs(&self, db: &Db, shop: ShopId, query: &str) -> Result<Vec<Faq>, DbError> {
        DbSource.faqs(db, shop, query)
    }
}
