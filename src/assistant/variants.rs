//! From a mention to catalogue products: which products the words name, then which
//! variant the attributes written pick (`fer de 10`, `tuyau 40`, `batterie 20000 mAh`,
//! `sac de 25 kg`, `taille 42`, `le noir`, `ilay kely`), and which numbers are a count,
//! a variant or a weight of something sold by the kilo. A number that matches only an
//! attribute every candidate shares (`barre de 12 m`) picks nothing; one that matches
//! none is a count, unless written with a unit, when it names a variant the shop does
//! not have (`panneau 300 W`).

use super::attributes::{self, Attrs, Unit};
use super::entities::{Mention, Num};
use super::retrieval::{self, Hit, Product};
use crate::catalog::synonyms::Synonyms;

mod differ;
pub use differ::difference;

/// What a mention names in the catalogue.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// The products it can be, best first (one when the variant is known).
    pub products: Vec<Product>,
    /// How many the customer wants (a count, or a weight over the unit size).
    pub qty: Option<i64>,
    /// The attribute asked that no candidate has (`14 mm`, `taille 38`, `vert`).
    pub missing: Option<String>,
    /// An amount of money written with it (a price offered).
    pub offer: Option<i64>,
}

impl Resolved {
    pub fn skus(&self) -> Vec<String> {
        self.products.iter().map(|p| p.sku.clone()).collect()
    }

    /// Several variants fit and the customer did not say which.
    pub fn ambiguous(&self) -> bool {
        self.products.len() > 1 && self.missing.is_none()
    }
}

struct Cand {
    product: Product,
    attrs: Attrs,
}

/// Values of one kind of attribute that differ between candidates.
fn varying(cands: &[Cand], get: impl Fn(&Attrs) -> Vec<String>) -> bool {
    let mut seen: Vec<Vec<String>> = cands.iter().map(|c| get(&c.attrs)).collect();
    seen.sort();
    seen.dedup();
    seen.len() > 1
}

fn num_text(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}").replace('.', ",")
    }
}

/// The products `m` names among `products` (already candidates for its words, or the
/// products in discussion for a follow-up without product words).
pub fn resolve(m: &Mention, products: &[Product]) -> Resolved {
    resolve_with(m, products, &Synonyms::default())
}

