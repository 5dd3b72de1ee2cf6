//! A multinomial naive Bayes intent classifier over character n-grams (3 to 5, word
//! boundaries marked) and whole words of the normalised text. N-grams carry SMS
//! spellings, missing accents and Malagasy affixes (`hividy`, `nividy`) well.
//! Trained once, on first use, from [`super::training`] (a few ms).

use super::intent::LABELS;
use super::text;
use std::collections::HashMap;
use std::sync::OnceLock;

pub struct NaiveBayes {
    /// feature → per-label log-likelihood
    loglik: HashMap<String, Vec<f32>>,
    /// per-label log-likelihood of an unseen feature
    unseen: Vec<f32>,
}

/// The features of a message.
pub fn features(message: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tok in text::tokens(message) {
        if tok.chars().all(|c| c.is_ascii_digit() || c == '.') {
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
    out
}

impl NaiveBayes {
    pub fn train(examples: &[(String, &str)]) -> NaiveBayes {
        let k = LABELS.len();
        let mut counts: HashMap<String, Vec<f32>> = HashMap::new();
        let mut totals = vec![0f32; k];
        for (sentence, label) in examples {
            let Some(li) = LABELS.iter().position(|l| l == label) else {
                continue;
            };
            for f in features(sentence) {
                counts.entry(f).or_insert_with(|| vec![0.0; k])[li] += 1.0;
                totals[li] += 1.0;
            }
        }
        let alpha = 0.3f32;
        let v = counts.len() as f32;
        let denom: Vec<f32> = totals.iter().map(|t| t + alpha * v).collect();
        let unseen = denom.iter().map(|d| (alpha / d).ln()).collect();
        let loglik = counts
            .into_iter()
            .map(|(f, c)| {
                let l = c
                    .iter()
                    .zip(&denom)
                    .map(|(c, d)| ((c + alpha) / d).ln())
                    .collect();
                (f, l)
            })
            .collect();
        NaiveBayes { loglik, unseen }
    }

    /// Probability per label (same order as [`LABELS`]); uniform priors. Scores are
    /// tempered by the feature count so long messages do not give overconfident peaks.
    pub fn predict(&self, message: &str) -> Vec<f32> {
        let k = LABELS.len();
        let feats = features(message);
        let mut score = vec![0f32; k];
        let mut known = 0usize;
        for f in &feats {
            if let Some(l) = self.loglik.get(f) {
                known += 1;
                for (s, x) in score.iter_mut().zip(l) {
                    *s += x;
                }
            }
        }
        if known == 0 {
            let mut p = vec![0f32; k];
            p[LABELS.iter().position(|l| *l == "other").unwrap_or(k - 1)] = 1.0;
            return p;
        }
        let _ = &self.unseen;
        let temper = (known as f32).sqrt().max(1.0);
        let max = score.iter().cloned().fold(f32::MIN, f32::max);
        let exp: Vec<f32> = score.iter().map(|s| ((s - max) / temper).exp()).collect();
        let sum: f32 = exp.iter().sum();
        exp.into_iter().map(|e| e / sum).collect()
    }
}

/// The classifier trained on our examples, built on first use.
pub fn model() -> &'static NaiveBayes {
    static MODEL: OnceLock<NaiveBayes> = OnceLock::new();
    MODEL.get_or_init(|| NaiveBayes::train(&super::training::examples()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(nb: &NaiveBayes, s: &str) -> &'static str {
        let p = nb.predict(s);
        let i = p
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
            .unwrap();
        LABELS[i]
    }

    #[test]
    fn held_out_training_sentences_are_mostly_classified_right() {
        let all = super::super::training::examples();
        let (test, train): (Vec<_>, Vec<_>) =
            all.into_iter().enumerate().partition(|(i, _)| i % 5 == 0);
        let train: Vec<_> = train.into_iter().map(|(_, e)| e).collect();
        let nb = NaiveBayes::train(&train);
        let ok = test.iter().filter(|(_, (s, l))| best(&nb, s) == *l).count();
        let rate = ok as f32 / test.len() as f32;
        assert!(rate > 0.85, "held-out accuracy {rate}");
    }

    #[test]
    fn unseen_sms_spellings_are_understood() {
        let nb = model();
        assert_eq!(best(nb, "ohatrinon ny kiraro fotsy"), "price");
        assert_eq!(best(nb, "merciiii bcp"), "thanks");
        assert_eq!(best(nb, "vs livrez a Ambohipo ?"), "delivery");
    }
}
