//! `media_download` jobs: a customer's photo, voice note or file is fetched from the
//! provider (media ids live 7 days at Meta, download URLs minutes) and sealed in the
//! FileStore; the message row then points at it.

use super::{Context, Failure, Outcome};
use crate::db::jobs::{Job, MediaPayload};
use crate::db::{messages, numbers};
use crate::whatsapp::providers::{self, SendError};

pub(super) async fn run(ctx: &Context, job: &Job) -> Result<Outcome, Failure> {
    let p: MediaPayload = serde_json::from_str(&job.payload).map_err(Failure::permanent)?;
    let (shop, account) = (job.shop, p.account_id);
    let sender = ctx
        .db
        .read(move |c| numbers::sender(c, shop, account))
        .await?;
    let (bytes, _mime) =
        providers::download_media(&ctx.http, &ctx.settings.whatsapp, &sender, &p.media_id)
            .await
            .map_err(|e| match e {
                SendError::Retry(r) => Failure::retry(r),
                SendError::Permanent(r) => Failure::permanent(r),
            })?;
    let name = format!("media/{}/{}", shop, p.message_id);
    let (files, n) = (ctx.files.clone(), name.clone());
    tokio::task::spawn_blocking(move || files.put(&n, &bytes))
        .await
        .map_err(Failure::retry)?
        .map_err(Failure::retry)?;
    let mid = p.message_id;
    ctx.db
        .write(move |c| messages::set_media_path(c, shop, mid, &name))
        .await
        .map_err(Failure::retry)?;
    ctx.metrics.incr("whatsapp_media_downloaded_total", 1);
    Ok(Outcome::Finish)
}
