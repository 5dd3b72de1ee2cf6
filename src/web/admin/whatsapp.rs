//! `/admin/whatsapp` (owners and agencies): what the shop's WhatsApp needs beyond the
//! numbers themselves. Each number's WhatsApp Business Account, coexistence with the
//! Business app and send rate; the approved templates (synced from the provider) and
//! which one serves each purpose outside the 24-hour window; the Meta catalogue id,
//! 👍-accepts-a-devis and the follow-up delay; and this month's billed messages.

use super::pages::{html, Layout};
use super::AdminSession;
use crate::db::numbers::{self, Channel};
use crate::db::templates::{self, Template};
use crate::db::{shops, statuses};
use crate::kinds::Purpose;
use crate::web::admin::CsrfForm;
use crate::web::{AdminError, AppState};
use crate::whatsapp::templates as purposes;
use actix_web::{web, HttpResponse};
use askama::Template as _;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/whatsapp", web::get().to(show))
        .route("/admin/whatsapp/sync", web::post().to(sync))
        .route("/admin/whatsapp/modeles", web::post().to(map))
        .route("/admin/whatsapp/options", web::post().to(options))
        .route("/admin/whatsapp/numeros/{id}", web::post().to(number));
}

pub struct PurposeRow {
    pub key: &'static str,
    pub label: &'static str,
    pub fields: String,
    /// `name|language` of the mapped template.
    pub chosen: String,
}

#[derive(askama::Template)]
#[template(path = "whatsapp.html")]
struct Page {
    layout: Layout,
    numbers: Vec<Channel>,
    templates: Vec<Template>,
    purposes: Vec<PurposeRow>,
    catalog_id: String,
    reaction_accepts: bool,
    follow_up_hours: String,
    /// (category, billed messages, conversations).
    billed: Vec<(String, i64, i64)>,
    notice: Option<String>,
    error: Option<String>,
}

impl Page {
    fn option(t: &Template) -> String {
        format!("{}|{}", t.name, t.language)
    }

    fn is_chosen(&self, p: &PurposeRow, t: &Template) -> bool {
        p.chosen == Self::option(t)
    }
}

#[derive(Deserialize)]
struct Shown {
    done: Option<String>,
    error: Option<String>,
}

async fn render(
    state: &AppState,
    session: &AdminSession,
    notice: Option<String>,
    error: Option<String>,
) -> Result<HttpResponse, AdminError> {
    let shop = session.shop;
    let (numbers, templates, mapped, settings, billed) = state
        .db
        .read(move |c| {
            let mut mapped = Vec::new();
            for p in Purpose::ALL {
                mapped.push(templates::mapping(c, shop, *p)?);
            }
            let setting = |k| shops::setting(c, shop, k).map(Option::unwrap_or_default);
            let settings = (
                setting("whatsapp.catalog_id")?,
                setting("devis.reaction_accepts")?,
                setting("followup.devis_hours")?,
            );
            Ok((
                numbers::channels(c, shop)?,
                templates::list(c, shop)?,
                mapped,
                settings,
                statuses::billed_this_month(c, shop)?,
            ))
        })
        .await?;
    let page = Page {
        layout: Layout::new(session, "WhatsApp", "/admin/whatsapp"),
        numbers,
        templates,
        purposes: Purpose::ALL
            .iter()
            .zip(mapped)
            .map(|(p, m)| PurposeRow {
                key: p.as_str(),
                label: purposes::label(*p),
                fields: purposes::fields(*p).join(", "),
                chosen: m.map(|(n, l)| format!("{n}|{l}")).unwrap_or_default(),
            })
            .collect(),
        catalog_id: settings.0,
        reaction_accepts: !matches!(settings.1.trim(), "off" | "0" | "false" | "non"),
        follow_up_hours: if settings.2.is_empty() {
            "24".into()
        } else {
            settings.2
        },
        billed,
        notice,
        error,
    };
    html(page.render())
}

async fn show(
    state: web::Data<AppState>,
    session: AdminSession,
    q: web::Query<Shown>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    let notice = match q.done.as_deref() {
        Some("sync") => Some("Modèles synchronisés depuis WhatsApp.".to_string()),
        Some("saved") => Some("Réglages WhatsApp enregistrés.".to_string()),
        _ => None,
    };
    render(&state, &session, notice, q.error.clone()).await
}

fn back(done: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", format!("/admin/whatsapp?done={done}")))
        .finish()
}

async fn sync(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<CsrfForm>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    session.check_csrf(&form.csrf)?;
    match purposes::sync(
        &state.db,
        &state.http,
        &state.settings.whatsapp,
        session.shop,
    )
    .await
    {
        Ok(_) => Ok(back("sync")),
        Err(e) => render(&state, &session, None, Some(e.to_string())).await,
    }
}

