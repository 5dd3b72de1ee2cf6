//! "Envoyer sur WhatsApp": a devis made in the admin (or re-sent from a thread) goes
//! to its customer as the PDF document, the same message the chat sends: the PDF is
//! rendered and sealed first, off the writer; then ONE transaction marks the devis
//! sent, moves the prospect, and queues the document through the outbox, as the
//! reply job does. Outside the customer's 24-hour window it is refused with the reason
//! (WhatsApp only takes approved templates then).

use super::see_other;
use crate::db::{devis, inbox, ConversationId, DbError, DevisId};
use crate::quotes;
use crate::web::admin::{AdminError, AdminSession};
use crate::web::AppState;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(r"/admin/devis/{id:\d+}/envoyer", web::post().to(send));
}

#[derive(Deserialize)]
struct SendForm {
    #[serde(default)]
    csrf: String,
    /// The conversation to send it in (and go back to); else the devis's own, or the
    /// customer's by phone.
    #[serde(default)]
    conversation: String,
}

async fn send(
    state: web::Data<AppState>,
    session: AdminSession,
    id: web::Path<i64>,
    form: web::Form<SendForm>,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    let (shop, id) = (session.shop, DevisId(id.into_inner()));
    let back = match form.conversation.trim() {
        "" => None,
        n => Some(ConversationId(n.parse().map_err(|_| {
            AdminError::BadRequest(format!("conversation « {n} » inconnue"))
        })?)),
    };
    let (db, files) = (state.db.clone(), state.files.clone());
    // Rendered and sealed on a reader when not stored yet: never under the writer.
    tokio::task::spawn_blocking(move || quotes::pdf_bytes(&db, &files, shop, id))
        .await
        .map_err(AdminError::internal)??;
    let (files, author) = (state.files.clone(), format!("agent:{}", session.account.id));
    let conv = state
        .db
        .write(move |c| {
            let tx = c.transaction()?;
            let d = devis::get(&tx, shop, id)?;
            let conv = match back.or(d.conversation_id) {
                Some(conv) => conv,
                None => match &d.customer_phone {
                    Some(phone) => inbox::find_or_create(&tx, shop, phone)?,
                    None => {
                        return Err(DbError::Invalid(format!(
                            "le devis {} n'a pas de téléphone client : indiquez-le dans un nouveau devis, ou envoyez celui-ci depuis la conversation du client",
                            d.number
                        )))
                    }
                },
            };
            // Outside the 24-hour window WhatsApp refuses a free document: say so
            // before anything changes (the devis stays a draft).
            if !crate::db::outbox::window_open(&tx, shop, conv)? {
                return Err(DbError::Invalid(crate::db::outbox::WINDOW_CLOSED.into()));
            }
            let msg = quotes::send_in_chat(&tx, &files, shop, conv, &d).map_err(|e| match e {
                quotes::QuoteError::Db(db) => db,
                other => DbError::Invalid(other.to_string()),
            })?;
            inbox::send_in(&tx, shop, conv, &msg, &author)?;
            tx.commit()?;
            Ok(conv)
        })
        .await?;
    state.whatsapp.outbox_wake.notify_one();
    tracing::info!(
        devis = id.0,
        conversation = conv.0,
        "devis queued on WhatsApp"
    );
    Ok(match back {
        Some(c) => see_other(&format!("/admin/conversations/{c}?done=devis#fin")),
        None => see_other(&format!("/admin/devis/{}?done=envoye", id.0)),
    })
}
