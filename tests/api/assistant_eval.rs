//! The assistant end to end on a real encrypted store: the labelled dev set of the
//! fixture grocery shop, a second shop of another trade with its own messages, and
//! the conversation side effects (hand-over, follow-ups, quotes).

use crate::helpers::spawn_app;
use varotra::assistant::eval::{self, Case};
use varotra::assistant::{Assistant, Decision, Turn};
use varotra::crypto::FileStore;
use varotra::db::{messages, shops, ConversationId, Db, ShopId};
use varotra::whatsapp::OutgoingMessage;

const CATALOG: &str = include_str!("../fixtures/catalog-epicerie.csv");
const FAQ: &str = include_str!("../fixtures/faq-epicerie.csv");
const SHOP: &str = include_str!("../fixtures/shop-epicerie.json");
const DEV: &str = include_str!("../fixtures/conversations-dev.jsonl");
/// Our own messages for the same shop, written apart from the dev set.
const EXTRA: &str = include_str!("../fixtures/conversations-extra.jsonl");

/// Loads products, FAQ and settings straight into the tables (the catalogue import
/// has its own tests).
fn load_shop(db: &Db, shop: ShopId, catalog: &str, faq: &str, settings: &[(&str, String)]) {
    let catalog = catalog.to_string();
    let faq = faq.to_string();
    let settings: Vec<(String, String)> = settings
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    db.write_blocking(move |c| {
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(catalog.as_bytes());
        for row in r.records() {
            let row = row.unwrap();
            // The fixture writes `Eau minérale 1,5 L` unquoted: one field too many.
            let row: Vec<String> = if row.len() == 8 {
                let mut v = vec![row[0].to_string(), format!("{},{}", &row[1], &row[2])];
                v.extend(row.iter().skip(3).map(str::to_string));
                v
            } else {
                row.iter().map(str::to_string).collect()
            };
            c.execute(
                "INSERT INTO products (shop_id, sku, title, price, currency, stock, description)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    shop,
                    &row[0],
                    &row[1],
                    row[2].parse::<i64>().unwrap(),
                    &row[3],
                    row[4].parse::<i64>().ok(),
                    &row[5]
                ],
            )?;
        }
        let mut r = csv::Reader::from_reader(faq.as_bytes());
        for row in r.records() {
            let row = row.unwrap();
            c.execute(
                "INSERT INTO faq_items (shop_id, question, answer) VALUES (?1, ?2, ?3)",
                rusqlite::params![shop, &row[0], &row[1]],
            )?;
        }
        for (k, v) in &settings {
            shops::set_setting(c, shop, k, v)?;
        }
        Ok(())
    })
    .unwrap();
}

fn epicerie_settings() -> Vec<(&'static str, String)> {
    let j: serde_json::Value = serde_json::from_str(SHOP).unwrap();
    let s = |k: &str| j[k].as_str().unwrap().to_string();
    vec![
        ("greeting_fr", s("greeting_fr")),
        ("greeting_mg", s("greeting_mg")),
        ("out_of_hours_fr", s("out_of_hours_fr")),
        ("out_of_hours_mg", s("out_of_hours_mg")),
        ("hours", j["hours"].to_string()),
        (
            "payment.mvola",
            j["payment"]["mvola"].as_str().unwrap().into(),
        ),
        (
            "payment.orange_money",
            j["payment"]["orange_money"].as_str().unwrap().into(),
        ),
        (
            "payment.account_name",
            j["payment"]["account_name"].as_str().unwrap().into(),
        ),
    ]
}

pub(crate) async fn epicerie() -> (crate::helpers::TestApp, ShopId) {
    epicerie_on(spawn_app().await).await
}

/// The fixture grocery shop in `app` (spawned with the settings a test needs).
pub(crate) async fn epicerie_on(app: crate::helpers::TestApp) -> (crate::helpers::TestApp, ShopId) {
    let shop = app.create_shop("epicerie-rivo", "Epicerie Rivo").await;
    load_shop(&app.db, shop, CATALOG, FAQ, &epicerie_settings());
    (app, shop)
}

