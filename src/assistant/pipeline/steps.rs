//! Steps of the flow for one message: reading the rows of the products in
//! discussion, product questions and their follow-ups, small talk.

use super::*;

/// The rows of the products in discussion and of the draft's lines.
pub(crate) fn read_skus(
    db: &Reader,
    shop: crate::db::ShopId,
    skus: &[String],
    draft: &[crate::assistant::QuoteLine],
) -> Result<Vec<Product>, AssistantError> {
    let mut all: Vec<String> = skus.to_vec();
    all.extend(draft.iter().map(|l| l.sku.clone()));
    all.dedup();
    Ok(db.read_blocking(|c| {
        let mut out = Vec::new();
        for sku in &all {
            if let Some(p) = products::get_by_sku(c, shop, sku)? {
                if !out.iter().any(|o: &Product| o.sku == p.sku) {
                    out.push(p);
                }
            }
        }
        Ok(out)
    })?)
}

/// A price or availability question; without product words it is about the products
/// just discussed ("et en 25 kg ?", "et du 10 ?").
pub(crate) fn product_or_follow_up(
    s: &Scene<'_>,
    label: Intent,
    found: Vec<(entities::Mention, crate::assistant::variants::Resolved)>,
) -> Answer {
    let label = match label {
        Intent::Quote | Intent::Order => Intent::Price,
        l => l,
    };
    if !found.is_empty() {
        return answers::product_answer(s, label, &found);
    }
    let pool = if s.family.is_empty() {
        s.before.clone()
    } else {
        s.family.clone()
    };
    let follow: Vec<_> = s
        .mentions
        .iter()
        .filter(|m| {
            !m.nums.is_empty() || m.size.is_some() || m.adjective.is_some() || !m.colours.is_empty()
        })
        .map(|m| {
            (
                m.clone(),
                crate::assistant::variants::resolve_with(m, &pool, &s.syn),
            )
        })
        .filter(|(_, r)| !r.products.is_empty())
        .collect();
    if !follow.is_empty() {
        let mut ans = answers::product_answer(s, label, &follow);
        if let Some(c) = ans.context.as_mut() {
            c.words = s.context.words.clone();
        }
        return ans;
    }
    if !s.before.is_empty() && s.mentions.iter().all(|m| m.words.is_empty()) {
        let again: Vec<_> = vec![(
            entities::Mention::default(),
            crate::assistant::variants::Resolved {
                products: s.before.clone(),
                ..Default::default()
            },
        )];
        return answers::product_answer(s, label, &again);
    }
    grounded(reply::ask_product(s.lang, &s.examples()))
}

/// Off-topic messages: what the bot can help with (a model may phrase it, behind the
/// guard). Not understood twice in a row, the caller hands over.
pub(crate) fn small_talk(a: &Assistant, s: &Scene<'_>) -> Answer {
    let template = reply::out_of_scope(s.lang, s.facts);
    let words = catalogue_words(s);
    let phrased = a.talker().and_then(|m| {
        crate::assistant::model::small_talk(m, s.lang, s.text, s.facts, &words, &template)
    });
    Answer {
        text: phrased.unwrap_or(template),
        grounded: !s.cls.unsure,
        ..Default::default()
    }
}

/// The product words of the shop's products read for this message.
pub(crate) fn catalogue_words(s: &Scene<'_>) -> Vec<String> {
    s.products
        .iter()
        .chain(&s.family)
        .flat_map(|p| crate::assistant::text::tokens(&p.title))
        .filter(|w| w.len() > 3)
        .collect()
}

/// A message our classifier can only guess at is read by the strong model, when one
/// is configured: its JSON, validated by [`model::extract`] (a known label, the
/// customer's own words), replaces the guess; a slow, malformed or empty answer
/// changes nothing.
///
/// [`model::extract`]: crate::assistant::model::extract
pub(crate) fn read_unsure(
    a: &Assistant,
    text: &str,
    cls: &mut crate::assistant::intent::Classification,
) -> Option<crate::assistant::model::Extraction> {
    let m = a.strong().filter(|_| cls.unsure)?;
    let x = crate::assistant::model::extract(m, text)?;
    if let Some(i) = x.intent {
        cls.fired
            .push(format!("fallback extraction {i} over {}", cls.label));
        cls.label = i;
        cls.unsure = false;
    }
    Some(x)
}
