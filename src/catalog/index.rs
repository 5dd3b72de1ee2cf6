//! The Tantivy index under `data_dir/index`. It holds catalogue data only (titles,
//! descriptions, SKUs, FAQ text), which every customer may read anyway, so unlike the
//! database and the stored files it is NOT encrypted. Prices, stock and images are not
//! in it: hits are read back from SQLite, the only source of facts.
//!
//! One writer at a time: the writer is opened for each batch behind a mutex, committed
//! and dropped, so the CLI (`varotra catalog import`) can update the index while the
//! server runs (Tantivy's lock file serialises the two processes; we wait for it).

use super::text;
use super::CatalogError;
use crate::db::faq::FaqItem;
use crate::db::products::Product;
use crate::db::ShopId;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tantivy::collector::Count;
use tantivy::directory::error::LockError;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

/// Bumped whenever the schema or the analysis changes: the index is then rebuilt.
const INDEX_VERSION: &str = "varotra-index-3";
const VERSION_FILE: &str = "VAROTRA_VERSION";
/// Left by a write that reached SQLite but not the index: rebuild on next open.
const STALE_FILE: &str = "VAROTRA_STALE";
const TOKENIZER: &str = "varotra";
const WRITER_HEAP: usize = 32_000_000;

pub const KIND_PRODUCT: &str = "product";
pub const KIND_FAQ: &str = "faq";

#[derive(Clone, Copy)]
pub struct Fields {
    pub shop_id: Field,
    pub kind: Field,
    pub key: Field,
    pub id: Field,
    pub sku: Field,
    pub title: Field,
    pub description: Field,
    pub text: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        shop_id: b.add_u64_field("shop_id", INDEXED | FAST),
        kind: b.add_text_field("kind", STRING),
        key: b.add_text_field("key", STRING),
        id: b.add_u64_field("id", FAST | STORED),
        sku: b.add_text_field("sku", STRING | STORED),
        title: b.add_text_field("title", analysed.clone() | STORED),
        description: b.add_text_field("description", analysed.clone()),
        text: b.add_text_field("text", analysed),
    };
    (b.build(), fields)
}

/// Tantivy adapter over [`text::terms`], so index and queries analyse alike.
#[derive(Clone, Default)]
struct VarotraTokenizer;

struct VecStream {
    tokens: Vec<Token>,
    at: usize,
}

impl TokenStream for VecStream {
    fn advance(&mut self) -> bool {
        self.at += 1;
        self.at <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.at - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.at - 1]
    }
}

impl Tokenizer for VarotraTokenizer {
    type TokenStream<'a> = VecStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        let tokens = text::terms(text)
            .into_iter()
            .enumerate()
            .map(|(position, t)| Token {
                offset_from: 0,
                offset_to: 0,
                position,
                text: t,
                position_length: 1,
            })
            .collect();
        VecStream { tokens, at: 0 }
    }
}

pub fn key_of(kind: &str, id: i64) -> String {
    format!("{}:{id}", &kind[..1])
}

pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    dir: PathBuf,
    write_lock: Mutex<()>,
}

impl SearchIndex {
    /// Opens the index in `dir`, recreating it empty when missing, of another version
    /// or unreadable. Returns whether it must be (re)filled from SQLite.
    pub fn open(dir: &Path) -> Result<(SearchIndex, bool), CatalogError> {
        let io = |source| CatalogError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let (schema, fields) = schema();
        let version_ok = std::fs::read_to_string(dir.join(VERSION_FILE))
            .map(|v| v.trim() == INDEX_VERSION)
            .unwrap_or(false);
        let stale = dir.join(STALE_FILE).exists();
        let opened = if version_ok {
            Index::open_in_dir(dir)
                .ok()
                .filter(|i| i.schema() == schema)
        } else {
            None
        };
        let (index, fresh) = match opened {
            Some(index) => (index, stale),
            None => {
                if dir.exists() {
                    tracing::warn!(dir = %dir.display(), "search index missing, old or unreadable: rebuilding");
                    std::fs::remove_dir_all(dir).map_err(io)?;
                }
                std::fs::create_dir_all(dir).map_err(io)?;
                let index = Index::create_in_dir(dir, schema)?;
                std::fs::write(dir.join(VERSION_FILE), INDEX_VERSION).map_err(io)?;
                (index, true)
            }
        };
        index
            .tokenizers()
            .register(TOKENIZER, TextAnalyzer::from(VarotraTokenizer));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok((
            SearchIndex {
                index,
                reader,
                fields,
                dir: dir.to_path_buf(),
                write_lock: Mutex::new(()),
            },
            fresh,
        ))
    }

    /// Runs `f` with a fresh writer, commits, and makes the result visible at once.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut IndexWriter, &Fields) -> Result<T, CatalogError>,
    ) -> Result<T, CatalogError> {
        let _guard = self.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut writer: IndexWriter = loop {
            match self.index.writer_with_num_threads(1, WRITER_HEAP) {
                Ok(w) => break w,
                Err(TantivyError::LockFailure(LockError::LockBusy, _))
                    if Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(e.into()),
            }
        };
        let out = match f(&mut writer, &self.fields) {
            Ok(out) => out,
            Err(e) => {
                let _ = writer.rollback();
                return Err(e);
            }
        };
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(out)
    }

    pub fn mark_stale(&self) {
        if let Err(e) = std::fs::write(self.dir.join(STALE_FILE), b"1") {
            tracing::error!(error = %e, "cannot mark the search index stale");
        }
    }

    pub fn clear_stale(&self) {
        let _ = std::fs::remove_file(self.dir.join(STALE_FILE));
    }

    pub fn product_doc(&self, p: &Product) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::new();
        d.add_u64(f.shop_id, p.shop_id.0 as u64);
        d.add_text(f.kind, KIND_PRODUCT);
        d.add_text(f.key, key_of(KIND_PRODUCT, p.id.0));
        d.add_u64(f.id, p.id.0 as u64);
        d.add_text(f.sku, p.sku.to_lowercase());
        d.add_text(f.title, &p.title);
        d.add_text(f.description, &p.description);
        d.add_text(f.text, format!("{} {} {}", p.title, p.description, p.sku));
        d
    }

    pub fn faq_doc(&self, q: &FaqItem) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::new();
        d.add_u64(f.shop_id, q.shop_id.0 as u64);
        d.add_text(f.kind, KIND_FAQ);
        d.add_text(f.key, key_of(KIND_FAQ, q.id));
        d.add_u64(f.id, q.id as u64);
        d.add_text(f.title, &q.question);
        d.add_text(f.description, &q.answer);
        d.add_text(
            f.text,
            format!(
                "{} {} {}",
                q.question,
                q.answer,
                q.answer_mg.as_deref().unwrap_or("")
            ),
        );
        d
    }

    pub fn key_term(&self, kind: &str, id: i64) -> Term {
        Term::from_field_text(self.fields.key, &key_of(kind, id))
    }

    /// The query "documents of this kind in this shop".
    pub fn scope(&self, shop: ShopId, kind: &str) -> BooleanQuery {
        let f = &self.fields;
        let shop_q: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_u64(f.shop_id, shop.0 as u64),
            IndexRecordOption::Basic,
        ));
        let kind_q: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(f.kind, kind),
            IndexRecordOption::Basic,
        ));
        BooleanQuery::new(vec![(Occur::Must, shop_q), (Occur::Must, kind_q)])
    }

    pub fn count(&self, shop: ShopId, kind: &str) -> Result<u64, CatalogError> {
        Ok(self
            .reader
            .searcher()
            .search(&self.scope(shop, kind), &Count)? as u64)
    }

    pub fn total(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
