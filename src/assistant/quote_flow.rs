//! Quotes and orders across turns: lines from the mentions of a message, resolved in
//! the context of the conversation ("de 10" answers the question just asked, "ok, 3"
//! counts the product just discussed, "non plutôt le noir" changes a line's variant,
//! "ny lafarinina atovy roa" its quantity, "ajoutez un verre trempé" adds one), a
//! clarifying question when a line has several variants, the quote restated whole
//! (lines, total, validity) with buttons, and its validation ("OK je valide", "eny").

use super::answers::{Answer, Scene};
use super::attributes;
use super::entities::Mention;
use super::reply_quote::{self, Choice, Line};
use super::retrieval::{self, Product};
use super::state::{Asked, Context, Pending};
use super::variants::{self, Resolved};
use super::{Effect, QuoteLine};
use crate::kinds::Intent;

mod pending;
mod words;
use pending::{ask_lines, first_count, has_any_attr, resolve_pending, restate};
pub(super) use pending::{asks, confirm};
use words::{adds, attribute_only, replaces};

/// One item of a quote after resolution.
enum Item {
    Line(QuoteLine),
    Choice(Pending),
    Missing(String),
}

fn products_of(s: &Scene<'_>, skus: &[String]) -> Vec<Product> {
    let all = s.products.iter().chain(&s.before).chain(&s.family);
    let mut out: Vec<Product> = Vec::new();
    for sku in skus {
        if let Some(p) = all.clone().find(|p| &p.sku == sku) {
            out.push(p.clone());
        }
    }
    out
}

/// Among several candidates, those sharing a distinctive word with the products of
/// the conversation (the coque of the A06 being bought).
fn related(cands: Vec<Product>, s: &Scene<'_>) -> Vec<Product> {
    if cands.len() < 2 {
        return cands;
    }
    let mut known: Vec<String> = Vec::new();
    for p in products_of(
        s,
        &s.context
            .draft
            .iter()
            .map(|l| l.sku.clone())
            .collect::<Vec<_>>(),
    )
    .iter()
    .chain(&s.before)
    {
        known.extend(
            super::text::tokens(&p.title)
                .into_iter()
                .filter(|t| t.chars().any(|c| c.is_ascii_digit()) || t.len() > 3),
        );
    }
    let score = |p: &Product| {
        super::text::tokens(&p.title)
            .iter()
            .skip(1)
            .filter(|t| known.contains(t))
            .count()
    };
    let best = cands.iter().map(score).max().unwrap_or(0);
    if best == 0 || cands.iter().filter(|p| score(p) == best).count() == cands.len() {
        return cands;
    }
    cands.into_iter().filter(|p| score(p) == best).collect()
}

/// Resolves a mention in the conversation's context.
fn resolve(s: &Scene<'_>, m: &Mention, pool: Option<&[Product]>) -> Resolved {
    let bare = Mention {
        words: Vec::new(),
        ..m.clone()
    };
    let packages_only = !m.words.is_empty() && m.words.iter().all(|w| attributes::is_package(w));
    if packages_only && !s.before.is_empty() {
        // "2 plaquettes": the package word may tell the products in discussion apart.
        let within = variants::resolve_with(m, &s.before, &s.syn);
        if !within.products.is_empty() {
            return within;
        }
    }
    if m.words.is_empty() || attribute_only(m) || (packages_only && !s.before.is_empty()) {
        let pool: Vec<Product> = match pool {
            Some(p) => p.to_vec(),
            None if !s.before.is_empty() && !has_attribute(m) => s.before.clone(),
            None => family_of(s, &s.before),
        };
        return variants::resolve_with(&bare, &pool, &s.syn);
    }
    let r = variants::resolve_with(m, &s.products, &s.syn);
    if !r.products.is_empty() || s.before.is_empty() {
        return r;
    }
    // "2 bidons au prix normal": words that name nothing new count the product in
    // discussion.
    let again = variants::resolve_with(m, &s.before, &s.syn);
    if !again.products.is_empty() {
        return again;
    }
    // Only filler left ("au prix normal"): the count is for the product discussed.
    let filler = m.words.iter().all(|w| {
        attributes::is_package(w)
            || matches!(
                w.as_str(),
                "prix" | "normal" | "affiche" | "meme" | "pareil"
            )
    });
    if m.has_numbers() && filler {
        return variants::resolve_with(&bare, &s.before, &s.syn);
    }
    r
}

fn has_attribute(m: &Mention) -> bool {
    m.size.is_some()
        || !m.colours.is_empty()
        || m.adjective.is_some()
        || m.nums.iter().any(|n| {
            n.countable() && !n.money && (n.unit.is_some() || (n.introduced && !n.package))
        })
}

