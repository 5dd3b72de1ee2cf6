//! `/admin/numeros` (owners and agencies): the shop's WhatsApp numbers, each with the
//! webhook URL and verify token to paste at the provider, and the form that connects
//! a new one. The same page is step 3 of the first-run wizard and stays linked from
//! Paramètres; the connection itself is `whatsapp::connect`, shared with `varotra
//! number add`: the token is tried live against the provider and nothing is stored
//! when it is refused. A token is never shown back, not even after a refusal.

use super::pages::Layout;
use super::AdminSession;
use crate::db::shop_admin;
use crate::kinds::ProviderKind;
use crate::settings::Secret;
use crate::web::{AdminError, AppState};
use crate::whatsapp::connect::{self, ConnectError, NewConnection};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub const PATH: &str = "/admin/numeros";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(PATH, web::get().to(show))
        .route(PATH, web::post().to(add));
}

/// The number just connected, as the redirect after the form tells it.
struct Added {
    id: i64,
    name: Option<String>,
    checked: bool,
}

pub struct NumberView {
    pub wa_number: String,
    pub phone_number_id: String,
    pub provider: &'static str,
    pub state: &'static str,
    pub webhook_url: String,
    pub verify_token: Option<String>,
    /// Just connected: shown first, with its business name.
    pub added: bool,
}

#[derive(Template)]
#[template(path = "numbers.html")]
struct NumbersPage {
    layout: Layout,
    numbers: Vec<NumberView>,
    /// `<public_url>/webhooks/whatsapp`, shown before any Meta number exists.
    meta_webhook_url: String,
    notice: Option<String>,
    error: Option<String>,
    /// What was typed, the token left out.
    provider: String,
    phone_number_id: String,
    display_phone: String,
}

#[derive(Deserialize, Default)]
struct AddForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    provider: String,
    #[serde(default)]
    phone_number_id: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    display_phone: String,
}

#[derive(Deserialize)]
struct Shown {
    added: Option<i64>,
    name: Option<String>,
    /// Set when the provider could not be asked (Gupshup).
    unchecked: Option<String>,
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    added: Option<Added>,
    error: Option<String>,
    typed: AddForm,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let rows = state.db.read(move |c| shop_admin::numbers(c, shop)).await?;
    let public_url = &state.settings.server.public_url;
    let added_id = added.as_ref().map(|a| a.id);
    let mut numbers: Vec<NumberView> = rows
        .into_iter()
        .map(|row| {
            let provider = ProviderKind::parse(&row.provider).unwrap_or(ProviderKind::Meta);
            NumberView {
                webhook_url: connect::webhook_url(public_url, provider, &row.webhook_token),
                verify_token: connect::verify_token(provider, &row.webhook_token),
                provider: super::fmt::provider_label(&row.provider),
                state: super::fmt::number_status_label(&row.status),
                added: added_id == Some(row.id),
                wa_number: row.wa_number,
                phone_number_id: row.phone_number_id,
            }
        })
        .collect();
    numbers.sort_by_key(|n| !n.added);
    let notice = added.and_then(|a| {
        let n = numbers.iter().find(|n| n.added)?;
        let name = a.name.map(|v| format!(" (« {v} »)")).unwrap_or_default();
        let how = if a.checked {
            "le fournisseur a accepté le jeton"
        } else {
            "ce fournisseur ne permet pas de vérifier le jeton d'ici : envoyez un message d'essai"
        };
        Some(format!(
            "Numéro {}{name} connecté : {how}. Collez maintenant l'adresse du webhook{} ci-dessous.",
            n.wa_number,
            if n.verify_token.is_some() { " et le jeton de vérification" } else { "" }
        ))
    });
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = NumbersPage {
        layout: Layout::new(session, "Numéros WhatsApp", PATH),
        meta_webhook_url: connect::webhook_url(public_url, ProviderKind::Meta, ""),
        numbers,
        notice,
        error,
        provider: if typed.provider.is_empty() {
            "meta".into()
        } else {
            typed.provider
        },
        phone_number_id: typed.phone_number_id,
        display_phone: typed.display_phone,
    };
    let body = page.render().map_err(AdminError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    q: web::Query<Shown>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let q = q.into_inner();
    let added = q.added.map(|id| Added {
        id,
        name: q.name,
        checked: q.unchecked.is_none(),
    });
    render(&state, &session, added, None, AddForm::default()).await
}

async fn add(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let mut form = form.into_inner();
    let token = Secret::new(std::mem::take(&mut form.token));
    let Some(provider) = ProviderKind::parse(form.provider.trim()) else {
        let e = format!(
            "Fournisseur « {} » inconnu : meta, 360dialog ou gupshup.",
            form.provider
        );
        return render(&state, &session, None, Some(e), form).await;
    };
    let new = NewConnection {
        provider,
        phone_number_id: form.phone_number_id.clone(),
        token,
        display_phone: form.display_phone.clone(),
    };
    let outcome = connect::connect(
        &state.db,
        &state.http,
        &state.settings,
        session.shop,
        new,
        true,
    )
    .await;
    match outcome {
        Ok(done) => {
            tracing::info!(provider = %provider, checked = done.checked, "number connected");
            let name = done
                .verified_name
                .map(|n| format!("&name={}", urlencoding::encode(&n)))
                .unwrap_or_default();
            let unchecked = if done.checked { "" } else { "&unchecked=1" };
            Ok(HttpResponse::SeeOther()
                .insert_header((
                    "Location",
                    format!("{PATH}?added={}{name}{unchecked}", done.id),
                ))
                .finish())
        }
        Err(ConnectError::Db(e)) => Err(e.into()),
        Err(e) => {
            tracing::warn!(provider = %provider, error = %e, "number refused");
            render(&state, &session, None, Some(e.to_string()), form).await
        }
    }
}