#[derive(Deserialize)]
struct MapForm {
    #[serde(default)]
    csrf: String,
    #[serde(flatten)]
    choices: std::collections::HashMap<String, String>,
}

async fn map(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<MapForm>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    session.check_csrf(&form.csrf)?;
    let shop = session.shop;
    let choices = form.into_inner().choices;
    let refused = state
        .db
        .write(move |c| {
            let known = templates::list(c, shop)?;
            for p in Purpose::ALL {
                let choice = choices.get(p.as_str()).map(|v| v.trim()).unwrap_or("");
                if choice.is_empty() {
                    templates::set_mapping(c, shop, *p, None)?;
                    continue;
                }
                let Some(t) = known.iter().find(|t| Page::option(t) == choice) else {
                    return Ok(Some(format!(
                        "« {} » : modèle inconnu, synchronisez les modèles.",
                        purposes::label(*p)
                    )));
                };
                if let Err(why) = purposes::check(t, *p) {
                    return Ok(Some(format!("« {} » : {why}.", purposes::label(*p))));
                }
                templates::set_mapping(c, shop, *p, Some((&t.name, &t.language)))?;
            }
            Ok(None)
        })
        .await?;
    match refused {
        None => Ok(back("saved")),
        Some(e) => render(&state, &session, None, Some(e)).await,
    }
}

#[derive(Deserialize)]
struct OptionsForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    catalog_id: String,
    #[serde(default)]
    reaction_accepts: Option<String>,
    #[serde(default)]
    follow_up_hours: String,
}

async fn options(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<OptionsForm>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    session.check_csrf(&form.csrf)?;
    let f = form.into_inner();
    let hours = f.follow_up_hours.trim().to_string();
    if !hours.is_empty() && hours.parse::<u32>().map_or(true, |h| h > 24 * 30) {
        let e =
            "Délai de relance : un nombre d'heures entre 0 (pas de relance) et 720.".to_string();
        return render(&state, &session, None, Some(e)).await;
    }
    let catalog = f.catalog_id.trim().to_string();
    if !catalog.chars().all(|c| c.is_ascii_digit()) {
        let e = "Identifiant du catalogue Meta : uniquement des chiffres.".to_string();
        return render(&state, &session, None, Some(e)).await;
    }
    let shop = session.shop;
    let accepts = if f.reaction_accepts.is_some() {
        "on"
    } else {
        "off"
    };
    state
        .db
        .write(move |c| {
            match catalog.as_str() {
                "" => shops::delete_setting(c, shop, "whatsapp.catalog_id")?,
                id => shops::set_setting(c, shop, "whatsapp.catalog_id", id)?,
            }
            shops::set_setting(c, shop, "devis.reaction_accepts", accepts)?;
            match hours.as_str() {
                "" => shops::delete_setting(c, shop, "followup.devis_hours")?,
                h => shops::set_setting(c, shop, "followup.devis_hours", h)?,
            }
            Ok(())
        })
        .await?;
    Ok(back("saved"))
}

#[derive(Deserialize)]
struct NumberForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    waba_id: String,
    #[serde(default)]
    coexistence: Option<String>,
    #[serde(default)]
    messages_per_second: String,
}

async fn number(
    state: web::Data<AppState>,
    session: AdminSession,
    path: web::Path<i64>,
    form: web::Form<NumberForm>,
) -> Result<HttpResponse, AdminError> {
    session.require_manager()?;
    session.check_csrf(&form.csrf)?;
    let f = form.into_inner();
    let rate = f.messages_per_second.trim();
    let rate = match rate {
        "" => None,
        r => match r.parse::<i64>() {
            Ok(n) if (1..=1000).contains(&n) => Some(n),
            _ => {
                let e = "Débit : un nombre de messages par seconde entre 1 et 1000, ou vide pour la valeur par défaut.".to_string();
                return render(&state, &session, None, Some(e)).await;
            }
        },
    };
    let waba = f.waba_id.trim().to_string();
    if !waba.chars().all(|c| c.is_ascii_digit()) {
        let e = "Compte WhatsApp Business (WABA) : uniquement des chiffres.".to_string();
        return render(&state, &session, None, Some(e)).await;
    }
    let (shop, id, coexistence) = (session.shop, path.into_inner(), f.coexistence.is_some());
    state
        .db
        .write(move |c| {
            let waba = (!waba.is_empty()).then_some(waba.as_str());
            numbers::configure(c, shop, id, waba, coexistence, rate)
        })
        .await?;
    Ok(back("saved"))
}
