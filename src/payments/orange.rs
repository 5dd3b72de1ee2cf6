//! Orange Money web payment ("WebPay", Orange Developer API): an OAuth
//! client-credentials token (`POST /oauth/v3/token`, Basic auth), the payment
//! (`POST /orange-money-webpay/{country}/v1/webpayment` with merchant_key, currency,
//! order_id, amount, return_url, cancel_url, notif_url, lang, reference), answered by
//! `payment_url` (the page the customer opens from the chat's "Payer maintenant"
//! button), `pay_token` and `notif_token`; the status
//! (`POST .../transactionstatus` with order_id, amount, pay_token) for the polling
//! fallback; the notification Orange POSTs to notif_url (`status` SUCCESS / FAILED,
//! `notif_token`, `txnid`).
//!
//! The notification names no order, so its URL carries our order_id
//! (`/payments/orange/notification/{order_id}`), and it counts only with the
//! `notif_token` Orange gave us for that order (compared in constant time).
//!
//! Settings per shop: `orange.client_id`, `orange.client_secret` (never shown back),
//! `orange.merchant_key`, `orange.base_url` (default `https://api.orange.com`),
//! `orange.country` (the path segment, default `mg`; `dev` for the sandbox),
//! `orange.currency` (default `MGA`; `OUV` in the sandbox).

use super::{checked, fresh_suffix, settle, PaymentError, Reconciled, Tokens};
use crate::db::payment_requests::{self, PaymentRequest};
use crate::db::{orders as order_rows, Db, OrderId, ShopId};
use crate::kinds::{OrderStatus, PaymentRequestStatus};
use serde::Deserialize;
use serde_json::json;

pub const PROVIDER: &str = "orange_money";
const NAME: &str = "Orange Money";

/// A shop's Orange Money web payment credentials.
#[derive(Clone)]
pub struct Config {
    pub base_url: String,
    pub country: String,
    pub currency: String,
    pub client_id: String,
    client_secret: String,
    merchant_key: String,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("country", &self.country)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("merchant_key", &"***")
            .finish()
    }
}

impl Config {
    /// The shop's Orange settings, or `None` when it set no client id (manual payment).
    pub fn load(conn: &crate::db::Connection, shop: ShopId) -> Result<Option<Self>, PaymentError> {
        let get = |k: &str| super::setting(conn, shop, k);
        let Some(client_id) = get("orange.client_id")? else {
            return Ok(None);
        };
        Ok(Some(Self {
            base_url: get("orange.base_url")?
                .unwrap_or_else(|| "https://api.orange.com".into())
                .trim_end_matches('/')
                .to_string(),
            country: get("orange.country")?.unwrap_or_else(|| "mg".into()),
            currency: get("orange.currency")?.unwrap_or_else(|| "MGA".into()),
            client_id,
            client_secret: get("orange.client_secret")?
                .ok_or(PaymentError::NotConfigured("orange.client_secret"))?,
            merchant_key: get("orange.merchant_key")?
                .ok_or(PaymentError::NotConfigured("orange.merchant_key"))?,
        }))
    }

    fn api(&self, what: &str) -> String {
        format!(
            "{}/orange-money-webpay/{}/v1/{what}",
            self.base_url, self.country
        )
    }
}

async fn load(db: &Db, shop: ShopId) -> Result<Config, PaymentError> {
    db.read(move |c| Ok(Config::load(c, shop)))
        .await??
        .ok_or(PaymentError::NotConfigured("orange.client_id"))
}

/// The access token, reused from `tokens` until a minute before it expires.
async fn token(
    http: &reqwest::Client,
    tokens: &Tokens,
    cfg: &Config,
) -> Result<String, PaymentError> {
    let key = format!("{PROVIDER} {} {}", cfg.base_url, cfg.client_id);
    tokens
        .granted(&key, NAME, || {
            http.post(format!("{}/oauth/v3/token", cfg.base_url))
                .basic_auth(&cfg.client_id, Some(&cfg.client_secret))
                .header("Accept", "application/json")
                .form(&[("grant_type", "client_credentials")])
        })
        .await
}

#[derive(Deserialize)]
struct Created {
    payment_url: String,
    pay_token: String,
    notif_token: String,
}

