//! `varotra shop export` / `shop import`: a shop's set-up cloned into another data dir
//! answers the same questions the same way; a bad file is refused with its reason.

use crate::helpers::{spawn_app, TestApp};
use std::path::Path;

fn run(app: &TestApp, data: Option<&Path>, args: &[&str]) -> String {
    let mut cmd = app.command();
    if let Some(d) = data {
        cmd.env("VAROTRA__SERVER__DATA_DIR", d);
    }
    let out = cmd.args(args).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{args:?}: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

// A price (catalogue), a Malagasy price, a FAQ entry: each `chat` starts the bot
// afresh, so three questions keep the test short.
const QUESTIONS: &[&str] = &[
    "Combien coûte le riz makalioka 1 kg ?",
    "ohatrinona ny sira?",
    "Est-ce que vous livrez ?",
];

#[tokio::test]
async fn export_then_import_into_a_second_data_dir_gives_the_same_answers() {
    let app = spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.db
        .write(move |c| {
            varotra::db::shops::set_setting(c, shop, "payment.mvola", "034 12 345 67")?;
            varotra::db::shops::set_setting(c, shop, "greeting_fr", "Bienvenue chez Rivo !")?;
            let logo = varotra::branding::normalize_logo(&crate::business_branding::png(300, 100))
                .unwrap();
            varotra::db::branding::put(
                c,
                shop,
                &varotra::db::branding::Branding {
                    logo_png: Some(logo),
                    accent: Some("#aa3300".into()),
                    footer: Some("Merci de votre confiance".into()),
                },
            )
        })
        .await
        .unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let csv = fixtures.join("catalog-epicerie.csv");
    let faq = fixtures.join("faq-epicerie.csv");
    run(
        &app,
        None,
        &[
            "catalog",
            "import",
            "--shop",
            "epicerie-rivo",
            csv.to_str().unwrap(),
        ],
    );
    run(
        &app,
        None,
        &[
            "faq",
            "import",
            "--shop",
            "epicerie-rivo",
            faq.to_str().unwrap(),
        ],
    );

    let file = app.dir.path().join("epicerie-rivo.json");
    let file = file.to_str().unwrap();
    run(
        &app,
        None,
        &["shop", "export", "--shop", "epicerie-rivo", file],
    );
    let exported = std::fs::read_to_string(file).unwrap();
    assert!(exported.contains("\"version\": 2"), "{exported}");

    let second = app.own_store();
    let out = run(&app, Some(&second), &["shop", "import", file]);
    assert!(out.contains("30 produits"), "{out}");
    // The branding came along: exported again from the second box, it is the same.
    let again = app.dir.path().join("again.json");
    let again = again.to_str().unwrap();
    run(
        &app,
        Some(&second),
        &["shop", "export", "--shop", "epicerie-rivo", again],
    );
    let branding = |path: &str| -> serde_json::Value {
        serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(path).unwrap()).unwrap()
            ["branding"]
            .clone()
    };
    let here = branding(file);
    assert_eq!(here["accent"], "#aa3300");
    assert_eq!(here["footer"], "Merci de votre confiance");
    assert!(here["logo_png_base64"]
        .as_str()
        .is_some_and(|l| l.len() > 100));
    assert_eq!(branding(again), here);

    for (i, q) in QUESTIONS.iter().enumerate() {
        let here = run(
            &app,
            None,
            &["chat", "--shop", "epicerie-rivo", "--message", q],
        );
        let there = run(
            &app,
            Some(&second),
            &["chat", "--shop", "epicerie-rivo", "--message", q],
        );
        assert!(!here.trim().is_empty(), "{q}");
        assert_eq!(here, there, "{q}");
        if i == 0 {
            assert!(there.contains("3 500 Ar"), "{there}");
        }
    }
}

#[tokio::test]
async fn a_shop_file_of_another_version_or_format_is_refused_by_name() {
    let app = spawn_app().await;
    let bad = app.dir.path().join("bad.json");
    let refuse = |body: &str| {
        std::fs::write(&bad, body).unwrap();
        let out = app
            .command()
            .args(["shop", "import", bad.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(refuse("{\"format\": \"varotra-shop\", \"version\": 7}").contains("version 7"));
    assert!(refuse("{\"format\": \"autre\", \"version\": 1}").contains("\"format\""));
    assert!(refuse("pas du json").contains("JSON invalide"));
    let broken = r#"{"format":"varotra-shop","version":1,"exported_at":"x","shop":{"slug":"b","company_name":"B","timezone":"Indian/Antananarivo","plan":"free"},"settings":{},"synonyms":[],"catalogue_csv":"sku,title,price\nA,,100\n","faq_csv":"question,answer\n"}"#;
    let err = refuse(broken);
    assert!(err.contains("catalogue, ligne 2"), "{err}");
    let listed = app.command().args(["shop", "list"]).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&listed.stdout).contains("\tB"),
        "nothing was created"
    );
}

#[tokio::test]
async fn a_version_1_file_without_branding_still_imports_and_a_bad_logo_is_refused_by_field() {
    let app = spawn_app().await;
    let v1 = app.dir.path().join("v1.json");
    std::fs::write(
        &v1,
        r#"{"format":"varotra-shop","version":1,"exported_at":"2026-11-01T00:00:00Z","shop":{"slug":"ancienne","company_name":"Ancienne","timezone":"Indian/Antananarivo","plan":"free"},"settings":{},"synonyms":[],"catalogue_csv":"sku,title,price\nA,Riz,100\n","faq_csv":"question,answer\n"}"#,
    )
    .unwrap();
    let out = run(&app, None, &["shop", "import", v1.to_str().unwrap()]);
    assert!(out.contains("1 produits"), "{out}");

    let bad = app.dir.path().join("bad-logo.json");
    std::fs::write(
        &bad,
        r##"{"format":"varotra-shop","version":2,"exported_at":"2026-12-01T00:00:00Z","shop":{"slug":"logo-faux","company_name":"Logo Faux","timezone":"Indian/Antananarivo","plan":"pro"},"settings":{},"synonyms":[],"catalogue_csv":"sku,title,price\n","faq_csv":"question,answer\n","branding":{"logo_png_base64":"R0lGODlhAQABAAAAACw=","accent":"#aa3300","footer":null}}"##,
    )
    .unwrap();
    let refused = app
        .command()
        .args(["shop", "import", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("branding.logo_png_base64"), "{err}");
    assert!(err.contains("PNG et JPEG"), "{err}");
}