/// The products of the same kind (title head word) as `of`, from what was read.
fn family_of(s: &Scene<'_>, of: &[Product]) -> Vec<Product> {
    let heads: Vec<String> = of.iter().map(|p| retrieval::head_word(&p.title)).collect();
    let mut out: Vec<Product> = Vec::new();
    for p in s.family.iter().chain(&s.products).chain(of) {
        if heads.contains(&retrieval::head_word(&p.title)) && !out.iter().any(|o| o.sku == p.sku) {
            out.push(p.clone());
        }
    }
    out
}

fn item(s: &Scene<'_>, m: &Mention, r: Resolved) -> Option<Item> {
    let qty = r.qty;
    let cands = related(r.products.clone(), s);
    match cands.len() {
        0 if m.words.is_empty() => None,
        0 => Some(Item::Missing(m.words.join(" "))),
        1 if r.missing.is_none() => Some(Item::Line(QuoteLine {
            sku: cands[0].sku.clone(),
            qty: qty.unwrap_or(1),
        })),
        // "5 savons" of `Savon de ménage` / `Savon de toilette`: kinds, not variants of
        // one product; a count without a kind is the shop's staple (listed first).
        _ if qty.is_some() && r.missing.is_none() && !has_attribute(m) && kinds(&cands) => {
            Some(Item::Line(QuoteLine {
                sku: cands[0].sku.clone(),
                qty: qty.unwrap_or(1),
            }))
        }
        _ => Some(Item::Choice(Pending {
            skus: cands.iter().map(|p| p.sku.clone()).collect(),
            qty,
        })),
    }
}

/// Titles `<noun> de <kind> ...` with one noun and a different kind word each.
fn kinds(cands: &[Product]) -> bool {
    let mut noun: Option<String> = None;
    let mut seen: Vec<String> = Vec::new();
    for p in cands {
        let t = super::text::tokens(&p.title);
        let (Some(n), Some(de), Some(kind)) = (t.first(), t.get(1), t.get(2)) else {
            return false;
        };
        let word = kind.chars().all(|c| c.is_alphabetic())
            && !attributes::is_package(kind)
            && attributes::unit(kind).is_none()
            && attributes::colour(kind).is_none();
        if de != "de" || !word || noun.as_ref().is_some_and(|x| x != n) || seen.contains(kind) {
            return false;
        }
        noun = Some(n.clone());
        seen.push(kind.clone());
    }
    true
}

/// Adds or updates a line of the draft.
fn merge(draft: &mut Vec<QuoteLine>, line: QuoteLine, replace: bool) {
    match draft.iter_mut().find(|l| l.sku == line.sku) {
        Some(l) if replace => l.qty = line.qty,
        Some(l) => l.qty += line.qty,
        None => draft.push(line),
    }
}

/// A variant change of a draft line ("non plutôt le noir", "plutôt le 128").
fn change_variant(s: &Scene<'_>, m: &Mention) -> Option<Vec<QuoteLine>> {
    if !has_attribute(m) || !attribute_only(m) {
        return None;
    }
    let mut draft = s.context.draft.clone();
    for i in (0..draft.len()).rev() {
        let current = products_of(s, &[draft[i].sku.clone()]);
        let Some(cur) = current.first() else { continue };
        let family = family_of(s, &current);
        let r = variants::resolve_with(
            &Mention {
                words: Vec::new(),
                ..m.clone()
            },
            &family,
            &s.syn,
        );
        let mut c: Vec<Product> = r
            .products
            .into_iter()
            .filter(|p| p.sku != cur.sku)
            .collect();
        if c.len() > 1 {
            // Keep what was not asked to change (the size, when the colour changes).
            let a = attributes::of_title(&cur.title);
            c.retain(|p| {
                let b = attributes::of_title(&p.title);
                (m.size.is_some() || a.size == b.size)
                    && (!m.colours.is_empty() || a.colours == b.colours)
            });
        }
        if c.len() == 1 && r.missing.is_none() {
            draft[i].sku = c[0].sku.clone();
            return Some(draft);
        }
    }
    None
}

/// Mentions whose words name catalogue products (not only a count, a package or an
/// attribute, nor words the shop has nothing for: "livraison Antanimena").
fn naming<'a>(s: &'a Scene<'_>) -> Vec<&'a Mention> {
    s.mentions
        .iter()
        .filter(|m| {
            !m.words.is_empty()
                && !attribute_only(m)
                && !m.words.iter().all(|w| attributes::is_package(w))
                && !variants::resolve_with(m, &s.products, &s.syn)
                    .products
                    .is_empty()
        })
        .collect()
}

