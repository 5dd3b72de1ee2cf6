//! Reply templates in French and Malagasy. Every fact (price, stock, hours, payment
//! numbers, FAQ answers) is filled in from the shop's data; nothing here invents a
//! number, a product or a promise.

use super::hours;
use super::language::Lang;
use super::retrieval::{Faq, Hit, Product};
use crate::money::format_amount;

/// The shop facts replies draw on (settings and identity).
#[derive(Debug, Clone, Default)]
pub struct ShopFacts {
    pub name: String,
    pub timezone: String,
    pub settings: Vec<(String, String)>,
}

impl ShopFacts {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.settings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn hours(&self) -> Option<hours::Hours> {
        self.get("hours").and_then(hours::parse)
    }
}

fn pick(lang: Lang, fr: &str, mg: &str) -> String {
    match lang {
        Lang::Fr => fr.to_string(),
        Lang::Mg => mg.to_string(),
    }
}

pub fn greeting(lang: Lang, shop: &ShopFacts) -> String {
    let key = format!("greeting_{}", lang.code());
    shop.get(&key)
        .map(str::to_string)
        .unwrap_or_else(|| match lang {
            Lang::Fr => format!(
                "Bonjour et bienvenue chez {} ! Comment puis-je vous aider ?",
                shop.name
            ),
            Lang::Mg => format!(
                "Salama tompoko, tonga soa eto amin'ny {}! Inona no azo hanampiana anao?",
                shop.name
            ),
        })
}

/// The short hello put before the answer to a conversation's first message.
pub fn hello(lang: Lang, shop: &ShopFacts) -> String {
    match lang {
        Lang::Fr => format!("Bonjour et bienvenue chez {} !", shop.name),
        Lang::Mg => format!("Salama tompoko, tonga soa eto amin'ny {}!", shop.name),
    }
}

pub fn out_of_hours(lang: Lang, shop: &ShopFacts) -> String {
    let key = format!("out_of_hours_{}", lang.code());
    if let Some(v) = shop.get(&key) {
        return v.to_string();
    }
    let when = shop.hours().map(|h| h.describe(lang)).unwrap_or_default();
    match lang {
        Lang::Fr => format!("La boutique est fermée pour le moment ; un vendeur vous répondra dès l'ouverture{}.", paren(&when)),
        Lang::Mg => format!("Mikatona ny fivarotana amin'izao fotoana izao; hamaly anao ny mpivarotra rehefa misokatra{}.", paren(&when)),
    }
}

fn paren(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" ({s})")
    }
}

pub fn thanks(lang: Lang) -> String {
    pick(
        lang,
        "Merci à vous ! N'hésitez pas si vous avez une autre question. Bonne journée !",
        "Misaotra anao tompoko! Aza misalasala raha misy fanontaniana hafa. Veloma!",
    )
}

pub fn handover(lang: Lang, complaint: bool) -> String {
    match (lang, complaint) {
        (Lang::Fr, true) => "Nous sommes désolés pour ce désagrément. Je transmets votre message à un responsable, qui vous répond au plus vite.".into(),
        (Lang::Fr, false) => "Bien sûr, je vous mets en relation avec un membre de l'équipe. Il vous répond au plus vite.".into(),
        (Lang::Mg, true) => "Miala tsiny amin'izany tompoko. Hampitaiko amin'ny tompon'andraikitra ny hafatrao, hamaly anao haingana izy.".into(),
        (Lang::Mg, false) => "Eny tompoko, hampifandraisiko amin'ny olona ao amin'ny ekipa ianao. Hamaly anao haingana izy.".into(),
    }
}

/// Added when a question goes to a person because the bot cannot answer it.
pub fn passed_on(lang: Lang) -> String {
    pick(
        lang,
        "Je transmets votre message à l'équipe, qui vous répondra.",
        "Hampitaiko amin'ny ekipa ny hafatrao, hamaly anao izy ireo.",
    )
}

/// When the bot cannot help and no person is called yet.
pub fn unsure(lang: Lang) -> String {
    pick(
        lang,
        "Je n'ai pas bien compris. Pouvez-vous préciser le produit ou la question (prix, disponibilité, livraison, paiement, horaires) ?",
        "Tsy azoko tsara. Azafady, lazao ny entana na ny fanontanianao (vidiny, misy ve, fanaterana, fandoavam-bola, ora fisokafana).",
    )
}

