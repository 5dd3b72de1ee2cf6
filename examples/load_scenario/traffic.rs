//! What the customers send: signed Cloud API deliveries (text, photo, status) shaped
//! like Meta's documented webhook envelope, the mix of message classes, and the log of
//! what was sent when, to match each reply the fake Graph API receives to its message.

use crate::store::{Shop, APP_SECRET};
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::json;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A class of customer message, as the mix names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// A catalogue item's price: answered from the data, never the model.
    Grounded,
    /// A devis request.
    Quote,
    /// Small talk, which goes to the model lane.
    Model,
    /// A photo with a caption (downloaded from the fake Graph API).
    Media,
    /// A message to the flooded shop.
    Flood,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Grounded => "grounded (price)",
            Class::Quote => "quote (devis)",
            Class::Model => "model (small talk)",
            Class::Media => "media (photo)",
            Class::Flood => "flooded shop",
        }
    }
}

/// The phase of the run a message was sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Calm,
    Burst,
    Flood,
}

/// One customer message sent.
#[derive(Debug, Clone)]
pub struct Sent {
    pub class: Class,
    pub phase: Phase,
    pub customer: String,
    pub at: Instant,
    /// The shop's price the reply must state (grounded questions).
    pub price: Option<String>,
    /// Delivered twice with the same wamid.
    pub redelivered: bool,
    pub acked: bool,
}

const SMALL_TALK: &[&str] = &[
    "Vous avez vu le match de foot hier soir ?",
    "Il pleut beaucoup à Tana aujourd'hui, non ?",
    "Je m'ennuie un peu ce soir, racontez-moi quelque chose",
    "Ma fille passe son bac la semaine prochaine",
    "Vous pensez quoi de la nouvelle route d'Ivato ?",
    "Quel temps fait-il chez vous ce matin ?",
];

/// The sender: one keep-alive client, the webhook URL, the next customer and wamid.
#[derive(Clone)]
pub struct Customers {
    pub client: reqwest::Client,
    pub url: String,
    next: Arc<AtomicU64>,
    pub log: Arc<Mutex<Vec<Sent>>>,
}

fn now_unix() -> String {
    chrono::Utc::now().timestamp().to_string()
}

/// A Cloud API `messages` change from `from` to the number `(pnid, display)`.
pub fn envelope(pnid: &str, display: &str, value: serde_json::Value) -> Vec<u8> {
    let mut value = value;
    value["messaging_product"] = json!("whatsapp");
    value["metadata"] = json!({"display_phone_number": display, "phone_number_id": pnid});
    serde_json::to_vec(&json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}]
    }))
    .expect("json")
}

pub fn text_message(pnid: &str, display: &str, from: &str, wamid: &str, text: &str) -> Vec<u8> {
    envelope(
        pnid,
        display,
        json!({
            "contacts": [{"profile": {"name": format!("Client {from}")}, "wa_id": from}],
            "messages": [{"from": from, "id": wamid, "timestamp": now_unix(),
                          "type": "text", "text": {"body": text}}]
        }),
    )
}

fn photo_message(pnid: &str, display: &str, from: &str, wamid: &str, media: u64) -> Vec<u8> {
    envelope(
        pnid,
        display,
        json!({
            "contacts": [{"profile": {"name": format!("Client {from}")}, "wa_id": from}],
            "messages": [{"from": from, "id": wamid, "timestamp": now_unix(), "type": "image",
                          "image": {"caption": "Misy ve ity?", "mime_type": "image/jpeg",
                                    "sha256": "HgsQd0tJmXbF0H1xvH5t2wRkq1Qj3x8xGqWzZ5Cz0dM=",
                                    "id": media.to_string()}}]
        }),
    )
}

/// A `delivered` status for a message the fake accepted.
pub fn status(pnid: &str, display: &str, wamid: &str, to: &str) -> Vec<u8> {
    envelope(
        pnid,
        display,
        json!({"statuses": [{"id": wamid, "status": "delivered", "timestamp": now_unix(),
            "recipient_id": to,
            "pricing": {"billable": true, "pricing_model": "PMP", "type": "regular",
                        "category": "service"}}]}),
    )
}

impl Customers {
    pub fn new(base: &str, connections: usize) -> Customers {
        Customers {
            client: reqwest::Client::builder()
                .pool_max_idle_per_host(connections)
                .build()
                .expect("client"),
            url: format!("{base}/webhooks/whatsapp"),
            next: Arc::new(AtomicU64::new(1)),
            log: Arc::default(),
        }
    }

    /// A customer nobody used before (Meta's pair rate allows one message per 6 s
    /// to a customer: each timed message comes from its own customer).
    pub fn fresh(&self) -> (String, u64) {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        (format!("26134{n:07}"), n)
    }

