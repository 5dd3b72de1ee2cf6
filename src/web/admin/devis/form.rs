//! The devis editor's state as its form carries it: the customer, the product lines
//! (`qty:<sku>`), the shop's own lines (free text, delivery, discount) as typed, the
//! search words; what each button asks for; and the `quotes::NewDevis` it describes,
//! a field that cannot be read naming itself.

use crate::catalog::values::parse_price;
use crate::db::ConversationId;
use crate::kinds::DevisLineKind;
use crate::quotes::{ExtraLine, NewDevis};

/// The editor's state as the form carries it (typed text kept as typed).
#[derive(Debug, Default, Clone)]
pub(super) struct Editor {
    pub(super) conversation_id: String,
    pub(super) customer_name: String,
    pub(super) customer_phone: String,
    /// (sku, quantity as typed).
    pub(super) items: Vec<(String, String)>,
    /// (label, quantity, unit price) as typed.
    pub(super) customs: Vec<(String, String, String)>,
    pub(super) delivery_label: String,
    pub(super) delivery_fee: String,
    pub(super) discount_label: String,
    pub(super) discount_amount: String,
    pub(super) q: String,
}

/// What a button asked for.
#[derive(Debug, PartialEq)]
pub(super) enum Action {
    Create,
    Refresh,
    Add(String),
    Remove(String),
    RemoveCustom(usize),
    AddCustom,
}

impl Editor {
    pub(super) fn from_form(form: &[(String, String)]) -> (Self, Action) {
        let mut e = Editor {
            delivery_label: "Livraison".into(),
            discount_label: "Remise".into(),
            ..Default::default()
        };
        let mut action = Action::Create;
        let (mut labels, mut qtys, mut prices) = (Vec::new(), Vec::new(), Vec::new());
        for (k, v) in form {
            let v = v.trim().to_string();
            match k.as_str() {
                "conversation_id" => e.conversation_id = v,
                "customer_name" => e.customer_name = v,
                "customer_phone" => e.customer_phone = v,
                "custom_label" => labels.push(v),
                "custom_qty" => qtys.push(v),
                "custom_price" => prices.push(v),
                "delivery_label" => e.delivery_label = v,
                "delivery_fee" => e.delivery_fee = v,
                "discount_label" => e.discount_label = v,
                "discount_amount" => e.discount_amount = v,
                "q" => e.q = v,
                "add" => action = Action::Add(v),
                "remove" => action = Action::Remove(v),
                "remove_custom" => {
                    action = v
                        .parse()
                        .map(Action::RemoveCustom)
                        .unwrap_or(Action::Refresh)
                }
                "do" => {
                    action = match v.as_str() {
                        "create" => Action::Create,
                        "add_custom" => Action::AddCustom,
                        _ => Action::Refresh,
                    }
                }
                _ => {
                    if let Some(sku) = k.strip_prefix("qty:") {
                        match e.items.iter_mut().find(|(s, _)| s == sku) {
                            Some(item) => item.1 = v,
                            None => e.items.push((sku.to_string(), v)),
                        }
                    }
                }
            }
        }
        for (i, label) in labels.into_iter().enumerate() {
            let qty = qtys.get(i).cloned().unwrap_or_default();
            let price = prices.get(i).cloned().unwrap_or_default();
            e.customs.push((label, qty, price));
        }
        (e, action)
    }

    pub(super) fn apply(&mut self, action: &Action) {
        match action {
            Action::Add(sku) if !sku.is_empty() => {
                match self.items.iter_mut().find(|(s, _)| s == sku) {
                    Some(item) => {
                        let n = item.1.parse::<i64>().unwrap_or(0).max(0);
                        item.1 = (n + 1).to_string();
                    }
                    None => self.items.push((sku.clone(), "1".into())),
                }
            }
            Action::Remove(sku) => self.items.retain(|(s, _)| s != sku),
            Action::RemoveCustom(i) if *i < self.customs.len() => {
                self.customs.remove(*i);
            }
            Action::AddCustom => self.customs.push(Default::default()),
            _ => {}
        }
    }

    /// The devis these fields describe; a field that cannot be read names itself.
    pub(super) fn to_new(&self) -> Result<NewDevis, String> {
        let int = |what: &str, v: &str| -> Result<i64, String> {
            v.replace(' ', "")
                .parse::<i64>()
                .map_err(|_| format!("{what} : « {v} » n'est pas un nombre entier"))
        };
        let amount = |what: &str, v: &str| -> Result<i64, String> {
            parse_price(v, "MGA").map_err(|e| format!("{what} : {e}"))
        };
        let mut items = Vec::new();
        for (sku, qty) in &self.items {
            if qty.is_empty() || qty == "0" {
                continue;
            }
            items.push((sku.clone(), int(&format!("quantité de « {sku} »"), qty)?));
        }
        let mut extras = Vec::new();
        for (label, qty, price) in &self.customs {
            if label.is_empty() && price.is_empty() {
                continue;
            }
            extras.push(ExtraLine {
                kind: DevisLineKind::Custom,
                designation: label.clone(),
                qty: if qty.is_empty() {
                    1
                } else {
                    int(&format!("quantité de « {label} »"), qty)?
                },
                unit_price: amount(&format!("prix de « {label} »"), price)?,
            });
        }
        if !self.delivery_fee.is_empty() {
            extras.push(ExtraLine {
                kind: DevisLineKind::Delivery,
                designation: self.delivery_label.clone(),
                qty: 1,
                unit_price: amount("frais de livraison", &self.delivery_fee)?,
            });
        }
        if !self.discount_amount.is_empty() {
            extras.push(ExtraLine {
                kind: DevisLineKind::Discount,
                designation: self.discount_label.clone(),
                qty: 1,
                unit_price: amount("remise", &self.discount_amount)?,
            });
        }
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        Ok(NewDevis {
            conversation_id: self.conversation_id.parse().ok().map(ConversationId),
            customer_name: opt(&self.customer_name),
            customer_phone: opt(&self.customer_phone),
            items,
            extras,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn adding_a_product_twice_counts_two() {
        let (mut e, action) = Editor::from_form(&form(&[("qty:RIZ", "1"), ("add", "RIZ")]));
        e.apply(&action);
        assert_eq!(e.items, vec![("RIZ".to_string(), "2".to_string())]);
    }

    #[test]
    fn the_shops_own_lines_become_extras_in_order() {
        let (e, action) = Editor::from_form(&form(&[
            ("qty:RIZ", "2"),
            ("custom_label", "Pose"),
            ("custom_qty", ""),
            ("custom_price", "10 000"),
            ("delivery_label", "Livraison Analakely"),
            ("delivery_fee", "5 000 Ar"),
            ("discount_label", "Remise"),
            ("discount_amount", "2000"),
        ]));
        assert_eq!(action, Action::Create);
        let new = e.to_new().unwrap();
        assert_eq!(new.items, vec![("RIZ".to_string(), 2)]);
        let kinds: Vec<_> = new.extras.iter().map(|x| (x.kind, x.unit_price)).collect();
        assert_eq!(
            kinds,
            vec![
                (DevisLineKind::Custom, 10_000),
                (DevisLineKind::Delivery, 5_000),
                (DevisLineKind::Discount, 2_000)
            ]
        );
    }

    #[test]
    fn a_bad_amount_names_its_field() {
        let (e, _) = Editor::from_form(&form(&[("delivery_fee", "cinq mille")]));
        let err = e.to_new().unwrap_err();
        assert!(err.starts_with("frais de livraison"), "{err}");
    }
}
