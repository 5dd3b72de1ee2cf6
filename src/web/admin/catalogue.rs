//! `/admin/catalogue`: product list with search and paging, CSV upload (all or
//! nothing, every bad line shown), the CSV template, and the synonym list. Product
//! editing, stock and images are in `products`. Agents may look; only owners and
//! agencies change the catalogue.

use super::pages::{blocking, html, Layout};
use super::AdminSession;
use crate::catalog::csv::{and_more, RowError};
use crate::catalog::import::{import_csv, ImportError, ImportReport};
use crate::catalog::{images, starters, synonyms};
use crate::db::products;
use crate::money::format_amount;
use crate::web::multipart::{read_form, FormSpec};
use crate::web::paging;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

const PAGE: usize = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/catalogue", web::get().to(list))
        .route("/admin/catalogue/import", web::post().to(upload))
        .route("/admin/catalogue/depart", web::post().to(starter))
        .route("/admin/catalogue/modele.csv", web::get().to(template_csv))
        .route("/admin/catalogue/synonymes", web::get().to(synonyms_form))
        .route("/admin/catalogue/synonymes", web::post().to(synonyms_save));
}

pub struct Row {
    pub id: i64,
    pub sku: String,
    pub title: String,
    pub price: String,
    pub stock: String,
    pub has_image: bool,
}

#[derive(Template)]
#[template(path = "catalogue_list.html")]
struct ListPage {
    layout: Layout,
    q: String,
    rows: Vec<Row>,
    page: usize,
    prev: Option<String>,
    next: Option<String>,
    total: Option<i64>,
    can_manage: bool,
    /// The starter catalogues offered (key, trade).
    trades: &'static [(&'static str, &'static str)],
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    q: String,
    /// From 0; bounded by [`paging`] (deeper for the list than for a search).
    page: Option<i64>,
}

fn page_link(q: &str, page: usize) -> String {
    format!("/admin/catalogue?q={}&page={page}", urlencoding::encode(q))
}

async fn list(
    state: web::Data<AppState>,
    session: AdminSession,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AdminError> {
    let ListQuery { q, page } = query.into_inner();
    let max_offset = if q.trim().is_empty() {
        paging::MAX_OFFSET
    } else {
        paging::MAX_SEARCH_WINDOW - PAGE as i64
    };
    let (page, _) = paging::by_page(page, None, 0, (PAGE as i64, PAGE as i64), max_offset)?;
    let page = page as usize;
    let (shop, catalog, db) = (session.shop, state.catalog.clone(), state.db.clone());
    let q2 = q.clone();
    let (products, total) = blocking(move || {
        if q2.trim().is_empty() {
            db.read_blocking(|c| {
                Ok((
                    products::list(c, shop, "", PAGE, page * PAGE)?,
                    Some(products::count(c, shop, "")?),
                ))
            })
            .map_err(AdminError::from)
        } else {
            let hits = catalog
                .search_page(shop, &q2, PAGE, page * PAGE)
                .map_err(AdminError::from)?;
            let ids: Vec<_> = hits.iter().map(|h| h.id).collect();
            let mut map = db.read_blocking(|c| products::get_many(c, shop, &ids))?;
            Ok((ids.iter().filter_map(|id| map.remove(id)).collect(), None))
        }
    })
    .await?;
    let full = products.len() == PAGE;
    let rows = products
        .into_iter()
        .map(|p| Row {
            id: p.id.0,
            has_image: images::is_stored(&p),
            price: format_amount(p.price, &p.currency),
            stock: p.stock.map(|s| s.to_string()).unwrap_or_else(|| "—".into()),
            sku: p.sku,
            title: p.title,
        })
        .collect();
    let more = match total {
        Some(t) => ((page + 1) * PAGE) < t as usize,
        None => full,
    };
    let page_view = ListPage {
        layout: Layout::new(&session, "Catalogue", "/admin/catalogue"),
        prev: (page > 0).then(|| page_link(&q, page - 1)),
        next: more.then(|| page_link(&q, page + 1)),
        q,
        rows,
        page: page + 1,
        trades: starters::TRADES,
        total,
        can_manage: session.account.role.can_manage(),
    };
    html(page_view.render())
}

#[derive(Template)]
#[template(path = "catalogue_import.html")]
struct ImportPage {
    layout: Layout,
    report: Option<ImportReport>,
    message: String,
    errors: Vec<RowError>,
    /// "… et N autres" under the errors, when there were more than a hundred.
    more_errors: Option<String>,
    warnings: Vec<RowError>,
    more_warnings: Option<String>,
}

async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    session: AdminSession,
    payload: web::Payload,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let spec = FormSpec {
        files: &["file"],
        texts: &["csrf", "dry_run"],
    };
    let form = read_form(&req, payload, &spec).await?;
    session.check_csrf(form.fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    let Some(bytes) = form.files.get("file").cloned().filter(|b| !b.is_empty()) else {
        return Err(AdminError::BadRequest("choisissez un fichier CSV".into()));
    };
    let dry_run = form.flag("dry_run");
    import_page(&state, &session, bytes, dry_run).await
}

#[derive(Deserialize)]
struct StarterForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    trade: String,
}

