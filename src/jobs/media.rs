//! `media_download` jobs: a customer's photo, voice note or file (or the owner's, from
//! the Business app) is fetched from the provider and sealed in the FileStore as it
//! streams in, never held whole in memory; over `whatsapp.max_media_bytes` it is
//! refused (announced size or bytes counted) with a note in the thread.
//!
//! The provider may be down for hours: media ids live `media_lifetime_hours` (7 days at
//! Meta), so the download is retried with backoff (30 s doubling, at most
//! `media_retry_max_secs`) for that whole life, the thread showing "en attente"
//! meanwhile, and only then given up as expired.
//!
//! A voice note with `[stt]` set is transcribed once stored; its reply (queued by
//! ingest for every other message) is queued here after the first attempt, with the
//! transcript when there is one, so a customer never waits on an outage.

use super::transcribe::transcribe;
use super::{Context, Failure, Outcome};
use crate::db::jobs::{self, Job, MediaPayload};
use crate::db::{message_updates, numbers, MessageId, ShopId};
use crate::kinds::MediaState;
use crate::whatsapp::providers::{self, Api, SendError};
use std::time::Duration;

/// A download that receives nothing for this long is dropped and retried later.
const STALL: Duration = Duration::from_secs(60);

enum Fetched {
    Stored { name: String, mime: String },
    TooLarge(u64),
}

/// `12.5 Mo` for a byte count.
fn megabytes(n: u64) -> String {
    let mb = n as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 {
        format!("{mb:.0} Mo")
    } else {
        format!("{mb:.1} Mo").replace('.', ",")
    }
}

async fn fetch(ctx: &Context, shop: ShopId, p: &MediaPayload) -> Result<Fetched, SendError> {
    let account = p.account_id;
    let sender = ctx
        .db
        .read(move |c| numbers::sender(c, shop, account))
        .await
        .map_err(|e| SendError::Retry(e.to_string()))?;
    let api = Api {
        http: &ctx.http,
        settings: &ctx.settings.whatsapp,
    };
    let mut stream = providers::for_kind(sender.provider)
        .open_media(api, &sender, &p.media_id)
        .await?;
    let cap = ctx.settings.whatsapp.max_media_bytes;
    if let Some(len) = stream.length.filter(|l| *l > cap) {
        return Ok(Fetched::TooLarge(len));
    }
    let mime = stream
        .mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let ext = extension(&mime)
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    let name = format!("media/{shop}/{}{ext}", p.message_id);
    // Chunks go to a blocking writer through a short queue: memory stays bounded.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Option<Vec<u8>>>(8);
    let (files, n) = (ctx.files.clone(), name.clone());
    let writer = tokio::task::spawn_blocking(move || {
        let mut w = files.writer(&n)?;
        while let Some(piece) = rx.blocking_recv() {
            match piece {
                Some(bytes) => w.write(&bytes)?,
                None => return w.finish().map(Some),
            }
        }
        // The sender stopped without the end marker: abandoned, nothing stored.
        Ok(None)
    });
    let mut total = 0u64;
    let mut too_large = false;
    loop {
        let Ok(chunk) = tokio::time::timeout(STALL, stream.response.chunk()).await else {
            drop(tx);
            let _ = writer.await;
            return Err(SendError::Retry(format!(
                "download stalled: nothing received for {} s",
                STALL.as_secs()
            )));
        };
        match chunk {
            Ok(Some(bytes)) => {
                total += bytes.len() as u64;
                if total > cap {
                    too_large = true;
                    break;
                }
                if tx.send(Some(bytes.to_vec())).await.is_err() {
                    break;
                }
            }
            Ok(None) => {
                let _ = tx.send(None).await;
                break;
            }
            Err(e) => {
                drop(tx);
                let _ = writer.await;
                return Err(SendError::Retry(format!(
                    "download broken: {}",
                    e.without_url()
                )));
            }
        }
    }
    drop(tx);
    let written = writer
        .await
        .map_err(|e| SendError::Retry(e.to_string()))?
        .map_err(|e| SendError::Retry(format!("cannot store the media: {e}")))?;
    if too_large {
        return Ok(Fetched::TooLarge(total));
    }
    match written {
        Some(_) => Ok(Fetched::Stored { name, mime }),
        None => Err(SendError::Retry("the media store stopped".into())),
    }
}

/// The usual extension of a media type (the admin serves the file by it), for the
/// types WhatsApp carries; others as `mime_guess` knows them.
fn extension(mime: &str) -> Option<&'static str> {
    Some(match mime {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "audio/ogg" => "ogg",
        "audio/mpeg" => "mp3",
        "audio/mp4" => "m4a",
        "audio/aac" => "aac",
        "audio/amr" => "amr",
        "video/mp4" => "mp4",
        "video/3gpp" => "3gp",
        "application/pdf" => "pdf",
        other => mime_guess::get_mime_extensions_str(other)?.first()?,
    })
}

