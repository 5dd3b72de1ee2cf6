//! `/admin/parametres` (owners and agencies; agents get 403): the shop's identity,
//! greetings and out-of-hours messages in French and Malagasy, payment numbers,
//! notification targets, and its WhatsApp numbers with the webhook URL to paste in the
//! provider's dashboard. The opening hours are their own block and form
//! (`super::hours`).

use super::pages::Layout;
use super::AdminSession;
use crate::assistant::facts;
use crate::db::shop_admin::{self, Identity, NumberRow};
use crate::db::shops::{self, Shop};
use crate::kinds::ProviderKind;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/parametres", web::get().to(show))
        .route("/admin/parametres", web::post().to(save));
}

/// Free-form settings edited here: (key, label, multi-line).
const TEXT_KEYS: &[(&str, &str, bool)] = &[
    ("greeting_fr", "Message d'accueil (français)", true),
    ("greeting_mg", "Message d'accueil (malgache)", true),
    ("out_of_hours_fr", "Hors horaires (français)", true),
    ("out_of_hours_mg", "Hors horaires (malgache)", true),
    ("payment.mvola", "Numéro MVola", false),
    ("payment.orange_money", "Numéro Orange Money", false),
    ("payment.airtel_money", "Numéro Airtel Money", false),
    (
        "payment.account_name",
        "Nom du titulaire des comptes",
        false,
    ),
    ("notify.email", "Email de notification", false),
    (
        "notify.whatsapp",
        "WhatsApp de notification (ex. 261341234567)",
        false,
    ),
    // Orders and MVola merchant pay (issue 20); the secret has its own field below.
    ("orders.reminder_days", "Relance des commandes impayées après (jours, 2 par défaut)", false),
    ("orders.expiry_days", "Annulation des commandes impayées après (jours, 7 par défaut, 0 : jamais)", false),
    ("mvola.consumer_key", "MVola marchand : consumer key", false),
    ("mvola.merchant_number", "MVola marchand : numéro encaissant (034 ou 038)", false),
    ("mvola.partner_name", "MVola marchand : nom du partenaire", false),
    ("mvola.base_url", "MVola marchand : adresse de l'API (https://api.mvola.mg, ou https://devapi.mvola.mg pour les essais)", false),
    ("orange.client_id", "Orange Money paiement web : client id", false),
    ("orange.merchant_key", "Orange Money paiement web : merchant key", false),
    ("orange.base_url", "Orange Money paiement web : adresse de l'API (https://api.orange.com par défaut)", false),
    ("orange.country", "Orange Money paiement web : pays de l'API (mg par défaut, dev pour les essais)", false),
    ("orange.currency", "Orange Money paiement web : devise (MGA par défaut, OUV pour les essais)", false),
    ("airtel.client_id", "Airtel Money : client id", false),
    ("airtel.base_url", "Airtel Money : adresse de l'API (https://openapi.airtel.africa, ou https://openapiuat.airtel.africa pour les essais)", false),
];

/// The providers' secrets: never printed back; each saved only when a new one is typed.
const SECRETS: &[(&str, &str)] = crate::payments::SECRET_SETTINGS;

/// Every key edited on this page: the free-form settings, then the shop facts the
/// assistant answers from (delivery, warranty, returns; `assistant::facts`).
fn all_keys() -> impl Iterator<Item = &'static (&'static str, &'static str, bool)> {
    TEXT_KEYS.iter().chain(facts::KEYS)
}

fn fields_of(keys: &[(&'static str, &'static str, bool)], values: &[String]) -> Vec<Field> {
    keys.iter()
        .zip(values)
        .map(|(&(key, label, multiline), value)| Field {
            key,
            label,
            multiline,
            value: value.clone(),
        })
        .collect()
}

pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub multiline: bool,
    pub value: String,
}

pub struct NumberView {
    pub row: NumberRow,
    pub webhook_url: String,
    /// The provider and the number's state, in French.
    pub provider: &'static str,
    pub state: &'static str,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    shop: Shop,
    vat_percent: String,
    fields: Vec<Field>,
    /// The shop facts customers are told (delivery zones and fees, warranty, returns).
    facts: Vec<Field>,
    /// The weekly hours block (its own form, `hours`).
    week: super::hours::WeeklyHours,
    csrf: String,
    /// The secret fields, always shown empty.
    secrets: &'static [(&'static str, &'static str)],
    numbers: Vec<NumberView>,
    verify_hint: String,
    error: Option<String>,
    saved: bool,
}

