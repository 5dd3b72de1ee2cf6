use super::*;
use crate::kinds::MessageStatus;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/webhooks/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

#[test]
fn a_batch_yields_every_message_in_order() {
    let changes = parse(&fixture("batch-two-messages.json")).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].phone_number_id.as_deref(),
        Some("106540352242922")
    );
    let bodies: Vec<_> = changes[0]
        .messages
        .iter()
        .map(|m| m.body.clone().unwrap())
        .collect();
    assert_eq!(bodies, ["Bonjour", "Vous avez de l'huile 5 litres ?"]);
    assert_eq!(
        changes[0].messages[0].customer_name.as_deref(),
        Some("Rasoa Be")
    );
}

#[test]
fn button_list_and_template_replies_carry_their_ids() {
    let b = &parse(&fixture("button-reply.json")).unwrap()[0].messages[0];
    assert_eq!(
        (b.body.as_deref(), b.reply_id.as_deref()),
        (Some("Valider le devis"), Some("quote:accept"))
    );
    let l = &parse(&fixture("list-reply.json")).unwrap()[0].messages[0];
    assert_eq!(l.reply_id.as_deref(), Some("product:HUILE-5L"));
    let t = &parse(&fixture("template-button.json")).unwrap()[0].messages[0];
    assert_eq!(
        (t.kind.as_str(), t.reply_id.as_deref()),
        ("button", Some("relance:oui"))
    );
}

#[test]
fn a_contact_without_phone_is_keyed_by_user_id() {
    let m = &parse(&fixture("username-only-contact.json")).unwrap()[0].messages[0];
    assert_eq!(m.customer_key, "MG.1342987712345678");
    assert_eq!(m.customer_phone, None);
    assert_eq!(m.customer_name.as_deref(), Some("Hery"));
}

#[test]
fn media_reactions_and_unsupported_messages_parse() {
    let img = &parse(&fixture("image.json")).unwrap()[0].messages[0];
    assert_eq!(
        (img.media_id.as_deref(), img.body.as_deref()),
        (Some("1003383421387256"), Some("Misy ve ity?"))
    );
    let removed = &parse(&fixture("reaction-removed.json")).unwrap()[0].messages[0];
    assert_eq!(
        (removed.kind.as_str(), removed.body.as_deref()),
        ("reaction", None)
    );
    let u = &parse(&fixture("unsupported.json")).unwrap()[0].messages[0];
    assert_eq!(u.kind, "unsupported");
    let f = &parse(&fixture("forwarded.json")).unwrap()[0].messages[0];
    assert_eq!(f.kind, "text");
}

#[test]
fn a_failed_status_keeps_its_error() {
    let s = &parse(&fixture("status-failed.json")).unwrap()[0].statuses[0];
    assert_eq!(s.status, "failed");
    assert!(s.error.as_deref().unwrap().starts_with("131047: "));
}

#[test]
fn unknown_fields_and_message_types_are_accepted() {
    let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
        {"field":"message_template_status_update","value":{"event":"APPROVED"}},
        {"field":"messages","value":{"metadata":{"phone_number_id":"1"},
          "messages":[{"from":"2613","id":"w1","type":"hologram","hologram":{}}]}}]}]}"#;
    let changes = parse(body).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].messages[0].kind, "hologram");
}

