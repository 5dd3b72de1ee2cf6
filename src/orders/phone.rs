//! Malagasy mobile numbers as customers write them (`034 12 345 67`, `+261 34 12 345
//! 67`, `261341234567`, `0341234567`) and the operator their prefix routes to: 032 /
//! 037 Orange, 033 Airtel, 034 / 038 Telma (MVola).

use crate::kinds::PaidBy;

/// The local form `0341234567` of a Malagasy mobile number, or `None`.
pub fn local(text: &str) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
        .collect();
    let digits = digits.strip_prefix('+').unwrap_or(&digits);
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let national = if let Some(rest) = digits.strip_prefix("261") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_string()
    } else {
        return None;
    };
    (national.len() == 9 && national.starts_with('3')).then(|| format!("0{national}"))
}

/// The mobile-money operator of a number, by its prefix.
pub fn operator(text: &str) -> Option<PaidBy> {
    let n = local(text)?;
    match &n[..3] {
        "032" | "037" => Some(PaidBy::OrangeMoney),
        "033" => Some(PaidBy::AirtelMoney),
        "034" | "038" => Some(PaidBy::Mvola),
        _ => None,
    }
}

/// The operator a payment goes through: the one the customer named, else the one
/// their number's prefix routes to. The one rule the chat and the payment start share.
pub fn chosen(said: Option<PaidBy>, number: Option<&str>) -> Option<PaidBy> {
    said.or_else(|| number.and_then(operator))
}

/// The prefixes of an operator's numbers, as the customer is told them.
pub fn prefixes(by: PaidBy) -> &'static str {
    match by {
        PaidBy::Mvola => "034 ou 038",
        PaidBy::OrangeMoney => "032 ou 037",
        PaidBy::AirtelMoney => "033",
        PaidBy::Cash => "",
    }
}

/// `number` in local form when it is one of `by`'s numbers.
pub fn of_operator(number: &str, by: PaidBy) -> Option<String> {
    local(number).filter(|n| operator(n) == Some(by))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_usual_spelling_gives_the_local_number() {
        for t in [
            "034 12 345 67",
            "+261 34 12 345 67",
            "261341234567",
            "0341234567",
            "034.12.345.67",
            "+261-34-12-345-67",
        ] {
            assert_eq!(local(t).as_deref(), Some("0341234567"), "{t}");
        }
        for t in [
            "12345",
            "0201234567",
            "+33612345678",
            "034 12 345 6",
            "abc",
            "",
        ] {
            assert_eq!(local(t), None, "{t}");
        }
    }

    #[test]
    fn the_prefix_picks_the_operator() {
        assert_eq!(operator("0321234567"), Some(PaidBy::OrangeMoney));
        assert_eq!(operator("037 12 345 67"), Some(PaidBy::OrangeMoney));
        assert_eq!(operator("261331234567"), Some(PaidBy::AirtelMoney));
        assert_eq!(operator("+261 34 12 345 67"), Some(PaidBy::Mvola));
        assert_eq!(operator("0381234567"), Some(PaidBy::Mvola));
        assert_eq!(operator("0391234567"), None);
    }

    #[test]
    fn the_named_operator_wins_over_the_prefix() {
        let orange = Some(PaidBy::OrangeMoney);
        assert_eq!(chosen(orange, Some("0341234567")), orange);
        assert_eq!(chosen(None, Some("0331234567")), Some(PaidBy::AirtelMoney));
        assert_eq!(chosen(None, None), None);
        assert_eq!(
            of_operator("+261 33 12 345 67", PaidBy::AirtelMoney).as_deref(),
            Some("0331234567")
        );
        assert_eq!(of_operator("0341234567", PaidBy::AirtelMoney), None);
    }
}