/// Discounts, free items, attempts to make the bot break its rules.
pub fn decline(lang: Lang) -> String {
    pick(
        lang,
        "Désolé, je ne peux pas modifier les prix ni accorder de remise : les prix sont ceux du catalogue. Je peux vous renseigner sur nos produits, la livraison ou le paiement.",
        "Miala tsiny, tsy afaka manova ny vidiny na manome fihenam-bidy aho: ny vidin'ny katalaogy no mihatra. Afaka manome anao fanazavana momba ny entana, ny fanaterana na ny fandoavam-bola aho.",
    )
}

/// Out-of-scope questions when there is no model to chat.
pub fn out_of_scope(lang: Lang, shop: &ShopFacts) -> String {
    match lang {
        Lang::Fr => format!("Je suis l'assistant de {} : je peux vous renseigner sur nos produits, prix, livraison, paiement et horaires.", shop.name),
        Lang::Mg => format!("Mpanampy an'i {} aho: afaka manome fanazavana momba ny entana, ny vidiny, ny fanaterana, ny fandoavam-bola ary ny ora fisokafana aho.", shop.name),
    }
}

pub fn ask_product(lang: Lang) -> String {
    pick(
        lang,
        "Quel produit vous intéresse ? Donnez-moi son nom et je vous indique le prix et la disponibilité.",
        "Inona no entana tadiavinao? Lazao ny anarany dia homeko anao ny vidiny sy raha mbola misy.",
    )
}

fn stock_note(lang: Lang, p: &Product) -> &'static str {
    match (lang, p.stock) {
        (Lang::Fr, Some(0)) => " — en rupture de stock",
        (Lang::Fr, Some(_)) => " — en stock",
        (Lang::Mg, Some(0)) => " — lany",
        (Lang::Mg, Some(_)) => " — misy",
        (_, None) => "",
    }
}

/// `Riz makalioka 1 kg : 3 500 Ar — en stock`.
pub fn product_line(lang: Lang, p: &Product) -> String {
    format!(
        "• {} : {}{}",
        p.title,
        format_amount(p.price, &p.currency),
        stock_note(lang, p)
    )
}

