//! Finding the products and FAQ answers a message is about.
//!
//! Candidates come from a [`Source`]: the catalogue's Tantivy index when it is there,
//! or a scan of the shop's rows. Either way they are re-scored here on the words the
//! customer used, each word expanded with the goods lexicon (`vy` → fer, `charjeur`
//! → chargeur), the shop's own synonyms and near spellings, so the reply can tell
//! "this is the product asked for" (the title's head noun, or every word, matches)
//! from "only a related item" (a charger when asked for a phone). A catalogue search
//! by need ("pour protéger l'écran", "plomberie") also expands needs to product words.

use super::lexicon;
use super::text::{self, stem_fr};
use crate::catalog::synonyms::Synonyms;
use std::collections::HashMap;

pub use super::sources::{DbSource, Source};
pub use crate::db::faq::FaqItem as Faq;
pub use crate::db::products::Product;

/// A scored product.
#[derive(Debug, Clone)]
pub struct Hit {
    pub product: Product,
    pub score: f32,
    /// The title's first word (its kind of product) was asked for.
    pub head: bool,
    /// Share of the customer's product words found in this product.
    pub coverage: f32,
    /// The customer's first product word (usually the noun) is found in this product.
    pub first: bool,
}

impl Hit {
    /// This is the product asked for, not merely a related one.
    pub fn is_match(&self) -> bool {
        self.first && (self.head || self.coverage >= 0.99)
    }

    /// A product taken as a whole (one in discussion, for a follow-up).
    pub fn whole(product: Product) -> Hit {
        Hit {
            product,
            score: 1.0,
            head: true,
            coverage: 1.0,
            first: true,
        }
    }
}

/// The first word of a title, singular: its kind of product.
pub fn head_word(title: &str) -> String {
    text::tokens(title)
        .first()
        .map(|t| stem_fr(t).to_string())
        .unwrap_or_default()
}

/// Every form a customer word may take in a title, each a list of tokens that must
/// all be there, with a weight and how many customer words it stands for: itself, the
/// goods lexicon (`batterie externe` → power bank), the shop's synonyms.
fn forms(
    words: &[String],
    at: usize,
    shop: &Synonyms,
    needs: bool,
) -> Vec<(Vec<String>, f32, usize)> {
    let w = &words[at];
    let mut out = vec![(vec![w.clone()], 1.0, 1)];
    for (n, alts) in lexicon::goods_at(words, at) {
        out.extend(alts.iter().map(|a| (a.clone(), 1.0, n)));
    }
    // The shop's synonyms are often near words (`ecouteur = casque`): they find a
    // product but never make it the kind asked.
    for key in [w.as_str(), stem_fr(w)] {
        for syn in shop.get(key).unwrap_or_default() {
            out.push((text::tokens(syn), SHOP_SYNONYM, 1));
        }
    }
    if let Some(next) = words.get(at + 1) {
        for syn in shop.get(&format!("{w} {next}")).unwrap_or_default() {
            out.push((text::tokens(syn), SHOP_SYNONYM, 2));
        }
    }
    if needs {
        for (n, alts) in lexicon::needs_at(words, at) {
            out.extend(alts.iter().map(|a| (a.clone(), 0.8, n)));
        }
    }
    out
}

/// Weight of a match through the shop's synonym list.
const SHOP_SYNONYM: f32 = 0.85;

