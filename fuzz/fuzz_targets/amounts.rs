//! Prices as shop owners type them and amounts as the devis writes them out: a price
//! parses to a non-negative integer or an error; every amount has its words.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for currency in ["MGA", "EUR"] {
            if let Ok(price) = varotra::catalog::values::parse_price(text, currency) {
                assert!(price >= 0, "{text:?} parsed to {price}");
            }
        }
        let _ = varotra::catalog::values::parse_stock(text);
    }
    if data.len() >= 8 {
        let n = i64::from_le_bytes(data[..8].try_into().unwrap());
        let words = varotra::quotes::words::amount_in_words(n);
        assert!(!words.trim().is_empty(), "no words for {n}");
        let _ = varotra::money::format_amount(n, "MGA");
    }
});
