//! Media that survive outages and size limits: downloads retried with backoff for the
//! media id's whole life (time driven through the job's bookkeeping, no waiting),
//! "en attente" in the thread meanwhile, files over the cap refused with a note,
//! Gupshup media fetched by URL, and voice notes: played in the admin, handed to a
//! person with a reply in the customer's language, or transcribed through `[stt]`.

use crate::helpers::{spawn_app_with, TestApp, PASSWORD};
use crate::whatsapp_outbound::mount_messages;
use crate::whatsapp_support::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use varotra::db::accounts::Role;
use varotra::db::ShopId;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub(crate) const PHOTO: &str = "1003383421387256";
const VOICE: &str = "1447305412998456";

/// The media lookup: `failures` times 503 (the provider is down), then the CDN URL.
#[derive(Clone)]
struct Lookup {
    calls: Arc<AtomicUsize>,
    failures: usize,
    url: String,
    mime: &'static str,
}

impl Respond for Lookup {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.calls.fetch_add(1, Ordering::SeqCst) < self.failures {
            return ResponseTemplate::new(503)
                .set_body_json(serde_json::json!({"error": {"message": "Service temporarily unavailable", "code": 2}}));
        }
        ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "messaging_product": "whatsapp", "url": self.url, "mime_type": self.mime,
            "sha256": "HgsQd0tJmXbF0H1xvH5t2wRkq1Qj3x8xGqWzZ5Cz0dM=", "id": "1003383421387256"
        }))
    }
}

async fn media_server(
    id: &str,
    failures: usize,
    mime: &'static str,
    bytes: &[u8],
) -> (MockServer, Lookup) {
    let server = MockServer::start().await;
    let lookup = Lookup {
        calls: Arc::default(),
        failures,
        url: format!("{}/cdn/{id}", server.uri()),
        mime,
    };
    Mock::given(method("GET"))
        .and(path(format!("/{id}")))
        .respond_with(lookup.clone())
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/cdn/{id}")))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(bytes.to_vec()))
        .mount(&server)
        .await;
    (server, lookup)
}

async fn app_with(
    server: &MockServer,
    tweak: impl FnOnce(&mut varotra::settings::Settings) + Send + 'static,
) -> TestApp {
    let base = server.uri();
    spawn_app_with(move |s| {
        s.whatsapp.graph_api_base = base.clone();
        s.whatsapp.gupshup_api_base = base;
        s.whatsapp.pair_interval_ms = 0;
        tweak(s);
    })
    .await
}

async fn owner(app: &TestApp, shop: ShopId) {
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
}

