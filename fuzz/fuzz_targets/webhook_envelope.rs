//! The bytes a stranger can POST to the webhook: Meta's envelope and Gupshup's inbound
//! body. Either parser answers (changes or an error naming what is wrong); none panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = varotra::whatsapp::envelope::parse(data);
    let _ = varotra::whatsapp::providers::gupshup::parse_inbound(data);
});
