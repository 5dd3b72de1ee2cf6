//! Ranking and variant resolution on small catalogues of several trades.

use super::*;
use crate::assistant::entities::mentions;
use crate::assistant::variants::resolve;

fn p(sku: &str, title: &str, desc: &str) -> Product {
    Product {
        id: crate::db::ProductId(sku.len() as i64),
        shop_id: crate::db::ShopId(1),
        sku: sku.into(),
        title: title.into(),
        description: desc.into(),
        price: crate::money::Ariary(1000),
        currency: "MGA".into(),
        stock: Some(3),
        image: None,
        updated_at: String::new(),
        held: 0,
    }
}

fn shop() -> Vec<Product> {
    vec![
        p("CIM-50", "Ciment sac 50 kg", "Ciment gris"),
        p("CIM-25", "Ciment sac 25 kg", "Ciment gris"),
        p("HUI-1", "Huile de palme 1 L", ""),
        p("HUI-20", "Huile de palme bidon 20 L", ""),
        p("CHG", "Chargeur téléphone rapide", "Pour Samsung et autres"),
        p("TEL-A10", "Smartphone Tecno Spark", "Téléphone Android"),
        p("FER-6", "Fer à béton HA 6 mm barre 12 m", ""),
        p("FER-10", "Fer à béton HA 10 mm barre 12 m", ""),
        p("FER-12", "Fer à béton HA 12 mm barre 12 m", ""),
        p("PB-10", "Power bank 10000 mAh", ""),
        p("PB-20", "Power bank 20000 mAh", ""),
        p("TSH-B-M", "T-shirt coton blanc taille M", ""),
        p("TSH-B-L", "T-shirt coton blanc taille L", ""),
        p("TSH-N-L", "T-shirt coton noir taille L", ""),
        p("TUY-40", "Tuyau PVC pression 40 mm longueur 4 m", ""),
        p("TUY-50", "Tuyau PVC 50 mm longueur 4 m", ""),
        p("VIT", "Verre trempé Galaxy A06", "Protection écran"),
        p("CUIR-42", "Chaussures cuir homme noir pointure 42", ""),
        p("CUIR-43", "Chaussures cuir homme noir pointure 43", ""),
        p("RIZ-1", "Riz makalioka 1 kg", ""),
        p("RIZ-25", "Riz makalioka 25 kg", ""),
        p("RAL-R", "Rouge à lèvres mat rouge", ""),
        p("RAL-N", "Rouge à lèvres mat nude", ""),
    ]
}

fn one(msg: &str) -> (Vec<String>, Option<i64>, Option<String>) {
    let m = &mentions(msg)[0];
    let r = resolve(m, &shop());
    (r.skus(), r.qty, r.missing)
}

#[test]
fn malagasy_and_sms_goods_words_find_french_titles() {
    assert_eq!(one("misy menaka ve").0, vec!["HUI-1", "HUI-20"]);
    assert_eq!(one("vy 10").0, vec!["FER-10"]);
    assert_eq!(one("un charjeur").0, vec!["CHG"]);
    assert_eq!(one("kiraro hoditra 42").0, vec!["CUIR-42"]);
}

#[test]
fn a_number_or_attribute_picks_the_variant() {
    assert_eq!(one("fer de 10").0, vec!["FER-10"]);
    assert_eq!(one("tuyau 40").0, vec!["TUY-40"]);
    assert_eq!(one("batterie externe 20000 mAh").0, vec!["PB-20"]);
    assert_eq!(one("sac de ciment de 25 kg").0, vec!["CIM-25"]);
    assert_eq!(one("chaussures taille 43").0, vec!["CUIR-43"]);
    assert_eq!(one("t-shirt noir").0, vec!["TSH-N-L"]);
    assert_eq!(one("le petit sac de ciment").0, vec!["CIM-25"]);
    // A bare size letter beside the product, French or Malagasy.
    assert_eq!(one("un t-shirt blanc M").0, vec!["TSH-B-M"]);
    assert_eq!(one("akanjo fotsy l").0, vec!["TSH-B-L"]);
    assert_eq!(
        one("t-shirt blanc s'il vous plaît").0,
        vec!["TSH-B-M", "TSH-B-L"]
    );
    // The first word of a title names the product, not its colour.
    assert_eq!(one("rouge à lèvres rouge").0, vec!["RAL-R"]);
    assert_eq!(one("rouge à lèvres nude").0, vec!["RAL-N"]);
}

