use super::*;

fn claim(text: &str) -> Claim {
    parse(text).unwrap_or_else(|| panic!("no reference in {text}"))
}

#[test]
fn mvola_sms_in_french_and_malagasy_give_their_reference_and_amount() {
    for (text, reference, amount) in [
        (
            "1/2 Vous avez envoye 22 800 Ar a EPICERIE RIVO (0341234567) le 02/12/26 a 10:15. Raison: DEV-2026-0001. Frais: 0 Ar. Solde: 12 000 Ar. Ref: 1234567890",
            "1234567890",
            Some(22_800),
        ),
        ("MVola: Transfert de 45000 Ar vers 0341234567 reussi. Réf : 0712345678", "0712345678", Some(45_000)),
        ("Nandefa 22.800 Ar ho an'i 0341234567 ianao. Ref:0612345678 MVola", "0612345678", Some(22_800)),
        ("ref 9876543210", "9876543210", None),
        ("Réf. n° 1122334455 mvola", "1122334455", None),
        ("voila ref: 2611223344 merci", "2611223344", None),
        ("Reference: 5566778899", "5566778899", None),
    ] {
        let c = claim(text);
        assert_eq!(c.reference, reference, "{text}");
        assert_eq!(c.by, Some(PaidBy::Mvola), "{text}");
        assert_eq!(c.amount, amount, "{text}");
    }
}

#[test]
fn orange_money_trans_ids_are_read_whatever_their_spelling() {
    for (text, reference) in [
        (
            "Transfert de 22800 Ar vers 0321234567 reussi. Trans Id: PP251202.1015.A12345. Nouveau solde: 3000 Ar. Orange Money",
            "PP251202.1015.A12345",
        ),
        ("Trans ID : CI251202.1015.B12345", "CI251202.1015.B12345"),
        ("TransId:PP251202.1015.C99999", "PP251202.1015.C99999"),
        ("ID transaction: MP251202.1015.D12345", "MP251202.1015.D12345"),
        ("Id de transaction : PP240101.0800.E00001.", "PP240101.0800.E00001"),
    ] {
        let c = claim(text);
        assert_eq!(c.reference, reference, "{text}");
        assert_eq!(c.by, Some(PaidBy::OrangeMoney), "{text}");
    }
}

#[test]
fn airtel_tids_are_read_and_a_named_operator_wins_over_the_label() {
    for (text, reference) in [
        (
            "Vous avez paye 10000 Ar. TID: MP251202.1015.C12345",
            "MP251202.1015.C12345",
        ),
        ("TID:123456789 Airtel Money", "123456789"),
        (
            "Airtel Money: Trans ID: CO251202.1234.F00002",
            "CO251202.1234.F00002",
        ),
        ("tid 5566778899", "5566778899"),
    ] {
        let c = claim(text);
        assert_eq!(c.reference, reference, "{text}");
        assert_eq!(c.by, Some(PaidBy::AirtelMoney), "{text}");
    }
}

#[test]
fn the_devis_number_typed_as_reason_is_kept_apart_from_the_transaction() {
    let c = claim("Raison DEV-2026-0042 Ref: 1234567890");
    assert_eq!(c.reference, "1234567890");
    assert_eq!(c.order_number.as_deref(), Some("DEV-2026-0042"));
    // Our own reference pasted back is not a transaction.
    assert_eq!(parse("Référence : DEV-2026-0042"), None);
}

#[test]
fn questions_and_ordinary_messages_are_not_claims() {
    for text in [
        "Comment je paie par MVola ?",
        "quelle est la référence ?",
        "ref du produit svp",
        "Je voudrais un devis pour 2 huiles 1 L",
        "Ref: abc",
        "Ref: 12",
        "mila TID aho",
        "Le tidjani arrive",
        "",
    ] {
        assert_eq!(parse(text), None, "{text}");
    }
}

#[test]
fn a_huge_or_hostile_text_is_refused_or_read_without_panic() {
    assert_eq!(parse(&"Ref: ".repeat(1_000)), None);
    let odd = "Réf:ééé 1234567 🙂 Trans Id: ١٢٣٤٥٦";
    assert_eq!(parse(odd).map(|c| c.reference), None);
}