#[test]
fn a_broken_envelope_names_the_problem() {
    let err = parse(br#"{"object":"x","entry":{}}"#).unwrap_err();
    assert!(err.0.contains("entry"), "{err}");
    let err = parse(br#"{"object":"x","entry":[{"changes":[{"field":"messages","value":{"messages":[{"type":"text"}]}}]}]}"#).unwrap_err();
    assert!(err.0.contains("messages[0]"), "{err}");
    assert!(parse(b"not json").is_err());
}

#[test]
fn statuses_rank_forward_only() {
    let status_rank = |s: &str| MessageStatus::parse(s).map(MessageStatus::rank);
    assert!(status_rank("read") > status_rank("delivered"));
    assert!(status_rank("played") > status_rank("read"));
    assert_eq!(status_rank("weird"), None);
}

#[test]
fn an_owner_echo_is_addressed_to_the_customer_with_edits_and_deletions() {
    let e = &parse(&fixture("echo-text.json")).unwrap()[0];
    assert!(e.messages.is_empty());
    let echo = &e.echoes[0];
    assert_eq!(echo.customer_key, "261341234567");
    assert!(echo.body.as_deref().unwrap().contains("16 h"));
    let tpl = &parse(&fixture("echo-template.json")).unwrap()[0].echoes[0];
    assert_eq!(
        (tpl.kind.as_str(), tpl.body.as_deref()),
        ("template", Some("[modèle promo_semaine]"))
    );
    let img = &parse(&fixture("echo-image.json")).unwrap()[0].echoes[0];
    assert_eq!(img.media_id.as_deref(), Some("2754859441498128"));
    let edit = &parse(&fixture("echo-edit.json")).unwrap()[0].echoes[0];
    assert_eq!(edit.kind, "edit");
    assert!(edit
        .target_wamid
        .as_deref()
        .unwrap()
        .contains("RUNIT1RFWFQ"));
    assert!(edit.body.as_deref().unwrap().contains("17 h"));
    let revoke = &parse(&fixture("echo-revoke.json")).unwrap()[0].echoes[0];
    assert_eq!(revoke.kind, "revoke");
    assert!(revoke.target_wamid.is_some());
}

#[test]
fn a_history_chunk_keeps_each_sides_messages_and_its_progress() {
    let h = &parse(&fixture("history-chunk.json")).unwrap()[0].history[0];
    assert_eq!((h.phase, h.progress), (Some(1), Some(55)));
    let sides: Vec<bool> = h.messages.iter().map(|(_, out)| *out).collect();
    assert_eq!(sides, [false, true, false]);
    assert_eq!(h.messages[1].0.status.as_deref(), Some("READ"));
    assert_eq!(
        h.messages[0].0.customer_phone.as_deref(),
        Some("261349876543")
    );
    let declined = &parse(&fixture("history-declined.json")).unwrap()[0].history[0];
    assert!(declined.error.as_deref().unwrap().starts_with("2593109"));
}

#[test]
fn the_owners_contacts_are_added_and_removed() {
    let c = &parse(&fixture("app-state-sync.json")).unwrap()[0].contacts;
    assert_eq!(c[0].full_name.as_deref(), Some("Rasoa Razafy (Analakely)"));
    assert_eq!(
        (c[1].phone.as_str(), c[1].full_name.as_deref()),
        ("261330000099", None)
    );
}

#[test]
fn a_customer_shows_both_identifiers_and_system_messages_move_them() {
    let m = &parse(&fixture("username-then-phone.json")).unwrap()[0].messages[0];
    assert_eq!(m.customer_phone.as_deref(), Some("261341234567"));
    assert_eq!(m.customer_user_id.as_deref(), Some("MG.1342987712345678"));
    assert_eq!(m.customer_username.as_deref(), Some("hery.mg"));
    let n = &parse(&fixture("system-changed-number.json")).unwrap()[0].messages[0];
    assert_eq!(
        n.identity_change,
        Some(IdentityChange::Number {
            phone: "261349990000".into(),
            user_id: Some("MG.7766554433221100".into())
        })
    );
    let u = &parse(&fixture("system-changed-user-id.json")).unwrap()[0].messages[0];
    assert_eq!(u.customer_key, "MG.1342987712345678");
    assert_eq!(
        u.identity_change,
        Some(IdentityChange::UserId {
            user_id: "MG.9988776655443322".into()
        })
    );
}

#[test]
fn a_cart_voice_note_edit_revoke_and_quoted_reply_carry_what_they_mean() {
    let o = &parse(&fixture("order-two-items.json")).unwrap()[0].messages[0];
    assert_eq!(
        o.cart,
        [
            CartItem {
                sku: "RIZ-MAK-25".into(),
                qty: 2
            },
            CartItem {
                sku: "HUILE-5L".into(),
                qty: 3
            }
        ]
    );
    assert!(o
        .body
        .as_deref()
        .unwrap()
        .starts_with("🛒 Panier de 2 articles"));
    let v = &parse(&fixture("voice-note.json")).unwrap()[0].messages[0];
    assert!(v.voice && v.media_id.as_deref() == Some("1447305412998456"));
    let e = &parse(&fixture("edit.json")).unwrap()[0].messages[0];
    assert_eq!(e.body.as_deref(), Some("Ohatrinona ny menaka 5 litatra?"));
    let r = &parse(&fixture("revoke.json")).unwrap()[0].messages[0];
    assert!(r.target_wamid.as_deref().unwrap().ends_with("MQA="));
    let q = &parse(&fixture("reply-to-product.json")).unwrap()[0].messages[0];
    assert_eq!(
        (q.context_wamid.as_deref(), q.referred_sku.as_deref()),
        (Some("wamid.OUT0"), Some("HUILE-5L"))
    );
}

#[test]
fn template_reviews_and_priced_statuses_with_our_callback_are_read() {
    let t = &parse(&fixture("template-rejected.json")).unwrap()[0];
    assert_eq!(t.waba_id.as_deref(), Some("102290129340398"));
    assert_eq!(t.templates[0].event.as_deref(), Some("REJECTED"));
    assert_eq!(t.templates[0].reason.as_deref(), Some("INVALID_FORMAT"));
    let approved = &parse(&fixture("template-approved.json")).unwrap()[0].templates[0];
    assert_eq!(approved.reason, None, "NONE is no reason");
    let s = &parse(&fixture("status-sent-callback.json")).unwrap()[0].statuses[0];
    assert_eq!(s.outbox_id, Some(1));
    assert_eq!(
        (s.pricing_category.as_deref(), s.billable),
        (Some("utility"), Some(true))
    );
    assert!(
        parse(&fixture("calls-connect.json")).unwrap().is_empty(),
        "kept raw"
    );
}
