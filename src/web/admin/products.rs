//! One product in the admin: create, edit, delete, stock, image upload and the
//! authenticated image route. The image is stored encrypted via the FileStore under
//! `products/{shop}/{sku}` and only served to a logged-in admin of the same shop.

use super::pages::{blocking, Layout};
use super::{AdminSession, CsrfForm};
use crate::catalog::images;
use crate::catalog::values::{generate_sku, parse_currency, parse_price, parse_stock};
use crate::db::products::{self, Product, ProductInput};
use crate::db::ProductId;
use crate::web::multipart::{read_form, FormSpec};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/catalogue/nouveau", web::get().to(new_form))
        .route("/admin/catalogue/nouveau", web::post().to(create))
        .route(r"/admin/catalogue/{id:\d+}", web::get().to(edit_form))
        .route(r"/admin/catalogue/{id:\d+}", web::post().to(update))
        .route(
            r"/admin/catalogue/{id:\d+}/supprimer",
            web::post().to(delete),
        )
        .route(r"/admin/catalogue/{id:\d+}/stock", web::post().to(stock))
        .route(
            r"/admin/catalogue/{id:\d+}/image",
            web::post().to(upload_image),
        )
        .route(r"/admin/catalogue/{id:\d+}/image", web::get().to(image));
}

#[derive(Deserialize, Default, Clone)]
pub struct ProductForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    sku: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    price: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    stock: String,
    #[serde(default)]
    description: String,
}

impl ProductForm {
    fn from_product(p: &Product) -> Self {
        ProductForm {
            csrf: String::new(),
            sku: p.sku.clone(),
            title: p.title.clone(),
            price: p.price.0.to_string(),
            currency: p.currency.clone(),
            stock: p.stock.map(|s| s.to_string()).unwrap_or_default(),
            description: p.description.clone(),
        }
    }

    /// Checks the form like an import row; errors in French for the page.
    fn input(&self) -> Result<ProductInput, String> {
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        let sku = self.sku.trim().to_string();
        if title.is_empty() {
            return Err("la désignation est obligatoire".into());
        }
        let sku = if sku.is_empty() {
            generate_sku(&title)
        } else {
            sku
        };
        let currency = parse_currency(&self.currency)?;
        Ok(ProductInput {
            price: crate::money::Ariary(parse_price(&self.price, &currency)?),
            stock: parse_stock(&self.stock)?,
            sku,
            title,
            currency,
            description: self.description.trim().to_string(),
            image: None,
        })
    }
}

#[derive(Template)]
#[template(path = "catalogue_edit.html")]
struct EditPage {
    layout: Layout,
    id: Option<i64>,
    form: ProductForm,
    error: Option<String>,
    has_image: bool,
    can_manage: bool,
}

fn page(
    session: &AdminSession,
    id: Option<i64>,
    form: ProductForm,
    error: Option<String>,
    has_image: bool,
) -> Result<HttpResponse, AdminError> {
    let title = if id.is_some() {
        "Modifier le produit"
    } else {
        "Nouveau produit"
    };
    let status = if error.is_some() {
        actix_web::http::StatusCode::BAD_REQUEST
    } else {
        actix_web::http::StatusCode::OK
    };
    let body = EditPage {
        layout: Layout::new(session, title, "/admin/catalogue"),
        id,
        form,
        error,
        has_image,
        can_manage: session.account.role.can_manage(),
    }
    .render()
    .map_err(AdminError::internal)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

fn back_to_list() -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", "/admin/catalogue"))
        .finish()
}

async fn new_form(session: AdminSession) -> Result<HttpResponse, AdminError> {
    page(&session, None, ProductForm::default(), None, false)
}

async fn create(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<ProductForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let form = form.into_inner();
    let input = match form.input() {
        Ok(i) => i,
        Err(e) => return page(&session, None, form, Some(e), false),
    };
    let (catalog, shop) = (state.catalog.clone(), session.shop);
    let res = blocking(move || {
        catalog
            .create_product(shop, &input)
            .map_err(AdminError::from)
    })
    .await;
    match res {
        Ok(_) => Ok(back_to_list()),
        Err(AdminError::BadRequest(e)) => page(&session, None, form, Some(e), false),
        Err(e) => Err(e),
    }
}

