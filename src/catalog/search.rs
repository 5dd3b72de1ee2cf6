//! Customer text → Tantivy query, built programmatically (never parsed, so no customer
//! message can make it fail). Each meaningful word of the message is one optional
//! clause; a clause matches the word's stem in the title (boosted) or anywhere in the
//! text, its synonyms from the shop's list, and, when the word is unknown to the
//! index and long enough, its near spellings (Levenshtein 1, or 2 from 7 letters).
//! A query word equal to a SKU gets a strong boost.

use super::index::{SearchIndex, KIND_PRODUCT};
use super::synonyms::Synonyms;
use super::text::{self, Word};
use crate::db::ShopId;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

const TITLE_BOOST: f32 = 2.0;
const SYNONYM_BOOST: f32 = 0.9;
const FUZZY_BOOST: f32 = 0.8;
const SKU_BOOST: f32 = 12.0;
/// A query never needs more clauses than this (long pasted texts).
const MAX_CLAUSES: usize = 24;
/// The deepest hit a search returns (`offset + limit`): Tantivy reserves room for
/// that many hits before it looks, so the window, never a caller's number, sizes it.
pub const MAX_WINDOW: usize = 1000;

/// One word (or phrase) of the query and what may stand for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// The customer's word or phrase (folded), or the term it gave.
    pub source: String,
    /// Each alternative is a list of terms that must all match.
    pub alternatives: Vec<Vec<String>>,
}

/// Splits the customer's text into clauses, expanding synonyms (longest phrase first).
pub fn clauses(query: &str, synonyms: &Synonyms) -> Vec<Clause> {
    let ws: Vec<Word> = text::words(&text::fold(query));
    let mut out: Vec<Clause> = Vec::new();
    let mut plain: Vec<Word> = Vec::new();
    let flush = |plain: &mut Vec<Word>, out: &mut Vec<Clause>| {
        for t in text::terms_of_words(plain) {
            if !out
                .iter()
                .any(|c| c.alternatives.len() == 1 && c.alternatives[0] == [t.clone()])
            {
                out.push(Clause {
                    source: t.clone(),
                    alternatives: vec![vec![t]],
                });
            }
        }
        plain.clear();
    };
    let mut i = 0;
    while i < ws.len() {
        let mut matched = false;
        for len in (1..=synonyms.max_words.min(ws.len() - i)).rev() {
            let phrase: Vec<&str> = ws[i..i + len].iter().map(|w| w.text.as_str()).collect();
            let phrase = phrase.join(" ");
            let Some(syns) = synonyms.get(&phrase) else {
                continue;
            };
            flush(&mut plain, &mut out);
            let mut alternatives = vec![text::terms(&phrase)];
            alternatives.extend(syns.iter().map(|s| text::terms(s)));
            alternatives.retain(|a| !a.is_empty());
            alternatives.dedup();
            if !alternatives.is_empty() {
                out.push(Clause {
                    source: phrase,
                    alternatives,
                });
            }
            i += len;
            matched = true;
            break;
        }
        if !matched {
            plain.push(ws[i].clone());
            i += 1;
        }
    }
    flush(&mut plain, &mut out);
    out.truncate(MAX_CLAUSES);
    out
}

fn term_query(idx: &SearchIndex, searcher: &Searcher, t: &str) -> Box<dyn Query> {
    let f = &idx.fields;
    let title = Term::from_field_text(f.title, t);
    let text_term = Term::from_field_text(f.text, t);
    let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(title, IndexRecordOption::WithFreqs)),
                TITLE_BOOST,
            )),
        ),
        (
            Occur::Should,
            Box::new(TermQuery::new(
                text_term.clone(),
                IndexRecordOption::WithFreqs,
            )),
        ),
    ];
    let len = t.chars().count();
    let is_word = t.chars().all(char::is_alphabetic);
    if is_word && len >= 5 && searcher.doc_freq(&text_term).unwrap_or(0) == 0 {
        let distance = if len >= 7 { 2 } else { 1 };
        parts.push((
            Occur::Should,
            Box::new(BoostQuery::new(
                Box::new(FuzzyTermQuery::new(text_term, distance, true)),
                FUZZY_BOOST,
            )),
        ));
    }
    Box::new(BooleanQuery::new(parts))
}