/// (status, attempts, run_after still ahead) of the only media job.
async fn media_job(app: &TestApp) -> (String, i64, bool) {
    app.db
        .read(|c| {
            Ok(c.query_row(
                "SELECT status, attempts, run_after > strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM jobs WHERE kind = 'media_download'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_media_download_succeeds_after_a_three_hour_provider_outage() {
    // Down for the first nine attempts, which the backoff spreads over three hours.
    let (server, lookup) = media_server(PHOTO, 9, "image/jpeg", b"\xFF\xD8 photo du client").await;
    let app = app_with(&server, |_| {}).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    owner(&app, shop).await;
    post_signed(&app, &fixture("image.json")).await;

    let mut simulated = 0i64;
    for attempt in 1..=9 {
        eventually("a failed attempt, rescheduled", || async {
            let (status, attempts, ahead) = media_job(&app).await;
            (status == "pending" && attempts == attempt && ahead).then_some(())
        })
        .await;
        let page = app.page("/admin/conversations/1", 200).await;
        assert!(
            page.contains("📷 photo en attente"),
            "attempt {attempt}: {page}"
        );
        // The backoff's wait passes: the job is due now, and as old as the outage.
        let wait: i64 = app
            .db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT strftime('%s', run_after) - strftime('%s', 'now') FROM jobs WHERE kind = 'media_download'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .await
            .unwrap();
        simulated += wait.max(0);
        let back = format!("-{} seconds", wait.max(0));
        app.db
            .write(move |c| {
                Ok(c.execute(
                    "UPDATE jobs SET run_after = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
                       created_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, ?1) WHERE kind = 'media_download'",
                    [back],
                )?)
            })
            .await
            .unwrap();
    }
    assert!(
        simulated >= 3 * 3600 - 120,
        "the outage lasted {simulated} s"
    );
    let stored = eventually("the photo, once the provider is back", || async {
        text(
            &app.db,
            "SELECT media_path FROM messages WHERE media_state = 'stored'",
        )
        .await
    })
    .await;
    assert_eq!(lookup.calls.load(Ordering::SeqCst), 10);
    let (_, files) = varotra::startup::open_store(&app.settings, false).unwrap();
    assert_eq!(files.get(&stored).unwrap(), b"\xFF\xD8 photo du client");
    assert!(
        stored.ends_with(".jpg") || stored.ends_with(".jpeg"),
        "{stored}"
    );
    let page = app.page("/admin/conversations/1", 200).await;
    assert!(!page.contains("en attente"));
    assert!(page.contains("/admin/conversations/1/media/"));
}

#[tokio::test]
async fn a_media_still_unavailable_when_its_id_expires_is_given_up_with_a_note() {
    let (server, _) = media_server(PHOTO, usize::MAX, "image/jpeg", b"x").await;
    let app = app_with(&server, |_| {}).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("image.json")).await;
    // Attempts count at the claim: wait until the failure is recorded (back to pending).
    eventually("a failed attempt", || async {
        let (status, attempts, _) = media_job(&app).await;
        (status == "pending" && attempts == 1).then_some(())
    })
    .await;
    app.db
        .write(|c| {
            Ok(c.execute(
                "UPDATE jobs SET run_after = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
                   created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-8 days') WHERE kind = 'media_download'",
                [],
            )?)
        })
        .await
        .unwrap();
    eventually("the job to give up", || async {
        (media_job(&app).await.0 == "failed").then_some(())
    })
    .await;
    assert_eq!(
        text(&app.db, "SELECT media_state FROM messages")
            .await
            .as_deref(),
        Some("expired")
    );
    let note = text(&app.db, "SELECT media_note FROM messages")
        .await
        .unwrap();
    assert!(note.contains("demandez au client de le renvoyer"), "{note}");
}

/// A CDN that streams `size` bytes without announcing a length (chunked).
pub(crate) async fn chunked_cdn(size: usize) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut sock, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = sock.read(&mut buf).await;
                let head = "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nTransfer-Encoding: chunked\r\n\r\n";
                if sock.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b'v'; 16 * 1024];
                let mut sent = 0;
                while sent < size {
                    let n = chunk.len().min(size - sent);
                    let frame = format!("{n:x}\r\n");
                    if sock.write_all(frame.as_bytes()).await.is_err()
                        || sock.write_all(&chunk[..n]).await.is_err()
                        || sock.write_all(b"\r\n").await.is_err()
                    {
                        return;
                    }
                    sent += n;
                }
                let _ = sock.write_all(b"0\r\n\r\n").await;
            });
        }
    });
    format!("http://{addr}/video")
}

#[tokio::test]
async fn files_over_the_size_cap_are_refused_with_a_note_whether_announced_or_counted() {
    // Announced: the CDN's Content-Length is over the cap.
    let (server, _) = media_server(PHOTO, 0, "image/jpeg", &vec![7u8; 5000]).await;
    let app = app_with(&server, |s| s.whatsapp.max_media_bytes = 4096).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("image.json")).await;
    eventually("the refusal", || async {
        (text(&app.db, "SELECT media_state FROM messages")
            .await
            .as_deref()
            == Some("too_large"))
        .then_some(())
    })
    .await;
    let note = text(&app.db, "SELECT media_note FROM messages")
        .await
        .unwrap();
    assert!(note.contains("limite"), "{note}");
    owner(&app, shop).await;
    let page = app.page("/admin/conversations/1", 200).await;
    assert!(
        page.contains("📷 photo non récupéré") && page.contains("limite"),
        "{page}"
    );

    // Counted: a stream with no length stops at the cap and leaves no file behind.
    let cdn = chunked_cdn(200 * 1024).await;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/{PHOTO}")))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"url": cdn, "mime_type": "video/mp4"})),
        )
        .mount(&server)
        .await;
    let app = app_with(&server, |s| s.whatsapp.max_media_bytes = 64 * 1024).await;
    shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("image.json")).await;
    eventually("the refusal", || async {
        (text(&app.db, "SELECT media_state FROM messages")
            .await
            .as_deref()
            == Some("too_large"))
        .then_some(())
    })
    .await;
    let media = app.data_dir().join("files/media");
    let left: Vec<_> = walk(&media);
    assert!(left.is_empty(), "nothing kept of a refused file: {left:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .flat_map(|e| {
            let p = e.path();
            if p.is_dir() {
                walk(&p)
            } else {
                vec![p]
            }
        })
        .collect()
}

