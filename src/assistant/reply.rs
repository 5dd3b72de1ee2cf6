//! Reply templates in French and Malagasy: greetings, hand-over, products and prices,
//! catalogue lists, haggling, refusals. Every fact (price, stock, name) is filled in
//! from the shop's data; nothing here invents a number, a product or a promise, and
//! nothing repeats a number the customer wrote. Quote and shop-fact templates are in
//! [`super::reply_quote`] and [`super::reply_facts`].

use super::language::Lang;
use super::retrieval::Product;
use crate::money::format_amount;

pub use super::facts::ShopFacts;
pub use super::reply_quote::{devis_issued, devis_passed_on, quote_edit};

pub(super) fn pick(lang: Lang, fr: &str, mg: &str) -> String {
    match lang {
        Lang::Fr => fr.to_string(),
        Lang::Mg => mg.to_string(),
    }
}

/// The shop's welcome (settings `greeting_fr` / `greeting_mg`), or ours.
pub fn greeting(lang: Lang, shop: &ShopFacts) -> String {
    let key = format!("greeting_{}", lang.code());
    shop.get(&key)
        .map(str::to_string)
        .unwrap_or_else(|| default_greeting(lang, shop))
}

/// Our welcome, used while the shop has written none (the wizard shows it to edit).
pub fn default_greeting(lang: Lang, shop: &ShopFacts) -> String {
    match lang {
        Lang::Fr => format!(
            "Bonjour et bienvenue chez {} ! Comment puis-je vous aider ?",
            shop.name
        ),
        Lang::Mg => format!(
            "Salama tompoko, tonga soa eto amin'ny {}! Inona no azo hanampiana anao?",
            shop.name
        ),
    }
}

/// A short salutation back, when the customer greeted before asking.
pub fn salutation(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Bonjour !",
        Lang::Mg => "Salama tompoko!",
    }
}

pub fn out_of_hours(lang: Lang, shop: &ShopFacts) -> String {
    let key = format!("out_of_hours_{}", lang.code());
    if let Some(v) = shop.get(&key) {
        return v.to_string();
    }
    default_out_of_hours(lang, shop)
}

