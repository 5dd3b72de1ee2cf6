//! Amounts in French words, as an accountant writes them at the foot of a devis:
//! "Arrêté le présent devis à la somme de cinq cent vingt-deux mille ariary".
//!
//! Traditional spelling (before the 1990 reform): hyphens only between tens and units
//! below one hundred ("vingt-deux", "quatre-vingt-dix-neuf"), "et" for 21, 31, 41, 51,
//! 61 and 71 ("vingt et un", "soixante et onze") but not 81 or 91; "vingt" and "cent"
//! take an s when multiplied and ending the number or followed by "million(s)" /
//! "milliard(s)" (nouns), never before "mille" (invariable adjective); "mille" never
//! takes an s and is never preceded by "un"; "million" and "milliard" agree in number.

const UNITS: [&str; 17] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
];

const TENS: [&str; 7] = [
    "",
    "",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
];

/// `n` in French words (`0` → "zéro").
pub fn number_to_words(n: u64) -> String {
    if n == 0 {
        return UNITS[0].to_string();
    }
    scaled(n, true)
}

/// "Arrêté le présent devis à la somme de <words> ariary".
pub fn amount_sentence(amount: impl Into<i64>) -> String {
    let amount: i64 = amount.into();
    format!(
        "Arrêté le présent devis à la somme de {} ariary",
        amount_in_words(amount)
    )
}

/// The words of an amount; negative amounts (never on a devis) read "moins ...".
pub fn amount_in_words(amount: i64) -> String {
    if amount < 0 {
        format!("moins {}", number_to_words(amount.unsigned_abs()))
    } else {
        number_to_words(amount as u64)
    }
}

/// Words for `n > 0`. `plural_ok` says whether a final "vingt"/"cent" may take its s
/// (false when the caller appends "mille").
fn scaled(n: u64, plural_ok: bool) -> String {
    const MILLIARD: u64 = 1_000_000_000;
    const MILLION: u64 = 1_000_000;
    let mut parts: Vec<String> = Vec::new();
    let milliards = n / MILLIARD;
    let millions = (n / MILLION) % 1000;
    let thousands = (n / 1000) % 1000;
    let rest = n % 1000;
    if milliards > 0 {
        // Above 999 milliards the count itself is written in words ("mille milliards").
        let count = scaled(milliards, true);
        let noun = if milliards > 1 {
            "milliards"
        } else {
            "milliard"
        };
        parts.push(format!("{count} {noun}"));
    }
    if millions > 0 {
        let noun = if millions > 1 { "millions" } else { "million" };
        parts.push(format!("{} {noun}", below_1000(millions, true)));
    }
    if thousands > 0 {
        if thousands == 1 {
            parts.push("mille".into());
        } else {
            parts.push(format!("{} mille", below_1000(thousands, false)));
        }
    }
    if rest > 0 {
        parts.push(below_1000(rest, plural_ok));
    }
    parts.join(" ")
}

/// 1..=999.
fn below_1000(n: u64, plural_ok: bool) -> String {
    let hundreds = n / 100;
    let rest = n % 100;
    let head = match hundreds {
        0 => None,
        1 => Some("cent".to_string()),
        h if rest == 0 && plural_ok => Some(format!("{} cents", UNITS[h as usize])),
        h => Some(format!("{} cent", UNITS[h as usize])),
    };
    match (head, rest) {
        (Some(h), 0) => h,
        (Some(h), r) => format!("{h} {}", below_100(r, plural_ok)),
        (None, r) => below_100(r, plural_ok),
    }
}