#[tokio::test]
async fn a_gupshup_photo_is_fetched_from_its_url() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/files/gs-photo.jpg"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "image/jpeg")
                .set_body_bytes(b"\xFF\xD8gupshup".to_vec()),
        )
        .mount(&server)
        .await;
    let app = app_with(&server, |_| {}).await;
    let (_, token) = shop_with_number(&app.db, "gupshup", "EpicerieRivo").await;
    let body = serde_json::json!({
        "app": "EpicerieRivo", "timestamp": 1764057600000u64, "version": 2, "type": "message",
        "payload": {"id": "ABEGJjQSNFZwAhDYm1k0f0Ff2r2p", "source": "261341234567", "type": "image",
                    "payload": {"caption": "Ity ve?", "url": format!("{}/files/gs-photo.jpg", server.uri()),
                                "contentType": "image/jpeg", "urlExpiry": 1764662400000u64},
                    "sender": {"phone": "261341234567", "name": "Rasoa Be", "country_code": "261", "dial_code": "341234567"}}
    });
    let res = app
        .client
        .post(app.url(&format!("/webhooks/gupshup/{token}")))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let stored = eventually("the Gupshup photo", || async {
        text(
            &app.db,
            "SELECT media_path FROM messages WHERE media_state = 'stored'",
        )
        .await
    })
    .await;
    let (_, files) = varotra::startup::open_store(&app.settings, false).unwrap();
    assert_eq!(files.get(&stored).unwrap(), b"\xFF\xD8gupshup");
}

#[tokio::test]
async fn a_voice_note_is_handed_to_a_person_with_a_reply_in_the_customers_language() {
    let (server, _) = media_server(VOICE, 0, "audio/ogg; codecs=opus", b"OggS voice").await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    let app = app_with(&server, |_| {}).await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("text-mg.json")).await;
    eventually("the first reply", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    post_signed(&app, &fixture("voice-note.json")).await;
    eventually("the voice note's reply", || async {
        (fake.accepted() == 2).then_some(())
    })
    .await;
    let reply = text(
        &app.db,
        "SELECT body FROM messages WHERE direction = 'out' ORDER BY id DESC LIMIT 1",
    )
    .await
    .unwrap();
    assert!(
        reply.contains("hafatra feo") && reply.contains("hihaino"),
        "Malagasy: {reply}"
    );
    assert_eq!(
        text(&app.db, "SELECT status FROM conversations")
            .await
            .as_deref(),
        Some("needs_human")
    );
    let note = text(
        &app.db,
        "SELECT body FROM notifications ORDER BY id DESC LIMIT 1",
    )
    .await
    .unwrap();
    assert!(note.contains("message vocal"), "{note}");
    eventually("the voice note stored", || async {
        text(
            &app.db,
            "SELECT media_path FROM messages WHERE kind = 'audio' AND media_state = 'stored'",
        )
        .await
    })
    .await;
    owner(&app, shop).await;
    let page = app.page("/admin/conversations/1", 200).await;
    assert!(page.contains("<audio controls"), "{page}");
    assert!(page.contains("🎤 message vocal"));
    let voice = count(&app.db, "SELECT id FROM messages WHERE kind = 'audio'").await;
    let res = app
        .client
        .get(app.url(&format!("/admin/conversations/1/media/{voice}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "audio/ogg");
}

#[tokio::test]
async fn a_voice_note_is_transcribed_when_stt_is_set_and_answered_from_its_text() {
    let (server, _) = media_server(VOICE, 0, "audio/ogg", b"OggS voice").await;
    let fake = FakeSend::ok();
    mount_messages(&server, &fake).await;
    Mock::given(method("POST"))
        .and(path("/v1/audio/transcriptions"))
        .and(wiremock::matchers::body_string_contains("whisper-mg"))
        .and(wiremock::matchers::body_string_contains("OggS voice"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"text": " Salama tompoko, manao ahoana? "})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let stt = format!("{}/v1", server.uri());
    let app = app_with(&server, move |s| {
        s.stt.base_url = stt;
        s.stt.model = "whisper-mg".into();
    })
    .await;
    let (shop, _) = shop_with_number(&app.db, "meta", PHONE_NUMBER_ID).await;
    post_signed(&app, &fixture("voice-note.json")).await;
    eventually("the reply to the transcript", || async {
        (fake.accepted() == 1).then_some(())
    })
    .await;
    assert_eq!(
        text(
            &app.db,
            "SELECT transcript FROM messages WHERE kind = 'audio'"
        )
        .await
        .as_deref(),
        Some("Salama tompoko, manao ahoana?")
    );
    let reply = text(&app.db, "SELECT body FROM messages WHERE direction = 'out'")
        .await
        .unwrap();
    assert!(
        !reply.contains("hafatra feo") && !reply.contains("message vocal"),
        "answered from the text: {reply}"
    );
    assert_eq!(
        text(&app.db, "SELECT status FROM conversations")
            .await
            .as_deref(),
        Some("open")
    );
    owner(&app, shop).await;
    let page = app.page("/admin/conversations/1", 200).await;
    assert!(
        page.contains("Transcription automatique : Salama tompoko"),
        "{page}"
    );
}
