//! Admin pages for devis: the list, a detail page with the PDF download, the accept
//! / refuse buttons and "Envoyer sur WhatsApp", and the line editor to create one
//! ([`editor`]). Every form carries the session's CSRF token.

mod editor;
mod form;
mod send;

use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::{devis, shops, DevisId};
use crate::kinds::DevisStatus;
use crate::money::format_amount;
use crate::quotes::{self, QuoteError};
use crate::web::public::pdf_response;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/devis", web::get().to(list))
        .route(r"/admin/devis/{id:\d+}", web::get().to(detail))
        .route(r"/admin/devis/{id:\d+}/pdf", web::get().to(pdf))
        .route(r"/admin/devis/{id:\d+}/statut", web::post().to(set_status));
    editor::configure(cfg);
    send::configure(cfg);
}

/// One devis as the pages show it, amounts already formatted.
pub struct Row {
    pub id: i64,
    pub number: String,
    pub date: String,
    pub customer: String,
    pub phone: String,
    pub total_ht: String,
    pub tva: String,
    pub total_ttc: String,
    pub status: String,
    pub status_label: &'static str,
    pub valid_until: String,
    pub words: String,
    pub lines: Vec<(String, String, i64, String, String)>,
}

pub fn status_label(s: DevisStatus) -> &'static str {
    match s {
        DevisStatus::Draft => "Brouillon",
        DevisStatus::Sent => "Envoyé",
        DevisStatus::Accepted => "Accepté",
        DevisStatus::Refused => "Refusé",
        DevisStatus::Expired => "Expiré",
    }
}

fn row(d: &devis::Devis, today: &str) -> Row {
    let status = quotes::effective_status(d, today);
    Row {
        id: d.id.0,
        number: d.number.clone(),
        date: quotes::chat::french_date(&d.created_at),
        customer: d.customer_name.clone().unwrap_or_else(|| "—".into()),
        phone: d.customer_phone.clone().unwrap_or_default(),
        total_ht: format_amount(d.total_ht, &d.currency),
        tva: match d.vat_rate_bp {
            Some(bp) => format!(
                "{} ({})",
                format_amount(d.tva, &d.currency),
                quotes::totals::rate_label(bp)
            ),
            None => "TVA non applicable".into(),
        },
        total_ttc: format_amount(d.total_ttc, &d.currency),
        status_label: status_label(status),
        status: status.to_string(),
        valid_until: quotes::chat::french_date(&d.valid_until),
        words: quotes::words::amount_sentence(d.total_ttc),
        lines: d
            .lines
            .iter()
            .map(|l| {
                (
                    l.designation.clone(),
                    l.sku.clone(),
                    l.qty,
                    format_amount(l.unit_price, &d.currency),
                    format_amount(l.line_total, &d.currency),
                )
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "devis_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
}

async fn list(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let rows = state
        .db
        .read(move |c| {
            let today = quotes::today_for(&shops::get(c, shop)?);
            Ok(devis::list(c, shop, 200, 0)?
                .iter()
                .map(|d| row(d, &today))
                .collect())
        })
        .await?;
    html(
        ListPage {
            layout: Layout::new(&session, "Devis", "/admin/devis"),
            rows,
        }
        .render(),
    )
}

#[derive(Template)]
#[template(path = "devis_detail.html")]
struct DetailPage {
    layout: Layout,
    d: Row,
    public_link: String,
    sent_notice: bool,
}

#[derive(serde::Deserialize)]
struct DetailQuery {
    done: Option<String>,
}

async fn detail(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    query: web::Query<DetailQuery>,
) -> Result<HttpResponse, AdminError> {
    let (shop, id) = (session.shop, DevisId(id.into_inner()));
    let (d, today) = state
        .db
        .read(move |c| {
            Ok((
                devis::get(c, shop, id)?,
                quotes::today_for(&shops::get(c, shop)?),
            ))
        })
        .await?;
    let page = DetailPage {
        layout: Layout::new(&session, &format!("Devis {}", d.number), "/admin/devis"),
        public_link: quotes::public_link(&state.settings.server.public_url, &d).unwrap_or_default(),
        sent_notice: query.done.as_deref() == Some("envoye"),
        d: row(&d, &today),
    };
    html(page.render())
}

async fn pdf(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
) -> Result<HttpResponse, AdminError> {
    let (shop, id) = (session.shop, DevisId(id.into_inner()));
    let (db, files) = (state.db.clone(), state.files.clone());
    let (d, bytes) = tokio::task::spawn_blocking(move || quotes::pdf_bytes(&db, &files, shop, id))
        .await
        .map_err(|e| AdminError::Internal(e.into()))??;
    Ok(pdf_response(&d.number, bytes, "attachment"))
}

#[derive(serde::Deserialize)]
struct StatusForm {
    csrf: String,
    action: String,
}

async fn set_status(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, DevisId(id.into_inner()));
    let action = form.action.clone();
    let res = state
        .db
        .write(move |c| {
            Ok(match action.as_str() {
                "accept" => crate::orders::accept(c, shop, id).map(|_| ()),
                "refuse" => quotes::refuse(c, shop, id).map_err(Into::into),
                _ => Err(QuoteError::Invalid("action inconnue".into()).into()),
            })
        })
        .await?;
    res?;
    Ok(see_other(&format!("/admin/devis/{}", id.0)))
}

pub fn see_other(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", to.to_string()))
        .finish()
}
