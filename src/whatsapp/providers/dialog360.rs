//! 360dialog: the Cloud API body on `{dialog360_api_base}/messages` and `/media`,
//! authenticated with the `D360-API-KEY` header instead of a bearer token; media are
//! looked up and fetched through its proxy of Meta's CDN; templates are listed at
//! `/v1/configs/templates`.

use super::meta::{self, CloudEndpoints};
use super::{Api, MediaStream, Outgoing, Provider, SendError, Sender};
use crate::crypto::FileStore;
use crate::db::templates::Synced;
use crate::settings::WhatsappSettings;
use futures_util::future::BoxFuture;

pub const API_KEY_HEADER: &str = "D360-API-KEY";

/// 360dialog, relaying the Cloud API.
pub struct Dialog360;

pub fn messages_url(settings: &WhatsappSettings) -> String {
    format!("{}/messages", settings.dialog360_api_base)
}

pub fn media_url(settings: &WhatsappSettings) -> String {
    format!("{}/media", settings.dialog360_api_base)
}

/// 360dialog proxies Meta's media CDN: the host of the URL Meta returns is replaced
/// by the 360dialog base, keeping path and query.
pub fn proxied_media_url(settings: &WhatsappSettings, meta_url: &str) -> String {
    let path = meta_url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    format!("{}{}", settings.dialog360_api_base, path)
}

impl CloudEndpoints for Dialog360 {
    fn messages_url(&self, settings: &WhatsappSettings, _from: &Sender) -> String {
        messages_url(settings)
    }

    fn media_url(&self, settings: &WhatsappSettings, _from: &Sender) -> String {
        media_url(settings)
    }

    fn media_lookup_url(&self, settings: &WhatsappSettings, media_id: &str) -> String {
        format!("{}/{media_id}", settings.dialog360_api_base)
    }

    fn media_download_url(&self, settings: &WhatsappSettings, url: &str) -> String {
        proxied_media_url(settings, url)
    }

    fn templates_url(&self, settings: &WhatsappSettings, _waba_id: &str) -> String {
        format!("{}/v1/configs/templates", settings.dialog360_api_base)
    }

    fn auth(&self, req: reqwest::RequestBuilder, token: &str) -> reqwest::RequestBuilder {
        req.header(API_KEY_HEADER, token)
    }
}

impl Provider for Dialog360 {
    fn send<'a>(
        &'a self,
        api: Api<'a>,
        files: &'a FileStore,
        from: &'a Sender,
        out: Outgoing<'a>,
    ) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(meta::send(self, api, files, from, out))
    }

    fn open_media<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        media_id: &'a str,
    ) -> BoxFuture<'a, Result<MediaStream, SendError>> {
        Box::pin(meta::open_media(self, api, from, media_id))
    }

    fn mark_read<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        wamid: &'a str,
    ) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(meta::mark_read(self, api, from, wamid))
    }

    fn list_templates<'a>(
        &'a self,
        api: Api<'a>,
        from: &'a Sender,
        waba_id: &'a str,
    ) -> BoxFuture<'a, Result<Vec<Synced>, SendError>> {
        Box::pin(meta::list_templates(self, api, from, waba_id))
    }
}
