//! Shop facts as replies, French or Malagasy, built from the structured settings of
//! [`super::facts`]: delivery (the zone of the place asked, its fee and delay, the
//! minimum order, free delivery, elsewhere), payment means, opening hours, warranty,
//! returns, the address. Free text is taken only in the reply's language: a missing
//! Malagasy text gives `None`, never the French one.

use super::facts::{self, ar, ShopFacts, Zone};
use super::hours;
use super::language::Lang;
use super::text;

fn contains_phrase(hay: &[String], needle: &str) -> bool {
    let n = text::tokens(needle);
    !n.is_empty() && hay.windows(n.len()).any(|w| w == n.as_slice())
}

/// The zone (and the place named) a message asks about.
fn zone_asked<'a>(zones: &'a [Zone], tokens: &[String]) -> Option<(&'a Zone, String)> {
    for z in zones {
        for a in &z.areas {
            if contains_phrase(tokens, a) {
                return Some((z, a.clone()));
            }
        }
    }
    zones
        .iter()
        .find(|z| contains_phrase(tokens, &z.name))
        .map(|z| (z, z.name.clone()))
}

fn fee(lang: Lang, n: i64) -> String {
    match (lang, n) {
        (Lang::Fr, 0) => "gratuit".into(),
        (Lang::Mg, 0) => "maimaim-poana".into(),
        _ => ar(n),
    }
}

fn delay(lang: Lang, z: &Zone) -> Option<&str> {
    match lang {
        Lang::Fr => z.delay_fr.as_deref(),
        Lang::Mg => z.delay_mg.as_deref(),
    }
}

/// The delivery answer, or `None` when the shop set no zones.
pub fn delivery(lang: Lang, shop: &ShopFacts, message: &str) -> Option<String> {
    let zones = shop.zones();
    if zones.is_empty() {
        return None;
    }
    let toks = text::tokens(message);
    let mut out = Vec::new();
    match zone_asked(&zones, &toks) {
        Some((z, place)) => {
            let d = delay(lang, z).map(|d| format!(", {d}")).unwrap_or_default();
            let same = super::text::fold(&place) == super::text::fold(&z.name);
            let zone = if same {
                String::new()
            } else {
                format!(" ({})", z.name)
            };
            out.push(match lang {
                Lang::Fr => format!(
                    "Oui, nous livrons à {place}{zone} : {}{d}.",
                    fee(lang, z.fee)
                ),
                Lang::Mg => format!(
                    "Eny, manatitra any {place}{zone} izahay: {}{d}.",
                    fee(lang, z.fee)
                ),
            });
        }
        None => {
            out.push(
                match lang {
                    Lang::Fr => "Nous livrons :",
                    Lang::Mg => "Manatitra izahay:",
                }
                .to_string(),
            );
            for z in &zones {
                let d = delay(lang, z).map(|d| format!(", {d}")).unwrap_or_default();
                let areas = if z.areas.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", z.areas.join(", "))
                };
                out.push(format!("• {}{areas} : {}{d}", z.name, fee(lang, z.fee)));
            }
            let elsewhere = match lang {
                Lang::Fr => shop.get(facts::DELIVERY_ELSEWHERE_FR),
                Lang::Mg => shop.get(facts::DELIVERY_ELSEWHERE_MG),
            };
            if let Some(e) = elsewhere {
                out.push(e.to_string());
            }
        }
    }
    if let Some(n) = shop.amount(facts::DELIVERY_MINIMUM) {
        out.push(match lang {
            Lang::Fr => format!("Commande minimum pour la livraison : {}.", ar(n)),
            Lang::Mg => format!("Farafahakeliny {} ny kaomandy vao aterina.", ar(n)),
        });
    }
    if let Some(n) = shop.amount(facts::DELIVERY_FREE_ABOVE) {
        out.push(match lang {
            Lang::Fr => format!("Livraison offerte à partir de {} d'achat.", ar(n)),
            Lang::Mg => format!(
                "Maimaim-poana ny fanaterana raha mihoatra ny {} ny vidiana.",
                ar(n)
            ),
        });
    }
    Some(out.join("\n"))
}

