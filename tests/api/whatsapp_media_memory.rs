//! Peak memory of the real `varotra serve` while it stores a large inbound video: the
//! download is streamed and sealed by chunks, so the file never sits whole in memory
//! (issue 18: a 200 MB file used to peak at 817 MB).

use crate::kill9::{deliver, Server};
use crate::whatsapp_media::{chunked_cdn, PHOTO};
use crate::whatsapp_support::fixture;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SIZE: usize = 64 * 1024 * 1024;

/// The process's peak resident memory so far (Linux `VmHWM`), KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_64_mb_video_is_stored_while_the_servers_peak_memory_grows_by_less_than_a_quarter_of_it()
{
    let cdn = chunked_cdn(SIZE).await;
    let graph = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/{PHOTO}")))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                serde_json::json!({"url": cdn, "mime_type": "video/mp4", "id": PHOTO}),
            ),
        )
        .mount(&graph)
        .await;
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::prepared(tmp.path(), graph.uri());
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let mut child = server.start(&http).await;
    let address = format!("http://127.0.0.1:{}", server.port);
    let db = server.db();
    // The assistant builds its tables once, at its first message (tens of MB in a
    // debug build): answer one text first, so the peak below is the download's.
    deliver(&http, &address, fixture("text-fr.json")).await;
    for _ in 0..1800 {
        let done = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(*) FROM jobs WHERE kind = 'reply' AND status = 'done'",
                    [],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .await
            .unwrap();
        if done > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let before = peak_rss_kib(child.id());
    deliver(&http, &address, fixture("image.json")).await;

    // A debug build seals slowly: allow three minutes, checking every 100 ms.
    let mut state = None;
    for _ in 0..1800 {
        state = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT media_state FROM messages WHERE kind = 'image'",
                    [],
                    |r| r.get::<_, Option<String>>(0),
                )?)
            })
            .await
            .unwrap();
        if state.as_deref().is_some_and(|s| s != "pending") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let grown = peak_rss_kib(child.id()).saturating_sub(before);
    child.kill().unwrap();
    child.wait().unwrap();
    let job: Option<String> = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT status || ' ' || attempts || ' ' || coalesce(last_error, '') FROM jobs WHERE kind = 'media_download'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .ok();
    assert_eq!(state.as_deref(), Some("stored"), "download job: {job:?}");
    let stored: u64 = walk_sizes(&tmp.path().join("data/files/media"));
    assert!(stored >= SIZE as u64, "sealed files hold {stored} bytes");
    assert!(
        grown < (SIZE / 4 / 1024) as u64,
        "peak memory grew by {grown} KiB while storing {} KiB",
        SIZE / 1024
    );
}

/// Total size of the files under `dir`.
fn walk_sizes(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => walk_sizes(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}
