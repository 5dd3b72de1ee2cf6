//! The supervisor side: one dedicated thread owns the `varotra llm-worker` child, feeds it
//! requests from a bounded queue one at a time, enforces the per-request timeout (killing
//! and restarting a stuck child), and restarts a dead child with exponential backoff.
//! Every queued caller gets exactly one answer, so no caller hangs on a dead worker.

use super::protocol::{to_line, Done, Hello, Request, WorkerMessage};
use super::LlmError;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, AtomicU8, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TryRecvError, TrySendError};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Where the local model stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalState {
    /// No model configured.
    Disabled,
    /// The worker is starting and loading the model.
    Loading,
    /// The worker answers requests.
    Ready,
    /// The worker died or failed to start; it is restarted after a backoff delay.
    Down,
}

impl LocalState {
    fn from_u8(v: u8) -> Self {
        match v {
            1 => Self::Loading,
            2 => Self::Ready,
            3 => Self::Down,
            _ => Self::Disabled,
        }
    }
}

/// How to run the worker.
#[derive(Debug, Clone)]
pub(super) struct LocalConfig {
    pub exe: PathBuf,
    pub model: String,
    pub threads: u64,
    pub context: u64,
    pub timeout: Duration,
    pub load_timeout: Duration,
    pub queue: usize,
}

/// State the supervisor thread publishes to callers.
#[derive(Debug, Default)]
pub(super) struct Shared {
    state: AtomicU8,
    pid: AtomicU32,
    pub hello: RwLock<Option<Hello>>,
}

impl Shared {
    pub fn state(&self) -> LocalState {
        LocalState::from_u8(self.state.load(Ordering::SeqCst))
    }

    fn set(&self, state: LocalState) {
        self.state.store(state as u8, Ordering::SeqCst);
    }

    pub fn pid(&self) -> Option<u32> {
        Some(self.pid.load(Ordering::SeqCst)).filter(|&p| p != 0)
    }
}

struct Job {
    request: Request,
    enqueued: Instant,
    /// The caller stops waiting then (its reply budget): a job still queued at that
    /// time is dropped unrun, and an answer that comes later is thrown away.
    deadline: Option<Instant>,
    reply: SyncSender<Result<Done, LlmError>>,
}

/// The caller-side handle; dropping the last one stops the supervisor and its child.
#[derive(Debug)]
pub(super) struct Local {
    jobs: SyncSender<Job>,
    pub shared: Arc<Shared>,
}

impl Local {
    pub fn start(config: LocalConfig) -> Self {
        let (jobs, rx) = mpsc::sync_channel(config.queue.max(1));
        let shared = Arc::new(Shared::default());
        shared.set(LocalState::Loading);
        let supervisor = Supervisor {
            config,
            jobs: rx,
            shared: shared.clone(),
            child: None,
            failures: 0,
            next_start: Instant::now(),
            next_id: 1,
        };
        std::thread::Builder::new()
            .name("llm-supervisor".into())
            .spawn(move || supervisor.run())
            .expect("cannot spawn the llm supervisor thread");
        Self { jobs, shared }
    }

    /// Queues a request and blocks until the supervisor answers it, or `budget` passes
    /// ([`LlmError::Timeout`]; the late answer is dropped).
    pub fn complete(&self, request: Request, budget: Option<Duration>) -> Result<Done, LlmError> {
        if self.shared.state() == LocalState::Down {
            return Err(LlmError::Unavailable);
        }
        let (reply, answer) = mpsc::sync_channel(1);
        let enqueued = Instant::now();
        let deadline = budget.map(|b| enqueued + b);
        let job = Job {
            request,
            enqueued,
            deadline,
            reply,
        };
        match self.jobs.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(LlmError::Busy),
            Err(TrySendError::Disconnected(_)) => return Err(LlmError::Unavailable),
        }
        // The supervisor answers every job it takes; a panicked supervisor drops the sender.
        match deadline {
            None => answer.recv().unwrap_or(Err(LlmError::Crashed)),
            Some(d) => match answer.recv_timeout(d.saturating_duration_since(Instant::now())) {
                Ok(answer) => answer,
                Err(RecvTimeoutError::Timeout) => Err(LlmError::Timeout),
                Err(RecvTimeoutError::Disconnected) => Err(LlmError::Crashed),
            },
        }
    }
}