/// Payment means from the `payment.*` settings; `None` when none is set.
pub fn payment(lang: Lang, shop: &ShopFacts) -> Option<String> {
    let mut means = Vec::new();
    for (key, label) in [
        ("payment.mvola", "MVola"),
        ("payment.orange_money", "Orange Money"),
        ("payment.airtel_money", "Airtel Money"),
    ] {
        if let Some(n) = shop.get(key) {
            means.push(format!("{label} : {n}"));
        }
    }
    let cod = shop.cash_on_delivery();
    if means.is_empty() && cod.is_none() {
        return None;
    }
    let name = shop
        .get("payment.account_name")
        .map(|n| match lang {
            Lang::Fr => format!(" (au nom de {n})"),
            Lang::Mg => format!(" (amin'ny anaran'i {n})"),
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    if !means.is_empty() {
        out.push(match lang {
            Lang::Fr => format!(
                "Vous pouvez payer par {}{name}. Indiquez le numéro du devis en référence.",
                means.join(", ")
            ),
            Lang::Mg => format!(
                "Afaka mandoa amin'ny {}{name} ianao. Soraty ho fanondroana ny laharan'ny devis.",
                means.join(", ")
            ),
        });
    }
    match (lang, cod) {
        (Lang::Fr, Some(true)) => {
            out.push("Le paiement à la livraison (espèces) est aussi possible.".into())
        }
        (Lang::Fr, Some(false)) => out.push("Le paiement se fait avant la livraison.".into()),
        (Lang::Mg, Some(true)) => {
            out.push("Azo aloa rehefa tonga ny entana ihany koa (vola taratasy).".into())
        }
        (Lang::Mg, Some(false)) => out.push("Aloa alohan'ny fanaterana ny vola.".into()),
        _ => {}
    }
    Some(out.join("\n"))
}

pub fn hours(lang: Lang, shop: &ShopFacts, now: chrono::DateTime<chrono::Utc>) -> Option<String> {
    let h = shop.hours()?;
    let when = h.describe(lang);
    let today = h
        .today(&shop.timezone, now)
        .map(|(o, c)| match lang {
            Lang::Fr => format!(" Aujourd'hui : {}-{}.", hours::hm(o), hours::hm(c)),
            Lang::Mg => format!(" Anio: {}-{}.", hours::hm(o), hours::hm(c)),
        })
        .unwrap_or_default();
    let now = match (lang, h.is_open(&shop.timezone, now)) {
        (Lang::Fr, true) => " Nous sommes ouverts en ce moment.",
        (Lang::Fr, false) => " Nous sommes fermés en ce moment.",
        (Lang::Mg, true) => " Misokatra izahay izao.",
        (Lang::Mg, false) => " Mikatona izahay izao.",
    };
    Some(match lang {
        Lang::Fr => format!("Nos horaires : {when}.{today}{now}"),
        Lang::Mg => format!("Ny ora fisokafanay: {when}.{today}{now}"),
    })
}

/// The shop's warranty text in the reply's language.
pub fn warranty(lang: Lang, shop: &ShopFacts) -> Option<String> {
    let key = match lang {
        Lang::Fr => facts::WARRANTY_FR,
        Lang::Mg => facts::WARRANTY_MG,
    };
    shop.get(key).map(|t| match lang {
        Lang::Fr => format!("Garantie : {t}"),
        Lang::Mg => format!("Garantie: {t}"),
    })
}

/// The shop's returns and exchanges text in the reply's language.
pub fn returns(lang: Lang, shop: &ShopFacts) -> Option<String> {
    let key = match lang {
        Lang::Fr => facts::RETURNS_FR,
        Lang::Mg => facts::RETURNS_MG,
    };
    shop.get(key).map(|t| match lang {
        Lang::Fr => format!("Retours et échanges : {t}"),
        Lang::Mg => format!("Fanatakalozana sy famerenana: {t}"),
    })
}

/// Where the shop is (its address in the shop record).
pub fn address(lang: Lang, shop: &ShopFacts) -> Option<String> {
    let a = shop.address.as_deref().filter(|a| !a.trim().is_empty())?;
    let phone = shop
        .phone
        .as_deref()
        .map(|p| match lang {
            Lang::Fr => format!(" Téléphone : {p}."),
            Lang::Mg => format!(" Finday: {p}."),
        })
        .unwrap_or_default();
    Some(match lang {
        Lang::Fr => format!("Nous sommes à l'adresse suivante : {a}.{phone}"),
        Lang::Mg => format!("Ity ny adiresinay: {a}.{phone}"),
    })
}

/// No answer in the reply's language: said so, and passed to a person.
pub fn no_info(lang: Lang) -> String {
    super::reply::pick(
        lang,
        "Je n'ai pas cette information ; je transmets votre question à l'équipe, qui vous répondra.",
        "Tsy manana izany fanazavana izany aho; hampitaiko amin'ny ekipa ny fanontanianao, hamaly anao izy ireo.",
    )
}

/// A FAQ answer exists in French only and the customer writes Malagasy.
pub fn no_malagasy(lang: Lang) -> String {
    super::reply::pick(
        lang,
        "Je transmets votre question à l'équipe, qui vous répondra.",
        "Tsy mbola voasoratra amin'ny teny malagasy io valiny io; hampitaiko amin'ny ekipa ny fanontanianao, hamaly anao amin'ny teny malagasy izy ireo.",
    )
}