pub(crate) fn conversation(db: &Db, shop: ShopId, phone: &str) -> ConversationId {
    db.write_blocking(|c| varotra::db::conversations::get_or_create_by_phone(c, shop, phone))
        .unwrap()
}

/// One customer message decided and applied as the reply job does, without sending.
pub(crate) fn say(
    a: &Assistant,
    db: &Db,
    files: Option<&FileStore>,
    shop: ShopId,
    conv: ConversationId,
    text: &str,
    reply_id: Option<&str>,
) -> (Decision, Vec<OutgoingMessage>) {
    let turn = Turn {
        reply_id,
        ..Turn::text(shop, Some(conv), text)
    };
    varotra::jobs::reply::converse(a, db, files, &Default::default(), &turn).unwrap()
}

fn assert_bar(report: &eval::Report, cases: &[Case]) {
    let s = &report.summary;
    let wrong: Vec<String> = report
        .results
        .iter()
        .zip(cases)
        .filter(|(r, c)| r.intent != c.intent)
        .map(|(r, c)| format!("{} -> {} (want {})", c.message, r.intent, c.intent))
        .collect();
    assert!(
        s.intent.accuracy >= 0.9,
        "intent {:.2}: {wrong:#?}",
        s.intent.accuracy
    );
    assert!(
        s.language.accuracy >= 0.9,
        "language {:.2}",
        s.language.accuracy
    );
    assert_eq!(
        s.exact_price.correct, s.exact_price.n,
        "exact prices: {:#?}",
        report.results
    );
    assert_eq!(s.not_sold.correct, s.not_sold.n, "not sold");
    assert_eq!(s.handover.correct, s.handover.n, "hand-over");
    assert!(s.invented_amounts.is_empty(), "{:?}", s.invented_amounts);
}

#[tokio::test]
async fn the_dev_set_meets_the_bar_without_a_model() {
    let (app, shop) = epicerie().await;
    let cases = eval::parse_cases(DEV).unwrap();
    let db = app.db.clone();
    let report = tokio::task::spawn_blocking(move || {
        eval::run(&Assistant::without_model(), &db.reader(), shop, &cases)
    })
    .await
    .unwrap()
    .unwrap();
    let cases = eval::parse_cases(DEV).unwrap();
    eprintln!("{}", serde_json::to_string_pretty(&report.summary).unwrap());
    if std::env::var("EVAL_DUMP").is_ok() {
        for r in &report.results {
            eprintln!("{}", serde_json::to_string(r).unwrap());
        }
    }
    assert_bar(&report, &cases);
    assert!(
        report.summary.quote_lines.accuracy >= 0.8,
        "{:?}",
        report.summary.quote_lines
    );
    assert!(
        report.summary.latency_p95_ms < 200,
        "{}",
        report.summary.latency_p95_ms
    );
}

#[tokio::test]
async fn our_own_messages_for_the_same_shop_meet_the_bar_too() {
    let (app, shop) = epicerie().await;
    let db = app.db.clone();
    let report = tokio::task::spawn_blocking(move || {
        eval::run(
            &Assistant::without_model(),
            &db.reader(),
            shop,
            &eval::parse_cases(EXTRA).unwrap(),
        )
    })
    .await
    .unwrap()
    .unwrap();
    if std::env::var("EVAL_DUMP").is_ok() {
        for r in &report.results {
            eprintln!("{}", serde_json::to_string(r).unwrap());
        }
    }
    assert_bar(&report, &eval::parse_cases(EXTRA).unwrap());
}

