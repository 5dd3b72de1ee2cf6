//! `varotra eval`: labelled single messages or conversations against one shop of the
//! store (`--shop S FILE`), or a whole corpus folder in throwaway stores (`--corpus`).
//! Prints one line per case (or `--json`: one object per case, then the summary).

use super::EvalArgs;
use crate::assistant::eval::{self, CaseResult, Summary};
use crate::assistant::eval_turns::{self, ConversationSummary};
use crate::assistant::{Assistant, Turn};
use crate::db::{conversations, messages, shops, Db};
use crate::settings::Settings;
use crate::startup::open_store;
use anyhow::Context;

/// The model as configured, unless `--no-model`.
fn model(settings: &Settings, no_model: bool) -> Option<crate::llm::Llm> {
    if no_model {
        return None;
    }
    let llm = crate::llm::Llm::start(&settings.llm);
    if !settings.llm.model_path.is_empty() {
        // A short-lived tool: give the model a moment to load.
        let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !llm.is_available() && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    llm.is_available().then_some(llm)
}

fn assistant(
    catalog: crate::catalog::Catalog,
    llm: &Option<crate::llm::Llm>,
    local: bool,
) -> Assistant {
    let mut a = match llm {
        Some(l) => Assistant::with_catalog_and_model(catalog, l.clone()),
        None => Assistant::with_catalog(catalog),
    };
    a.local_small_talk = local;
    a
}

pub fn eval(settings: &Settings, a: &EvalArgs) -> anyhow::Result<()> {
    let llm = model(settings, a.no_model);
    if let Some(root) = &a.corpus {
        let opts = super::corpus::Options {
            split: a.split.clone(),
            trades: a.trade.clone(),
            limit: a.limit,
        };
        let report = super::corpus::run(root, &opts, &|_, catalog| {
            assistant(catalog, &llm, a.with_model)
        })?;
        if a.json {
            for (trade, r) in &report.message_results {
                println!("{}", serde_json::json!({"trade": trade, "case": r}));
            }
            for (trade, r) in &report.conversation_results {
                println!("{}", serde_json::json!({"trade": trade, "conversation": r}));
            }
            println!("{}", serde_json::json!({ "summary": report }));
            return Ok(());
        }
        for (trade, r) in &report.message_results {
            print_case(trade, r, a.why);
        }
        for (trade, c) in &report.conversation_results {
            println!("{} {trade} {}", if c.right { "✓" } else { "✗" }, c.id);
            for t in &c.turns {
                print_case("   ", t, a.why);
            }
        }
        for (trade, m, c) in &report.per_trade {
            println!(
                "{trade:<24} intent {:.1} %  conversations {}/{}",
                m.intent.accuracy * 100.0,
                c.conversations.correct,
                c.conversations.n
            );
        }
        println!("\n== messages ({} split) ==", a.split);
        print_summary(&report.messages);
        println!("\n== conversations ({} split) ==", a.split);
        print_conversations(&report.conversations);
        return Ok(());
    }
    let (Some(shop), Some(file)) = (&a.shop, &a.file) else {
        anyhow::bail!("--shop S FILE ou --corpus DIR / --shop S FILE or --corpus DIR");
    };
    let (db, _files) = open_store(settings, false)?;
    let shop = db.read_blocking(|c| shops::by_slug(c, shop))?;
    let catalog = crate::catalog::Catalog::open(&settings.server.data_dir, &db)
        .context("cannot open the catalogue index")?;
    let assistant = assistant(catalog, &llm, a.with_model);
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    if text.lines().any(|l| l.contains("\"turns\"")) {
        return conversations_file(&db, &assistant, shop.id, &text, a.json, a.why);
    }
    let cases = eval::parse_cases(&text)?;
    let report = eval::run(&assistant, &db.reader(), shop.id, &cases)?;
    if a.json {
        for r in &report.results {
            println!("{}", serde_json::to_string(r)?);
        }
        println!(
            "{}",
            serde_json::to_string(&serde_json::json!({ "summary": report.summary }))?
        );
        return Ok(());
    }
    for r in &report.results {
        print_case("", r, a.why);
    }
    print_summary(&report.summary);
    Ok(())
}

/// Plays a conversations file in the store, each conversation under its own number
/// (`26139999` + its index), so their state does not mix.
fn conversations_file(
    db: &Db,
    assistant: &Assistant,
    shop: crate::db::ShopId,
    text: &str,
    json: bool,
    why: bool,
) -> anyhow::Result<()> {
    let convs = eval_turns::parse(text)?;
    let g = eval::Grounds::read(&db.reader(), shop)?;
    let stamp = chrono::Utc::now().timestamp() % 100_000;
    let mut ids = Vec::new();
    for i in 0..convs.len() {
        let phone = format!("26139{stamp:05}{:03}", i % 1000);
        ids.push(db.write_blocking(|c| conversations::get_or_create_by_phone(c, shop, &phone))?);
    }
    let issuer = crate::quotes::Issuer::default();
    let report = eval_turns::run(&convs, &g, |i, text| {
        db.write_blocking(|c| messages::insert_text(c, shop, ids[i], "in", text))?;
        let (d, _) = crate::jobs::reply::converse(
            assistant,
            db,
            None,
            &issuer,
            &Turn::text(shop, Some(ids[i]), text),
        )
        .map_err(|e| crate::assistant::AssistantError::Other(e.to_string()))?;
        db.write_blocking(|c| messages::insert_text(c, shop, ids[i], "out", &d.reply))?;
        Ok(d)
    })?;
    if json {
        for r in &report.results {
            println!("{}", serde_json::to_string(r)?);
        }
        println!("{}", serde_json::json!({ "summary": report.summary }));
        return Ok(());
    }
    for c in &report.results {
        println!("{} {}", if c.right { "✓" } else { "✗" }, c.id);
        for t in &c.turns {
            print_case("   ", t, why);
        }
    }
    print_conversations(&report.summary);
    Ok(())
}

fn print_case(prefix: &str, r: &CaseResult, why: bool) {
    println!(
        "{prefix} {} {:<14} {:<3} {} → {}{}",
        if r.wrong.is_empty() { "✓" } else { "✗" },
        r.intent,
        r.language,
        r.message.replace('\n', " "),
        r.reply.replace('\n', " ⏎ "),
        if r.wrong.is_empty() {
            String::new()
        } else {
            format!("  [{}]", r.wrong.join("; "))
        }
    );
    if why && !r.wrong.is_empty() {
        for w in &r.why {
            println!("{prefix}      · {w}");
        }
    }
}

fn pct(s: &eval::Score) -> String {
    format!("{:.1} % ({}/{})", s.accuracy * 100.0, s.correct, s.n)
}

fn print_summary(s: &Summary) {
    println!("{} cas / cases", s.cases);
    println!("intent        {}", pct(&s.intent));
    println!("language      {}", pct(&s.language));
    println!("one language  {}", pct(&s.one_language));
    for (k, v) in &s.per_intent {
        println!("  {k:<15} {}", pct(v));
    }
    for (k, v) in &s.per_language {
        println!("  {k:<15} {}", pct(v));
    }
    println!("exact prices  {}", pct(&s.exact_price));
    println!("products      {}", pct(&s.skus));
    println!("not sold      {}", pct(&s.not_sold));
    println!(
        "hand-over     {}  (needless: {})",
        pct(&s.handover),
        s.needless_handover
    );
    println!("quote lines   {}", pct(&s.quote_lines));
    println!(
        "clarify       {}  (needless: {})",
        pct(&s.clarify),
        s.needless_clarify
    );
    println!("two questions {}", pct(&s.also));
    println!("search recall {:.2}", s.search_recall);
    println!("invented amounts: {}", s.invented_amounts.len());
    for a in &s.invented_amounts {
        println!("  {a}");
    }
    println!(
        "latency p50 {} ms, p95 {} ms",
        s.latency_p50_ms, s.latency_p95_ms
    );
}

fn print_conversations(s: &ConversationSummary) {
    println!("conversations fully right {}", pct(&s.conversations));
    println!("turns right               {}", pct(&s.turns_right));
    print_summary(&s.turns);
}
