//! Finding the products and FAQ answers a message is about.
//!
//! Candidates come from a [`Source`]: the catalogue's Tantivy index when it is there,
//! or a scan of the shop's rows. Either way they are re-scored here on the words the
//! customer used (Malagasy goods words and families expanded to catalogue French,
//! plurals folded, sizes like `5 L` compared with the size in the title), so the
//! reply can tell "this is the product asked for" (the title's head noun or every
//! word matches) from "only a related item" (a charger when asked for a phone).

use super::entities::{self, Unit};
use super::lexicon;
use super::text::{self, stem_fr};
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
    pub size_match: bool,
    /// The customer's first product word (usually the noun: "ordinateurs" in
    /// "ordinateurs portables", "vary" in "vary gasy") is found in this product.
    pub first: bool,
}

impl Hit {
    /// This is the product asked for, not merely a related one.
    pub fn is_match(&self) -> bool {
        self.first && (self.head || self.coverage >= 0.99)
    }
}

/// The size in a title: `Huile végétale bidon 5 L` → (5, L).
pub fn title_size(title: &str) -> Option<(f64, Unit)> {
    let toks = text::tokens(title);
    toks.windows(2).find_map(|w| {
        let v = text::parse_number(&w[0])?;
        let u = entities::unit(&w[1]).filter(|u| u.is_measure())?;
        Some((v, u))
    })
}

fn same_size(a: (f64, Unit), b: (f64, Unit)) -> bool {
    a.1.base() == b.1.base() && (a.1.to_base(a.0) - b.1.to_base(b.0)).abs() < 1e-6
}

/// The forms a customer word may take in a catalogue (itself, singular, synonyms).
fn forms(word: &str, families: bool) -> Vec<(String, f32)> {
    let mut out = vec![(word.to_string(), 1.0), (stem_fr(word).to_string(), 1.0)];
    for s in lexicon::synonyms(word)
        .iter()
        .chain(lexicon::synonyms(stem_fr(word)))
    {
        out.push((s.to_string(), 1.0));
    }
    if families {
        for s in lexicon::family(word) {
            out.push((s.to_string(), 0.8));
        }
    }
    out
}

fn token_match(q: &str, t: &str) -> f32 {
    let t = stem_fr(t);
    let q = stem_fr(q);
    if q == t {
        return 1.0;
    }
    let common = q.chars().zip(t.chars()).take_while(|(a, b)| a == b).count();
    if common >= 5 || (common >= 4 && (q.len().min(t.len()) == common)) {
        0.7
    } else {
        0.0
    }
}

/// Scores `products` against the customer's product `words` and written `size`.
/// `families` also expands general words ("boissons") to product kinds.
pub fn rank(
    products: &[Product],
    words: &[String],
    size: Option<(f64, Unit)>,
    families: bool,
) -> Vec<Hit> {
    let words: Vec<&String> = words.iter().filter(|w| !w.is_empty()).collect();
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
    let idf = |t: &str| (1.0 + n / (1 + df.get(stem_fr(t)).copied().unwrap_or(0)) as f32).ln();
    let mut hits = Vec::new();
    for (p, (title, desc)) in products.iter().zip(&docs) {
        let head = title.first().map(|h| stem_fr(h).to_string());
        let mut score = 0.0;
        let mut covered = 0usize;
        let mut is_head = false;
        let mut first = false;
        for (wi, w) in words.iter().enumerate() {
            let weight = if w.len() == 1 { 0.3 } else { 1.0 };
            let mut best = 0.0f32;
            for (f, fw) in forms(w, families) {
                for t in title.iter() {
                    let m = token_match(&f, t) * fw;
                    if m > 0.0 {
                        best = best.max(m * idf(t));
                        if m >= 0.99 * fw && head.as_deref() == Some(stem_fr(t)) && w.len() > 1 {
                            is_head = true;
                        }
                    }
                }
                for t in desc.iter() {
                    let m = token_match(&f, t) * fw * 0.5;
                    if m > 0.0 {
                        best = best.max(m * idf(t));
                    }
                }
            }
            if best > 0.0 {
                first |= wi == 0;
                covered += 1;
                score += best * weight;
            }
        }
        if score <= 0.0 {
            continue;
        }
        let psize = title_size(&p.title);
        let mut size_match = false;
        if let (Some(want), Some(have)) = (size, psize) {
            if same_size(want, have) {
                score += 1.0;
                size_match = true;
            } else if want.1.base() == have.1.base() && (have.1.to_base(have.0) - 1.0).abs() < 1e-6
            {
                // Sold by the kilo / litre: "10 kg de sucre" is ten of the 1 kg item.
                score += 0.3;
            }
        }
        hits.push(Hit {
            product: p.clone(),
            score,
            head: is_head,
            coverage: covered as f32 / words.len() as f32,
            size_match,
            first,
        });
    }
    // Equal scores keep catalogue order (the shop lists its staples first).
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.product.id.cmp(&b.product.id))
    });
    hits
}

