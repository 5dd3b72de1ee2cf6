use super::*;

fn key() -> MasterKey {
    MasterKey::from_bytes([3; 32], "test key")
}

fn tables(db: &Db) -> Vec<String> {
    db.read_blocking(|c| {
        let mut stmt =
            c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(names)
    })
    .unwrap()
}

#[test]
fn migrating_an_empty_database_creates_the_whole_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("v.db"), Some(&key()), true).unwrap();
    let names = tables(&db);
    for t in [
        "shops",
        "accounts",
        "memberships",
        "sessions",
        "api_tokens",
        "whatsapp_accounts",
        "products",
        "conversations",
        "messages",
        "devis",
        "devis_lines",
        "faq_items",
        "settings",
        "prospects",
        "inbound_events",
        "jobs",
        "outbox",
    ] {
        assert!(
            names.iter().any(|n| n == t),
            "missing table {t} in {names:?}"
        );
    }
    let fk: i64 = db
        .read_blocking(|c| Ok(c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(fk, 1);
    let mode: String = db
        .read_blocking(|c| Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn migrating_twice_applies_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    drop(Db::open(&path, Some(&key()), true).unwrap());
    let db = Db::open(&path, Some(&key()), false).unwrap();
    let applied = db.write_blocking(migrations::run).unwrap();
    assert_eq!(applied, 0);
}

#[test]
fn a_wrong_key_is_refused_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    drop(Db::open(&path, Some(&key()), true).unwrap());
    let other = MasterKey::from_bytes([4; 32], "other key");
    let err = Db::open(&path, Some(&other), false).unwrap_err();
    assert!(matches!(err, DbError::WrongKey { .. }), "{err}");
    assert!(err.to_string().contains("v.db"));
}

#[test]
fn the_encrypted_file_holds_no_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.db");
    let db = Db::open(&path, Some(&key()), true).unwrap();
    db.write_blocking(|c| {
        c.execute(
            "INSERT INTO shops (slug, company_name) VALUES ('s', 'Epicerie Secrete')",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    drop(db);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!bytes.windows(16).any(|w| w == b"Epicerie Secrete"));
        assert!(!bytes.starts_with(b"SQLite format 3"));
    }
}

#[test]
fn a_backup_is_encrypted_restorable_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("v.db"), Some(&key()), true).unwrap();
    db.write_blocking(|c| {
        c.execute(
            "INSERT INTO shops (slug, company_name) VALUES ('a', 'Shop A')",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    let dest = dir.path().join("backup.db");
    backup_to(&db, &dest, false).unwrap();
    let bytes = std::fs::read(&dest).unwrap();
    assert!(!bytes.windows(6).any(|w| w == b"Shop A"));
    assert!(matches!(
        backup_to(&db, &dest, false),
        Err(DbError::Conflict(_))
    ));

    db.write_blocking(|c| {
        c.execute("DELETE FROM shops", [])?;
        Ok(())
    })
    .unwrap();
    assert_eq!(restore_from(&db, &dest).unwrap(), 1);
    let name: String = db
        .read_blocking(|c| Ok(c.query_row("SELECT company_name FROM shops", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(name, "Shop A");
}

#[test]
fn migrating_a_wave_one_store_keeps_every_message_and_makes_wamids_unique_per_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    migrations::migrations::runner()
        .set_target(refinery::Target::Version(40))
        .run(&mut conn)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO shops (id, slug, company_name) VALUES (1, 'a', 'A'), (2, 'b', 'B');
         INSERT INTO whatsapp_accounts (id, shop_id, wa_number, provider, webhook_token, phone_number_id, token)
           VALUES (1, 1, '1', 'meta', 't1', 'p1', 'x'), (2, 2, '2', 'meta', 't2', 'p2', 'y');
         INSERT INTO conversations (id, shop_id, wa_account_id, customer_key) VALUES (1, 1, 1, '2613'), (2, 2, 2, '2613');
         INSERT INTO messages (id, shop_id, conversation_id, wamid, direction, kind, body, media_id)
           VALUES (1, 1, 1, 'wamid.A', 'in', 'image', 'photo', 'M1');
         INSERT INTO outbox (shop_id, wa_account_id, message_id, to_phone, kind, payload)
           VALUES (1, 1, 1, '2613', 'text', '{}');",
    )
    .unwrap();
    drop(conn);
    let db = Db::open(&path, None, false).unwrap();
    db.write_blocking(|c| {
        let (account, state): (i64, String) = c.query_row(
            "SELECT wa_account_id, media_state FROM messages WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        assert_eq!((account, state.as_str()), (1, "pending"));
        let outbox_message: i64 = c.query_row("SELECT message_id FROM outbox", [], |r| r.get(0))?;
        assert_eq!(outbox_message, 1, "the outbox still points at its message");
        c.execute(
            "INSERT INTO messages (shop_id, conversation_id, wa_account_id, wamid, direction, kind)
             VALUES (2, 2, 2, 'wamid.A', 'in', 'text')",
            [],
        )?;
        let again = c.execute(
            "INSERT OR IGNORE INTO messages (shop_id, conversation_id, wa_account_id, wamid, direction, kind)
             VALUES (1, 1, 1, 'wamid.A', 'in', 'text')",
            [],
        )?;
        assert_eq!(again, 0, "still unique on one number");
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        assert_eq!(fk, 1, "foreign keys back on after migrating");
        Ok(())
    })
    .unwrap();
}

/// SQLite's plan for `sql` with `params`, its steps joined by ` | `.
fn query_plan(db: &Db, sql: &str, params: impl rusqlite::Params) -> String {
    let steps: Vec<String> = db
        .read_blocking(|c| {
            let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let rows = stmt
                .query_map(params, |r| r.get::<_, String>(3))?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .unwrap();
    steps.join(" | ")
}

#[test]
fn claiming_the_next_job_reads_an_index_in_order_and_never_sorts_the_backlog() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("j.db"), Some(&key()), true).unwrap();
    let plan = query_plan(
        &db,
        jobs::NEXT_PENDING,
        rusqlite::params!["reply", "2026-12-02T00:00:00Z"],
    );
    assert!(plan.contains("jobs_claim"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}

#[test]
fn the_fair_claim_reads_its_index_in_shop_order_and_never_sorts_the_backlog() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("j.db"), Some(&key()), true).unwrap();
    let plan = query_plan(
        &db,
        jobs::NEXT_FAIR,
        rusqlite::params!["reply", "2026-12-02T00:00:00Z", 0],
    );
    assert!(plan.contains("jobs_fair"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}

#[test]
fn a_quiet_shops_reply_is_claimed_before_a_flooded_shops_backlog_drains() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("j.db"), Some(&key()), true).unwrap();
    let (flooded, quiet, order) = db
        .write_blocking(|c| {
            let shop = |slug: &str| {
                shops::create(
                    c,
                    &shops::NewShop {
                        slug: slug.into(),
                        company_name: slug.into(),
                        ..Default::default()
                    },
                )
            };
            let (flooded, quiet) = (shop("inonde")?, shop("calme")?);
            let tx = c.transaction()?;
            for m in 0..10_000 {
                jobs::queue_reply(&tx, flooded, MessageId(m), None)?;
            }
            let late = jobs::queue_reply(&tx, quiet, MessageId(10_001), None)?;
            tx.commit()?;
            // The worker's cursor: the shop it served last.
            let (mut after, mut order) = (ShopId(0), Vec::new());
            for _ in 0..4 {
                let job = jobs::claim_fair(c, crate::kinds::JobKind::Reply, after)?
                    .expect("a job is due");
                after = job.shop;
                order.push((job.shop, job.id == late));
            }
            Ok((flooded, quiet, order))
        })
        .unwrap();
    let quiet_turn = order.iter().position(|(shop, _)| *shop == quiet);
    assert_eq!(quiet_turn, Some(1), "{order:?}");
    assert!(order[1].1, "the quiet shop's own job: {order:?}");
    assert!(
        order.iter().filter(|(s, _)| *s == flooded).count() == 3,
        "the flood keeps its other turns: {order:?}"
    );
}

#[test]
fn a_store_at_the_last_released_schema_takes_every_new_migration() {
    // Refinery refuses a migration numbered below the newest one a store has applied
    // (a "missing" version): a new file must be numbered above every released one.
    // V110 is the newest migration of the release of 2026-12-02.
    const RELEASED: i32 = 110;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("released.db");
    let mut conn = rusqlite::Connection::open(&path).unwrap();
    migrations::migrations::runner()
        .set_target(refinery::Target::Version(RELEASED))
        .run(&mut conn)
        .unwrap();
    drop(conn);
    let db = Db::open(&path, None, false).expect("a released store migrates");
    let version: i64 = db
        .read_blocking(|c| {
            Ok(c.query_row(
                "SELECT MAX(version) FROM refinery_schema_history",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(version, migrations::latest_version());
}

#[test]
fn finding_a_customers_conversation_by_phone_searches_indexes_and_never_scans_the_shop() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("c.db"), Some(&key()), true).unwrap();
    for (sql, index) in [
        (customers::PHONE_MATCH, "conversations_shop_phone"),
        (customers::KEY_MATCH, "sqlite_autoindex_conversations"),
    ] {
        let plan = query_plan(&db, sql, rusqlite::params![1, "261340000001"]);
        assert!(
            plan.contains("SEARCH") && plan.contains(index),
            "{sql}: {plan}"
        );
        assert!(!plan.contains("SCAN"), "{sql}: {plan}");
    }
}
