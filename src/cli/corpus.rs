//! `varotra eval --corpus DIR --split test`: the whole labelled corpus in one command.
//! Each shop folder (`shop.json`, `catalog.csv`, `faq.csv`) is loaded into a throwaway
//! store in a temp dir, through the same import code as `catalog import` / `faq
//! import`; its single messages are decided as fresh conversations and its multi-turn
//! conversations are played through `jobs::reply::converse`, state and all.

use crate::assistant::eval::{self, Case, CaseResult, Grounds, Summary};
use crate::assistant::eval_turns::{self, ConversationResult, ConversationSummary};
use crate::assistant::{facts, Assistant, Turn};
use crate::catalog::Catalog;
use crate::db::{conversations, messages, shops, Db, ShopId};
use anyhow::Context;
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub split: String,
    /// Only these trade folders (all when empty).
    pub trades: Vec<String>,
    /// At most this many single messages and conversations per trade (0: all).
    pub limit: usize,
}

/// The corpus figures, per trade and overall.
#[derive(Debug, Default, Serialize)]
pub struct CorpusReport {
    pub messages: Summary,
    pub conversations: ConversationSummary,
    pub per_trade: Vec<(String, Summary, ConversationSummary)>,
    #[serde(skip)]
    pub message_results: Vec<(String, CaseResult)>,
    #[serde(skip)]
    pub conversation_results: Vec<(String, ConversationResult)>,
}

/// A temp dir removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(trade: &str) -> anyhow::Result<Scratch> {
    let dir = std::env::temp_dir().join(format!(
        "varotra-eval-{}-{trade}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(Scratch(dir))
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .filter(|s| !s.trim().is_empty())
}

/// The settings keys of a corpus (or fixture) `shop.json`: greetings, hours, payment,
/// delivery zones, warranty and returns (see [`facts`] for the keys).
pub fn settings_of(shop: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            out.push((k.to_string(), v));
        }
    };
    for k in [
        "greeting_fr",
        "greeting_mg",
        "out_of_hours_fr",
        "out_of_hours_mg",
    ] {
        put(k, text(shop, k));
    }
    if let Some(h) = shop.get("hours").filter(|h| h.is_object()) {
        put("hours", Some(h.to_string()));
    }
    let pay = &shop["payment"];
    for k in ["mvola", "orange_money", "airtel_money", "account_name"] {
        put(&format!("payment.{k}"), text(pay, k));
    }
    if let Some(cod) = pay.get("cash_on_delivery").and_then(Value::as_bool) {
        put(
            facts::CASH_ON_DELIVERY,
            Some(if cod { "oui" } else { "non" }.into()),
        );
    }
    let del = &shop["delivery"];
    if let Some(zones) = del.get("zones").and_then(Value::as_array) {
        let lines: Vec<String> = zones
            .iter()
            .map(|z| {
                let areas: Vec<&str> = z["areas"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                format!(
                    "{} | {} | {} | {}",
                    z["name"].as_str().unwrap_or(""),
                    areas.join(", "),
                    z["fee"].as_i64().unwrap_or(0),
                    z["delay"].as_str().unwrap_or("")
                )
            })
            .collect();
        put(facts::DELIVERY_ZONES, Some(lines.join("\n")));
    }
    put(
        facts::DELIVERY_MINIMUM,
        del.get("minimum_order")
            .and_then(Value::as_i64)
            .map(|v| v.to_string()),
    );
    put(
        facts::DELIVERY_FREE_ABOVE,
        del.get("free_above")
            .and_then(Value::as_i64)
            .map(|v| v.to_string()),
    );
    put(facts::DELIVERY_ELSEWHERE_FR, text(del, "province"));
    for (k, fr, mg) in [
        ("warranty", facts::WARRANTY_FR, facts::WARRANTY_MG),
        ("returns", facts::RETURNS_FR, facts::RETURNS_MG),
    ] {
        put(fr, text(&shop[k], "fr"));
        put(mg, text(&shop[k], "mg"));
    }
    out
}