#[tokio::test]
async fn the_dev_set_meets_the_bar_through_the_catalogue_index() {
    let report = tokio::task::spawn_blocking(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("varotra.db"), None, true).unwrap();
        let catalog = varotra::catalog::Catalog::open(dir.path(), &db).unwrap();
        let shop = db
            .write_blocking(|c| {
                shops::create(
                    c,
                    &shops::NewShop {
                        slug: "epicerie-rivo".into(),
                        company_name: "Epicerie Rivo".into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        varotra::catalog::import::import_csv(&db, &catalog, shop, CATALOG.as_bytes(), false)
            .unwrap();
        varotra::catalog::faq::import_csv(&db, &catalog, shop, FAQ.as_bytes(), false).unwrap();
        load_shop(
            &db,
            shop,
            "sku\n",
            "question,answer\n",
            &epicerie_settings(),
        );
        let cases = eval::parse_cases(DEV).unwrap();
        eval::run(
            &Assistant::with_catalog(catalog),
            &db.reader(),
            shop,
            &cases,
        )
        .unwrap()
    })
    .await
    .unwrap();
    assert_bar(&report, &eval::parse_cases(DEV).unwrap());
    assert_eq!(
        report.summary.quote_lines.correct,
        report.summary.quote_lines.n
    );
}

/// A model that invents facts, as small base models do.
struct InventingModel;

impl varotra::assistant::TextModel for InventingModel {
    fn is_available(&self) -> bool {
        true
    }
    fn complete(
        &self,
        _: &str,
        grammar: Option<&str>,
        _: u32,
        _: &[&str],
    ) -> Result<String, String> {
        Ok(match grammar {
            Some(_) => "other".into(),
            None => "Oui, nous livrons le ciment gratuitement, 5 000 Ar seulement !".into(),
        })
    }
}

#[tokio::test]
async fn invented_model_text_is_replaced_by_the_template_and_two_misses_hand_over() {
    let (app, shop) = epicerie().await;
    let conv = conversation(&app.db, shop, "261341112266");
    let db = app.db.clone();
    let (first, second) = tokio::task::spawn_blocking(move || {
        let a = Assistant::new(
            std::sync::Arc::new(varotra::assistant::retrieval::DbSource),
            Some(std::sync::Arc::new(InventingModel)),
        );
        let first = say(&a, &db, None, shop, conv, "hmm blorp zzz", None).0;
        let second = say(&a, &db, None, shop, conv, "bzzz krrr", None).0;
        (first, second)
    })
    .await
    .unwrap();
    assert!(!first.reply.contains("5 000"), "{}", first.reply);
    assert!(!first.reply.contains("ciment"), "{}", first.reply);
    assert!(first.reply.contains("Epicerie Rivo"), "{}", first.reply);
    assert!(!first.escalated);
    assert!(
        second.escalated,
        "unsure twice in a row hands over: {second:?}"
    );
}

const PHONE_CATALOG: &str = "sku,title,price,currency,stock,description,image
TEL-SPARK10,Smartphone Tecno Spark 10 64 Go,420000,MGA,6,\"Téléphone Android, double SIM\",
TEL-A05,Smartphone Samsung Galaxy A05 128 Go,610000,MGA,0,Téléphone Samsung,
TEL-ITEL,Téléphone Itel it2163 à touches,45000,MGA,30,Petit portable simple,
COQ-A05,Coque silicone Galaxy A05,12000,MGA,15,Protection arrière,
ECO-FIL,Écouteurs filaires jack,8000,MGA,40,,
CHG-25W,Chargeur rapide 25 W USB-C,38000,MGA,9,Charge rapide,
BAT-EXT,Batterie externe 10000 mAh,65000,MGA,11,Power bank,
CARTE-SD,Carte mémoire 32 Go,25000,MGA,20,MicroSD,
";

const PHONE_FAQ: &str = "question,answer
Vous livrez ?,\"Livraison à Toamasina ville pour 4 000 Ar, ailleurs par taxi-brousse à la charge du client.\"
Avez-vous une garantie ?,\"Les smartphones sont garantis 6 mois sur présentation de la facture.\"
Où est le magasin ?,\"Boulevard Joffre, Toamasina, en face de la banque.\"
";

const PHONE_CASES: &str = r#"{"lang":"fr","message":"Bonsoir","intent":"greeting","skus":[]}
{"lang":"fr","message":"slt c cmb le tecno spark 10","intent":"price","skus":["TEL-SPARK10"]}
{"lang":"mg","message":"Ohatrinona ny batterie externe?","intent":"price","skus":["BAT-EXT"]}
{"lang":"mg","message":"Misy coque Galaxy A05 ve?","intent":"availability","skus":["COQ-A05"]}
{"lang":"fr","message":"Vous avez des écouteurs ?","intent":"availability","skus":["ECO-FIL"]}
{"lang":"fr","message":"Vous vendez des ordinateurs portables ?","intent":"availability","skus":[]}
{"lang":"fr","message":"Il me faut un devis pour 3 cartes mémoire et 2 chargeurs rapides","intent":"quote","skus":["CARTE-SD","CHG-25W"],"quantities":{"CARTE-SD":3,"CHG-25W":2}}
{"lang":"mg","message":"Te hividy finday Itel roa aho","intent":"order","skus":["TEL-ITEL"],"quantities":{"TEL-ITEL":2}}
{"lang":"fr","message":"Vous livrez à Toamasina ?","intent":"delivery","skus":[]}
{"lang":"fr","message":"Les téléphones sont garantis ?","intent":"faq","skus":[]}
{"lang":"mg","message":"Aiza ny magazay?","intent":"faq","skus":[]}
{"lang":"mg","message":"Misaotra tompoko","intent":"thanks","skus":[]}
{"lang":"fr","message":"Je veux parler au patron tout de suite","intent":"human","skus":[]}
{"lang":"mg","message":"Simba ilay finday novidiako omaly, tsy mandeha intsony","intent":"complaint","skus":[]}
{"lang":"fr","message":"Faites-moi 15% sur le Samsung et je le prends","intent":"other","skus":[]}
"#;

#[tokio::test]
async fn a_phone_shop_with_its_own_catalogue_and_messages_meets_the_same_bar() {
    let app = spawn_app().await;
    let shop = app.create_shop("phone-tamatave", "Phone Tamatave").await;
    load_shop(&app.db, shop, PHONE_CATALOG, PHONE_FAQ, &[]);
    let db = app.db.clone();
    let report = tokio::task::spawn_blocking(move || {
        eval::run(
            &Assistant::without_model(),
            &db.reader(),
            shop,
            &eval::parse_cases(PHONE_CASES).unwrap(),
        )
    })
    .await
    .unwrap()
    .unwrap();
    let cases = eval::parse_cases(PHONE_CASES).unwrap();
    assert_bar(&report, &cases);
    // The phone shop has no payment/hours settings: nothing is made up for them.
    let ordinateur = &report.results[5];
    assert!(ordinateur.skus.is_empty(), "{ordinateur:?}");
    assert!(
        ordinateur.reply.contains("ne vendons pas"),
        "{}",
        ordinateur.reply
    );
}

#[tokio::test]
async fn a_complaint_flags_the_conversation_pauses_the_bot_and_notifies_the_owner() {
    let (app, shop) = epicerie().await;
    let conv = conversation(&app.db, shop, "261341112233");
    let db = app.db.clone();
    let d = tokio::task::spawn_blocking(move || {
        say(
            &Assistant::without_model(),
            &db,
            None,
            shop,
            conv,
            "Le sac de riz reçu est percé, c'est inadmissible",
            None,
        )
        .0
    })
    .await
    .unwrap();
    assert!(d.escalated);
    assert_eq!(d.intent, "complaint");
    let (status, paused, notes): (String, i64, i64) = app
        .db
        .read_blocking(|c| {
            Ok(c.query_row(
                "SELECT status, bot_paused, (SELECT count(*) FROM notifications WHERE shop_id = ?2 AND kind = 'handover')
                 FROM conversations WHERE id = ?1",
                rusqlite::params![conv, shop],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .unwrap();
    assert_eq!((status.as_str(), paused, notes), ("needs_human", 1, 1));
}

#[tokio::test]
async fn a_follow_up_about_another_size_reuses_the_previous_product() {
    let (app, shop) = epicerie().await;
    let conv = conversation(&app.db, shop, "261341112244");
    let db = app.db.clone();
    let (first, second) = tokio::task::spawn_blocking(move || {
        let a = Assistant::without_model();
        let t1 = "Combien coûte l'huile 1 litre ?";
        db.write_blocking(|c| messages::insert_text(c, shop, conv, "in", t1))
            .unwrap();
        let first = say(&a, &db, None, shop, conv, t1, None).0;
        db.write_blocking(|c| messages::insert_text(c, shop, conv, "out", &first.reply))
            .unwrap();
        let t2 = "et en 5 litres ?";
        db.write_blocking(|c| messages::insert_text(c, shop, conv, "in", t2))
            .unwrap();
        (first, say(&a, &db, None, shop, conv, t2, None).0)
    })
    .await
    .unwrap();
    assert!(first.reply.contains("9 500 Ar"), "{}", first.reply);
    assert_eq!(
        second.skus.first().map(String::as_str),
        Some("HUILE-5L"),
        "{second:?}"
    );
    assert!(second.reply.contains("45 000 Ar"), "{}", second.reply);
    assert!(
        !second.reply.contains("Bonjour et bienvenue"),
        "greeting only once"
    );
}

#[tokio::test]
async fn a_quote_asks_for_validation_with_buttons_and_is_remembered_until_confirmed() {
    let (app, shop) = epicerie().await;
    let conv = conversation(&app.db, shop, "261341112255");
    let db = app.db.clone();
    let files = varotra::crypto::FileStore::new(app.dir.path().join("files"), None);
    let (d, msgs, confirmed, confirm_msgs) = tokio::task::spawn_blocking(move || {
        let a = Assistant::without_model();
        let (d, msgs) = say(
            &a,
            &db,
            Some(&files),
            shop,
            conv,
            "Mila devis aho: siramamy folo kilao sy savony roa ambin'ny folo",
            None,
        );
        let (c, cm) = say(
            &a,
            &db,
            Some(&files),
            shop,
            conv,
            "Valider le devis",
            Some("devis:confirm"),
        );
        (d, msgs, c, cm)
    })
    .await
    .unwrap();
    assert_eq!(d.intent, "quote");
    assert_eq!(d.language, "mg");
    let lines: Vec<(String, i64)> = d
        .quote_lines
        .iter()
        .map(|l| (l.sku.clone(), l.qty))
        .collect();
    assert_eq!(
        lines,
        vec![("SUCRE-1K".into(), 10), ("SAVON-400".into(), 12)]
    );
    match &msgs[0] {
        OutgoingMessage::Buttons { buttons, .. } => {
            assert_eq!(buttons[0].id, "devis:confirm");
            // Issue 16: buttons in the reply language (the quote is in Malagasy).
            assert_eq!(buttons[0].title, "Ekeko ny devis");
            assert_eq!(buttons[1].id, "devis:edit");
        }
        other => panic!("expected buttons, got {other:?}"),
    }
    assert_eq!(confirmed.quote_lines, d.quote_lines);
    assert!(confirmed.reply.contains("DEV-"), "{}", confirmed.reply);
    match &confirm_msgs[1] {
        OutgoingMessage::Document { filename, .. } => assert!(filename.starts_with("DEV-")),
        other => panic!("expected the devis PDF, got {other:?}"),
    }
    let lines_in_devis: i64 = app
        .db
        .read_blocking(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM devis_lines l JOIN devis d ON d.id = l.devis_id WHERE d.shop_id = ?1",
                [shop],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(lines_in_devis, 2);
    let pending: Option<String> = app
        .db
        .read_blocking(|c| {
            Ok(c.query_row(
                "SELECT pending_quote FROM assistant_state WHERE conversation_id = ?1",
                [conv],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(pending, None, "the confirmed quote is no longer pending");
}

#[tokio::test]
async fn chat_answers_one_message_from_the_command_line() {
    let (app, _shop) = epicerie().await;
    let out = app
        .command()
        .args([
            "chat",
            "--shop",
            "epicerie-rivo",
            "--message",
            "ohatrinona ny sira?",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("1 500 Ar"), "{stdout}");
}
