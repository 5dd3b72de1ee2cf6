//! The admin as an app an owner lives in: `/` leads to it and `serve` says where it
//! is, error pages keep the menu, it installs (manifest, icons, service worker,
//! offline page), a new shop gets a getting-started checklist, hours are a weekly
//! form, contacts carry tags and opt-out and export to CSV, and `varotra chat` stays
//! out of the inbox, the prospects and the KPIs.

use crate::helpers::{spawn_app, PASSWORD};
use varotra::db::accounts::Role;
use varotra::db::shops;

#[tokio::test]
async fn the_root_address_leads_to_the_admin() {
    let app = spawn_app().await;
    let res = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/admin");
}

#[tokio::test]
async fn not_found_and_forbidden_pages_keep_the_menu() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let missing = app.page("/admin/conversations/999999", 404).await;
    assert!(missing.contains("Page introuvable"));
    for link in [
        "href=\"/admin/conversations\"",
        "href=\"/admin/devis\"",
        "href=\"/admin/contacts\"",
    ] {
        assert!(missing.contains(link), "{link}: {missing}");
    }
    app.create_user("vola@example.mg", Role::Agent, s.shop)
        .await;
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
    assert_eq!(agent.login("vola@example.mg", PASSWORD).await.status(), 303);
    let forbidden = agent.page("/admin/parametres", 403).await;
    assert!(
        forbidden.contains("Accès refusé") && forbidden.contains("href=\"/admin/conversations\"")
    );
    // Customer data leaves only with an owner.
    agent.page("/admin/contacts/export.csv", 403).await;
}

