//! Opening hours from the shop setting `hours`, a JSON object of day ranges to time
//! ranges (`{"mon-sat":"07:30-18:00","sun":"08:00-12:00"}`), read in the shop's time
//! zone: is the shop open now, and the hours written out in French or Malagasy.

use super::language::Lang;
use chrono::{Datelike, NaiveTime, TimeZone, Timelike, Utc};

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const FR_DAYS: [&str; 7] = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];
const MG_DAYS: [&str; 7] = [
    "alatsinainy",
    "talata",
    "alarobia",
    "alakamisy",
    "zoma",
    "asabotsy",
    "alahady",
];

/// Opening ranges per weekday (Monday first), as written in the setting.
#[derive(Debug, Clone, PartialEq)]
pub struct Hours {
    /// (first day, last day, open, close) in the setting's order.
    pub ranges: Vec<(usize, usize, NaiveTime, NaiveTime)>,
}

fn day(s: &str) -> Option<usize> {
    let s = s.trim().to_ascii_lowercase();
    DAYS.iter().position(|d| s.starts_with(d))
}

/// Parses the `hours` setting; `None` when absent or malformed.
pub fn parse(setting: &str) -> Option<Hours> {
    let v: serde_json::Value = serde_json::from_str(setting).ok()?;
    let mut ranges = Vec::new();
    for (days, times) in v.as_object()? {
        let (a, b) = match days.split_once('-') {
            Some((a, b)) => (day(a)?, day(b)?),
            None => (day(days)?, day(days)?),
        };
        let (o, c) = times.as_str()?.split_once('-')?;
        let o = NaiveTime::parse_from_str(o.trim(), "%H:%M").ok()?;
        let c = NaiveTime::parse_from_str(c.trim(), "%H:%M").ok()?;
        ranges.push((a, b, o, c));
    }
    ranges.sort_by_key(|r| r.0);
    Some(Hours { ranges })
}

impl Hours {
    /// Today's (open, close) for weekday `wd` (0 = Monday).
    pub fn on(&self, wd: usize) -> Option<(NaiveTime, NaiveTime)> {
        self.ranges
            .iter()
            .find(|(a, b, _, _)| (*a..=*b).contains(&wd))
            .map(|(_, _, o, c)| (*o, *c))
    }

    /// The opening range of the local day of `now` in `tz`.
    pub fn today(&self, tz: &str, now: chrono::DateTime<Utc>) -> Option<(NaiveTime, NaiveTime)> {
        let tz: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::Indian::Antananarivo);
        let local = tz.from_utc_datetime(&now.naive_utc());
        self.on(local.weekday().num_days_from_monday() as usize)
    }

    /// Whether the shop is open at `now` (UTC) in time zone `tz`.
    pub fn is_open(&self, tz: &str, now: chrono::DateTime<Utc>) -> bool {
        let tz: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::Indian::Antananarivo);
        let local = tz.from_utc_datetime(&now.naive_utc());
        let wd = local.weekday().num_days_from_monday() as usize;
        let t = NaiveTime::from_hms_opt(local.hour(), local.minute(), 0).unwrap_or_default();
        self.on(wd).is_some_and(|(o, c)| t >= o && t < c)
    }

    /// `lun-sam 7h30-18h, dim 8h-12h` / `alatsinainy-asabotsy 7h30-18h, alahady 8h-12h`.
    pub fn describe(&self, lang: Lang) -> String {
        let names = match lang {
            Lang::Fr => FR_DAYS,
            Lang::Mg => MG_DAYS,
        };
        self.ranges
            .iter()
            .map(|(a, b, o, c)| {
                let days = if a == b {
                    names[*a].to_string()
                } else {
                    format!("{}-{}", names[*a], names[*b])
                };
                format!("{days} {}-{}", hm(*o), hm(*c))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `07:30` → `7h30`, `18:00` → `18h`.
pub fn hm(t: NaiveTime) -> String {
    if t.minute() == 0 {
        format!("{}h", t.hour())
    } else {
        format!("{}h{:02}", t.hour(), t.minute())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = r#"{"mon-sat":"07:30-18:00","sun":"08:00-12:00"}"#;

    #[test]
    fn hours_are_parsed_and_written_in_both_languages() {
        let h = parse(FIXTURE).unwrap();
        assert_eq!(h.describe(Lang::Fr), "lun-sam 7h30-18h, dim 8h-12h");
        assert_eq!(
            h.describe(Lang::Mg),
            "alatsinainy-asabotsy 7h30-18h, alahady 8h-12h"
        );
        assert!(parse("not json").is_none());
    }

    #[test]
    fn opening_is_checked_in_the_shop_time_zone() {
        let h = parse(FIXTURE).unwrap();
        // Wednesday 2026-11-25 05:00 UTC = 08:00 in Antananarivo (UTC+3): open.
        let at = |s: &str| s.parse::<chrono::DateTime<Utc>>().unwrap();
        assert!(h.is_open("Indian/Antananarivo", at("2026-11-25T05:00:00Z")));
        // 16:00 UTC = 19:00 local: closed.
        assert!(!h.is_open("Indian/Antananarivo", at("2026-11-25T16:00:00Z")));
        // Sunday 10:00 UTC = 13:00 local: closed on Sunday afternoon.
        assert!(!h.is_open("Indian/Antananarivo", at("2026-11-29T10:00:00Z")));
    }
}
