//! The appliance under load: a temp data dir with its config file, the shops seeded
//! through the library (the same `db::shops`, `db::numbers` and catalogue import the
//! CLI commands call), then the built `varotra serve` binary started on it, and the
//! resident memory of its whole process tree (the server and its `llm-worker`).

use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use varotra::db::numbers::{self, NewNumber};
use varotra::db::shops::{self, NewShop};

pub const APP_SECRET: &str = "load-scenario-secret";
const KEY_HEX: &str = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
const CATALOGUE: &str = include_str!("../../tests/fixtures/catalog-epicerie.csv");

/// One seeded shop, as the traffic generator addresses it.
#[derive(Debug, Clone)]
pub struct Shop {
    /// `(phone_number_id, display number)` of each of its numbers.
    pub numbers: Vec<(String, String)>,
    /// `(title, price in Ariary)`: every shop's prices differ, so a reply quoting
    /// another shop's price is caught.
    pub products: Vec<(String, i64)>,
}

/// How one `serve` run is configured.
#[derive(Debug, Clone)]
pub struct Options {
    pub encrypt: bool,
    pub assistant: bool,
    /// The GGUF to load, or none.
    pub model: Option<PathBuf>,
    pub graph_base: String,
}

pub struct Store {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub shops: Vec<Shop>,
    pub port: u16,
}

/// A free loopback port for `server.bind`.
fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn config_text(dir: &Path, port: u16, o: &Options) -> String {
    let model = o
        .model
        .as_ref()
        .map(|m| m.display().to_string())
        .unwrap_or_default();
    format!(
        r#"[server]
bind = "127.0.0.1:{port}"
public_url = "http://127.0.0.1:{port}"
data_dir = "{data}"

[storage]
encrypt = {encrypt}

[whatsapp]
app_secret = "{APP_SECRET}"
verify_token = "load-verify"
graph_api_base = "{graph}"

[llm]
model_path = "{model}"

[assistant]
enabled = {assistant}
local_small_talk = true
"#,
        data = dir.join("data").display(),
        encrypt = o.encrypt,
        graph = o.graph_base,
        assistant = o.assistant,
    )
}

/// The fixture catalogue with `shop`'s own prices (50 Ar more per shop index).
fn catalogue_of(shop: usize) -> anyhow::Result<(String, Vec<(String, i64)>)> {
    // The fixture has a row with an extra field (see below).
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(CATALOGUE.as_bytes());
    let headers = reader.headers()?.clone();
    let (title, price) = (
        headers.iter().position(|h| h == "title").context("title")?,
        headers.iter().position(|h| h == "price").context("price")?,
    );
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    out.write_record(&headers)?;
    let mut products = Vec::new();
    for row in reader.records() {
        let row = row?;
        // A row whose unquoted comma splits its title ("1,5 L") is left out.
        let Ok(p) = row[price].parse::<i64>() else {
            continue;
        };
        let p = p + 50 * shop as i64;
        let fields: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, f)| if i == price { p.to_string() } else { f.into() })
            .collect();
        out.write_record(&fields)?;
        products.push((row[title].to_string(), p));
    }
    Ok((String::from_utf8(out.into_inner()?)?, products))
}

impl Store {
    /// A data dir with `shops` shops of `numbers` numbers each, every one with the
    /// fixture grocery's catalogue at its own prices.
    pub fn seed(shops: usize, numbers_per_shop: usize, o: &Options) -> anyhow::Result<Store> {
        let dir = tempfile::tempdir()?;
        let port = free_port()?;
        let config = dir.path().join("varotra.toml");
        std::fs::write(&config, config_text(dir.path(), port, o))?;
        let settings = varotra::settings::load(
            Some(config.as_path()),
            [("VAROTRA__STORAGE__KEY".to_string(), KEY_HEX.to_string())],
            &Default::default(),
        )?;
        let (db, _) = varotra::startup::open_store(&settings, true)?;
        let catalog = varotra::catalog::Catalog::open(&settings.server.data_dir, &db)?;
        let mut seeded = Vec::new();
        for s in 0..shops {
            let new = NewShop {
                slug: format!("epicerie-{s:03}"),
                company_name: format!("Épicerie {s:03}"),
                address: Some("Analakely, Antananarivo".into()),
                phone: Some("+261 32 00 000 01".into()),
                ..Default::default()
            };
            let shop = db.write_blocking(|c| shops::create(c, &new))?;
            let mut nums = Vec::new();
            for n in 0..numbers_per_shop {
                let pnid = format!("10650{s:06}{n}");
                let display = format!("2613200{s:03}{n}");
                let number = NewNumber {
                    wa_number: &display,
                    provider: varotra::kinds::ProviderKind::Meta,
                    webhook_token: &format!("hook-{pnid}"),
                    phone_number_id: &pnid,
                    token: "load-token",
                };
                db.write_blocking(|c| numbers::insert(c, shop, &number))?;
                nums.push((pnid, display));
            }
            let (csv, products) = catalogue_of(s)?;
            varotra::catalog::import::import_csv(&db, &catalog, shop, csv.as_bytes(), false)
                .map_err(|e| anyhow::anyhow!("catalogue of shop {s}: {e}"))?;
            seeded.push(Shop {
                numbers: nums,
                products,
            });
        }
        Ok(Store {
            dir,
            config,
            shops: seeded,
            port,
        })
    }

