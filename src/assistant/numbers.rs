//! Numbers as customers write them, over normalised tokens: digits (`5`, `1.5`,
//! `250 000` as two tokens joined back), `x3`, French words (`deux`, `vingt cinq`,
//! `quatre vingt dix`, `deux cent cinquante mille`, `une douzaine`) and Malagasy words
//! (`roa`, `roa ambin ny folo`, `dimy amby roapolo`, `roa arivo`, `dimanjato sy roa
//! arivo`, `iray alina`). Quantities, prices offered and the guard's amounts in words
//! all read them from here.

/// One number found in a run of tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Index of its first token.
    pub at: usize,
    /// Index just after its last token.
    pub end: usize,
    /// Written in words (`deux`, `roa`), not digits.
    pub spelled: bool,
    /// Only the article `un` / `une` (a weak count).
    pub article: bool,
    /// Written `x3`: a count.
    pub times: bool,
}

fn fr_unit(t: &str) -> Option<f64> {
    Some(match t {
        "un" | "une" => 1.0,
        "deux" => 2.0,
        "trois" => 3.0,
        "quatre" => 4.0,
        "cinq" => 5.0,
        "six" => 6.0,
        "sept" => 7.0,
        "huit" => 8.0,
        "neuf" => 9.0,
        "dix" => 10.0,
        "onze" => 11.0,
        "douze" => 12.0,
        "treize" => 13.0,
        "quatorze" => 14.0,
        "quinze" => 15.0,
        "seize" => 16.0,
        "vingt" | "vingts" => 20.0,
        "trente" => 30.0,
        "quarante" => 40.0,
        "cinquante" => 50.0,
        "soixante" => 60.0,
        _ => return None,
    })
}

fn mg_unit(t: &str) -> Option<f64> {
    Some(match t {
        "iray" | "iraika" => 1.0,
        "roa" => 2.0,
        "telo" => 3.0,
        "efatra" => 4.0,
        "dimy" => 5.0,
        "enina" => 6.0,
        "fito" => 7.0,
        "valo" => 8.0,
        "sivy" => 9.0,
        "folo" => 10.0,
        "roapolo" => 20.0,
        "telopolo" => 30.0,
        "efapolo" => 40.0,
        "dimampolo" => 50.0,
        "enimpolo" => 60.0,
        "fitopolo" => 70.0,
        "valopolo" => 80.0,
        "sivifolo" => 90.0,
        "zato" => 100.0,
        "roanjato" => 200.0,
        "telonjato" => 300.0,
        "efajato" => 400.0,
        "dimanjato" => 500.0,
        "eninjato" => 600.0,
        "fitonjato" => 700.0,
        "valonjato" => 800.0,
        "sivinjato" => 900.0,
        _ => return None,
    })
}

/// Malagasy words that multiply what comes before them (`roa arivo` = 2 000).
fn mg_scale(t: &str) -> Option<f64> {
    Some(match t {
        "arivo" => 1_000.0,
        "alina" => 10_000.0,
        "hetsy" => 100_000.0,
        "tapitrisa" => 1_000_000.0,
        _ => return None,
    })
}

/// Whether `t` is a number word of either language (not digits).
pub fn is_number_word(t: &str) -> bool {
    fr_unit(t).is_some()
        || mg_unit(t).is_some()
        || mg_scale(t).is_some()
        || matches!(
            t,
            "cent" | "cents" | "mille" | "million" | "millions" | "douzaine" | "douzaines"
        )
}

fn digits(t: &str) -> Option<f64> {
    if !t.chars().next()?.is_ascii_digit() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    // `1.000`, `1.500.000`: French thousands points, not decimals.
    let groups: Vec<&str> = t.split('.').collect();
    if groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
    {
        return groups.concat().parse().ok();
    }
    t.parse().ok()
}

