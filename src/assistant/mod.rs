//! The assistant: language, intent, retrieval and grounded replies (issue 5).

pub mod classifier;
pub mod entities;
pub mod intent;
pub mod language;
pub mod lexicon;
pub mod retrieval;
pub mod text;
pub mod training;