/// Follow-ups inside a quote or order, and new quote or order lines. `None` when the
/// message is not about quote lines at all.
pub(super) fn answer(s: &Scene<'_>, label: Intent) -> Option<Answer> {
    let ctx = &s.context;
    let toks = super::text::tokens(s.text);
    let in_flow = ctx.flow.is_some() && (!ctx.draft.is_empty() || ctx.asked.is_some());
    let quoteish = matches!(label, Intent::Quote | Intent::Order);
    // A follow-up keeps the intent of the quote or order it continues.
    let flow = match ctx.flow.as_deref() {
        Some("quote") if in_flow => Intent::Quote,
        Some("order") if in_flow => Intent::Order,
        _ if quoteish => label,
        _ => Intent::Order,
    };
    let counts = s.mentions.iter().any(|m| {
        m.has_count()
            || m.nums.iter().any(|n| {
                n.countable() && !n.introduced && n.unit.is_some_and(|u| u.measures_goods())
            })
    }) && s.mentions.iter().any(Mention::has_numbers);
    let named = !naming(s).is_empty();
    let attrs = has_any_attr(s);
    // The answer to "which one?".
    if let Some(Asked::Variants { lines }) = &ctx.asked {
        if !named || quoteish {
            if let Some(a) = resolve_pending(s, lines, flow) {
                return Some(a);
            }
        }
    }
    // Validation of the draft: "OK je valide", "eny", "tsara, alefaso".
    let loose = matches!(label, Intent::Other | Intent::Greeting | Intent::Thanks);
    let agrees = label == Intent::Order
        || (crate::quotes::is_acceptance(Some(s.text), None) && (loose || quoteish));
    if agrees && !ctx.draft.is_empty() && !counts && !named && !attrs {
        return Some(confirm(s, &ctx.draft));
    }
    // A count or a variant alone, said about what was just discussed.
    let follow = !named && (counts || attrs || agrees) && (!s.before.is_empty() || in_flow);
    // "non plutôt le noir", "mettez 30 mètres finalement", "ajoutez un verre trempé":
    // the quote goes on, whatever else the words look like.
    let goes_on = in_flow
        && !matches!(label, Intent::Delivery | Intent::Payment | Intent::Hours)
        && ((!named && (counts || attrs) && (replaces(&toks) || adds(&toks) || !asks(s.text)))
            || (named && adds(&toks)));
    // "2 soupes chinoises", "2 bidons au prix normal": a count said, nothing asked.
    let counted_order = counts
        && !asks(s.text)
        && (named || !s.before.is_empty())
        && matches!(
            label,
            Intent::Other | Intent::Price | Intent::Availability | Intent::Greeting
        );
    if !(quoteish || goes_on || counted_order || (loose && follow)) {
        return None;
    }
    let mut draft = if in_flow {
        ctx.draft.clone()
    } else {
        Vec::new()
    };
    if in_flow && !named {
        if let Some(m) = s.mentions.iter().find(|m| has_attribute(m)) {
            if let Some(d) = change_variant(s, m) {
                return Some(restate(s, d, Vec::new(), Vec::new(), flow));
            }
        }
        // "finalement 3", "atovy roa": the quantity of the last line ("mettez 30
        // mètres": of the line sold by the metre).
        if counts && (replaces(&toks) || draft.len() == 1 && !adds(&toks)) {
            if let Some(n) = first_count(s) {
                let unit = s.mentions.iter().flat_map(|m| &m.nums).find_map(|n| n.unit);
                let products =
                    products_of(s, &draft.iter().map(|l| l.sku.clone()).collect::<Vec<_>>());
                let by_unit = unit.and_then(|u| {
                    draft.iter().position(|l| {
                        products.iter().any(|p| {
                            p.sku == l.sku && attributes::of_title(&p.title).per == Some(u.dim())
                        })
                    })
                });
                if let Some(i) = by_unit.or(draft.len().checked_sub(1)) {
                    draft[i].qty = n;
                    return Some(restate(s, draft, Vec::new(), Vec::new(), flow));
                }
            }
        }
    }
    let replace = replaces(&toks) && !adds(&toks);
    let mut choices = Vec::new();
    let mut missing = Vec::new();
    let mentions: Vec<&Mention> = s
        .mentions
        .iter()
        .filter(|m| !m.words.is_empty() || m.has_numbers() || has_attribute(m))
        .collect();
    for m in &mentions {
        let r = resolve(s, m, None);
        match item(s, m, r) {
            Some(Item::Line(l)) => merge(&mut draft, l, replace || (in_flow && !adds(&toks))),
            Some(Item::Choice(p)) => choices.push(p),
            Some(Item::Missing(w)) if quoteish => missing.push(w),
            _ => {}
        }
    }
    if draft.is_empty()
        && choices.is_empty()
        && !named
        && !s.before.is_empty()
        && (follow || quoteish)
    {
        // "je le prends", "raisiko": the product just discussed, one of it.
        let before = related(s.before.clone(), s);
        let qty = first_count(s);
        match before.len() {
            1 => draft.push(QuoteLine {
                sku: before[0].sku.clone(),
                qty: qty.unwrap_or(1),
            }),
            n if n > 1 => choices.push(Pending {
                skus: before.iter().map(|p| p.sku.clone()).collect(),
                qty,
            }),
            _ => {}
        }
    }
    if draft.is_empty() && choices.is_empty() {
        return quoteish.then(|| ask_lines(s, flow));
    }
    Some(restate(s, draft, choices, missing, flow))
}