/// A French number from `i`: (value, end).
fn french(tokens: &[String], i: usize) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut cur = 0.0;
    let mut j = i;
    let mut any = false;
    while j < tokens.len() {
        let t = tokens[j].as_str();
        if let Some(v) = fr_unit(t) {
            // `un` / `une` inside a number only after `vingt et`, `trente et`...
            if matches!(t, "un" | "une") && any && !(j > i && tokens[j - 1] == "et") {
                break;
            }
            if v == 20.0 && j > i && tokens[j - 1] == "quatre" {
                cur += 80.0 - 4.0;
            } else if (60.0..80.0).contains(&(cur % 100.0)) && (10.0..20.0).contains(&v) {
                cur += v; // soixante dix, soixante et onze
            } else if cur % 100.0 >= 80.0 && (10.0..20.0).contains(&v) {
                cur += v; // quatre vingt dix
            } else if cur % 100.0 >= 20.0 && cur % 10.0 == 0.0 && v < 10.0 {
                cur += v; // vingt cinq
            } else if cur % 100.0 == 10.0 && v < 10.0 {
                cur += v; // dix sept
            } else if cur == 0.0 || (any && cur % 100.0 == 0.0 && v < 100.0) {
                cur += v;
            } else {
                break;
            }
        } else if matches!(t, "cent" | "cents") {
            cur = if cur == 0.0 { 100.0 } else { cur * 100.0 };
        } else if t == "mille" {
            total += if cur == 0.0 { 1000.0 } else { cur * 1000.0 };
            cur = 0.0;
        } else if matches!(t, "million" | "millions") {
            total += if cur == 0.0 { 1e6 } else { cur * 1e6 };
            cur = 0.0;
        } else if t == "et" && any && tokens.get(j + 1).is_some_and(|n| fr_unit(n).is_some()) {
            // vingt et un
        } else {
            break;
        }
        any = true;
        j += 1;
    }
    let value = total + cur;
    (any && value > 0.0).then_some((value, j))
}

/// A Malagasy number from `i`: (value, end). Parts join with `ambin ny` / `amby`
/// (units first) and `sy` (either order, only around hundreds and more).
fn malagasy(tokens: &[String], i: usize) -> Option<(f64, usize)> {
    let part = |j: usize| -> Option<(f64, usize)> {
        let t = tokens.get(j)?;
        let (mut v, mut k) = if let Some(v) = mg_unit(t) {
            (v, j + 1)
        } else if let Some(s) = mg_scale(t) {
            return Some((s, j + 1));
        } else {
            return None;
        };
        if let Some(s) = tokens.get(k).and_then(|n| mg_scale(n)) {
            v *= s;
            k += 1;
        }
        Some((v, k))
    };
    let (mut value, mut j) = part(i)?;
    loop {
        let joiner = tokens.get(j).map(String::as_str);
        let skip = match joiner {
            Some("ambin" | "ambiny") if tokens.get(j + 1).is_some_and(|n| n == "ny") => 2,
            Some("ambin" | "ambiny" | "amby") => 1,
            Some("sy") => 1,
            _ => break,
        };
        let Some((more, k)) = part(j + skip) else {
            break;
        };
        if joiner == Some("sy") && value.max(more) < 100.0 {
            break; // `roa sy telo`: two items, not one number
        }
        value += more;
        j = k;
    }
    Some((value, j))
}

/// Every number in `tokens`, left to right.
pub fn numbers(tokens: &[String]) -> Vec<Number> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        if let Some(mut v) = digits(t) {
            let mut j = i + 1;
            // `250 000`, `1 500 000`: thousands groups written apart.
            while v.fract() == 0.0
                && v < 1000.0 * 1000.0
                && tokens
                    .get(j)
                    .is_some_and(|n| n.len() == 3 && n.chars().all(|c| c.is_ascii_digit()))
                && tokens[j - 1].len() <= 3
            {
                v = v * 1000.0 + tokens[j].parse::<f64>().unwrap_or(0.0);
                j += 1;
            }
            // `5 mille`, `2 arivo`, `2 douzaines`.
            if tokens.get(j).is_some_and(|n| n.starts_with("douzaine")) {
                v *= 12.0;
                j += 1;
            } else if tokens.get(j).is_some_and(|n| n == "mille") {
                v *= 1000.0;
                j += 1;
            } else if let Some(s) = tokens.get(j).and_then(|n| mg_scale(n)) {
                v *= s;
                j += 1;
            }
            out.push(Number {
                value: v,
                at: i,
                end: j,
                spelled: false,
                article: false,
                times: false,
            });
            i = j;
            continue;
        }
        if let Some(rest) = t.strip_prefix('x').and_then(digits) {
            out.push(Number {
                value: rest,
                at: i,
                end: i + 1,
                spelled: false,
                article: false,
                times: true,
            });
            i += 1;
            continue;
        }
        // `neuf` is also "new" (`téléphone neuf`): a number only before more words.
        if t == "neuf" && (i + 1 >= tokens.len() || i > 0 && !is_number_word(&tokens[i - 1])) {
            i += 1;
            continue;
        }
        if matches!(t, "douzaine" | "douzaines") {
            out.push(Number {
                value: 12.0,
                at: i,
                end: i + 1,
                spelled: true,
                article: false,
                times: false,
            });
            i += 1;
            continue;
        }
        let found = french(tokens, i).or_else(|| malagasy(tokens, i));
        let Some((mut value, mut end)) = found else {
            i += 1;
            continue;
        };
        // `deux douzaines` = 24.
        if tokens.get(end).is_some_and(|n| n.starts_with("douzaine")) {
            value *= 12.0;
            end += 1;
        }
        let article = end == i + 1 && matches!(t, "un" | "une");
        out.push(Number {
            value,
            at: i,
            end,
            spelled: true,
            article,
            times: false,
        });
        i = end;
    }
    out
}