async fn load(state: &AppState, session: &AdminSession, id: i64) -> Result<Product, AdminError> {
    let shop = session.shop;
    Ok(state
        .db
        .read(move |c| products::get(c, shop, ProductId(id)))
        .await?)
}

async fn edit_form(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
) -> Result<HttpResponse, AdminError> {
    let p = load(&state, &session, *id).await?;
    page(
        &session,
        Some(p.id.0),
        ProductForm::from_product(&p),
        None,
        images::is_stored(&p),
    )
}

async fn update(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<ProductForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let old = load(&state, &session, *id).await?;
    let form = form.into_inner();
    let mut input = match form.input() {
        Ok(i) => i,
        Err(e) => {
            return page(
                &session,
                Some(old.id.0),
                form,
                Some(e),
                images::is_stored(&old),
            )
        }
    };
    // A renamed SKU moves its stored image along.
    if images::is_stored(&old) && old.sku != input.sku {
        let (from, to) = (
            images::file_name(old.shop_id, &old.sku),
            images::file_name(old.shop_id, &input.sku),
        );
        let bytes = state.files.get(&from).map_err(AdminError::internal)?;
        state.files.put(&to, &bytes).map_err(AdminError::internal)?;
        let _ = state.files.delete(&from);
        input.image = Some(to);
    }
    let (catalog, shop, pid) = (state.catalog.clone(), session.shop, old.id);
    let res = blocking(move || {
        catalog
            .update_product(shop, pid, &input)
            .map_err(AdminError::from)
    })
    .await;
    match res {
        Ok(_) => Ok(back_to_list()),
        Err(AdminError::BadRequest(e)) => page(
            &session,
            Some(old.id.0),
            form,
            Some(e),
            images::is_stored(&old),
        ),
        Err(e) => Err(e),
    }
}

async fn delete(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let (catalog, shop, pid) = (state.catalog.clone(), session.shop, ProductId(*id));
    let gone =
        blocking(move || catalog.delete_product(shop, pid).map_err(AdminError::from)).await?;
    if images::is_stored(&gone) {
        let _ = state
            .files
            .delete(&images::file_name(gone.shop_id, &gone.sku));
    }
    Ok(back_to_list())
}

#[derive(Deserialize)]
struct StockForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    stock: String,
}

async fn stock(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<StockForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let stock = parse_stock(&form.stock).map_err(AdminError::BadRequest)?;
    let (shop, pid) = (session.shop, ProductId(*id));
    // Stock is not searchable: SQLite only.
    state
        .db
        .write(move |c| products::set_stock(c, shop, pid, stock))
        .await?;
    Ok(back_to_list())
}

async fn upload_image(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let spec = FormSpec {
        files: &["image"],
        texts: &["csrf"],
    };
    let form = read_form(&req, payload, &spec).await?;
    session.check_csrf(form.fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    let p = load(&state, &session, *id).await?;
    let bytes = form.files.get("image").cloned().unwrap_or_default();
    if images::content_type(&bytes).is_none() {
        return Err(AdminError::BadRequest(
            "image JPEG, PNG ou WebP attendue".into(),
        ));
    }
    let name = images::file_name(p.shop_id, &p.sku);
    let files = state.files.clone();
    let n2 = name.clone();
    blocking(move || files.put(&n2, &bytes).map_err(AdminError::internal)).await?;
    let (shop, pid) = (session.shop, p.id);
    state
        .db
        .write(move |c| products::set_image(c, shop, pid, Some(&name)))
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", format!("/admin/catalogue/{}", p.id)))
        .finish())
}

async fn image(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
) -> Result<HttpResponse, AdminError> {
    let p = load(&state, &session, *id).await?;
    if !images::is_stored(&p) {
        return Err(AdminError::NotFound);
    }
    let files = state.files.clone();
    let name = images::file_name(p.shop_id, &p.sku);
    let bytes = blocking(move || files.get(&name).map_err(AdminError::internal)).await?;
    Ok(crate::web::media::stored_file(bytes, &p.sku))
}