#[test]
fn a_shared_attribute_picks_nothing_and_a_missing_one_is_said() {
    let (skus, _, missing) = one("barre de 12 m");
    assert_eq!(skus, vec!["FER-6", "FER-10", "FER-12"]);
    assert_eq!(missing, None);
    let (_, _, missing) = one("fer de 14");
    assert_eq!(missing.as_deref(), Some("14"));
    let (_, _, missing) = one("power bank 30000 mAh");
    assert_eq!(missing.as_deref(), Some("30000 mAh"));
}

#[test]
fn counts_are_told_from_variants_and_weights() {
    assert_eq!(
        one("3 fers de 10"),
        (vec!["FER-10".to_string()], Some(3), None)
    );
    assert_eq!(one("vy 10 dimy ambin'ny folo").1, Some(15));
    assert_eq!(one("devis 20 barres de fer").1, Some(20));
    assert_eq!(
        one("vary 5 kilao"),
        (vec!["RIZ-1".to_string()], Some(5), None)
    );
    assert_eq!(
        one("2 bidons huile 20 L"),
        (vec!["HUI-20".to_string()], Some(2), None)
    );
    assert_eq!(
        one("iray gony vary 25 kilao"),
        (vec!["RIZ-25".to_string()], Some(1), None)
    );
}

#[test]
fn a_related_accessory_is_not_taken_for_the_product_asked() {
    let hits = rank(
        &shop(),
        &mentions("vous avez des ordinateurs portables ?")[0].words,
        false,
    );
    assert!(hits.iter().all(|h| !h.is_match()), "{hits:?}");
}

#[test]
fn a_word_no_product_holds_does_not_hide_the_kind_of_product_named() {
    // "blorp" and "tsaraloatra" are in no title: the rest names the product.
    for msg in [
        "hakako 2 chargeur blorp rapide",
        "chargeur tsaraloatra iray",
    ] {
        let hits = rank(&shop(), &mentions(msg)[0].words, false);
        let m = matches(&hits);
        assert_eq!(m.len(), 1, "{msg}: {hits:?}");
        assert_eq!(m[0].product.sku, "CHG");
    }
    // A leading unknown noun still counts: no false "we have it".
    let hits = rank(&shop(), &mentions("ordinateur rapide")[0].words, false);
    assert!(matches(&hits).is_empty(), "{hits:?}");
}

#[test]
fn miampy_and_an_ampersand_join_the_items_of_a_list() {
    let m = mentions("labozia 3 miampy vary 2 & siramamy 5");
    assert_eq!(m.len(), 3, "{m:?}");
    assert_eq!(m[2].words, vec!["siramamy"]);
}

#[test]
fn a_need_finds_the_products_that_serve_it() {
    let hits = rank(&shop(), &mentions("pour protéger l'écran")[0].words, true);
    assert_eq!(hits[0].product.sku, "VIT");
}

#[test]
fn faq_answers_are_found_from_malagasy_words() {
    let faq = |id, q: &str, a: &str| Faq {
        id,
        shop_id: crate::db::ShopId(1),
        question: q.into(),
        answer: a.into(),
        answer_mg: None,
    };
    let faqs = vec![
        faq(1, "Où est la boutique ?", "Rue X"),
        faq(2, "Vous livrez ?", "Oui"),
    ];
    let r = faq_rank(&faqs, "Aiza ny toerana misy anareo?", &[]);
    assert_eq!(r[0].1.answer, "Rue X");
    let r = faq_rank(&faqs, "manatitra ve ianareo", &[]);
    assert_eq!(r[0].1.answer, "Oui");
}

#[test]
fn earphones_are_not_a_headset() {
    let shop = vec![
        p("ECO-JACK", "Écouteurs filaires jack 3.5 mm", ""),
        p(
            "ECO-BT",
            "Écouteurs Bluetooth sans fil",
            "Intra-auriculaires, boîtier de charge, 20 h d'autonomie",
        ),
        p(
            "CASQUE-BT",
            "Casque Bluetooth",
            "Casque arceau pliable, radio FM",
        ),
    ];
    let m = &mentions("je prends les écouteurs bluetooth")[0];
    let r = resolve(m, &shop);
    assert_eq!(r.skus(), vec!["ECO-BT"], "{m:?}");
}

#[test]
fn a_colour_the_shop_names_otherwise_picks_its_nearest_shade_and_no_other() {
    assert_eq!(one("rouge à lèvres beige").0, vec!["RAL-N"]);
    let (skus, _, missing) = one("rouge à lèvres beige");
    assert_eq!((skus.len(), missing), (1, None));
    // No shade near green: the colour is said to be missing, nothing is picked for it.
    let (skus, _, missing) = one("rouge à lèvres vert");
    assert_eq!((skus.len(), missing.as_deref()), (2, Some("vert")));
}
