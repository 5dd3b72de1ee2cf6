//! Starter catalogues, one per trade: realistic Malagasy products with Ariary prices,
//! shipped in the binary (`assets/starters/<trade>.csv`, the upload's CSV format) so a
//! new shop has something to try the bot on in one click, then edits, prices or
//! deletes like any imported product. They go through the ordinary import, so they
//! obey every rule of an uploaded file.

use crate::embedded;

/// (key, label) of each trade, in the order offered.
pub const TRADES: &[(&str, &str)] = &[
    ("epicerie", "Épicerie"),
    ("telephonie", "Téléphonie"),
    ("beaute", "Beauté"),
    ("pharmacie-parapharmacie", "Pharmacie-parapharmacie"),
    ("quincaillerie", "Quincaillerie"),
    ("restaurant", "Restaurant"),
];

/// The CSV of the starter catalogue of `trade`, or `None` for a trade we have none for.
pub fn csv(trade: &str) -> Option<Vec<u8>> {
    TRADES
        .iter()
        .find(|(key, _)| *key == trade)
        .and_then(|(key, _)| embedded::get(&format!("starters/{key}.csv")))
}

/// The FAQ every new shop is offered (`question;answer;answer_mg`), French and Malagasy.
pub fn faq_csv() -> Vec<u8> {
    embedded::get("starters/faq.csv").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::csv::parse_catalog;

    #[test]
    fn every_starter_parses_with_no_error_and_realistic_size() {
        for (trade, _) in TRADES {
            let bytes = csv(trade).unwrap_or_else(|| panic!("no starter for {trade}"));
            let parsed = parse_catalog(&bytes);
            assert!(parsed.errors.is_empty(), "{trade}: {:?}", parsed.errors);
            assert!(parsed.warnings.is_empty(), "{trade}: {:?}", parsed.warnings);
            let n = parsed.rows.len();
            assert!((15..=30).contains(&n), "{trade}: {n} products");
            assert!(
                parsed
                    .rows
                    .iter()
                    .all(|r| r.input.price.0 >= 500 && r.input.currency == "MGA"),
                "{trade}: every product has an Ariary price"
            );
        }
        assert!(csv("boulangerie").is_none());
    }
}