/// 1..=99.
fn below_100(n: u64, plural_ok: bool) -> String {
    match n {
        0..=16 => UNITS[n as usize].to_string(),
        17..=19 => format!("dix-{}", UNITS[(n - 10) as usize]),
        20..=69 => {
            let (t, u) = (n / 10, n % 10);
            match u {
                0 => TENS[t as usize].to_string(),
                1 => format!("{} et un", TENS[t as usize]),
                _ => format!("{}-{}", TENS[t as usize], UNITS[u as usize]),
            }
        }
        70..=79 => match n {
            71 => "soixante et onze".to_string(),
            _ => format!("soixante-{}", below_100(n - 60, false)),
        },
        80 if plural_ok => "quatre-vingts".to_string(),
        80 => "quatre-vingt".to_string(),
        _ => format!("quatre-vingt-{}", below_100(n - 80, false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(n: u64) -> String {
        number_to_words(n)
    }

    #[test]
    fn units_teens_and_tens_follow_french_rules() {
        let cases = [
            (0, "zéro"),
            (1, "un"),
            (7, "sept"),
            (10, "dix"),
            (11, "onze"),
            (16, "seize"),
            (17, "dix-sept"),
            (19, "dix-neuf"),
            (20, "vingt"),
            (21, "vingt et un"),
            (22, "vingt-deux"),
            (31, "trente et un"),
            (45, "quarante-cinq"),
            (61, "soixante et un"),
            (69, "soixante-neuf"),
            (70, "soixante-dix"),
            (71, "soixante et onze"),
            (72, "soixante-douze"),
            (77, "soixante-dix-sept"),
            (79, "soixante-dix-neuf"),
            (80, "quatre-vingts"),
            (81, "quatre-vingt-un"),
            (89, "quatre-vingt-neuf"),
            (90, "quatre-vingt-dix"),
            (91, "quatre-vingt-onze"),
            (97, "quatre-vingt-dix-sept"),
            (99, "quatre-vingt-dix-neuf"),
        ];
        for (n, expected) in cases {
            assert_eq!(w(n), expected, "{n}");
        }
    }

    #[test]
    fn hundreds_take_an_s_only_when_multiplied_and_final() {
        let cases = [
            (100, "cent"),
            (101, "cent un"),
            (180, "cent quatre-vingts"),
            (200, "deux cents"),
            (201, "deux cent un"),
            (280, "deux cent quatre-vingts"),
            (300, "trois cents"),
            (321, "trois cent vingt et un"),
            (999, "neuf cent quatre-vingt-dix-neuf"),
        ];
        for (n, expected) in cases {
            assert_eq!(w(n), expected, "{n}");
        }
    }

    #[test]
    fn mille_is_invariable_and_never_preceded_by_un() {
        let cases = [
            (1_000, "mille"),
            (1_001, "mille un"),
            (1_080, "mille quatre-vingts"),
            (2_000, "deux mille"),
            (21_000, "vingt et un mille"),
            (80_000, "quatre-vingt mille"),
            (80_080, "quatre-vingt mille quatre-vingts"),
            (100_000, "cent mille"),
            (150_000, "cent cinquante mille"),
            (200_000, "deux cent mille"),
            (435_000, "quatre cent trente-cinq mille"),
            (522_000, "cinq cent vingt-deux mille"),
            (
                999_999,
                "neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf",
            ),
        ];
        for (n, expected) in cases {
            assert_eq!(w(n), expected, "{n}");
        }
    }

    #[test]
    fn millions_and_milliards_agree_in_number() {
        let cases = [
            (1_000_000, "un million"),
            (1_000_001, "un million un"),
            (2_000_000, "deux millions"),
            (1_500_000, "un million cinq cent mille"),
            (80_000_000, "quatre-vingts millions"),
            (200_000_000, "deux cents millions"),
            (201_000_000, "deux cent un millions"),
            (21_000_000, "vingt et un millions"),
            (1_000_000_000, "un milliard"),
            (2_000_000_000, "deux milliards"),
            (80_000_000_000, "quatre-vingts milliards"),
            (
                3_200_080_021,
                "trois milliards deux cents millions quatre-vingt mille vingt et un",
            ),
            (
                999_999_999_999,
                "neuf cent quatre-vingt-dix-neuf milliards neuf cent quatre-vingt-dix-neuf millions \
                 neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf",
            ),
            (1_000_000_000_000, "mille milliards"),
        ];
        for (n, expected) in cases {
            assert_eq!(w(n), expected, "{n}");
        }
    }

    #[test]
    fn the_devis_sentence_names_the_total_in_ariary() {
        assert_eq!(
            amount_sentence(522_000),
            "Arrêté le présent devis à la somme de cinq cent vingt-deux mille ariary"
        );
        assert_eq!(
            amount_sentence(150_000),
            "Arrêté le présent devis à la somme de cent cinquante mille ariary"
        );
    }

    #[test]
    fn every_number_up_to_a_million_reads_without_double_spaces_or_stray_words() {
        for n in 0..1_000_000u64 {
            let s = w(n);
            assert!(
                !s.contains("  ") && !s.starts_with(' ') && !s.ends_with(' '),
                "{n}: {s}"
            );
            assert!(!s.starts_with("un mille"), "{n}: {s}");
            assert!(
                !s.contains("cents mille") && !s.contains("vingts mille"),
                "{n}: {s}"
            );
            assert!(n == 0 || !s.contains("zéro"), "{n}: {s}");
        }
    }
}
