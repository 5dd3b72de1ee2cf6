//! `/admin/simulateur`: talk to the bot as a customer would, without WhatsApp. The
//! messages live in the shop's conversation with the pseudo customer `simulateur`
//! (status `simulated`, never in the outbox, left out of the dashboard figures).
//!
//! The bot answers through `jobs::reply::converse`, exactly as the reply job decides
//! and applies (without the outbox); its Decision's intent, language, products,
//! escalation and devis lines are shown as `why` lines, in French words
//! ([`explain`]): the Decision's own fields, never its debugging strings.

use super::pages::{html, Layout};
use super::{AdminSession, CsrfForm};
use crate::assistant::{Assistant, Turn};
use crate::crypto::FileStore;
use crate::db::{conversations, inbox, Db, ShopId};
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
        let conv = inbox::sandbox(c, shop, SIMULATOR_KEY, "Simulateur")?;
        inbox::store_simulated(c, shop, conv, true, text)?;
        Ok(conv)
    })?;
    let turn = Turn::text(shop, Some(conv), text);
    let (decision, answers) =
        crate::jobs::reply::converse(assistant, db, Some(files), issuer, &turn)?;
    let replies: Vec<String> = answers.iter().map(|a| a.preview()).collect();
    db.write_blocking(|c| {
        for r in &replies {
            inbox::store_simulated(c, shop, conv, false, r)?;
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
    why.extend(db.read_blocking(|c| explain(c, shop, &decision))?);
    Ok(Simulation { replies, why })
}

/// The Decision in French words: what the customer asked, in which language, which
/// products (by their names), whether a person takes over, the devis lines.
pub fn explain(
    conn: &rusqlite::Connection,
    shop: ShopId,
    d: &crate::assistant::Decision,
) -> Result<Vec<(String, String)>, crate::db::DbError> {
    use crate::web::admin::fmt::{intent_label, language_label};
    let name = |sku: &str| -> Result<String, crate::db::DbError> {
        Ok(match crate::db::products::get_by_sku(conn, shop, sku)? {
            Some(p) => format!("{} (réf. {sku})", p.title),
            None => format!("réf. {sku}"),
        })
    };
    let mut why = vec![
        (
            "Demande comprise".to_string(),
            intent_label(d.intent).to_string(),
        ),
        (
            "Langue de la réponse".to_string(),
            language_label(&d.language).to_string(),
        ),
    ];
    let products = d
        .skus
        .iter()
        .map(|s| name(s))
        .collect::<Result<Vec<_>, _>>()?;
    why.push((
        "Produits trouvés".to_string(),
        if products.is_empty() {
            "aucun".to_string()
        } else {
            products.join(", ")
        },
    ));
    why.push((
        "Passage à une personne".to_string(),
        if d.escalated {
            "oui : la conversation attend une personne, le bot se tait".to_string()
        } else {
            "non".to_string()
        },
    ));
    if !d.quote_lines.is_empty() {
        let lines = d
            .quote_lines
            .iter()
            .map(|l| Ok(format!("{} × {}", l.qty, name(&l.sku)?)))
            .collect::<Result<Vec<_>, crate::db::DbError>>()?;
        why.push(("Lignes de devis proposées".to_string(), lines.join(", ")));
    }
    for w in &d.why {
        if let Some(words) = w.strip_prefix("follow-up on: ") {
            why.push((
                "Suite de la conversation".to_string(),
                format!("la question reprend les mots « {words} » du message précédent"),
            ));
        } else if w.starts_with("model says") {
            why.push((
                "Modèle de langue".to_string(),
                "consulté pour comprendre la demande".to_string(),
            ));
        }
    }
    Ok(why)
}

#[derive(Template)]
#[template(path = "simulator.html")]
struct SimulatorPage {
    layout: Layout,
    messages: Vec<inbox::MessageRow>,
    why: Vec<(String, String)>,
    /// Questions built from the shop's own products and delivery zones, one click each.
    suggestions: Vec<String>,
}

/// A product's title as a customer would write it in a sentence: lowercase first
/// letter, unless the first word is an acronym or a brand in capitals (`THB`).
fn in_sentence(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(title.chars().skip(1)).collect()
        }
        _ => title.to_string(),
    }
}

/// Suggested questions from the shop's data: a price in French and in Malagasy for a
/// real product, a delivery question (to its first zone when it has set some), a devis
/// request, the opening hours in Malagasy.
pub fn suggestions(titles: &[String], zones: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(first) = titles.first().map(|t| in_sentence(t)) {
        out.push(format!("Combien coûte {first} ?"));
        out.push(format!("Ohatrinona ny {first} ?"));
    }
    out.push(match zones.first() {
        Some(zone) => format!("Vous livrez à {zone} ? C'est combien la livraison ?"),
        None => "Vous livrez à domicile ?".to_string(),
    });
    if let Some(other) = titles.get(1).or(titles.first()).map(|t| in_sentence(t)) {
        out.push(format!("Je voudrais un devis pour 2 {other}"));
    }
    out.push("Misokatra amin'ny firy ianareo rahampitso ?".to_string());
    out
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    why: Vec<(String, String)>,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let (messages, titles, zones) = state
        .db
        .read(move |c| {
            let messages = match conversations::find_by_customer(c, shop, SIMULATOR_KEY)? {
                Some(id) => inbox::messages(c, shop, id, 0, 40)?,
                None => Vec::new(),
            };
            let titles = crate::db::products::list(c, shop, "", 5, 0)?
                .into_iter()
                .filter(|p| p.price.0 > 0)
                .map(|p| p.title)
                .collect::<Vec<_>>();
            let zones = crate::assistant::facts::ShopFacts::load(c, shop)?
                .zones()
                .into_iter()
                .map(|z| z.name)
                .collect::<Vec<_>>();
            Ok((messages, titles, zones))
        })
        .await?;
    let page = SimulatorPage {
        layout: Layout::new(session, "Simulateur", "/admin/simulateur"),
        messages,
        why,
        suggestions: suggestions(&titles, &zones),
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
    fn suggestions_name_the_shops_own_products_and_zone() {
        let titles = vec!["Riz makalioka 1 kg".to_string(), "THB 65 cl".to_string()];
        let s = suggestions(&titles, &["Analakely".to_string()]);
        assert!(
            s.contains(&"Combien coûte riz makalioka 1 kg ?".to_string()),
            "{s:?}"
        );
        assert!(
            s.contains(&"Ohatrinona ny riz makalioka 1 kg ?".to_string()),
            "{s:?}"
        );
        assert!(s.iter().any(|q| q.contains("Analakely")), "{s:?}");
        assert!(
            s.contains(&"Je voudrais un devis pour 2 THB 65 cl".to_string()),
            "{s:?}"
        );
        let empty = suggestions(&[], &[]);
        assert!(
            empty.iter().all(|q| !q.contains("Combien coûte")),
            "{empty:?}"
        );
    }

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
        assert!(sim.why.contains(&(
            "Demande comprise".to_string(),
            "demande de prix".to_string()
        )));
        assert!(sim
            .why
            .contains(&("Langue de la réponse".to_string(), "malgache".to_string())));
    }
}
