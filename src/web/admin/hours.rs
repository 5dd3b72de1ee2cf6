//! The opening hours as a weekly form (one line per day: open or closed, opening and
//! closing time) instead of JSON with English day codes. Storage keeps the `hours`
//! setting's JSON (`{"mon-fri":"08:00-17:00","sat":"08:00-12:00"}`): consecutive days
//! with the same hours are grouped, closed days are left out, each day has one range,
//! which is what the assistant reads. [`WeeklyHours`] and `templates/hours_form.html`
//! are reusable by any page that edits hours (the setup wizard); this module also
//! serves the settings page's block, `POST /admin/parametres/horaires`.

use super::AdminSession;
use crate::db::{shop_admin, shops};
use crate::web::{AdminError, AppState};
use actix_web::{web, HttpResponse};

const CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const NAMES: [&str; 7] = [
    "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
];

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/parametres/horaires", web::post().to(save));
}

/// One day of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// `mon`..`sun`: the form fields are `open_<code>`, `from_<code>`, `to_<code>`.
    pub code: &'static str,
    pub name: &'static str,
    pub open: bool,
    /// `HH:MM`, empty when closed.
    pub from: String,
    pub to: String,
}

/// The seven days, Monday first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyHours {
    pub days: Vec<Day>,
    /// Where the form posts.
    pub action: String,
}

fn day_index(code: &str) -> Option<usize> {
    CODES.iter().position(|d| *d == code.trim())
}

/// The day indexes a key of the setting names: `mon`, `mon-sat`, `sat,sun`.
fn days_of(key: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for part in key.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                if let (Some(a), Some(b)) = (day_index(a), day_index(b)) {
                    out.extend(a..=b);
                }
            }
            None => out.extend(day_index(part)),
        }
    }
    out
}

impl WeeklyHours {
    /// The form for the stored setting (all days closed when there is none).
    pub fn from_setting(json: Option<&str>, action: &str) -> Self {
        let mut days: Vec<Day> = CODES
            .iter()
            .zip(NAMES)
            .map(|(code, name)| Day {
                code,
                name,
                open: false,
                from: String::new(),
                to: String::new(),
            })
            .collect();
        let map: serde_json::Map<String, serde_json::Value> = json
            .and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default();
        for (key, value) in &map {
            let Some(text) = value.as_str() else { continue };
            // A day with several ranges shows its first one (the form has one a day).
            let first = text.split(',').next().unwrap_or("").trim();
            let range = first.split_once('-').map(|(a, b)| (a.trim(), b.trim()));
            for i in days_of(key) {
                match range {
                    Some((a, b)) if text != "closed" => {
                        days[i].open = true;
                        days[i].from = a.to_string();
                        days[i].to = b.to_string();
                    }
                    _ => days[i].open = false,
                }
            }
        }
        Self {
            days,
            action: action.to_string(),
        }
    }

    /// The form as posted: `open_<code>=1`, `from_<code>`, `to_<code>`. A day marked
    /// open needs both times, the opening before the closing.
    pub fn from_form(fields: &[(String, String)], action: &str) -> Result<Self, String> {
        let get = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default()
        };
        let mut days = Vec::with_capacity(7);
        for (code, name) in CODES.iter().zip(NAMES) {
            let open = !get(&format!("open_{code}")).is_empty();
            let (from, to) = (get(&format!("from_{code}")), get(&format!("to_{code}")));
            if open {
                let time = |t: &str| chrono::NaiveTime::parse_from_str(t, "%H:%M").ok();
                match (time(&from), time(&to)) {
                    (Some(a), Some(b)) if a < b => {}
                    (Some(_), Some(_)) => {
                        return Err(format!(
                            "{name} : l'ouverture ({from}) doit précéder la fermeture ({to})"
                        ))
                    }
                    _ => {
                        return Err(format!(
                            "{name} : indiquez l'heure d'ouverture et de fermeture (HH:MM), ou décochez « ouvert »"
                        ))
                    }
                }
            }
            days.push(Day {
                code,
                name,
                open,
                from: if open { from } else { String::new() },
                to: if open { to } else { String::new() },
            });
        }
        Ok(Self {
            days,
            action: action.to_string(),
        })
    }

    /// The `hours` setting: consecutive days with the same hours grouped, closed days
    /// left out; `None` when the shop is closed every day (no setting).
    pub fn to_setting(&self) -> Option<String> {
        let mut map = serde_json::Map::new();
        let mut i = 0;
        while i < self.days.len() {
            let d = &self.days[i];
            let mut j = i;
            while j + 1 < self.days.len() {
                let n = &self.days[j + 1];
                if n.open == d.open && n.from == d.from && n.to == d.to {
                    j += 1;
                } else {
                    break;
                }
            }
            if d.open {
                let key = if i == j {
                    CODES[i].to_string()
                } else {
                    format!("{}-{}", CODES[i], CODES[j])
                };
                map.insert(key, format!("{}-{}", d.from, d.to).into());
            }
            i = j + 1;
        }
        (!map.is_empty()).then(|| serde_json::Value::Object(map).to_string())
    }
}

async fn save(
    state: web::Data<AppState>,
    session: AdminSession,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AdminError> {
    let form = form.into_inner();
    session.check_csrf_in(&form)?;
    session.require_manager()?;
    let week = WeeklyHours::from_form(&form, "/admin/parametres/horaires")
        .map_err(|e| AdminError::BadRequest(format!("Horaires : {e}")))?;
    let setting = week
        .to_setting()
        .map(|json| shop_admin::validate_hours(&json))
        .transpose()?;
    let shop = session.shop;
    state
        .db
        .write(move |c| match &setting {
            Some(json) => shops::set_setting(c, shop, "hours", json),
            None => shops::delete_setting(c, shop, "hours"),
        })
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/admin/parametres?saved=1#horaires"))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_stored_setting_fills_the_week_and_comes_back_grouped() {
        let week = WeeklyHours::from_setting(
            Some(r#"{"mon-sat":"07:30-18:00","sun":"08:00-12:00"}"#),
            "/x",
        );
        assert!(week.days.iter().all(|d| d.open));
        assert_eq!(week.days[5].from, "07:30");
        assert_eq!(week.days[6].to, "12:00");
        assert_eq!(
            week.to_setting().as_deref(),
            Some(r#"{"mon-sat":"07:30-18:00","sun":"08:00-12:00"}"#)
        );
    }

    #[test]
    fn closed_days_are_left_out_and_lists_are_read() {
        let week = WeeklyHours::from_setting(
            Some(r#"{"mon-fri":"08:00-17:00","sat,sun":"closed"}"#),
            "/x",
        );
        assert!(!week.days[5].open && !week.days[6].open);
        assert_eq!(
            week.to_setting().as_deref(),
            Some(r#"{"mon-fri":"08:00-17:00"}"#)
        );
    }

    #[test]
    fn the_form_refuses_a_day_that_closes_before_it_opens() {
        let err = WeeklyHours::from_form(
            &fields(&[
                ("open_tue", "1"),
                ("from_tue", "18:00"),
                ("to_tue", "08:00"),
            ]),
            "/x",
        )
        .unwrap_err();
        assert!(err.starts_with("Mardi"), "{err}");
        let err = WeeklyHours::from_form(&fields(&[("open_wed", "1")]), "/x").unwrap_err();
        assert!(err.starts_with("Mercredi"), "{err}");
    }

    #[test]
    fn a_week_closed_every_day_has_no_setting() {
        let week = WeeklyHours::from_form(&[], "/x").unwrap();
        assert_eq!(week.to_setting(), None);
    }
}
