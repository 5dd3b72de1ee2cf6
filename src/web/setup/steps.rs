//! `/admin/demarrage`: the wizard's steps after the owner's account exists, with
//! progress. A step is done when the shop's data says so (the same facts as the
//! dashboard's checklist: a number, products, FAQ, a simulator question) or when the
//! owner skipped it; so leaving and coming back resumes at the first open step, and
//! each step's "Faire" link is the admin page that stays there for later changes.

use crate::db::{shops, stats, ShopId};
use crate::web::admin::pages::{html, Layout};
use crate::web::admin::AdminSession;
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// Where the owner lands once the account step is done.
pub const START: &str = "/admin/demarrage";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(START, web::get().to(show))
        .route("/admin/demarrage/passer", web::post().to(skip))
        .route("/admin/demarrage/reprendre", web::post().to(unskip));
}

/// One step after the account: its key (in `setup.skipped.<key>`), what to do and where.
struct StepDef {
    key: &'static str,
    title: &'static str,
    hint: &'static str,
    href: &'static str,
}

const STEPS: &[StepDef] = &[
    StepDef {
        key: "boutique",
        title: "La boutique",
        hint: "Adresse, téléphone, NIF, STAT, TVA ou « TVA non applicable », fuseau horaire, horaires, zones et frais de livraison, numéros de paiement.",
        href: "/admin/parametres",
    },
    StepDef {
        key: "whatsapp",
        title: "Le numéro WhatsApp",
        hint: "Fournisseur, phone number id et jeton ; vérifiés tout de suite chez le fournisseur ; l'adresse du webhook et le jeton de vérification à coller chez Meta.",
        href: "/admin/numeros",
    },
    StepDef {
        key: "catalogue",
        title: "Le catalogue",
        hint: "Un fichier CSV (articles et prix), chaque ligne refusée montrée avec sa raison, ou un catalogue type de votre métier à modifier.",
        href: "/admin/catalogue",
    },
    StepDef {
        key: "faq",
        title: "FAQ et messages",
        hint: "Les questions fréquentes, le message d'accueil et le message hors horaires, en français et en malgache : proposés, à modifier.",
        href: "/admin/demarrage/messages",
    },
    StepDef {
        key: "simulateur",
        title: "Essayer le bot",
        hint: "Posez une question au simulateur : il répond avec vos prix et vos horaires.",
        href: "/admin/simulateur",
    },
];

pub struct StepView {
    pub number: usize,
    pub key: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub href: &'static str,
    pub done: bool,
    pub skipped: bool,
    /// The first step neither done nor skipped: where "Continuer" goes.
    pub current: bool,
}

#[derive(Template)]
#[template(path = "setup_steps.html")]
struct StepsPage {
    layout: Layout,
    steps: Vec<StepView>,
    finished: usize,
    total: usize,
    next: Option<&'static str>,
}

fn skipped_key(step: &str) -> String {
    format!("setup.skipped.{step}")
}

/// Each step's (done, skipped), in the order of [`STEPS`].
fn states(
    c: &crate::db::Connection,
    shop: ShopId,
) -> Result<Vec<(bool, bool)>, crate::db::DbError> {
    let list = stats::checklist(c, shop)?;
    let s = shops::get(c, shop)?;
    let done = [
        s.address.is_some() && (list.hours || list.payment),
        list.number,
        list.catalogue,
        list.faq,
        list.simulator,
    ];
    STEPS
        .iter()
        .zip(done)
        .map(|(step, done)| {
            Ok((
                done,
                shops::setting(c, shop, &skipped_key(step.key))?.is_some(),
            ))
        })
        .collect()
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let states = state.db.read(move |c| states(c, shop)).await?;
    let first_open = states.iter().position(|(d, s)| !d && !s);
    let steps: Vec<StepView> = STEPS
        .iter()
        .zip(&states)
        .enumerate()
        .map(|(i, (def, (done, skipped)))| StepView {
            // Step 1 is the account, done before this page exists.
            number: i + 2,
            key: def.key,
            title: def.title,
            hint: def.hint,
            href: def.href,
            done: *done,
            skipped: *skipped && !*done,
            current: first_open == Some(i),
        })
        .collect();
    let finished = 1 + states.iter().filter(|(d, s)| *d || *s).count();
    html(
        StepsPage {
            layout: Layout::new(&session, "Démarrage", START),
            next: first_open.map(|i| STEPS[i].href),
            total: STEPS.len() + 1,
            finished,
            steps,
        }
        .render(),
    )
}

#[derive(Deserialize)]
struct StepForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    step: String,
}

/// The step of a form, refusing a name no step has.
fn step_of(form: &StepForm) -> Result<&'static str, AdminError> {
    STEPS
        .iter()
        .find(|s| s.key == form.step)
        .map(|s| s.key)
        .ok_or_else(|| AdminError::BadRequest(format!("étape « {} » inconnue", form.step)))
}

async fn set_skipped(
    state: &AppState,
    session: &AdminSession,
    form: &StepForm,
    skipped: bool,
) -> Result<HttpResponse, AdminError> {
    session.check_csrf(&form.csrf)?;
    session.require_manager()?;
    let key = skipped_key(step_of(form)?);
    let shop = session.shop;
    state
        .db
        .write(move |c| {
            if skipped {
                shops::set_setting(c, shop, &key, "1")
            } else {
                shops::delete_setting(c, shop, &key)
            }
        })
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", START))
        .finish())
}

async fn skip(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<StepForm>,
) -> Result<HttpResponse, AdminError> {
    set_skipped(&state, &session, &form, true).await
}

async fn unskip(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<StepForm>,
) -> Result<HttpResponse, AdminError> {
    set_skipped(&state, &session, &form, false).await
}
