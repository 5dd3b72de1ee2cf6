//! Money: integer amounts in the currency's minor unit. The Ariary has no subunit in
//! practice, so 150 000 Ar is stored as 150000 and shown as `150 000 Ar`.

use serde::{Deserialize, Serialize};

/// An amount in the minor unit of its row's currency: Ariary (MGA) for the shops here,
/// whose amounts this type shows as `150 000 Ar`. Stored as an integer, serialised as
/// a number.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Ariary(pub i64);

impl Ariary {
    /// `150 000 Ar`, with a narrow no-break space between thousands groups replaced by
    /// a plain space so WhatsApp and PDFs show it everywhere.
    pub fn display(self) -> String {
        format!("{} Ar", group_thousands(self.0))
    }
}

impl PartialEq<i64> for Ariary {
    fn eq(&self, other: &i64) -> bool {
        self.0 == *other
    }
}

impl From<Ariary> for i64 {
    fn from(a: Ariary) -> i64 {
        a.0
    }
}

impl From<i64> for Ariary {
    fn from(n: i64) -> Self {
        Ariary(n)
    }
}

impl rusqlite::ToSql for Ariary {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        self.0.to_sql()
    }
}

impl rusqlite::types::FromSql for Ariary {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        i64::column_result(v).map(Ariary)
    }
}

impl std::fmt::Display for Ariary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display())
    }
}

/// `1234567` → `1 234 567`.
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(ch);
    }
    out
}

/// Formats an amount in `currency` (MGA shows as `Ar`; others keep their code).
pub fn format_amount(amount: impl Into<i64>, currency: &str) -> String {
    let amount = amount.into();
    if currency.eq_ignore_ascii_case("MGA") {
        Ariary(amount).display()
    } else {
        format!("{} {}", group_thousands(amount), currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(Ariary(150000).display(), "150 000 Ar");
        assert_eq!(Ariary(522000).to_string(), "522 000 Ar");
        assert_eq!(Ariary(999).display(), "999 Ar");
        assert_eq!(Ariary(1_234_567).display(), "1 234 567 Ar");
        assert_eq!(group_thousands(-1500), "-1 500");
        assert_eq!(format_amount(12, "EUR"), "12 EUR");
    }
}
