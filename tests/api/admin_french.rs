//! Every admin page a shop owner reads, rendered with real data of every kind (a
//! handed-over conversation with a photo, a voice note and an unsupported message, a
//! resolved one, notes, a devis with a delivery line, prospects, quick replies,
//! numbers, a failing provider, the simulator), is scanned for what must never reach
//! a French-speaking owner: English UI words from [`ENGLISH`], raw ISO dates or UTC
//! timestamps, and `[unsupported]`-style placeholders. What the owner typed (form
//! values), `<code>` (file column names, config keys, URLs) and email addresses are
//! not UI text and are left out of the scan.

use crate::helpers::{TestApp, PASSWORD};
use varotra::db::accounts::Role;

/// English words that leaked into the French UI before, or could: stored values
/// (statuses, kinds, providers, intents, day codes), debugging words, and the
/// English of common UI labels. French words spelled the same (document, image,
/// message, contact, question, page, total, file, notes, agent, bot...) are not here.
const ENGLISH: &[&str] = &[
    // stored values
    "open",
    "closed",
    "needs",
    "human",
    "pending",
    "draft",
    "sent",
    "accepted",
    "refused",
    "expired",
    "active",
    "disabled",
    "received",
    "simulated",
    "delivered",
    "read",
    "played",
    "failed",
    "unsupported",
    "interactive",
    "sticker",
    "audio",
    "video",
    "location",
    "reaction",
    "voice",
    "needs_human",
    "devis_envoye",
    "catalog_search",
    // day codes of the hours JSON (mon and tue are French words too)
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    // intents and the assistant's explanations
    "price",
    "availability",
    "catalog",
    "quote",
    "order",
    "delivery",
    "hours",
    "payment",
    "thanks",
    "complaint",
    "greeting",
    "other",
    "margin",
    "intent",
    "rules",
    "skus",
    "sku",
    "language",
    "follow",
    "model",
    "says",
    "fired",
    "unsure",
    // UI English
    "customer",
    "status",
    "error",
    "unknown",
    "true",
    "false",
    "null",
    "none",
    "yes",
    "settings",
    "dashboard",
    "login",
    "logout",
    "search",
    "submit",
    "save",
    "delete",
    "edit",
    "upload",
    "download",
    "phone",
    "name",
    "reply",
    "inbox",
    "tags",
    "assigned",
    "unread",
    "waiting",
    "since",
    "products",
    "text",
    "answer",
    "send",
    "cancel",
    "back",
    "next",
    "previous",
    "loading",
];

/// The words of the text a person reads: tags, scripts, `<code>`, emails and the
/// values of form fields removed; titles, placeholders and labels kept.
fn visible_words(html: &str) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        text.push(' ');
        let tail = &rest[start..];
        let skip_to = |close: &str| tail.find(close).map(|i| i + close.len());
        let lower = tail.get(..8).unwrap_or(tail).to_ascii_lowercase();
        let end = if lower.starts_with("<script") {
            skip_to("</script>")
        } else if lower.starts_with("<code") {
            skip_to("</code>")
        } else if lower.starts_with("<textare") {
            skip_to("</textarea>")
        } else if lower.starts_with("<option") {
            skip_to("</option>")
        } else {
            tail.find('>').map(|i| i + 1)
        };
        let Some(end) = end else { break };
        // Attributes a person reads.
        let tag = &tail[..end.min(tail.find('>').map_or(end, |i| i + 1))];
        for attr in ["title=\"", "placeholder=\"", "aria-label=\"", "alt=\""] {
            if let Some(at) = tag.find(attr) {
                let v = &tag[at + attr.len()..];
                text.push(' ');
                text.push_str(&v[..v.find('"').unwrap_or(v.len())]);
            }
        }
        text.push(' ');
        rest = &tail[end..];
    }
    text.push_str(rest);
    let text = text
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let without_emails: String = text
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .collect::<Vec<_>>()
        .join(" ");
    let words = without_emails
        .split(|c: char| !c.is_alphabetic() && c != '_')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    (without_emails, words)
}

