//! `/admin/contacts`: every customer who wrote to the shop, searchable by name,
//! phone or tag; one contact's page (tags, opt-out, prospect stage, devis, status
//! history of the conversation). The CSV exports are in [`super::exports`].

use super::fmt::{local_date, local_time};
use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::contacts::{self, Contact, Filter};
use crate::db::{inbox, status_history, ConversationId};
use crate::money::format_amount;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

const PER_PAGE: i64 = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/contacts", web::get().to(list))
        .route(r"/admin/contacts/{id:\d+}", web::get().to(show))
        .route(r"/admin/contacts/{id:\d+}", web::post().to(update));
}

/// A contact as the pages show it.
pub struct ContactView {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub tags: Vec<String>,
    pub opted_out: bool,
    pub stage: String,
    pub messages: i64,
    pub devis: i64,
    pub first: String,
    pub last: String,
}

/// The French label of a prospect stage slug.
fn stage_label(stage: Option<&str>) -> String {
    stage
        .and_then(|s| crate::db::stats::PIPELINE.iter().find(|(k, _)| *k == s))
        .map(|(_, l)| l.to_string())
        .unwrap_or_else(|| "—".into())
}

impl ContactView {
    fn new(c: &Contact, tz: chrono_tz::Tz) -> Self {
        Self {
            id: c.conversation_id.0,
            name: c.name.clone().unwrap_or_else(|| "(sans nom)".into()),
            phone: c
                .phone
                .as_ref()
                .map(|p| format!("+{p}"))
                .unwrap_or_default(),
            tags: c.tags.clone(),
            opted_out: c.opted_out_at.is_some(),
            stage: stage_label(c.stage.as_deref()),
            messages: c.messages,
            devis: c.devis,
            first: local_date(&c.first_contact_at, tz),
            last: c
                .last_contact_at
                .as_deref()
                .map(|t| local_time(t, tz))
                .unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "contacts.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<ContactView>,
    tags: Vec<String>,
    q: String,
    tag: String,
    total: i64,
    page: i64,
    pages: i64,
    can_export: bool,
    /// After an erasure: how many conversations went.
    erased: Option<i64>,
}

impl ListPage {
    fn page_url(&self, page: &i64) -> String {
        format!(
            "/admin/contacts?q={}&tag={}&page={page}",
            urlencoding::encode(&self.q),
            urlencoding::encode(&self.tag)
        )
    }
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tag: String,
    page: Option<i64>,
    done: Option<String>,
    /// Conversations erased (with `done=efface`).
    n: Option<i64>,
}

async fn list(
    state: web::Data<AppState>,
    session: AdminSession,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AdminError> {
    let ListQuery {
        q,
        tag,
        page,
        done,
        n,
    } = query.into_inner();
    let page = page.unwrap_or(1).clamp(1, 100_000);
    let filter = Filter {
        q: Some(q.clone()),
        tag: Some(tag.clone()),
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
    };
    let shop = session.shop;
    let ((rows, total), tags) = state
        .db
        .read(move |c| {
            Ok((
                contacts::list(c, shop, &filter)?,
                contacts::all_tags(c, shop)?,
            ))
        })
        .await?;
    let tz = session.tz;
    html(
        ListPage {
            layout: Layout::new(&session, "Contacts", "/admin/contacts"),
            rows: rows.iter().map(|c| ContactView::new(c, tz)).collect(),
            tags,
            q,
            tag,
            total,
            page,
            pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
            can_export: session.account.role.can_manage(),
            erased: (done.as_deref() == Some("efface")).then(|| n.unwrap_or(0).max(0)),
        }
        .render(),
    )
}

#[derive(Template)]
#[template(path = "contact.html")]
struct ContactPage {
    layout: Layout,
    c: ContactView,
    tags_text: String,
    /// (label, time) of the conversation's status changes.
    history: Vec<(String, String)>,
    /// (id, number, total, date).
    devis: Vec<(i64, String, String, String)>,
    saved: bool,
    /// Owners and agencies: export and erase the customer's data.
    can_manage: bool,
    /// What to type to confirm an erasure: the number, else the WhatsApp user id.
    erase_key: String,
}

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AdminError> {
    let (shop, id) = (session.shop, ConversationId(path.into_inner()));
    let (contact, history, devis) = state
        .db
        .read(move |c| {
            let contact = contacts::get(c, shop, id)?;
            Ok((
                inbox::devis_of(c, shop, id, contact.phone.as_deref())?,
                status_history::of_conversation(c, shop, id)?,
                contact,
            ))
        })
        .await
        .map(|(d, h, c)| (c, h, d))?;
    let tz = session.tz;
    let history = history
        .iter()
        .map(|h| {
            let (_, label) = super::fmt::status_label(h.to.as_str());
            let what = match h.from {
                None => format!("Première conversation ({})", label.to_lowercase()),
                Some(_) => format!("Passée à « {label} »"),
            };
            (what, local_time(&h.at, tz))
        })
        .collect();
    let page = ContactPage {
        layout: Layout::new(&session, "Contact", "/admin/contacts"),
        tags_text: contact.tags.join(", "),
        c: ContactView::new(&contact, tz),
        history,
        devis: devis
            .iter()
            .map(|d| {
                (
                    d.id,
                    d.number.clone(),
                    format_amount(d.total_ttc, &d.currency),
                    local_date(&d.created_at, tz),
                )
            })
            .collect(),
        saved: query.done.as_deref() == Some("contact"),
        can_manage: session.account.role.can_manage(),
        erase_key: contact.key().to_string(),
    };
    html(page.render())
}

#[derive(Deserialize)]
struct UpdateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    tags: String,
    opted_out: Option<String>,
    /// `conversation`: go back to the thread.
    #[serde(default)]
    back: String,
}

async fn update(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<UpdateForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, ConversationId(path.into_inner()));
    let form = form.into_inner();
    let opted_out = form.opted_out.is_some();
    let tags = form.tags.clone();
    state
        .db
        .write(move |c| contacts::update(c, shop, id, &tags, opted_out))
        .await?;
    let to = if form.back == "conversation" {
        format!("/admin/conversations/{id}?done=contact")
    } else {
        format!("/admin/contacts/{id}?done=contact")
    };
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", to))
        .finish())
}
