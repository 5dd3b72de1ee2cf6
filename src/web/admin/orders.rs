//! `/admin/commandes`: the shop's orders (filter by status, search by number, phone or
//! name), one order's detail with its lines, history and the payment the customer
//! claims, and the one-click steps: "Paiement reçu" (with the reference shown), the
//! next step, cancel. Each step is `orders::change`; the customer is told through the
//! outbox.

use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::{orders as rows, OrderId};
use crate::kinds::{OrderStatus, PaidBy};
use crate::money::format_amount;
use crate::orders::{self, tell, Actor, Change, Order};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/commandes", web::get().to(list))
        .route("/admin/commandes/{id:\\d+}", web::get().to(detail))
        .route("/admin/commandes/{id:\\d+}/etape", web::post().to(step))
        .route("/admin/commandes/{id:\\d+}/relance", web::post().to(remind))
        .route(
            "/admin/commandes/{id:\\d+}/paiement",
            web::post().to(request_payment),
        )
        .route(
            "/admin/commandes/{id:\\d+}/facture",
            web::post().to(send_invoice),
        )
        .route(
            "/admin/commandes/{id:\\d+}/facture.pdf",
            web::get().to(invoice_pdf),
        );
}

/// An order as a table row or the detail's header, every value ready to print.
pub struct Row {
    pub id: i64,
    pub number: String,
    pub date: String,
    pub customer: String,
    pub phone: String,
    pub total: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub claimed: String,
    pub invoice: String,
}

impl Row {
    pub fn new(o: &Order, tz: chrono_tz::Tz) -> Self {
        let claimed = match (&o.claimed_ref, o.claimed_by) {
            (Some(r), Some(by)) => format!("{} réf {r}", tell::channel_label(by)),
            (Some(r), None) => format!("réf {r}"),
            _ => String::new(),
        };
        Self {
            id: o.id.0,
            number: o.number.clone(),
            date: super::fmt::local_date(&o.created_at, tz),
            customer: o.customer_name.clone().unwrap_or_else(|| "—".into()),
            phone: o.customer_phone.clone().unwrap_or_default(),
            total: format_amount(o.total_ttc, &o.currency),
            status: o.status.as_str(),
            status_label: orders::label(o.status),
            claimed,
            invoice: o.invoice_number.clone().unwrap_or_default(),
        }
    }
}

pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "orders_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<Row>,
    total: i64,
    statuses: Vec<Choice>,
    q: String,
}

#[derive(Deserialize)]
struct ListQuery {
    statut: Option<String>,
    q: Option<String>,
}

async fn list(
    state: web::Data<AppState>,
    session: AdminSession,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AdminError> {
    let status = match query.statut.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Some(
            OrderStatus::parse(s)
                .ok_or_else(|| AdminError::BadRequest(format!("statut inconnu : {s}")))?,
        ),
        None => None,
    };
    let (shop, q) = (session.shop, query.q.clone().unwrap_or_default());
    let search = q.clone();
    let (found, total) = state
        .db
        .read(move |c| rows::list(c, shop, status, Some(&search), 200, 0))
        .await?;
    let statuses = OrderStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str(),
            label: orders::label(*s),
            selected: Some(*s) == status,
        })
        .collect();
    html(
        ListPage {
            layout: Layout::new(&session, "Commandes", "/admin/commandes"),
            rows: found.iter().map(|o| Row::new(o, session.tz)).collect(),
            total,
            statuses,
            q,
        }
        .render(),
    )
}

