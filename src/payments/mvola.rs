//! MVola merchant pay (Telma), API 1.0.0: an OAuth client-credentials token
//! (`POST /token`), the payment request (`POST
//! /mvola/mm/transactions/type/merchantpay/1.0.0/` with the headers Version,
//! X-CorrelationID, UserLanguage, UserAccountIdentifier, partnerName and
//! X-Callback-URL), the status (`GET .../status/{serverCorrelationId}`) for the
//! polling fallback and to check a callback back, and the callback MVola sends (PUT).
//!
//! Settings per shop: `mvola.consumer_key`, `mvola.consumer_secret`,
//! `mvola.merchant_number` (the 034/038 number paid), `mvola.partner_name`,
//! `mvola.base_url` (default production `https://api.mvola.mg`; sandbox
//! `https://devapi.mvola.mg`). They live in the encrypted store; the secret never
//! reaches a log or a Debug print.

use super::{checked, settle, PaymentError, Reconciled, Tokens};
use crate::db::payment_requests::{self, PaymentRequest};
use crate::db::{orders as order_rows, shops, Db, OrderId, ShopId};
use crate::kinds::{OrderStatus, PaidBy, PaymentRequestStatus};
use serde::Deserialize;
use serde_json::json;

pub const PROVIDER: &str = "mvola";
const PATH: &str = "/mvola/mm/transactions/type/merchantpay/1.0.0/";

/// A shop's MVola merchant credentials.
#[derive(Clone)]
pub struct Config {
    pub base_url: String,
    pub consumer_key: String,
    consumer_secret: String,
    pub merchant_number: String,
    pub partner_name: String,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("consumer_key", &self.consumer_key)
            .field("consumer_secret", &"***")
            .field("merchant_number", &self.merchant_number)
            .finish()
    }
}

impl Config {
    /// The shop's MVola settings, or `None` when it set no credentials (manual payment).
    pub fn load(conn: &crate::db::Connection, shop: ShopId) -> Result<Option<Self>, PaymentError> {
        let get = |k: &str| super::setting(conn, shop, k);
        let (Some(key), Some(secret)) = (get("mvola.consumer_key")?, get("mvola.consumer_secret")?)
        else {
            return Ok(None);
        };
        let merchant = get("mvola.merchant_number")?
            .ok_or(PaymentError::NotConfigured("mvola.merchant_number"))?;
        let merchant = crate::orders::phone::local(&merchant)
            .ok_or_else(|| PaymentError::wrong_number(PaidBy::Mvola, &merchant))?;
        let name = match get("mvola.partner_name")? {
            Some(n) => n,
            None => shops::get(conn, shop)?.company_name,
        };
        Ok(Some(Self {
            base_url: get("mvola.base_url")?
                .unwrap_or_else(|| "https://api.mvola.mg".into())
                .trim_end_matches('/')
                .to_string(),
            consumer_key: key,
            consumer_secret: secret,
            merchant_number: merchant,
            partner_name: name,
        }))
    }
}

/// The OAuth client-credentials token (valid an hour), reused from `tokens` until a
/// minute before it expires.
async fn token(
    http: &reqwest::Client,
    tokens: &Tokens,
    cfg: &Config,
) -> Result<String, PaymentError> {
    let key = format!("{PROVIDER} {} {}", cfg.base_url, cfg.consumer_key);
    tokens
        .granted(&key, "MVola", || {
            http.post(format!("{}/token", cfg.base_url))
                .basic_auth(&cfg.consumer_key, Some(&cfg.consumer_secret))
                .header("Cache-Control", "no-cache")
                .form(&[
                    ("grant_type", "client_credentials"),
                    ("scope", "EXT_INT_MVOLA_SCOPE"),
                ])
        })
        .await
}