/// Our out-of-hours message, with the shop's opening hours when it has set them.
pub fn default_out_of_hours(lang: Lang, shop: &ShopFacts) -> String {
    let when = shop.hours().map(|h| h.describe(lang)).unwrap_or_default();
    let when = if when.is_empty() {
        String::new()
    } else {
        format!(" ({when})")
    };
    match lang {
        Lang::Fr => format!("La boutique est fermée pour le moment ; un vendeur vous répondra dès l'ouverture{when}."),
        Lang::Mg => format!("Mikatona ny fivarotana amin'izao fotoana izao; hamaly anao ny mpivarotra rehefa misokatra{when}."),
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

/// Out-of-scope questions: what the bot can help with.
pub fn out_of_scope(lang: Lang, shop: &ShopFacts) -> String {
    match lang {
        Lang::Fr => format!("Je suis l'assistant de {} : je peux vous renseigner sur nos produits, prix, livraison, paiement et horaires.", shop.name),
        Lang::Mg => format!("Mpanampy an'i {} aho: afaka manome fanazavana momba ny entana, ny vidiny, ny fanaterana, ny fandoavam-bola ary ny ora fisokafana aho.", shop.name),
    }
}

/// A request to dictate the answer or to break the rules; `real` are the real prices
/// of the products it named.
pub fn decline(lang: Lang, real: &[&Product]) -> String {
    let head = pick(
        lang,
        "Désolé, je ne peux répondre qu'avec les informations de la boutique : les prix sont ceux de notre catalogue.",
        "Miala tsiny, ny fanazavana avy amin'ny fivarotana ihany no azoko omena: ny vidin'ny katalaogy no mihatra.",
    );
    with_prices(lang, head, real)
}

/// A haggle or a discount asked: acknowledged politely, the price unchanged.
pub fn haggle(lang: Lang, real: &[&Product], offered: bool) -> String {
    let head = match (lang, offered) {
        (Lang::Fr, true) => "Merci pour votre proposition ! Je ne peux malheureusement pas changer le prix : c'est le même pour tous nos clients.",
        (Lang::Fr, false) => "Je comprends ! Je ne peux malheureusement pas accorder de remise : nos prix sont les mêmes pour tous nos clients.",
        (Lang::Mg, true) => "Misaotra amin'ny tolo-bidinao! Tsy afaka manova ny vidiny anefa aho: mitovy ho an'ny mpanjifa rehetra izy.",
        (Lang::Mg, false) => "Azoko tsara! Tsy afaka manome fihenam-bidy anefa aho: mitovy ho an'ny mpanjifa rehetra ny vidinay.",
    };
    let mut s = with_prices(lang, head.to_string(), real);
    if real.iter().any(|p| p.available() != Some(0)) {
        s.push('\n');
        s.push_str(&pick(
            lang,
            "Dites-moi la quantité si vous souhaitez commander à ce prix.",
            "Lazao ny isany raha te hanafatra amin'io vidiny io ianao.",
        ));
    }
    s
}

fn with_prices(lang: Lang, head: String, real: &[&Product]) -> String {
    if real.is_empty() {
        return head;
    }
    let lines: Vec<String> = real.iter().map(|p| product_line(lang, p)).collect();
    format!("{head}\n{}", lines.join("\n"))
}

/// What to ask for, with examples from this shop's own catalogue.
pub fn ask_product(lang: Lang, examples: &[&Product]) -> String {
    let ex = example_names(examples);
    match (lang, ex.is_empty()) {
        (Lang::Fr, true) => "Quel produit vous intéresse ? Donnez-moi son nom et je vous indique le prix et la disponibilité.".into(),
        (Lang::Fr, false) => format!("Quel produit vous intéresse (par exemple {ex}) ? Je vous indique le prix et la disponibilité."),
        (Lang::Mg, true) => "Inona no entana tadiavinao? Lazao ny anarany dia homeko anao ny vidiny sy raha mbola misy.".into(),
        (Lang::Mg, false) => format!("Inona no entana tadiavinao (ohatra {ex})? Homeko anao ny vidiny sy raha mbola misy."),
    }
}

/// `« A », « B »`: two catalogue names for an example.
pub(super) fn example_names(examples: &[&Product]) -> String {
    examples
        .iter()
        .take(2)
        .map(|p| format!("« {} »", p.title))
        .collect::<Vec<_>>()
        .join(", ")
}

fn stock_note(lang: Lang, p: &Product) -> &'static str {
    match (lang, p.available()) {
        (Lang::Fr, Some(0)) => " — en rupture de stock",
        (Lang::Fr, Some(_)) => " — en stock",
        (Lang::Mg, Some(0)) => " — lany",
        (Lang::Mg, Some(_)) => " — misy",
        (_, None) => "",
    }
}

/// `• Riz makalioka 1 kg : 3 500 Ar — en stock`.
pub fn product_line(lang: Lang, p: &Product) -> String {
    format!(
        "• {} : {}{}",
        p.title,
        format_amount(p.price, &p.currency),
        stock_note(lang, p)
    )
}

pub(super) fn lines(lang: Lang, products: &[&Product]) -> String {
    products
        .iter()
        .map(|p| product_line(lang, p))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Price or availability of the products asked for. "Do you want some?" only when
/// one of them is in stock.
pub fn products(lang: Lang, availability: bool, list: &[&Product]) -> String {
    let all_out = list.iter().all(|p| p.available() == Some(0));
    let one = list.len() == 1;
    let head = match (lang, availability, all_out, one) {
        (Lang::Fr, true, false, _) => "Oui, nous l'avons :",
        (Lang::Fr, true, true, true) => {
            "Désolé, ce produit est en rupture de stock pour le moment :"
        }
        (Lang::Fr, true, true, false) => {
            "Désolé, ces produits sont en rupture de stock pour le moment :"
        }
        (Lang::Fr, false, _, true) => "Voici le prix :",
        (Lang::Fr, false, _, false) => "Voici les prix :",
        (Lang::Mg, true, false, _) => "Eny, misy:",
        (Lang::Mg, true, true, _) => "Miala tsiny, lany izy amin'izao fotoana izao:",
        (Lang::Mg, false, _, _) => "Ity ny vidiny:",
    };
    let mut s = format!("{head}\n{}", lines(lang, list));
    if !all_out {
        s.push('\n');
        s.push_str(&pick(
            lang,
            "Souhaitez-vous en commander ? Dites-moi lequel et la quantité.",
            "Te hanafatra ve ianao? Lazao izay tianao sy ny isany.",
        ));
    } else {
        s.push('\n');
        s.push_str(&pick(
            lang,
            "Je peux vous renseigner sur un autre produit si vous le souhaitez.",
            "Afaka manome fanazavana momba ny entana hafa aho raha tianao.",
        ));
    }
    s
}

/// A product list for "what do you have for ...".
pub fn catalogue(lang: Lang, list: &[&Product]) -> String {
    let head = pick(
        lang,
        "Voici ce que nous proposons :",
        "Ireto ny entana ananantsika:",
    );
    format!("{head}\n{}", lines(lang, list))
}

/// The shop does not sell what was asked; `near` are real catalogue items, maybe empty.
pub fn not_sold(lang: Lang, asked: &str, near: &[&Product]) -> String {
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

/// The variant asked (`14 mm`, `taille 38`) is not in the range; the family is listed.
/// The customer's number is not repeated: only the shop's own variants are written.
pub fn variant_missing(lang: Lang, family: &[&Product]) -> String {
    let head = pick(
        lang,
        "Désolé, nous n'avons pas ce modèle-là. Voici ce que nous avons :",
        "Miala tsiny, tsy manana an'io karazany io izahay. Ireto no ananantsika:",
    );
    format!("{head}\n{}", lines(lang, family))
}