/// Whether two words are one edit apart (a typo), for words of 5 letters or more.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 5 || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        if a.len() > b.len() {
            i += 1;
        } else if b.len() > a.len() {
            j += 1;
        } else if i + 1 < a.len() && a[i] == b[j + 1] && a[i + 1] == b[j] {
            i += 2; // swapped letters
            j += 2;
        } else {
            i += 1;
            j += 1;
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// How well a customer token matches a title token (1 exact or plural, 0.8 typo or
/// shared long prefix, 0 otherwise).
pub fn token_match(q: &str, t: &str) -> f32 {
    let (q, t) = (stem_fr(q), stem_fr(t));
    if q == t {
        return 1.0;
    }
    let common = q.chars().zip(t.chars()).take_while(|(a, b)| a == b).count();
    if common >= 5 || (common >= 4 && q.len().min(t.len()) == common) || one_edit(q, t) {
        0.8
    } else {
        0.0
    }
}

fn form_match(form: &[String], title: &[String]) -> f32 {
    form.iter()
        .map(|f| title.iter().map(|t| token_match(f, t)).fold(0.0, f32::max))
        .fold(1.0, f32::min)
}

/// Scores `products` against the customer's product `words` (no shop synonyms).
pub fn rank(products: &[Product], words: &[String], needs: bool) -> Vec<Hit> {
    rank_with(products, words, needs, &Synonyms::default())
}

/// Scores `products` against the customer's product `words`, with the shop's
/// synonyms; `needs` also expands needs and categories ("plomberie") to product words.
pub fn rank_with(products: &[Product], words: &[String], needs: bool, shop: &Synonyms) -> Vec<Hit> {
    let words: Vec<String> = words.iter().filter(|w| !w.is_empty()).cloned().collect();
    if words.is_empty() || products.is_empty() {
        return Vec::new();
    }
    let docs: Vec<(Vec<String>, Vec<String>)> = products
        .iter()
        .map(|p| {
            let mut title = text::tokens(&p.title);
            title.extend(text::tokens(&p.sku.replace(['-', '_'], " ")));
            (title, text::tokens(&p.description))
        })
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for (t, d) in &docs {
        let mut seen: Vec<&str> = t.iter().chain(d).map(|s| stem_fr(s)).collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *df.entry(s).or_default() += 1;
        }
    }
    let n = products.len() as f32;
    let idf = |t: &[String]| -> f32 {
        t.iter()
            .map(|x| (1.0 + n / (1 + df.get(stem_fr(x)).copied().unwrap_or(0)) as f32).ln())
            .fold(0.0, f32::max)
    };
    let all_forms: Vec<Vec<(Vec<String>, f32, usize)>> = (0..words.len())
        .map(|i| forms(&words, i, shop, needs))
        .collect();
    // The noun the customer leads with; package words (`sacs`) lead only if they match.
    let lead = words
        .iter()
        .position(|w| !super::attributes::is_package(w))
        .unwrap_or(0);
    // Words found in some product of the shop; with digits (`a15`) a word always counts.
    let mut known: Vec<bool> = words
        .iter()
        .map(|w| w.chars().any(|c| c.is_ascii_digit()))
        .collect();
    let mut hits = Vec::new();
    for (p, (title, desc)) in products.iter().zip(&docs) {
        let head = title.first().map(|h| stem_fr(h).to_string());
        let mut score = 0.0;
        let mut covered = vec![false; words.len()];
        let mut is_head = false;
        let mut first = false;
        for (wi, w) in words.iter().enumerate() {
            let weight = if w.len() == 1 { 0.3 } else { 1.0 };
            let mut best = 0.0f32;
            let mut span = 1;
            for (f, fw, n) in &all_forms[wi] {
                let m = form_match(f, title) * fw;
                if m > 0.0 {
                    if m * idf(f) > best {
                        span = *n;
                    }
                    best = best.max(m * idf(f));
                    if m >= 0.99 && head.as_deref() == Some(stem_fr(&f[0])) && w.len() > 1 {
                        is_head = true;
                    }
                }
                let m = form_match(f, desc) * fw * 0.5;
                if m > 0.0 {
                    best = best.max(m * idf(f));
                }
            }
            if best > 0.0 {
                known[wi] = true;
                first |= wi == lead || (wi < lead && super::attributes::is_package(w));
                for c in covered.iter_mut().skip(wi).take(span) {
                    *c = true;
                }
                score += best * weight;
            }
        }
        let covered = covered.iter().filter(|c| **c).count();
        if score <= 0.0 {
            continue;
        }
        hits.push(Hit {
            product: p.clone(),
            score,
            head: is_head,
            // the count of words covered until every product has been read (below)
            coverage: covered as f32,
            first,
        });
    }
    // A word found in no product of the shop ("tehirizo", a filler's misspelling)
    // says nothing about which product is meant when the others name a product's kind
    // (its title head, "papier toilette"): it does not lower that product's coverage.
    // It still counts for other products, and a leading unknown noun still leads, so
    // "ordinateurs portables" never becomes "yes, we have it".
    let counted = known.iter().filter(|k| **k).count().max(1);
    for h in &mut hits {
        let of = if h.head { counted } else { words.len() };
        h.coverage /= of as f32;
    }
    // Equal scores keep catalogue order (the shop lists its staples first).
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.product.id.cmp(&b.product.id))
    });
    hits
}

