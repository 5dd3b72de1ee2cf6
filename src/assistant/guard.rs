//! The guard between the model and the customer: a generated sentence is rejected
//! when it holds a number, a product name or a promise that the facts given to it do
//! not hold. The caller then falls back to the template. "The model chooses words;
//! the data chooses numbers."

use super::text;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("number `{0}` is not in the data")]
    Number(String),
    #[error("product word `{0}` is not in the data")]
    Product(String),
    #[error("promise `{0}`")]
    Promise(String),
    #[error("empty, too long or repetitive")]
    Shape,
}

/// Words that commit the shop (discounts, free items, guarantees, delivery promises).
const PROMISES: &[&str] = &[
    "gratuit",
    "gratuite",
    "gratuitement",
    "offert",
    "offerte",
    "remise",
    "reduction",
    "rabais",
    "promo",
    "promotion",
    "solde",
    "garanti",
    "garantie",
    "promets",
    "promis",
    "rembourse",
    "remboursement",
    "livrons",
    "livre",
    "livree",
    "cadeau",
    "maimaim",
    "fihenam",
    "ahena",
    "discount",
    "free",
    "%",
];

/// Checks `generated` against `facts` (the text the reply may rely on: the customer's
/// message, the shop's data given to the model) and `catalogue_words` (every product
/// word of the shop: naming one not in `facts` is inventing).
pub fn check(generated: &str, facts: &str, catalogue_words: &[String]) -> Result<(), Rejection> {
    let g = generated.trim();
    if g.is_empty() || g.chars().count() > 400 {
        return Err(Rejection::Shape);
    }
    // Small base models loop ("je vais à X, je vais à X, ..."): a reply that repeats
    // itself is not a sentence.
    let words = text::tokens(g);
    if words.len() >= 8 {
        let mut uniq = words.clone();
        uniq.sort();
        uniq.dedup();
        if (uniq.len() as f32) < 0.6 * words.len() as f32 {
            return Err(Rejection::Shape);
        }
    }
    let facts_tokens = text::tokens(facts);
    let fact_numbers: Vec<String> = numbers(facts);
    for n in numbers(g) {
        if !fact_numbers.contains(&n) {
            return Err(Rejection::Number(n));
        }
    }
    let toks = text::tokens(g);
    for t in &toks {
        if PROMISES.contains(&t.as_str()) && !facts_tokens.contains(t) {
            return Err(Rejection::Promise(t.clone()));
        }
        let stem = text::stem_fr(t);
        if t.len() > 3
            && catalogue_words.iter().any(|w| w == stem || w == t)
            && !facts_tokens.iter().any(|f| text::stem_fr(f) == stem)
        {
            return Err(Rejection::Product(t.clone()));
        }
    }
    if g.contains('%') && !facts.contains('%') {
        return Err(Rejection::Promise("%".into()));
    }
    Ok(())
}

/// Every number in `s` with thousands groups joined (`65 000` → `65000`, `1,5` → `1.5`).
pub fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut n = String::new();
            while i < chars.len() {
                let c = chars[i];
                if c.is_ascii_digit() {
                    n.push(c);
                } else if (c == ' ' || c == '\u{202f}' || c == '\u{a0}' || c == '.')
                    && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                    && chars.get(i + 2).is_some_and(|d| d.is_ascii_digit())
                    && chars.get(i + 3).is_some_and(|d| d.is_ascii_digit())
                    && !chars.get(i + 4).is_some_and(|d| d.is_ascii_digit())
                {
                    // thousands separator
                } else if c == ',' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                    n.push('.');
                } else {
                    break;
                }
                i += 1;
            }
            out.push(n);
        } else {
            i += 1;
        }
    }
    out
}

/// Amounts in Ariary written in `s` (`65 000 Ar`, `3000 Ar`, `5 000 ariary`).
pub fn amounts(s: &str) -> Vec<i64> {
    let lower = s.to_lowercase();
    let mut out = Vec::new();
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let rest: String = chars[i..].iter().collect();
            let first = numbers(&rest).into_iter().next().unwrap_or_default();
            // Skip past the number as written (digits and single separators).
            let mut j = i;
            let mut seen = 0;
            while j < chars.len() && seen < first.len() {
                if chars[j].is_ascii_digit() || chars[j] == '.' || chars[j] == ',' {
                    seen += 1;
                }
                j += 1;
            }
            let after: String = chars[j..].iter().collect();
            let after = after.trim_start();
            if after.starts_with("ar") || after.starts_with("mga") {
                if let Ok(v) = first.split('.').next().unwrap_or("").parse::<i64>() {
                    out.push(v);
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> Vec<String> {
        vec!["riz".into(), "huile".into(), "ciment".into()]
    }

    #[test]
    fn a_sentence_without_facts_passes() {
        assert!(check("Avec plaisir, bonne journée !", "merci", &cat()).is_ok());
    }

    #[test]
    fn an_invented_amount_is_rejected_but_a_given_one_passes() {
        assert_eq!(
            check("Le riz est à 3 000 Ar.", "riz", &cat()),
            Err(Rejection::Number("3000".into()))
        );
        assert!(check("Le riz est à 3 000 Ar.", "Riz 1 kg : 3000 Ar", &cat()).is_ok());
    }

    #[test]
    fn an_unmentioned_product_or_a_promise_is_rejected() {
        assert_eq!(
            check("Nous avons aussi du ciment.", "riz", &cat()),
            Err(Rejection::Product("ciment".into()))
        );
        assert_eq!(
            check("Je vous fais une remise !", "riz", &cat()),
            Err(Rejection::Promise("remise".into()))
        );
        assert_eq!(
            check(
                "Oui, nous livrons à Ivato.",
                "vous livrez à Ivato ?",
                &cat()
            ),
            Err(Rejection::Promise("livrons".into()))
        );
    }

    #[test]
    fn a_looping_generation_is_rejected() {
        assert_eq!(
            check(
                "Je vais à Antsirabe, je vais à Antsirabe, je vais à Antsirabe, je vais",
                "Quel temps fait-il à Antsirabe ?",
                &cat()
            ),
            Err(Rejection::Shape)
        );
    }

    #[test]
    fn amounts_are_read_with_thousands_separators() {
        assert_eq!(amounts("Riz : 65 000 Ar, huile 9500 Ar"), vec![65000, 9500]);
        assert_eq!(amounts("livraison 3 000 Ar. Tel 034 12 345 67"), vec![3000]);
        assert_eq!(numbers("1,5 L et 12 345"), vec!["1.5", "12345"]);
    }
}
