use super::*;

#[test]
fn throttling_and_server_errors_are_retried() {
    assert!(matches!(classify(503, ""), SendError::Retry(_)));
    assert!(matches!(classify(429, "{}"), SendError::Retry(_)));
    let throttled = r#"{"error":{"message":"Rate limit hit","code":130429}}"#;
    assert!(matches!(classify(400, throttled), SendError::Retry(_)));
}

#[test]
fn window_token_and_undeliverable_errors_are_permanent() {
    for code in [131047, 131026, 190] {
        let body = format!(r#"{{"error":{{"message":"nope","code":{code}}}}}"#);
        match classify(400, &body) {
            SendError::Permanent(reason) => assert!(reason.contains(&code.to_string())),
            other => panic!("{code} gave {other:?}"),
        }
    }
}

#[test]
fn a_cloud_api_body_names_its_type_and_recipient() {
    let body = meta::body("261341234567", &OutgoingMessage::text("Salama"), None);
    assert_eq!(body["type"], "text");
    assert_eq!(body["to"], "261341234567");
    assert_eq!(body["text"]["body"], "Salama");
    let doc = OutgoingMessage::Document {
        stored: "devis/1/a.pdf".into(),
        filename: "DEV-2026-0001.pdf".into(),
        caption: None,
    };
    let body = meta::body("2613", &doc, Some(&meta::Media::Id("55".into())));
    assert_eq!(body["document"]["id"], "55");
    assert_eq!(body["document"]["filename"], "DEV-2026-0001.pdf");
    let tpl = OutgoingMessage::Template {
        name: "relance".into(),
        language: "fr".into(),
        params: vec!["Rasoa".into()],
    };
    let body = meta::body("2613", &tpl, None);
    assert_eq!(
        body["template"]["components"][0]["parameters"][0]["text"],
        "Rasoa"
    );
}

#[test]
fn gupshup_inbound_text_becomes_a_message_keyed_by_phone() {
    let raw = std::fs::read(format!(
        "{}/tests/fixtures/webhooks/gupshup-text.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let changes = gupshup::parse_inbound(&raw).unwrap();
    let m = &changes[0].messages[0];
    assert_eq!(m.customer_key, "261341234567");
    assert_eq!(m.body.as_deref(), Some("Bonjour, vous livrez à Ivato ?"));
    assert_eq!(m.wamid, "ABEGJjQSNFZwAhDYm1k0f0Ff2r2n");
}

#[test]
fn a_360dialog_media_url_keeps_path_and_query_on_its_base() {
    let s = crate::settings::WhatsappSettings {
        dialog360_api_base: "http://d360.local".into(),
        ..Default::default()
    };
    assert_eq!(
        dialog360::proxied_media_url(
            &s,
            "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&ext=2"
        ),
        "http://d360.local/whatsapp_business/attachments/?mid=1&ext=2"
    );
}
