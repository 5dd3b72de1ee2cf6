//! The words that say what a message does to a quote: change a line, add lines, or
//! only pick a variant.

use super::*;

fn has_any(tokens: &[String], words: &[&str]) -> bool {
    tokens.iter().any(|t| {
        words
            .iter()
            .any(|w| t == w || (w.ends_with('*') && t.starts_with(&w[..w.len() - 1])))
    })
}

/// "atovy roa", "finalement 3", "plutôt le noir": the message changes a line.
pub(crate) fn replaces(tokens: &[String]) -> bool {
    has_any(
        tokens,
        &[
            "atovy",
            "ataovy",
            "ovay",
            "ovaina",
            "finalement",
            "plutot",
            "chang*",
            "remplac*",
            "mettez",
            "non",
            "tsia",
            "aleo",
            "lieu",
        ],
    )
}

/// "ajoutez", "ampio ... koa", "et aussi": the message adds lines.
pub(crate) fn adds(tokens: &[String]) -> bool {
    has_any(
        tokens,
        &[
            "ajout*", "rajout*", "ampio", "ampiana", "koa", "aussi", "encore",
        ],
    ) || tokens.first().is_some_and(|t| t == "et" || t == "ary")
}

/// Words that only pick a variant (`le noir`, `ilay kely`, `châtain`).
pub(crate) fn attribute_only(m: &Mention) -> bool {
    m.words
        .iter()
        .all(|w| attributes::colour(w).is_some() || attributes::size_adjective(w).is_some())
}
