//! The writer is never held while a devis PDF is made: with the single writer
//! connection taken by someone else (as a webhook batch would), the chat's devis PDF
//! is still rendered and sealed, and only the final short write waits.

use crate::assistant_eval::{conversation, epicerie, say};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use varotra::assistant::Assistant;
use varotra::crypto::FileStore;

#[tokio::test]
async fn a_chat_devis_pdf_is_made_while_another_thread_holds_the_writer() {
    let (app, shop) = epicerie().await;
    let conv = conversation(&app.db, shop, "261341113377");
    let files = FileStore::new(app.dir.path().join("files"), None);
    let db = app.db.clone();
    // The quote lines wait for the customer's validation.
    let (d, _) = {
        let (db, files) = (db.clone(), files.clone());
        tokio::task::spawn_blocking(move || {
            say(
                &Assistant::without_model(),
                &db,
                Some(&files),
                shop,
                conv,
                "Je voudrais un devis pour 2 huiles 1 L",
                None,
            )
        })
        .await
        .unwrap()
    };
    assert!(!d.quote_lines.is_empty(), "{d:?}");

    let year = chrono::Utc::now().format("%Y");
    let pdf = format!("devis/{}/DEV-{year}-0001.pdf", shop.0);
    let (held_tx, held_rx) = mpsc::channel::<()>();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    // Someone else holds the writer until told to let go.
    let holder = {
        let db = db.clone();
        std::thread::spawn(move || {
            db.write_blocking(|_| {
                held_tx.send(()).unwrap();
                release_rx.recv().unwrap();
                Ok(())
            })
            .unwrap();
        })
    };
    held_rx.recv().unwrap();
    let confirm = {
        let (db, files) = (db.clone(), files.clone());
        std::thread::spawn(move || {
            say(
                &Assistant::without_model(),
                &db,
                Some(&files),
                shop,
                conv,
                "Valider le devis",
                Some("devis:confirm"),
            )
        })
    };
    // The PDF appears while the writer is still taken.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !files.exists(&pdf) {
        assert!(
            Instant::now() < deadline,
            "no PDF at {pdf} while the writer was held: rendering waits for the writer"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(files.get(&pdf).unwrap().starts_with(b"%PDF"));
    release_tx.send(()).unwrap();
    holder.join().unwrap();
    let (confirmed, messages) = confirm.join().unwrap();
    assert!(
        confirmed.reply.contains(&format!("DEV-{year}-0001")),
        "{}",
        confirmed.reply
    );
    assert_eq!(messages.len(), 2, "the reply, then the PDF: {messages:?}");
}
