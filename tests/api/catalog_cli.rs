//! `varotra catalog import`, `catalog reindex` and `faq import` on a real data dir.

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_cli_imports_checks_and_reindexes_a_catalogue() {
    let app = spawn_app().await;
    app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let run = |args: &[&str]| {
        let out = app.command().args(args).output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let csv = fixtures.join("catalog-epicerie.csv");
    let csv = csv.to_str().unwrap();
    let (ok, out, err) = run(&[
        "catalog",
        "import",
        "--shop",
        "epicerie-rivo",
        csv,
        "--dry-run",
    ]);
    assert!(ok, "{err}");
    assert!(
        out.contains("30 produits") && out.contains("30 ajoutés"),
        "{out}"
    );
    let (ok, out, err) = run(&["catalog", "import", "--shop", "epicerie-rivo", csv]);
    assert!(ok, "{err}");
    assert!(out.contains("30 ajoutés"), "{out}");
    let (ok, out, _) = run(&["catalog", "import", "--shop", "epicerie-rivo", csv]);
    assert!(ok && out.contains("30 inchangés"), "{out}");

    let bad = app.dir.path().join("bad.csv");
    std::fs::write(&bad, "sku;title;price\nX;;100\nY;Riz;abc\n").unwrap();
    let (ok, _, err) = run(&[
        "catalog",
        "import",
        "--shop",
        "epicerie-rivo",
        bad.to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(err.contains("ligne 2") && err.contains("ligne 3"), "{err}");

    let faq = fixtures.join("faq-epicerie.csv");
    let (ok, out, err) = run(&[
        "faq",
        "import",
        "--shop",
        "epicerie-rivo",
        faq.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("6 ajoutées"), "{out}");

    let (ok, out, err) = run(&["catalog", "reindex"]);
    assert!(ok, "{err}");
    assert!(out.contains("30 produits, 6 FAQ"), "{out}");
}
