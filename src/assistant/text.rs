//! Text normalisation shared by language detection, intent, entities and retrieval:
//! lowercase, accents stripped, apostrophes and dashes split (`vidin'ny` → `vidin ny`),
//! runs of 3+ identical letters collapsed (`merciii` → `merci`), digits split from
//! letters (`5L` → `5 l`), and the usual SMS spellings expanded.

use unicode_normalization::UnicodeNormalization;

/// Lowercases and strips diacritics (`Câble` → `cable`), keeping other characters.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'œ' => 'o',
            'æ' => 'a',
            '’' | '`' | '´' => '\'',
            _ => c,
        })
        .collect()
}

/// Letters written right after a number that make it a measure or a count (`5l`,
/// `50kg`, `128go`, `3x`): the number and the unit become two tokens. Other letters
/// after digits (`14c`) stay glued, as model names are written.
const UNIT_SUFFIXES: &[&str] = &[
    "kg", "g", "gr", "l", "ml", "cl", "dl", "m", "mm", "cm", "km", "go", "gb", "mo", "mb", "to",
    "tb", "mah", "ah", "w", "kw", "kva", "v", "a", "x", "h", "mn", "min", "ans", "an", "pcs", "pc",
    "p", "ar", "fmg", "kilo", "kilos", "kilao", "litre", "litres", "litatra", "metre", "metres",
    "pouces", "cv", "e", "er", "eme", "ere", "sac", "sacs", "gony", "isa",
];

/// Word tokens of `text` after folding: letter and digit runs. A number and the unit
/// written against it split (`5l` → `5`,`l`); a short code of letters then digits
/// stays one token (`a06`, `s24`, `x100`), as does a number with letters that are no
/// unit (`14c`); `1,5` / `1.5` stay one number token.
pub fn tokens(text: &str) -> Vec<String> {
    let folded = fold(text);
    let chars: Vec<char> = folded.chars().collect();
    let mut raw: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() || c.is_alphabetic() {
            cur.push(c);
        } else if (c == ',' || c == '.')
            && cur.chars().last().is_some_and(|l| l.is_ascii_digit())
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            cur.push('.');
        } else if !cur.is_empty() {
            raw.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        raw.push(cur);
    }
    let mut out = Vec::new();
    for word in raw {
        split_word(&word, &mut out);
    }
    out.into_iter()
        .map(|t| expand_sms(&collapse_repeats(&t)).to_string())
        .collect()
}

/// Splits one alphanumeric run at the boundaries the tokenizer keeps.
fn split_word(word: &str, out: &mut Vec<String>) {
    // Runs of letters and of digits (a decimal point belongs to the digits).
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in word.chars() {
        let digit = c.is_ascii_digit() || c == '.';
        match runs.last_mut() {
            Some((d, s)) if *d == digit => s.push(c),
            _ => runs.push((digit, c.to_string())),
        }
    }
    let mut pending = String::new();
    let mut i = 0;
    while i < runs.len() {
        let (digit, run) = &runs[i];
        if *digit {
            // Letters then digits: `a06` stays whole when the letters are a short code.
            let glue = !pending.is_empty()
                && pending.chars().count() <= 2
                && pending.chars().all(|c| c.is_alphabetic());
            if !glue && !pending.is_empty() {
                out.push(std::mem::take(&mut pending));
            }
            pending.push_str(run);
            // Digits then letters: split before a unit, keep `14c`.
            if let Some((_, next)) = runs.get(i + 1) {
                if UNIT_SUFFIXES.contains(&next.as_str())
                    || pending.chars().any(char::is_alphabetic)
                {
                    out.push(std::mem::take(&mut pending));
                } else {
                    pending.push_str(next);
                    i += 1;
                }
            }
        } else {
            if !pending.is_empty() {
                out.push(std::mem::take(&mut pending));
            }
            pending.push_str(run);
        }
        i += 1;
    }
    if !pending.is_empty() {
        out.push(pending);
    }
}

/// The folded text re-joined from tokens, single spaces: the form rules match on.
pub fn normalise(text: &str) -> String {
    tokens(text).join(" ")
}

