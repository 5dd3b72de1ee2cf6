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
    let body = cloud_body::body("261341234567", &OutgoingMessage::text("Salama"), None, None);
    assert_eq!(body["type"], "text");
    assert_eq!(body["to"], "261341234567");
    assert_eq!(body["text"]["body"], "Salama");
    let doc = OutgoingMessage::Document {
        stored: "devis/1/a.pdf".into(),
        filename: "DEV-2026-0001.pdf".into(),
        caption: None,
    };
    let body = cloud_body::body(
        "2613",
        &doc,
        Some(&cloud_body::Media::Id("55".into())),
        None,
    );
    assert_eq!(body["document"]["id"], "55");
    assert_eq!(body["document"]["filename"], "DEV-2026-0001.pdf");
    let tpl = OutgoingMessage::Template {
        name: "relance".into(),
        language: "fr".into(),
        params: vec!["Rasoa".into()],
        param_names: vec![],
    };
    let body = cloud_body::body("2613", &tpl, None, None);
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

#[test]
fn a_username_only_customer_is_addressed_by_recipient_and_the_row_id_travels_as_callback_data() {
    let body = cloud_body::body(
        "MG.1342987712345678",
        &OutgoingMessage::text("Salama"),
        None,
        Some("varotra:outbox:7"),
    );
    assert_eq!(body["recipient"], "MG.1342987712345678");
    assert!(body.get("to").is_none(), "{body}");
    assert_eq!(body["biz_opaque_callback_data"], "varotra:outbox:7");
    let phone = cloud_body::body("261341234567", &OutgoingMessage::text("x"), None, None);
    assert_eq!(phone["to"], "261341234567");
    assert!(phone.get("recipient").is_none());
    assert!(is_user_id("US.ENT.11815799212886844830"));
    assert!(!is_user_id("261341234567"));
    assert!(!is_user_id("mg.123"));
}

#[test]
fn named_template_parameters_carry_their_names() {
    let tpl = OutgoingMessage::Template {
        name: "relance_devis".into(),
        language: "fr".into(),
        params: vec!["Rasoa".into(), "DEV-2026-0001".into()],
        param_names: vec!["customer_name".into(), "devis_number".into()],
    };
    let body = cloud_body::body("2613", &tpl, None, None);
    let p = &body["template"]["components"][0]["parameters"];
    assert_eq!(p[1]["parameter_name"], "devis_number");
    assert_eq!(p[1]["text"], "DEV-2026-0001");
}

#[test]
fn catalogue_messages_name_the_catalogue_and_our_skus() {
    let one = OutgoingMessage::Product {
        body: "Huile 5 L".into(),
        catalog_id: "CAT1".into(),
        sku: "HUILE-5L".into(),
    };
    let body = cloud_body::body("2613", &one, None, None);
    assert_eq!(body["interactive"]["type"], "product");
    assert_eq!(
        body["interactive"]["action"]["product_retailer_id"],
        "HUILE-5L"
    );
    let many = OutgoingMessage::ProductList {
        header: "Nos huiles".into(),
        body: "Voici ce que nous avons".into(),
        catalog_id: "CAT1".into(),
        skus: vec!["HUILE-1L".into(), "HUILE-5L".into()],
    };
    let body = cloud_body::body("2613", &many, None, None);
    assert_eq!(body["interactive"]["type"], "product_list");
    let items = &body["interactive"]["action"]["sections"][0]["product_items"];
    assert_eq!(items[1]["product_retailer_id"], "HUILE-5L");
}

#[test]
fn a_cta_url_message_is_an_interactive_cta_url_and_gupshup_gets_the_link_in_text() {
    let cta = OutgoingMessage::CtaUrl {
        body: "Payez 22 800 Ar".into(),
        display_text: "Payer maintenant".into(),
        url: "https://pay.example/p/tok".into(),
    };
    let body = cloud_body::body("2613", &cta, None, None);
    assert_eq!(body["type"], "interactive");
    let i = &body["interactive"];
    assert_eq!(i["type"], "cta_url");
    assert_eq!(i["body"]["text"], "Payez 22 800 Ar");
    assert_eq!(i["action"]["name"], "cta_url");
    assert_eq!(
        i["action"]["parameters"]["display_text"],
        "Payer maintenant"
    );
    assert_eq!(
        i["action"]["parameters"]["url"],
        "https://pay.example/p/tok"
    );
    let g = super::gupshup::message_json(&cta).unwrap();
    assert_eq!(g["type"], "text");
    assert!(g["text"]
        .as_str()
        .unwrap()
        .contains("https://pay.example/p/tok"));
}

#[test]
fn outside_the_window_and_user_id_refusals_are_explained_in_french() {
    let window = r#"{"error":{"message":"Re-engagement message","code":131047}}"#;
    match classify(400, window) {
        SendError::Permanent(r) => assert!(r.starts_with("Hors de la fenêtre de 24 h"), "{r}"),
        other => panic!("{other:?}"),
    }
}
