//! What a message names, item by item: a message is split into mentions ("5 sacs de
//! riz, 2 bidons d'huile", "vy 8 dimy ambin'ny folo sy fil recuit 3 kilao", "1
//! téléphone avec sa coque et un chargeur"), each with its product words and the
//! numbers written with it, every number tagged with what surrounds it (a unit, a
//! package word, `de`, `à`, its place before or after the product word). Whether a
//! number is a count, a variant (`fer de 10`) or a price offered (`à 250 000`) is
//! decided against the catalogue in [`super::variants`]; amounts of money and phone
//! numbers are set apart here.

use super::attributes::{self, Unit};
use super::lexicon;
use super::numbers;
use super::text;

/// One number of a mention and its surroundings.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    pub value: f64,
    /// The measure unit written after it (`25 kg`).
    pub unit: Option<Unit>,
    /// Followed by a package word (`3 sacs`, `iray gony`): a count.
    pub package: bool,
    /// Preceded by `de`, `en`, `du`, `ilay`, `taille`...: more likely a variant.
    pub introduced: bool,
    /// Before the mention's first product word.
    pub before_noun: bool,
    /// `x3`.
    pub times: bool,
    /// Only the article `un` / `une`.
    pub article: bool,
    /// An amount of money: followed by `Ar`, or a large number after `à` / `amin ny`.
    pub money: bool,
}

/// One item of a message.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mention {
    pub tokens: Vec<String>,
    /// Product words: no function or intent words, numbers, units.
    pub words: Vec<String>,
    pub nums: Vec<Num>,
    pub colours: Vec<&'static str>,
    /// A size written as such (`taille M`, `en L`, `pointure 42`).
    pub size: Option<String>,
    /// `petit` / `kely` (false), `grand` / `lehibe` (true).
    pub adjective: Option<bool>,
    /// Refers to what was just discussed: `le`, `la`, `les`, `ilay`, `io`, `ça`.
    pub pronoun: bool,
}

impl Num {
    /// Could be how many: not money, not a time or a duration (`amin'ny 7 ora`).
    pub fn countable(&self) -> bool {
        !self.money
            && !self
                .unit
                .is_some_and(|u| matches!(u.dim(), attributes::Dim::Duration))
    }
}

impl Mention {
    /// Numbers written that may count something.
    pub fn has_numbers(&self) -> bool {
        self.nums.iter().any(Num::countable)
    }

    /// Only a count (`3`, `2 sacs`): nothing that names or picks a product.
    fn count_only(&self) -> bool {
        self.words.iter().all(|w| attributes::is_package(w))
            && self.colours.is_empty()
            && self.size.is_none()
            && self.adjective.is_none()
            && self.nums.len() == 1
            && self.nums[0].countable()
            && self.nums[0].unit.is_none()
            && !self.nums[0].introduced
            && !self.pronoun
    }

    /// A count written (`3`, `2 sacs`, `x3`), not only a size.
    pub fn has_count(&self) -> bool {
        self.nums.iter().any(|n| {
            n.countable() && (n.unit.is_none() || n.package) && (!n.introduced || n.package)
        })
    }
}

