//! `/admin/devis/nouveau`: the devis line editor. It works without JavaScript: the
//! whole state (customer, lines, delivery, free-text lines, discount, the search
//! words) travels in the form, each button posts it back ("Chercher", "Ajouter",
//! "Retirer", "Ajouter une ligne libre") and the page comes back with the change and
//! the totals; "Créer le devis" issues it through `quotes::issue`, the chat's path.
//! `assets/devis.js` adds search as you type through `produits.json`. Opened from a
//! conversation, the customer and the lines the bot already drafted
//! (`assistant_state.pending_quote`) are filled in.

use super::see_other;
use crate::catalog::values::parse_price;
use crate::db::{assistant_state, conversations, products, ConversationId, ShopId};
use crate::kinds::DevisLineKind;
use crate::money::format_amount;
use crate::quotes::{self, ExtraLine, NewDevis, QuoteError};
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

/// The editor's state as the form carries it (typed text kept as typed).
#[derive(Debug, Default, Clone)]
struct Editor {
    conversation_id: String,
    customer_name: String,
    customer_phone: String,
    /// (sku, quantity as typed).
    items: Vec<(String, String)>,
    /// (label, quantity, unit price) as typed.
    customs: Vec<(String, String, String)>,
    delivery_label: String,
    delivery_fee: String,
    discount_label: String,
    discount_amount: String,
    q: String,
}

/// What a button asked for.
#[derive(Debug, PartialEq)]
enum Action {
    Create,
    Refresh,
    Add(String),
    Remove(String),
    RemoveCustom(usize),
    AddCustom,
}

impl Editor {
    fn from_form(form: &[(String, String)]) -> (Self, Action) {
        let mut e = Editor {
            delivery_label: "Livraison".into(),
            discount_label: "Remise".into(),
            ..Default::default()
        };
        let mut action = Action::Create;
        let (mut labels, mut qtys, mut prices) = (Vec::new(), Vec::new(), Vec::new());
        for (k, v) in form {
            let v = v.trim().to_string();
            match k.as_str() {
                "conversation_id" => e.conversation_id = v,
                "customer_name" => e.customer_name = v,
                "customer_phone" => e.customer_phone = v,
                "custom_label" => labels.push(v),
                "custom_qty" => qtys.push(v),
                "custom_price" => prices.push(v),
                "delivery_label" => e.delivery_label = v,
                "delivery_fee" => e.delivery_fee = v,
                "discount_label" => e.discount_label = v,
                "discount_amount" => e.discount_amount = v,
                "q" => e.q = v,
                "add" => action = Action::Add(v),
                "remove" => action = Action::Remove(v),
                "remove_custom" => {
                    action = v
                        .parse()
                        .map(Action::RemoveCustom)
                        .unwrap_or(Action::Refresh)
                }
                "do" => {
                    action = match v.as_str() {
                        "create" => Action::Create,
                        "add_custom" => Action::AddCustom,
                        _ => Action::Refresh,
                    }
                }
                _ => {
                    if let Some(sku) = k.strip_prefix("qty:") {
                        match e.items.iter_mut().find(|(s, _)| s == sku) {
                            Some(item) => item.1 = v,
                            None => e.items.push((sku.to_string(), v)),
                        }
                    }
                }
            }
        }
        for (i, label) in labels.into_iter().enumerate() {
            let qty = qtys.get(i).cloned().unwrap_or_default();
            let price = prices.get(i).cloned().unwrap_or_default();
            e.customs.push((label, qty, price));
        }
        (e, action)
    }

    fn apply(&mut self, action: &Action) {
        match action {
            Action::Add(sku) if !sku.is_empty() => {
                match self.items.iter_mut().find(|(s, _)| s == sku) {
                    Some(item) => {
                        let n = item.1.parse::<i64>().unwrap_or(0).max(0);
                        item.1 = (n + 1).to_string();
                    }
                    None => self.items.push((sku.clone(), "1".into())),
                }
            }
            Action::Remove(sku) => self.items.retain(|(s, _)| s != sku),
            Action::RemoveCustom(i) if *i < self.customs.len() => {
                self.customs.remove(*i);
            }
            Action::AddCustom => self.customs.push(Default::default()),
            _ => {}
        }
    }

