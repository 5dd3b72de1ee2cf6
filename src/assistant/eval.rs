//! `varotra eval`: scores the assistant on labelled customer messages.
//!
//! Single messages (the JSONL format of shared/fixtures/conversations-dev.jsonl and
//! corpus/messages) are each decided as a fresh conversation (dry run: nothing is
//! written); multi-turn files (corpus/conversations) are scored turn by turn by
//! [`super::eval_turns`]. Both share [`Expect`] and [`Summary`]: intent, reply language,
//! one language per reply, exact prices, products, hand-over, quote lines, clarifying
//! questions, second questions answered, amounts absent from the data, latency.

use super::{guard, language, Assistant, AssistantError, Decision, QuoteLine, Turn};
use crate::db::{faq, products, shops, Reader, ShopId};
use crate::money::format_amount;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

mod batch;
pub use batch::{parse_cases, parse_lines, run, Report};

/// One labelled single message.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// The corpus trade folder the message belongs to (corpus files only).
    #[serde(default)]
    pub shop: Option<String>,
    pub lang: String,
    pub message: String,
    pub intent: String,
    #[serde(default)]
    pub skus: Vec<String>,
    #[serde(default)]
    pub quantities: HashMap<String, i64>,
    #[serde(default)]
    pub clarify: bool,
    #[serde(default)]
    pub also: Vec<String>,
}

impl Case {
    pub fn expect(&self) -> Expect {
        Expect {
            lang: self.lang.clone(),
            intent: self.intent.clone(),
            skus: self.skus.clone(),
            lines: self
                .quantities
                .iter()
                .map(|(sku, qty)| QuoteLine {
                    sku: sku.clone(),
                    qty: *qty,
                })
                .collect(),
            clarify: self.clarify,
            also: self.also.clone(),
            escalated: matches!(self.intent.as_str(), "human" | "complaint"),
        }
    }
}

/// What a good answer to one message does (a single case or a conversation turn).
#[derive(Debug, Clone, Default)]
pub struct Expect {
    pub lang: String,
    pub intent: String,
    pub skus: Vec<String>,
    /// The quote lines as they must stand (resolved lines only while clarifying).
    pub lines: Vec<QuoteLine>,
    pub clarify: bool,
    pub also: Vec<String>,
    pub escalated: bool,
}

/// One line of `--json` output (the keys of DESIGN.md, in that order, then ours).
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
    pub clarify: bool,
    pub also: Vec<String>,
    /// What was wrong with this answer (empty: fully right).
    pub wrong: Vec<String>,
    /// Why the assistant answered so (language, intent, rules, products).
    pub why: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    pub n: usize,
    pub correct: usize,
    pub accuracy: f64,
}

impl Score {
    pub fn add(&mut self, ok: bool) {
        self.n += 1;
        self.correct += ok as usize;
        self.accuracy = self.correct as f64 / self.n as f64;
    }

