//! The intent classifier: an averaged perceptron over the words, word pairs and
//! character n-grams (3 to 5, word boundaries marked) of the normalised text, plus
//! the [`concepts`](super::concepts) it holds. N-grams carry SMS spellings, missing
//! accents and Malagasy affixes (`hividy`, `nividy`); concepts carry words training
//! never showed. Trained once per process, on first use, from the corpus train split
//! (`corpus/messages/train.jsonl`), our template sentences ([`super::training`]) and
//! our hand-written examples (`data/intents.txt`): a few hundred milliseconds in a
//! release build, started in the background when the assistant is built.

use super::concepts;
use super::intent::LABELS;
use super::text;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How many times a concept counts next to one n-gram.
const CONCEPT_WEIGHT: usize = 3;
const EPOCHS: usize = 8;

pub struct Perceptron {
    index: HashMap<String, u32>,
    /// `index` row × label, averaged.
    weights: Vec<f32>,
}

/// The features of a message.
pub fn features(message: &str) -> Vec<String> {
    let toks = text::tokens(message);
    let mut out = Vec::with_capacity(toks.len() * 16);
    let mut prev = "<s>".to_string();
    for tok in &toks {
        let is_num = tok.chars().all(|c| c.is_ascii_digit() || c == '.');
        let w = if is_num { "#" } else { tok.as_str() };
        out.push(format!("b:{prev}_{w}"));
        prev = w.to_string();
        if is_num {
            out.push("#num".to_string());
            continue;
        }
        out.push(format!("w:{tok}"));
        let padded: Vec<char> = format!("<{tok}>").chars().collect();
        for n in 3..=5 {
            if padded.len() < n {
                break;
            }
            for win in padded.windows(n) {
                out.push(win.iter().collect());
            }
        }
    }
    out.push(format!("b:{prev}_</s>"));
    for c in concepts::present(&toks) {
        for _ in 0..CONCEPT_WEIGHT {
            out.push(c.feature().to_string());
        }
    }
    out
}

/// A small deterministic generator for the training order.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

impl Perceptron {
    pub fn train(examples: &[(String, &str)]) -> Perceptron {
        let k = LABELS.len();
        // Features seen once are noise; concepts always stay.
        let mut seen: HashMap<String, u32> = HashMap::new();
        let featured: Vec<(Vec<String>, usize)> = examples
            .iter()
            .filter_map(|(s, l)| {
                let li = LABELS.iter().position(|x| x == l)?;
                let f = features(s);
                for x in &f {
                    *seen.entry(x.clone()).or_default() += 1;
                }
                Some((f, li))
            })
            .collect();
        let mut index: HashMap<String, u32> = HashMap::new();
        let data: Vec<(Vec<u32>, usize)> = featured
            .into_iter()
            .map(|(f, li)| {
                let ids = f
                    .into_iter()
                    .filter(|x| seen.get(x).copied().unwrap_or(0) >= 2 || x.starts_with("C:"))
                    .map(|x| {
                        let n = index.len() as u32;
                        *index.entry(x).or_insert(n)
                    })
                    .collect();
                (ids, li)
            })
            .collect();
        let n = index.len();
        let mut w = vec![0f32; n * k];
        let mut acc = vec![0f32; n * k];
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Lcg(7);
        let mut c = 1f32;
        let mut scores = vec![0f32; k];
        for _ in 0..EPOCHS {
            for i in (1..order.len()).rev() {
                order.swap(i, rng.next(i + 1));
            }
            for &ei in &order {
                let (ids, y) = &data[ei];
                scores.iter_mut().for_each(|s| *s = 0.0);
                for &f in ids {
                    let row = &w[f as usize * k..f as usize * k + k];
                    for (s, x) in scores.iter_mut().zip(row) {
                        *s += x;
                    }
                }
                let p = argmax(&scores);
                if p != *y {
                    for &f in ids {
                        let base = f as usize * k;
                        w[base + y] += 1.0;
                        w[base + p] -= 1.0;
                        acc[base + y] += c;
                        acc[base + p] -= c;
                    }
                }
                c += 1.0;
            }
        }
        let weights = w.iter().zip(&acc).map(|(w, a)| w - a / c).collect();
        Perceptron { index, weights }
    }

