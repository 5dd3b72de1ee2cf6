//! The shop's mobile-money numbers, printed on the devis with its number as the
//! payment reference.

use crate::db::{shops, Connection, DbError, ShopId};

/// Payment numbers from the shop settings, printed with the devis number as reference.
#[derive(Debug, Clone, Default)]
pub struct Payment {
    pub mvola: Option<String>,
    pub orange_money: Option<String>,
    pub airtel_money: Option<String>,
    pub account_name: Option<String>,
}

impl Payment {
    pub fn load(conn: &Connection, shop: ShopId) -> Result<Self, DbError> {
        let get = |k: &str| -> Result<Option<String>, DbError> {
            Ok(shops::setting(conn, shop, k)?.filter(|v| !v.trim().is_empty()))
        };
        Ok(Self {
            mvola: get("payment.mvola")?,
            orange_money: get("payment.orange_money")?,
            airtel_money: get("payment.airtel_money")?,
            account_name: get("payment.account_name")?,
        })
    }

    /// `(label, number)` of each configured mobile-money channel.
    pub fn channels(&self) -> Vec<(&'static str, &str)> {
        [
            ("MVola", &self.mvola),
            ("Orange Money", &self.orange_money),
            ("Airtel Money", &self.airtel_money),
        ]
        .into_iter()
        .filter_map(|(l, v)| v.as_deref().map(|v| (l, v)))
        .collect()
    }
}
