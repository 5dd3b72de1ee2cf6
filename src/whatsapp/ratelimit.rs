//! Sending and answering limits.
//!
//! - Pair rate: Meta allows about one message per 6 s to the same customer; the sender
//!   waits (the row stays queued) rather than have Meta refuse it.
//! - Per-shop cap: at most `shop_messages_per_second` sends per shop per second.
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
}

impl SendLimiter {
    pub fn new(pair_interval_ms: u64, shop_messages_per_second: u64) -> Self {
        Self {
            pair_interval: Duration::from_millis(pair_interval_ms),
            per_second: shop_messages_per_second.max(1) as u32,
            last_to: HashMap::new(),
            shop_window: HashMap::new(),
        }
    }

    /// Takes a send slot for (`account`, `to`) of `shop` now, or says to wait.
    pub fn try_acquire(&mut self, shop: ShopId, account: i64, to: &str, now: Instant) -> bool {
        let key = (account, to.to_string());
        if let Some(last) = self.last_to.get(&key) {
            if now.duration_since(*last) < self.pair_interval {
                return false;
            }
        }
        let window = self.shop_window.entry(shop).or_insert((now, 0));
        if now.duration_since(window.0) >= Duration::from_secs(1) {
            *window = (now, 0);
        }
        if window.1 >= self.per_second {
            return false;
        }
        window.1 += 1;
        self.last_to.insert(key, now);
        // Forget customers idle for long, so the map does not grow forever.
        if self.last_to.len() > 10_000 {
            let keep = self.pair_interval.max(Duration::from_secs(60));
            self.last_to.retain(|_, t| now.duration_since(*t) < keep);
        }
        true
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