    /// Starts `varotra serve` on this store (`env`: config overrides such as
    /// `VAROTRA__LLM__MODEL_PATH`) and waits for `/healthz`.
    pub async fn serve(&self, bin: &Path, env: &[(&str, &str)]) -> anyhow::Result<Server> {
        let log = std::fs::File::create(self.dir.path().join("serve.log"))?;
        let child = Command::new(bin)
            .args(["serve", "--config"])
            .arg(&self.config)
            .env("VAROTRA__STORAGE__KEY", KEY_HEX)
            .envs(env.iter().copied())
            .env_remove("RUST_LOG")
            .current_dir(self.dir.path())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .with_context(|| format!("cannot start {}", bin.display()))?;
        let server = Server {
            child,
            url: format!("http://127.0.0.1:{}", self.port),
            log: self.dir.path().join("serve.log"),
            stopped: false,
        };
        let client = reqwest::Client::new();
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(r) = client.get(format!("{}/healthz", server.url)).send().await {
                if r.status() == 200 {
                    return Ok(server);
                }
            }
            anyhow::ensure!(
                Instant::now() < until,
                "serve did not answer /healthz within 60 s: {}",
                server.log_tail()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

pub struct Server {
    child: Child,
    pub url: String,
    log: PathBuf,
    stopped: bool,
}

/// Resident memory of a process tree, kB.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rss {
    pub total_kb: u64,
    pub anon_kb: u64,
    pub file_kb: u64,
    pub processes: usize,
}

impl Rss {
    pub fn mb(&self) -> f64 {
        self.total_kb as f64 / 1024.0
    }

    pub fn show(&self) -> String {
        format!(
            "{:.0} MB ({} processes; anonymous {:.0} MB, file-backed {:.0} MB)",
            self.mb(),
            self.processes,
            self.anon_kb as f64 / 1024.0,
            self.file_kb as f64 / 1024.0
        )
    }
}

fn status_kb(status: &str, key: &str) -> u64 {
    status
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The pids whose parent is `pid` (from `/proc/*/stat`, field 4).
fn children(pid: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| {
            std::fs::read_to_string(format!("/proc/{p}/stat"))
                .ok()
                .and_then(|s| {
                    // The command name may hold spaces: fields start after its ')'.
                    let rest = &s[s.rfind(')')? + 2..];
                    rest.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(pid)
        })
        .collect()
}

/// VmRSS (and its anonymous / file parts) of `root` and all its descendants.
pub fn tree_rss(root: u32) -> Rss {
    let mut rss = Rss::default();
    let mut todo = vec![root];
    while let Some(pid) = todo.pop() {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
            rss.total_kb += status_kb(&status, "VmRSS:");
            rss.anon_kb += status_kb(&status, "RssAnon:");
            rss.file_kb += status_kb(&status, "RssFile:") + status_kb(&status, "RssShmem:");
            rss.processes += 1;
        }
        todo.extend(children(pid));
    }
    rss
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn tree_rss(&self) -> Rss {
        tree_rss(self.pid())
    }

    /// Waits at least 3 s (the server's start-up work), then until the tree has
    /// `processes` processes and its RSS holds still for a second (the model
    /// loaded), at most `limit`.
    pub async fn settle(&self, processes: usize, limit: Duration) -> Rss {
        let until = Instant::now() + limit;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let mut last = self.tree_rss();
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let now = self.tree_rss();
            let still = now.total_kb.abs_diff(last.total_kb) < 1024;
            if (now.processes >= processes && still) || Instant::now() > until {
                return now;
            }
            last = now;
        }
    }

    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let start = text.len().saturating_sub(2000);
        text.get(start..).unwrap_or("").to_string()
    }

    pub fn stop(mut self) {
        self.shutdown();
    }

    /// SIGTERM (through `kill`: this crate forbids `unsafe`), then a hard kill after 10 s.
    fn shutdown(&mut self) {
        if std::mem::replace(&mut self.stopped, true) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status();
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A scenario that fails half-way leaves no server running.
impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}