/// `merciiii` → `merci`, `slttt` → `slt`: three or more identical letters become one.
/// Doubled letters stay (`tt`, `ll` are real spellings).
fn collapse_repeats(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let mut j = i;
        while j < chars.len() && chars[j] == c {
            j += 1;
        }
        let run = j - i;
        if run >= 3 && !c.is_ascii_digit() {
            out.push(c);
        } else {
            for _ in 0..run {
                out.push(c);
            }
        }
        i = j;
    }
    out
}

/// Common SMS abbreviations in French and Malagasy written out, so rules, the
/// classifier and search see one form.
fn expand_sms(token: &str) -> &str {
    match token {
        "bjr" | "bjour" | "bonjours" => "bonjour",
        "bsr" | "bsoir" => "bonsoir",
        "slt" => "salut",
        "cb" | "cbien" | "combie" => "combien",
        "cmb" | "kombien" => "combien",
        "stp" | "svp" | "svpl" | "plz" | "please" => "svp",
        "dispo" | "dispos" => "disponible",
        "vs" => "vous",
        "ts" => "tous",
        "pr" => "pour",
        "pq" | "pk" => "pourquoi",
        "qd" | "kan" => "quand",
        "bcp" => "beaucoup",
        "mrc" | "mci" | "merki" | "mercii" => "merci",
        "jvx" | "jveux" => "veux",
        "tjr" | "tjrs" => "toujours",
        "ajd" | "auj" => "aujourd",
        "rdv" => "rendez",
        "dc" => "donc",
        "ohatrinon" | "ohatrinana" | "otrinona" | "hatrinona" => "ohatrinona",
        "vidini" | "vidiny" => "vidiny",
        "misi" => "misy",
        "misaotr" | "misaotry" | "mstr" | "msotra" => "misaotra",
        "azafad" | "azaf" => "azafady",
        "manahoana" | "mnhn" | "mnao" => "manahoana",
        "tomp" | "tompk" => "tompoko",
        "salam" | "slm" => "salama",
        _ => token,
    }
}

/// Strips a French plural `s`/`x` from words longer than three letters, so that
/// `bougies`/`bougie`, `sacs`/`sac` compare equal. Malagasy words rarely end in `s`.
pub fn stem_fr(token: &str) -> &str {
    if token.len() > 3 && (token.ends_with('s') || token.ends_with('x')) && !token.ends_with("ss") {
        &token[..token.len() - 1]
    } else {
        token
    }
}

/// Parses a digit token (`5`, `1.5`) as a number.
pub fn parse_number(token: &str) -> Option<f64> {
    if token.chars().next()?.is_ascii_digit() {
        token.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_apostrophes_are_normalised() {
        assert_eq!(
            normalise("Firy ny vidin'ny Café ?"),
            "firy ny vidin ny cafe"
        );
        assert_eq!(normalise("Câble USB-C"), "cable usb c");
    }

    #[test]
    fn digits_split_from_units_but_decimals_stay_whole() {
        assert_eq!(tokens("huile 5L"), vec!["huile", "5", "l"]);
        assert_eq!(tokens("eau 1,5 L"), vec!["eau", "1.5", "l"]);
        assert_eq!(tokens("50kg, 3x"), vec!["50", "kg", "3", "x"]);
        assert_eq!(tokens("128Go 20000mAh"), vec!["128", "go", "20000", "mah"]);
    }

    #[test]
    fn model_codes_stay_whole() {
        assert_eq!(tokens("Galaxy A06"), vec!["galaxy", "a06"]);
        assert_eq!(tokens("Redmi 14C"), vec!["redmi", "14c"]);
        assert_eq!(tokens("iphone13"), vec!["iphone", "13"]);
        assert_eq!(tokens("vis 4x40"), vec!["vis", "4", "x40"]);
    }

    #[test]
    fn sms_spellings_and_stretched_letters_are_expanded() {
        assert_eq!(
            normalise("Bjr, cmb le sel stp"),
            "bonjour combien le sel svp"
        );
        assert_eq!(normalise("merciiiii"), "merci");
        assert_eq!(normalise("ohatrinon ny vary"), "ohatrinona ny vary");
        assert_eq!(normalise("misi ve"), "misy ve");
    }

    #[test]
    fn plural_stemming_keeps_short_words() {
        assert_eq!(stem_fr("bougies"), "bougie");
        assert_eq!(stem_fr("sacs"), "sac");
        assert_eq!(stem_fr("riz"), "riz");
        assert_eq!(stem_fr("bus"), "bus");
    }
}
