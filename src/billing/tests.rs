use super::*;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn a_trial_becomes_free_after_its_days() {
    let p = PlansSettings::default();
    let l = limits(
        &p,
        Plan::Trial,
        "2026-11-01T00:00:00Z",
        at("2026-11-10T00:00:00Z"),
    );
    assert_eq!(l.plan, Plan::Trial);
    assert!(l.multi_number && l.payments && !l.white_label);
    let l = limits(
        &p,
        Plan::Trial,
        "2026-11-01T00:00:00Z",
        at("2026-11-16T00:00:00Z"),
    );
    assert_eq!(l.plan, Plan::Free);
    assert_eq!(l.ai_messages, 100);
    assert!(!l.white_label && !l.payments);
}

#[test]
fn paid_plans_carry_their_ariary_price_and_add_ons() {
    let p = PlansSettings::default();
    let now = at("2026-12-01T00:00:00Z");
    let starter = limits(&p, Plan::Starter, "2026-01-01T00:00:00Z", now);
    assert_eq!((starter.price_mga, starter.white_label), (50_000, false));
    let pro = limits(&p, Plan::Pro, "2026-01-01T00:00:00Z", now);
    assert_eq!(
        (pro.price_mga, pro.white_label, pro.multi_number),
        (150_000, true, true)
    );
}

#[test]
fn usage_is_counted_per_utc_month() {
    assert_eq!(month_of(at("2026-12-31T23:59:59Z")), "2026-12");
}