/// Splits at punctuation (but not inside `1,5`) and at item joiners.
fn parts(message: &str) -> Vec<String> {
    let chars: Vec<char> = message.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if matches!(
            c,
            ';' | ':' | '\n' | '+' | '&' | '/' | '?' | '!' | '*' | '•' | '(' | ')'
        ) || (matches!(c, ',' | '.') && !between_digits)
            || (c == '-' && chars.get(i + 1) == Some(&' ') && (i == 0 || chars[i - 1] == ' '))
        {
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    out.push(cur);
    out.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// Words that join two items of a list.
fn is_joiner(tokens: &[String], i: usize) -> bool {
    let t = tokens[i].as_str();
    let prev_num = i > 0 && numbers::is_number_word(&tokens[i - 1]);
    let next_num = tokens
        .get(i + 1)
        .is_some_and(|n| numbers::is_number_word(n));
    match t {
        "et" | "puis" | "plus" | "avec" | "ainsi" => true,
        "ary" | "miaraka" | "ampiana" | "miampy" => true,
        // `dimanjato sy roa arivo` is one number.
        "sy" => !(prev_num && next_num),
        _ => false,
    }
}

/// The mentions of a message, in order.
pub fn mentions(message: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for part in parts(message) {
        let toks = text::tokens(&part);
        let mut cur: Vec<String> = Vec::new();
        for i in 0..toks.len() {
            if is_joiner(&toks, i) {
                push(&mut out, std::mem::take(&mut cur));
            } else {
                cur.push(toks[i].clone());
            }
        }
        push(&mut out, cur);
    }
    out
}

fn push(out: &mut Vec<Mention>, tokens: Vec<String>) {
    if tokens.is_empty() {
        return;
    }
    let m = mention(tokens);
    // "le ciment 50 kg, 3", "taille 4, 2 paquets": the count belongs to the item before.
    if m.count_only() {
        if let Some(prev) = out.last_mut().filter(|p| !p.has_count() && !p.count_only()) {
            let mut n = m.nums[0].clone();
            n.before_noun = false;
            n.package = true;
            prev.nums.push(n);
            prev.tokens.extend(m.tokens);
            return;
        }
    }
    out.push(m);
}

/// Phone numbers (`034 00 902 33`, `0339899928`, `261...`): their digits are no count.
fn phone_spans(tokens: &[String]) -> Vec<bool> {
    let mut skip = vec![false; tokens.len()];
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        if digits(t)
            && ((t.starts_with('0') && t.len() >= 3) || t.starts_with("261") || t.len() >= 9)
        {
            let mut j = i + 1;
            while j < tokens.len() && digits(&tokens[j]) && tokens[j].len() <= 3 {
                j += 1;
            }
            let total: usize = tokens[i..j].iter().map(String::len).sum();
            if total >= 9 || t.len() >= 9 {
                skip[i..j].iter_mut().for_each(|s| *s = true);
                i = j;
                continue;
            }
        }
        i += 1;
    }
    skip
}

const INTRODUCERS: &[&str] = &[
    "de", "du", "des", "en", "ilay", "le", "la", "les", "l", "taille", "pointure", "habe", "ny",
    "an", "version", "modele", "capacite", "numero",
];

fn mention(tokens: Vec<String>) -> Mention {
    let skip_phone = phone_spans(&tokens);
    let mut used = skip_phone.clone();
    let mut m = Mention::default();
    // Sizes first: `taille M`, `pointure 42`, `en L`, a lone `XL`.
    for i in 0..tokens.len() {
        let t = tokens[i].as_str();
        if attributes::is_size_word(t) {
            if let Some(next) = tokens.get(i + 1) {
                if attributes::size_letter(next).is_some() || next.parse::<f64>().is_ok() {
                    m.size = Some(
                        attributes::size_letter(next)
                            .map(str::to_string)
                            .unwrap_or(next.clone()),
                    );
                    used[i] = true;
                    used[i + 1] = true;
                }
            }
        } else if let Some(s) = attributes::size_letter(t) {
            let after_en = i > 0
                && matches!(
                    tokens[i - 1].as_str(),
                    "en" | "ilay" | "le" | "la" | "ny" | "du"
                );
            let after_num = i > 0 && tokens[i - 1].parse::<f64>().is_ok();
            if matches!(s, "xs" | "xl" | "xxl" | "xxxl")
                || (after_en && !after_num)
                || tokens.len() == 1
            {
                m.size = Some(s.to_string());
                used[i] = true;
            }
        }
    }
    let nums = numbers::numbers(&tokens);
    let first_word = tokens.iter().enumerate().position(|(i, t)| {
        !used[i]
            && !numbers::is_number_word(t)
            && t.parse::<f64>().is_err()
            && !lexicon::is_non_product(t)
            && attributes::unit(t).is_none()
            && !attributes::is_package(t)
    });
    for n in nums {
        if used[n.at] {
            continue;
        }
        let next = tokens.get(n.end).map(String::as_str);
        let mut unit = next.and_then(attributes::unit);
        // `m` / `l` right after a count of clothes is a size, read above.
        if unit.is_some()
            && next.is_some_and(|u| attributes::size_letter(u).is_some())
            && m.size.is_some()
        {
            unit = None;
        }
        let package = next.is_some_and(attributes::is_package)
            || (next == Some("de")
                && tokens
                    .get(n.end + 1)
                    .is_some_and(|t| attributes::is_package(t)));
        let prev = n.at.checked_sub(1).map(|p| tokens[p].as_str());
        let money_unit = matches!(next, Some("ar" | "ariary" | "mga" | "fmg" | "francs"));
        // `75 000 pièce`, `39 000 le sac`: a price per unit, not a count of units.
        let per_unit = n.value >= 1000.0
            && next.is_some_and(|t| {
                attributes::is_package(t) && crate::assistant::text::stem_fr(t) == t
            });
        let package = package && !per_unit;
        let money = money_unit
            || (n.value >= 500.0
                && unit.is_none()
                && !package
                && matches!(
                    prev,
                    Some(
                        "a" | "pour" | "amin" | "ho" | "avec" | "prix" | "aleo" | "faites" | "fais"
                    )
                ))
            || (n.value >= 1000.0
                && unit.is_none()
                && !package
                && n.value.fract() == 0.0
                && n.value % 500.0 == 0.0);
        for u in &mut used[n.at..n.end] {
            *u = true;
        }
        if unit.is_some() || money_unit {
            if let Some(u) = used.get_mut(n.end) {
                *u = true;
            }
        }
        m.nums.push(Num {
            value: n.value,
            unit,
            package,
            introduced: prev.is_some_and(|p| INTRODUCERS.contains(&p)),
            before_noun: first_word.is_none_or(|f| n.at < f),
            times: n.times,
            article: n.article,
            money,
        });
    }
    for (i, t) in tokens.iter().enumerate() {
        if used[i] {
            continue;
        }
        if let Some(c) = attributes::colour(t) {
            m.colours.push(c);
        }
        if let Some(big) = attributes::size_adjective(t) {
            m.adjective = Some(big);
            continue;
        }
        if matches!(
            t.as_str(),
            "le" | "la"
                | "les"
                | "l"
                | "ilay"
                | "io"
                | "iny"
                | "ca"
                | "celui"
                | "celle"
                | "ceux"
                | "lui"
                | "azy"
                | "izy"
        ) {
            m.pronoun = true;
        }
        // Unit words alone (`prix au mètre`) name no product.
        let unit_word = t.len() > 1 && attributes::unit(t).is_some();
        if numbers::is_number_word(t) || t.parse::<f64>().is_ok() || skip_phone[i] || unit_word {
            continue;
        }
        if lexicon::is_non_product(t) || matches!(t.as_str(), "ambin" | "amby" | "ambiny") {
            continue;
        }
        m.words.push(t.clone());
    }
    m.words.dedup();
    m.tokens = tokens;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(s: &str) -> Vec<Vec<f64>> {
        mentions(s)
            .into_iter()
            .map(|m| m.nums.iter().map(|n| n.value).collect())
            .collect()
    }

    #[test]
    fn items_are_split_and_keep_their_own_numbers() {
        let m = mentions("5 sacs de ciment et 2 bidons d'huile 20 L");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].words, vec!["sacs", "ciment"]);
        assert!(m[0].nums[0].package);
        assert_eq!(m[1].nums[1].unit, Some(Unit::L));
        let m = mentions("1 téléphone avec sa coque et un chargeur");
        assert_eq!(m.len(), 3, "{m:?}");
        assert_eq!(m[0].words, vec!["telephone"]);
        let m = mentions("Mila kiraro mainty telo sy akanjo fotsy roa");
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].colours, vec!["noir"]);
        assert_eq!(
            counts("vy 8 dimy ambin'ny folo, vy 6 telopolo"),
            vec![vec![8.0, 15.0], vec![6.0, 30.0]]
        );
    }

    #[test]
    fn a_price_offered_is_money_not_a_count() {
        let m = &mentions("je le prends à 250 000")[0];
        assert!(m.nums[0].money, "{m:?}");
        assert!(m.pronoun);
        let m = &mentions("vous me faites 75 000 pièce ?")[0];
        assert!(m.nums[0].money);
        let m = &mentions("devis 20 barres")[0];
        assert!(!m.nums[0].money);
    }

    #[test]
    fn decimals_phone_numbers_and_sizes_are_not_split_or_counted() {
        assert_eq!(counts("eau 1,5 L"), vec![vec![1.5]]);
        assert_eq!(
            counts("appelez-moi au 034 00 902 33"),
            vec![Vec::<f64>::new()]
        );
        let m = &mentions("3 en L")[0];
        assert_eq!(m.size.as_deref(), Some("l"));
        assert_eq!(m.nums.len(), 1);
        assert_eq!(m.nums[0].unit, None);
        let m = &mentions("chaussures taille 42")[0];
        assert_eq!(m.size.as_deref(), Some("42"));
        assert!(m.nums.is_empty());
    }
}
