//! Rows the admin and API tests need (numbers, conversations, messages, prospects,
//! devis), written straight into the store as the channel and the bot would.

use crate::helpers::{extract_csrf, TestApp, PASSWORD};
use rusqlite::params;
use varotra::db::accounts::Role;
use varotra::db::ShopId;

pub struct Seeded {
    pub shop: ShopId,
    pub conversation: i64,
}

impl TestApp {
    pub async fn add_number(&self, shop: ShopId, phone_number_id: &str) -> i64 {
        let pnid = phone_number_id.to_string();
        self.db
            .write(move |c| {
                c.execute(
                    "INSERT INTO whatsapp_accounts (shop_id, wa_number, provider, webhook_token, phone_number_id, token)
                     VALUES (?1, '+261320000001', 'meta', ?2, ?3, 'secret-token')",
                    params![shop, format!("hook-{pnid}"), pnid],
                )?;
                Ok(c.last_insert_rowid())
            })
            .await
            .unwrap()
    }

    /// A conversation with `phone` and its messages: (direction, author, body, status, minutes ago).
    pub async fn add_conversation(
        &self,
        shop: ShopId,
        phone: &str,
        name: &str,
        status: &str,
        msgs: &[(&str, &str, &str, &str, i64)],
    ) -> i64 {
        let (phone, name, status) = (phone.to_string(), name.to_string(), status.to_string());
        let msgs: Vec<(String, String, String, String, i64)> = msgs
            .iter()
            .map(|m| (m.0.into(), m.1.into(), m.2.into(), m.3.into(), m.4))
            .collect();
        self.db
            .write(move |c| {
                let account: Option<i64> = c
                    .query_row(
                        "SELECT id FROM whatsapp_accounts WHERE shop_id = ?1 LIMIT 1",
                        [shop],
                        |r| r.get(0),
                    )
                    .ok();
                let ago = |m: i64| {
                    (chrono::Utc::now() - chrono::Duration::minutes(m))
                        .format("%Y-%m-%dT%H:%M:%SZ")
                        .to_string()
                };
                let first = msgs.iter().map(|m| m.4).max().unwrap_or(0);
                let last = msgs.iter().map(|m| m.4).min().unwrap_or(0);
                c.execute(
                    "INSERT INTO conversations (shop_id, wa_account_id, customer_key, customer_phone, customer_name, status, created_at, last_message_at)
                     VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
                    params![shop, account, phone, name, status, ago(first), ago(last)],
                )?;
                let conv = c.last_insert_rowid();
                for (dir, author, body, st, m) in &msgs {
                    c.execute(
                        "INSERT INTO messages (shop_id, conversation_id, direction, kind, body, status, author, created_at)
                         VALUES (?1, ?2, ?3, 'text', ?4, ?5, ?6, ?7)",
                        params![shop, conv, dir, body, st, author, ago(*m)],
                    )?;
                }
                Ok(conv)
            })
            .await
            .unwrap()
    }

    pub async fn add_prospect(&self, shop: ShopId, phone: &str, status: &str, with_devis: bool) {
        let (phone, status) = (phone.to_string(), status.to_string());
        self.db
            .write(move |c| {
                c.execute(
                    "INSERT INTO prospects (shop_id, phone, name, status) VALUES (?1, ?2, 'Client', ?3)",
                    params![shop, phone, status],
                )?;
                let prospect = c.last_insert_rowid();
                if with_devis {
                    let seq: i64 = c.query_row(
                        "SELECT count(*) + 1 FROM devis WHERE shop_id = ?1",
                        [shop],
                        |r| r.get(0),
                    )?;
                    c.execute(
                        "INSERT INTO devis (shop_id, number, year, seq, prospect_id, customer_phone, total_ht, tva, total_ttc, valid_until)
                         VALUES (?1, ?2, 2026, ?3, ?4, ?5, 100000, 20000, 120000, '2026-12-31')",
                        params![shop, format!("DEV-2026-{seq:04}"), seq, prospect, phone],
                    )?;
                }
                Ok(())
            })
            .await
            .unwrap();
    }

    /// A shop with an owner logged in (cookie kept by `self.client`), a number and one
    /// conversation waiting for a human.
    pub async fn seeded_owner(&self, slug: &str, email: &str) -> Seeded {
        let shop = self.create_shop(slug, &format!("Boutique {slug}")).await;
        self.create_user(email, Role::Owner, shop).await;
        self.add_number(shop, &format!("pnid-{slug}")).await;
        let conversation = self
            .add_conversation(
                shop,
                "261341234567",
                "Rasoa",
                "needs_human",
                &[
                    (
                        "in",
                        "customer",
                        "Bonjour, ohatrinona ny vary ?",
                        "received",
                        30,
                    ),
                    ("out", "bot", "Le riz 5 kg est à 18 000 Ar.", "read", 29),
                    ("in", "customer", "Mila olona aho azafady", "received", 5),
                ],
            )
            .await;
        assert_eq!(self.login(email, PASSWORD).await.status(), 303);
        Seeded { shop, conversation }
    }

    /// The session's CSRF token, read from an admin page.
    pub async fn csrf(&self) -> String {
        extract_csrf(&self.page("/admin", 200).await).expect("csrf field")
    }

    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .unwrap()
    }
}