/// Loads the starter catalogue of a trade, through the same import as an upload.
async fn starter(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<StarterForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let Some(bytes) = starters::csv(&form.trade) else {
        return Err(AdminError::BadRequest(format!(
            "catalogue type « {} » inconnu",
            form.trade
        )));
    };
    import_page(&state, &session, bytes, false).await
}

/// Imports `bytes` and shows the report, or every refused line.
async fn import_page(
    state: &AppState,
    session: &AdminSession,
    bytes: Vec<u8>,
    dry_run: bool,
) -> Result<HttpResponse, AdminError> {
    let (db, catalog, shop) = (state.db.clone(), state.catalog.clone(), session.shop);
    let outcome = web::block(move || import_csv(&db, &catalog, shop, &bytes, dry_run))
        .await
        .map_err(AdminError::internal)?;
    let layout = Layout::new(session, "Import du catalogue", "/admin/catalogue");
    let (page, status) = match outcome {
        Ok(report) => (
            ImportPage {
                layout,
                message: String::new(),
                warnings: report.warnings.clone(),
                more_warnings: and_more(report.more_warnings),
                report: Some(report),
                errors: Vec::new(),
                more_errors: None,
            },
            actix_web::http::StatusCode::OK,
        ),
        Err(e @ ImportError::Invalid { .. }) => {
            let message = e.to_string();
            let ImportError::Invalid {
                errors,
                more_errors,
                warnings,
                more_warnings,
            } = e
            else {
                unreachable!()
            };
            (
                ImportPage {
                    layout,
                    report: None,
                    message,
                    errors,
                    more_errors: and_more(more_errors),
                    warnings,
                    more_warnings: and_more(more_warnings),
                },
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(ImportError::Db(e)) => return Err(e.into()),
        Err(other) => return Err(AdminError::internal(other)),
    };
    let body = page.render().map_err(AdminError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// The CSV template: `;` separated with a BOM, as Excel in French opens it.
pub const TEMPLATE_CSV: &str = "\u{feff}sku;title;price;currency;stock;description;image\r\nRIZ-MAK-1K;Riz makalioka 1 kg;3 500;MGA;250;Riz local, vendu au kilo;\r\nTEL-A05;Smartphone Samsung Galaxy A05 64 Go;520 000;MGA;4;\"Écran 6,7\"\", double SIM; chargeur inclus\";\r\n";

async fn template_csv(_session: AdminSession) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"modele-catalogue.csv\"",
        ))
        .body(TEMPLATE_CSV)
}

#[derive(Template)]
#[template(path = "catalogue_synonyms.html")]
struct SynonymsPage {
    layout: Layout,
    text: String,
    error: Option<String>,
    saved: bool,
}

async fn synonyms_form(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let rows = state.db.read(move |c| synonyms::load(c, shop)).await?;
    html(
        SynonymsPage {
            layout: Layout::new(&session, "Synonymes de recherche", "/admin/catalogue"),
            text: synonyms::to_text(&rows),
            error: None,
            saved: false,
        }
        .render(),
    )
}

#[derive(Deserialize)]
struct SynonymsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

async fn synonyms_save(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<SynonymsForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let layout = Layout::new(&session, "Synonymes de recherche", "/admin/catalogue");
    match synonyms::parse(&form.text) {
        Err(error) => {
            let body = SynonymsPage {
                layout,
                text: form.text.clone(),
                error: Some(error),
                saved: false,
            }
            .render()
            .map_err(AdminError::internal)?;
            Ok(HttpResponse::BadRequest()
                .content_type("text/html; charset=utf-8")
                .body(body))
        }
        Ok(rows) => {
            let (catalog, shop) = (state.catalog.clone(), session.shop);
            let text = synonyms::to_text(&rows);
            blocking(move || catalog.save_synonyms(shop, rows).map_err(AdminError::from)).await?;
            html(
                SynonymsPage {
                    layout,
                    text,
                    error: None,
                    saved: true,
                }
                .render(),
            )
        }
    }
}
