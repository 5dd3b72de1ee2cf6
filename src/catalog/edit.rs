//! The admin's product and FAQ edits: each writes SQLite first, then the search index
//! (marked stale if that fails, rebuilt on the next start).

use super::{Catalog, CatalogError, KIND_FAQ, KIND_PRODUCT};
use crate::db::faq::{self as faq_db, FaqItem};
use crate::db::products::{self, Product, ProductInput};
use crate::db::{ProductId, ShopId};

impl Catalog {
    /// Creates one product (admin form); a SKU already used is a conflict.
    pub fn create_product(
        &self,
        shop: ShopId,
        input: &ProductInput,
    ) -> Result<Product, CatalogError> {
        let p = self.db().write_blocking(|c| {
            let id = products::create(c, shop, input)?;
            products::get(c, shop, id)
        })?;
        self.index_products(std::slice::from_ref(&p))?;
        Ok(p)
    }

    pub fn update_product(
        &self,
        shop: ShopId,
        id: ProductId,
        input: &ProductInput,
    ) -> Result<Product, CatalogError> {
        let p = self.db().write_blocking(|c| {
            products::update(c, shop, id, input)?;
            products::get(c, shop, id)
        })?;
        self.index_products(std::slice::from_ref(&p))?;
        Ok(p)
    }

    /// Deletes the product; returns it so the caller can drop its stored image.
    pub fn delete_product(&self, shop: ShopId, id: ProductId) -> Result<Product, CatalogError> {
        let p = self
            .db()
            .write_blocking(|c| products::delete(c, shop, id))?;
        self.unindex(KIND_PRODUCT, id.0)?;
        Ok(p)
    }

    pub fn create_faq(
        &self,
        shop: ShopId,
        question: &str,
        answer: &str,
        answer_mg: Option<&str>,
    ) -> Result<FaqItem, CatalogError> {
        let q = self.db().write_blocking(|c| {
            let id = faq_db::create(c, shop, question, answer, answer_mg)?;
            faq_db::get(c, shop, id)
        })?;
        self.index_faq(std::slice::from_ref(&q))?;
        Ok(q)
    }

    pub fn update_faq(
        &self,
        shop: ShopId,
        id: i64,
        question: &str,
        answer: &str,
        answer_mg: Option<&str>,
    ) -> Result<FaqItem, CatalogError> {
        let q = self.db().write_blocking(|c| {
            faq_db::update(c, shop, id, question, answer, answer_mg)?;
            faq_db::get(c, shop, id)
        })?;
        self.index_faq(std::slice::from_ref(&q))?;
        Ok(q)
    }

    pub fn delete_faq(&self, shop: ShopId, id: i64) -> Result<(), CatalogError> {
        self.db().write_blocking(|c| faq_db::delete(c, shop, id))?;
        self.unindex(KIND_FAQ, id)
    }
}
