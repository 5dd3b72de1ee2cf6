//! Catalogue behaviour end to end on a real SQLite file and a real index: import,
//! refusal of broken files, search the way customers write, tenancy, rebuilds.

use super::csv::{parse_catalog, records};
use super::import::{import_csv, ImportError};
use super::Catalog;
use crate::db::{shops, Db, ShopId};

pub(super) const EPICERIE: &[u8] = include_bytes!("../../tests/fixtures/catalog-epicerie.csv");
const TELEPHONE: &[u8] = include_bytes!("../../tests/fixtures/catalog-telephone.csv");
const FAQ: &[u8] = include_bytes!("../../tests/fixtures/faq-epicerie.csv");

pub(super) struct Env {
    pub dir: tempfile::TempDir,
    pub db: Db,
    pub catalog: Catalog,
}

pub(super) fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("v.db"), None, true).unwrap();
    let catalog = Catalog::open(dir.path(), &db).unwrap();
    Env { dir, db, catalog }
}

pub(super) fn shop(e: &Env, slug: &str) -> ShopId {
    let s = shops::NewShop {
        slug: slug.into(),
        company_name: slug.into(),
        ..Default::default()
    };
    e.db.write_blocking(|c| shops::create(c, &s)).unwrap()
}

fn top(e: &Env, shop: ShopId, q: &str, n: usize) -> Vec<String> {
    e.catalog
        .search(shop, q, n)
        .unwrap()
        .into_iter()
        .map(|h| h.product.sku)
        .collect()
}

fn assert_top3(e: &Env, shop: ShopId, q: &str, sku: &str) {
    let got = top(e, shop, q, 3);
    assert!(
        got.iter().any(|s| s == sku),
        "{q:?} → {got:?}, wanted {sku}"
    );
}

#[test]
fn the_fixture_catalogue_imports_and_a_second_import_changes_nothing() {
    let e = env();
    let s = shop(&e, "epicerie");
    let r = import_csv(&e.db, &e.catalog, s, EPICERIE, false).unwrap();
    assert_eq!((r.rows, r.added, r.updated, r.unchanged), (30, 30, 0, 0));
    // `Eau minérale 1,5 L` has an unquoted decimal comma: read, and said so.
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    let eau =
        e.db.read_blocking(|c| crate::db::products::get_by_sku(c, s, "EAU-1.5L"))
            .unwrap()
            .unwrap();
    assert_eq!(
        (eau.title.as_str(), eau.price.0, eau.stock),
        ("Eau minérale 1,5 L", 2500, Some(140))
    );
    let again = import_csv(&e.db, &e.catalog, s, EPICERIE, false).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 30));
    let edited = String::from_utf8(EPICERIE.to_vec())
        .unwrap()
        .replace("SEL-1K,Sel iodé 1 kg,1500", "SEL-1K,Sel iodé 1 kg,1600");
    let third = import_csv(&e.db, &e.catalog, s, edited.as_bytes(), false).unwrap();
    assert_eq!((third.added, third.updated, third.unchanged), (0, 1, 29));
    assert_eq!(e.catalog.search(s, "sel", 1).unwrap()[0].price, 1600);
}

#[test]
fn a_french_excel_file_with_bom_semicolons_and_multiline_quotes_imports() {
    let e = env();
    let s = shop(&e, "phones");
    let r = import_csv(&e.db, &e.catalog, s, TELEPHONE, false).unwrap();
    assert_eq!(r.added, 17);
    let a05 =
        e.db.read_blocking(|c| crate::db::products::get_by_sku(c, s, "TEL-A05"))
            .unwrap()
            .unwrap();
    assert_eq!(a05.price, 520_000);
    assert_eq!(a05.description, "Écran 6,7\" ; double SIM\nChargeur inclus");
    let itel =
        e.db.read_blocking(|c| crate::db::products::get_by_sku(c, s, "TEL-ITEL2160"))
            .unwrap()
            .unwrap();
    assert_eq!((itel.price.0, itel.currency.as_str()), (65_000, "MGA"));
}

#[test]
fn a_broken_file_is_refused_with_every_bad_line_named_and_nothing_written() {
    let e = env();
    let s = shop(&e, "epicerie");
    let broken = "sku;title;price;stock\n\
        OK-1;Riz 1 kg;3 500;10\n\
        ;;4000;3\n\
        NEG;Huile;-200;1\n\
        BAD;Sucre;beaucoup;1\n\
        STK;Sel;1500;plein\n\
        OK-1;Riz encore;3 600;1\n\
        COL;Farine;4000;1;extra\n\
        \"Q;Lait \"\"frais\nNOPRICE;Lait;;2\n";
    let err = import_csv(&e.db, &e.catalog, s, broken.as_bytes(), false).unwrap_err();
    let ImportError::Invalid { errors, .. } = err else {
        panic!("{err}")
    };
    let lines: Vec<usize> = errors.iter().map(|x| x.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7, 8, 9, 10], "{errors:#?}");
    let text: Vec<&str> = errors.iter().map(|x| x.reason.as_str()).collect();
    assert!(text[0].contains("désignation"), "{}", text[0]);
    assert!(text[1].contains("négatif"));
    assert!(text[2].contains("illisible"));
    assert!(text[3].contains("stock"));
    assert!(text[4].contains("double") && text[4].contains("ligne 2"));
    assert!(text[5].contains("colonnes"));
    assert!(text[6].contains("guillemet"));
    assert!(text[7].contains("prix manquant"));
    let n =
        e.db.read_blocking(|c| crate::db::products::count(c, s, ""))
            .unwrap();
    assert_eq!(n, 0);
    assert!(e.catalog.search(s, "riz", 5).unwrap().is_empty());
}

