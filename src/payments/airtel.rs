//! Airtel Money collection (Airtel Africa Open API): an OAuth client-credentials
//! token (`POST /auth/oauth2/token`, JSON body), the USSD push
//! (`POST /merchant/v1/payments/` with the headers X-Country: MG and X-Currency: MGA,
//! body `{reference, subscriber: {country, currency, msisdn}, transaction: {amount,
//! country, currency, id}}`, the msisdn without the country code), the status
//! (`GET /standard/v1/payments/{id}`: `data.transaction.status` TS success, TF failed)
//! for the polling fallback and to check a callback back, and the callback Airtel
//! POSTs to the URL set in its portal (`{transaction: {id, status_code,
//! airtel_money_id}}`), which only names the request.
//!
//! Settings per shop: `airtel.client_id`, `airtel.client_secret` (never shown back),
//! `airtel.base_url` (default production `https://openapi.airtel.africa`; staging
//! `https://openapiuat.airtel.africa`).

use super::{checked, fresh_suffix, settle, PaymentError, Reconciled, Tokens};
use crate::db::payment_requests::{self, PaymentRequest};
use crate::db::{orders as order_rows, Db, OrderId, ShopId};
use crate::kinds::{OrderStatus, PaidBy, PaymentRequestStatus};
use serde::Deserialize;
use serde_json::json;

pub const PROVIDER: &str = "airtel_money";
const NAME: &str = "Airtel Money";
const COUNTRY: &str = "MG";
const CURRENCY: &str = "MGA";

/// A shop's Airtel Money credentials.
#[derive(Clone)]
pub struct Config {
    pub base_url: String,
    pub client_id: String,
    client_secret: String,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .finish()
    }
}

impl Config {
    /// The shop's Airtel settings, or `None` when it set no client id (manual payment).
    pub fn load(conn: &crate::db::Connection, shop: ShopId) -> Result<Option<Self>, PaymentError> {
        let get = |k: &str| super::setting(conn, shop, k);
        let Some(client_id) = get("airtel.client_id")? else {
            return Ok(None);
        };
        Ok(Some(Self {
            base_url: get("airtel.base_url")?
                .unwrap_or_else(|| "https://openapi.airtel.africa".into())
                .trim_end_matches('/')
                .to_string(),
            client_id,
            client_secret: get("airtel.client_secret")?
                .ok_or(PaymentError::NotConfigured("airtel.client_secret"))?,
        }))
    }
}

async fn load(db: &Db, shop: ShopId) -> Result<Config, PaymentError> {
    db.read(move |c| Ok(Config::load(c, shop)))
        .await??
        .ok_or(PaymentError::NotConfigured("airtel.client_id"))
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
            http.post(format!("{}/auth/oauth2/token", cfg.base_url))
                .header("Accept", "*/*")
                .json(&json!({
                    "client_id": cfg.client_id,
                    "client_secret": cfg.client_secret,
                    "grant_type": "client_credentials",
                }))
        })
        .await
}

fn with_country(req: reqwest::RequestBuilder, token: &str) -> reqwest::RequestBuilder {
    req.bearer_auth(token)
        .header("Accept", "*/*")
        .header("X-Country", COUNTRY)
        .header("X-Currency", CURRENCY)
}