/// `2026-11-25`, `11:03:00Z` or `T11:03`: a date a machine wrote.
fn raw_date(text: &str) -> Option<String> {
    let b: Vec<char> = text.chars().collect();
    let digit = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    for i in 0..b.len() {
        let iso = (0..4).all(|k| digit(i + k))
            && b.get(i + 4) == Some(&'-')
            && digit(i + 5)
            && digit(i + 6)
            && b.get(i + 7) == Some(&'-')
            && digit(i + 8)
            && digit(i + 9);
        let utc =
            b.get(i) == Some(&'T') && digit(i + 1) && digit(i + 2) && b.get(i + 3) == Some(&':');
        if iso || utc {
            return Some(
                b[i.saturating_sub(10)..(i + 20).min(b.len())]
                    .iter()
                    .collect(),
            );
        }
    }
    None
}

/// `[unsupported]`, `[image]`: a kind shown in brackets.
fn bracketed_kind(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        let after = &rest[i + 1..];
        if let Some(j) = after.find(']') {
            let inner = &after[..j];
            if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                return Some(format!("[{inner}]"));
            }
        }
        rest = after;
    }
    None
}

fn check(path: &str, html: &str) -> Vec<String> {
    let (text, words) = visible_words(html);
    let mut problems: Vec<String> = words
        .iter()
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .map(|w| format!("{path}: English word « {w} »"))
        .collect();
    problems.sort();
    problems.dedup();
    if let Some(d) = raw_date(&text) {
        problems.push(format!("{path}: raw date « {d} »"));
    }
    if let Some(k) = bracketed_kind(&text) {
        problems.push(format!("{path}: placeholder « {k} »"));
    }
    problems
}

#[test]
fn the_scanner_catches_what_it_is_for() {
    let leaked = "<p>Intention: price / margin 3.5 / skus</p><span title=\"pending\">⏳</span>\
                  <p>2026-11-25T11:03:00Z</p><div>[unsupported]</div>";
    let problems = check("/x", leaked);
    for expected in [
        "« price »",
        "« margin »",
        "« skus »",
        "« pending »",
        "raw date",
        "[unsupported]",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected}: {problems:?}"
        );
    }
    let fine = "<p>Ouverte · 25/11 14:03 · DEV-2026-0001</p><code>sku,title,price</code>\
                <input value=\"open\"> rivo@example.mg";
    assert!(check("/y", fine).is_empty(), "{:?}", check("/y", fine));
}

