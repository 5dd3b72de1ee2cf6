//! `/admin/simulateur`: talk to the bot as a customer would, without WhatsApp. The
//! messages live in the shop's conversation with the pseudo customer `simulateur`
//! (status `simulated`, never in the outbox, left out of the dashboard figures).
//!
//! The bot answers through `jobs::reply::converse`, exactly as the reply job decides
//! and applies (without the outbox); its Decision's intent, language, products,
//! escalation and reasons are shown as `why` lines.

use super::pages::{html, Layout};
use super::{AdminSession, CsrfForm};
use crate::assistant::{Assistant, Turn};
use crate::crypto::FileStore;
use crate::db::{conversations, inbox, messages, ConversationId, Db, MessageId, ShopId};
use crate::kinds::{Direction, MessageStatus};
use crate::quotes::Issuer;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

pub use crate::db::inbox::SIMULATOR_KEY;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/simulateur", web::get().to(show))
        .route("/admin/simulateur", web::post().to(send))
        .route("/admin/simulateur/reset", web::post().to(reset));
}

/// What one simulated message produced.
#[derive(Debug, Clone, Default)]
pub struct Simulation {
    pub replies: Vec<String>,
    /// (label, value) lines explaining the answer.
    pub why: Vec<(String, String)>,
}

fn conversation(
    conn: &rusqlite::Connection,
    shop: ShopId,
) -> Result<ConversationId, crate::db::DbError> {
    conversations::get_or_create(
        conn,
        shop,
        SIMULATOR_KEY,
        &conversations::NewConversation {
            name: Some("Simulateur"),
            ..Default::default()
        },
    )
}

fn store(
    conn: &rusqlite::Connection,
    shop: ShopId,
    conv: ConversationId,
    direction: Direction,
    body: &str,
    author: &str,
) -> Result<MessageId, crate::db::DbError> {
    messages::insert(
        conn,
        shop,
        conv,
        &messages::NewMessage {
            direction: direction.as_str(),
            kind: "text",
            body: Some(body),
            payload: None,
            status: MessageStatus::Simulated.as_str(),
            author,
        },
    )
}

/// Stores `text` as the pseudo customer's message, asks the bot, stores its replies.
/// Blocking (the bot may wait for the model): call from a blocking thread.
pub fn simulate(
    db: &Db,
    assistant: &Assistant,
    files: &FileStore,
    issuer: &Issuer,
    shop: ShopId,
    text: &str,
) -> anyhow::Result<Simulation> {
    let started = std::time::Instant::now();
    let conv = db.write_blocking(|c| {
        let conv = conversation(c, shop)?;
        store(c, shop, conv, Direction::In, text, "customer")?;
        Ok(conv)
    })?;
    let turn = Turn::text(shop, Some(conv), text);
    let (decision, answers) =
        crate::jobs::reply::converse(assistant, db, Some(files), issuer, &turn)?;
    let replies: Vec<String> = answers.iter().map(|a| a.preview()).collect();
    db.write_blocking(|c| {
        for r in &replies {
            store(c, shop, conv, Direction::Out, r, "bot")?;
        }
        Ok(())
    })?;
    let mut why = vec![(
        "Temps de réponse".to_string(),
        format!("{} ms", started.elapsed().as_millis()),
    )];
    if replies.is_empty() {
        why.push((
            "Réponse".into(),
            "aucune : le bot n'a rien envoyé (un humain devrait répondre)".into(),
        ));
    }
    why.extend(decision.explain());
    Ok(Simulation { replies, why })
}

#[derive(Template)]
#[template(path = "simulator.html")]
struct SimulatorPage {
    layout: Layout,
    messages: Vec<inbox::MessageRow>,
    why: Vec<(String, String)>,
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    why: Vec<(String, String)>,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let messages = state
        .db
        .read(
            move |c| match conversations::find_by_customer(c, shop, SIMULATOR_KEY)? {
                Some(id) => inbox::messages(c, shop, id, 0, 40),
                None => Ok(Vec::new()),
            },
        )
        .await?;
    let page = SimulatorPage {
        layout: Layout::new(session, "Simulateur", "/admin/simulateur"),
        messages,
        why,
    };
    html(page.render())
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    render(&state, &session, Vec::new()).await
}

#[derive(Deserialize)]
struct SendForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    text: String,
}

async fn send(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<SendForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let text = form.text.trim().to_string();
    if text.is_empty() {
        return Err(AdminError::BadRequest("Écrivez un message.".into()));
    }
    let (db, assistant, files, issuer, shop) = (
        state.db.clone(),
        state.assistant.clone(),
        state.files.clone(),
        state.issuer.clone(),
        session.shop,
    );
    let sim = web::block(move || simulate(&db, &assistant, &files, &issuer, shop, &text))
        .await
        .map_err(|e| AdminError::Internal(anyhow::anyhow!("{e}")))?
        .map_err(AdminError::Internal)?;
    render(&state, &session, sim.why).await
}

async fn reset(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let shop = session.shop;
    state
        .db
        .write(move |c| conversations::delete_by_customer(c, shop, SIMULATOR_KEY))
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/admin/simulateur"))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_simulator_shows_why_the_bot_answered() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db"), None, true).unwrap();
        let shop = db
            .write_blocking(|c| {
                crate::db::shops::create(
                    c,
                    &crate::db::shops::NewShop {
                        slug: "s".into(),
                        company_name: "S".into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        let files = FileStore::new(dir.path().join("files"), None);
        let sim = simulate(
            &db,
            &Assistant::without_model(),
            &files,
            &Issuer::default(),
            shop,
            "ohatrinona ny vary",
        )
        .unwrap();
        assert_eq!(sim.replies.len(), 1, "{:?}", sim.replies);
        assert!(sim
            .why
            .contains(&("Intention".to_string(), "price".to_string())));
        assert!(sim.why.contains(&("Langue".to_string(), "mg".to_string())));
    }
}