/// How many of a product to put on a quote line for a segment: the written count,
/// or a weight/volume divided by the product's size ("50 kg" of a 1 kg item = 50).
pub fn line_qty(segment: &entities::Segment, hit: &Hit) -> i64 {
    let count = segment.count();
    let size = segment.size();
    let qty = match (count, size) {
        (Some(c), _) => c,
        (None, Some(want)) if !hit.size_match => match title_size(&hit.product.title) {
            Some(have) if have.1.base() == want.1.base() => {
                let per = have.1.to_base(have.0);
                let total = want.1.to_base(want.0);
                if per > 0.0 {
                    (total / per).round().max(1.0)
                } else {
                    1.0
                }
            }
            _ => want.0,
        },
        _ => 1.0,
    };
    (qty.round() as i64).max(1)
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
            let a = text::tokens(&f.answer);
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
    "anareo", "tompoko", "azafady", "amin", "ilay", "izahay", "ary", "aho", "ahy", "ianao",
];

/// Malagasy (and other) words → words of French FAQ questions.
fn faq_synonyms(word: &str) -> &'static [&'static str] {
    match word {
        "fanaterana" | "manatitra" | "aterina" | "aterinareo" => &["livraison", "livrez"],
        "alefa" | "alefanareo" | "mandefa" => &["envoyez", "livraison", "province"],
        "aiza" | "toerana" | "adiresy" => &["trouve", "adresse", "boutique"],
        "fivarotana" | "magazay" | "magasin" => &["boutique"],
        "mandoa" | "handoa" | "fandoavana" | "fandoavam" | "vola" => &["payer", "paiement"],
        "averina" | "atakalo" => &["retourner", "echange"],
        "misokatra" | "mihidy" | "mikatona" | "ora" => &["horaires", "ouverts", "ouverture"],
        "province" | "toamasina" | "tamatave" | "mahajanga" | "majunga" | "fianarantsoa"
        | "toliara" | "tulear" | "antsiranana" | "diego" | "antsirabe" | "morondava"
        | "ambatondrazaka" | "sambava" | "taolagnaro" | "manakara" | "nosy" => {
            &["province", "envoyez"]
        }
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(sku: &str, title: &str, desc: &str) -> Product {
        Product {
            id: crate::db::ProductId(sku.len() as i64),
            shop_id: crate::db::ShopId(1),
            sku: sku.into(),
            title: title.into(),
            description: desc.into(),
            price: crate::money::Ariary(1000),
            currency: "MGA".into(),
            stock: Some(3),
            image: None,
            updated_at: String::new(),
        }
    }

    fn shop() -> Vec<Product> {
        vec![
            p("CIM-50", "Ciment sac 50 kg", "Ciment gris"),
            p("HUI-1", "Huile de palme 1 L", ""),
            p("HUI-20", "Huile de palme bidon 20 L", ""),
            p("CHG", "Chargeur téléphone rapide", "Pour Samsung et autres"),
            p("TEL-A10", "Smartphone Tecno Spark", "Téléphone Android"),
            p("KIR-40", "Chaussures cuir noir", "Kiraro"),
        ]
    }

    fn words(s: &str) -> Vec<String> {
        entities::segments(s)
            .into_iter()
            .flat_map(|s| s.words)
            .collect()
    }

    #[test]
    fn malagasy_goods_words_find_french_titles() {
        let hits = rank(&shop(), &words("misy menaka ve"), None, false);
        assert_eq!(hits[0].product.sku, "HUI-1");
        assert!(hits[0].is_match());
    }

    #[test]
    fn a_written_size_picks_the_right_variant() {
        let s = &entities::segments("prix huile 20L")[0];
        let hits = rank(&shop(), &s.words, s.size(), false);
        assert_eq!(hits[0].product.sku, "HUI-20");
    }

    #[test]
    fn a_related_accessory_is_not_taken_for_the_product_asked() {
        let hits = rank(
            &shop(),
            &words("vous avez des ordinateurs portables ?"),
            None,
            false,
        );
        assert!(hits.iter().all(|h| !h.is_match()), "{hits:?}");
    }

    #[test]
    fn weights_become_quantities_of_the_unit_item() {
        let seg = &entities::segments("20 litres d'huile de palme")[0];
        let hits = rank(&shop(), &seg.words, seg.size(), false);
        assert_eq!(hits[0].product.sku, "HUI-20");
        assert_eq!(line_qty(seg, &hits[0]), 1);
        let seg = &entities::segments("3 bidons huile 20 L")[0];
        let hits = rank(&shop(), &seg.words, seg.size(), false);
        assert_eq!(line_qty(seg, &hits[0]), 3);
        let seg = &entities::segments("menaka 5 litatra")[0];
        let hits = rank(&shop(), &seg.words, seg.size(), false);
        assert_eq!(hits[0].product.sku, "HUI-1");
        assert_eq!(line_qty(seg, &hits[0]), 5);
    }

    #[test]
    fn faq_answers_are_found_from_malagasy_words() {
        let faqs = vec![
            Faq {
                id: 1,
                shop_id: crate::db::ShopId(1),
                question: "Où est la boutique ?".into(),
                answer: "Rue X".into(),
            },
            Faq {
                id: 2,
                shop_id: crate::db::ShopId(1),
                question: "Vous livrez ?".into(),
                answer: "Oui".into(),
            },
        ];
        let r = faq_rank(&faqs, "Aiza ny toerana misy anareo?", &[]);
        assert_eq!(r[0].1.answer, "Rue X");
        let r = faq_rank(&faqs, "manatitra ve ianareo", &[]);
        assert_eq!(r[0].1.answer, "Oui");
    }
}