fn lines(lang: Lang, hits: &[&Hit]) -> String {
    hits.iter()
        .map(|h| product_line(lang, &h.product))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Price or availability of the products asked for.
pub fn products(lang: Lang, availability: bool, hits: &[&Hit]) -> String {
    let all_out = hits.iter().all(|h| h.product.stock == Some(0));
    let head = match (lang, availability, all_out) {
        (Lang::Fr, true, false) => "Oui, nous l'avons :",
        (Lang::Fr, true, true) => "Désolé, ce produit est en rupture de stock pour le moment :",
        (Lang::Fr, false, _) => "Voici le prix :",
        (Lang::Mg, true, false) => "Eny, misy:",
        (Lang::Mg, true, true) => "Miala tsiny, lany izy amin'izao fotoana izao:",
        (Lang::Mg, false, _) => "Ity ny vidiny:",
    };
    let tail = pick(
        lang,
        "Souhaitez-vous en commander ?",
        "Te hanafatra ve ianao?",
    );
    format!("{head}\n{}\n{tail}", lines(lang, hits))
}

/// A product list for "what do you have for ...".
pub fn catalogue(lang: Lang, hits: &[&Hit]) -> String {
    let head = pick(
        lang,
        "Voici ce que nous proposons :",
        "Ireto ny entana ananantsika:",
    );
    format!("{head}\n{}", lines(lang, hits))
}

/// The shop does not sell what was asked; `near` are real catalogue items, maybe empty.
pub fn not_sold(lang: Lang, asked: &str, near: &[&Hit]) -> String {
    let mut s = match lang {
        Lang::Fr => format!("Désolé, nous ne vendons pas « {asked} »."),
        Lang::Mg => format!("Miala tsiny, tsy mivarotra « {asked} » izahay."),
    };
    if !near.is_empty() {
        s.push('\n');
        s.push_str(&pick(
            lang,
            "Nous avons par contre :",
            "Manana kosa izahay:",
        ));
        s.push('\n');
        s.push_str(&lines(lang, near));
    }
    s
}

/// The quote lines to confirm with the buttons (unit prices only; totals come in the devis).
pub fn quote(lang: Lang, lines: &[(i64, &Product)], missing: &[String]) -> String {
    let head = pick(
        lang,
        "Voici votre demande de devis :",
        "Ity ny devis nangatahinao:",
    );
    let body: Vec<String> = lines
        .iter()
        .map(|(q, p)| {
            let unit = format_amount(p.price, &p.currency);
            match lang {
                Lang::Fr => format!("• {q} × {} ({unit} l'unité)", p.title),
                Lang::Mg => format!("• {q} × {} ({unit} ny iray)", p.title),
            }
        })
        .collect();
    let mut s = format!("{head}\n{}", body.join("\n"));
    if !missing.is_empty() {
        s.push('\n');
        s.push_str(&match lang {
            Lang::Fr => format!("Introuvable dans notre catalogue : {}.", missing.join(", ")),
            Lang::Mg => format!("Tsy hita ao amin'ny katalaogy: {}.", missing.join(", ")),
        });
    }
    s.push('\n');
    s.push_str(&pick(
        lang,
        "Validez-vous ce devis ?",
        "Ekenao ve ity devis ity?",
    ));
    s
}

pub fn quote_empty(lang: Lang) -> String {
    pick(
        lang,
        "Avec plaisir ! Indiquez-moi les produits et les quantités (par exemple « 2 sacs de riz, 1 bidon d'huile ») et je prépare le devis.",
        "Eny tompoko! Lazao ny entana sy ny isany (ohatra « vary 2 gony, menaka 1 bidao ») dia hamboariko ny devis.",
    )
}

/// The devis is issued and its PDF follows.
pub fn devis_issued(lang: Lang, number: &str) -> String {
    match lang {
        Lang::Fr => format!("Merci ! Voici votre devis {number} en PDF."),
        Lang::Mg => format!("Misaotra! Ity ny devis {number} amin'ny PDF."),
    }
}

/// The quote is validated but no PDF can be made here: the team will send it.
pub fn devis_passed_on(lang: Lang) -> String {
    pick(
        lang,
        "Merci ! Votre devis est validé et transmis à l'équipe ; vous le recevrez ici en PDF.",
        "Misaotra! Voaray ny devis ary nampitaina tamin'ny ekipa; horaisinao eto amin'ny PDF izy.",
    )
}

pub fn quote_edit(lang: Lang) -> String {
    pick(
        lang,
        "D'accord : envoyez-moi la liste corrigée (produits et quantités).",
        "Eny: alefaso amiko ny lisitra vaovao (entana sy isany).",
    )
}

/// One or two FAQ answers, as written by the shop.
pub fn faq(lang: Lang, answers: &[&Faq]) -> String {
    let body: Vec<&str> = answers.iter().map(|f| f.answer.as_str()).collect();
    match lang {
        Lang::Fr => body.join("\n"),
        Lang::Mg => format!("Ity ny valiny:\n{}", body.join("\n")),
    }
}

pub fn hours_answer(lang: Lang, shop: &ShopFacts, open_now: Option<bool>) -> Option<String> {
    let h = shop.hours()?;
    let when = h.describe(lang);
    let today = h
        .today(&shop.timezone, chrono::Utc::now())
        .map(|(o, c)| match lang {
            Lang::Fr => format!(" Aujourd'hui : {}-{}.", hours::hm(o), hours::hm(c)),
            Lang::Mg => format!(" Anio: {}-{}.", hours::hm(o), hours::hm(c)),
        })
        .unwrap_or_default();
    let now = match (lang, open_now) {
        (Lang::Fr, Some(true)) => " Nous sommes ouverts en ce moment.",
        (Lang::Fr, Some(false)) => " Nous sommes fermés en ce moment.",
        (Lang::Mg, Some(true)) => " Misokatra izahay izao.",
        (Lang::Mg, Some(false)) => " Mikatona izahay izao.",
        _ => "",
    };
    Some(match lang {
        Lang::Fr => format!("Nos horaires : {when}.{today}{now}"),
        Lang::Mg => format!("Ny ora fisokafanay: {when}.{today}{now}"),
    })
}

/// Payment means from the `payment.*` settings; `None` when none is set.
pub fn payment_answer(lang: Lang, shop: &ShopFacts) -> Option<String> {
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
    if means.is_empty() {
        return None;
    }
    let name = shop
        .get("payment.account_name")
        .map(|n| match lang {
            Lang::Fr => format!(" (nom : {n})"),
            Lang::Mg => format!(" (anarana: {n})"),
        })
        .unwrap_or_default();
    Some(match lang {
        Lang::Fr => format!(
            "Vous pouvez payer par {}{name}. Indiquez le numéro du devis en référence.",
            means.join(", ")
        ),
        Lang::Mg => format!(
            "Afaka mandoa amin'ny {}{name} ianao. Soraty ho fanondroana ny laharan'ny devis.",
            means.join(", ")
        ),
    })
}

pub fn no_info(lang: Lang) -> String {
    pick(
        lang,
        "Je n'ai pas cette information ; je transmets votre question à l'équipe.",
        "Tsy manana izany fanazavana izany aho; hampitaiko amin'ny ekipa ny fanontanianao.",
    )
}
