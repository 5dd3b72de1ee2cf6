//! `varotra contact delete` erases a customer everywhere: after it, a plain dump of the
//! database and every byte under data_dir hold neither their number, name nor words,
//! while their devis stay (number, amounts) for the accounts. `contact export` hands
//! over their data first; the retention run deletes only what is past its age.

use crate::encryption_at_rest::{
    customer_with_devis_and_photo, files_under, NAME, PHONE, SENTENCE,
};
use crate::whatsapp_support::count;

fn run(app: &crate::helpers::TestApp, args: &[&str]) -> String {
    let out = app.command().args(args).output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{args:?}: {said}");
    said
}

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn an_erased_customer_leaves_no_trace_in_a_plain_dump_nor_in_data_dir() {
    let (_server, app) = customer_with_devis_and_photo().await;
    let shop: String = crate::whatsapp_support::text(&app.db, "SELECT slug FROM shops")
        .await
        .unwrap();
    let (number, total): (String, i64) = app
        .db
        .read(|c| {
            Ok(c.query_row("SELECT number, total_ttc FROM devis", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?)
        })
        .await
        .unwrap();

    let export = app.dir.path().join("export");
    let export_str = export.to_str().unwrap();
    let said = run(
        &app,
        &[
            "contact",
            "export",
            "--shop",
            &shop,
            "--phone",
            &format!("+{PHONE}"),
            "--out",
            export_str,
        ],
    );
    assert!(said.contains("client.json"), "{said}");
    let json = std::fs::read_to_string(export.join("client.json")).unwrap();
    assert!(json.contains(SENTENCE) && json.contains(NAME), "{json}");
    let photos = files_under(&export.join("fichiers"));
    assert_eq!(photos.len(), 1, "{photos:?}");
    assert_eq!(
        std::fs::read(&photos[0]).unwrap(),
        format!("JPEG photo of {NAME}").into_bytes()
    );
    std::fs::remove_dir_all(&export).unwrap();

    let said = run(
        &app,
        &["contact", "delete", "--shop", &shop, "--phone", PHONE],
    );
    assert!(
        said.contains("effacé") && said.contains("1 devis"),
        "{said}"
    );

    let (kept_number, kept_total, name): (String, i64, String) = app
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT number, total_ttc, customer_name FROM devis",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(
        (kept_number, kept_total),
        (number.clone(), total),
        "the accounts keep the devis"
    );
    assert_eq!(name, varotra::db::erasure::ANONYMOUS);
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        0
    );

    let dump = app.dir.path().join("plain.db");
    run(&app, &["backup", "--plain", dump.to_str().unwrap()]);
    let plain = std::fs::read(&dump).unwrap();
    assert!(
        contains(&plain, number.as_bytes()),
        "the plain dump is readable"
    );
    let mut scanned = files_under(&app.data_dir());
    scanned.push(dump);
    for file in &scanned {
        let bytes = std::fs::read(file).unwrap();
        for needle in [PHONE, NAME, SENTENCE] {
            assert!(
                !contains(&bytes, needle.as_bytes()),
                "{} still holds {needle:?}",
                file.display()
            );
        }
    }
}

#[tokio::test]
async fn erasing_an_unknown_customer_says_there_was_nothing() {
    let (_server, app) = customer_with_devis_and_photo().await;
    let shop: String = crate::whatsapp_support::text(&app.db, "SELECT slug FROM shops")
        .await
        .unwrap();
    let said = run(
        &app,
        &[
            "contact",
            "delete",
            "--shop",
            &shop,
            "--phone",
            "034 11 222 33",
        ],
    );
    assert!(said.contains("rien à effacer"), "{said}");
    assert_eq!(
        count(&app.db, "SELECT count(*) FROM conversations").await,
        1
    );
}

#[tokio::test]
async fn the_retention_run_deletes_old_messages_and_media_and_keeps_recent_ones() {
    let app = crate::helpers::spawn_app().await;
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    app.db
        .write(move |c| {
            c.execute(
                "INSERT INTO conversations (id, shop_id, customer_key) VALUES (1, ?1, '261341234567')",
                [shop],
            )?;
            c.execute(
                "INSERT INTO messages (shop_id, conversation_id, direction, kind, body, media_path, created_at)
                 VALUES (?1, 1, 'in', 'image', 'vieux', 'media/1/1', '2026-01-10T08:00:00Z'),
                        (?1, 1, 'in', 'text', 'récent', NULL, '2026-11-20T08:00:00Z')",
                [shop],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let key = varotra::crypto::MasterKey::from_bytes([0x42; 32], "test");
    let files = varotra::crypto::FileStore::new(app.data_dir().join("files"), Some(&key));
    files.put("media/1/1", b"photo").unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z")
        .unwrap()
        .to_utc();
    let (db, store) = (app.db.clone(), files.clone());
    let run = move || varotra::jobs::retention::run_once(&db, &store, 6, now).unwrap();
    assert_eq!(tokio::task::spawn_blocking(run.clone()).await.unwrap(), 1);
    let left =
        crate::whatsapp_support::text(&app.db, "SELECT group_concat(body) FROM messages").await;
    assert_eq!(left.as_deref(), Some("récent"));
    assert!(!files.exists("media/1/1"));
    assert_eq!(
        tokio::task::spawn_blocking(run).await.unwrap(),
        0,
        "nothing twice"
    );
}
