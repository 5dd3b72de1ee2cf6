//! Running a file of single messages: parsing the JSONL cases (naming the bad line)
//! and deciding each as a fresh conversation.

use super::*;

#[derive(Debug, Clone)]
pub struct Report {
    pub results: Vec<CaseResult>,
    /// Per case: intent right, language right.
    pub marks: Vec<(bool, bool)>,
    pub summary: Summary,
}

/// Parses a JSONL file of cases; blank lines are skipped.
pub fn parse_cases(jsonl: &str) -> Result<Vec<Case>, AssistantError> {
    parse_lines(jsonl)
}

/// Parses JSONL, naming the line of the first bad record.
pub fn parse_lines<T: serde::de::DeserializeOwned>(jsonl: &str) -> Result<Vec<T>, AssistantError> {
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

/// Runs single messages, each as a fresh conversation (nothing is written).
pub fn run(
    assistant: &Assistant,
    db: &Reader,
    shop: ShopId,
    cases: &[Case],
) -> Result<Report, AssistantError> {
    let g = Grounds::read(db, shop)?;
    let mut summary = Summary::default();
    let mut results = Vec::new();
    let mut marks = Vec::new();
    for case in cases {
        let d = assistant.decide(db, &Turn::text(shop, None, &case.message))?;
        let e = case.expect();
        let wrong = score(&mut summary, &e, &d, &g, &case.message);
        marks.push((
            d.intent.as_str() == e.intent,
            e.lang == "mixed" || d.language == e.lang,
        ));
        results.push(result(&case.message, &d, wrong));
    }
    Ok(Report {
        results,
        marks,
        summary,
    })
}
