//! `/admin/devis/nouveau`: the devis line editor. It works without JavaScript: the
//! whole state (customer, lines, delivery, free-text lines, discount, the search
//! words) travels in the form, each button posts it back ("Chercher", "Ajouter",
//! "Retirer", "Ajouter une ligne libre") and the page comes back with the change and
//! the totals; "Créer le devis" issues it through `quotes::issue`, the chat's path.
//! `assets/devis.js` adds search as you type through `produits.json`. Opened from a
//! conversation, the customer and the lines the bot already drafted
//! (`assistant_state.pending_quote`) are filled in.

use super::form::{Action, Editor};
use super::see_other;
use crate::db::{assistant_state, conversations, products, ConversationId, ShopId};
use crate::money::format_amount;
use crate::quotes::{self, QuoteError};
use crate::web::admin::pages::{blocking, Layout};
use crate::web::admin::AdminSession;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// Results of one search: enough to choose on a phone, fast on 20 000 products.
const RESULTS: usize = 12;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/devis/nouveau", web::get().to(open))
        .route("/admin/devis/nouveau", web::post().to(post))
        .route("/admin/devis/produits.json", web::get().to(search_json));
}

/// A product line as the editor shows it.
pub struct ItemView {
    pub sku: String,
    pub title: String,
    pub price: String,
    pub qty: String,
}

/// A search result.
pub struct Found {
    pub sku: String,
    pub title: String,
    pub price: String,
    pub stock: String,
}

#[derive(Template)]
#[template(path = "devis_new.html")]
struct EditorPage {
    layout: Layout,
    e: Editor,
    items: Vec<ItemView>,
    found: Vec<Found>,
    searched: bool,
    /// The suggestions before a search are articles already put in devis.
    habit: bool,
    /// (HT, TVA, TTC) when the lines make a devis.
    totals: Option<(String, String, String)>,
    error: String,
    catalogue_empty: bool,
}

fn stock_label(stock: Option<i64>) -> String {
    match stock {
        None => String::new(),
        Some(0) => "épuisé".into(),
        Some(n) => format!("{n} en stock"),
    }
}

