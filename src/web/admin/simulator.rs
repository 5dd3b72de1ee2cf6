//! `/admin/simulateur`: talk to the bot as a customer would, without WhatsApp. The
//! messages live in the shop's conversation with the pseudo customer `simulateur`
//! (status `simulated`, never in the outbox, left out of the dashboard figures).
//!
//! The bot is reached through `AppState.responder`: [`Responder::explain`] when the
//! responder implements it (the hook for the assistant: return its `Decision`'s
//! intent, language, products, escalation and reasons as `why` lines), otherwise
//! [`Responder::respond`] and the replies only.

use super::pages::{html, Layout};
use super::{AdminSession, CsrfForm};
use crate::db::{conversations, inbox, messages, ConversationId, Db, MessageId, ShopId};
use crate::kinds::{Direction, MessageStatus};
use crate::web::{AdminError, AppState};
use crate::whatsapp::{Inbound, Responder};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use std::sync::Arc;

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
    responder: &dyn Responder,
    shop: ShopId,
    text: &str,
) -> anyhow::Result<Simulation> {
    let started = std::time::Instant::now();
    let (conv, message, first) = db.write_blocking(|c| {
        let conv = conversation(c, shop)?;
        let before = messages::count_inbound(c, shop, conv)?;
        let id = store(c, shop, conv, Direction::In, text, "customer")?;
        Ok((conv, id, before == 0))
    })?;
    let inbound = Inbound {
        shop,
        conversation: conv,
        message,
        customer_phone: None,
        customer_name: Some("Simulateur".into()),
        kind: "text".into(),
        text: Some(text.to_string()),
        reply_id: None,
        first_message: first,
    };
    let (answers, explained) = match responder.explain(db, &inbound) {
        Some(explanation) => {
            let e = explanation?;
            (e.replies, Some(e.why))
        }
        None => (responder.respond(db, &inbound)?, None),
    };
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
    match explained {
        Some(lines) => why.extend(lines),
        None => why.push((
            "Intention, langue, produits".into(),
            "non fournis par le bot branché (Responder::explain)".into(),
        )),
    }
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
    let (db, responder, shop): (Db, Arc<dyn Responder>, ShopId) =
        (state.db.clone(), state.responder.clone(), session.shop);
    let sim = web::block(move || simulate(&db, responder.as_ref(), shop, &text))
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
    use crate::whatsapp::{Explanation, OutgoingMessage};

    struct Explaining;

    impl Responder for Explaining {
        fn respond(&self, _: &Db, _: &Inbound) -> anyhow::Result<Vec<OutgoingMessage>> {
            anyhow::bail!("the simulator must prefer explain")
        }

        fn explain(&self, _: &Db, i: &Inbound) -> Option<anyhow::Result<Explanation>> {
            Some(Ok(Explanation {
                replies: vec![OutgoingMessage::text(format!(
                    "écho : {}",
                    i.text.as_deref().unwrap_or("")
                ))],
                why: vec![
                    ("Intention".into(), "price".into()),
                    ("Langue".into(), "mg".into()),
                ],
            }))
        }
    }

    #[test]
    fn the_simulator_shows_why_when_the_bot_explains_itself() {
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
        let sim = simulate(&db, &Explaining, shop, "ohatrinona ny vary").unwrap();
        assert_eq!(sim.replies, vec!["écho : ohatrinona ny vary".to_string()]);
        assert!(sim
            .why
            .contains(&("Intention".to_string(), "price".to_string())));
        assert!(sim.why.contains(&("Langue".to_string(), "mg".to_string())));
    }
}