/// Loads one shop folder into `db` (shop row, settings, catalogue, FAQ).
pub fn load_shop(db: &Db, catalog: &Catalog, dir: &Path) -> anyhow::Result<ShopId> {
    let read = |name: &str| {
        let p = dir.join(name);
        std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))
    };
    let shop: Value = serde_json::from_slice(&read("shop.json")?)
        .with_context(|| format!("{}/shop.json", dir.display()))?;
    let vat = match shop.get("vat_applicable") {
        Some(Value::Bool(false)) => None,
        _ => Some(shop["vat_rate_percent"].as_i64().unwrap_or(20) * 100),
    };
    let new = shops::NewShop {
        slug: text(&shop, "slug").context("shop.json: slug")?,
        company_name: text(&shop, "name").context("shop.json: name")?,
        address: text(&shop, "address"),
        phone: text(&shop, "phone"),
        nif: text(&shop, "nif"),
        stat: text(&shop, "stat"),
        vat_rate_bp: vat,
        timezone: text(&shop, "timezone"),
        ..Default::default()
    };
    let settings = settings_of(&shop);
    let id = db.write_blocking(|c| {
        let id = shops::create(c, &new)?;
        for (k, v) in &settings {
            shops::set_setting(c, id, k, v)?;
        }
        Ok(id)
    })?;
    crate::catalog::import::import_csv(db, catalog, id, &read("catalog.csv")?, false)
        .map_err(|e| anyhow::anyhow!("{}/catalog.csv: {e:?}", dir.display()))?;
    crate::catalog::faq::import_csv(db, catalog, id, &read("faq.csv")?, false)
        .map_err(|e| anyhow::anyhow!("{}/faq.csv: {e:?}", dir.display()))?;
    Ok(id)
}

fn trade_of(shop: &Option<String>) -> &str {
    shop.as_deref().unwrap_or("")
}

/// Runs the split of the corpus in `root` with assistants made by `make` (one per
/// shop store, so the model choice is the caller's).
pub fn run(
    root: &Path,
    opts: &Options,
    make: &dyn Fn(&Db, Catalog) -> Assistant,
) -> anyhow::Result<CorpusReport> {
    // A split may have only messages (train) or only conversations (dev).
    let read = |p: PathBuf| -> anyhow::Result<String> {
        if !p.exists() {
            return Ok(String::new());
        }
        std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))
    };
    let messages = root.join(format!("messages/{}.jsonl", opts.split));
    let talks = root.join(format!("conversations/{}.jsonl", opts.split));
    if !messages.exists() && !talks.exists() {
        anyhow::bail!(
            "{} : ni {} ni {} / neither file exists",
            root.display(),
            messages.display(),
            talks.display()
        );
    }
    let cases: Vec<Case> = eval::parse_cases(&read(messages)?)?;
    let convs = eval_turns::parse(&read(talks)?)?;
    let mut trades: Vec<String> = std::fs::read_dir(root.join("shops"))
        .with_context(|| format!("cannot list {}/shops", root.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("shop.json").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|t| opts.trades.is_empty() || opts.trades.contains(t))
        .collect();
    trades.sort();
    let mut report = CorpusReport::default();
    for trade in trades {
        let take = |n: usize| {
            if opts.limit == 0 {
                n
            } else {
                n.min(opts.limit)
            }
        };
        let mine: Vec<&Case> = cases
            .iter()
            .filter(|c| trade_of(&c.shop) == trade)
            .collect();
        let mine = &mine[..take(mine.len())];
        let talks: Vec<_> = convs
            .iter()
            .filter(|c| trade_of(&c.shop) == trade)
            .cloned()
            .collect();
        let talks = &talks[..take(talks.len())];
        if mine.is_empty() && talks.is_empty() {
            continue;
        }
        let dir = scratch(&trade)?;
        let db = Db::open(&dir.0.join("varotra.db"), None, true)?;
        let catalog = Catalog::open(&dir.0, &db)?;
        let shop = load_shop(&db, &catalog, &root.join("shops").join(&trade))?;
        let assistant = make(&db, catalog);
        let g = Grounds::read(&db.reader(), shop)?;
        let mut summary = Summary::default();
        for case in mine {
            let d = assistant.decide(&db.reader(), &Turn::text(shop, None, &case.message))?;
            let wrong = eval::score(&mut summary, &case.expect(), &d, &g, &case.message);
            report
                .message_results
                .push((trade.clone(), eval::result(&case.message, &d, wrong)));
        }
        let mut conv_ids = Vec::new();
        for i in 0..talks.len() {
            let phone = format!("2613400{:05}", i + 1);
            conv_ids.push(
                db.write_blocking(|c| conversations::get_or_create_by_phone(c, shop, &phone))?,
            );
        }
        let issuer = crate::quotes::Issuer::default();
        let conv_report = eval_turns::run(talks, &g, |i, text| {
            let conv = conv_ids[i];
            db.write_blocking(|c| messages::insert_text(c, shop, conv, "in", text))?;
            let (d, _) = crate::jobs::reply::converse(
                &assistant,
                &db,
                None,
                &issuer,
                &Turn::text(shop, Some(conv), text),
            )
            .map_err(|e| crate::assistant::AssistantError::Other(e.to_string()))?;
            db.write_blocking(|c| messages::insert_text(c, shop, conv, "out", &d.reply))?;
            Ok(d)
        })?;
        report.messages.merge(&summary);
        report.conversations.merge(&conv_report.summary);
        for r in conv_report.results {
            report.conversation_results.push((trade.clone(), r));
        }
        report.per_trade.push((trade, summary, conv_report.summary));
    }
    Ok(report)
}
