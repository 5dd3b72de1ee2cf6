//! Catalogue and FAQ (issue 4): CSV import, the shop's products and FAQ in SQLite,
//! and the Tantivy search the bot and the admin use.
//!
//! [`Catalog`] owns the search index and keeps it in step with SQLite: every write
//! commits the database first, then the index; if the index write fails it is marked
//! stale and rebuilt from SQLite on the next start. On open, a missing, unreadable,
//! old or out-of-count index is rebuilt. All methods are blocking (Tantivy and SQLite):
//! call them from `spawn_blocking` or a worker thread.

pub mod csv;
mod edit;
pub mod faq;
mod headers;
pub mod images;
pub mod import;
pub mod index;
pub mod records;
pub mod search;
pub mod starters;
mod stopwords;
pub mod synonyms;
pub mod text;
pub mod values;

use crate::db::faq::{self as faq_db, FaqItem};
use crate::db::products::{self, Product};
use crate::db::{Db, DbError, ProductId, ShopId};
use index::{SearchIndex, KIND_FAQ, KIND_PRODUCT};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock};
use synonyms::Synonyms;

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("search index directory {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// A product found by a search, with its facts read from SQLite (it reads as the
/// product: `hit.price`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductHit {
    #[serde(flatten)]
    pub product: Product,
    pub score: f32,
}

impl std::ops::Deref for ProductHit {
    type Target = Product;

    fn deref(&self) -> &Product {
        &self.product
    }
}

/// A FAQ entry found by a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FaqHit {
    pub id: i64,
    pub question: String,
    pub answer: String,
    pub score: f32,
}

/// What `reindex` wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReindexReport {
    pub products: u64,
    pub faq: u64,
}

/// The catalogue search, shared by the server, the workers and the CLI. Cheap to clone.
#[derive(Clone)]
pub struct Catalog {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    index: SearchIndex,
    synonyms: RwLock<HashMap<ShopId, Arc<Synonyms>>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").finish_non_exhaustive()
    }
}