/// Renders the editor for `e`: its lines looked up, the search run, the totals.
async fn render(
    state: &AppState,
    session: &AdminSession,
    e: Editor,
    error: Option<String>,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let (catalog, words) = (state.catalog.clone(), e.q.clone());
    let (found, habit): (Vec<products::Product>, bool) = if words.trim().is_empty() {
        // Before any search: the articles this shop puts in devis most often.
        let rows = state
            .db
            .read(move |c| products::suggested_for_devis(c, shop, RESULTS))
            .await?;
        let habit = rows.first().is_some_and(|(_, n)| *n > 0);
        (rows.into_iter().map(|(p, _)| p).collect(), habit)
    } else {
        let hits = blocking(move || Ok(catalog.search(shop, &words, RESULTS)?)).await?;
        (hits.into_iter().map(|h| h.product).collect(), false)
    };
    let editor = e.clone();
    let (items, preview, count) = state
        .db
        .read(move |c| {
            let mut items = Vec::new();
            for (sku, qty) in &editor.items {
                let p = products::get_by_sku(c, shop, sku)?;
                items.push(ItemView {
                    title: p
                        .as_ref()
                        .map_or("(article inconnu)".into(), |p| p.title.clone()),
                    price: p
                        .as_ref()
                        .map_or("—".into(), |p| format_amount(p.price, &p.currency)),
                    sku: sku.clone(),
                    qty: qty.clone(),
                });
            }
            let preview = editor.to_new().map(|new| quotes::prepare(c, shop, &new));
            Ok((items, preview, products::count(c, shop, "")?))
        })
        .await?;
    let (totals, problem) = match preview {
        Ok(Ok(p)) => (
            Some((
                format_amount(p.row.total_ht, &p.row.currency),
                format_amount(p.row.tva, &p.row.currency),
                format_amount(p.row.total_ttc, &p.row.currency),
            )),
            None,
        ),
        Ok(Err(QuoteError::Empty)) => (None, None),
        Ok(Err(e @ (QuoteError::Db(_) | QuoteError::Pdf(_) | QuoteError::File(_)))) => {
            return Err(e.into())
        }
        Ok(Err(e)) => (None, Some(e.to_string())),
        Err(field) => (None, Some(field)),
    };
    let status = if error.is_some() {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        actix_web::http::StatusCode::OK
    };
    let page = EditorPage {
        layout: Layout::new(session, "Nouveau devis", "/admin/devis"),
        searched: !e.q.trim().is_empty(),
        habit,
        found: found
            .into_iter()
            .map(|p| Found {
                price: format_amount(p.price, &p.currency),
                stock: stock_label(p.stock),
                sku: p.sku,
                title: p.title,
            })
            .collect(),
        e,
        items,
        totals,
        error: error.or(problem).unwrap_or_default(),
        catalogue_empty: count == 0,
    };
    let body = page.render().map_err(AdminError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

#[derive(Deserialize, Default)]
struct OpenQuery {
    conversation: Option<i64>,
}

/// The lines the bot drafted in a conversation (`[{"sku","qty"}]`), if any.
fn drafted(json: Option<&str>) -> Vec<(String, String)> {
    #[derive(Deserialize)]
    struct Line {
        sku: String,
        qty: i64,
    }
    json.and_then(|j| serde_json::from_str::<Vec<Line>>(j).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|l| l.qty > 0)
        .map(|l| (l.sku, l.qty.to_string()))
        .collect()
}

async fn open(
    state: web::Data<AppState>,
    session: AdminSession,
    q: web::Query<OpenQuery>,
) -> Result<HttpResponse, AdminError> {
    let mut e = Editor {
        delivery_label: "Livraison".into(),
        discount_label: "Remise".into(),
        ..Default::default()
    };
    if let Some(conv) = q.conversation {
        let shop = session.shop;
        let (c, stored) = state
            .db
            .read(move |c| {
                let id = ConversationId(conv);
                Ok((
                    conversations::get(c, shop, id)?,
                    assistant_state::load(c, shop, id)?,
                ))
            })
            .await?;
        e.conversation_id = conv.to_string();
        e.customer_name = c.customer_name.unwrap_or_default();
        e.customer_phone = c
            .customer_phone
            .map(|p| format!("+{p}"))
            .unwrap_or_default();
        e.items = drafted(stored.pending_quote.as_deref());
    }
    render(&state, &session, e, None).await
}

async fn post(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AdminError> {
    let form = form.into_inner();
    session.check_csrf_in(&form)?;
    let (mut e, action) = Editor::from_form(&form);
    if action != Action::Create {
        e.apply(&action);
        if matches!(action, Action::Add(_)) {
            e.q.clear();
        }
        return render(&state, &session, e, None).await;
    }
    let new = match e.to_new() {
        Ok(new) => new,
        Err(why) => return render(&state, &session, e, Some(why)).await,
    };
    let shop = session.shop;
    // Numbered, totalled and its PDF made off the writer: the same path as the chat's.
    let (db, files, issuer) = (state.db.clone(), state.files.clone(), state.issuer.clone());
    let created =
        tokio::task::spawn_blocking(move || quotes::issue(&db, &files, &issuer, shop, &new))
            .await
            .map_err(AdminError::internal)?;
    match created {
        Ok(d) => Ok(see_other(&format!("/admin/devis/{}", d.id.0))),
        Err(e @ (QuoteError::Db(_) | QuoteError::Pdf(_) | QuoteError::File(_))) => Err(e.into()),
        // Shown on the editor with everything typed, so the owner fixes the line.
        Err(why) => render(&state, &session, e, Some(why.to_string())).await,
    }
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// `[{"sku","title","price","stock","photo"}]`: the editor's and the product
/// picker's search as you type.
async fn search_json(
    state: web::Data<AppState>,
    session: AdminSession,
    q: web::Query<SearchQuery>,
) -> Result<HttpResponse, AdminError> {
    let (shop, catalog): (ShopId, _) = (session.shop, state.catalog.clone());
    let words = q.into_inner().q;
    let hits = if words.trim().is_empty() {
        Vec::new()
    } else {
        blocking(move || Ok(catalog.search(shop, &words, RESULTS)?)).await?
    };
    let items: Vec<serde_json::Value> = hits
        .iter()
        .map(|h| {
            serde_json::json!({
                "sku": h.product.sku,
                "title": h.product.title,
                "price": format_amount(h.product.price, &h.product.currency),
                "stock": stock_label(h.product.stock),
                "photo": crate::catalog::images::is_stored(&h.product),
            })
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(items))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bots_draft_becomes_lines() {
        let lines = drafted(Some(r#"[{"sku":"RIZ-25","qty":2},{"sku":"X","qty":0}]"#));
        assert_eq!(lines, vec![("RIZ-25".to_string(), "2".to_string())]);
        assert!(drafted(Some("not json")).is_empty());
    }
}
