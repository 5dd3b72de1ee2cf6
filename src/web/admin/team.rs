//! `/admin/equipe`, the owner's "Équipe" page: the shop's accounts, inviting an agent,
//! a password link for a member (reset), disabling and enabling.
//!
//! Owners manage the shop's agents; agencies manage its owners and agents; nobody
//! disables themselves. A password link is shown on the page (to hand over on the
//! spot, offline) and emailed when SMTP is set. Making a reset link, disabling and
//! setting a password all end the member's sessions and API tokens at once.

use super::pages::{html, Layout};
use super::{AdminSession, CsrfForm};
use crate::crypto::tokens::{hash_token, random_token};
use crate::db::accounts::{self, AccountRow, Role};
use crate::db::password_links::{self, Purpose};
use crate::db::{AccountId, DbError};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// How long an invitation stays valid; a reset link lasts an hour.
const INVITE_DAYS: i64 = 7;
pub const RESET_HOURS: i64 = 1;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/equipe", web::get().to(show))
        .route("/admin/equipe/inviter", web::post().to(invite))
        .route(r"/admin/equipe/{id:\d+}/lien", web::post().to(reset_link))
        .route(
            r"/admin/equipe/{id:\d+}/desactiver",
            web::post().to(disable),
        )
        .route(r"/admin/equipe/{id:\d+}/activer", web::post().to(enable));
}