/// [`resolve`] with the shop's own search synonyms.
pub fn resolve_with(m: &Mention, products: &[Product], syn: &Synonyms) -> Resolved {
    let mut out = Resolved {
        offer: m
            .nums
            .iter()
            .find(|n| n.money)
            .map(|n| n.value.round() as i64),
        ..Default::default()
    };
    let hits: Vec<Hit> = if m.words.is_empty() {
        products.iter().map(|p| Hit::whole(p.clone())).collect()
    } else {
        retrieval::rank_with(products, &m.words, false, syn)
    };
    let found = retrieval::matches(&hits);
    let mut cands: Vec<Cand> = found
        .into_iter()
        .map(|h| Cand {
            attrs: attributes::of_title(&h.product.title),
            product: h.product.clone(),
        })
        .collect();
    // Accessories named after a model (`Coque Galaxy A06`) are not the model asked.
    if m.words
        .iter()
        .any(|w| w.chars().any(|c| c.is_ascii_digit()))
        && !m.words.iter().any(|w| is_accessory(w))
        && cands
            .iter()
            .any(|c| !is_accessory(&retrieval::head_word(&c.product.title)))
    {
        cands.retain(|c| !is_accessory(&retrieval::head_word(&c.product.title)));
    }
    // A big round number is a price offered, unless it is a variant (`les 20000`).
    let attr_value = |v: f64| {
        cands
            .iter()
            .any(|c| c.attrs.values().iter().any(|x| (*x - v).abs() < 1e-9))
    };
    let nums: Vec<Num> = m
        .nums
        .iter()
        .filter(|n| !n.money || attr_value(n.value))
        .map(|n| Num {
            money: false,
            ..n.clone()
        })
        .collect();
    let nums: Vec<&Num> = nums.iter().collect();
    let mut counts: Vec<&Num> = Vec::new();
    let mut measure_qty: Option<f64> = None;
    if cands.is_empty() {
        out.qty = count(&nums);
        return out;
    }
    // Colours and sizes named.
    for c in &m.colours {
        if !varying(&cands, |a| {
            a.colours.iter().map(|s| s.to_string()).collect()
        }) {
            continue;
        }
        // `rouge à lèvres beige`: the first word names the product, not its colour.
        let heads = |k: &Cand| attributes::colour(&retrieval::head_word(&k.product.title));
        if m.words.first().and_then(|w| attributes::colour(w)) == Some(*c)
            && m.colours.iter().filter(|x| *x == c).count() == 1
            && cands.iter().all(|k| heads(k) == Some(*c))
        {
            continue;
        }
        let has = |c: &'static str| -> Vec<bool> {
            cands.iter().map(|k| k.attrs.colours.contains(&c)).collect()
        };
        // The colour itself, else its nearest shade the candidates have; none of
        // them: nothing is kept and the colour is said missing.
        let keep = std::iter::once(*c)
            .chain(attributes::near_colours(c).iter().copied())
            .map(has)
            .find(|keep| keep.iter().any(|k| *k))
            .unwrap_or_else(|| vec![false; cands.len()]);
        filter(&mut cands, &keep, &mut out.missing, c);
    }
    // A bare size letter beside the product (`sweat M`, `akanjo mainty m`) when the
    // candidates differ by exactly such sizes.
    let bare_size = m.size.clone().or_else(|| {
        if !varying(&cands, |a| a.size.iter().cloned().collect()) {
            return None;
        }
        attributes::bare_size_letters(&m.tokens)
            .into_iter()
            .find(|s| cands.iter().any(|c| c.attrs.size.as_deref() == Some(*s)))
            .map(str::to_string)
    });
    if let Some(size) = &bare_size {
        let keep: Vec<bool> = cands
            .iter()
            .map(|k| k.attrs.size.as_deref() == Some(size.as_str()))
            .collect();
        filter(
            &mut cands,
            &keep,
            &mut out.missing,
            &format!("taille {}", size.to_uppercase()),
        );
    }
    // Numbers: measured ones pick a variant (or are a weight to sell), bare ones pick a
    // varying attribute when one matches, else they are counts.
    let mut bare: Vec<&Num> = Vec::new();
    for n in &nums {
        match n.unit {
            // `25 mètres` of a cable sold by the metre: that many.
            Some(u) if cands.iter().any(|c| c.attrs.per == Some(u.dim())) => {
                let keep: Vec<bool> = cands.iter().map(|c| c.attrs.per == Some(u.dim())).collect();
                apply(&mut cands, &keep);
                measure_qty = Some(n.value.round().max(1.0));
            }
            Some(u)
                if cands
                    .iter()
                    .any(|c| c.attrs.measures.iter().any(|m| m.1.dim() == u.dim())) =>
            {
                let keep: Vec<bool> = cands
                    .iter()
                    .map(|c| {
                        c.attrs
                            .measures
                            .iter()
                            .any(|&mm| attributes::same_measure((n.value, u), mm))
                    })
                    .collect();
                if keep.iter().any(|k| *k) {
                    apply(&mut cands, &keep);
                } else if let Some(per) = unit_size(&cands, u) {
                    // Sold by the kilo / litre / metre: `5 kilao` of the 1 kg item.
                    let keep: Vec<bool> = cands
                        .iter()
                        .map(|c| {
                            c.attrs
                                .measures
                                .iter()
                                .any(|&mm| attributes::same_measure((per, u), mm))
                        })
                        .collect();
                    apply(&mut cands, &keep);
                    measure_qty = Some((n.value / per).round().max(1.0));
                } else if !n.package && !n.before_noun {
                    out.missing = Some(format!("{} {}", num_text(n.value), u.label()));
                }
            }
            // A weight of a product whose title has no measure: sold by that unit.
            Some(u)
                if matches!(
                    u.dim(),
                    attributes::Dim::Mass | attributes::Dim::Volume | attributes::Dim::Length
                ) =>
            {
                measure_qty = Some(n.value.round().max(1.0));
            }
            Some(_) => {}
            None if n.package || n.times || n.article => counts.push(n),
            None => bare.push(n),
        }
    }
    // Bare numbers: the introduced one (`de 10`, `ilay 64`) or the one after the noun
    // is the variant when it matches an attribute that differs between candidates.
    bare.sort_by_key(|n| (!n.introduced, n.before_noun));
    let mut picked = false;
    for n in bare {
        if !picked && cands.len() > 1 {
            // Only values of a kind that differs between candidates pick one (`fer de
            // 12` is the 12 mm, not the 12 m length every bar has).
            let shared = |key: &str, v: f64| {
                cands.iter().all(|c| {
                    c.attrs
                        .keyed()
                        .iter()
                        .any(|(k, x)| *k == key && (*x - v).abs() < 1e-9)
                })
            };
            let vary_values = |c: &Cand| {
                c.attrs
                    .keyed()
                    .iter()
                    .any(|(k, v)| (*v - n.value).abs() < 1e-9 && !shared(k, *v))
            };
            let keep: Vec<bool> = cands.iter().map(vary_values).collect();
            if keep.iter().any(|k| *k) && !keep.iter().all(|k| *k) {
                apply(&mut cands, &keep);
                picked = true;
                continue;
            }
        }
        // `fer de 14` when the shop has 6 to 12: a variant it does not sell.
        let numbered = cands.len() > 1
            && varying(&cands, |a| {
                a.values().iter().map(|v| v.to_string()).collect()
            })
            || cands.len() == 1
                && !cands[0].attrs.values().is_empty()
                && family_has_numbered_variants(products, &cands[0]);
        if !picked
            && n.introduced
            && !n.before_noun
            && n.value < 1000.0
            && numbered
            && !cands
                .iter()
                .any(|c| c.attrs.values().iter().any(|v| (*v - n.value).abs() < 1e-9))
        {
            out.missing = Some(num_text(n.value));
            continue;
        }
        // An attribute they all share, written after the noun, is descriptive (`barre
        // de 12 m`); before it, it counts (`4 piles AA` of the `lot de 4`).
        if !n.before_noun
            && cands
                .iter()
                .all(|c| c.attrs.values().iter().any(|v| (*v - n.value).abs() < 1e-9))
        {
            continue;
        }
        counts.push(n);
    }
    if let Some(big) = m.adjective {
        if cands.len() > 1 {
            if let Some(pick) = extreme(&cands, big) {
                let keep: Vec<bool> = (0..cands.len()).map(|i| i == pick).collect();
                apply(&mut cands, &keep);
            }
        }
    }
    out.qty = count(&counts).or(measure_qty.map(|q| q as i64));
    if out.missing.is_some() {
        // The family stays as the alternatives to offer.
    }
    out.products = cands.into_iter().map(|c| c.product).collect();
    out
}

