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

/// Word tokens of `text` after folding: letters/digits runs; letters and digits are
/// split (`5l` → `5`,`l`) but `1,5` / `1.5` stay one number token.
pub fn tokens(text: &str) -> Vec<String> {
    let folded = fold(text);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_digit = false;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(collapse_repeats(cur));
            cur.clear();
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            if !cur.is_empty() && !cur_digit {
                flush(&mut cur, &mut out);
            }
            cur_digit = true;
            cur.push(c);
        } else if c.is_alphabetic() {
            if !cur.is_empty() && cur_digit {
                flush(&mut cur, &mut out);
            }
            cur_digit = false;
            cur.push(c);
        } else if (c == ',' || c == '.')
            && cur_digit
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            cur.push('.');
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out.into_iter()
        .map(|t| expand_sms(&t).to_string())
        .collect()
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
