//! Trains the intent classifier once, at build time, with the crate's own code
//! (`src/assistant/perceptron.rs` and the few leaves it uses, included below), and
//! writes `$OUT_DIR/intent-model.bin` for `assistant::classifier` to embed. Cargo
//! re-runs this whenever the corpus, the examples or the feature code change.
#![allow(dead_code)]

#[path = "src/assistant/concepts.rs"]
mod concepts;
#[path = "src/assistant/labels.rs"]
mod labels;
#[path = "src/assistant/perceptron.rs"]
mod perceptron;
#[path = "src/assistant/text.rs"]
mod text;
#[path = "src/assistant/training.rs"]
mod training;

fn main() {
    for input in [
        "build.rs",
        "corpus/messages/train.jsonl",
        "src/assistant/data/intents.txt",
        "src/assistant/data/concepts.txt",
        "src/assistant/concepts.rs",
        "src/assistant/labels.rs",
        "src/assistant/perceptron.rs",
        "src/assistant/text.rs",
        "src/assistant/training.rs",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let examples = perceptron::examples();
    let model = perceptron::Perceptron::train(&examples);
    let bytes = model.to_bytes(perceptron::fingerprint(&examples));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("intent-model.bin"), bytes).expect("write intent-model.bin");
}
