//! 360dialog: the Cloud API body on `{dialog360_api_base}/messages` and `/media`,
//! authenticated with the `D360-API-KEY` header instead of a bearer token.

use crate::settings::WhatsappSettings;

pub const API_KEY_HEADER: &str = "D360-API-KEY";

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

/// Adds the provider's authentication to a request.
pub fn auth(req: reqwest::RequestBuilder, provider: &str, token: &str) -> reqwest::RequestBuilder {
    if provider == "360dialog" {
        req.header(API_KEY_HEADER, token)
    } else {
        req.bearer_auth(token)
    }
}
