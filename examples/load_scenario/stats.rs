//! Matches each customer message to the replies the fake Graph API received for that
//! customer, and summarises latency per class and phase, wrong prices and double
//! replies. A reply's latency runs from the instant before the webhook was posted to
//! the instant the fake provider received the first outgoing message to that customer
//! (the provider's own 300 ms answer time comes after and is not in it; a send that
//! failed with a 5xx and was retried is, with its backoff).

use crate::graph::Receipt;
use crate::rates::percentile_ms;
use crate::traffic::{Class, Phase, Sent};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub sent: usize,
    pub answered: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

impl Summary {
    fn of(mut lat_us: Vec<u64>, sent: usize) -> Summary {
        lat_us.sort_unstable();
        Summary {
            sent,
            answered: lat_us.len(),
            p50_ms: percentile_ms(&lat_us, 0.50),
            p95_ms: percentile_ms(&lat_us, 0.95),
            max_ms: lat_us
                .last()
                .map(|v| *v as f64 / 1000.0)
                .unwrap_or(f64::NAN),
        }
    }

    pub fn show(&self) -> String {
        format!(
            "{:>5} sent, {:>5} answered, p50 {:>7.0} ms, p95 {:>7.0} ms, max {:>7.0} ms",
            self.sent, self.answered, self.p50_ms, self.p95_ms, self.max_ms
        )
    }
}

/// What the replies say about the messages sent.
#[derive(Debug, Default)]
pub struct Matched {
    pub by_class: BTreeMap<(Class, &'static str), Summary>,
    /// Quiet shops' messages (every class) per phase.
    pub quiet_calm: Summary,
    pub quiet_flood: Summary,
    pub grounded_with_price: usize,
    pub grounded_answered: usize,
    /// Grounded questions delivered twice, and how many got more than one reply.
    pub redelivered: usize,
    pub redelivered_doubled: usize,
    /// Grounded questions delivered once that got more than one reply.
    pub single_doubled: usize,
    /// Distinct small-talk reply texts (shop names masked): 1 means only the template.
    pub small_talk_texts: usize,
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Calm => "calm",
        Phase::Burst => "20 at once",
        Phase::Flood => "during flood",
    }
}

pub fn match_replies(sent: &[Sent], receipts: &[Receipt]) -> Matched {
    let mut to: HashMap<&str, Vec<&Receipt>> = HashMap::new();
    for r in receipts {
        to.entry(r.to.as_str()).or_default().push(r);
    }
    let mut lat: BTreeMap<(Class, &'static str), (Vec<u64>, usize)> = BTreeMap::new();
    let (mut calm, mut flood) = ((Vec::new(), 0), (Vec::new(), 0));
    let mut m = Matched::default();
    let mut talk = std::collections::HashSet::new();
    for s in sent.iter().filter(|s| s.acked) {
        let replies = to
            .get(s.customer.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let first = replies.iter().filter(|r| r.at >= s.at).min_by_key(|r| r.at);
        let us = first.map(|r| r.at.duration_since(s.at).as_micros() as u64);
        let slot = lat.entry((s.class, phase_name(s.phase))).or_default();
        slot.1 += 1;
        slot.0.extend(us);
        match s.phase {
            Phase::Calm => {
                calm.1 += 1;
                calm.0.extend(us);
            }
            Phase::Flood => {
                flood.1 += 1;
                flood.0.extend(us);
            }
            Phase::Burst => {}
        }
        if s.class == Class::Model {
            for r in replies {
                let masked: String = r
                    .text
                    .split_whitespace()
                    .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                    .collect();
                talk.insert(masked);
            }
        }
        if let (Some(price), Some(r)) = (&s.price, first) {
            m.grounded_answered += 1;
            m.grounded_with_price += usize::from(squash(&r.text).contains(&squash(price)));
            let doubled = replies.len() > 1;
            if s.redelivered {
                m.redelivered += 1;
                m.redelivered_doubled += usize::from(doubled);
            } else {
                m.single_doubled += usize::from(doubled);
            }
        }
    }
    m.by_class = lat
        .into_iter()
        .map(|(k, (l, n))| (k, Summary::of(l, n)))
        .collect();
    m.quiet_calm = Summary::of(calm.0, calm.1);
    m.quiet_flood = Summary::of(flood.0, flood.1);
    m.small_talk_texts = talk.len();
    m
}
