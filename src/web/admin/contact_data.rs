//! A customer's data rights from their contact page (owners and agencies only):
//! `GET /admin/contacts/{id}/export` downloads everything the shop holds on them (one
//! JSON file, their files inside in base64), and `POST /admin/contacts/{id}/effacer`
//! erases them after the number is typed again, as `varotra contact delete` does.

use crate::crm::erasure;
use crate::db::{contacts, ConversationId};
use crate::web::admin::pages::blocking;
use crate::web::admin::AdminSession;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use base64::Engine;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(r"/admin/contacts/{id:\d+}/export", web::get().to(export))
        .route(r"/admin/contacts/{id:\d+}/effacer", web::post().to(erase));
}

/// The key the customer's rows are stored under ([`contacts::Contact::key`]), and
/// their phone when they have one.
async fn customer_of(
    state: &AppState,
    session: &AdminSession,
    id: i64,
) -> Result<(String, Option<String>), AdminError> {
    let shop = session.shop;
    let contact = state
        .db
        .read(move |c| contacts::get(c, shop, ConversationId(id)))
        .await?;
    Ok((contact.key().to_string(), contact.phone))
}

async fn export(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let (key, _) = customer_of(&state, &session, path.into_inner()).await?;
    let (db, files, shop, k) = (
        state.db.clone(),
        state.files.clone(),
        session.shop,
        key.clone(),
    );
    let (mut data, opened) =
        blocking(move || Ok(erasure::export_customer(&db, &files, shop, &k)?)).await?;
    data["fichiers"] = opened
        .iter()
        .map(|(name, bytes)| {
            serde_json::json!({
                "nom": name,
                "contenu_base64": base64::engine::general_purpose::STANDARD.encode(bytes),
            })
        })
        .collect();
    let body = serde_json::to_vec_pretty(&data).map_err(AdminError::internal)?;
    let safe: String = key.chars().filter(char::is_ascii_alphanumeric).collect();
    tracing::info!(
        shop = shop.0,
        files = opened.len(),
        "customer data exported"
    );
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"client-{safe}.json\""),
        ))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(body))
}

#[derive(Deserialize)]
struct EraseForm {
    #[serde(default)]
    csrf: String,
    /// The customer's number typed again: an erasure cannot be undone.
    #[serde(default)]
    confirm: String,
}

async fn erase(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<EraseForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let id = path.into_inner();
    let (key, phone) = customer_of(&state, &session, id).await?;
    let typed: String = form.confirm.chars().filter(char::is_ascii_digit).collect();
    let expected = phone.as_deref().unwrap_or(&key);
    if phone.is_some() && typed != expected || phone.is_none() && form.confirm.trim() != key {
        return Err(AdminError::BadRequest(format!(
            "pour effacer ce client, retapez son numéro ({expected}) dans la case de confirmation : rien n'a été effacé"
        )));
    }
    let (db, files, shop) = (state.db.clone(), state.files.clone(), session.shop);
    let done = blocking(move || Ok(erasure::erase_customer(&db, &files, shop, &key)?)).await?;
    tracing::info!(
        shop = shop.0,
        conversations = done.erased.conversations,
        files = done.files_deleted(),
        kept = done.kept.len(),
        "customer erased from the admin"
    );
    if !done.kept.is_empty() {
        return Err(AdminError::Internal(anyhow::anyhow!(
            "files not deleted: {}",
            done.kept.join(", ")
        )));
    }
    Ok(HttpResponse::SeeOther()
        .insert_header((
            "Location",
            format!(
                "/admin/contacts?done=efface&n={}",
                done.erased.conversations
            ),
        ))
        .finish())
}
