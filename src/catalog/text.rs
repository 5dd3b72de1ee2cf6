//! Text normalisation shared by the index and the queries, so both sides always agree:
//! lowercase + accent folding, words split at digit/letter boundaries (`5L` → `5 l`),
//! numbers made canonical (`20 000` → `20000`, `1,5` → `1.5`), units made canonical
//! (`litatra`, `litres` → `l`; `kilao`, `kilos` → `kg`) and glued to their number as
//! an extra term (`5l`, `25kg`, `20000mah`), French + Malagasy function words dropped,
//! and the rest stemmed with the French Snowball stemmer (singular/plural).

use std::collections::HashSet;
use std::sync::OnceLock;

/// Lowercase, strip diacritics (`é` → `e`), expand ligatures; NBSP becomes a space.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            '\u{a0}' | '\u{202f}' | '\u{2009}' => out.push(' '),
            c if is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// One word of folded text; `num` when it is a (canonical) number.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub num: bool,
}

/// Splits folded text into words and numbers. A `.`/`,` followed by exactly three
/// digits is a thousands separator (`150.000`), otherwise a decimal point (`1,5`);
/// a space between a 1–3 digit number and exactly three digits joins them (`20 000`).
pub fn words(folded: &str) -> Vec<Word> {
    let chars: Vec<char> = folded.chars().collect();
    let digits_at = |i: usize| {
        chars[i.min(chars.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut out: Vec<Word> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let mut num = String::new();
            let mut decimal = false;
            let first_len = digits_at(i);
            loop {
                let n = digits_at(i);
                num.extend(&chars[i..i + n]);
                i += n;
                let sep = chars.get(i).copied();
                let k = digits_at(i + 1);
                match sep {
                    Some('.' | ',') if k == 3 && !decimal => i += 1,
                    Some('.' | ',') if k > 0 && !decimal => {
                        num.push('.');
                        decimal = true;
                        i += 1;
                    }
                    // `20 000`, `1 500 000`: only after a 1–3 digit first group.
                    Some(' ') if k == 3 && !decimal && first_len <= 3 => i += 1,
                    _ => break,
                }
            }
            if decimal {
                let trimmed = num.trim_end_matches('0').trim_end_matches('.');
                num = trimmed.to_string();
            }
            out.push(Word {
                text: num,
                num: true,
            });
        } else if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() && !chars[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Word {
                text: chars[start..i].iter().collect(),
                num: false,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// The canonical unit for a folded word, when it is one.
pub fn unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "l" | "lt" | "ltr" | "litre" | "litres" | "liter" | "liters" | "litatra" => "l",
        "ml" | "millilitre" | "millilitres" => "ml",
        "cl" | "centilitre" | "centilitres" => "cl",
        "kg" | "kgs" | "kilo" | "kilos" | "kilao" | "kilogramme" | "kilogrammes" => "kg",
        "g" | "gr" | "grs" | "gramme" | "grammes" | "grama" => "g",
        "mah" => "mah",
        "w" | "watt" | "watts" => "w",
        "v" | "volt" | "volts" => "v",
        "a" | "amp" | "ampere" | "amperes" => "a",
        "m" | "metre" | "metres" | "metatra" => "m",
        "cm" => "cm",
        "mm" => "mm",
        "go" | "gb" => "go",
        "mo" | "mb" => "mo",
        "to" | "tb" => "to",
        "pouce" | "pouces" => "pouce",
        _ => return None,
    })
}

/// Small numbers written as words (French and Malagasy), used before a unit.
fn number_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "un" | "une" | "iray" | "iraika" => "1",
        "deux" | "roa" => "2",
        "trois" | "telo" => "3",
        "quatre" | "efatra" => "4",
        "cinq" | "dimy" => "5",
        "six" | "enina" => "6",
        "sept" | "fito" => "7",
        "huit" | "valo" => "8",
        "neuf" | "sivy" => "9",
        "dix" | "folo" => "10",
        _ => return None,
    })
}

/// French and Malagasy words that carry no product meaning (questions, politeness,
/// articles). They are dropped on both sides so they never dominate the score.
const STOP_WORDS: &[&str] = &[
    // French
    "a",
    "ai",
    "au",
    "aux",
    "avec",
    "avez",
    "avoir",
    "as",
    "bonjour",
    "bonsoir",
    "bjr",
    "c",
    "ca",
    "ce",
    "ces",
    "cet",
    "cette",
    "chez",
    "combien",
    "cout",
    "coute",
    "coutent",
    "cher",
    "d",
    "dans",
    "de",
    "des",
    "du",
    "elle",
    "en",
    "encore",
    "est",
    "et",
    "etre",
    "il",
    "ils",
    "j",
    "je",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "m",
    "ma",
    "me",
    "mes",
    "moi",
    "mon",
    "n",
    "ne",
    "nous",
    "on",
    "ou",
    "par",
    "pas",
    "pour",
    "prix",
    "qu",
    "que",
    "quel",
    "quelle",
    "quels",
    "quelles",
    "qui",
    "quoi",
    "reste",
    "s",
    "sa",
    "salut",
    "se",
    "ses",
    "sil",
    "son",
    "stp",
    "sur",
    "svp",
    "t",
    "ta",
    "te",
    "tes",
    "toi",
    "ton",
    "tu",
    "un",
    "une",
    "vos",
    "votre",
    "vous",
    "vs",
    "y",
    "veux",
    "voudrais",
    "voulais",
    "cherche",
    "merci",
    "plait",
    "dispo",
    "disponible",
    "vendez",
    "vend",
    "vendre",
    "acheter",
    "prendre",
    "prends",
    "besoin",
    "tarif",
    "possible",
    "est-ce",
    "ya",
    // Malagasy
    "ny",
    "ve",
    "misy",
    "mbola",
    "ohatrinona",
    "ohatrinon",
    "firy",
    "vidiny",
    "vidini",
    "vidin",
    "vidinny",
    "inona",
    "aho",
    "ahy",
    "ianao",
    "ianareo",
    "anareo",
    "izy",
    "azafady",
    "tompoko",
    "salama",
    "mba",
    "sy",
    "ary",
    "na",
    "amin",
    "aminy",
    "an",
    "ho",
    "ilay",
    "dia",
    "fa",
    "koa",
    "ihany",
    "efa",
    "e",
    "moa",
    "te",
    "mila",
    "mividy",
    "hividy",
    "tiako",
    "omeo",
    "haka",
    "hakako",
    "misaotra",
    "manao",
    "ahoana",
    "akory",
    "eto",
    "any",
    "lafo",
    "mora",
    "misi",
    "no",
    "izany",
    "ireo",
    "iny",
    "ity",
    "ianareo",
    "nareo",
    "anananareo",
    "avy",
];

