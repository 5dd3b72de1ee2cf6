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