/// Creates the web payment of the order's total (the order number as reference, the
/// notification to `{public_url}/payments/orange/notification/{order_id}`) and keeps
/// the request. Returns the payment page's URL, for the chat's button.
pub async fn request(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    shop: ShopId,
    order: OrderId,
    public_url: &str,
) -> Result<String, PaymentError> {
    let o = db.read(move |c| order_rows::get(c, shop, order)).await?;
    let cfg = load(db, shop).await?;
    if o.status != OrderStatus::ToPay {
        return Err(PaymentError::NotToPay(o.number));
    }
    let token = token(http, tokens, &cfg).await?;
    let order_id = format!("{}-{}", o.number, fresh_suffix());
    let base = public_url.trim_end_matches('/');
    let body = json!({
        "merchant_key": cfg.merchant_key,
        "currency": cfg.currency,
        "order_id": order_id,
        "amount": o.total_ttc.0,
        "return_url": format!("{base}/payments/retour"),
        "cancel_url": format!("{base}/payments/retour?annule=1"),
        "notif_url": format!("{base}/payments/orange/notification/{order_id}"),
        // Orange's page speaks French or English (no Malagasy): French for everyone.
        "lang": "fr",
        "reference": o.number,
    });
    let res = http
        .post(cfg.api("webpayment"))
        .bearer_auth(&token)
        .header("Accept", "application/json")
        .json(&body)
        .send()
        .await?;
    let made: Created = checked(res, NAME).await?.json().await?;
    let (number, total) = (o.number.clone(), o.total_ttc.0);
    let (id, pay, notif) = (order_id, made.pay_token, made.notif_token);
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
                debit_msisdn: "",
                pay_token: Some(&pay),
                notif_token: Some(&notif),
            },
        )
    })
    .await?;
    Ok(made.payment_url)
}

fn parse_status(s: &str) -> PaymentRequestStatus {
    match s.to_ascii_uppercase().as_str() {
        "SUCCESS" => PaymentRequestStatus::Completed,
        "FAILED" | "EXPIRED" => PaymentRequestStatus::Failed,
        _ => PaymentRequestStatus::Pending,
    }
}

#[derive(Deserialize)]
struct Status {
    status: String,
    #[serde(default)]
    txnid: Option<String>,
}

/// Orange's own word on a request (transactionstatus), for `settle`.
pub(super) async fn status(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    req: &PaymentRequest,
) -> Result<(PaymentRequestStatus, Option<String>), PaymentError> {
    let cfg = load(db, req.shop_id).await?;
    let token = token(http, tokens, &cfg).await?;
    let res = http
        .post(cfg.api("transactionstatus"))
        .bearer_auth(&token)
        .header("Accept", "application/json")
        .json(&json!({
            "order_id": req.correlation_id,
            "amount": req.amount,
            "pay_token": req.pay_token.as_deref().unwrap_or(""),
        }))
        .send()
        .await?;
    let s: Status = checked(res, NAME).await?.json().await?;
    Ok((parse_status(&s.status), s.txnid.filter(|t| !t.is_empty())))
}

/// What Orange POSTs to notif_url.
#[derive(Debug, Deserialize)]
pub struct Notification {
    pub status: String,
    pub notif_token: String,
    #[serde(default)]
    pub txnid: Option<String>,
}

/// A notification for our `order_id`: unknown ids are logged and left alone, a wrong
/// `notif_token` is refused ([`PaymentError::BadNotification`]) and changes nothing,
/// SUCCESS pays the order once, FAILED settles the request and leaves the order to pay.
pub async fn on_notification(
    db: &Db,
    order_id: &str,
    n: &Notification,
) -> Result<Reconciled, PaymentError> {
    let Some(req) = settle::find(db, PROVIDER, order_id).await? else {
        tracing::warn!("Orange Money notification for an unknown order: ignored");
        return Ok(Reconciled::Unknown);
    };
    let expected = req.notif_token.as_deref().unwrap_or("");
    if expected.is_empty()
        || !crate::crypto::tokens::constant_eq(n.notif_token.as_bytes(), expected.as_bytes())
    {
        tracing::warn!(
            request = req.id,
            "Orange Money notification with a wrong notif_token: refused"
        );
        return Err(PaymentError::BadNotification(NAME));
    }
    let reference = n.txnid.clone().filter(|t| !t.is_empty());
    settle::apply(db, PROVIDER, order_id, parse_status(&n.status), reference).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orange_statuses_map_to_ours() {
        assert_eq!(parse_status("SUCCESS"), PaymentRequestStatus::Completed);
        assert_eq!(parse_status("FAILED"), PaymentRequestStatus::Failed);
        assert_eq!(parse_status("EXPIRED"), PaymentRequestStatus::Failed);
        assert_eq!(parse_status("INITIATED"), PaymentRequestStatus::Pending);
        assert_eq!(parse_status("PENDING"), PaymentRequestStatus::Pending);
    }
}
