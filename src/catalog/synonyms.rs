//! Per-shop search synonyms (`vary = riz`): stored in `catalog_synonyms`, seeded from
//! `catalog_synonym_defaults` when a shop is created (migration V20), editable in the
//! admin as one line per word. Expanded at query time in both directions.

use super::text;
use crate::db::Connection;
use crate::db::{DbError, ShopId};
use std::collections::HashMap;

/// The expansion table of one shop: folded word or phrase → its equivalents.
#[derive(Debug, Default, Clone)]
pub struct Synonyms {
    map: HashMap<String, Vec<String>>,
    /// Longest key, in words (phrases like `tongolo gasy`).
    pub max_words: usize,
}

/// Folds a word or phrase to the form keys are stored and looked up in.
pub fn key(s: &str) -> String {
    text::words(&text::fold(s))
        .into_iter()
        .map(|w| w.text)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Synonyms {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut s = Synonyms::default();
        for (term, syns) in pairs {
            let t = key(term);
            for syn in syns.split(',').map(key).filter(|x| !x.is_empty()) {
                if t.is_empty() || syn == t {
                    continue;
                }
                s.add(&t, &syn);
                s.add(&syn, &t);
            }
        }
        s
    }

    fn add(&mut self, from: &str, to: &str) {
        let list = self.map.entry(from.to_string()).or_default();
        if !list.iter().any(|x| x == to) {
            list.push(to.to_string());
        }
        self.max_words = self.max_words.max(from.split(' ').count());
    }

    /// Equivalents of a folded word or phrase (words joined by one space).
    pub fn get(&self, phrase: &str) -> Option<&[String]> {
        self.map.get(phrase).map(Vec::as_slice)
    }
}

/// The shop's synonym lines, `(term, "syn1, syn2")`, ordered by term.
pub fn load(conn: &Connection, shop: ShopId) -> Result<Vec<(String, String)>, DbError> {
    crate::db::synonyms::load(conn, shop)
}

/// The lines as the admin edits them: `vary = riz`.
pub fn to_text(rows: &[(String, String)]) -> String {
    rows.iter().map(|(t, s)| format!("{t} = {s}\n")).collect()
}

/// Parses `term = syn1, syn2` lines (blank lines and `#` comments ignored).
pub fn parse(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((term, syns)) = line.split_once('=') else {
            return Err(format!(
                "ligne {} : écrivez « mot = synonyme1, synonyme2 »",
                n + 1
            ));
        };
        let term = key(term);
        let syns: Vec<String> = syns.split(',').map(key).filter(|s| !s.is_empty()).collect();
        if term.is_empty() || syns.is_empty() {
            return Err(format!("ligne {} : mot ou synonyme vide", n + 1));
        }
        match out.iter_mut().find(|(t, _)| *t == term) {
            Some((_, s)) => {
                s.push_str(", ");
                s.push_str(&syns.join(", "));
            }
            None => out.push((term, syns.join(", "))),
        }
    }
    Ok(out)
}

/// Replaces the shop's list. Run inside the caller's transaction.
pub fn save(conn: &Connection, shop: ShopId, rows: &[(String, String)]) -> Result<(), DbError> {
    crate::db::synonyms::replace(conn, shop, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_expand_both_ways_and_keys_are_folded() {
        let s = Synonyms::from_pairs([
            ("vary", "riz"),
            ("telefaona", "téléphone"),
            ("tongolo gasy", "ail"),
        ]);
        assert_eq!(s.get("vary").unwrap(), ["riz"]);
        assert_eq!(s.get("riz").unwrap(), ["vary"]);
        assert_eq!(s.get("telephone").unwrap(), ["telefaona"]);
        assert_eq!(s.get("tongolo gasy").unwrap(), ["ail"]);
        assert_eq!(s.max_words, 2);
    }

    #[test]
    fn the_admin_text_round_trips_and_bad_lines_are_named() {
        let rows = parse("# épicerie\nVary = riz\nménaka = huile, huile végétale\n").unwrap();
        assert_eq!(rows[1], ("menaka".into(), "huile, huile vegetale".into()));
        assert_eq!(parse(&to_text(&rows)).unwrap(), rows);
        assert!(parse("vary riz").unwrap_err().contains("ligne 1"));
    }
}
