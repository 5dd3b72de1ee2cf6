//! How the admin shows stored values to a French-speaking owner: dates in the shop's
//! time zone and French format (never a raw UTC timestamp), waiting times, durations,
//! percentages, and French labels for every closed value stored as text (statuses,
//! providers, intents, languages, message kinds).

use crate::kinds::{ConversationStatus, Intent, ProviderKind};
use chrono::{DateTime, Datelike, Utc};

fn parse(rfc3339: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `2026-11-25T11:03:00Z` → `25/11 14:03` in the shop's zone (with the year when it
/// is not the current one).
pub fn local_time(rfc3339: &str, tz: chrono_tz::Tz) -> String {
    let Some(t) = parse(rfc3339) else {
        return rfc3339.to_string();
    };
    let local = t.with_timezone(&tz);
    if local.year() == Utc::now().with_timezone(&tz).year() {
        local.format("%d/%m %H:%M").to_string()
    } else {
        local.format("%d/%m/%Y %H:%M").to_string()
    }
}

/// `2026-11-25T11:03:00Z` → `25/11/2026` in the shop's zone.
pub fn local_date(rfc3339: &str, tz: chrono_tz::Tz) -> String {
    parse(rfc3339)
        .map(|t| t.with_timezone(&tz).format("%d/%m/%Y").to_string())
        .unwrap_or_else(|| rfc3339.to_string())
}

/// A duration in minutes the way people say it: `42 min`, `2 h 05`, `3,5 j`.
pub fn fmt_minutes(m: Option<f64>) -> String {
    match m {
        None => "—".into(),
        Some(m) if m < 1.0 => "< 1 min".into(),
        Some(m) if m < 60.0 => format!("{m:.0} min"),
        Some(m) if m < 1440.0 => format!("{} h {:02}", (m / 60.0) as i64, (m % 60.0) as i64),
        Some(m) => format!("{:.1} j", m / 1440.0).replace('.', ","),
    }
}

/// "attend depuis 12 min" for a customer waiting since `since`.
pub fn waiting_for(since: &str, now: DateTime<Utc>) -> String {
    let Some(t) = parse(since) else {
        return String::new();
    };
    let minutes = (now - t).num_seconds().max(0) as f64 / 60.0;
    format!("attend depuis {}", fmt_minutes(Some(minutes)))
}

pub fn fmt_pct(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.0} %")).unwrap_or_else(|| "—".into())
}

/// The CSS class and French label of a conversation's status (unknown reads as open).
pub fn status_label(status: &str) -> (&'static str, &'static str) {
    match ConversationStatus::parse(status) {
        Some(s @ ConversationStatus::NeedsHuman) => (s.as_str(), "À traiter"),
        Some(s @ ConversationStatus::Closed) => (s.as_str(), "Fermée"),
        _ => (ConversationStatus::Open.as_str(), "Ouverte"),
    }
}

/// The provider of a WhatsApp number, as the owner knows it.
pub fn provider_label(provider: &str) -> &'static str {
    match ProviderKind::parse(provider) {
        Some(ProviderKind::Meta) => "Meta (API WhatsApp Cloud)",
        Some(ProviderKind::Dialog360) => "360dialog",
        Some(ProviderKind::Gupshup) => "Gupshup",
        None => "fournisseur inconnu",
    }
}

/// The state of a WhatsApp number (`whatsapp_accounts.status`).
pub fn number_status_label(status: &str) -> &'static str {
    match status {
        "active" => "actif",
        "disabled" | "inactive" => "désactivé",
        "pending" => "en attente",
        _ => "état inconnu",
    }
}

/// What a customer asked for, in French words.
pub fn intent_label(intent: Intent) -> &'static str {
    match intent {
        Intent::Greeting => "salutation",
        Intent::Price => "demande de prix",
        Intent::Availability => "disponibilité d'un article",
        Intent::CatalogSearch => "recherche dans le catalogue",
        Intent::Quote => "demande de devis",
        Intent::Order => "commande",
        Intent::Delivery => "livraison",
        Intent::Hours => "horaires d'ouverture",
        Intent::Payment => "paiement",
        Intent::Faq => "question fréquente",
        Intent::Thanks => "remerciement",
        Intent::Human => "demande à parler à une personne",
        Intent::Complaint => "réclamation",
        Intent::Other => "autre demande",
    }
}

/// `fr` → `français`, `mg` → `malgache`.
pub fn language_label(code: &str) -> &'static str {
    match code {
        "fr" => "français",
        "mg" => "malgache",
        "mixed" => "mélange de français et de malgache",
        _ => "langue inconnue",
    }
}

/// What the thread shows for a message without text: a media not (yet) shown as a
/// link, a sticker, or something WhatsApp itself cannot show.
pub fn kind_placeholder(kind: &str) -> &'static str {
    match kind {
        "image" => "📷 photo",
        "audio" | "voice" => "🎤 message vocal",
        "video" => "🎬 vidéo",
        "document" => "📄 document",
        "sticker" => "🙂 autocollant",
        "location" => "📍 position",
        "contacts" => "👤 fiche contact",
        "reaction" => "réaction",
        "interactive" | "button" => "réponse à des boutons",
        "order" => "🛒 commande depuis le catalogue",
        "template" => "message modèle",
        "system" => "message de WhatsApp",
        _ => "⚠️ message que WhatsApp ne sait pas afficher",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(fmt_minutes(Some(42.4)), "42 min");
        assert_eq!(fmt_minutes(Some(125.0)), "2 h 05");
        assert_eq!(fmt_minutes(Some(2160.0)), "1,5 j");
        assert_eq!(fmt_minutes(None), "—");
        assert_eq!(fmt_pct(Some(66.66)), "67 %");
    }

    #[test]
    fn times_are_shown_in_the_shops_zone() {
        let tz = chrono_tz::Indian::Antananarivo;
        assert_eq!(local_date("2026-11-24T22:30:00Z", tz), "25/11/2026");
        assert!(local_time("2020-01-01T09:00:00Z", tz).starts_with("01/01/2020 12:00"));
    }

    #[test]
    fn a_waiting_customer_waits_minutes() {
        let now = parse("2026-11-25T10:12:00Z").unwrap();
        assert_eq!(
            waiting_for("2026-11-25T10:00:00Z", now),
            "attend depuis 12 min"
        );
    }

    #[test]
    fn every_intent_and_provider_has_a_french_label() {
        for i in Intent::ALL {
            assert!(!intent_label(*i).is_empty());
        }
        assert_eq!(provider_label("meta"), "Meta (API WhatsApp Cloud)");
        assert_eq!(number_status_label("active"), "actif");
        assert_eq!(kind_placeholder("audio"), "🎤 message vocal");
        assert!(!kind_placeholder("unsupported").contains("unsupported"));
    }
}
