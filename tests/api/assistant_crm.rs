//! The conversation drives the pipeline: price question → qualified prospect, quote
//! validated in chat → devis sent, the customer's "OK" → devis accepted, prospect won.

use crate::assistant_eval::{conversation, epicerie, say};
use varotra::assistant::Assistant;
use varotra::whatsapp::OutgoingMessage;

#[tokio::test]
async fn a_chat_moves_the_prospect_from_question_to_accepted_devis() {
    let (app, shop) = epicerie().await;
    let conv = conversation(&app.db, shop, "261341112266");
    let db = app.db.clone();
    let files = varotra::crypto::FileStore::new(app.dir.path().join("files"), None);
    let status = |db: &varotra::db::Db| -> String {
        db.read_blocking(|c| {
            Ok(c.query_row(
                "SELECT status FROM prospects WHERE phone = '261341112266'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap()
    };
    let steps = tokio::task::spawn_blocking(move || {
        let a = Assistant::without_model();
        let mut seen = Vec::new();
        let f = Some(&files);
        let (d, _) = say(&a, &db, f, shop, conv, "C'est combien l'huile 1 L ?", None);
        seen.push((d.intent, status(&db), d.reply.clone()));
        let (d, msgs) = say(
            &a,
            &db,
            f,
            shop,
            conv,
            "Je voudrais un devis pour 2 huiles 1 L",
            None,
        );
        assert!(
            matches!(msgs[0], OutgoingMessage::Buttons { .. }),
            "{msgs:?}"
        );
        seen.push((d.intent, status(&db), d.reply.clone()));
        // "OK" while lines wait for validation: the devis is made and sent as a PDF.
        let (d, msgs) = say(&a, &db, f, shop, conv, "ok", None);
        assert!(
            msgs.iter()
                .any(|m| matches!(m, OutgoingMessage::Document { .. })),
            "{msgs:?}"
        );
        seen.push((d.intent, status(&db), d.reply.clone()));
        // "Eny" once the devis is out: accepted, an order for the owner.
        let (d, _) = say(&a, &db, f, shop, conv, "Eny, ekeko", None);
        seen.push((d.intent, status(&db), d.reply.clone()));
        seen
    })
    .await
    .unwrap();
    assert_eq!(steps[0].1, "qualifie", "{steps:?}");
    assert!(steps[0].2.contains("9 500 Ar"), "{steps:?}");
    assert_eq!(steps[2].1, "devis_envoye", "{steps:?}");
    assert_eq!(steps[3].1, "gagne", "{steps:?}");
    assert!(steps[3].2.contains("DEV-"), "{steps:?}");
    let (devis_status, total): (String, i64) = app
        .db
        .read(move |c| {
            Ok(c.query_row(
                "SELECT status, total_ttc FROM devis WHERE shop_id = ?1",
                [shop],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(devis_status, "accepted");
    // 2 × 9 500 Ar + 20 % TVA.
    assert_eq!(total, 22_800);
    let kinds: Vec<String> = app
        .db
        .read(|c| {
            let mut s = c.prepare("SELECT kind FROM notifications ORDER BY id")?;
            let k = s
                .query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(k)
        })
        .await
        .unwrap();
    assert!(kinds.iter().any(|k| k == "devis_accepte"), "{kinds:?}");
}