#[test]
fn a_dry_run_counts_what_would_change_and_writes_nothing() {
    let e = env();
    let s = shop(&e, "epicerie");
    let r = import_csv(&e.db, &e.catalog, s, EPICERIE, true).unwrap();
    assert!(r.dry_run);
    assert_eq!(r.added, 30);
    assert_eq!(
        e.db.read_blocking(|c| crate::db::products::count(c, s, ""))
            .unwrap(),
        0
    );
    assert!(e.catalog.search(s, "riz", 5).unwrap().is_empty());
}

#[test]
fn quoted_fields_keep_separators_and_newlines_and_lines_are_physical() {
    let (recs, errs) = records("a,b\n\"x,1\",\"l1\nl2\"\nz,\"q\"\"q\"\n", b',');
    assert!(errs.is_empty());
    assert_eq!(recs[1].fields, ["x,1", "l1\nl2"]);
    assert_eq!((recs[1].line, recs[2].line), (2, 4));
    assert_eq!(recs[2].fields, ["z", "q\"q"]);
    let p = parse_catalog(b"title,price\nEcran 24\" HD,100000\nSans SKU,2000\n");
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.rows[0].input.title, "Ecran 24\" HD");
    assert_eq!(p.rows[1].input.sku, "SANS-SKU");
}

fn loaded() -> (Env, ShopId, ShopId) {
    let e = env();
    let (a, b) = (shop(&e, "epicerie"), shop(&e, "phones"));
    import_csv(&e.db, &e.catalog, a, EPICERIE, false).unwrap();
    import_csv(&e.db, &e.catalog, b, TELEPHONE, false).unwrap();
    (e, a, b)
}

#[test]
fn accent_free_typo_and_plural_queries_find_the_product_in_the_top_3() {
    let (e, epicerie, phones) = loaded();
    for (q, sku) in [
        ("ecouteur", "ECO-BT-PRO"),
        ("ecouteurs bluetooth", "ECO-BT-PRO"),
        ("telephone xiaomi", "TEL-REDMI13C"),
        ("tondeuze", "TONDEUSE-BARBE"),
        ("tondeuses", "TONDEUSE-BARBE"),
        ("batterie 20000 mAh", "PB-20000"),
        ("powerbank 20 000mah", "PB-20000"),
        ("samsnug a05", "TEL-A05"),
        ("chargeur telephone solaire", "LAMPE-SOL-T"),
        ("verre trempe", "VITRE-A05"),
        ("carte memoire 64go", "CARTE-SD64"),
        ("cable usb c", "CBL-USBC-1M"),
        ("PB-10000", "PB-10000"),
        ("finday", "TEL-ITEL2160"),
    ] {
        assert_top3(&e, phones, q, sku);
    }
    for (q, sku) in [
        ("prix huile 5L svp", "HUILE-5L"),
        ("cafe moulu", "CAFE-250"),
        ("the vert", "THE-VERT"),
        ("bougie", "BOUGIE-6"),
        ("alumettes", "ALLUMETTES"),
        ("petrol lampant", "PETROLE-1L"),
        ("sac de riz 25 kg", "RIZ-MAK-25K"),
        ("lait en poudre", "LAIT-POUDRE"),
        ("savon menage", "SAVON-400"),
        ("eau 1,5L", "EAU-1.5L"),
    ] {
        assert_top3(&e, epicerie, q, sku);
    }
    assert_eq!(top(&e, epicerie, "huile 5L", 1), ["HUILE-5L"]);
    assert_eq!(top(&e, phones, "PB-10000", 1), ["PB-10000"]);
}

#[test]
fn malagasy_product_words_find_the_french_catalogue() {
    let (e, epicerie, _) = loaded();
    for (q, sku) in [
        ("vary", "RIZ-MAK-1K"),
        ("Misy vary gasy ve?", "RIZ-VARY-1K"),
        ("ohatrinona ny menaka 1 litatra", "HUILE-1L"),
        ("menaka dimy litatra", "HUILE-5L"),
        ("Ohatrinona ny savony?", "SAVON-400"),
        ("Firy ny vidin'ny siramamy iray kilao?", "SUCRE-1K"),
        ("Mbola misy tsaramaso ve ianareo?", "HARICOT-1K"),
        ("labozia", "BOUGIE-6"),
        ("arina", "CHARBON-SAC"),
        ("lafarinina", "FARINE-1K"),
    ] {
        assert_top3(&e, epicerie, q, sku);
    }
    assert_eq!(
        top(&e, epicerie, "ohatrinona ny menaka 1 litatra", 1),
        ["HUILE-1L"]
    );
    assert_eq!(
        e.catalog
            .unmatched_words(epicerie, "Vous vendez des téléphones Samsung ?")
            .unwrap(),
        ["samsung"]
    );
    assert!(e
        .catalog
        .unmatched_words(epicerie, "menaka 5L")
        .unwrap()
        .is_empty());
    // Greetings and question words alone match nothing.
    assert!(top(&e, epicerie, "Salama tompoko, ohatrinona?", 5).is_empty());
}

