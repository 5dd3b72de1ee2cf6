//! Supervision tests against a fake worker: a shell script speaking the pipe protocol, so
//! queueing, timeouts, crashes and restarts are checked in milliseconds without a model.

use super::*;
use std::os::unix::fs::PermissionsExt;

/// Echoes each request's id; a prompt containing `slow` hangs, `late` answers after
/// a second, `crash` exits.
const FAKE_WORKER: &str = r#"#!/bin/sh
echo '{"hello":{"model":"fake.gguf","n_ctx":512,"chat":null}}'
while read -r line; do
  id=$(printf '%s' "$line" | sed 's/^{"id":\([0-9]*\).*/\1/')
  case "$line" in
    *slow*) sleep 30 ;;
    *late*) sleep 1 ;;
    *crash*) exit 3 ;;
  esac
  echo "{\"id\":$id,\"text\":\"ok $id\",\"tokens\":2,\"prompt_ms\":1,\"gen_ms\":1}"
done
"#;

fn fake(dir: &tempfile::TempDir, script: &str, timeout_ms: u64, queue: usize) -> Local {
    let exe = dir.path().join("fake-worker.sh");
    std::fs::write(&exe, script).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    Local::start(LocalConfig {
        exe,
        model: "unused.gguf".into(),
        threads: 1,
        context: 512,
        timeout: Duration::from_millis(timeout_ms),
        load_timeout: Duration::from_secs(5),
        queue,
    })
}

fn request(prompt: &str) -> Request {
    Request {
        id: 0,
        prompt: prompt.into(),
        grammar: None,
        max_tokens: 4,
        stop: vec![],
        temperature: 0.0,
    }
}

fn wait_ready(local: &Local) {
    let until = Instant::now() + Duration::from_secs(10);
    while local.shared.state() != LocalState::Ready {
        assert!(Instant::now() < until, "worker never became ready");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn requests_get_the_answer_to_their_own_id() {
    let dir = tempfile::tempdir().unwrap();
    let local = fake(&dir, FAKE_WORKER, 2000, 4);
    let first = local.complete(request("hello"), None).unwrap();
    let second = local.complete(request("hello"), None).unwrap();
    assert_eq!(first.text, format!("ok {}", first.id));
    assert_eq!(second.id, first.id + 1);
    assert_eq!(local.shared.state(), LocalState::Ready);
}

#[test]
fn a_stuck_worker_times_out_and_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let local = fake(&dir, FAKE_WORKER, 300, 4);
    wait_ready(&local);
    let stuck_pid = local.shared.pid().unwrap();
    let started = Instant::now();
    assert_eq!(
        local.complete(request("slow"), None),
        Err(LlmError::Timeout)
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    wait_ready(&local);
    assert_ne!(local.shared.pid(), Some(stuck_pid));
    assert!(local.complete(request("hello"), None).is_ok());
}

#[test]
fn a_caller_past_its_budget_gets_a_timeout_and_its_queued_request_never_runs() {
    let dir = tempfile::tempdir().unwrap();
    let local = Arc::new(fake(&dir, FAKE_WORKER, 5000, 4));
    wait_ready(&local);
    let l = local.clone();
    let running = std::thread::spawn(move || l.complete(request("late"), None));
    std::thread::sleep(Duration::from_millis(100));
    // Queued behind the late one with a 100 ms budget: the caller moves on.
    let started = Instant::now();
    let queued = local.complete(request("hello"), Some(Duration::from_millis(100)));
    assert_eq!(queued, Err(LlmError::Timeout));
    assert!(started.elapsed() < Duration::from_millis(900));
    let first = running.join().unwrap().unwrap();
    // The abandoned request was dropped unrun: the next one takes the very next id, and
    // the worker was not restarted for it.
    let pid = local.shared.pid();
    let next = local.complete(request("hello"), None).unwrap();
    assert_eq!(next.id, first.id + 1);
    assert_eq!(local.shared.pid(), pid);
}

#[test]
fn a_crash_during_a_request_is_an_error_then_the_worker_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let local = fake(&dir, FAKE_WORKER, 2000, 4);
    wait_ready(&local);
    assert_eq!(
        local.complete(request("crash"), None),
        Err(LlmError::Crashed)
    );
    assert_ne!(local.shared.state(), LocalState::Ready);
    wait_ready(&local);
    assert!(local.complete(request("hello"), None).is_ok());
}

#[test]
fn a_full_queue_answers_busy_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let local = Arc::new(fake(&dir, FAKE_WORKER, 1500, 1));
    wait_ready(&local);
    // One request runs (stuck), one waits in the single queue slot: the third is refused.
    let mut waiting = Vec::new();
    for _ in 0..2 {
        let l = local.clone();
        waiting.push(std::thread::spawn(move || {
            l.complete(request("slow"), None)
        }));
        std::thread::sleep(Duration::from_millis(100));
    }
    let started = Instant::now();
    assert_eq!(local.complete(request("hello"), None), Err(LlmError::Busy));
    assert!(started.elapsed() < Duration::from_millis(50));
    for w in waiting {
        assert!(w.join().unwrap().is_err());
    }
}

#[test]
fn a_worker_that_never_says_hello_is_down_and_retried_with_backoff() {
    let dir = tempfile::tempdir().unwrap();
    let local = fake(&dir, "#!/bin/sh\nexit 1\n", 500, 4);
    let until = Instant::now() + Duration::from_secs(5);
    while local.shared.state() != LocalState::Down {
        assert!(Instant::now() < until, "never reported down");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(
        local.complete(request("hello"), None),
        Err(LlmError::Unavailable)
    );
}

#[test]
fn backoff_doubles_up_to_thirty_seconds() {
    assert_eq!(backoff(1), Duration::from_millis(500));
    assert_eq!(backoff(2), Duration::from_secs(1));
    assert_eq!(backoff(40), Duration::from_secs(30));
}
