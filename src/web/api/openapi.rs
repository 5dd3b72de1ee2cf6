//! The `/api/v1` route table: every route is declared once in [`ROUTES`] with its
//! method, path, summary, parameters and schemas. [`configure_routes`] registers the
//! handlers of the table, and `GET /api/v1/openapi.json` is built from the same table,
//! so the document cannot forget a route this module serves.
//!
//! Routes whose handler lives in another module (login in `auth`, products in
//! `catalog`, devis and prospects in `quotes`/`crm`) are declared here with
//! `handler: None` and `owner` naming that module; it registers them itself.

use crate::web::ApiError;
use actix_web::http::Method;
use actix_web::{web, HttpResponse, Route};
use serde_json::{json, Map, Value};

/// Where a parameter goes.
#[derive(Clone, Copy)]
pub enum In {
    Path,
    Query,
}

pub struct Param {
    pub name: &'static str,
    pub location: In,
    pub required: bool,
    /// `integer` or `string`.
    pub kind: &'static str,
    pub description: &'static str,
}

pub struct Response {
    pub status: u16,
    pub description: &'static str,
    /// `application/json` (with `schema`), `application/pdf`, ...
    pub content_type: &'static str,
    pub schema: Option<fn() -> Value>,
}

/// Builds a JSON schema; a function so the table can be a `static`.
pub type Schema = fn() -> Value;