impl Catalog {
    /// Opens (or creates) the index under `data_dir/index` and rebuilds it from SQLite
    /// when it is missing, corrupt, marked stale, or its per-shop counts differ.
    pub fn open(data_dir: &Path, db: &Db) -> Result<Catalog, CatalogError> {
        let (index, fresh) = SearchIndex::open(&data_dir.join("index"))?;
        let catalog = Catalog {
            inner: Arc::new(Inner {
                db: db.clone(),
                index,
                synonyms: RwLock::default(),
            }),
        };
        if fresh || !catalog.in_sync()? {
            let r = catalog.reindex()?;
            tracing::info!(products = r.products, faq = r.faq, "search index rebuilt");
        }
        Ok(catalog)
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub(crate) fn index(&self) -> &SearchIndex {
        &self.inner.index
    }

    /// True when the index holds as many products and FAQ entries per shop as SQLite.
    pub fn in_sync(&self) -> Result<bool, CatalogError> {
        let (p, f) = self
            .db()
            .read_blocking(|c| Ok((products::counts_by_shop(c)?, faq_db::counts_by_shop(c)?)))?;
        let idx = self.index();
        let total: u64 = p.values().sum::<u64>() + f.values().sum::<u64>();
        if idx.total() != total {
            return Ok(false);
        }
        for (shop, n) in &p {
            if idx.count(*shop, KIND_PRODUCT)? != *n {
                return Ok(false);
            }
        }
        for (shop, n) in &f {
            if idx.count(*shop, KIND_FAQ)? != *n {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Rebuilds the whole index from SQLite (`varotra catalog reindex`).
    pub fn reindex(&self) -> Result<ReindexReport, CatalogError> {
        let idx = self.index();
        let db = self.db().clone();
        let report = idx.write(|w, _| {
            w.delete_all_documents()?;
            let mut r = ReindexReport::default();
            let mut err = None;
            db.read_blocking(|c| {
                products::for_each(c, None, |p| {
                    if let Err(e) = w.add_document(idx.product_doc(&p)) {
                        err = Some(e);
                    }
                    r.products += 1;
                })?;
                faq_db::for_each(c, None, |q| {
                    if let Err(e) = w.add_document(idx.faq_doc(&q)) {
                        err = Some(e);
                    }
                    r.faq += 1;
                })
            })?;
            match err {
                Some(e) => Err(e.into()),
                None => Ok(r),
            }
        })?;
        idx.clear_stale();
        Ok(report)
    }

    /// Puts these products (already committed in SQLite) into the index.
    pub(crate) fn index_products(&self, items: &[Product]) -> Result<(), CatalogError> {
        let idx = self.index();
        let res = idx.write(|w, _| {
            for p in items {
                w.delete_term(idx.key_term(KIND_PRODUCT, p.id.0));
                w.add_document(idx.product_doc(p))?;
            }
            Ok(())
        });
        self.stale_on_error(res)
    }

    pub(crate) fn index_faq(&self, items: &[FaqItem]) -> Result<(), CatalogError> {
        let idx = self.index();
        let res = idx.write(|w, _| {
            for q in items {
                w.delete_term(idx.key_term(KIND_FAQ, q.id));
                w.add_document(idx.faq_doc(q))?;
            }
            Ok(())
        });
        self.stale_on_error(res)
    }

    fn unindex(&self, kind: &str, id: i64) -> Result<(), CatalogError> {
        let idx = self.index();
        let res = idx.write(|w, _| {
            w.delete_term(idx.key_term(kind, id));
            Ok(())
        });
        self.stale_on_error(res)
    }

    fn stale_on_error<T>(&self, res: Result<T, CatalogError>) -> Result<T, CatalogError> {
        if let Err(e) = &res {
            tracing::error!(error = %e, "search index write failed; it will be rebuilt on next start");
            self.index().mark_stale();
        }
        res
    }

    /// The shop's synonym table (cached; refreshed by [`Catalog::save_synonyms`]).
    pub fn synonyms(&self, shop: ShopId) -> Result<Arc<Synonyms>, CatalogError> {
        if let Some(s) = self
            .inner
            .synonyms
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(&shop)
        {
            return Ok(s.clone());
        }
        let rows = self.db().read_blocking(|c| synonyms::load(c, shop))?;
        let s = Arc::new(Synonyms::from_pairs(
            rows.iter().map(|(a, b)| (a.as_str(), b.as_str())),
        ));
        self.inner
            .synonyms
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(shop, s.clone());
        Ok(s)
    }

    /// Replaces the shop's synonym list.
    pub fn save_synonyms(
        &self,
        shop: ShopId,
        rows: Vec<(String, String)>,
    ) -> Result<(), CatalogError> {
        self.db().write_blocking(|c| {
            let tx = c.transaction()?;
            synonyms::save(&tx, shop, &rows)?;
            tx.commit()?;
            Ok(())
        })?;
        self.inner
            .synonyms
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&shop);
        Ok(())
    }

    /// The shop's best products for a customer's words, best first.
    pub fn search(
        &self,
        shop: ShopId,
        query: &str,
        limit: usize,
    ) -> Result<Vec<ProductHit>, CatalogError> {
        self.search_page(shop, query, limit, 0)
    }

    pub fn search_page(
        &self,
        shop: ShopId,
        query: &str,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<ProductHit>, CatalogError> {
        let syn = self.synonyms(shop)?;
        let found = search::run(self.index(), shop, KIND_PRODUCT, query, &syn, limit, offset)?;
        let ids: Vec<ProductId> = found.iter().map(|(id, _)| ProductId(*id)).collect();
        let mut rows = self
            .db()
            .read_blocking(|c| products::get_many(c, shop, &ids))?;
        Ok(found
            .into_iter()
            .filter_map(|(id, score)| {
                let product = rows.remove(&ProductId(id))?;
                Some(ProductHit { product, score })
            })
            .collect())
    }

    /// The words of a customer's message that match none of the shop's products
    /// (after folding, stemming, synonyms and typo tolerance), e.g. `["samsung"]` for
    /// "Vous vendez des téléphones Samsung ?" in a grocery: say so, never invent one.
    pub fn unmatched_words(&self, shop: ShopId, query: &str) -> Result<Vec<String>, CatalogError> {
        let syn = self.synonyms(shop)?;
        Ok(search::unmatched(
            self.index(),
            shop,
            KIND_PRODUCT,
            query,
            &syn,
        )?)
    }

    /// The shop's FAQ entries closest to the customer's words, best first.
    pub fn search_faq(
        &self,
        shop: ShopId,
        query: &str,
        limit: usize,
    ) -> Result<Vec<FaqHit>, CatalogError> {
        let syn = self.synonyms(shop)?;
        let found = search::run(self.index(), shop, KIND_FAQ, query, &syn, limit, 0)?;
        let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
        let mut rows = self
            .db()
            .read_blocking(|c| faq_db::get_many(c, shop, &ids))?;
        Ok(found
            .into_iter()
            .filter_map(|(id, score)| {
                let q = rows.remove(&id)?;
                Some(FaqHit {
                    id: q.id,
                    question: q.question,
                    answer: q.answer,
                    score,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod tests;