#[derive(Template)]
#[template(path = "order_detail.html")]
struct DetailPage {
    layout: Layout,
    o: Row,
    /// (designation, qty, line total)
    lines: Vec<(String, i64, String)>,
    /// (when, step, note)
    events: Vec<(String, &'static str, String)>,
    /// The one-click forward step (not "paid": that one has its own form).
    next: Option<Choice>,
    can_cancel: bool,
    to_pay: bool,
    channels: Vec<Choice>,
    claimed_ref: String,
    /// The payment screenshot the customer sent, as an admin media address.
    claimed_image: String,
}

async fn detail(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
) -> Result<HttpResponse, AdminError> {
    let (shop, id) = (session.shop, OrderId(id.into_inner()));
    let (o, d, events) = state
        .db
        .read(move |c| {
            let o = rows::get(c, shop, id)?;
            let d = orders::devis_of(c, &o)?;
            Ok((o, d, rows::events(c, shop, id)?))
        })
        .await?;
    let tz = session.tz;
    let next = orders::next_step(o.status)
        .filter(|s| *s != OrderStatus::Paid)
        .map(|s| Choice {
            value: s.as_str(),
            label: orders::label(s),
            selected: false,
        });
    let claimed_by = o.claimed_by;
    let channels = PaidBy::ALL
        .iter()
        .map(|p| Choice {
            value: p.as_str(),
            label: tell::channel_label(*p),
            selected: claimed_by == Some(*p),
        })
        .collect();
    html(
        DetailPage {
            layout: Layout::new(
                &session,
                &format!("Commande {}", o.number),
                "/admin/commandes",
            ),
            lines: d
                .lines
                .iter()
                .map(|l| {
                    (
                        l.designation.clone(),
                        l.qty,
                        format_amount(l.line_total, &d.currency),
                    )
                })
                .collect(),
            events: events
                .iter()
                .map(|e| {
                    (
                        super::fmt::local_time(&e.at, tz),
                        orders::label(e.status),
                        e.note.clone(),
                    )
                })
                .collect(),
            next,
            can_cancel: orders::allowed(o.status).contains(&OrderStatus::Cancelled),
            to_pay: o.status == OrderStatus::ToPay,
            channels,
            claimed_ref: o.claimed_ref.clone().unwrap_or_default(),
            claimed_image: match (o.conversation_id, o.claimed_message_id) {
                (Some(c), Some(m)) => format!("/admin/conversations/{c}/media/{m}"),
                _ => String::new(),
            },
            o: Row::new(&o, tz),
        }
        .render(),
    )
}

#[derive(Deserialize)]
struct StepForm {
    csrf: String,
    to: String,
    paid_by: Option<String>,
    reference: Option<String>,
}

async fn step(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<StepForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let to = OrderStatus::parse(&form.to)
        .ok_or_else(|| AdminError::BadRequest(format!("étape inconnue : {}", form.to)))?;
    let paid_by =
        match form.paid_by.as_deref().filter(|p| !p.is_empty()) {
            Some(p) => Some(PaidBy::parse(p).ok_or_else(|| {
                AdminError::BadRequest(format!("moyen de paiement inconnu : {p}"))
            })?),
            None => None,
        };
    let change = Change {
        to: Some(to),
        paid_by,
        reference: form.reference.clone(),
    };
    let (shop, id) = (session.shop, OrderId(id.into_inner()));
    let who = session.account.email.clone();
    state
        .db
        .write(move |c| Ok(orders::change(c, shop, id, &change, Actor::Owner(&who))))
        .await??;
    state.whatsapp.outbox_wake.notify_one();
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", format!("/admin/commandes/{}", id.0)))
        .finish())
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

/// The dashboard's reminder button: the customer gets the order's payment details again.
async fn remind(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, OrderId(id.into_inner()));
    state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let r = orders::remind(&tx, shop, id);
            if r.is_ok() {
                tx.commit()?;
            }
            Ok(r)
        })
        .await??;
    state.whatsapp.outbox_wake.notify_one();
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/admin#commandes"))
        .finish())
}

/// "Demander le paiement": a mobile-money request on the customer's number (its
/// operator by prefix), or the manual instructions when that operator is not set up.
async fn request_payment(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, OrderId(id.into_inner()));
    let ask = crate::payments::start::Ask {
        order: id,
        number: None,
        said: None,
    };
    let url = state.settings.server.public_url.clone();
    let plans = &state.settings.plans;
    crate::payments::start::start(
        &state.db,
        &state.http,
        &state.tokens,
        shop,
        ask,
        &url,
        plans,
    )
    .await?;
    state.whatsapp.outbox_wake.notify_one();
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", format!("/admin/commandes/{}", id.0)))
        .finish())
}

/// "Envoyer la facture": the paid order's facture as a document in its chat.
async fn send_invoice(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, OrderId(id.into_inner()));
    let (db, files) = (state.db.clone(), state.files.clone());
    web::block(move || orders::invoice::send_in_chat(&db, &files, shop, id))
        .await
        .map_err(AdminError::internal)??;
    state.whatsapp.outbox_wake.notify_one();
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", format!("/admin/commandes/{}", id.0)))
        .finish())
}

/// The facture of a paid order, rendered off the writer the first time.
async fn invoice_pdf(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
) -> Result<HttpResponse, AdminError> {
    let (shop, id) = (session.shop, OrderId(id.into_inner()));
    let (db, files) = (state.db.clone(), state.files.clone());
    let (number, bytes) = web::block(move || orders::invoice::pdf_bytes(&db, &files, shop, id))
        .await
        .map_err(AdminError::internal)??;
    Ok(crate::web::public::pdf_response(
        &number,
        bytes,
        "attachment",
    ))
}
