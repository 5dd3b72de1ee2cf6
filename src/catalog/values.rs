//! Cell values of a catalogue row: prices as shops write them (`150 000`, `150.000`,
//! `150 000 Ar`, `65.000`, NBSP separators), stock, currency, and the SKU generated
//! from the title when a row has none. Errors are French sentences for the shop owner.

use super::text;

/// Digits after the decimal point in the currency's minor unit.
pub fn minor_digits(currency: &str) -> u32 {
    match currency {
        "MGA" | "XOF" | "XAF" | "KMF" | "JPY" | "RWF" | "BIF" | "DJF" => 0,
        _ => 2,
    }
}

/// Empty or `Ar`/`ariary`/`MGA` → `MGA`; other three-letter codes are kept.
pub fn parse_currency(raw: &str) -> Result<String, String> {
    let c = text::fold(raw.trim());
    match c.as_str() {
        "" | "ar" | "ariary" | "mga" => Ok("MGA".into()),
        "fmg" => Err("devise FMG refusée : donnez les prix en Ariary (MGA)".into()),
        "€" | "eur" | "euro" | "euros" => Ok("EUR".into()),
        "$" | "usd" => Ok("USD".into()),
        _ if c.len() == 3 && c.chars().all(|x| x.is_ascii_alphabetic()) => Ok(c.to_uppercase()),
        _ => Err(format!(
            "devise « {} » inconnue (MGA par défaut)",
            raw.trim()
        )),
    }
}

/// A price in minor units of `currency`.
pub fn parse_price(raw: &str, currency: &str) -> Result<i64, String> {
    let shown = raw.trim();
    let mut s: String = text::fold(shown)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .collect();
    for suffix in ["ariary", "mga", "ar.", "ar", "€", "eur", "usd", "$"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.to_string();
            break;
        }
    }
    if s.is_empty() {
        return Err("prix manquant".into());
    }
    if s.starts_with('-') {
        return Err(format!("prix négatif « {shown} »"));
    }
    let unreadable =
        || format!("prix illisible « {shown} » (exemples : 150000, 150 000, 150.000, 150 000 Ar)");
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || !s.starts_with(|c: char| c.is_ascii_digit())
        || !s.ends_with(|c: char| c.is_ascii_digit())
    {
        return Err(unreadable());
    }
    let groups: Vec<&str> = s.split(['.', ',']).collect();
    let seps: Vec<char> = s.chars().filter(|c| *c == '.' || *c == ',').collect();
    let thousands = |gs: &[&str]| {
        gs.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && gs[1..].iter().all(|g| g.len() == 3)
    };
    let (int_part, decimals): (String, &str) = if groups.len() == 1 {
        (s.clone(), "")
    } else if seps.iter().all(|c| *c == seps[0]) && thousands(&groups) {
        (groups.concat(), "")
    } else {
        let (last, rest) = groups.split_last().ok_or_else(unreadable)?;
        let rest_seps = &seps[..seps.len() - 1];
        let rest_ok = rest.len() == 1
            || (thousands(rest)
                && rest_seps
                    .iter()
                    .all(|c| *c == rest_seps[0] && *c != seps[seps.len() - 1]));
        if !(1..=2).contains(&last.len()) || !rest_ok {
            return Err(unreadable());
        }
        (rest.concat(), *last)
    };
    if int_part.len() > 15 {
        return Err(format!("prix trop grand « {shown} »"));
    }
    let int: i64 = int_part.parse().map_err(|_| unreadable())?;
    let digits = minor_digits(currency);
    if digits == 0 {
        if decimals.chars().any(|c| c != '0') {
            return Err(format!(
                "prix « {shown} » avec des centimes : l'Ariary n'en a pas"
            ));
        }
        return Ok(int);
    }
    let mut dec = decimals.to_string();
    while dec.len() < digits as usize {
        dec.push('0');
    }
    let dec: i64 = if dec.is_empty() {
        0
    } else {
        dec.parse().map_err(|_| unreadable())?
    };
    Ok(int * 10i64.pow(digits) + dec)
}

/// Empty → unknown stock; otherwise a whole non-negative number.
pub fn parse_stock(raw: &str) -> Result<Option<i64>, String> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Ok(None);
    }
    let s = s
        .strip_suffix(",0")
        .or_else(|| s.strip_suffix(".0"))
        .unwrap_or(&s);
    match s.parse::<i64>() {
        Ok(n) if n < 0 => Err(format!("stock négatif « {} »", raw.trim())),
        Ok(n) => Ok(Some(n)),
        Err(_) => Err(format!(
            "stock illisible « {} » (un nombre entier, ou vide)",
            raw.trim()
        )),
    }
}

/// A stable SKU from a title: `Riz makalioka 1 kg` → `RIZ-MAKALIOKA-1-KG`.
pub fn generate_sku(title: &str) -> String {
    let mut sku = String::new();
    for w in text::words(&text::fold(title)) {
        if sku.len() + w.text.len() + 1 > 48 {
            break;
        }
        if !sku.is_empty() {
            sku.push('-');
        }
        sku.push_str(&w.text.to_uppercase());
    }
    if sku.is_empty() {
        sku = "PRODUIT".into();
    }
    sku
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_read_in_every_way_shops_write_them() {
        for (raw, want) in [
            ("150000", 150000),
            ("150 000", 150000),
            ("150\u{a0}000", 150000),
            ("150\u{202f}000 Ar", 150000),
            ("150.000", 150000),
            ("65.000", 65000),
            ("520 000 Ar", 520000),
            ("1.500.000", 1500000),
            ("285 000 MGA", 285000),
            ("150000,00", 150000),
            ("3500 ariary", 3500),
        ] {
            assert_eq!(parse_price(raw, "MGA"), Ok(want), "{raw}");
        }
        assert_eq!(parse_price("12,50", "EUR"), Ok(1250));
        assert_eq!(parse_price("1 234,5", "EUR"), Ok(123450));
    }

    #[test]
    fn bad_prices_are_named() {
        assert!(parse_price("", "MGA").unwrap_err().contains("manquant"));
        assert!(parse_price("-500", "MGA").unwrap_err().contains("négatif"));
        assert!(parse_price("abc", "MGA").unwrap_err().contains("illisible"));
        assert!(parse_price("9,5", "MGA").unwrap_err().contains("centimes"));
        assert!(parse_price("1.2.3", "MGA")
            .unwrap_err()
            .contains("illisible"));
    }

    #[test]
    fn stock_and_currency_are_checked() {
        assert_eq!(parse_stock(""), Ok(None));
        assert_eq!(parse_stock(" 1 200 "), Ok(Some(1200)));
        assert!(parse_stock("beaucoup").is_err());
        assert!(parse_stock("-3").is_err());
        assert_eq!(parse_currency("Ar").unwrap(), "MGA");
        assert_eq!(parse_currency("").unwrap(), "MGA");
        assert!(parse_currency("FMG").is_err());
    }

    #[test]
    fn a_generated_sku_is_stable_and_readable() {
        assert_eq!(generate_sku("Riz makalioka 1 kg"), "RIZ-MAKALIOKA-1-KG");
        assert_eq!(
            generate_sku("Riz makalioka 1 kg"),
            generate_sku("Riz makalioka 1 kg")
        );
        assert_eq!(generate_sku("Thé vert"), "THE-VERT");
    }
}
