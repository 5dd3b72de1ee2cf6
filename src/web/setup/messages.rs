//! `/admin/demarrage/messages`: wizard step 5. The greeting and out-of-hours messages
//! in French and Malagasy, pre-filled with what the bot says while the shop has
//! written none (`assistant::reply`), and the suggested FAQ (`catalog::starters`),
//! French and Malagasy, each entry editable and chosen with a checkbox. A message left
//! equal to the default is not stored, so the default keeps following the shop's
//! name and hours; chosen FAQ entries are upserted by question like an import.

use crate::assistant::facts::ShopFacts;
use crate::assistant::language::Lang;
use crate::assistant::reply;
use crate::catalog::faq::{parse_faq, upsert_rows, FaqRow};
use crate::catalog::import::ImportError;
use crate::catalog::starters;
use crate::db::shops;
use crate::web::admin::pages::{blocking, html, Layout};
use crate::web::admin::AdminSession;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use std::collections::HashMap;

pub const PATH: &str = "/admin/demarrage/messages";

/// (setting key, label, language).
const MESSAGES: &[(&str, &str, Lang)] = &[
    ("greeting_fr", "Message d'accueil (français)", Lang::Fr),
    ("greeting_mg", "Message d'accueil (malgache)", Lang::Mg),
    ("out_of_hours_fr", "Hors horaires (français)", Lang::Fr),
    ("out_of_hours_mg", "Hors horaires (malgache)", Lang::Mg),
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(PATH, web::get().to(show))
        .route(PATH, web::post().to(save));
}

pub struct MessageField {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
}

#[derive(Template)]
#[template(path = "setup_messages.html")]
struct MessagesPage {
    layout: Layout,
    messages: Vec<MessageField>,
    faq: Vec<FaqRow>,
    /// Questions the shop's FAQ already has (shown as such, unticked).
    known: Vec<String>,
    error: Option<String>,
    saved: bool,
}

impl MessagesPage {
    fn is_known(&self, question: &str) -> bool {
        self.known.iter().any(|k| k.eq_ignore_ascii_case(question))
    }
}

fn default_of(key: &str, lang: Lang, facts: &ShopFacts) -> String {
    if key.starts_with("greeting") {
        reply::default_greeting(lang, facts)
    } else {
        reply::default_out_of_hours(lang, facts)
    }
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    q: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let shop = session.shop;
    let (facts, known) = state
        .db
        .read(move |c| {
            let known = crate::db::faq::list(c, shop)?
                .into_iter()
                .map(|f| f.question)
                .collect::<Vec<_>>();
            Ok((ShopFacts::load(c, shop)?, known))
        })
        .await?;
    let messages = MESSAGES
        .iter()
        .map(|&(key, label, lang)| MessageField {
            key,
            label,
            value: facts
                .get(key)
                .map(str::to_string)
                .unwrap_or_else(|| default_of(key, lang, &facts)),
        })
        .collect();
    let (faq, _) = parse_faq(&starters::faq_csv());
    html(
        MessagesPage {
            layout: Layout::new(&session, "FAQ et messages", PATH),
            messages,
            faq,
            known,
            error: None,
            saved: q.contains_key("enregistre"),
        }
        .render(),
    )
}

async fn save(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    session.require_manager()?;
    let form = form.into_inner();
    let field = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    // The chosen suggestions, as the owner edited them: `faq_<n>_keep` ticks one.
    let mut rows = Vec::new();
    for n in 0..64 {
        if !form.contains_key(&format!("faq_{n}_keep")) {
            continue;
        }
        let (question, answer) = (field(&format!("faq_{n}_q")), field(&format!("faq_{n}_a")));
        if question.is_empty() || answer.is_empty() {
            return Err(AdminError::BadRequest(format!(
                "Question fréquente n° {} : la question et la réponse en français sont obligatoires.",
                n + 1
            )));
        }
        rows.push(FaqRow {
            line: n + 1,
            question,
            answer,
            answer_mg: Some(field(&format!("faq_{n}_mg"))),
        });
    }
    let shop = session.shop;
    let typed: Vec<(&'static str, Lang, String)> = MESSAGES
        .iter()
        .map(|&(key, _, lang)| (key, lang, field(key)))
        .collect();
    state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let facts = ShopFacts::load(&tx, shop)?;
            for (key, lang, value) in &typed {
                if value.is_empty() || *value == default_of(key, *lang, &facts) {
                    shops::delete_setting(&tx, shop, key)?;
                } else {
                    shops::set_setting(&tx, shop, key, value)?;
                }
            }
            tx.commit()?;
            Ok(())
        })
        .await?;
    if !rows.is_empty() {
        let (db, catalog) = (state.db.clone(), state.catalog.clone());
        blocking(
            move || match upsert_rows(&db, &catalog, shop, &rows, false) {
                Ok(_) => Ok(()),
                Err(ImportError::Db(e)) => Err(e.into()),
                Err(e) => Err(AdminError::internal(e)),
            },
        )
        .await?;
    }
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", format!("{PATH}?enregistre=1")))
        .finish())
}
