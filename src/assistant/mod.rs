//! The assistant: language, intent, retrieval and grounded replies (issue 5).

pub mod llm;
