//! Multi-turn evaluation: one conversation per JSONL line (the format of
//! corpus/conversations), each turn labelled in the context of the turns before it.
//! Turns are decided AND applied (the conversation's state moves on), so the driver
//! passes a `say` function (the CLI uses `jobs::reply::converse` on a throwaway store);
//! this module only scores. A conversation is fully right when every turn is.

use super::eval::{self, CaseResult, Expect, Grounds, Score, Summary};
use super::{AssistantError, Decision, QuoteLine};
use serde::{Deserialize, Serialize};

/// One labelled conversation.
#[derive(Debug, Clone, Deserialize)]
pub struct Conversation {
    pub id: String,
    /// The corpus trade folder (corpus files only).
    #[serde(default)]
    pub shop: Option<String>,
    pub turns: Vec<TurnCase>,
}

/// One customer message of a conversation and what a good answer does.
#[derive(Debug, Clone, Deserialize)]
pub struct TurnCase {
    pub message: String,
    pub lang: String,
    pub intent: String,
    #[serde(default)]
    pub skus: Vec<String>,
    /// The whole quote as it must stand after this turn (quote/order turns).
    #[serde(default)]
    pub quote_lines: Vec<QuoteLine>,
    #[serde(default)]
    pub escalated: bool,
    #[serde(default)]
    pub clarify: bool,
    #[serde(default)]
    pub also: Vec<String>,
}

impl TurnCase {
    pub fn expect(&self) -> Expect {
        Expect {
            lang: self.lang.clone(),
            intent: self.intent.clone(),
            skus: self.skus.clone(),
            lines: self.quote_lines.clone(),
            clarify: self.clarify,
            also: self.also.clone(),
            escalated: self.escalated,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ConversationResult {
    pub id: String,
    pub right: bool,
    pub turns: Vec<CaseResult>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ConversationSummary {
    /// Every turn's scores, as for single messages.
    pub turns: Summary,
    /// Turns fully right (intent, language, products, lines, hand-over, question).
    pub turns_right: Score,
    /// Conversations whose every turn is right.
    pub conversations: Score,
}

impl ConversationSummary {
    pub fn merge(&mut self, o: &ConversationSummary) {
        self.turns.merge(&o.turns);
        self.turns_right.merge(&o.turns_right);
        self.conversations.merge(&o.conversations);
    }
}

#[derive(Debug, Clone, Default)]
pub struct ConversationReport {
    pub results: Vec<ConversationResult>,
    pub summary: ConversationSummary,
}

/// Parses a JSONL file of conversations; blank lines are skipped.
pub fn parse(jsonl: &str) -> Result<Vec<Conversation>, AssistantError> {
    eval::parse_lines(jsonl)
}

/// Plays each conversation through `say(conversation index, message)` and scores
/// every turn against its labels with the shop data in `grounds`.
pub fn run(
    conversations: &[Conversation],
    grounds: &Grounds,
    mut say: impl FnMut(usize, &str) -> Result<Decision, AssistantError>,
) -> Result<ConversationReport, AssistantError> {
    let mut report = ConversationReport::default();
    for (i, conv) in conversations.iter().enumerate() {
        let mut turns = Vec::new();
        let mut right = true;
        for t in &conv.turns {
            let d = say(i, &t.message)?;
            let wrong = eval::score(
                &mut report.summary.turns,
                &t.expect(),
                &d,
                grounds,
                &t.message,
            );
            report.summary.turns_right.add(wrong.is_empty());
            right &= wrong.is_empty();
            turns.push(eval::result(&t.message, &d, wrong));
        }
        report.summary.conversations.add(right);
        report.results.push(ConversationResult {
            id: conv.id.clone(),
            right,
            turns,
        });
    }
    Ok(report)
}
