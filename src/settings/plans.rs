//! The `[plans]` section: what each plan allows per month and what it costs in
//! Ariary. A shop starts on `trial` (every add-on but white-label, `trial_days` long,
//! then `free`);
//! `free` has `free_ai_messages` bot replies a month; Starter, Pro and Business are
//! paid. Past a plan's quota, grounded answers go on and each reply counts as overage
//! (`overage_price_mga` each); only the model's free-form AI stops.

use super::layers;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PlansSettings {
    #[serde(deserialize_with = "layers::de_u64")]
    pub trial_days: u64,
    #[serde(deserialize_with = "layers::de_u64")]
    pub trial_ai_messages: u64,
    #[serde(deserialize_with = "layers::de_u64")]
    pub free_ai_messages: u64,
    #[serde(deserialize_with = "layers::de_u64")]
    pub starter_ai_messages: u64,
    #[serde(deserialize_with = "layers::de_u64")]
    pub starter_price_mga: u64,
    #[serde(deserialize_with = "layers::de_u64")]
    pub pro_ai_messages: u64,
    #[serde(deserialize_with = "layers::de_u64")]
    pub pro_price_mga: u64,
    #[serde(deserialize_with = "layers::de_u64")]
    pub business_ai_messages: u64,
    #[serde(deserialize_with = "layers::de_u64")]
    pub business_price_mga: u64,
    /// Price of each bot reply past the plan's quota, for the monthly bill.
    #[serde(deserialize_with = "layers::de_u64")]
    pub overage_price_mga: u64,
}

impl Default for PlansSettings {
    fn default() -> Self {
        Self {
            trial_days: 14,
            trial_ai_messages: 1000,
            free_ai_messages: 100,
            starter_ai_messages: 1000,
            starter_price_mga: 50_000,
            pro_ai_messages: 5000,
            pro_price_mga: 150_000,
            business_ai_messages: 20_000,
            business_price_mga: 400_000,
            overage_price_mga: 50,
        }
    }
}
