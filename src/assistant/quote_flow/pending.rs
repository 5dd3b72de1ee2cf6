//! The second half of a quote flow: the answer to a clarifying question, the quote
//! restated whole (lines, total, validity) with its buttons, and its confirmation.

use super::*;

/// The message asks something (a question mark or a question word).
pub(crate) fn asks(text: &str) -> bool {
    text.contains('?')
        || crate::assistant::text::tokens(text).iter().any(|t| {
            matches!(
                t.as_str(),
                "combien"
                    | "ohatrinona"
                    | "firy"
                    | "quel"
                    | "quelle"
                    | "ve"
                    | "pourquoi"
                    | "comment"
            )
        })
}

pub(crate) fn has_any_attr(s: &Scene<'_>) -> bool {
    s.mentions
        .iter()
        .any(|m| has_attribute(m) && attribute_only(m))
}

/// The count written: a plain number (not one introduced as a variant, `ilay 128`),
/// else a weight or length of something sold by that unit (`30 mètres`).
pub(crate) fn first_count(s: &Scene<'_>) -> Option<i64> {
    let nums: Vec<&crate::assistant::entities::Num> =
        s.mentions.iter().flat_map(|m| &m.nums).collect();
    nums.iter()
        .find(|n| n.countable() && n.unit.is_none() && (!n.introduced || n.package))
        .or_else(|| {
            nums.iter()
                .find(|n| n.countable() && n.unit.is_some_and(|u| u.measures_goods()))
        })
        .map(|n| (n.value.round() as i64).max(1))
}

/// The customer answers the clarifying question: each pending line is resolved with
/// the attributes written ("de 10", "ilay 25 kg", "châtain", "42").
pub(crate) fn resolve_pending(s: &Scene<'_>, lines: &[Pending], flow: Intent) -> Option<Answer> {
    let mut draft = s.context.draft.clone();
    let mut still = Vec::new();
    let mut any = false;
    for p in lines {
        let pool = products_of(s, &p.skus);
        let mut done = false;
        for m in &s.mentions {
            if !m.words.is_empty() && !attribute_only(m) {
                // Named words must be among the pending products' own words.
                let r = variants::resolve_with(m, &pool, &s.syn);
                if r.products.len() == 1 && r.missing.is_none() {
                    merge(
                        &mut draft,
                        QuoteLine {
                            sku: r.products[0].sku.clone(),
                            qty: p.qty.or(r.qty).unwrap_or(1),
                        },
                        false,
                    );
                    done = true;
                    break;
                }
                continue;
            }
            let r = resolve(s, m, Some(&pool));
            if r.products.len() == 1 && r.missing.is_none() {
                let qty = p.qty.or(r.qty).unwrap_or(1);
                merge(
                    &mut draft,
                    QuoteLine {
                        sku: r.products[0].sku.clone(),
                        qty,
                    },
                    false,
                );
                done = true;
                break;
            }
        }
        any |= done;
        if !done {
            still.push(p.clone());
        }
    }
    if !any {
        return None;
    }
    Some(restate(s, draft, still, Vec::new(), flow))
}

/// Nothing named for a quote yet: what to send.
pub(crate) fn ask_lines(s: &Scene<'_>, flow: Intent) -> Answer {
    Answer {
        text: reply_quote::ask_lines(s.lang, &s.examples()),
        // The example's own count (`2 × « … »`) is ours, not a fact to check.
        computed: vec![reply_quote::EXAMPLE_QTY],
        grounded: true,
        clarify: true,
        intent: Some(flow),
        context: Some(Context {
            asked: Some(Asked::Products),
            flow: Some(flow.to_string()),
            ..s.context.clone()
        }),
        ..Default::default()
    }
}

/// The quote as it now stands, or the question still to ask.
pub(crate) fn restate(
    s: &Scene<'_>,
    draft: Vec<QuoteLine>,
    choices: Vec<Pending>,
    missing: Vec<String>,
    flow: Intent,
) -> Answer {
    let mut skus: Vec<String> = draft.iter().map(|l| l.sku.clone()).collect();
    let ctx = Context {
        products: skus.clone(),
        words: Vec::new(),
        draft: draft.clone(),
        flow: Some(flow.to_string()),
        asked: None,
        last_intent: s.context.last_intent.clone(),
    };
    if !choices.is_empty() {
        let mut asks = Vec::new();
        let mut all = Vec::new();
        for c in &choices {
            let options = products_of(s, &c.skus);
            skus.extend(c.skus.clone());
            all.push((c.qty, options));
        }
        for (qty, options) in &all {
            asks.push(Choice {
                qty: *qty,
                labels: variants::difference(options),
                options: options.iter().collect(),
            });
        }
        return Answer {
            computed: choices.iter().filter_map(|c| c.qty).collect(),
            text: reply_quote::clarify(s.lang, &asks),
            skus,
            lines: draft,
            grounded: true,
            clarify: true,
            intent: Some(flow),
            context: Some(Context {
                asked: Some(Asked::Variants { lines: choices }),
                products: all
                    .iter()
                    .flat_map(|(_, o)| o.iter().map(|p| p.sku.clone()))
                    .collect(),
                ..ctx
            }),
            ..Default::default()
        };
    }
    let products = products_of(s, &skus);
    let lines: Vec<Line<'_>> = draft
        .iter()
        .filter_map(|l| {
            products.iter().find(|p| p.sku == l.sku).map(|p| Line {
                qty: l.qty,
                product: p,
            })
        })
        .collect();
    Answer {
        text: reply_quote::quote(s.lang, &lines, s.facts.vat_bp, s.validity_days, &missing),
        skus,
        lines: draft,
        buttons: true,
        grounded: true,
        intent: Some(flow),
        context: Some(Context {
            asked: Some(Asked::Validation),
            ..ctx
        }),
        ..Default::default()
    }
}

/// The customer validates the quote: the job issues the devis and sends its PDF (a dry
/// run only says it is passed on).
pub(crate) fn confirm(s: &Scene<'_>, lines: &[QuoteLine]) -> Answer {
    Answer {
        text: crate::assistant::reply::devis_passed_on(s.lang),
        effects: if s.in_conversation {
            vec![Effect::IssueDevis {
                lines: lines.to_vec(),
            }]
        } else {
            Vec::new()
        },
        lines: lines.to_vec(),
        skus: lines.iter().map(|l| l.sku.clone()).collect(),
        grounded: true,
        intent: Some(Intent::Order),
        context: Some(Context {
            products: lines.iter().map(|l| l.sku.clone()).collect(),
            ..Context::default()
        }),
        ..Default::default()
    }
}
