use super::*;
use OrderStatus::*;

#[test]
fn every_step_of_the_state_machine_is_allowed_or_refused_as_documented() {
    let allowed_pairs = [
        (ToPay, Paid),
        (ToPay, Cancelled),
        (Paid, Preparing),
        (Paid, Cancelled),
        (Preparing, Shipping),
        (Preparing, Cancelled),
        (Shipping, Delivered),
    ];
    for from in OrderStatus::ALL {
        for to in OrderStatus::ALL {
            let want = allowed_pairs.contains(&(*from, *to));
            assert_eq!(allowed(*from).contains(to), want, "{from} -> {to}");
        }
    }
}

#[test]
fn the_one_click_step_goes_forward_and_stops_at_delivered_or_cancelled() {
    assert_eq!(next_step(ToPay), Some(Paid));
    assert_eq!(next_step(Paid), Some(Preparing));
    assert_eq!(next_step(Preparing), Some(Shipping));
    assert_eq!(next_step(Shipping), Some(Delivered));
    assert_eq!(next_step(Delivered), None);
    assert_eq!(next_step(Cancelled), None);
}

#[test]
fn every_status_has_a_french_label_and_a_message_in_both_languages() {
    let mut o = crate::db::orders::Order {
        id: OrderId(1),
        shop_id: ShopId(1),
        devis_id: DevisId(1),
        number: "DEV-2026-0007".into(),
        conversation_id: None,
        customer_name: None,
        customer_phone: None,
        status: ToPay,
        total_ttc: crate::money::Ariary(22_800),
        currency: "MGA".into(),
        paid_by: None,
        paid_ref: Some("0712.1234.A56789".into()),
        paid_at: None,
        claimed_by: None,
        claimed_ref: None,
        claimed_at: None,
        claimed_message_id: None,
        invoice_number: None,
        invoice_pdf: None,
        created_at: String::new(),
        updated_at: String::new(),
    };
    for s in OrderStatus::ALL {
        o.status = *s;
        let (fr, mg) = (tell::text(&o, false), tell::text(&o, true));
        assert!(fr.contains("DEV-2026-0007") && mg.contains("DEV-2026-0007"));
        assert_ne!(fr, mg, "{s}");
        assert!(!label(*s).is_empty());
    }
    o.status = Paid;
    assert!(tell::text(&o, false).contains("0712.1234.A56789"));
}