    /// Posts one signed delivery; true when acknowledged with 200.
    pub async fn post(&self, body: Vec<u8>) -> bool {
        let sig = varotra::whatsapp::signature::sign(APP_SECRET, &body);
        matches!(
            self.client
                .post(&self.url)
                .header("X-Hub-Signature-256", sig)
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .await,
            Ok(r) if r.status() == 200
        )
    }

    /// Sends one message of the mix (70 % grounded, 20 % quotes, 10 % small talk;
    /// `media_share` of photos on top, 1 in 20 grounded questions delivered twice)
    /// to a random number of `shop`.
    pub async fn one_of_mix(&self, shop: &Shop, phase: Phase, media_share: f64) {
        let roll: f64 = rand::thread_rng().gen();
        let class = if rand::thread_rng().gen_bool(media_share) {
            Class::Media
        } else if roll < 0.7 {
            Class::Grounded
        } else if roll < 0.9 {
            Class::Quote
        } else {
            Class::Model
        };
        self.send(shop, class, phase).await;
    }

    /// Sends one message of `class` from a fresh customer and logs it.
    pub async fn send(&self, shop: &Shop, class: Class, phase: Phase) {
        let (customer, n) = self.fresh();
        let wamid = format!("wamid.load.{n}");
        let (body, price, redeliver) = {
            let mut rng = rand::thread_rng();
            let (pnid, display) = shop.numbers.choose(&mut rng).expect("a number");
            let (title, price) = shop.products.choose(&mut rng).expect("a product");
            let title = title.to_lowercase();
            match class {
                Class::Grounded | Class::Flood => {
                    let text = match rng.gen_range(0..3) {
                        0 => format!("Bonjour, c'est combien le {title} ?"),
                        1 => format!("Quel est le prix de {title} svp"),
                        _ => format!("Ohatrinona ny {title} ?"),
                    };
                    let body = text_message(pnid, display, &customer, &wamid, &text);
                    let price = varotra::money::format_amount(*price, "MGA");
                    (
                        body,
                        Some(price),
                        class == Class::Grounded && rng.gen_bool(0.05),
                    )
                }
                Class::Quote => {
                    let text = format!(
                        "Je voudrais un devis pour {} {title} s'il vous plaît",
                        rng.gen_range(2..7)
                    );
                    (
                        text_message(pnid, display, &customer, &wamid, &text),
                        None,
                        false,
                    )
                }
                Class::Model => {
                    let text = SMALL_TALK.choose(&mut rng).expect("a sentence");
                    (
                        text_message(pnid, display, &customer, &wamid, text),
                        None,
                        false,
                    )
                }
                Class::Media => (
                    photo_message(pnid, display, &customer, &wamid, 5_000_000 + n),
                    None,
                    false,
                ),
            }
        };
        let at = Instant::now();
        let acked = self.post(body.clone()).await;
        self.log.lock().unwrap().push(Sent {
            class,
            phase,
            customer,
            at,
            price: price.filter(|_| class != Class::Flood),
            redelivered: redeliver,
            acked,
        });
        if redeliver {
            // Meta redelivers when it saw no 200 in time: the same wamid, a moment later.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
            self.post(body).await;
        }
    }

    /// The flood: `count` price questions to `shop` from `count / 5` customers, five
    /// each (under the flood limit of 20 a minute), over `connections` connections.
    pub async fn flood(&self, shop: &Shop, count: usize, connections: usize) -> (usize, f64) {
        let customers: Vec<String> = (0..count.div_ceil(5)).map(|_| self.fresh().0).collect();
        let next = Arc::new(AtomicU64::new(0));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..connections {
            let (me, shop, next, customers) =
                (self.clone(), shop.clone(), next.clone(), customers.clone());
            tasks.push(tokio::spawn(async move {
                let mut acked = 0;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed) as usize;
                    if i >= count {
                        return acked;
                    }
                    let body = {
                        let mut rng = rand::thread_rng();
                        let (pnid, display) = shop.numbers.choose(&mut rng).expect("number");
                        let (title, _) = shop.products.choose(&mut rng).expect("product");
                        let text = format!("Combien le {} ?", title.to_lowercase());
                        let from = &customers[i % customers.len()];
                        text_message(pnid, display, from, &format!("wamid.flood.{i}"), &text)
                    };
                    acked += usize::from(me.post(body).await);
                }
            }));
        }
        let mut acked = 0;
        for t in tasks {
            acked += t.await.unwrap_or(0);
        }
        (acked, started.elapsed().as_secs_f64())
    }
}
