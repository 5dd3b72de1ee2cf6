//! The parsers strangers feed, under random input (a proptest harness in place of
//! `cargo fuzz`, which needs a nightly toolchain and cargo-fuzz): the webhook envelope,
//! the catalogue CSV, prices and amounts in words. Each answers (a value or an error
//! naming what is wrong) and keeps its promises; none panics.

use proptest::prelude::*;
use varotra::catalog::csv::{parse_catalog, MAX_LISTED};
use varotra::catalog::values::parse_price;
use varotra::quotes::words::amount_in_words;
use varotra::whatsapp::envelope;

/// CSV-looking bytes: known and misspelt headers, separators, quotes, odd bytes.
fn csv_bytes() -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        "[a-zA-Z0-9 ,;\"'.éà-]{0,12}".prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..6),
    ];
    let header = prop::sample::select(vec![
        "sku,title,price",
        "sku;designation;prix;stock",
        "sku,title,descri3tion,price",
        "\u{feff}sku,title,price,currency,stock,description",
        "",
    ]);
    (
        header,
        prop::collection::vec(prop::collection::vec(cell, 0..6), 0..40),
    )
        .prop_map(|(header, rows)| {
            let mut out = header.as_bytes().to_vec();
            for row in rows {
                out.push(b'\n');
                out.extend(row.join(&b","[..]));
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_webhook_body_is_parsed_or_refused(body in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        "[\\[\\]{}\":,a-z0-9 ]{0,300}".prop_map(String::into_bytes),
    ]) {
        // Whatever is accepted was JSON; nothing else gets past the parser.
        if envelope::parse(&body).is_ok() {
            prop_assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
        }
    }

    #[test]
    fn any_catalogue_file_lists_at_most_the_cap_of_errors(bytes in csv_bytes()) {
        let parsed = parse_catalog(&bytes);
        prop_assert!(parsed.errors.len() <= MAX_LISTED);
        prop_assert!(parsed.more_errors == 0 || parsed.errors.len() == MAX_LISTED);
    }

    #[test]
    fn a_price_is_a_non_negative_amount_or_a_french_error(raw in "[0-9 .,'\\-a-zA-Z€$]{0,24}") {
        match parse_price(&raw, "MGA") {
            Ok(n) => prop_assert!(n >= 0, "{raw:?} → {n}"),
            Err(e) => prop_assert!(!e.is_empty()),
        }
    }

    #[test]
    fn every_amount_has_words(n in any::<i64>()) {
        let words = amount_in_words(n);
        prop_assert!(!words.is_empty());
        prop_assert_eq!(words.starts_with("moins "), n < 0);
    }
}