/// Where a provider must deliver this number's webhooks.
pub fn webhook_url(public_url: &str, n: &NumberRow) -> String {
    let provider = ProviderKind::parse(&n.provider).unwrap_or(ProviderKind::Meta);
    crate::whatsapp::connect::webhook_url(public_url, provider, &n.webhook_token)
}

/// Whether the verify token is set; never a part of it (nor its length), which would
/// help anyone who can see this page to guess it.
fn verify_hint(token: &str) -> String {
    if token.is_empty() {
        "(non configuré : clé whatsapp.verify_token de la configuration)".into()
    } else {
        "configuré (clé whatsapp.verify_token de la configuration du serveur)".into()
    }
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    error: Option<String>,
    saved: bool,
    // On a refused form, what the user typed is shown again instead of the stored values.
    typed: Option<SettingsForm>,
) -> Result<HttpResponse, AdminError> {
    let shop_id = session.shop;
    let (shop, stored, hours, numbers) = state
        .db
        .read(move |c| {
            let shop = shops::get(c, shop_id)?;
            let mut stored = Vec::new();
            for (key, _, _) in all_keys() {
                stored.push(shops::setting(c, shop_id, key)?.unwrap_or_default());
            }
            let hours = shops::setting(c, shop_id, "hours")?.unwrap_or_default();
            Ok((shop, stored, hours, shop_admin::numbers(c, shop_id)?))
        })
        .await?;
    let public_url = state.settings.server.public_url.clone();
    let mut page = SettingsPage {
        layout: Layout::new(session, "Paramètres", "/admin/parametres"),
        vat_percent: shop
            .vat_rate_bp
            .map(|bp| format!("{}", bp as f64 / 100.0))
            .unwrap_or_default(),
        fields: fields_of(TEXT_KEYS, &stored[..TEXT_KEYS.len()]),
        facts: fields_of(facts::KEYS, &stored[TEXT_KEYS.len()..]),
        week: super::hours::WeeklyHours::from_setting(
            (!hours.is_empty()).then_some(hours.as_str()),
            "/admin/parametres/horaires",
        ),
        csrf: session.csrf.clone(),
        secrets: SECRETS,
        numbers: numbers
            .into_iter()
            .map(|row| NumberView {
                webhook_url: webhook_url(&public_url, &row),
                provider: super::fmt::provider_label(&row.provider),
                state: super::fmt::number_status_label(&row.status),
                row,
            })
            .collect(),
        verify_hint: verify_hint(state.settings.whatsapp.verify_token.expose()),
        error,
        saved,
        shop,
    };
    let status = if page.error.is_some() {
        actix_web::http::StatusCode::BAD_REQUEST
    } else {
        actix_web::http::StatusCode::OK
    };
    if let Some(t) = typed {
        t.apply_to(&mut page);
    }
    let body = page.render().map_err(|e| AdminError::Internal(e.into()))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<String>,
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    q: web::Query<SavedQuery>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    render(&state, &session, None, q.saved.is_some(), None).await
}

#[derive(Deserialize, Clone)]
struct SettingsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    company_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    nif: String,
    #[serde(default)]
    stat: String,
    #[serde(default)]
    rcs: String,
    #[serde(default)]
    vat_rate: String,
    #[serde(default)]
    no_vat: Option<String>,
    #[serde(default)]
    timezone: String,
    /// The hours as JSON, for scripts and older forms: saved when given, left alone
    /// when absent (the page edits them with the weekly form, `super::hours`).
    #[serde(default)]
    hours: String,
    #[serde(flatten)]
    texts: std::collections::HashMap<String, String>,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl SettingsForm {
    fn identity(&self) -> Result<Identity, String> {
        let vat_rate_bp = if self.no_vat.is_some() {
            None
        } else {
            let text = self.vat_rate.trim().replace(',', ".");
            let pct: f64 = if text.is_empty() {
                20.0
            } else {
                text.parse()
                    .map_err(|_| format!("Taux de TVA « {} » : nombre attendu", self.vat_rate))?
            };
            Some((pct * 100.0).round() as i64)
        };
        Ok(Identity {
            company_name: self.company_name.trim().to_string(),
            email: opt(&self.email),
            phone: opt(&self.phone),
            address: opt(&self.address),
            nif: opt(&self.nif),
            stat: opt(&self.stat),
            rcs: opt(&self.rcs),
            vat_rate_bp,
            timezone: self.timezone.trim().to_string(),
        })
    }

    fn apply_to(self, page: &mut SettingsPage) {
        page.shop.company_name = self.company_name;
        page.shop.email = opt(&self.email);
        page.shop.phone = opt(&self.phone);
        page.shop.address = opt(&self.address);
        page.shop.nif = opt(&self.nif);
        page.shop.stat = opt(&self.stat);
        page.shop.rcs = opt(&self.rcs);
        page.shop.timezone = self.timezone;
        page.vat_percent = self.vat_rate;
        for f in page.fields.iter_mut().chain(&mut page.facts) {
            f.value = self.texts.get(f.key).cloned().unwrap_or_default();
        }
    }
}

