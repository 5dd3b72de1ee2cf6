use crate::helpers::spawn_app;

#[tokio::test]
async fn backup_while_serving_copies_the_data_and_never_overwrites() {
    let app = spawn_app().await;
    app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    let dest = app.dir.path().join("copy.db");

    // Keep the server writing while the backup runs.
    let db = app.db.clone();
    let writer = tokio::spawn(async move {
        for i in 0..50 {
            db.write(move |c| {
                c.execute(
                    "INSERT INTO shops (slug, company_name) VALUES (?1, 'Busy')",
                    [format!("busy-{i}")],
                )?;
                Ok(())
            })
            .await
            .unwrap();
        }
    });
    let out = app.command().arg("backup").arg(&dest).output().unwrap();
    writer.await.unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let bytes = std::fs::read(&dest).unwrap();
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "backup must be encrypted"
    );
    assert!(!bytes.windows(13).any(|w| w == b"Epicerie Rivo"));

    let again = app.command().arg("backup").arg(&dest).output().unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    // The copy opens with the store's key and holds the shop.
    let key = varotra::crypto::MasterKey::from_bytes([0x42; 32], "test");
    let copy = varotra::db::Db::open(&dest, Some(&key), false).unwrap();
    let n: i64 = copy
        .read_blocking(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM shops WHERE slug = 'epicerie-rivo'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(n, 1);
}