async fn seed(app: &TestApp) -> (i64, i64) {
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let (shop, conv) = (s.shop, s.conversation);
    app.create_user("vola@example.mg", Role::Agent, shop).await;
    app.add_prospect(shop, "261341234567", "devis_envoye", false)
        .await;
    app.add_prospect(shop, "261330000003", "nouveau", false)
        .await;
    crate::quotes_devis::add_products(
        app,
        shop,
        &[
            ("RIZ-MAK-25", "Riz makalioka 25 kg", 65_000),
            ("SAV-400", "Savon de Marseille 400 g", 2_500),
        ],
    )
    .await;
    let closed = app
        .add_conversation(
            shop,
            "261331111111",
            "Hery",
            "open",
            &[("in", "customer", "Misaotra", "received", 50)],
        )
        .await;
    app.db
        .write(move |c| {
            for kind in ["image", "audio", "document", "unsupported", "sticker", "location"] {
                c.execute(
                    "INSERT INTO messages (shop_id, conversation_id, direction, kind, media_id, status, author)
                     VALUES (?1, ?2, 'in', ?3, 'm1', 'received', 'customer')",
                    rusqlite::params![shop, conv, kind],
                )?;
            }
            c.execute(
                "INSERT INTO faq_items (shop_id, question, answer) VALUES (?1, 'Livrez-vous ?', 'Oui, à Tana.')",
                [shop],
            )?;
            c.execute(
                "INSERT INTO settings (shop_id, key, value) VALUES (?1, 'hours', '{\"mon-sat\":\"07:30-18:00\"}')",
                [shop],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let csrf = app.csrf().await;
    for (path, form) in [
        (format!("/admin/conversations/{closed}/resolve"), vec![]),
        (
            format!("/admin/conversations/{conv}/note"),
            vec![("body", "Rappeler demain")],
        ),
        (
            format!("/admin/conversations/{conv}/reply"),
            vec![("text", "Je m'en occupe")],
        ),
        (
            "/admin/reponses-rapides".to_string(),
            vec![
                ("shortcut", "horaires"),
                ("body_fr", "Ouvert de 7 h 30 à 18 h."),
            ],
        ),
        (
            "/admin/simulateur".to_string(),
            vec![("text", "Ohatrinona ny vary 25 kg ?")],
        ),
    ] {
        let mut form = form;
        form.push(("csrf", &csrf));
        let status = app.post_form(&path, &form).await.status();
        assert!(
            status.is_success() || status.is_redirection(),
            "{path}: {status}"
        );
    }
    let devis = app
        .post_form(
            "/admin/devis/nouveau",
            &[
                ("csrf", &csrf),
                ("customer_name", "Jean Rabe"),
                ("qty:RIZ-MAK-25", "1"),
                ("delivery_fee", "5000"),
                ("do", "create"),
            ],
        )
        .await;
    assert_eq!(devis.status(), 303);
    // A provider that keeps failing since a known time: the banner shows on every page.
    app.db
        .write(|c| {
            c.execute(
                "UPDATE outbox SET attempts = 2, last_error = 'délai dépassé', created_at = '2026-11-25T11:02:00Z',
                    next_attempt_at = '2999-01-01T00:00:00Z'",
                [],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    let devis_id = crate::whatsapp_support::count(&app.db, "SELECT max(id) FROM devis").await;
    (conv, devis_id)
}

#[tokio::test]
async fn no_admin_page_shows_english_words_raw_dates_or_bracketed_kinds() {
    let app = crate::helpers::spawn_app_with(|s| s.assistant.enabled = true).await;
    let (conv, devis) = seed(&app).await;
    let product = crate::whatsapp_support::count(&app.db, "SELECT min(id) FROM products").await;
    let faq = crate::whatsapp_support::count(&app.db, "SELECT min(id) FROM faq_items").await;
    let pages = [
        "/admin".to_string(),
        "/admin/conversations".into(),
        "/admin/conversations?status=needs_human".into(),
        "/admin/conversations?status=mine".into(),
        "/admin/conversations?status=open".into(),
        "/admin/conversations?status=closed".into(),
        format!("/admin/conversations/{conv}"),
        format!("/admin/conversations/{conv}?produit=riz"),
        "/admin/contacts".into(),
        format!("/admin/contacts/{conv}"),
        "/admin/catalogue".into(),
        "/admin/catalogue?q=savon".into(),
        "/admin/catalogue/nouveau".into(),
        format!("/admin/catalogue/{product}"),
        "/admin/catalogue/synonymes".into(),
        "/admin/faq".into(),
        format!("/admin/faq/{faq}"),
        "/admin/devis".into(),
        "/admin/devis/nouveau".into(),
        format!("/admin/devis/nouveau?conversation={conv}"),
        format!("/admin/devis/{devis}"),
        "/admin/prospects".into(),
        "/admin/reponses-rapides".into(),
        "/admin/simulateur".into(),
        "/admin/parametres".into(),
        "/admin/boutiques".into(),
        "/admin/nulle-part".into(),
        "/admin/hors-ligne".into(),
    ];
    let mut problems = Vec::new();
    for path in &pages {
        let res = app.client.get(app.url(path)).send().await.unwrap();
        let status = res.status().as_u16();
        assert!(status == 200 || status == 404, "{path}: {status}");
        let html = res.text().await.unwrap();
        if path != "/admin/hors-ligne" && path != "/admin/nulle-part" {
            assert!(
                html.contains("WhatsApp ne répond pas"),
                "{path}: the banner"
            );
        }
        problems.extend(check(path, &html));
    }
    // The simulator's answer page, and the login page of someone signed out.
    let csrf = app.csrf().await;
    let sim = app
        .post_form(
            "/admin/simulateur",
            &[("csrf", &csrf), ("text", "Misy savony ve ?")],
        )
        .await
        .text()
        .await
        .unwrap();
    problems.extend(check("POST /admin/simulateur", &sim));
    let out = reqwest::Client::new()
        .get(app.url("/admin/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    problems.extend(check("/admin/login", &out));
    // The agent's view of a page it may not open.
    let agent = crate::helpers::TestApp {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .unwrap(),
        address: app.address.clone(),
        dir: tempfile::tempdir().unwrap(),
        db: app.db.clone(),
        settings: app.settings.clone(),
    };
    agent.login("vola@example.mg", PASSWORD).await;
    problems.extend(check(
        "403 /admin/parametres",
        &agent.page("/admin/parametres", 403).await,
    ));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
