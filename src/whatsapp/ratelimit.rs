//! Sending and answering limits.
//!
//! - Pair rate: Meta allows about one message per 6 s to the same customer; the sender
//!   waits (the row stays queued) rather than have Meta refuse it.
//! - Per-shop cap: at most `shop_messages_per_second` sends per shop per second.
//! - Per-number cap: Meta's throughput of the number (about 80 messages a second, 20
//!   for a number shared with the WhatsApp Business app), or the number's own setting.
//! - A send that failed temporarily gives its slot back ([`SendLimiter::refund`]):
//!   while the provider is down the pair interval is not charged on every attempt, so
//!   the backoff, not the pacing, decides when the message is tried again.
//! - Flood control: a customer who sends more than `customer_messages_per_minute`
//!   messages in a minute gets no further bot replies that minute. Counted from the
//!   stored messages, so it holds across restarts and never touches other customers.

use crate::db::{messages, ConversationId, DbError, MessageId, ShopId};
use rusqlite::Connection;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// In-memory send pacing of the sender worker.
pub struct SendLimiter {
    pair_interval: Duration,
    per_second: u32,
    last_to: HashMap<(i64, String), Instant>,
    shop_window: HashMap<ShopId, (Instant, u32)>,
    number_window: HashMap<i64, (Instant, u32)>,
    /// Each number's rate as last seen, to tell when its window is full.
    number_cap: HashMap<i64, u32>,
}

/// A send slot taken by [`SendLimiter::acquire`], given back by [`SendLimiter::refund`].
#[derive(Debug, Clone)]
pub struct Slot {
    shop: ShopId,
    account: i64,
    to: String,
    previous: Option<Instant>,
}

/// True when `window` has had `cap` sends in the second still running at `now`.
fn is_full(window: &(Instant, u32), cap: u32, now: Instant) -> bool {
    window.1 >= cap && now.duration_since(window.0) < Duration::from_secs(1)
}

/// Counts one send in a one-second window; false when the window is full.
fn take(window: &mut (Instant, u32), cap: u32, now: Instant) -> bool {
    if now.duration_since(window.0) >= Duration::from_secs(1) {
        *window = (now, 0);
    }
    if window.1 >= cap {
        return false;
    }
    window.1 += 1;
    true
}

impl SendLimiter {
    pub fn new(pair_interval_ms: u64, shop_messages_per_second: u64) -> Self {
        Self {
            pair_interval: Duration::from_millis(pair_interval_ms),
            per_second: shop_messages_per_second.max(1) as u32,
            last_to: HashMap::new(),
            shop_window: HashMap::new(),
            number_window: HashMap::new(),
            number_cap: HashMap::new(),
        }
    }

    /// Takes a send slot for (`account`, `to`) of `shop` now, or says to wait.
    pub fn try_acquire(&mut self, shop: ShopId, account: i64, to: &str, now: Instant) -> bool {
        self.acquire(shop, account, to, u32::MAX, now).is_some()
    }

    /// Takes a send slot for (`account`, `to`) of `shop` now, the number sending at
    /// most `number_rate` a second; `None` says to wait.
    pub fn acquire(
        &mut self,
        shop: ShopId,
        account: i64,
        to: &str,
        number_rate: u32,
        now: Instant,
    ) -> Option<Slot> {
        self.number_cap.insert(account, number_rate.max(1));
        let key = (account, to.to_string());
        let previous = self.last_to.get(&key).copied();
        if previous.is_some_and(|last| now.duration_since(last) < self.pair_interval) {
            return None;
        }
        let number = self.number_window.entry(account).or_insert((now, 0));
        if is_full(number, number_rate.max(1), now) {
            return None;
        }
        let window = self.shop_window.entry(shop).or_insert((now, 0));
        if !take(window, self.per_second, now) {
            return None;
        }
        let number = self.number_window.entry(account).or_insert((now, 0));
        take(number, number_rate.max(1), now);
        self.last_to.insert(key, now);
        // Forget customers idle for long, so the map does not grow forever.
        if self.last_to.len() > 10_000 {
            let keep = self.pair_interval.max(Duration::from_secs(60));
            self.last_to.retain(|_, t| now.duration_since(*t) < keep);
        }
        Some(Slot {
            shop,
            account,
            to: to.to_string(),
            previous,
        })
    }

    /// The shops and numbers that have used their whole second's allowance at `now`:
    /// the sender leaves their rows out of its next look at the outbox, so a flooded
    /// shop's backlog never fills the round and hides the quiet shops' replies.
    pub fn capped(&self, now: Instant) -> (Vec<ShopId>, Vec<i64>) {
        let shops = self
            .shop_window
            .iter()
            .filter(|(_, w)| is_full(w, self.per_second, now))
            .map(|(shop, _)| *shop)
            .collect();
        let numbers = self
            .number_window
            .iter()
            .filter(|(account, w)| {
                let cap = self.number_cap.get(account).copied().unwrap_or(u32::MAX);
                is_full(w, cap, now)
            })
            .map(|(account, _)| *account)
            .collect();
        (shops, numbers)
    }