    /// A score per label (same order as [`LABELS`]).
    pub fn scores(&self, message: &str) -> Vec<f32> {
        let k = LABELS.len();
        let mut s = vec![0f32; k];
        for f in features(message) {
            if let Some(&id) = self.index.get(&f) {
                let row = &self.weights[id as usize * k..id as usize * k + k];
                for (a, b) in s.iter_mut().zip(row) {
                    *a += b;
                }
            }
        }
        s
    }

    /// Whether any whole word of the message was seen in training (gibberish, or a
    /// language the corpus does not hold, has none).
    pub fn knows_a_word(&self, message: &str) -> bool {
        features(message)
            .iter()
            .any(|f| f.starts_with("w:") && self.index.contains_key(f))
    }

    /// Probability-like weights per label: a softmax of the scores, scaled by the
    /// spread of the scores so one message's confidence compares with another's.
    pub fn predict(&self, message: &str) -> Vec<f32> {
        let s = self.scores(message);
        let max = s.iter().cloned().fold(f32::MIN, f32::max);
        let spread = s.iter().map(|x| (x - max).abs()).sum::<f32>() / s.len() as f32;
        let t = spread.max(1e-3);
        let exp: Vec<f32> = s.iter().map(|x| ((x - max) / t).exp()).collect();
        let sum: f32 = exp.iter().sum();
        exp.into_iter().map(|e| e / sum).collect()
    }
}

pub fn argmax(s: &[f32]) -> usize {
    s.iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| i)
        .unwrap_or(0)
}

/// Every training example: the corpus train split, our templates, our hand-written lines.
pub fn examples() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for line in include_str!("../../corpus/messages/train.jsonl").lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(m), Some(l)) = (v["message"].as_str(), v["intent"].as_str()) else {
            continue;
        };
        if let Some(label) = LABELS.iter().find(|x| **x == l) {
            out.push((m.to_string(), *label));
        }
    }
    out.extend(super::training::examples());
    for line in include_str!("data/intents.txt").lines() {
        let Some((l, m)) = line.split_once('\t') else {
            continue;
        };
        if let Some(label) = LABELS.iter().find(|x| **x == l.trim()) {
            out.push((m.trim().to_string(), *label));
        }
    }
    out
}

/// The classifier, trained on first use.
pub fn model() -> &'static Perceptron {
    static MODEL: OnceLock<Perceptron> = OnceLock::new();
    MODEL.get_or_init(|| Perceptron::train(&examples()))
}

/// Starts training in the background, so the first customer does not wait for it.
pub fn warm_up() {
    let _ = std::thread::Builder::new()
        .name("intent-training".into())
        .spawn(|| {
            let _ = model();
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(m: &Perceptron, s: &str) -> &'static str {
        LABELS[argmax(&m.scores(s))]
    }

    #[test]
    fn held_out_examples_are_mostly_classified_right() {
        let all = examples();
        let (test, train): (Vec<_>, Vec<_>) =
            all.into_iter().enumerate().partition(|(i, _)| i % 7 == 0);
        let train: Vec<_> = train.into_iter().map(|(_, e)| e).collect();
        let m = Perceptron::train(&train);
        let ok = test.iter().filter(|(_, (s, l))| best(&m, s) == *l).count();
        let rate = ok as f32 / test.len() as f32;
        assert!(rate > 0.9, "held-out accuracy {rate}");
    }

    #[test]
    fn unseen_sms_spellings_are_understood() {
        let m = model();
        assert_eq!(best(m, "ohatrinon ny kiraro fotsy"), "price");
        assert_eq!(best(m, "merciiii bcp"), "thanks");
        assert_eq!(best(m, "vs livrez a Ambohipo ?"), "delivery");
    }
}