fn filter(cands: &mut Vec<Cand>, keep: &[bool], missing: &mut Option<String>, what: &str) {
    if keep.iter().any(|k| *k) {
        apply(cands, keep);
    } else {
        *missing = Some(what.to_string());
    }
}

fn apply(cands: &mut Vec<Cand>, keep: &[bool]) {
    let mut i = 0;
    cands.retain(|_| {
        let k = keep[i];
        i += 1;
        k
    });
}

/// The unit size (1 kg, 1 L, 1 m) a product sold by that unit carries.
fn unit_size(cands: &[Cand], u: Unit) -> Option<f64> {
    cands.iter().find_map(|c| {
        c.attrs.measures.iter().find_map(|&(v, mu)| {
            (mu.dim() == u.dim() && (mu.to_base(v) - u.to_base(1.0)).abs() < 1e-9).then_some(1.0)
        })
    })
}

/// Whether other products of the catalogue look like numbered variants of `c`.
fn family_has_numbered_variants(products: &[Product], c: &Cand) -> bool {
    let head = retrieval::head_word(&c.product.title);
    products
        .iter()
        .filter(|p| p.sku != c.product.sku && retrieval::head_word(&p.title) == head)
        .count()
        > 0
}

/// Heads of accessories sold for a model (named after it in their title).
fn is_accessory(head: &str) -> bool {
    matches!(
        super::text::stem_fr(head),
        "coque"
            | "verre"
            | "film"
            | "etui"
            | "housse"
            | "protection"
            | "support"
            | "chargeur"
            | "cable"
            | "adaptateur"
            | "pochette"
            | "sacoche"
            | "bracelet"
            | "protege"
    )
}

/// The smallest or largest candidate by the first measure (or number) that varies.
fn extreme(cands: &[Cand], big: bool) -> Option<usize> {
    let size = |c: &Cand| {
        c.attrs
            .measures
            .first()
            .map(|(v, u)| u.to_base(*v))
            .or_else(|| c.attrs.plain.first().copied())
            .or_else(|| c.attrs.size.as_deref().and_then(size_rank))
    };
    let sizes: Vec<Option<f64>> = cands.iter().map(size).collect();
    if sizes.iter().any(Option::is_none) {
        // "Soupe chinoise grand bol": the title says which is the big one.
        let said: Vec<usize> = (0..cands.len())
            .filter(|&i| {
                super::text::tokens(&cands[i].product.title)
                    .iter()
                    .any(|t| attributes::size_adjective(t) == Some(big))
            })
            .collect();
        return (said.len() == 1).then(|| said[0]);
    }
    let it = sizes.iter().enumerate().map(|(i, s)| (i, s.unwrap_or(0.0)));
    if big {
        it.max_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0)
    } else {
        it.min_by(|a, b| a.1.total_cmp(&b.1)).map(|x| x.0)
    }
}

/// Letter sizes in order (`S` < `M` < `L`), numbers as they are.
fn size_rank(s: &str) -> Option<f64> {
    ["xs", "s", "m", "l", "xl", "xxl", "xxxl"]
        .iter()
        .position(|x| *x == s)
        .map(|i| i as f64)
        .or_else(|| s.parse().ok())
}

/// The count among `nums`: a real number beats the article `un`.
fn count(nums: &[&Num]) -> Option<i64> {
    nums.iter()
        .find(|n| !n.article)
        .or_else(|| nums.first())
        .map(|n| (n.value.round() as i64).max(1))
}