fn stop_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
}

pub fn is_stop_word(w: &str) -> bool {
    stop_words().contains(w)
}

/// French Snowball stem of a folded word (short words and numbers unchanged).
pub fn stem(w: &str) -> String {
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    if w.chars().count() <= 3 || w.chars().any(|c| c.is_ascii_digit()) {
        return w.to_string();
    }
    STEMMER
        .get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::French))
        .stem(w)
        .into_owned()
}

fn push_quantity(out: &mut Vec<String>, n: &str, u: &str) {
    out.push(format!("{n}{u}"));
    // The same quantity in the sibling unit: 1 kg = 1000 g, 0.5 l = 500 ml.
    let Ok(v) = n.parse::<f64>() else { return };
    let (factor, other) = match u {
        "kg" => (1000.0, "g"),
        "g" => (0.001, "kg"),
        "l" => (1000.0, "ml"),
        "ml" => (0.001, "l"),
        "cl" => (10.0, "ml"),
        _ => return,
    };
    let w = v * factor;
    if w >= 0.001 && (w * 1000.0).fract() == 0.0 {
        let s = format!("{w}");
        out.push(format!("{s}{other}"));
    }
}

/// The index terms of a text (also the query terms of a customer message).
pub fn terms(text: &str) -> Vec<String> {
    terms_of_words(&words(&fold(text)))
}

pub fn terms_of_words(ws: &[Word]) -> Vec<String> {
    let mut out = Vec::with_capacity(ws.len() + 2);
    let mut prev_num: Option<&str> = None;
    for w in ws {
        let number = if w.num { Some(w.text.as_str()) } else { None };
        if let Some(n) = number {
            out.push(n.to_string());
            prev_num = Some(n);
            continue;
        }
        if let Some(u) = unit(&w.text) {
            match prev_num.take() {
                Some(n) => push_quantity(&mut out, n, u),
                None if u.len() > 1 && !is_stop_word(u) => out.push(u.to_string()),
                None => {}
            }
            continue;
        }
        prev_num = None;
        if let Some(n) = number_word(&w.text) {
            // Only a number when a unit follows (`iray litatra`); else a plain word.
            prev_num = Some(n);
            if is_stop_word(&w.text) {
                continue;
            }
        }
        if is_stop_word(&w.text) {
            continue;
        }
        out.push(stem(&w.text));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(&fold(s)).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(fold("Téléphone ÉCOUTEUR Œuf"), "telephone ecouteur oeuf");
        assert_eq!(fold("150\u{a0}000"), "150 000");
    }

    #[test]
    fn numbers_are_split_from_units_and_made_canonical() {
        assert_eq!(w("5L"), ["5", "l"]);
        assert_eq!(w("20 000mAh"), ["20000", "mah"]);
        assert_eq!(w("Eau 1,5 L"), ["eau", "1.5", "l"]);
        assert_eq!(w("150.000 Ar"), ["150000", "ar"]);
        assert_eq!(w("RIZ-MAK-25K"), ["riz", "mak", "25", "k"]);
    }

    #[test]
    fn quantities_with_units_get_one_glued_term_in_any_spelling() {
        for q in [
            "5L",
            "5 l",
            "5 litres",
            "5 litatra",
            "dimy litatra",
            "cinq litres",
        ] {
            assert!(terms(q).contains(&"5l".to_string()), "{q}: {:?}", terms(q));
        }
        assert!(terms("25kg").contains(&"25kg".to_string()));
        assert!(terms("1 kilao").contains(&"1000g".to_string()));
        assert!(terms("20000 mAh").contains(&"20000mah".to_string()));
        assert!(terms("20 000 mAh").contains(&"20000mah".to_string()));
    }

    #[test]
    fn function_words_are_dropped_and_plurals_share_a_stem() {
        assert_eq!(terms("Ohatrinona ny savony?"), ["savony"]);
        assert_eq!(terms("combien le prix des bougies"), terms("bougie"));
        assert_eq!(terms("téléphones"), terms("telephone"));
        assert_eq!(terms("écouteurs"), terms("ecouteur"));
    }
}
