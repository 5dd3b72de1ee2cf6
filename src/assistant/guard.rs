//! The guard, as a contract: every number in an outgoing message (amounts in any
//! format — `1000 Ar`, `1.000 Ar`, `1 000 ariary`, `arivo ariary`, `mille ariary` —
//! phone numbers, quantities, dates) must come from the shop's data or the computed
//! quote. The customer's message is never a source: a number the customer wrote is
//! allowed only when the data holds it too. A reply that fails is replaced by a
//! grounded template or a hand-over. Text a model phrased is checked harder
//! ([`check_phrasing`]): no number, product or promise the template did not hold.

use super::answers::Scene;
use super::facts::ShopFacts;
use super::numbers;
use super::text;
use super::QuoteLine;
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("number `{0}` is not in the data")]
    Number(String),
    #[error("amount `{0}` is not in the data")]
    Amount(i64),
    #[error("product word `{0}` is not in the data")]
    Product(String),
    #[error("promise `{0}`")]
    Promise(String),
    #[error("mixes languages")]
    Language,
    #[error("empty, too long or repetitive")]
    Shape,
}

/// What a reply may state: every number of the shop's data and of the computed quote.
#[derive(Debug, Clone, Default)]
pub struct Grounding {
    numbers: HashSet<String>,
    amounts: HashSet<i64>,
}

impl Grounding {
    /// Adds every number written in `text` (a title, a setting, a FAQ answer).
    pub fn add_text(&mut self, text: &str) {
        for n in numbers(text) {
            if let Ok(v) = n.parse::<f64>() {
                self.amounts.insert(v.round() as i64);
            }
            self.numbers.insert(n);
        }
        for a in amounts(text) {
            self.amounts.insert(a);
        }
        for n in numbers::numbers(&text::tokens(text)) {
            self.amounts.insert(n.value.round() as i64);
        }
    }

    pub fn add_number(&mut self, n: i64) {
        self.numbers.insert(n.to_string());
        self.amounts.insert(n);
    }

    /// The shop's facts, the products read for this message and the quote's lines.
    pub(super) fn of(
        facts: &ShopFacts,
        s: &Scene<'_>,
        lines: &[QuoteLine],
        validity_days: i64,
    ) -> Grounding {
        let mut g = Grounding::default();
        for (_, v) in &facts.settings {
            g.add_text(v);
        }
        for t in [&facts.address, &facts.phone].into_iter().flatten() {
            g.add_text(t);
        }
        g.add_text(&facts.name);
        for f in &s.faqs {
            g.add_text(&f.answer);
            if let Some(mg) = &f.answer_mg {
                g.add_text(mg);
            }
        }
        let mut priced = Vec::new();
        for p in s.products.iter().chain(&s.before).chain(&s.family) {
            g.add_text(&p.title);
            g.add_text(&p.description);
            g.add_number(p.price.0);
            if let Some(l) = lines.iter().find(|l| l.sku == p.sku) {
                if !priced.iter().any(|(sku, _): &(String, i64)| *sku == p.sku) {
                    priced.push((p.sku.clone(), l.qty.saturating_mul(p.price.0)));
                }
                g.add_number(l.qty);
                g.add_number(l.qty.saturating_mul(p.price.0));
            }
        }
        let ht: i64 = priced.iter().map(|(_, t)| t).sum();
        let tva = crate::quotes::totals::vat(ht, facts.vat_bp).unwrap_or(0);
        for n in [ht, tva, ht + tva, validity_days] {
            g.add_number(n);
        }
        if let Some(bp) = facts.vat_bp {
            g.add_text(&crate::quotes::totals::rate_label(bp));
        }
        g
    }
}

/// Checks a reply against what it may state.
pub fn verify(reply: &str, g: &Grounding) -> Result<(), Rejection> {
    for a in amounts(reply) {
        if !g.amounts.contains(&a) && !g.numbers.contains(&a.to_string()) {
            return Err(Rejection::Amount(a));
        }
    }
    for n in numbers(reply) {
        if !g.numbers.contains(&n) {
            return Err(Rejection::Number(n));
        }
    }
    Ok(())
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
    "poana",
    "fihenam",
    "ahena",
    "discount",
    "free",
    "%",
];

/// Checks what a model phrased from a grounded `template`: only the template's numbers,
/// products and promises, one language, a sentence's shape. `catalogue_words` are the
/// shop's product words (naming one the template does not is inventing).
pub fn check_phrasing(
    phrased: &str,
    template: &str,
    catalogue_words: &[String],
) -> Result<(), Rejection> {
    let g = phrased.trim();
    if g.is_empty() || g.chars().count() > 600 {
        return Err(Rejection::Shape);
    }
    let words = text::tokens(g);
    if words.len() >= 8 {
        let mut uniq = words.clone();
        uniq.sort();
        uniq.dedup();
        if (uniq.len() as f32) < 0.6 * words.len() as f32 {
            return Err(Rejection::Shape);
        }
    }
    let allowed: HashSet<String> = numbers(template).into_iter().collect();
    for n in numbers(g) {
        if !allowed.contains(&n) {
            return Err(Rejection::Number(n));
        }
    }
    let t_money: HashSet<i64> = amounts(template).into_iter().collect();
    for a in amounts(g) {
        if !t_money.contains(&a) {
            return Err(Rejection::Amount(a));
        }
    }
    let template_tokens = text::tokens(template);
    for t in &words {
        if PROMISES.contains(&t.as_str()) && !template_tokens.contains(t) {
            return Err(Rejection::Promise(t.clone()));
        }
        let stem = text::stem_fr(t);
        if t.len() > 3
            && catalogue_words.iter().any(|w| w == stem || w == t)
            && !template_tokens.iter().any(|f| text::stem_fr(f) == stem)
        {
            return Err(Rejection::Product(t.clone()));
        }
    }
    if g.contains('%') && !template.contains('%') {
        return Err(Rejection::Promise("%".into()));
    }
    if !super::language::is_one_language(g, &[]) {
        return Err(Rejection::Language);
    }
    Ok(())
}