    pub fn merge(&mut self, o: &Score) {
        self.n += o.n;
        self.correct += o.correct;
        self.accuracy = if self.n == 0 {
            0.0
        } else {
            self.correct as f64 / self.n as f64
        };
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub cases: usize,
    pub intent: Score,
    /// The reply is in the customer's language (`mixed`: either).
    pub language: Score,
    /// The reply holds one language only (no Malagasy sentence in a French reply...).
    pub one_language: Score,
    pub per_intent: BTreeMap<String, Score>,
    pub per_language: BTreeMap<String, Score>,
    /// price/availability cases with expected products: the reply holds the exact
    /// catalogue price of every one of them.
    pub exact_price: Score,
    /// Cases with expected products: the decision names exactly those.
    pub skus: Score,
    /// availability cases for things the shop does not sell: no product claimed.
    pub not_sold: Score,
    /// human/complaint cases handed over.
    pub handover: Score,
    /// Hand-overs where none was expected (a person bothered for nothing).
    pub needless_handover: usize,
    /// quote/order cases with quantities: the lines are exactly the expected ones.
    pub quote_lines: Score,
    /// Ambiguous quote/order cases: the bot asked which variant.
    pub clarify: Score,
    /// Clarifying questions asked where none was expected.
    pub needless_clarify: usize,
    /// Messages asking two things: the second one is answered too.
    pub also: Score,
    /// catalog_search cases with expected products: share of them named, on average.
    pub search_recall: f64,
    #[serde(skip)]
    recall_sum: f64,
    #[serde(skip)]
    recall_n: usize,
    /// Replies holding an amount that is neither a price, a total nor a shop fact.
    pub invented_amounts: Vec<String>,
    pub latency_p50_ms: u64,
    pub latency_p95_ms: u64,
    #[serde(skip)]
    latencies: Vec<u64>,
}

impl Summary {
    /// Adds another summary's counts (per shop → whole corpus).
    pub fn merge(&mut self, o: &Summary) {
        self.cases += o.cases;
        for (a, b) in [
            (&mut self.intent, &o.intent),
            (&mut self.language, &o.language),
            (&mut self.one_language, &o.one_language),
            (&mut self.exact_price, &o.exact_price),
            (&mut self.skus, &o.skus),
            (&mut self.not_sold, &o.not_sold),
            (&mut self.handover, &o.handover),
            (&mut self.quote_lines, &o.quote_lines),
            (&mut self.clarify, &o.clarify),
            (&mut self.also, &o.also),
        ] {
            a.merge(b);
        }
        for (k, v) in &o.per_intent {
            self.per_intent.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &o.per_language {
            self.per_language.entry(k.clone()).or_default().merge(v);
        }
        self.needless_handover += o.needless_handover;
        self.needless_clarify += o.needless_clarify;
        self.recall_sum += o.recall_sum;
        self.recall_n += o.recall_n;
        self.invented_amounts
            .extend(o.invented_amounts.iter().cloned());
        self.latencies.extend(&o.latencies);
        self.finish();
    }

    fn finish(&mut self) {
        self.search_recall = if self.recall_n == 0 {
            0.0
        } else {
            self.recall_sum / self.recall_n as f64
        };
        self.latencies.sort_unstable();
        let pct = |p: f64| -> u64 {
            if self.latencies.is_empty() {
                return 0;
            }
            let n = self.latencies.len();
            self.latencies[((n as f64 * p).ceil() as usize).clamp(1, n) - 1]
        };
        self.latency_p50_ms = pct(0.50);
        self.latency_p95_ms = pct(0.95);
    }
}

/// The shop's data a reply may draw numbers from, read once per shop.
pub struct Grounds {
    prices: HashMap<String, (i64, String)>,
    known: HashSet<i64>,
    /// Product titles and the shop name: neutral text for the one-language check.
    names: Vec<String>,
    vat_bp: Option<i64>,
}

impl Grounds {
    pub fn read(db: &Reader, shop: ShopId) -> Result<Grounds, AssistantError> {
        Ok(db.read_blocking(|c| {
            let mut prices = HashMap::new();
            let row = shops::get(c, shop)?;
            let vat_bp = row.vat_rate_bp;
            let mut names = vec![row.company_name];
            names.extend(row.address);
            products::for_each(c, Some(shop), |p| {
                names.push(p.title.clone());
                prices.insert(p.sku, (p.price.0, p.currency));
            })?;
            let mut texts: Vec<String> = Vec::new();
            for f in faq::list(c, shop)? {
                texts.push(f.answer);
                texts.extend(f.answer_mg);
            }
            texts.extend(shops::all_settings(c, shop)?.into_iter().map(|(_, v)| v));
            let mut known: HashSet<i64> = prices.values().map(|(p, _)| *p).collect();
            for t in &texts {
                known.extend(guard::amounts(t));
                known.extend(
                    guard::numbers(t)
                        .iter()
                        .filter_map(|n| n.parse::<i64>().ok()),
                );
            }
            Ok(Grounds {
                prices,
                known,
                names,
                vat_bp,
            })
        })?)
    }

