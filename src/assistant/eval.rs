//! `varotra eval`: runs labelled customer messages (the JSONL format of
//! shared/fixtures/conversations-dev.jsonl), each as a fresh conversation (dry run:
//! nothing is written), and scores intent, reply language, exact prices, hand-over,
//! quote lines, amounts absent from the data, and latency.

use super::{guard, Assistant, AssistantError, QuoteLine, Turn};
use crate::db::{faq, products, shops, Reader, ShopId};
use crate::money::format_amount;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub lang: String,
    pub message: String,
    pub intent: String,
    #[serde(default)]
    pub skus: Vec<String>,
    #[serde(default)]
    pub quantities: HashMap<String, i64>,
}

/// One line of `--json` output (the keys of DESIGN.md, in that order).
#[derive(Debug, Clone, Serialize)]
pub struct CaseResult {
    pub message: String,
    pub reply: String,
    pub language: String,
    pub intent: String,
    pub skus: Vec<String>,
    pub escalated: bool,
    pub quote_lines: Vec<QuoteLine>,
    pub latency_ms: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub n: usize,
    pub correct: usize,
    pub accuracy: f64,
}

impl Score {
    fn add(&mut self, ok: bool) {
        self.n += 1;
        self.correct += ok as usize;
        self.accuracy = self.correct as f64 / self.n as f64;
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub cases: usize,
    pub intent: Score,
    pub language: Score,
    pub per_intent: BTreeMap<String, Score>,
    pub per_language: BTreeMap<String, Score>,
    /// price/availability cases with expected products: the reply holds the exact
    /// catalogue price of one of them.
    pub exact_price: Score,
    /// availability cases for things the shop does not sell: no product claimed.
    pub not_sold: Score,
    /// human/complaint cases handed over.
    pub handover: Score,
    /// quote/order cases with quantities: every expected (sku, qty) line present.
    pub quote_lines: Score,
    /// Replies holding an amount (`… Ar`) that is neither a price nor in the FAQ/settings.
    pub invented_amounts: Vec<String>,
    pub latency_p50_ms: u64,
    pub latency_p95_ms: u64,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub results: Vec<CaseResult>,
    /// Per case: intent right, language right.
    pub marks: Vec<(bool, bool)>,
    pub summary: Summary,
}

/// Parses a JSONL file of cases; blank lines are skipped.
pub fn parse_cases(jsonl: &str) -> Result<Vec<Case>, AssistantError> {
    jsonl
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .map_err(|e| AssistantError::Other(format!("line {}: {e}", i + 1)))
        })
        .collect()
}

pub fn run(
    assistant: &Assistant,
    db: &Reader,
    shop: ShopId,
    cases: &[Case],
) -> Result<Report, AssistantError> {
    let (prices, known_amounts) = db.read_blocking(|c| {
        let mut prices: HashMap<String, (i64, String)> = HashMap::new();
        products::for_each(c, Some(shop), |p| {
            prices.insert(p.sku, (p.price.0, p.currency));
        })?;
        let mut known: Vec<i64> = prices.values().map(|(p, _)| *p).collect();
        let answers: Vec<String> = faq::list(c, shop)?.into_iter().map(|f| f.answer).collect();
        let settings = shops::all_settings(c, shop)?;
        for text in answers.iter().chain(settings.iter().map(|(_, v)| v)) {
            known.extend(guard::amounts(text));
            known.extend(
                guard::numbers(text)
                    .iter()
                    .filter_map(|n| n.parse::<i64>().ok()),
            );
        }
        Ok((prices, known))
    })?;
    let mut s = Summary {
        cases: cases.len(),
        ..Default::default()
    };
    let mut results = Vec::new();
    let mut marks = Vec::new();
    let mut latencies = Vec::new();
    for case in cases {
        let d = assistant.decide(db, &Turn::text(shop, None, &case.message))?;
        let intent_ok = d.intent.as_str() == case.intent;
        let lang_ok = case.lang == "mixed" || d.language == case.lang;
        s.intent.add(intent_ok);
        s.language.add(lang_ok);
        s.per_intent
            .entry(case.intent.clone())
            .or_default()
            .add(intent_ok);
        s.per_language
            .entry(case.lang.clone())
            .or_default()
            .add(lang_ok);
        if matches!(case.intent.as_str(), "price" | "availability") {
            if case.skus.is_empty() {
                s.not_sold.add(d.skus.is_empty());
            } else {
                let exact = case.skus.iter().any(|sku| {
                    prices
                        .get(sku)
                        .is_some_and(|(p, cur)| d.reply.contains(&format_amount(*p, cur)))
                });
                s.exact_price.add(exact);
            }
        }
        if matches!(case.intent.as_str(), "human" | "complaint") {
            s.handover.add(d.escalated);
        }
        if !case.quantities.is_empty() {
            let all = case
                .quantities
                .iter()
                .all(|(sku, qty)| d.quote_lines.iter().any(|l| &l.sku == sku && l.qty == *qty));
            s.quote_lines.add(all);
        }
        for amount in guard::amounts(&d.reply) {
            if !known_amounts.contains(&amount) {
                s.invented_amounts
                    .push(format!("{amount} Ar in reply to {:?}", case.message));
            }
        }
        latencies.push(d.latency_ms);
        marks.push((intent_ok, lang_ok));
        results.push(CaseResult {
            message: case.message.clone(),
            reply: d.reply,
            language: d.language,
            intent: d.intent.to_string(),
            skus: d.skus,
            escalated: d.escalated,
            quote_lines: d.quote_lines,
            latency_ms: d.latency_ms,
        });
    }
    latencies.sort_unstable();
    let pct = |p: f64| -> u64 {
        if latencies.is_empty() {
            return 0;
        }
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i]
    };
    s.latency_p50_ms = pct(0.50);
    s.latency_p95_ms = pct(0.95);
    Ok(Report {
        results,
        marks,
        summary: s,
    })
}
