//! Agencies: `/admin/boutiques` lists the shops of the account (an owner or an agent
//! sees only its own), an agency creates a shop there, and `POST /admin/shop` switches
//! the session to another shop the account is a member of.

use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::accounts::Role;
use crate::db::shop_admin;
use crate::db::shops::NewShop;
use crate::db::ShopId;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/boutiques", web::get().to(list))
        .route("/admin/boutiques", web::post().to(create))
        .route("/admin/shop", web::post().to(switch));
}

#[derive(Template)]
#[template(path = "agency.html")]
struct ShopsPage {
    layout: Layout,
    can_create: bool,
    error: Option<String>,
    slug: String,
    name: String,
}

async fn list(session: AdminSession) -> Result<HttpResponse, AdminError> {
    page(&session, None, String::new(), String::new())
}

fn page(
    session: &AdminSession,
    error: Option<String>,
    slug: String,
    name: String,
) -> Result<HttpResponse, AdminError> {
    let status = if error.is_some() {
        actix_web::http::StatusCode::BAD_REQUEST
    } else {
        actix_web::http::StatusCode::OK
    };
    let page = ShopsPage {
        layout: Layout::new(session, "Boutiques", "/admin/boutiques"),
        can_create: session.account.role == Role::Agency,
        error,
        slug,
        name,
    };
    let mut res = html(page.render())?;
    *res.status_mut() = status;
    Ok(res)
}

#[derive(Deserialize)]
struct CreateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
}

async fn create(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<CreateForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    if session.account.role != Role::Agency {
        return Err(AdminError::Forbidden);
    }
    let form = form.into_inner();
    let new = NewShop {
        slug: form.slug.trim().to_lowercase(),
        company_name: form.name.trim().to_string(),
        ..Default::default()
    };
    let (account, token) = (session.account.id, session.token_hash.clone());
    let outcome = state
        .db
        .write(move |c| {
            let id = shop_admin::create_for_agency(c, account, Role::Agency, &new)?;
            shop_admin::switch_session_shop(c, &token, account, id)?;
            Ok(id)
        })
        .await;
    match outcome {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header(("Location", "/admin/parametres"))
            .finish()),
        Err(crate::db::DbError::Invalid(e) | crate::db::DbError::Conflict(e)) => {
            page(&session, Some(e), form.slug, form.name)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct SwitchForm {
    #[serde(default)]
    csrf: String,
    shop_id: i64,
}

async fn switch(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<SwitchForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (account, token, shop) = (
        session.account.id,
        session.token_hash.clone(),
        ShopId(form.shop_id),
    );
    state
        .db
        .write(move |c| shop_admin::switch_session_shop(c, &token, account, shop))
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/admin"))
        .finish())
}