/// The wait before attempt `attempts + 1`: 30 s doubling, capped.
fn retry_wait(attempts: i64, cap_secs: u64) -> Duration {
    let secs = 30u64.saturating_mul(1 << attempts.clamp(0, 20) as u64 >> 1);
    Duration::from_secs(secs.clamp(30, cap_secs.max(30)))
}

pub(super) async fn run(ctx: &Context, job: &Job) -> Result<Outcome, Failure> {
    let p: MediaPayload = serde_json::from_str(&job.payload).map_err(Failure::permanent)?;
    let shop = job.shop;
    let mid = p.message_id;
    let fetched = fetch(ctx, shop, &p).await;
    let mut transcript = None;
    let (state, note, failure) = match fetched {
        Ok(Fetched::Stored { name, mime }) => {
            let n = name.clone();
            ctx.db
                .write(move |c| message_updates::set_media_path(c, shop, mid, &n))
                .await
                .map_err(Failure::retry)?;
            ctx.metrics.incr("whatsapp_media_downloaded_total", 1);
            if mime.starts_with("audio/") && ctx.settings.stt.enabled() {
                transcript = transcribe_stored(ctx, &name, &mime).await;
            }
            (None, None, None)
        }
        Ok(Fetched::TooLarge(size)) => {
            let cap = ctx.settings.whatsapp.max_media_bytes;
            let note = format!(
                "Fichier de {} refusé : la limite est de {} (whatsapp.max_media_bytes).",
                megabytes(size),
                megabytes(cap)
            );
            let f = Failure::permanent(&note);
            (Some(MediaState::TooLarge), Some(note), Some(f))
        }
        Err(SendError::Permanent(reason)) => {
            let note = format!("Impossible de récupérer le fichier chez WhatsApp : {reason}");
            (
                Some(MediaState::Failed),
                Some(note),
                Some(Failure::permanent(reason)),
            )
        }
        Err(SendError::Retry(reason) | SendError::Unconfirmed(reason)) => {
            let lifetime =
                chrono::Duration::hours(ctx.settings.whatsapp.media_lifetime_hours as i64);
            let expired = crate::db::conversations::parse_time(&job.created_at)
                .is_some_and(|created| chrono::Utc::now() > created + lifetime);
            if expired {
                let note = "Le fichier a expiré chez WhatsApp avant d'avoir pu être récupéré : demandez au client de le renvoyer.".to_string();
                (
                    Some(MediaState::Expired),
                    Some(note),
                    Some(Failure::permanent(reason)),
                )
            } else {
                let wait = retry_wait(job.attempts, ctx.settings.whatsapp.media_retry_max_secs);
                (None, None, Some(Failure::retry_in(reason, wait)))
            }
        }
    };
    let reply_now = p.then_reply;
    ctx.db
        .write(move |c| {
            let tx = c.transaction()?;
            if let Some(state) = state {
                message_updates::set_media_state(&tx, shop, mid, state, note.as_deref())?;
            }
            if let Some(text) = &transcript {
                message_updates::set_transcript(&tx, shop, mid, text)?;
            }
            // The voice note's reply goes after the first attempt, whatever it gave.
            if reply_now && !jobs::reply_queued(&tx, shop, mid)? {
                jobs::queue_reply(&tx, shop, MessageId(mid.0), None)?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
        .map_err(Failure::retry)?;
    if reply_now {
        ctx.wakers.reply.notify_one();
    }
    match failure {
        Some(f) => Err(f),
        None => Ok(Outcome::Finish),
    }
}

/// The transcript of the stored voice note `name`, or `None` (logged) when the server
/// fails: the note then goes to a person.
async fn transcribe_stored(ctx: &Context, name: &str, mime: &str) -> Option<String> {
    let (files, n) = (ctx.files.clone(), name.to_string());
    let bytes = tokio::task::spawn_blocking(move || files.get(&n))
        .await
        .ok()?
        .ok()?;
    let filename = name.rsplit('/').next().unwrap_or("note.ogg");
    match transcribe(&ctx.http, &ctx.settings.stt, bytes, filename, mime).await {
        Ok(text) => {
            ctx.metrics
                .incr("whatsapp_voice_notes_transcribed_total", 1);
            Some(text)
        }
        Err(e) => {
            tracing::warn!(error = %e, "voice note not transcribed: a person will listen");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_back_off_from_thirty_seconds_to_the_cap() {
        let waits: Vec<u64> = (1..=9).map(|a| retry_wait(a, 3600).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    }

    #[test]
    fn sizes_read_in_french_megabytes() {
        assert_eq!(megabytes(200 * 1024 * 1024), "200 Mo");
        assert_eq!(megabytes(1536 * 1024), "1,5 Mo");
    }
}
