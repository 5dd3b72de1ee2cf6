//! The intent perceptron itself: its features (words, word pairs, character n-grams
//! 3 to 5 of the normalised text, and the [`concepts`](super::concepts) it holds),
//! its training on every example we own, and its byte form. `build.rs` includes this
//! file (with `labels`, `text`, `concepts` and `training`) to train the model once at
//! build time; the server only loads the bytes. So this file, and the ones it uses,
//! import nothing but each other and `std` (plus `unicode-normalization` in `text`).

use super::concepts;
use super::labels::LABELS;
use super::text;
use std::collections::HashMap;

/// How many times a concept counts next to one n-gram.
const CONCEPT_WEIGHT: usize = 3;
const EPOCHS: usize = 8;
/// Orders of training averaged into the model.
const SEEDS: [u64; 3] = [7, 1_000_003, 424_242];
/// First bytes of the serialized model (bump when the layout changes).
const MAGIC: &[u8; 4] = b"VIP1";

pub struct Perceptron {
    index: HashMap<String, u32>,
    /// `index` row × label, averaged.
    weights: Vec<f32>,
}

impl std::fmt::Debug for Perceptron {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Perceptron({} features)", self.index.len())
    }
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
        // Several passes in different orders, averaged: one averaged perceptron's small
        // margins flip with any change of the corpus or the features; the mean of
        // several is the same linear model in size, and steadier.
        let mut weights = vec![0f32; n * k];
        for seed in SEEDS {
            for (m, x) in weights.iter_mut().zip(train_once(&data, n, k, seed)) {
                *m += x / SEEDS.len() as f32;
            }
        }
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

    /// The model as bytes, tagged with the `fingerprint` of what it was trained on:
    /// `MAGIC`, fingerprint, label count, feature count, then per feature (sorted by
    /// name, so the bytes are deterministic) its name and one weight per label.
    /// Features whose weights are all zero are left out unless they are words
    /// ([`Self::knows_a_word`] reads those): the scores stay exactly the same.
    pub fn to_bytes(&self, fingerprint: u64) -> Vec<u8> {
        let k = LABELS.len();
        let mut kept: Vec<(&String, u32)> = self
            .index
            .iter()
            .filter(|(name, &id)| {
                name.starts_with("w:")
                    || self.weights[id as usize * k..id as usize * k + k]
                        .iter()
                        .any(|w| *w != 0.0)
            })
            .map(|(name, &id)| (name, id))
            .collect();
        kept.sort();
        let mut out = Vec::with_capacity(kept.len() * (k * 4 + 12));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&fingerprint.to_le_bytes());
        out.extend_from_slice(&(k as u32).to_le_bytes());
        out.extend_from_slice(&(kept.len() as u32).to_le_bytes());
        for (name, id) in kept {
            out.extend_from_slice(&(name.len() as u32).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            for w in &self.weights[id as usize * k..id as usize * k + k] {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Reads [`Self::to_bytes`]: the model and the fingerprint it carries, or what is
    /// wrong with the bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<(Perceptron, u64), String> {
        let mut r = Bytes(bytes);
        if r.take(4)? != MAGIC {
            return Err("not a Varotra intent model (magic)".into());
        }
        let fingerprint = u64::from_le_bytes(r.take(8)?.try_into().map_err(|_| "fingerprint")?);
        let k = r.u32()? as usize;
        if k != LABELS.len() {
            return Err(format!("{k} labels, expected {}", LABELS.len()));
        }
        let n = r.u32()? as usize;
        let mut index = HashMap::with_capacity(n);
        let mut weights = Vec::with_capacity(n * k);
        for i in 0..n {
            let len = r.u32()? as usize;
            let name = std::str::from_utf8(r.take(len)?).map_err(|e| e.to_string())?;
            index.insert(name.to_string(), i as u32);
            for _ in 0..k {
                weights.push(f32::from_le_bytes(
                    r.take(4)?.try_into().map_err(|_| "weight")?,
                ));
            }
        }
        if !r.0.is_empty() {
            return Err(format!("{} trailing bytes", r.0.len()));
        }
        Ok((Perceptron { index, weights }, fingerprint))
    }
}

/// A cursor over the serialized model.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.0.len() < n {
            return Err("truncated model".into());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| "u32")?,
        ))
    }
}

/// One averaged perceptron over `data` (feature ids, label), visited in an order drawn
/// from `seed`.
fn train_once(data: &[(Vec<u32>, usize)], n: usize, k: usize, seed: u64) -> Vec<f32> {
    let mut w = vec![0f32; n * k];
    let mut acc = vec![0f32; n * k];
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Lcg(seed);
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
    w.iter().zip(&acc).map(|(w, a)| w - a / c).collect()
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
        let (Some(m), Some(l)) = (
            json_str_field(line, "message"),
            json_str_field(line, "intent"),
        ) else {
            continue;
        };
        if let Some(label) = LABELS.iter().find(|x| **x == l) {
            out.push((m, *label));
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

/// FNV-1a of the examples, in order: what a serialized model was trained on.
pub fn fingerprint(examples: &[(String, &str)]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (m, l) in examples {
        for b in l.bytes().chain([0]).chain(m.bytes()).chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The string value of top-level `key` in one JSON object line (the corpus lines
/// are flat objects written by Python's `json.dumps`), escapes decoded. A tiny
/// reader so the build script needs no JSON crate.
pub fn json_str_field(line: &str, key: &str) -> Option<String> {
    let pat = format!("\"{key}\"");
    let mut from = 0;
    let after = loop {
        let at = from + line[from..].find(&pat)?;
        let end = at + pat.len();
        let rest = line[end..].trim_start();
        if !line[..at].ends_with('\\') && rest.starts_with(':') {
            break rest[1..].trim_start();
        }
        from = end;
    };
    let mut chars = after.strip_prefix('"')?.chars();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' => out.push('\u{8}'),
                'f' => out.push('\u{c}'),
                'u' => {
                    let hex = |it: &mut std::str::Chars| -> Option<u32> {
                        let s: String = it.by_ref().take(4).collect();
                        u32::from_str_radix(&s, 16).ok()
                    };
                    let hi = hex(&mut chars)?;
                    let code = if (0xD800..0xDC00).contains(&hi) {
                        if chars.next()? != '\\' || chars.next()? != 'u' {
                            return None;
                        }
                        let lo = hex(&mut chars)?;
                        0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?)
                    } else {
                        hi
                    };
                    out.push(char::from_u32(code)?);
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}