    /// The devis these fields describe; a field that cannot be read names itself.
    fn to_new(&self) -> Result<NewDevis, String> {
        let int = |what: &str, v: &str| -> Result<i64, String> {
            v.replace(' ', "")
                .parse::<i64>()
                .map_err(|_| format!("{what} : « {v} » n'est pas un nombre entier"))
        };
        let amount = |what: &str, v: &str| -> Result<i64, String> {
            parse_price(v, "MGA").map_err(|e| format!("{what} : {e}"))
        };
        let mut items = Vec::new();
        for (sku, qty) in &self.items {
            if qty.is_empty() || qty == "0" {
                continue;
            }
            items.push((sku.clone(), int(&format!("quantité de « {sku} »"), qty)?));
        }
        let mut extras = Vec::new();
        for (label, qty, price) in &self.customs {
            if label.is_empty() && price.is_empty() {
                continue;
            }
            extras.push(ExtraLine {
                kind: DevisLineKind::Custom,
                designation: label.clone(),
                qty: if qty.is_empty() {
                    1
                } else {
                    int(&format!("quantité de « {label} »"), qty)?
                },
                unit_price: amount(&format!("prix de « {label} »"), price)?,
            });
        }
        if !self.delivery_fee.is_empty() {
            extras.push(ExtraLine {
                kind: DevisLineKind::Delivery,
                designation: self.delivery_label.clone(),
                qty: 1,
                unit_price: amount("frais de livraison", &self.delivery_fee)?,
            });
        }
        if !self.discount_amount.is_empty() {
            extras.push(ExtraLine {
                kind: DevisLineKind::Discount,
                designation: self.discount_label.clone(),
                qty: 1,
                unit_price: amount("remise", &self.discount_amount)?,
            });
        }
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Ok(NewDevis {
            conversation_id: self.conversation_id.parse().ok().map(ConversationId),
            customer_name: opt(&self.customer_name),
            customer_phone: opt(&self.customer_phone),
            items,
            extras,
        })
    }
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
    let found: Vec<products::Product> = if words.trim().is_empty() {
        // Before any search: the articles this shop puts in devis most often.
        state
            .db
            .read(move |c| products::suggested_for_devis(c, shop, RESULTS))
            .await?
    } else {
        blocking(move || Ok(catalog.search(shop, &words, RESULTS)?))
            .await?
            .into_iter()
            .map(|h| h.product)
            .collect()
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
    let csrf = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    session.check_csrf(csrf)?;
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

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn adding_a_product_twice_counts_two() {
        let (mut e, action) = Editor::from_form(&form(&[("qty:RIZ", "1"), ("add", "RIZ")]));
        e.apply(&action);
        assert_eq!(e.items, vec![("RIZ".to_string(), "2".to_string())]);
    }

    #[test]
    fn the_shops_own_lines_become_extras_in_order() {
        let (e, action) = Editor::from_form(&form(&[
            ("qty:RIZ", "2"),
            ("custom_label", "Pose"),
            ("custom_qty", ""),
            ("custom_price", "10 000"),
            ("delivery_label", "Livraison Analakely"),
            ("delivery_fee", "5 000 Ar"),
            ("discount_label", "Remise"),
            ("discount_amount", "2000"),
        ]));
        assert_eq!(action, Action::Create);
        let new = e.to_new().unwrap();
        assert_eq!(new.items, vec![("RIZ".to_string(), 2)]);
        let kinds: Vec<_> = new.extras.iter().map(|x| (x.kind, x.unit_price)).collect();
        assert_eq!(
            kinds,
            vec![
                (DevisLineKind::Custom, 10_000),
                (DevisLineKind::Delivery, 5_000),
                (DevisLineKind::Discount, 2_000)
            ]
        );
    }

    #[test]
    fn a_bad_amount_names_its_field() {
        let (e, _) = Editor::from_form(&form(&[("delivery_fee", "cinq mille")]));
        let err = e.to_new().unwrap_err();
        assert!(err.starts_with("frais de livraison"), "{err}");
    }

    #[test]
    fn the_bots_draft_becomes_lines() {
        let lines = drafted(Some(r#"[{"sku":"RIZ-25","qty":2},{"sku":"X","qty":0}]"#));
        assert_eq!(lines, vec![("RIZ-25".to_string(), "2".to_string())]);
        assert!(drafted(Some("not json")).is_empty());
    }
}
