//! Language of a customer message: French, Malagasy or a mix, and which one to reply in.
//!
//! No general language-ID crate knows Malagasy, so this scores each word: known
//! function and shop words of each language, French accents, letters native Malagasy
//! never uses (c, q, u, w, x), Malagasy word shapes (initial `mb`/`nd`/`ts`, final
//! vowel). The reply goes in the dominant language; ties keep the conversation's
//! previous language, then French.

use super::lexicon::{FR_WORDS, MG_WORDS};
use super::text;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    Mg,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::Mg => "mg",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" => Some(Lang::Fr),
            "mg" => Some(Lang::Mg),
            _ => None,
        }
    }
}

/// What was detected in one message.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub fr: f32,
    pub mg: f32,
    /// Both languages clearly present.
    pub mixed: bool,
    /// The language to answer in.
    pub reply: Lang,
    /// True when the message gave no signal and `reply` came from the fallback.
    pub guessed: bool,
}

impl Detection {
    /// `fr`, `mg` or `mixed`.
    pub fn label(&self) -> &'static str {
        if self.mixed {
            "mixed"
        } else {
            self.reply.code()
        }
    }
}

/// Detects the language of `message`; `previous` is the conversation's last reply
/// language, used when the message says too little ("ok", "5", an emoji).
pub fn detect(message: &str, previous: Option<Lang>) -> Detection {
    let mut fr = 0.0f32;
    let mut mg = 0.0f32;
    // Accented letters French uses (Malagasy writes à/ô/ì rarely, never é/è/ç/ê).
    for c in message.chars() {
        if matches!(
            c,
            'é' | 'è' | 'ê' | 'ç' | 'É' | 'È' | 'û' | 'ù' | 'î' | 'ï' | 'œ'
        ) {
            fr += 0.5;
        }
    }
    for tok in text::tokens(message) {
        if tok.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let (f, m) = word_score(&tok);
        fr += f;
        mg += m;
    }
    let top = fr.max(mg);
    let low = fr.min(mg);
    let mixed = low >= 1.0 && low >= 0.3 * top;
    let (reply, guessed) = if (fr - mg).abs() < 0.25 {
        (previous.unwrap_or(Lang::Fr), true)
    } else if mg > fr {
        (Lang::Mg, false)
    } else {
        (Lang::Fr, false)
    };
    Detection {
        fr,
        mg,
        mixed,
        reply,
        guessed,
    }
}

/// Words only French sentences use (articles, pronouns, prepositions, verbs of
/// every reply), and only Malagasy ones: the markers of a language inside a reply.
const FR_MARKERS: &[&str] = &[
    "le", "la", "les", "des", "du", "est", "vous", "nous", "pour", "avec", "dans", "pas", "votre",
    "vos", "nos", "notre", "une", "et", "au", "aux", "sont", "par", "sur", "que", "qui", "je",
    "il", "ce", "cette", "merci", "bonjour", "oui", "non",
];
const MG_MARKERS: &[&str] = &[
    "ny", "ve", "aho", "tsy", "misy", "izahay", "ianao", "amin", "sy", "ary", "dia", "fa", "ho",
    "no", "raha", "ao", "anatin", "eto", "ity", "izao", "hoe", "mba", "azafady", "misaotra",
    "tompoko", "eny", "isika", "anao", "ireto", "izy", "ka", "koa",
];

/// True when `reply` is written in one language: once the neutral names it may quote
/// (product titles, the shop's name and address) are taken out, it holds at most one
/// marker word of the other language than its dominant one.
pub fn is_one_language(reply: &str, names: &[String]) -> bool {
    let mut text = text::fold(reply);
    let mut names: Vec<String> = names.iter().map(|n| text::fold(n)).collect();
    // Longest first, so a title is removed before a shorter one inside it.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names.iter().filter(|n| n.len() > 2) {
        text = text.replace(n.as_str(), " ");
    }
    let toks = text::tokens(&text);
    let fr = toks
        .iter()
        .filter(|t| FR_MARKERS.contains(&t.as_str()))
        .count();
    let mg = toks
        .iter()
        .filter(|t| MG_MARKERS.contains(&t.as_str()))
        .count();
    fr.min(mg) <= 1
}