#[test]
fn one_shop_never_sees_another_shops_products() {
    let (e, epicerie, phones) = loaded();
    let skus = |shop: ShopId| -> Vec<String> {
        e.db.read_blocking(|c| crate::db::products::list(c, shop, "", 1000, 0))
            .unwrap()
            .into_iter()
            .map(|p| p.sku)
            .collect()
    };
    let (mine, theirs) = (skus(epicerie), skus(phones));
    for q in [
        "samsung galaxy a05",
        "TEL-A05",
        "lampe solaire",
        "chargeur usb",
        "cable",
        "riz",
        "powerbank",
    ] {
        for sku in top(&e, epicerie, q, 50) {
            assert!(mine.contains(&sku), "{q}: epicerie saw {sku}");
        }
        for sku in top(&e, phones, q, 50) {
            assert!(theirs.contains(&sku), "{q}: phone shop saw {sku}");
        }
    }
    assert!(top(&e, epicerie, "samsung galaxy", 10).is_empty());
    assert!(top(&e, phones, "riz makalioka", 10).is_empty());
    // Both shops sell a solar lamp; each finds its own first.
    assert_eq!(top(&e, epicerie, "lampe solaire", 1), ["LAMPE-SOLAIRE"]);
    assert_eq!(top(&e, phones, "lampe solaire", 1), ["LAMPE-SOL-T"]);
}

#[test]
fn the_faq_is_searchable_like_products() {
    let e = env();
    let s = shop(&e, "epicerie");
    let r = super::faq::import_csv(&e.db, &e.catalog, s, FAQ, false).unwrap();
    assert_eq!(r.added, 6);
    let q = |text: &str| {
        e.catalog.search_faq(s, text, 3).unwrap()[0]
            .question
            .clone()
    };
    assert!(q("vous livrez a ivato ?").contains("livrez"));
    assert!(q("horaire ouverture dimanche").contains("horaires"));
    assert!(q("payer par mvola").contains("payer"));
}

#[test]
fn an_index_that_is_deleted_or_out_of_step_is_rebuilt_from_sqlite() {
    let (e, epicerie, phones) = loaded();
    let dir = e.dir.path().to_path_buf();
    drop(e.catalog);
    std::fs::remove_dir_all(dir.join("index")).unwrap();
    let c = Catalog::open(&dir, &e.db).unwrap();
    assert_eq!(
        c.search(epicerie, "huile 5L", 1).unwrap()[0].sku,
        "HUILE-5L"
    );
    // A row written behind the index's back (another tool, a crash) is caught on open.
    e.db.write_blocking(|conn| {
        conn.execute(
            "DELETE FROM products WHERE shop_id = ?1 AND sku = 'PB-10000'",
            [phones],
        )?;
        Ok(())
    })
    .unwrap();
    drop(c);
    let c = Catalog::open(&dir, &e.db).unwrap();
    assert!(c.in_sync().unwrap());
    // A corrupt index (a torn disk write) is thrown away and rebuilt.
    drop(c);
    std::fs::write(dir.join("index/meta.json"), b"{ not json").unwrap();
    let c = Catalog::open(&dir, &e.db).unwrap();
    assert_eq!(c.search(epicerie, "sucre", 1).unwrap()[0].sku, "SUCRE-1K");
    assert!(!c
        .search(phones, "PB-10000", 5)
        .unwrap()
        .iter()
        .any(|h| h.sku == "PB-10000"));
}

#[test]
fn customer_text_with_query_syntax_never_errors() {
    let (e, epicerie, _) = loaded();
    for q in [
        "riz AND (huile",
        "\"savon",
        "prix: *",
        "~~~^2",
        "",
        "   ",
        "a:b:c OR -",
        "😀 riz",
    ] {
        e.catalog.search(epicerie, q, 5).unwrap();
    }
}

/// Found by `cargo fuzz run catalog_csv`: a header of many unknown columns and no
/// `sku` warned once per column, past the cap.
#[test]
fn a_header_of_a_thousand_unknown_columns_lists_a_hundred_warnings_and_counts_the_rest() {
    let header: Vec<String> = (0..1000).map(|i| format!("colonne{i}")).collect();
    let parsed = parse_catalog(header.join(",").as_bytes());
    assert!(
        !parsed.errors.is_empty(),
        "sku, title and price are missing"
    );
    assert_eq!(parsed.warnings.len(), super::csv::MAX_LISTED);
    assert_eq!(parsed.more_warnings, 1000 - super::csv::MAX_LISTED);
}
