//! Imports that must not hurt: a search window no client number can size, a header
//! typo refused with its suggestion, absent columns kept, long error lists capped.

use super::csv::parse_catalog;
use super::import::{import_csv, ImportError};
use super::tests::{env, shop, EPICERIE};

#[test]
fn a_search_page_far_past_its_window_allocates_nothing_and_finds_nothing() {
    let e = env();
    let s = shop(&e, "epicerie");
    import_csv(&e.db, &e.catalog, s, EPICERIE, false).unwrap();
    // Before the window, these sized Tantivy's heap from the numbers (SIGABRT).
    assert!(e
        .catalog
        .search_page(s, "huile", usize::MAX, usize::MAX)
        .unwrap()
        .is_empty());
    let all = e.catalog.search_page(s, "huile", usize::MAX, 0).unwrap();
    assert!(!all.is_empty() && all.len() <= super::search::MAX_WINDOW);
}

#[test]
fn a_header_typo_is_an_error_with_the_suggestion_and_nothing_is_blanked() {
    let e = env();
    let s = shop(&e, "epicerie");
    import_csv(&e.db, &e.catalog, s, EPICERIE, false).unwrap();
    let before =
        e.db.read_blocking(|c| crate::db::products::get_by_sku(c, s, "HUILE-1L"));
    let before = before.unwrap().unwrap();
    assert!(!before.description.is_empty() && before.stock.is_some());
    let typo = "sku,title,price,descri3tion\nHUILE-1L,Huile végétale 1 L,9900,\n";
    let err = import_csv(&e.db, &e.catalog, s, typo.as_bytes(), false).unwrap_err();
    let ImportError::Invalid { errors, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].reason.contains("« description »") && errors[0].line == 1,
        "{errors:?}"
    );
    // Without the column, a price update leaves description, stock and currency alone.
    let r = import_csv(
        &e.db,
        &e.catalog,
        s,
        b"sku,title,price\nHUILE-1L,Huile v\xc3\xa9g\xc3\xa9tale 1 L,9900\n",
        false,
    )
    .unwrap();
    assert_eq!((r.updated, r.added), (1, 0));
    let after =
        e.db.read_blocking(|c| crate::db::products::get_by_sku(c, s, "HUILE-1L"));
    let after = after.unwrap().unwrap();
    assert_eq!(after.price.0, 9900);
    assert_eq!(
        (after.description, after.stock, after.currency),
        (before.description, before.stock, before.currency)
    );
}

#[test]
fn a_file_of_a_million_bad_rows_lists_a_hundred_and_counts_the_rest() {
    let mut csv = String::from("sku,title,price\n");
    for i in 0..20_000 {
        csv.push_str(&format!("S{i},Article {i},pas-un-prix\n"));
    }
    let p = parse_catalog(csv.as_bytes());
    assert_eq!(p.errors.len(), super::csv::MAX_LISTED);
    assert_eq!(p.more_errors, 20_000 - super::csv::MAX_LISTED);
    assert_eq!(p.errors[0].line, 2, "the first lines are the ones listed");
    assert_eq!(p.errors[99].line, 101);
    assert_eq!(
        super::csv::and_more(p.more_errors).unwrap(),
        "… et 19900 autres"
    );
}