    fn price(&self, sku: &str) -> Option<String> {
        self.prices.get(sku).map(|(p, c)| format_amount(*p, c))
    }
}

/// Scores one decision against what was expected; returns what was wrong.
pub fn score(s: &mut Summary, e: &Expect, d: &Decision, g: &Grounds, message: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok {
            wrong.push(what);
        }
        ok
    };
    s.cases += 1;
    let intent_ok = d.intent.as_str() == e.intent;
    check(
        intent_ok,
        format!("intent {} (want {})", d.intent, e.intent),
    );
    s.intent.add(intent_ok);
    s.per_intent
        .entry(e.intent.clone())
        .or_default()
        .add(intent_ok);
    let lang_ok = e.lang == "mixed" || d.language == e.lang;
    check(
        lang_ok,
        format!("language {} (want {})", d.language, e.lang),
    );
    s.language.add(lang_ok);
    s.per_language
        .entry(e.lang.clone())
        .or_default()
        .add(lang_ok);
    let pure = language::is_one_language(&d.reply, &g.names);
    check(pure, "reply mixes languages".into());
    s.one_language.add(pure);
    let got: HashSet<&str> = d.skus.iter().map(String::as_str).collect();
    let want: HashSet<&str> = e.skus.iter().map(String::as_str).collect();
    let lines_expected = matches!(e.intent.as_str(), "quote" | "order") && !e.lines.is_empty();
    if matches!(e.intent.as_str(), "price" | "availability") {
        if e.skus.is_empty() {
            let ok = d.skus.is_empty();
            check(ok, format!("claims {:?} for a product not sold", d.skus));
            s.not_sold.add(ok);
        } else {
            let exact = e
                .skus
                .iter()
                .all(|sku| g.price(sku).is_some_and(|p| d.reply.contains(&p)));
            check(exact, "a price asked is missing".into());
            s.exact_price.add(exact);
        }
    }
    if !e.skus.is_empty() && matches!(e.intent.as_str(), "price" | "availability" | "other") {
        let ok = got == want;
        check(ok, format!("skus {:?} (want {:?})", d.skus, e.skus));
        s.skus.add(ok);
    }
    if e.intent == "catalog_search" && !e.skus.is_empty() {
        s.recall_sum += want.intersection(&got).count() as f64 / want.len() as f64;
        s.recall_n += 1;
    }
    if e.escalated {
        check(d.escalated, "not handed over".into());
        s.handover.add(d.escalated);
    } else if d.escalated {
        check(false, "handed over for nothing".into());
        s.needless_handover += 1;
    }
    if lines_expected || (matches!(e.intent.as_str(), "quote" | "order") && !e.clarify) {
        let mut a: Vec<(&str, i64)> = d
            .quote_lines
            .iter()
            .map(|l| (l.sku.as_str(), l.qty))
            .collect();
        let mut b: Vec<(&str, i64)> = e.lines.iter().map(|l| (l.sku.as_str(), l.qty)).collect();
        a.sort_unstable();
        b.sort_unstable();
        if !b.is_empty() {
            let ok = a == b;
            check(ok, format!("lines {a:?} (want {b:?})"));
            s.quote_lines.add(ok);
        }
    }
    if e.clarify {
        check(d.clarify, "did not ask which variant".into());
        s.clarify.add(d.clarify);
    } else if d.clarify {
        check(false, "asked a needless question".into());
        s.needless_clarify += 1;
    }
    if !e.also.is_empty() {
        let answered: Vec<String> = d.also.iter().map(|i| i.to_string()).collect();
        let ok = e
            .also
            .iter()
            .all(|a| answered.contains(a) || d.intent.as_str() == a);
        check(ok, format!("second question {:?} unanswered", e.also));
        s.also.add(ok);
    }
    for amount in guard::amounts(&d.reply) {
        if !g.known.contains(&amount) && !quote_amount(d, amount, g) {
            s.invented_amounts
                .push(format!("{amount} Ar in reply to {message:?}"));
            wrong.push(format!("invented amount {amount}"));
        }
    }
    s.latencies.push(d.latency_ms);
    s.finish();
    wrong
}

/// Line totals and totals of the decision's own quote lines, computed here from the
/// catalogue prices and the shop's VAT rate (not taken from the assistant).
fn quote_amount(d: &Decision, amount: i64, g: &Grounds) -> bool {
    let priced: Vec<i64> = d
        .quote_lines
        .iter()
        .filter_map(|l| g.prices.get(&l.sku).map(|(p, _)| p * l.qty))
        .collect();
    let ht: i64 = priced.iter().sum();
    let tva = crate::quotes::totals::vat(ht, g.vat_bp).unwrap_or(0);
    priced.contains(&amount) || [ht, tva, ht + tva].contains(&amount)
}

/// The result line of one decision.
pub fn result(message: &str, d: &Decision, wrong: Vec<String>) -> CaseResult {
    CaseResult {
        message: message.to_string(),
        reply: d.reply.clone(),
        language: d.language.clone(),
        intent: d.intent.to_string(),
        skus: d.skus.clone(),
        escalated: d.escalated,
        quote_lines: d.quote_lines.clone(),
        latency_ms: d.latency_ms,
        clarify: d.clarify,
        also: d.also.iter().map(|i| i.to_string()).collect(),
        wrong,
        why: d.why.clone(),
    }
}