fn clause_query(idx: &SearchIndex, searcher: &Searcher, clause: &Clause) -> Box<dyn Query> {
    let mut alts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (n, alt) in clause.alternatives.iter().enumerate() {
        let all: Vec<(Occur, Box<dyn Query>)> = alt
            .iter()
            .map(|t| (Occur::Must, term_query(idx, searcher, t)))
            .collect();
        let q: Box<dyn Query> = Box::new(BooleanQuery::new(all));
        let boost = if n == 0 { 1.0 } else { SYNONYM_BOOST };
        alts.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
    }
    Box::new(BooleanQuery::new(alts))
}

/// The words of `query` that match nothing of `kind` in the shop (typos included):
/// what the customer asked for that the shop does not have (`samsung`).
pub fn unmatched(
    idx: &SearchIndex,
    shop: ShopId,
    kind: &str,
    query: &str,
    synonyms: &Synonyms,
) -> tantivy::Result<Vec<String>> {
    let searcher = idx.reader.searcher();
    let mut out = Vec::new();
    for clause in clauses(query, synonyms) {
        let scope: Box<dyn Query> = Box::new(idx.scope(shop, kind));
        let q = BooleanQuery::new(vec![
            (Occur::Must, scope),
            (Occur::Must, clause_query(idx, &searcher, &clause)),
        ]);
        if searcher.search(&q, &tantivy::collector::Count)? == 0 {
            out.push(clause.source);
        }
    }
    Ok(out)
}

/// The full query for `kind` documents of `shop`, or `None` when nothing is left
/// to look for (only greetings and question words).
pub fn build(
    idx: &SearchIndex,
    searcher: &Searcher,
    shop: ShopId,
    kind: &str,
    query: &str,
    synonyms: &Synonyms,
) -> Option<Box<dyn Query>> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for clause in clauses(query, synonyms) {
        should.push((Occur::Should, clause_query(idx, searcher, &clause)));
    }
    if kind == KIND_PRODUCT {
        let mut skus: Vec<String> = query
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| w.len() >= 2)
            .collect();
        skus.push(query.trim().to_lowercase());
        skus.sort();
        skus.dedup();
        for s in skus.iter().take(MAX_CLAUSES) {
            let t = Term::from_field_text(idx.fields.sku, s);
            if searcher.doc_freq(&t).unwrap_or(0) > 0 {
                should.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
                        SKU_BOOST,
                    )),
                ));
            }
        }
    }
    if should.is_empty() {
        return None;
    }
    let scope: Box<dyn Query> = Box::new(idx.scope(shop, kind));
    Some(Box::new(BooleanQuery::new(vec![
        (Occur::Must, scope),
        (Occur::Must, Box::new(BooleanQuery::new(should))),
    ])))
}

/// Ids and scores of the best `limit` documents after skipping `offset`; nothing past
/// [`MAX_WINDOW`] hits (the callers refuse such pages before they get here).
pub fn run(
    idx: &SearchIndex,
    shop: ShopId,
    kind: &str,
    query: &str,
    synonyms: &Synonyms,
    limit: usize,
    offset: usize,
) -> tantivy::Result<Vec<(i64, f32)>> {
    if offset >= MAX_WINDOW {
        return Ok(Vec::new());
    }
    let limit = limit.clamp(1, MAX_WINDOW - offset);
    let searcher = idx.reader.searcher();
    let Some(q) = build(idx, &searcher, shop, kind, query, synonyms) else {
        return Ok(Vec::new());
    };
    let top = searcher.search(&q, &TopDocs::with_limit(limit).and_offset(offset))?;
    let mut out = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let ids = searcher
            .segment_reader(addr.segment_ord)
            .fast_fields()
            .u64("id")?;
        if let Some(id) = ids.first(addr.doc_id) {
            out.push((id as i64, score));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malagasy_words_expand_to_their_french_synonyms() {
        let syn = Synonyms::from_pairs([("menaka", "huile"), ("tongolo gasy", "ail")]);
        let c = clauses("ohatrinona ny menaka 1 litatra", &syn);
        assert_eq!(
            c[0].alternatives,
            vec![vec!["menak".to_string()], vec!["huil".to_string()]]
        );
        assert!(c.iter().any(|c| c.alternatives == [["1l".to_string()]]));
        let c = clauses("misy tongolo gasy ve", &syn);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].alternatives[1], ["ail"]);
    }

    #[test]
    fn a_message_of_only_question_words_has_no_clause() {
        assert!(clauses("Ohatrinona ve ?", &Synonyms::default()).is_empty());
        assert!(clauses("*:* ~~ )( \"\" ?", &Synonyms::default()).is_empty());
    }
}