pub struct ApiRoute {
    pub method: Method,
    pub path: &'static str,
    pub summary: &'static str,
    pub tag: &'static str,
    /// False only for the login route.
    pub auth: bool,
    pub params: &'static [Param],
    /// (content type, schema) of the request body.
    pub body: Option<(&'static str, Schema)>,
    pub responses: &'static [Response],
    /// The handler, when this module serves the route.
    pub handler: Option<fn() -> Route>,
    /// The module that registers the route when `handler` is `None`.
    pub owner: &'static str,
}

const fn q(name: &'static str, kind: &'static str, description: &'static str) -> Param {
    Param {
        name,
        location: In::Query,
        required: false,
        kind,
        description,
    }
}

const ID: Param = Param {
    name: "id",
    location: In::Path,
    required: true,
    kind: "integer",
    description: "Identifier within the token's shop",
};

const fn ok(status: u16, description: &'static str, schema: fn() -> Value) -> Response {
    Response {
        status,
        description,
        content_type: "application/json",
        schema: Some(schema),
    }
}

const fn err(status: u16, description: &'static str) -> Response {
    ok(status, description, error_schema)
}

const UNAUTHORIZED: Response = err(401, "Missing, expired or revoked token");
const BAD_REQUEST: Response = err(400, "Invalid parameters or body");
const NOT_FOUND: Response = err(404, "Not found in this shop");

fn r(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}
fn error_schema() -> Value {
    r("Error")
}
fn any_object() -> Value {
    json!({"type": "object"})
}
fn page_of(item: &str) -> Value {
    json!({"type": "object", "required": ["items", "page", "per_page", "total"], "properties": {
        "items": {"type": "array", "items": r(item)},
        "page": {"type": "integer"}, "per_page": {"type": "integer"}, "total": {"type": "integer"}}})
}

fn offset_page_of(item: &str) -> Value {
    json!({"type": "object", "required": ["items", "limit", "offset"], "properties": {
        "items": {"type": "array", "items": r(item)},
        "total": {"type": "integer", "description": "Absent on search results"},
        "limit": {"type": "integer"}, "offset": {"type": "integer"}}})
}

const LIMIT: Param = q("limit", "integer", "At most this many items (1 to 200)");
const OFFSET: Param = q("offset", "integer", "Items to skip (default 0)");

/// Every `/api/v1` route, in the order the document lists them.
pub static ROUTES: &[ApiRoute] = &[
    ApiRoute {
        method: Method::POST,
        path: "/api/v1/login",
        summary: "Trade an email and password for a bearer token (30 days)",
        tag: "auth",
        auth: false,
        params: &[],
        body: Some(("application/json", || {
            json!({"type": "object", "required": ["email", "password"], "additionalProperties": false, "properties": {
                "email": {"type": "string"}, "password": {"type": "string"},
                "shop": {"type": "string", "description": "Shop slug (agencies with several shops)"}}})
        })),
        responses: &[
            ok(200, "A token", || {
                json!({"type": "object", "properties": {"token": {"type": "string"}, "token_type": {"type": "string"},
                    "expires_at": {"type": "string", "format": "date-time"}, "shop_id": {"type": "integer"}, "role": {"type": "string"}}})
            }),
            BAD_REQUEST,
            err(401, "Wrong email or password"),
            err(429, "Too many failed logins"),
        ],
        handler: None,
        owner: "web::api::auth",
    },
    ApiRoute {
        method: Method::POST,
        path: "/api/v1/logout",
        summary: "Revoke the bearer token",
        tag: "auth",
        auth: true,
        params: &[],
        body: None,
        responses: &[
            Response {
                status: 204,
                description: "Revoked",
                content_type: "",
                schema: None,
            },
            UNAUTHORIZED,
        ],
        handler: None,
        owner: "web::api::auth",
    },
    ApiRoute {
        method: Method::GET,
        path: "/api/v1/products",
        summary: "Search the shop's catalogue",
        tag: "catalogue",
        auth: true,
        params: &[
            q(
                "q",
                "string",
                "Search words (French or Malagasy); empty lists the catalogue",
            ),
            LIMIT,
            OFFSET,
        ],
        body: None,
        responses: &[
            ok(200, "Products", || offset_page_of("Product")),
            UNAUTHORIZED,
        ],
        handler: None,
        owner: "catalog",
    },
    ApiRoute {
        method: Method::POST,
        path: "/api/v1/products/upload",
        summary: "Import a catalogue CSV (sku,title,price,currency,stock,description,image)",
        tag: "catalogue",
        auth: true,
        params: &[q("dry_run", "boolean", "Check the file without writing")],
        body: Some((
            "multipart/form-data",
            || json!({"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}),
        )),
        responses: &[
            ok(200, "Import report", any_object),
            BAD_REQUEST,
            err(413, "File too large"),
            err(422, "Rows with errors (line numbers and reasons)"),
            UNAUTHORIZED,
        ],
        handler: None,
        owner: "catalog",
    },
    ApiRoute {
        method: Method::POST,
        path: "/api/v1/devis",
        summary: "Create a devis (DEV-YYYY-NNNN) from SKUs and quantities",
        tag: "devis",
        auth: true,
        params: &[],
        body: Some(("application/json", || {
            json!({"type": "object", "required": ["items"], "additionalProperties": false, "properties": {
                "conversation_id": {"type": "integer"},
                "customer": {"type": "object", "properties": {"name": {"type": "string"}, "phone": {"type": "string"}}},
                "items": {"type": "array", "items": {"type": "object", "required": ["sku", "qty"],
                    "properties": {"sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}}}})
        })),
        responses: &[
            ok(201, "The devis", || r("Devis")),
            BAD_REQUEST,
            UNAUTHORIZED,
        ],
        handler: None,
        owner: "quotes",
    },
    ApiRoute {
        method: Method::GET,
        path: "/api/v1/devis",
        summary: "The shop's devis, newest first",
        tag: "devis",
        auth: true,
        params: &[LIMIT, OFFSET],
        body: None,
        responses: &[ok(200, "Devis", || offset_page_of("Devis")), UNAUTHORIZED],
        handler: None,
        owner: "quotes",
    },
    ApiRoute {
        method: Method::GET,
        path: "/api/v1/devis/{id}",
        summary: "One devis with its lines and totals",
        tag: "devis",
        auth: true,
        params: &[ID],
        body: None,
        responses: &[ok(200, "The devis", || r("Devis")), UNAUTHORIZED, NOT_FOUND],
        handler: None,
        owner: "quotes",
    },
    ApiRoute {
        method: Method::GET,
        path: "/api/v1/devis/{id}/pdf",
        summary: "Download a devis as PDF",
        tag: "devis",
        auth: true,
        params: &[ID],
        body: None,
        responses: &[
            Response {
                status: 200,
                description: "The PDF",
                content_type: "application/pdf",
                schema: None,
            },
            UNAUTHORIZED,
            NOT_FOUND,
        ],
        handler: None,
        owner: "quotes",
    },
    ApiRoute {
        method: Method::GET,
        path: "/api/v1/prospects",
        summary: "The shop's prospects, optionally by pipeline status",
        tag: "crm",
        auth: true,
        params: &[
            q(
                "status",
                "string",
                "nouveau, qualifie, devis_envoye, gagne or perdu",
            ),
            LIMIT,
            OFFSET,
        ],
        body: None,
        responses: &[
            ok(200, "Prospects", || offset_page_of("Prospect")),
            BAD_REQUEST,
            UNAUTHORIZED,
        ],
        handler: None,
        owner: "crm",
    },
    ApiRoute {
        method: Method::GET,
        path: "/api/v1/conversations",
        summary: "The shop's conversations, latest activity first",
        tag: "conversations",
        auth: true,
        params: &[
            q("page", "integer", "Page, from 1 (default 1)"),
            q(
                "per_page",
                "integer",
                "Items per page, 1 to 100 (default 25)",
            ),
            q("status", "string", "open, needs_human or closed"),
            q(
                "q",
                "string",
                "Search in customer name, phone and message text",
            ),
        ],
        body: None,
        responses: &[
            ok(200, "A page of conversations", || page_of("Conversation")),
            BAD_REQUEST,
            UNAUTHORIZED,
        ],
        handler: Some(|| web::route().to(super::conversations::list)),
        owner: "web::api::conversations",
    },
    ApiRoute {
        method: Method::GET,
        path: "/api/v1/conversations/{id}/messages",
        summary: "Messages of a conversation, oldest first",
        tag: "conversations",
        auth: true,
        params: &[
            ID,
            q(
                "after",
                "integer",
                "Only messages with an id above this one",
            ),
            q(
                "limit",
                "integer",
                "At most this many (1 to 500, default 100; the latest ones)",
            ),
        ],
        body: None,
        responses: &[
            ok(200, "Messages", || {
                json!({"type": "object", "properties": {"items": {"type": "array", "items": r("Message")},
                    "next_after": {"type": "integer", "nullable": true}}})
            }),
            BAD_REQUEST,
            UNAUTHORIZED,
            NOT_FOUND,
        ],
        handler: Some(|| web::route().to(super::conversations::messages)),
        owner: "web::api::conversations",
    },
    ApiRoute {
        method: Method::POST,
        path: "/api/v1/wa/send",
        summary: "Queue a WhatsApp text to a conversation or a phone number",
        tag: "conversations",
        auth: true,
        params: &[],
        body: Some(("application/json", || {
            json!({"type": "object", "required": ["text"], "additionalProperties": false,
                "description": "Exactly one of conversation_id or to",
                "properties": {"conversation_id": {"type": "integer"},
                    "to": {"type": "string", "description": "Phone in international form, e.g. 261341234567"},
                    "text": {"type": "string", "maxLength": 4096}}})
        })),
        responses: &[
            ok(202, "Queued in the outbox", || {
                json!({"type": "object", "properties": {"outbox_id": {"type": "integer"}, "message_id": {"type": "integer"},
                    "conversation_id": {"type": "integer"}, "status": {"type": "string", "enum": ["pending"]}}})
            }),
            BAD_REQUEST,
            UNAUTHORIZED,
            NOT_FOUND,
            err(
                422,
                "Empty text, bad phone, or no WhatsApp number for the shop",
            ),
        ],
        handler: Some(|| web::route().to(super::conversations::send)),
        owner: "web::api::conversations",
    },
    ApiRoute {
        method: Method::GET,
        path: "/api/v1/openapi.json",
        summary: "This document (OpenAPI 3.0)",
        tag: "meta",
        auth: false,
        params: &[],
        body: None,
        responses: &[ok(200, "OpenAPI document", any_object)],
        handler: Some(|| web::route().to(openapi_json)),
        owner: "web::api::openapi",
    },
];

/// Registers the handlers of [`ROUTES`] that this module serves.
pub fn configure_routes(cfg: &mut web::ServiceConfig) {
    for route in ROUTES {
        if let Some(handler) = route.handler {
            cfg.route(route.path, handler().method(route.method.clone()));
        }
    }
}

async fn openapi_json(
    state: web::Data<crate::startup::AppState>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(document(&state.settings.server.public_url)))
}

fn components() -> Value {
    let s = |t: &str| json!({"type": t});
    let ns = |t: &str| json!({"type": t, "nullable": true});
    json!({
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
            "description": "Token from POST /api/v1/login"}},
        "schemas": {
            "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
                "required": ["code", "message"], "properties": {"code": s("string"), "message": s("string")}}}},
            "Conversation": {"type": "object", "properties": {
                "id": s("integer"), "customer_key": s("string"), "customer_phone": ns("string"),
                "customer_name": ns("string"),
                "status": {"type": "string", "enum": ["open", "needs_human", "closed"]},
                "bot_paused": s("boolean"), "language": ns("string"),
                "last_message_at": {"type": "string", "format": "date-time", "nullable": true},
                "created_at": {"type": "string", "format": "date-time"}, "last_body": ns("string")}},
            "Message": {"type": "object", "properties": {
                "id": s("integer"), "direction": {"type": "string", "enum": ["in", "out"]}, "kind": s("string"),
                "body": ns("string"), "media_id": ns("string"),
                "status": {"type": "string", "description": "received, pending, sent, delivered, read or failed"},
                "error": ns("string"), "author": {"type": "string", "nullable": true,
                    "description": "customer, bot or agent:<account id>"},
                "created_at": {"type": "string", "format": "date-time"}}},
            "Product": {"type": "object", "properties": {
                "sku": s("string"), "title": s("string"), "description": s("string"),
                "price": {"type": "integer", "description": "Minor units (MGA: ariary)"}, "currency": s("string"),
                "stock": ns("integer"), "image_url": ns("string"),
                "score": {"type": "number", "description": "Search relevance (search results only)"}}},
            "Prospect": {"type": "object", "properties": {
                "id": s("integer"), "phone": s("string"), "name": ns("string"),
                "status": {"type": "string", "enum": ["nouveau", "qualifie", "devis_envoye", "gagne", "perdu"]},
                "notes": s("string"), "first_contact_at": s("string"), "last_contact_at": s("string")}},
            "Devis": {"type": "object", "properties": {
                "id": s("integer"), "number": {"type": "string", "example": "DEV-2026-0001"},
                "status": {"type": "string", "enum": ["draft", "sent", "accepted", "refused", "expired"]},
                "conversation_id": ns("integer"),
                "customer": {"type": "object", "properties": {"name": ns("string"), "phone": ns("string")}},
                "currency": s("string"), "lines": {"type": "array", "items": {"type": "object"}},
                "total_ht": s("integer"), "vat_rate_bp": ns("integer"), "tva": s("integer"), "total_ttc": s("integer"),
                "amount_in_words": s("string"), "valid_until": s("string"), "created_at": s("string"),
                "pdf_url": s("string"), "public_url": ns("string")}}
        }
    })
}

fn operation(route: &ApiRoute) -> Value {
    let mut op = Map::new();
    op.insert("summary".into(), json!(route.summary));
    op.insert("tags".into(), json!([route.tag]));
    op.insert(
        "operationId".into(),
        json!(format!(
            "{}_{}",
            route.method.as_str().to_lowercase(),
            route
                .path
                .trim_start_matches("/api/v1/")
                .replace(['/', '.'], "_")
                .replace(['{', '}'], "")
        )),
    );
    if !route.params.is_empty() {
        let params: Vec<Value> = route
            .params
            .iter()
            .map(|p| {
                json!({"name": p.name, "in": match p.location { In::Path => "path", In::Query => "query" },
                    "required": p.required, "description": p.description, "schema": {"type": p.kind}})
            })
            .collect();
        op.insert("parameters".into(), Value::Array(params));
    }
    if let Some((content_type, schema)) = route.body {
        op.insert(
            "requestBody".into(),
            json!({"required": true, "content": {(content_type): {"schema": schema()}}}),
        );
    }
    let mut responses = Map::new();
    for resp in route.responses {
        let mut v = Map::new();
        v.insert("description".into(), json!(resp.description));
        if !resp.content_type.is_empty() {
            let schema = resp
                .schema
                .map(|s| s())
                .unwrap_or_else(|| json!({"type": "string", "format": "binary"}));
            let content_type = resp.content_type;
            v.insert(
                "content".into(),
                json!({(content_type): {"schema": schema}}),
            );
        }
        responses.insert(resp.status.to_string(), Value::Object(v));
    }
    op.insert("responses".into(), Value::Object(responses));
    if !route.auth {
        op.insert("security".into(), json!([]));
    }
    Value::Object(op)
}

/// The OpenAPI 3.0 document of [`ROUTES`].
pub fn document(public_url: &str) -> Value {
    let mut paths = Map::new();
    for route in ROUTES {
        let entry = paths
            .entry(route.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(ops) = entry {
            ops.insert(route.method.as_str().to_lowercase(), operation(route));
        }
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Varotra API", "version": env!("CARGO_PKG_VERSION"),
            "description": "WhatsApp sales assistant: catalogue, conversations, devis and prospects of one shop per token. Errors are {\"error\": {\"code\", \"message\"}}."},
        "servers": [{"url": public_url.trim_end_matches('/')}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": components(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_parameter_is_declared_in_its_route() {
        for route in ROUTES {
            for seg in route.path.split('/').filter(|s| s.starts_with('{')) {
                let name = seg.trim_matches(|c| c == '{' || c == '}');
                assert!(
                    route
                        .params
                        .iter()
                        .any(|p| p.name == name && matches!(p.location, In::Path)),
                    "{} lacks path parameter {name}",
                    route.path
                );
            }
        }
    }

    #[test]
    fn routes_are_declared_once() {
        let mut seen = std::collections::HashSet::new();
        for route in ROUTES {
            assert!(
                seen.insert((route.method.as_str(), route.path)),
                "{} twice",
                route.path
            );
        }
    }

    #[test]
    fn operation_ids_are_unique() {
        let doc = document("http://x");
        let mut ids = std::collections::HashSet::new();
        for (_, ops) in doc["paths"].as_object().unwrap() {
            for (_, op) in ops.as_object().unwrap() {
                assert!(ids.insert(op["operationId"].as_str().unwrap().to_string()));
            }
        }
    }
}
