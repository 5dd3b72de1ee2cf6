//! The model's lane of the reply worker: replies that need the language model wait for
//! it here, each within `[llm] reply_budget_ms`, while grounded replies go on.
//!
//! The reply worker first decides with a [`Probe`] in the model's place: a decision
//! that never asks the model (a price, a product, a devis: most messages) is applied at
//! once. One that asked goes to the [`Lane`], which decides again with the model behind
//! a [`Budgeted`] handle: when the reply's budget ends the model call fails, the
//! assistant answers with its grounded template or a hand-over (what the probe's
//! decision was), and the model's late output is dropped. A conversation with a reply
//! in the lane queues its next replies behind it, so a customer's answers keep the
//! order of their questions.

use crate::assistant::TextModel;
use crate::db::ConversationId;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Stands for the model in the first decision: notes that it was asked and answers
/// nothing, so the decision is the one the end of the budget would give.
pub struct Probe {
    inner: Arc<dyn TextModel>,
    asked: AtomicBool,
}

impl Probe {
    pub fn over(inner: Arc<dyn TextModel>) -> Arc<Self> {
        Arc::new(Self {
            inner,
            asked: AtomicBool::new(false),
        })
    }

    /// Whether the decision wanted the model.
    pub fn asked(&self) -> bool {
        self.asked.load(Ordering::SeqCst)
    }

    fn defer(&self) -> Result<String, String> {
        self.asked.store(true, Ordering::SeqCst);
        Err("left to the model lane".into())
    }
}

impl TextModel for Probe {
    fn is_available(&self) -> bool {
        self.inner.is_available()
    }

    fn complete(&self, _: &str, _: Option<&str>, _: u32, _: &[&str]) -> Result<String, String> {
        self.defer()
    }

    fn instruct(&self) -> bool {
        self.inner.instruct()
    }

    fn chat(&self, _: &str, _: &str, _: u32) -> Result<String, String> {
        self.defer()
    }

    fn rewords_replies(&self) -> bool {
        self.inner.rewords_replies()
    }
}

/// The model with a deadline: every call gets the reply's time left, and the caller
/// stops waiting when it is spent (the call finishes on its own thread, unread).
pub struct Budgeted {
    inner: Arc<dyn TextModel>,
    deadline: Instant,
}

impl Budgeted {
    pub fn new(inner: Arc<dyn TextModel>, deadline: Instant) -> Arc<Self> {
        Arc::new(Self { inner, deadline })
    }

    /// Runs `call` with the time left, giving up when the deadline passes.
    fn within(
        &self,
        call: impl FnOnce(&dyn TextModel, Duration) -> Result<String, String> + Send + 'static,
    ) -> Result<String, String> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err("the reply's model budget is spent".into());
        }
        let (tx, rx) = mpsc::sync_channel(1);
        let inner = self.inner.clone();
        std::thread::Builder::new()
            .name("model-call".into())
            .spawn(move || {
                let _ = tx.send(call(inner.as_ref(), left));
            })
            .map_err(|e| e.to_string())?;
        rx.recv_timeout(left)
            .map_err(|_| "the model answered after the reply's budget".to_string())?
    }
}

impl TextModel for Budgeted {
    fn is_available(&self) -> bool {
        self.inner.is_available()
    }

    fn complete(
        &self,
        prompt: &str,
        grammar: Option<&str>,
        max_tokens: u32,
        stop: &[&str],
    ) -> Result<String, String> {
        let (prompt, grammar) = (prompt.to_string(), grammar.map(str::to_string));
        let stop: Vec<String> = stop.iter().map(|s| s.to_string()).collect();
        self.within(move |m, left| {
            let stop: Vec<&str> = stop.iter().map(String::as_str).collect();
            m.complete_within(&prompt, grammar.as_deref(), max_tokens, &stop, left)
        })
    }

    fn instruct(&self) -> bool {
        self.inner.instruct()
    }

    fn chat(&self, system: &str, user: &str, max_tokens: u32) -> Result<String, String> {
        let (system, user) = (system.to_string(), user.to_string());
        self.within(move |m, _| m.chat(&system, &user, max_tokens))
    }

    fn rewords_replies(&self) -> bool {
        self.inner.rewords_replies()
    }
}