#[tokio::test]
async fn the_admin_installs_as_an_app_with_an_offline_page() {
    let app = spawn_app().await;
    let manifest: serde_json::Value = app
        .client
        .get(app.url("/assets/manifest.webmanifest"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(manifest["start_url"], "/admin");
    assert_eq!(manifest["display"], "standalone");
    for icon in manifest["icons"].as_array().unwrap() {
        let src = icon["src"].as_str().unwrap();
        let res = app.client.get(app.url(src)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{src}");
        if src.ends_with(".png") {
            assert!(res.bytes().await.unwrap().starts_with(b"\x89PNG"), "{src}");
        }
    }
    let sw = app
        .client
        .get(app.url("/admin/sw.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(sw.status(), 200);
    assert_eq!(sw.headers()["service-worker-allowed"], "/admin");
    assert!(sw.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert!(sw.text().await.unwrap().contains("/admin/hors-ligne"));
    let offline = app.page("/admin/hors-ligne", 200).await;
    assert!(offline.contains("Pas de connexion"));
    // Every page links the manifest and the script, none carries an inline script.
    app.seeded_owner("rivo", "rivo@example.mg").await;
    let page = app.page("/admin", 200).await;
    assert!(page.contains("rel=\"manifest\"") && page.contains("/assets/admin.js"));
    assert!(!page.contains("<script>") && !page.contains(" style=\""));
}

#[tokio::test]
async fn serve_prints_the_admin_address() {
    use std::io::{BufRead, BufReader};
    let app = spawn_app().await;
    let data = app.own_store();
    let mut child = app
        .command()
        .env("VAROTRA__SERVER__DATA_DIR", &data)
        .env("VAROTRA__SERVER__BIND", "127.0.0.1:0")
        .env("VAROTRA__SERVER__PUBLIC_URL", "http://boutique.example.mg")
        .arg("serve")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find(|l| l.contains("/admin"))
    })
    .await
    .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let line = line.expect("serve prints the admin address");
    assert!(line.contains("http://boutique.example.mg/admin"), "{line}");
}

#[tokio::test]
async fn a_new_shop_gets_a_checklist_that_ticks_what_is_done() {
    let app = spawn_app().await;
    let shop = app.create_shop("rivo", "Boutique Rivo").await;
    app.create_user("rivo@example.mg", Role::Owner, shop).await;
    assert_eq!(app.login("rivo@example.mg", PASSWORD).await.status(), 303);
    let page = app.page("/admin", 200).await;
    assert!(page.contains("Pour bien démarrer"));
    assert_eq!(page.matches("<li class=\"done\">").count(), 0, "{page}");
    app.add_number(shop, "pnid-rivo").await;
    app.db
        .write(move |c| shops::set_setting(c, shop, "payment.mvola", "034 12 345 67"))
        .await
        .unwrap();
    let page = app.page("/admin", 200).await;
    assert_eq!(
        page.matches("<li class=\"done\">").count(),
        2,
        "number and payment"
    );
    assert!(page.contains("Poser une première question au simulateur"));
}

#[tokio::test]
async fn opening_hours_are_edited_as_a_week_and_stored_as_the_hours_json() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    let csrf = app.csrf().await;
    let mut form = vec![("csrf".to_string(), csrf.clone())];
    for day in ["mon", "tue", "wed", "thu", "fri"] {
        form.push((format!("open_{day}"), "1".into()));
        form.push((format!("from_{day}"), "08:00".into()));
        form.push((format!("to_{day}"), "17:30".into()));
    }
    form.extend([
        ("open_sat".to_string(), "1".to_string()),
        ("from_sat".into(), "08:00".into()),
        ("to_sat".into(), "12:00".into()),
    ]);
    let res = app
        .client
        .post(app.url("/admin/parametres/horaires"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let shop = s.shop;
    let hours = app
        .db
        .read(move |c| shops::setting(c, shop, "hours"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hours, r#"{"mon-fri":"08:00-17:30","sat":"08:00-12:00"}"#);
    let page = app.page("/admin/parametres", 200).await;
    assert!(page.contains("name=\"from_sat\" value=\"08:00\""));
    assert!(
        !page.contains("(JSON)") && !page.contains("mon-sat"),
        "no JSON box"
    );
    // A day that closes before it opens is refused and nothing changes.
    let bad = app
        .post_form(
            "/admin/parametres/horaires",
            &[
                ("csrf", &csrf),
                ("open_sun", "1"),
                ("from_sun", "12:00"),
                ("to_sun", "08:00"),
            ],
        )
        .await;
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("Dimanche"));
    let same = app
        .db
        .read(move |c| shops::setting(c, shop, "hours"))
        .await
        .unwrap();
    assert_eq!(same.as_deref(), Some(hours.as_str()));
}

#[tokio::test]
async fn contacts_carry_tags_and_opt_out_and_export_to_a_spreadsheet() {
    let app = spawn_app().await;
    let s = app.seeded_owner("rivo", "rivo@example.mg").await;
    app.add_prospect(s.shop, "261341234567", "qualifie", true)
        .await;
    let csrf = app.csrf().await;
    let res = app
        .post_form(
            &format!("/admin/contacts/{}", s.conversation),
            &[
                ("csrf", &csrf),
                ("tags", "VIP, grossiste ,vip"),
                ("opted_out", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let list = app.page("/admin/contacts?tag=grossiste", 200).await;
    assert!(
        list.contains("Rasoa") && list.contains("ne veut plus de messages"),
        "{list}"
    );
    assert!(list.contains("Qualifié"));
    assert!(app
        .page("/admin/contacts?tag=autre", 200)
        .await
        .contains("0 contact(s)"));
    let contact = app
        .page(&format!("/admin/contacts/{}", s.conversation), 200)
        .await;
    assert!(contact.contains("value=\"vip, grossiste\"") && contact.contains("DEV-2026-0001"));
    let opted = app
        .db
        .read(move |c| varotra::db::contacts::is_opted_out(c, s.shop, "261341234567"))
        .await
        .unwrap();
    assert!(opted);

    let csv = app
        .client
        .get(app.url("/admin/contacts/export.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"contacts-"));
    let bytes = csv.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "nom;telephone;etiquettes;ne_veut_plus_de_messages;etape;messages;devis;premier_contact;dernier_contact"
    );
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("Rasoa;261341234567;vip, grossiste;oui;Qualifié;3;1;"),
        "{row}"
    );
    let prospects = app.page("/admin/prospects/export.csv", 200).await;
    assert!(
        prospects.contains("Client;261341234567;Qualifié"),
        "{prospects}"
    );
    let devis = app.page("/admin/devis/export.csv", 200).await;
    assert!(
        devis.contains("DEV-2026-0001;") && devis.contains(";100000;20000;120000;MGA;"),
        "{devis}"
    );
}

#[tokio::test]
async fn the_console_chat_stays_out_of_the_inbox_the_prospects_and_the_kpis() {
    let (app, shop) = crate::assistant_eval::epicerie().await;
    let out = app
        .command()
        .args(["chat", "--shop", "epicerie-rivo", "--from", "261340000077"])
        .args(["--message", "Bonjour, ohatrinona ny sira ?"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 500 Ar"));
    let (visible, prospects, counted, stored): (i64, i64, i64, i64) = app
        .db
        .read(move |c| {
            Ok((
                varotra::db::inbox::list(
                    c,
                    shop,
                    &varotra::db::inbox::Filter {
                        limit: 10,
                        ..Default::default()
                    },
                )?
                .1,
                c.query_row("SELECT count(*) FROM prospects", [], |r| r.get(0))?,
                c.query_row(
                    "SELECT count(*) FROM messages WHERE status != 'simulated'",
                    [],
                    |r| r.get(0),
                )?,
                c.query_row("SELECT count(*) FROM messages", [], |r| r.get(0))?,
            ))
        })
        .await
        .unwrap();
    assert_eq!((visible, prospects, counted), (0, 0, 0));
    assert_eq!(
        stored, 2,
        "the console's turns are kept, as the simulator's"
    );
}