#[derive(Deserialize, Default)]
struct Outcome {
    #[serde(default)]
    success: bool,
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
struct Pushed {
    #[serde(default)]
    status: Outcome,
}

/// Sends the USSD push for the order's total to the customer's 033 number `phone`
/// (else the order's), the order number as reference; keeps the request under the
/// transaction id we chose. Returns the number the customer confirms on.
pub async fn request(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    shop: ShopId,
    order: OrderId,
    phone: Option<&str>,
) -> Result<String, PaymentError> {
    let o = db.read(move |c| order_rows::get(c, shop, order)).await?;
    let cfg = load(db, shop).await?;
    if o.status != OrderStatus::ToPay {
        return Err(PaymentError::NotToPay(o.number));
    }
    let raw = phone
        .map(str::to_string)
        .or(o.customer_phone.clone())
        .ok_or(PaymentError::NoNumber)?;
    let local = crate::orders::phone::of_operator(&raw, PaidBy::AirtelMoney)
        .ok_or_else(|| PaymentError::wrong_number(PaidBy::AirtelMoney, &raw))?;
    let token = token(http, tokens, &cfg).await?;
    // Airtel wants an id of letters and digits, unique per request.
    let id: String = format!("{}{}", o.number, fresh_suffix())
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let body = json!({
        "reference": o.number,
        "subscriber": { "country": COUNTRY, "currency": CURRENCY, "msisdn": &local[1..] },
        "transaction": {
            "amount": o.total_ttc.0, "country": COUNTRY, "currency": CURRENCY, "id": id
        }
    });
    let res = with_country(
        http.post(format!("{}/merchant/v1/payments/", cfg.base_url)),
        &token,
    )
    .json(&body)
    .send()
    .await?;
    let pushed: Pushed = checked(res, NAME).await?.json().await?;
    if !pushed.status.success {
        return Err(PaymentError::Refused {
            provider: NAME,
            status: 200,
            body: pushed.status.message,
        });
    }
    let (number, total, msisdn) = (o.number.clone(), o.total_ttc.0, local.clone());
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
                debit_msisdn: &msisdn,
                pay_token: None,
                notif_token: None,
            },
        )
    })
    .await?;
    Ok(local)
}

fn parse_status(s: &str) -> PaymentRequestStatus {
    match s {
        "TS" => PaymentRequestStatus::Completed,
        "TF" | "TE" => PaymentRequestStatus::Failed,
        _ => PaymentRequestStatus::Pending,
    }
}

#[derive(Deserialize)]
struct Enquiry {
    data: EnquiryData,
}

#[derive(Deserialize)]
struct EnquiryData {
    transaction: EnquiryTransaction,
}

#[derive(Deserialize)]
struct EnquiryTransaction {
    status: String,
    #[serde(default)]
    airtel_money_id: Option<String>,
}

/// Airtel's own word on a request (the transaction enquiry), for `settle`.
pub(super) async fn status(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    req: &PaymentRequest,
) -> Result<(PaymentRequestStatus, Option<String>), PaymentError> {
    let cfg = load(db, req.shop_id).await?;
    let token = token(http, tokens, &cfg).await?;
    let url = format!(
        "{}/standard/v1/payments/{}",
        cfg.base_url, req.correlation_id
    );
    let res = with_country(http.get(url), &token).send().await?;
    let e: Enquiry = checked(res, NAME).await?.json().await?;
    let t = e.data.transaction;
    Ok((
        parse_status(&t.status),
        t.airtel_money_id.filter(|r| !r.is_empty()),
    ))
}

/// What Airtel POSTs to the callback URL (the fields we use).
#[derive(Debug, Deserialize)]
pub struct Callback {
    pub transaction: CallbackTransaction,
}

#[derive(Debug, Deserialize)]
pub struct CallbackTransaction {
    pub id: String,
    #[serde(default)]
    pub status_code: Option<String>,
    #[serde(default)]
    pub airtel_money_id: Option<String>,
}

/// A callback: the request it names is checked back at Airtel (a forged "TS" cannot
/// mark an order paid), then reconciled once.
pub async fn on_callback(
    db: &Db,
    http: &reqwest::Client,
    tokens: &Tokens,
    cb: &Callback,
) -> Result<Reconciled, PaymentError> {
    let t = &cb.transaction;
    let hint = t.airtel_money_id.clone().filter(|r| !r.is_empty());
    settle::check_back(db, http, tokens, PROVIDER, &t.id, hint).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn airtel_statuses_map_to_ours() {
        assert_eq!(parse_status("TS"), PaymentRequestStatus::Completed);
        assert_eq!(parse_status("TF"), PaymentRequestStatus::Failed);
        assert_eq!(parse_status("TIP"), PaymentRequestStatus::Pending);
        assert_eq!(parse_status("TA"), PaymentRequestStatus::Pending);
    }
}