/// The hits that are the product asked for, best first: all variants that match as
/// well as the best (a family), never a product that merely mentions the words.
pub fn matches(hits: &[Hit]) -> Vec<&Hit> {
    let mut m: Vec<&Hit> = hits.iter().filter(|h| h.is_match()).collect();
    // The products holding the most of the customer's words ("Rose Musc")...
    let best_cover = m.iter().map(|h| h.coverage).fold(0.0, f32::max);
    m.retain(|h| h.coverage >= best_cover - 1e-6);
    // ...and of the kind asked (title head) over ones only mentioning it
    // ("Sardines à l'huile" for "huile").
    if m.iter().any(|h| h.head) {
        m.retain(|h| h.head);
    }
    let Some(top) = m.iter().map(|h| h.score).reduce(f32::max) else {
        return m;
    };
    m.retain(|h| h.score >= 0.6 * top);
    m
}

/// Words to look FAQ answers up with, plus the concept words of an intent.
pub fn faq_rank(faqs: &[Faq], message: &str, concepts: &[&str]) -> Vec<(f32, Faq)> {
    let mut words: Vec<(String, f32)> = text::tokens(message)
        .into_iter()
        .filter(|t| t.len() > 2 && !FAQ_STOP.contains(&t.as_str()))
        .map(|t| (t, 1.0))
        .collect();
    let extra: Vec<(String, f32)> = words
        .iter()
        .flat_map(|(w, _)| faq_synonyms(w).iter().map(|s| (s.to_string(), 0.8)))
        .collect();
    words.extend(extra);
    words.extend(concepts.iter().map(|c| (c.to_string(), 0.6)));
    let mut out: Vec<(f32, Faq)> = faqs
        .iter()
        .map(|f| {
            let q = text::tokens(&f.question);
            let mut a = text::tokens(&f.answer);
            a.extend(f.answer_mg.as_deref().map(text::tokens).unwrap_or_default());
            let mut s = 0.0;
            for (w, wt) in &words {
                let inq = q.iter().map(|t| token_match(w, t)).fold(0.0, f32::max);
                let ina = a.iter().map(|t| token_match(w, t)).fold(0.0, f32::max);
                s += wt * inq.max(ina * 0.4);
            }
            (s, f.clone())
        })
        .filter(|(s, _)| *s > 0.5)
        .collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}

const FAQ_STOP: &[&str] = &[
    "vous", "votre", "vos", "est", "que", "qui", "les", "des", "une", "pour", "avec", "sur",
    "dans", "par", "pas", "quel", "quelle", "quels", "svp", "bonjour", "salama", "ianareo",
    "anareo", "tompoko", "azafady", "amin", "ilay", "izahay", "ary", "aho", "ahy", "ianao", "peux",
    "peut", "faire", "faites", "afaka", "misy", "ve", "ny", "moi", "mon", "mes",
];

/// Malagasy (and other) words → words of French FAQ questions.
fn faq_synonyms(word: &str) -> &'static [&'static str] {
    match word {
        "fanaterana" | "manatitra" | "aterina" | "aterinareo" => &["livraison", "livrez"],
        "alefa" | "alefanareo" | "mandefa" => &["envoyez", "livraison", "province"],
        "aiza" | "toerana" | "adiresy" | "trouve" | "situe" | "quartier" => {
            &["trouve", "adresse", "boutique", "magasin"]
        }
        "fivarotana" | "magazay" | "magasin" | "boutique" => &["boutique", "magasin"],
        "mandoa" | "handoa" | "fandoavana" | "fandoavam" | "vola" | "aloa" => {
            &["payer", "paiement"]
        }
        "averina" | "atakalo" | "manakalo" | "takalo" => &["retourner", "echange", "echanger"],
        "garantie" | "garanti" => &["garantie", "garantis"],
        "misokatra" | "mihidy" | "mikatona" | "ora" => &["horaires", "ouverts", "ouverture"],
        "mametraka" | "fametrahana" | "apetraka" | "pose" | "poser" => {
            &["pose", "installation", "installez"]
        }
        "ordonnance" | "preskripsiona" => &["ordonnance"],
        "province" | "toamasina" | "tamatave" | "mahajanga" | "majunga" | "fianarantsoa"
        | "toliara" | "tulear" | "antsiranana" | "diego" | "antsirabe" | "morondava"
        | "ambatondrazaka" | "sambava" | "taolagnaro" | "manakara" | "nosy" => {
            &["province", "envoyez"]
        }
        _ => &[],
    }
}

#[cfg(test)]
mod tests;
