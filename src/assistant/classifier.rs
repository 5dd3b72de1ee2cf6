//! The intent classifier: the averaged [`perceptron`](super::perceptron) trained on
//! the corpus train split (`corpus/messages/train.jsonl`), our template sentences
//! ([`super::training`]) and our hand-written examples (`data/intents.txt`).
//! Training happens once, at build time: `build.rs` trains it with the very same
//! code and writes the weights to `$OUT_DIR/intent-model.bin`, tagged with the
//! fingerprint of the examples; cargo re-runs it whenever any of those inputs
//! changes, so the embedded model always matches the corpus in the binary. A server
//! only loads the bytes (milliseconds, not the ~18 s a loaded box needed to train).

use super::perceptron;
use std::sync::OnceLock;

pub use super::perceptron::{argmax, examples, features, Perceptron};

/// The model `build.rs` trained.
const EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/intent-model.bin"));

/// The embedded model and the fingerprint of the examples it was trained on; a
/// model that cannot be read (never expected) is trained again rather than lost.
fn load() -> Perceptron {
    match Perceptron::from_bytes(EMBEDDED) {
        Ok((model, _)) => model,
        Err(e) => {
            tracing::warn!(error = %e, "embedded intent model unreadable, training it");
            Perceptron::train(&examples())
        }
    }
}

/// The classifier, loaded on first use.
pub fn model() -> &'static Perceptron {
    static MODEL: OnceLock<Perceptron> = OnceLock::new();
    MODEL.get_or_init(load)
}

/// Loads the model in the background, so the first customer does not wait for it.
pub fn warm_up() {
    let _ = std::thread::Builder::new()
        .name("intent-model".into())
        .spawn(|| {
            let _ = model();
        });
}

/// The fingerprint the embedded model carries (`None` if unreadable).
pub fn embedded_fingerprint() -> Option<u64> {
    Perceptron::from_bytes(EMBEDDED).ok().map(|(_, f)| f)
}

/// The fingerprint of the examples compiled into this binary.
pub fn corpus_fingerprint() -> u64 {
    perceptron::fingerprint(&examples())
}

#[cfg(test)]
mod tests {
    use super::super::labels::LABELS;
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

    #[test]
    fn the_embedded_model_was_trained_on_the_examples_of_this_build() {
        assert_eq!(embedded_fingerprint(), Some(corpus_fingerprint()));
        // And it scores exactly as a model trained now on the same examples.
        let all = examples();
        let fresh = Perceptron::train(&all);
        let embedded = model();
        for (s, _) in all.iter().step_by(97) {
            assert_eq!(fresh.scores(s), embedded.scores(s), "{s}");
            assert_eq!(fresh.knows_a_word(s), embedded.knows_a_word(s), "{s}");
        }
        assert!(embedded.knows_a_word("ohatrinona"));
        assert!(!embedded.knows_a_word("zzqxw"));
    }

    #[test]
    fn a_different_corpus_gives_a_different_fingerprint() {
        let mut all = examples();
        let before = perceptron::fingerprint(&all);
        all.push(("vous livrez à Ivato ?".to_string(), "delivery"));
        assert_ne!(perceptron::fingerprint(&all), before);
        all.pop();
        all[0].1 = if all[0].1 == "other" {
            "price"
        } else {
            "other"
        };
        assert_ne!(perceptron::fingerprint(&all), before);
    }

    #[test]
    fn a_damaged_model_file_is_refused_with_a_reason() {
        let bytes = Perceptron::train(&examples()[..300]).to_bytes(42);
        let (m, f) = Perceptron::from_bytes(&bytes).unwrap();
        assert_eq!(f, 42);
        assert!(m.knows_a_word(&examples()[0].0));
        assert!(Perceptron::from_bytes(&bytes[..bytes.len() - 3])
            .unwrap_err()
            .contains("truncated"));
        assert!(Perceptron::from_bytes(b"nope")
            .unwrap_err()
            .contains("magic"));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Perceptron::from_bytes(&longer)
            .unwrap_err()
            .contains("trailing"));
    }

    #[test]
    fn corpus_lines_are_read_with_their_escapes() {
        let line =
            r#"{"shop": "x", "message": "il a dit \"ok\" \u00e0 2\nfois", "intent": "order"}"#;
        assert_eq!(
            perceptron::json_str_field(line, "message").as_deref(),
            Some("il a dit \"ok\" à 2\nfois")
        );
        assert_eq!(
            perceptron::json_str_field(line, "intent").as_deref(),
            Some("order")
        );
        assert_eq!(perceptron::json_str_field(line, "lang"), None);
        let emoji = r#"{"message": "\ud83d\udc4d merci"}"#;
        assert_eq!(
            perceptron::json_str_field(emoji, "message").as_deref(),
            Some("👍 merci")
        );
    }
}
