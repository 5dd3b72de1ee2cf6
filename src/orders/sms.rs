//! The payment confirmations customers paste in the chat: the SMS their operator sent
//! them (MVola "Ref: 1234567890", Orange Money "Trans Id: PP251202.1015.A12345",
//! Airtel Money "TID: MP251202.1015.C12345"), in French or Malagasy, whole or cut.
//! [`parse`] finds the transaction reference, the channel and the amount; it reads
//! only, so the assistant may call it.

use crate::kinds::PaidBy;

/// A payment the customer says they made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub reference: String,
    /// The channel, when the SMS or its reference says which.
    pub by: Option<PaidBy>,
    /// Integer Ariary, when the SMS gives it.
    pub amount: Option<i64>,
    /// The devis number the customer wrote as the payment reason, if any.
    pub order_number: Option<String>,
}

/// The labels that introduce a reference, each with the channel it points to, longest
/// first (so "trans id" wins over "id").
const LABELS: &[(&str, Option<PaidBy>)] = &[
    ("id de transaction", Some(PaidBy::OrangeMoney)),
    ("id transaction", Some(PaidBy::OrangeMoney)),
    ("transaction id", None),
    ("trans id", Some(PaidBy::OrangeMoney)),
    ("transid", Some(PaidBy::OrangeMoney)),
    ("txn id", Some(PaidBy::AirtelMoney)),
    ("reference", Some(PaidBy::Mvola)),
    ("tid", Some(PaidBy::AirtelMoney)),
    ("ref", Some(PaidBy::Mvola)),
];

/// The transaction in a pasted SMS, or `None` when the text names no reference (a
/// question about paying is not a claim).
pub fn parse(text: &str) -> Option<Claim> {
    if text.len() > 2_000 {
        return None;
    }
    let folded = fold(text);
    let (reference, label_by) = find_reference(text, &folded)?;
    let by = named_channel(&folded).or(label_by);
    Some(Claim {
        amount: amount(&folded),
        order_number: order_number(text),
        by,
        reference,
    })
}

/// Lowercase, accents dropped, byte for byte the same length as `text` for ASCII (and
/// aligned char by char otherwise), so a position found in it points into `text`.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'É' | 'È' | 'Ê' => 'e',
            'à' | 'â' | 'À' => 'a',
            c if c.is_ascii() => c.to_ascii_lowercase(),
            _ => '\u{1}',
        })
        .collect()
}

fn find_reference(text: &str, folded: &str) -> Option<(String, Option<PaidBy>)> {
    let chars: Vec<char> = text.chars().collect();
    let low: Vec<char> = folded.chars().collect();
    let mut best: Option<(usize, String, Option<PaidBy>)> = None;
    for (label, by) in LABELS {
        let l: Vec<char> = label.chars().collect();
        let mut i = 0;
        while i + l.len() <= low.len() {
            let boundary_before = i == 0 || !low[i - 1].is_ascii_alphanumeric();
            let boundary_after = low
                .get(i + l.len())
                .is_none_or(|c| !c.is_ascii_alphabetic());
            if low[i..i + l.len()] == l[..] && boundary_before && boundary_after {
                if let Some(r) = value_after(&chars, i + l.len()) {
                    if best.as_ref().is_none_or(|(at, _, _)| i < *at) {
                        best = Some((i, r, *by));
                    }
                    break;
                }
            }
            i += 1;
        }
    }
    best.map(|(_, r, by)| (r, by))
}

/// The token after a label: separators (`:`, `.`, `-`, `°`, `#`, spaces, "n") skipped,
/// then letters, digits, dots and dashes, with at least 6 characters of which 4 digits.
/// A devis number (DEV-...) is the reason the customer typed, not a transaction.
fn value_after(chars: &[char], mut i: usize) -> Option<String> {
    while i < chars.len() && matches!(chars[i], ':' | '.' | '-' | '°' | '#' | ' ' | '\u{a0}' | '=')
    {
        i += 1;
    }
    // "Ref n° 123", "Réf. no: 123".
    if chars.get(i).is_some_and(|c| c.eq_ignore_ascii_case(&'n')) {
        let mut j = i + 1;
        if chars.get(j).is_some_and(|c| c.eq_ignore_ascii_case(&'o')) {
            j += 1;
        }
        if chars
            .get(j)
            .is_some_and(|c| matches!(c, '°' | ':' | '.' | ' '))
        {
            i = j;
            while i < chars.len() && matches!(chars[i], ':' | '.' | '°' | ' ') {
                i += 1;
            }
        }
    }
    let start = i;
    while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '.' | '-')) {
        i += 1;
    }
    let token: String = chars[start..i].iter().collect();
    let token = token.trim_end_matches(['.', '-']).to_string();
    let digits = token.chars().filter(char::is_ascii_digit).count();
    let is_devis = token.to_ascii_uppercase().starts_with("DEV-");
    (token.len() >= 6 && token.len() <= 40 && digits >= 4 && !is_devis).then_some(token)
}

fn named_channel(folded: &str) -> Option<PaidBy> {
    if folded.contains("mvola") || folded.contains("telma") {
        Some(PaidBy::Mvola)
    } else if folded.contains("orange money") || folded.contains("orangemoney") {
        Some(PaidBy::OrangeMoney)
    } else if folded.contains("airtel") {
        Some(PaidBy::AirtelMoney)
    } else {
        None
    }
}

/// The first amount followed by `Ar`, `Ariary` or `MGA` ("22 800 Ar", "22.800 MGA").
fn amount(folded: &str) -> Option<i64> {
    let chars: Vec<char> = folded.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric()) {
            let mut j = i;
            let mut digits = String::new();
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || (matches!(chars[j], ' ' | '.' | '\u{a0}' | '\u{202f}')
                        && chars.get(j + 1).is_some_and(char::is_ascii_digit)))
            {
                if chars[j].is_ascii_digit() {
                    digits.push(chars[j]);
                }
                j += 1;
            }
            let rest: String = chars[j..].iter().take(8).collect();
            let rest = rest.trim_start();
            if rest.starts_with("ar") || rest.starts_with("mga") {
                return digits.parse().ok();
            }
            i = j;
        }
        i += 1;
    }
    None
}

/// `DEV-2026-0012` anywhere in the text (the reason the customer typed).
fn order_number(text: &str) -> Option<String> {
    let up = text.to_ascii_uppercase();
    let at = up.find("DEV-")?;
    let cand: String = up[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let ok = cand.len() == "DEV-2026-0001".len()
        && cand[4..8].chars().all(|c| c.is_ascii_digit())
        && cand[9..].chars().all(|c| c.is_ascii_digit());
    ok.then_some(cand)
}

#[cfg(test)]
mod tests;
