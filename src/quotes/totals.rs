//! Devis arithmetic on integer Ariary: line totals, HT, TVA and TTC.
//!
//! TVA is `HT × rate`, the rate in basis points (2000 = 20 %), rounded to the Ariary,
//! half up. A shop without a rate ("TVA non applicable") has TVA 0 and TTC = HT.
//! Everything is checked: an overflow is an error, never a wrapped amount.

use super::QuoteError;

/// The three totals printed at the foot of a devis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub total_ht: i64,
    pub tva: i64,
    pub total_ttc: i64,
}

/// `qty × unit_price`, refusing overflow.
pub fn line_total(qty: i64, unit_price: i64) -> Result<i64, QuoteError> {
    qty.checked_mul(unit_price)
        .ok_or_else(|| QuoteError::Invalid("le montant d'une ligne est trop grand".into()))
}

/// TVA on `ht` at `rate_bp` basis points, rounded half up to the Ariary.
pub fn vat(ht: i64, rate_bp: Option<i64>) -> Result<i64, QuoteError> {
    let Some(bp) = rate_bp else { return Ok(0) };
    let exact = i128::from(ht) * i128::from(bp);
    // Half up on a non-negative amount: add half the divisor before the division.
    let rounded = (exact + 5_000).div_euclid(10_000);
    i64::try_from(rounded).map_err(|_| QuoteError::Invalid("montant trop grand".into()))
}

/// Totals of the given line totals.
pub fn compute(line_totals: &[i64], rate_bp: Option<i64>) -> Result<Totals, QuoteError> {
    let total_ht = line_totals
        .iter()
        .try_fold(0i64, |acc, t| acc.checked_add(*t))
        .ok_or_else(|| QuoteError::Invalid("le total du devis est trop grand".into()))?;
    let tva = vat(total_ht, rate_bp)?;
    let total_ttc = total_ht
        .checked_add(tva)
        .ok_or_else(|| QuoteError::Invalid("le total du devis est trop grand".into()))?;
    Ok(Totals {
        total_ht,
        tva,
        total_ttc,
    })
}

/// `20 %`, `5,5 %` for a rate in basis points.
pub fn rate_label(bp: i64) -> String {
    if bp % 100 == 0 {
        format!("{} %", bp / 100)
    } else {
        let s = format!("{:.2}", bp as f64 / 100.0);
        format!("{} %", s.trim_end_matches('0').replace('.', ","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_bags_of_rice_and_five_of_sugar_make_522_000_ttc() {
        let lines = [
            line_total(5, 65_000).unwrap(),
            line_total(5, 22_000).unwrap(),
        ];
        let t = compute(&lines, Some(2000)).unwrap();
        assert_eq!(
            t,
            Totals {
                total_ht: 435_000,
                tva: 87_000,
                total_ttc: 522_000
            }
        );
    }

    #[test]
    fn vat_rounds_half_up_to_the_ariary() {
        assert_eq!(vat(1, Some(2000)).unwrap(), 0); // 0.2
        assert_eq!(vat(3, Some(2000)).unwrap(), 1); // 0.6
        assert_eq!(vat(5, Some(1000)).unwrap(), 1); // 0.5 -> 1
        assert_eq!(vat(25, Some(1000)).unwrap(), 3); // 2.5 -> 3
        assert_eq!(vat(24, Some(1000)).unwrap(), 2); // 2.4 -> 2
        assert_eq!(vat(1_234_567, Some(2000)).unwrap(), 246_913); // 246 913.4
    }

    #[test]
    fn a_shop_without_vat_charges_ht_only() {
        let t = compute(&[100_000], None).unwrap();
        assert_eq!((t.tva, t.total_ttc), (0, 100_000));
    }

    #[test]
    fn overflowing_amounts_are_refused() {
        assert!(line_total(i64::MAX, 2).is_err());
        assert!(compute(&[i64::MAX, 1], Some(2000)).is_err());
    }

    #[test]
    fn rates_print_the_french_way() {
        assert_eq!(rate_label(2000), "20 %");
        assert_eq!(rate_label(550), "5,5 %");
    }
}