/// A running child; dropping it kills the process.
struct Running {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<WorkerMessage>,
    since: Instant,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Supervisor {
    config: LocalConfig,
    jobs: Receiver<Job>,
    shared: Arc<Shared>,
    child: Option<Running>,
    /// Consecutive failures, for the restart backoff.
    failures: u32,
    next_start: Instant,
    next_id: u64,
}

impl Supervisor {
    fn run(mut self) {
        loop {
            if self.child.is_none() && Instant::now() >= self.next_start {
                self.start_child();
            }
            let wait = if self.child.is_some() {
                Duration::from_millis(500)
            } else {
                self.next_start
                    .saturating_duration_since(Instant::now())
                    .max(Duration::from_millis(1))
            };
            match self.jobs.recv_timeout(wait) {
                Ok(job) => self.handle(job),
                Err(RecvTimeoutError::Timeout) => self.check_idle_child(),
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        self.child = None;
        self.shared.pid.store(0, Ordering::SeqCst);
        self.shared.set(LocalState::Disabled);
    }

    fn start_child(&mut self) {
        self.shared.set(LocalState::Loading);
        let spawned = Command::new(&self.config.exe)
            .arg("llm-worker")
            .arg("--model")
            .arg(&self.config.model)
            .arg("--threads")
            .arg(self.config.threads.to_string())
            .arg("--context")
            .arg(self.config.context.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => {
                tracing::error!(exe = %self.config.exe.display(), "cannot start the llm worker: {e}");
                return self.died();
            }
        };
        let (stdin, stdout) = match (child.stdin.take(), child.stdout.take()) {
            (Some(i), Some(o)) => (i, o),
            _ => return self.died(),
        };
        let (tx, lines) = mpsc::channel();
        std::thread::Builder::new()
            .name("llm-worker-out".into())
            .spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    let Ok(line) = line else { break };
                    match serde_json::from_str::<WorkerMessage>(&line) {
                        Ok(message) => {
                            if tx.send(message).is_err() {
                                break;
                            }
                        }
                        Err(_) => tracing::warn!("llm worker wrote a line outside the protocol"),
                    }
                }
                // Dropping `tx` tells the supervisor the child's stdout closed.
            })
            .expect("cannot spawn the llm reader thread");
        let running = Running {
            child,
            stdin,
            lines,
            since: Instant::now(),
        };
        match running.lines.recv_timeout(self.config.load_timeout) {
            Ok(WorkerMessage::Hello { hello }) => {
                tracing::info!(
                    model = %hello.model,
                    n_ctx = hello.n_ctx,
                    chat_template = hello.chat.is_some(),
                    ms = running.since.elapsed().as_millis() as u64,
                    "llm worker ready"
                );
                *self.shared.hello.write().unwrap_or_else(|p| p.into_inner()) = Some(hello);
                self.shared.pid.store(running.child.id(), Ordering::SeqCst);
                self.child = Some(running);
                self.shared.set(LocalState::Ready);
            }
            _ => {
                tracing::error!("the llm worker did not load the model");
                drop(running);
                self.died();
            }
        }
    }

    /// Forgets the child (killing it if still there) and schedules a restart with backoff.
    fn died(&mut self) {
        if let Some(old) = self.child.take() {
            // A child that ran a long time was healthy: start the backoff over.
            if old.since.elapsed() > Duration::from_secs(60) {
                self.failures = 0;
            }
        }
        self.shared.pid.store(0, Ordering::SeqCst);
        self.failures = self.failures.saturating_add(1);
        let delay = backoff(self.failures);
        tracing::warn!(
            failures = self.failures,
            retry_ms = delay.as_millis() as u64,
            "llm worker down"
        );
        self.next_start = Instant::now() + delay;
        self.shared.set(LocalState::Down);
    }

    /// Kills a healthy but stuck child and starts a new one right away.
    fn restart_now(&mut self) {
        self.child = None;
        self.shared.pid.store(0, Ordering::SeqCst);
        self.next_start = Instant::now();
        self.shared.set(LocalState::Loading);
    }

    fn check_idle_child(&mut self) {
        let Some(running) = self.child.as_mut() else {
            return;
        };
        let exited = matches!(running.lines.try_recv(), Err(TryRecvError::Disconnected))
            || matches!(running.child.try_wait(), Ok(Some(_)));
        if exited {
            self.died();
        }
    }

    fn handle(&mut self, mut job: Job) {
        let timeout = self.config.timeout;
        // A child that died while idle is noticed here rather than as a failed write.
        self.check_idle_child();
        let gone = job.deadline.is_some_and(|d| Instant::now() >= d);
        let answer = if gone || job.enqueued.elapsed() >= timeout {
            // Waited its whole budget in the queue: the caller has moved on.
            Err(LlmError::Timeout)
        } else {
            job.request.id = self.next_id;
            self.next_id += 1;
            self.run_job(&job.request, timeout)
        };
        let _ = job.reply.send(answer);
    }

    fn run_job(&mut self, request: &Request, timeout: Duration) -> Result<Done, LlmError> {
        let Some(running) = self.child.as_mut() else {
            return Err(LlmError::Unavailable);
        };
        let line = to_line(request);
        if writeln!(running.stdin, "{line}")
            .and_then(|()| running.stdin.flush())
            .is_err()
        {
            self.died();
            return Err(LlmError::Crashed);
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match running.lines.recv_timeout(left) {
                Ok(WorkerMessage::Done(done)) if done.id == request.id => {
                    self.failures = 0;
                    return Ok(done);
                }
                Ok(WorkerMessage::Failed { id, error }) if id == request.id || id == 0 => {
                    return Err(LlmError::Failed(error));
                }
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => {
                    tracing::warn!(
                        timeout_ms = timeout.as_millis() as u64,
                        "llm request timed out; restarting the worker"
                    );
                    self.restart_now();
                    return Err(LlmError::Timeout);
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = running.child.wait().ok();
                    tracing::warn!(?status, "llm worker died during a request");
                    self.died();
                    return Err(LlmError::Crashed);
                }
            }
        }
    }
}

/// 0.5 s, 1 s, 2 s ... capped at 30 s.
fn backoff(failures: u32) -> Duration {
    let ms = 250u64.saturating_mul(1 << failures.min(7));
    Duration::from_millis(ms.min(30_000))
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