/// Every number in `s` with thousands groups joined (`65 000` → `65000`, `1.000` →
/// `1000`, `1,5` → `1.5`) and leading zeros dropped (`07:30` and `7h30` agree).
pub fn numbers(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let group3 = |k: usize| {
        (1..=3).all(|d| chars.get(k + d).is_some_and(|x| x.is_ascii_digit()))
            && !chars.get(k + 4).is_some_and(|x| x.is_ascii_digit())
    };
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut n = String::new();
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                n.push(c);
            } else if matches!(c, ' ' | '\u{202f}' | '\u{a0}' | '.')
                && group3(i)
                && !n.contains('.')
            {
                // a thousands separator
            } else if matches!(c, ',' | '.')
                && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                && !n.contains('.')
            {
                n.push('.');
            } else {
                break;
            }
            i += 1;
        }
        let trimmed = n.trim_start_matches('0');
        let n = if trimmed.is_empty() || trimmed.starts_with('.') {
            format!("0{trimmed}")
        } else {
            trimmed.to_string()
        };
        out.push(n);
    }
    out
}

/// Amounts of money written in `s`, in digits or words (`65 000 Ar`, `1.000 Ar`,
/// `arivo ariary`, `5 000 FMG` as 1 000 Ar).
pub fn amounts(s: &str) -> Vec<i64> {
    let lower = text::fold(s);
    let chars: Vec<char> = lower.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let rest: String = chars[i..].iter().collect();
        let Some(first) = numbers(&rest).into_iter().next() else {
            i += 1;
            continue;
        };
        // Skip past the number as written (digits and single separators).
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || (matches!(chars[j], ' ' | '.' | ',' | '\u{a0}' | '\u{202f}')
                    && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit())))
        {
            j += 1;
        }
        let after: String = chars[j..].iter().collect::<String>();
        let after = after.trim_start();
        let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        let value = first.split('.').next().unwrap_or("").parse::<i64>().ok();
        match (word.as_str(), value) {
            ("ar" | "ariary" | "mga", Some(v)) => out.push(v),
            ("fmg", Some(v)) => out.push(v / 5),
            _ => {}
        }
        i = j.max(i + 1);
    }
    out.extend(numbers::money_in_words(&text::tokens(s)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(texts: &[&str]) -> Grounding {
        let mut g = Grounding::default();
        for t in texts {
            g.add_text(t);
        }
        g
    }

    #[test]
    fn an_amount_of_the_data_passes_in_every_format() {
        let data = g(&["Riz 1 kg : 1000 Ar"]);
        for r in [
            "Le riz : 1000 Ar",
            "Le riz : 1.000 Ar",
            "Le riz : 1 000 ariary",
            "vidiny: arivo ariary",
            "mille ariary le kilo",
        ] {
            assert_eq!(verify(r, &data), Ok(()), "{r}");
        }
    }

    #[test]
    fn an_amount_not_in_the_data_fails_in_every_format() {
        let data = g(&["Riz 1 kg : 1000 Ar"]);
        for r in [
            "Le riz : 500 Ar",
            "Le riz : 5.000 Ar",
            "dimanjato ariary",
            "cinq cents ariary",
        ] {
            assert!(verify(r, &data).is_err(), "{r}");
        }
    }

    #[test]
    fn a_phone_number_must_be_the_shops() {
        let data = g(&["MVola : 034 12 345 67"]);
        assert_eq!(verify("MVola : 034 12 345 67", &data), Ok(()));
        assert!(verify("Appelez le 034 99 999 99", &data).is_err());
    }

    #[test]
    fn phrasing_may_not_add_numbers_products_or_promises() {
        let cat = vec!["riz".to_string(), "ciment".to_string()];
        let t = "Voici le prix : Riz 1 kg : 3 500 Ar.";
        assert_eq!(
            check_phrasing("Le riz coûte 3 500 Ar le kilo.", t, &cat),
            Ok(())
        );
        assert_eq!(
            check_phrasing("Le riz coûte 500 Ar.", t, &cat),
            Err(Rejection::Number("500".into()))
        );
        assert_eq!(
            check_phrasing("Nous avons aussi du ciment.", t, &cat),
            Err(Rejection::Product("ciment".into()))
        );
        assert_eq!(
            check_phrasing("Je vous fais une remise !", t, &cat),
            Err(Rejection::Promise("remise".into()))
        );
    }

    #[test]
    fn numbers_are_read_with_thousands_separators() {
        assert_eq!(
            numbers("65 000 Ar, 9500 Ar, 1.000 Ar"),
            vec!["65000", "9500", "1000"]
        );
        assert_eq!(numbers("1,5 L et 12 345"), vec!["1.5", "12345"]);
        assert_eq!(amounts("livraison 3 000 Ar. Tel 034 12 345 67"), vec![3000]);
    }
}