/// (French, Malagasy) evidence carried by one normalised word.
fn word_score(tok: &str) -> (f32, f32) {
    let in_mg = MG_WORDS.contains(&tok);
    let in_fr = FR_WORDS.contains(&tok);
    match (in_fr, in_mg) {
        (true, true) => return (0.3, 0.3),
        (true, false) => return (1.0, 0.0),
        (false, true) => return (0.0, 1.0),
        _ => {}
    }
    if tok.len() < 3 {
        return (0.0, 0.0);
    }
    // Letters native Malagasy does not write: a French (or English) word or loan.
    if tok
        .chars()
        .any(|c| matches!(c, 'c' | 'q' | 'u' | 'w' | 'x'))
    {
        return (0.6, 0.0);
    }
    let mut fr = 0.0;
    let mut mg = 0.0;
    if ["mb", "nd", "ts", "nt", "mp", "nj", "ndr", "tr"]
        .iter()
        .any(|p| tok.starts_with(p) && !tok.starts_with("tre") && !tok.starts_with("tra"))
    {
        mg += 0.4;
    }
    if [
        "ina", "ana", "aka", "ny", "ko", "tra", "ka", "tsy", "oana", "y",
    ]
    .iter()
    .any(|s| tok.ends_with(s))
    {
        mg += 0.3;
    }
    let last = tok.chars().last().unwrap_or('a');
    if !matches!(last, 'a' | 'e' | 'i' | 'o' | 'y') {
        // Native Malagasy words end in a vowel; French words often do not.
        fr += 0.4;
    } else if last == 'e' && tok.len() > 4 {
        fr += 0.2;
    }
    if ["eau", "ou", "oi", "ai", "ie", "ette", "ique", "eur", "ion"]
        .iter()
        .any(|s| tok.contains(s))
    {
        fr += 0.3;
    }
    (fr, mg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(s: &str) -> &'static str {
        detect(s, None).reply.code()
    }

    #[test]
    fn plain_french_sentences_are_french() {
        for s in [
            "Bonsoir, vous faites la livraison le samedi ?",
            "je voudrais savoir le prix du ciment",
            "slt vs avez encore des chaussures taille 40",
            "Merci pour tout",
            "envoyez moi la facture svp",
        ] {
            assert_eq!(reply(s), "fr", "{s}");
        }
    }

    #[test]
    fn plain_malagasy_sentences_are_malagasy_even_in_sms_spelling() {
        for s in [
            "Misaotra tompoko",
            "misi kiraro mainty ve",
            "ohatrinon ny vidin ny akoho iray",
            "Aiza no misy ny fivarotanareo",
            "Tsy mandeha ilay finday novidiako",
            "Rahoviana no tonga ny entako",
            "Mbola misokatra ve ianareo izao",
        ] {
            assert_eq!(reply(s), "mg", "{s}");
        }
    }

    #[test]
    fn a_mix_is_flagged_and_answered_in_the_dominant_language() {
        let d = detect("Salama, mbola misy ve ilay téléphone noir?", None);
        assert!(d.mixed, "{d:?}");
        assert_eq!(d.reply, Lang::Mg);
        let d = detect(
            "Bonjour, je voudrais savoir si misy ve ilay robe rouge",
            None,
        );
        assert!(d.mixed, "{d:?}");
    }

    #[test]
    fn a_malagasy_header_over_a_french_paragraph_is_two_languages() {
        let names = vec!["Huile de palme 1 L".to_string()];
        assert!(!is_one_language(
            "Ity ny valiny:\nLa livraison est gratuite dans le quartier.",
            &names
        ));
        assert!(is_one_language(
            "Ity ny vidiny:\n• Huile de palme 1 L : 9 500 Ar — misy",
            &names
        ));
        assert!(is_one_language("Voici le prix : 9 500 Ar.", &names));
    }

    #[test]
    fn messages_without_signal_keep_the_previous_language() {
        let d = detect("5", Some(Lang::Mg));
        assert!(d.guessed);
        assert_eq!(d.reply, Lang::Mg);
        assert_eq!(detect("ok", None).reply, Lang::Fr);
    }
}