    /// Gives back a slot whose send did not go through: the customer's pair interval
    /// runs from their previous message again, and the send does not count.
    pub fn refund(&mut self, slot: Slot) {
        let key = (slot.account, slot.to);
        match slot.previous {
            Some(t) => {
                self.last_to.insert(key, t);
            }
            None => {
                self.last_to.remove(&key);
            }
        }
        for window in [
            self.shop_window.get_mut(&slot.shop),
            self.number_window.get_mut(&slot.account),
        ]
        .into_iter()
        .flatten()
        {
            window.1 = window.1.saturating_sub(1);
        }
    }
}

/// True when the customer already sent more than `limit` messages in the minute up
/// to `message`: the bot stays quiet on it.
pub fn is_flooding(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    message: MessageId,
    limit: u64,
) -> Result<bool, DbError> {
    if limit == 0 {
        return Ok(false);
    }
    Ok(messages::inbound_in_last_minute(conn, shop, conv, message)? > limit as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_message_to_the_same_customer_waits_for_the_pair_interval() {
        let mut l = SendLimiter::new(6000, 20);
        let t0 = Instant::now();
        assert!(l.try_acquire(ShopId(1), 1, "2613", t0));
        assert!(!l.try_acquire(ShopId(1), 1, "2613", t0 + Duration::from_secs(5)));
        assert!(l.try_acquire(ShopId(1), 1, "2614", t0 + Duration::from_secs(5)));
        assert!(l.try_acquire(ShopId(1), 1, "2613", t0 + Duration::from_secs(6)));
    }

    #[test]
    fn a_coexistence_number_sends_at_most_its_own_rate() {
        let mut l = SendLimiter::new(0, 100);
        let t0 = Instant::now();
        let sent = (0..30)
            .filter(|i| l.acquire(ShopId(1), 7, &format!("c{i}"), 20, t0).is_some())
            .count();
        assert_eq!(sent, 20);
        assert!(
            l.acquire(ShopId(1), 8, "x", 80, t0).is_some(),
            "another number is not slowed"
        );
        assert!(l
            .acquire(ShopId(1), 7, "c99", 20, t0 + Duration::from_secs(1))
            .is_some());
    }

    #[test]
    fn a_failed_send_gives_its_pair_slot_back() {
        let mut l = SendLimiter::new(6000, 20);
        let t0 = Instant::now();
        let slot = l.acquire(ShopId(1), 1, "2613", 80, t0).unwrap();
        l.refund(slot);
        assert!(
            l.acquire(ShopId(1), 1, "2613", 80, t0 + Duration::from_secs(1))
                .is_some(),
            "a refused attempt does not hold the customer for 6 s"
        );
        assert!(l
            .acquire(ShopId(1), 1, "2613", 80, t0 + Duration::from_secs(2))
            .is_none());
    }

    #[test]
    fn a_shop_or_number_that_used_its_second_is_reported_capped_until_the_second_ends() {
        let mut l = SendLimiter::new(0, 2);
        let t0 = Instant::now();
        assert!(l.try_acquire(ShopId(1), 1, "a", t0));
        assert_eq!(l.capped(t0).0, Vec::<ShopId>::new(), "one send of two");
        assert!(l.try_acquire(ShopId(1), 1, "b", t0));
        assert!(l.acquire(ShopId(2), 9, "c", 1, t0).is_some());
        let (shops, mut numbers) = l.capped(t0 + Duration::from_millis(500));
        numbers.sort();
        assert_eq!(shops, vec![ShopId(1)], "shop 2 sent one of its two");
        assert_eq!(numbers, vec![9], "number 9 sends one a second");
        assert_eq!(l.capped(t0 + Duration::from_secs(1)), (vec![], vec![]));
    }

    #[test]
    fn a_shop_sends_at_most_its_cap_per_second_without_slowing_other_shops() {
        let mut l = SendLimiter::new(0, 2);
        let t0 = Instant::now();
        assert!(l.try_acquire(ShopId(1), 1, "a", t0));
        assert!(l.try_acquire(ShopId(1), 1, "b", t0));
        assert!(!l.try_acquire(ShopId(1), 1, "c", t0));
        assert!(l.try_acquire(ShopId(2), 2, "c", t0));
        assert!(l.try_acquire(ShopId(1), 1, "c", t0 + Duration::from_secs(1)));
    }
}
