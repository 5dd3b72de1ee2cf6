//! CSV exports for a spreadsheet (owners and agencies only: it is the customers'
//! data): contacts, prospects and devis of the current shop. Semicolon-separated
//! with a UTF-8 byte-order mark, which is what Excel in a French locale opens
//! correctly; dates in the shop's time zone as `AAAA-MM-JJ HH:MM`; amounts in Ariary
//! as plain integers.

use super::AdminSession;
use crate::db::contacts::{self, Filter};
use crate::db::{devis, prospects};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};

/// Enough for any shop here; a bigger one gets the latest this many.
const MAX_ROWS: i64 = 200_000;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/contacts/export.csv", web::get().to(contacts_csv))
        .route("/admin/prospects/export.csv", web::get().to(prospects_csv))
        .route("/admin/devis/export.csv", web::get().to(devis_csv));
}

/// The French label of a prospect stage slug (`devis_envoye` → `Devis envoyé`).
fn stage(slug: Option<&str>) -> String {
    slug.map(|s| {
        crate::db::stats::PIPELINE
            .iter()
            .find(|(k, _)| *k == s)
            .map_or(s.to_string(), |(_, l)| l.to_string())
    })
    .unwrap_or_default()
}

fn local(rfc3339: Option<&str>, tz: chrono_tz::Tz) -> String {
    rfc3339
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Writes `header` and `rows` as the CSV file `name`.
fn csv_response(
    name: &str,
    header: &[&str],
    rows: Vec<Vec<String>>,
) -> Result<HttpResponse, AdminError> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(header).map_err(AdminError::internal)?;
    for r in rows {
        out.write_record(&r).map_err(AdminError::internal)?;
    }
    let body = out.into_inner().map_err(AdminError::internal)?;
    let day = chrono::Utc::now().format("%Y-%m-%d");
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}-{day}.csv\""),
        ))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(body))
}

async fn contacts_csv(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let (shop, tz) = (session.shop, session.tz);
    let filter = Filter {
        limit: MAX_ROWS,
        ..Default::default()
    };
    let (rows, _) = state
        .db
        .read(move |c| contacts::list(c, shop, &filter))
        .await?;
    let rows = rows
        .iter()
        .map(|c| {
            vec![
                c.name.clone().unwrap_or_default(),
                c.phone.clone().unwrap_or_default(),
                c.tags.join(", "),
                if c.opted_out_at.is_some() {
                    "oui"
                } else {
                    "non"
                }
                .into(),
                stage(c.stage.as_deref()),
                c.messages.to_string(),
                c.devis.to_string(),
                local(Some(&c.first_contact_at), tz),
                local(c.last_contact_at.as_deref(), tz),
            ]
        })
        .collect();
    csv_response(
        "contacts",
        &[
            "nom",
            "telephone",
            "etiquettes",
            "ne_veut_plus_de_messages",
            "etape",
            "messages",
            "devis",
            "premier_contact",
            "dernier_contact",
        ],
        rows,
    )
}

async fn prospects_csv(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let (shop, tz) = (session.shop, session.tz);
    let (rows, _) = state
        .db
        .read(move |c| prospects::list(c, shop, None, MAX_ROWS, 0))
        .await?;
    let rows = rows
        .iter()
        .map(|p| {
            vec![
                p.name.clone().unwrap_or_default(),
                p.phone.clone(),
                stage(Some(&p.status)),
                p.messages.to_string(),
                p.devis.to_string(),
                local(Some(&p.first_contact_at), tz),
                local(Some(&p.last_contact_at), tz),
                p.notes.clone(),
            ]
        })
        .collect();
    csv_response(
        "prospects",
        &[
            "nom",
            "telephone",
            "etape",
            "messages",
            "devis",
            "premier_contact",
            "dernier_contact",
            "notes",
        ],
        rows,
    )
}

async fn devis_csv(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let (shop, tz) = (session.shop, session.tz);
    let rows = state
        .db
        .read(move |c| devis::list(c, shop, MAX_ROWS, 0))
        .await?;
    let rows = rows
        .iter()
        .map(|d| {
            vec![
                d.number.clone(),
                local(Some(&d.created_at), tz),
                d.customer_name.clone().unwrap_or_default(),
                d.customer_phone.clone().unwrap_or_default(),
                super::devis::status_label(d.status).to_string(),
                d.total_ht.0.to_string(),
                d.tva.0.to_string(),
                d.total_ttc.0.to_string(),
                d.currency.clone(),
                d.valid_until.clone(),
            ]
        })
        .collect();
    csv_response(
        "devis",
        &[
            "numero",
            "date",
            "client",
            "telephone",
            "statut",
            "total_ht",
            "tva",
            "total_ttc",
            "devise",
            "valable_jusqu_au",
        ],
        rows,
    )
}