/// Amounts of money written in `tokens`: a number (digits or words) followed by `ar`,
/// `ariary`, `mga` or `fmg`; FMG amounts are converted (5 FMG = 1 Ar).
pub fn money(tokens: &[String]) -> Vec<i64> {
    money_of(numbers(tokens), tokens)
}

/// Amounts written in words only (`arivo ariary`, `mille ariary`): digits are read
/// from the raw text, where their separators are still visible.
pub fn money_in_words(tokens: &[String]) -> Vec<i64> {
    money_of(
        numbers(tokens).into_iter().filter(|n| n.spelled).collect(),
        tokens,
    )
}

fn money_of(found: Vec<Number>, tokens: &[String]) -> Vec<i64> {
    found
        .into_iter()
        .filter_map(|n| {
            let unit = tokens.get(n.end).map(String::as_str)?;
            match unit {
                "ar" | "ariary" | "mga" => Some(n.value.round() as i64),
                "fmg" | "francs" | "fmga" => Some((n.value / 5.0).round() as i64),
                _ => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assistant::text::tokens;

    fn vals(s: &str) -> Vec<f64> {
        numbers(&tokens(s)).into_iter().map(|n| n.value).collect()
    }

    #[test]
    fn french_numbers_in_words_are_read_whole() {
        assert_eq!(vals("vingt-cinq kilos"), vec![25.0]);
        assert_eq!(vals("deux cent cinquante mille"), vec![250_000.0]);
        assert_eq!(vals("quatre-vingt-dix"), vec![90.0]);
        assert_eq!(vals("dix-sept"), vec![17.0]);
        assert_eq!(vals("soixante et onze"), vec![71.0]);
        assert_eq!(vals("mille cinq cents ariary"), vec![1500.0]);
        assert_eq!(vals("deux douzaines de savons"), vec![24.0]);
        assert_eq!(vals("une douzaine"), vec![12.0]);
    }

    #[test]
    fn malagasy_numbers_in_words_are_read_whole() {
        assert_eq!(vals("roa ambin'ny folo"), vec![12.0]);
        assert_eq!(vals("dimy amby roapolo"), vec![25.0]);
        assert_eq!(vals("roa arivo"), vec![2000.0]);
        assert_eq!(vals("dimanjato sy roa arivo"), vec![2500.0]);
        assert_eq!(vals("roa alina sy dimy arivo"), vec![25_000.0]);
        assert_eq!(vals("iray alina"), vec![10_000.0]);
        assert_eq!(vals("vary roa sy menaka telo"), vec![2.0, 3.0]);
    }

    #[test]
    fn digits_join_their_thousands_groups() {
        assert_eq!(vals("je le prends à 250 000"), vec![250_000.0]);
        assert_eq!(vals("1 500 000 Ar"), vec![1_500_000.0]);
        assert_eq!(vals("5 sacs et 1.5 L"), vec![5.0, 1.5]);
        assert_eq!(vals("x3"), vec![3.0]);
    }

    #[test]
    fn neuf_is_new_at_the_end_and_nine_before_words() {
        assert_eq!(vals("un téléphone neuf"), vec![1.0]);
        assert_eq!(vals("neuf sacs"), vec![9.0]);
    }

    #[test]
    fn amounts_of_money_are_read_in_digits_and_words() {
        assert_eq!(money(&tokens("arivo ariary")), vec![1000]);
        assert_eq!(money(&tokens("mille ariary")), vec![1000]);
        assert_eq!(money(&tokens("1.000 Ar et 1 000 ariary")), vec![1000, 1000]);
        assert_eq!(money(&tokens("dimy arivo ariary")), vec![5000]);
        assert_eq!(money(&tokens("5 000 fmg")), vec![1000]);
    }
}