/// The headers every merchant-pay call carries.
fn headers(
    req: reqwest::RequestBuilder,
    cfg: &Config,
    token: &str,
    malagasy: bool,
) -> reqwest::RequestBuilder {
    req.bearer_auth(token)
        .header("Version", "1.0")
        .header("X-CorrelationID", uuid::Uuid::new_v4().to_string())
        .header("UserLanguage", if malagasy { "MG" } else { "FR" })
        .header(
            "UserAccountIdentifier",
            format!("msisdn;{}", cfg.merchant_number),
        )
        .header("partnerName", &cfg.partner_name)
        .header("Cache-Control", "no-cache")
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Initiated {
    server_correlation_id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    status: String,
    #[serde(default)]
    object_reference: Option<String>,
}

fn parse_status(s: &str) -> PaymentRequestStatus {
    match s {
        "completed" => PaymentRequestStatus::Completed,
        "failed" => PaymentRequestStatus::Failed,
        _ => PaymentRequestStatus::Pending,
    }
}

/// Asks MVola to debit the customer's 034/038 number `phone` for the order's total,
/// the order number as reference, the callback to `{public_url}/payments/mvola/callback`.
/// Returns MVola's serverCorrelationId (stored with the request).
pub async fn request(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    shop: ShopId,
    order: OrderId,
    phone: Option<&str>,
    public_url: &str,
) -> Result<String, PaymentError> {
    let (cfg, o) = db
        .read(move |c| Ok((Config::load(c, shop), order_rows::get(c, shop, order)?)))
        .await?;
    let cfg = cfg?.ok_or(PaymentError::NotConfigured("mvola.consumer_key"))?;
    if o.status != OrderStatus::ToPay {
        return Err(PaymentError::NotToPay(o.number));
    }
    let raw = phone
        .map(str::to_string)
        .or(o.customer_phone.clone())
        .ok_or(PaymentError::NoNumber)?;
    let debit = crate::orders::phone::of_operator(&raw, PaidBy::Mvola)
        .ok_or_else(|| PaymentError::wrong_number(PaidBy::Mvola, &raw))?;
    let token = token(http, tokens, &cfg).await?;
    let now = chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    let body = json!({
        "amount": o.total_ttc.0.to_string(),
        "currency": "Ar",
        "descriptionText": format!("Commande {}", o.number),
        "requestingOrganisationTransactionReference": o.number,
        "requestDate": now,
        "originalTransactionReference": o.number,
        "debitParty": [{"key": "msisdn", "value": debit}],
        "creditParty": [{"key": "msisdn", "value": cfg.merchant_number}],
        "metadata": [
            {"key": "partnerName", "value": cfg.partner_name},
            {"key": "fc", "value": "USD"},
            {"key": "amountFc", "value": "1"}
        ]
    });
    let callback = format!(
        "{}/payments/mvola/callback",
        public_url.trim_end_matches('/')
    );
    let res = headers(
        http.post(format!("{}{PATH}", cfg.base_url)),
        &cfg,
        &token,
        false,
    )
    .header("X-Callback-URL", callback)
    .json(&body)
    .send()
    .await?;
    let started: Initiated = checked(res, "MVola").await?.json().await?;
    let id = started.server_correlation_id.clone();
    let (number, total) = (o.number.clone(), o.total_ttc.0);
    db.write(move |c| {
        payment_requests::insert(
            c,
            shop,
            &payment_requests::NewRequest {
                order,
                provider: PROVIDER,
                correlation_id: &id,
                client_ref: &number,
                amount: total,
                debit_msisdn: &debit,
                pay_token: None,
                notif_token: None,
            },
        )
    })
    .await?;
    Ok(started.server_correlation_id)
}

/// MVola's own word on a request (the status resource), for `settle`.
pub(super) async fn status(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    req: &PaymentRequest,
) -> Result<(PaymentRequestStatus, Option<String>), PaymentError> {
    let shop = req.shop_id;
    let cfg = db
        .read(move |c| Ok(Config::load(c, shop)))
        .await??
        .ok_or(PaymentError::NotConfigured("mvola.consumer_key"))?;
    let token = token(http, tokens, &cfg).await?;
    let url = format!("{}{PATH}status/{}", cfg.base_url, req.correlation_id);
    let res = headers(http.get(url), &cfg, &token, false).send().await?;
    let s: Status = checked(res, "MVola").await?.json().await?;
    Ok((
        parse_status(&s.status),
        s.object_reference.filter(|r| !r.is_empty()),
    ))
}

/// What MVola PUTs to the callback URL (the fields we use).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Callback {
    pub server_correlation_id: String,
    #[serde(default)]
    pub transaction_status: Option<String>,
    #[serde(default)]
    pub transaction_reference: Option<String>,
}

/// A callback: the request it names is checked back at MVola (a forged "completed"
/// cannot mark an order paid), then reconciled once.
pub async fn on_callback(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    cb: &Callback,
) -> Result<Reconciled, PaymentError> {
    let hint = cb.transaction_reference.clone();
    settle::check_back(db, http, tokens, PROVIDER, &cb.server_correlation_id, hint).await
}
