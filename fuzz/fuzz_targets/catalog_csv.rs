//! An uploaded catalogue or FAQ file: every row is a product, a question or an error
//! naming its line; the catalogue's error list stays under its cap; nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use varotra::catalog::csv::{parse_catalog, MAX_LISTED};

fuzz_target!(|data: &[u8]| {
    let parsed = parse_catalog(data);
    assert!(parsed.errors.len() <= MAX_LISTED, "errors are listed up to the cap");
    assert!(parsed.warnings.len() <= MAX_LISTED, "warnings too");
    let _ = varotra::catalog::faq::parse_faq(data);
});