/// One member as the page shows it.
pub struct Member {
    pub id: i64,
    pub email: String,
    pub role: &'static str,
    pub state: &'static str,
    pub manageable: bool,
    pub disabled: bool,
    pub is_me: bool,
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage {
    layout: Layout,
    members: Vec<Member>,
    notice: Option<String>,
    link: Option<String>,
    error: Option<String>,
    invite_email: String,
}

/// Whether `me` may act on `target` (see the module docs).
fn may_manage(me: Role, target: Role) -> bool {
    match me {
        Role::Agency => target != Role::Agency,
        Role::Owner => target == Role::Agent,
        Role::Agent => false,
    }
}

fn member(row: &AccountRow, session: &AdminSession) -> Member {
    Member {
        id: row.id.0,
        email: row.email.clone(),
        role: row.role.label(),
        state: match (row.disabled, row.has_password) {
            (true, _) => "désactivé",
            (false, false) => "invité, mot de passe à choisir",
            (false, true) => "actif",
        },
        manageable: may_manage(session.account.role, row.role),
        disabled: row.disabled,
        is_me: row.id == session.account.id,
    }
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    outcome: Outcome,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let rows = state.db.read(move |c| accounts::members(c, shop)).await?;
    let status = if outcome.error.is_some() {
        actix_web::http::StatusCode::BAD_REQUEST
    } else {
        actix_web::http::StatusCode::OK
    };
    let page = TeamPage {
        layout: Layout::new(session, "Équipe", "/admin/equipe"),
        members: rows.iter().map(|r| member(r, session)).collect(),
        notice: outcome.notice,
        link: outcome.link,
        error: outcome.error,
        invite_email: outcome.invite_email,
    };
    let mut res = html(page.render())?;
    *res.status_mut() = status;
    Ok(res)
}

#[derive(Default)]
struct Outcome {
    notice: Option<String>,
    link: Option<String>,
    error: Option<String>,
    invite_email: String,
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    render(&state, &session, Outcome::default()).await
}

#[derive(Deserialize)]
struct InviteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

/// Makes a password link for `account` and says where it went (email, page).
async fn issue_link(
    state: &AppState,
    account: AccountId,
    email: &str,
    purpose: Purpose,
) -> Result<Outcome, AdminError> {
    let token = random_token();
    let (lifetime, valid) = match purpose {
        Purpose::Invite => (chrono::Duration::days(INVITE_DAYS), "7 jours"),
        Purpose::Reset => (chrono::Duration::hours(RESET_HOURS), "1 heure"),
    };
    let expires = (chrono::Utc::now() + lifetime)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let token_hash = hash_token(&token);
    state
        .db
        .write(move |c| {
            // A reset means the old password may be known to someone else: cut now.
            if purpose == Purpose::Reset {
                accounts::revoke_access(c, account)?;
            }
            password_links::insert(c, &token_hash, account, purpose, &expires)
        })
        .await?;
    let link = format!(
        "{}/admin/mot-de-passe/{token}",
        state.settings.server.public_url
    );
    let mailed = super::passwords::mail_link(state, email, &link, purpose, valid).await;
    let notice = match (purpose, mailed) {
        (Purpose::Invite, true) => format!("Invitation envoyée par email à {email} (lien valable {valid}). Vous pouvez aussi lui transmettre ce lien :"),
        (Purpose::Invite, false) => format!("Compte créé pour {email}. Transmettez-lui ce lien pour choisir son mot de passe (valable {valid}) :"),
        (Purpose::Reset, true) => format!("Lien envoyé par email à {email} (valable {valid}) ; ses sessions sont coupées. Le voici aussi :"),
        (Purpose::Reset, false) => format!("Sessions de {email} coupées. Transmettez-lui ce lien pour choisir un nouveau mot de passe (valable {valid}) :"),
    };
    Ok(Outcome {
        notice: Some(notice),
        link: Some(link),
        ..Default::default()
    })
}

async fn invite(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let email = form.email.trim().to_string();
    let shop = session.shop;
    let e2 = email.clone();
    let outcome = state
        .db
        .write(move |c| accounts::create_hashed(c, &e2, accounts::NO_PASSWORD, Role::Agent, shop))
        .await;
    let outcome = match outcome {
        Ok(accounts::Created::New(id)) => issue_link(&state, id, &email, Purpose::Invite).await?,
        Ok(_) | Err(DbError::Conflict(_)) => Outcome {
            error: Some(format!(
                "Un compte existe déjà pour {email} : il ne peut pas être invité comme agent."
            )),
            invite_email: email,
            ..Default::default()
        },
        Err(DbError::Invalid(e)) => Outcome {
            error: Some(e),
            invite_email: email,
            ..Default::default()
        },
        Err(e) => return Err(e.into()),
    };
    render(&state, &session, outcome).await
}

/// The member `id` of the session's shop that the session may manage.
async fn target(
    state: &AppState,
    session: &AdminSession,
    id: i64,
) -> Result<AccountRow, AdminError> {
    session.require_manager()?;
    let shop = session.shop;
    let row = state
        .db
        .read(move |c| accounts::member(c, shop, AccountId(id)))
        .await?;
    if !may_manage(session.account.role, row.role) {
        return Err(AdminError::Forbidden);
    }
    Ok(row)
}

async fn reset_link(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let row = target(&state, &session, *id).await?;
    let outcome = issue_link(&state, row.id, &row.email, Purpose::Reset).await?;
    render(&state, &session, outcome).await
}

async fn set_disabled(
    state: web::Data<AppState>,
    session: AdminSession,
    id: i64,
    csrf: &str,
    disabled: bool,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(csrf)?;
    let row = target(&state, &session, id).await?;
    if row.id == session.account.id {
        return Err(AdminError::BadRequest(
            "Vous ne pouvez pas désactiver votre propre compte.".into(),
        ));
    }
    let account = row.id;
    state
        .db
        .write(move |c| accounts::set_disabled(c, account, disabled))
        .await?;
    let notice = if disabled {
        format!(
            "{} est désactivé : ses sessions et jetons d'API sont coupés.",
            row.email
        )
    } else {
        format!("{} est réactivé.", row.email)
    };
    render(
        &state,
        &session,
        Outcome {
            notice: Some(notice),
            ..Default::default()
        },
    )
    .await
}

async fn disable(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    set_disabled(state, session, *id, &form.csrf, true).await
}

async fn enable(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    set_disabled(state, session, *id, &form.csrf, false).await
}