/// A reply waiting for the model, as a future that has not started.
pub type Work = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The replies that wait for the model: at most `concurrency` at once, one at a time
/// per conversation, in the order given. Cheap to clone.
#[derive(Clone)]
pub struct Lane {
    queues: Arc<Mutex<HashMap<ConversationId, VecDeque<Work>>>>,
    permits: Arc<Semaphore>,
}

impl Lane {
    pub fn new(concurrency: usize) -> Self {
        Self {
            queues: Arc::default(),
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    /// Whether `conv` has a reply in the lane (its next replies must follow it there).
    pub fn holds(&self, conv: ConversationId) -> bool {
        self.lock().contains_key(&conv)
    }

    /// Runs `work` after the replies of `conv` already in the lane.
    pub fn submit(&self, conv: ConversationId, work: Work) {
        let mut queues = self.lock();
        if let Some(waiting) = queues.get_mut(&conv) {
            waiting.push_back(work);
            return;
        }
        queues.insert(conv, VecDeque::new());
        drop(queues);
        tokio::spawn(self.clone().drain(conv, work));
    }

    async fn drain(self, conv: ConversationId, mut work: Work) {
        loop {
            let permit = self.permits.clone().acquire_owned().await.ok();
            work.await;
            drop(permit);
            let mut queues = self.lock();
            match queues.get_mut(&conv).and_then(VecDeque::pop_front) {
                Some(next) => work = next,
                None => {
                    queues.remove(&conv);
                    return;
                }
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ConversationId, VecDeque<Work>>> {
        self.queues.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers after `delay`, counting its calls.
    struct Slow {
        delay: Duration,
    }

    impl TextModel for Slow {
        fn is_available(&self) -> bool {
            true
        }
        fn complete(&self, p: &str, _: Option<&str>, _: u32, _: &[&str]) -> Result<String, String> {
            std::thread::sleep(self.delay);
            Ok(format!("model: {p}"))
        }
    }

    #[test]
    fn a_probe_records_that_the_model_was_wanted_and_answers_nothing() {
        let probe = Probe::over(Arc::new(Slow {
            delay: Duration::ZERO,
        }));
        assert!(!probe.asked());
        assert!(probe.complete("bonjour", None, 8, &[]).is_err());
        assert!(probe.asked());
    }

    #[test]
    fn a_model_slower_than_the_budget_is_given_up_and_a_fast_one_answers() {
        let slow = Budgeted::new(
            Arc::new(Slow {
                delay: Duration::from_secs(2),
            }),
            Instant::now() + Duration::from_millis(100),
        );
        let started = Instant::now();
        assert!(slow.complete("bonjour", None, 8, &[]).is_err());
        assert!(started.elapsed() < Duration::from_secs(1));
        let fast = Budgeted::new(
            Arc::new(Slow {
                delay: Duration::ZERO,
            }),
            Instant::now() + Duration::from_secs(5),
        );
        assert_eq!(
            fast.complete("bonjour", None, 8, &[]).as_deref(),
            Ok("model: bonjour")
        );
        let spent = Budgeted::new(
            Arc::new(Slow {
                delay: Duration::ZERO,
            }),
            Instant::now(),
        );
        assert!(spent.complete("bonjour", None, 8, &[]).is_err());
    }

    #[tokio::test]
    async fn the_lane_keeps_a_conversations_order_while_others_run_beside_it() {
        let lane = Lane::new(4);
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let (gate_tx, gate_rx) = tokio::sync::oneshot::channel::<()>();
        let t = tx.clone();
        lane.submit(
            ConversationId(1),
            Box::pin(async move {
                let _ = gate_rx.await;
                let _ = t.send("1a");
            }),
        );
        let t = tx.clone();
        lane.submit(
            ConversationId(1),
            Box::pin(async move {
                let _ = t.send("1b");
            }),
        );
        let t = tx.clone();
        lane.submit(
            ConversationId(2),
            Box::pin(async move {
                let _ = t.send("2");
            }),
        );
        assert!(lane.holds(ConversationId(1)));
        // Conversation 2 is not held up by conversation 1's slow reply.
        assert_eq!(rx.recv().await, Some("2"));
        gate_tx.send(()).unwrap();
        assert_eq!(rx.recv().await, Some("1a"));
        assert_eq!(rx.recv().await, Some("1b"));
    }
}