async fn save(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let form = form.into_inner();
    let identity = match form.identity() {
        Ok(i) => i,
        Err(e) => return render(&state, &session, Some(e), false, Some(form)).await,
    };
    if let Some(w) = form
        .texts
        .get("notify.whatsapp")
        .filter(|w| !w.trim().is_empty())
    {
        if crate::db::inbox::wa_id(w).is_err() {
            let e = format!("WhatsApp de notification « {w} » : numéro international attendu");
            return render(&state, &session, Some(e), false, Some(form)).await;
        }
    }
    let hours = if form.hours.trim().is_empty() {
        None
    } else {
        match shop_admin::validate_hours(form.hours.trim()) {
            Ok(h) => Some(h),
            Err(e) => {
                return render(&state, &session, Some(e.to_string()), false, Some(form)).await
            }
        }
    };
    // A fact the assistant reads (zones, amounts, yes/no) is checked and tidied first:
    // a refused value names its field and what was expected.
    let mut texts = form.texts.clone();
    for &(key, label, _) in facts::KEYS {
        let typed = texts.get(key).map(String::as_str).unwrap_or("");
        match facts::validate(key, typed) {
            Ok(v) => {
                texts.insert(key.to_string(), v);
            }
            Err(e) => {
                let e = format!("{label} — {e}");
                return render(&state, &session, Some(e), false, Some(form)).await;
            }
        }
    }
    if let Some(e) = operators_refused(&state, session.shop, &texts).await? {
        return render(&state, &session, Some(e), false, Some(form)).await;
    }
    let shop = session.shop;
    let outcome = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            shop_admin::update_identity(&tx, shop, &identity)?;
            for (key, _, _) in all_keys() {
                let value = texts.get(*key).map(|v| v.trim()).unwrap_or("");
                if value.is_empty() {
                    shops::delete_setting(&tx, shop, key)?;
                } else {
                    shops::set_setting(&tx, shop, key, value)?;
                }
            }
            for (key, _) in SECRETS {
                if let Some(secret) = texts.get(*key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                    shops::set_setting(&tx, shop, key, secret)?;
                }
            }
            if let Some(h) = &hours {
                shops::set_setting(&tx, shop, "hours", h)?;
            }
            tx.commit()?;
            Ok(())
        })
        .await;
    match outcome {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header(("Location", "/admin/parametres?saved=1"))
            .finish()),
        Err(crate::db::DbError::Invalid(e)) => {
            render(&state, &session, Some(e), false, Some(form)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Why operator settings typed here (MVola, Orange Money, Airtel Money) are refused:
/// see [`crate::billing::refuse_operator_settings`].
async fn operators_refused(
    state: &AppState,
    shop: crate::db::ShopId,
    texts: &std::collections::HashMap<String, String>,
) -> Result<Option<String>, AdminError> {
    let typed: Vec<(String, String)> = texts
        .iter()
        .filter(|(k, v)| crate::billing::is_operator_setting(k) && !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), v.trim().to_string()))
        .collect();
    let plans = state.settings.plans.clone();
    let now = chrono::Utc::now();
    Ok(state
        .db
        .read(move |c| crate::billing::refuse_operator_settings(c, &plans, shop, &typed, now))
        .await?)
}
