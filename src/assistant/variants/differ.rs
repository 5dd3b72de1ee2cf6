//! How the candidates of a clarifying question differ: the attribute to ask about.

use super::*;

/// How the candidates differ, for a clarifying question: the attribute kind and
/// each candidate's value (`diamètre`-like measures, sizes, colours), or `None` when
/// they differ by name only.
pub fn difference(products: &[Product]) -> Vec<String> {
    let attrs: Vec<Attrs> = products
        .iter()
        .map(|p| attributes::of_title(&p.title))
        .collect();
    // A measure position whose values differ.
    let n = attrs.iter().map(|a| a.measures.len()).min().unwrap_or(0);
    for k in 0..n {
        let vals: Vec<String> = attrs
            .iter()
            .map(|a| format!("{} {}", num_text(a.measures[k].0), a.measures[k].1.label()))
            .collect();
        let mut uniq = vals.clone();
        uniq.dedup();
        if uniq.len() > 1 && distinct(&vals) {
            return vals;
        }
    }
    if attrs.iter().all(|a| a.size.is_some()) {
        let vals: Vec<String> = attrs
            .iter()
            .map(|a| a.size.clone().unwrap_or_default().to_uppercase())
            .collect();
        if distinct(&vals) {
            return vals;
        }
    }
    if attrs.iter().all(|a| a.colours.len() == 1) {
        let vals: Vec<String> = attrs.iter().map(|a| a.colours[0].to_string()).collect();
        if distinct(&vals) {
            return vals;
        }
    }
    Vec::new()
}

pub(crate) fn distinct(vals: &[String]) -> bool {
    let mut v = vals.to_vec();
    v.sort();
    v.dedup();
    v.len() == vals.len()
}
