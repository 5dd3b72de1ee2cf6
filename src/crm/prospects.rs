//! The mini-CRM: one prospect per customer phone per shop, moved through the pipeline
//! nouveau → qualifie → devis_envoye → gagne / perdu.
//!
//! The conversation moves prospects forward automatically ([`advance`]): a price
//! question qualifies, a devis sent, a devis accepted wins. Automatic moves never go
//! backwards and never leave gagne / perdu; only the owner ([`set_status`]) may.

use crate::db::{prospects as rows, Connection, DbError, ShopId};

pub use crate::db::prospects::Prospect;
/// A pipeline stage, stored as its French slug.
pub use crate::kinds::ProspectStage as Stage;

impl Stage {
    /// The label shown to the owner.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Nouveau => "Nouveau",
            Stage::Qualifie => "Qualifié",
            Stage::DevisEnvoye => "Devis envoyé",
            Stage::Gagne => "Gagné",
            Stage::Perdu => "Perdu",
        }
    }

    fn rank(self) -> u8 {
        match self {
            Stage::Nouveau => 0,
            Stage::Qualifie => 1,
            Stage::DevisEnvoye => 2,
            Stage::Gagne | Stage::Perdu => 3,
        }
    }

    fn is_final(self) -> bool {
        matches!(self, Stage::Gagne | Stage::Perdu)
    }
}

/// Digits only, Malagasy local numbers (`034 12 345 67`) in international form
/// (`261341234567`), so the API, the admin and WhatsApp ids meet on one key.
pub fn normalize_phone(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 10 && digits.starts_with('0') {
        format!("261{}", &digits[1..])
    } else {
        digits
    }
}

/// The prospect id for `phone`, created (stage nouveau) when new; the name is kept
/// when given. Does not count a message.
pub fn ensure(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
    name: Option<&str>,
) -> Result<i64, DbError> {
    let phone = normalize_phone(phone);
    if phone.is_empty() {
        return Err(DbError::Invalid("numéro de téléphone vide".into()));
    }
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    rows::upsert(conn, shop, &phone, name)
}

/// Records an inbound message from `phone`: creates the prospect on first contact,
/// updates the last contact, the name (when known) and the message count.
pub fn touch(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
    name: Option<&str>,
) -> Result<i64, DbError> {
    let id = ensure(conn, shop, phone, name)?;
    rows::count_message(conn, shop, id)?;
    Ok(id)
}

/// Moves the prospect of `phone` forward to `stage` if that is ahead of where it is;
/// returns the new stage when it moved. Reaching `qualifie` notifies the owner
/// (a qualified lead).
pub fn advance(
    conn: &Connection,
    shop: ShopId,
    phone: &str,
    stage: Stage,
) -> Result<Option<Stage>, DbError> {
    let id = ensure(conn, shop, phone, None)?;
    let current = rows::stage(conn, shop, id)?;
    if current.is_final() || stage.rank() <= current.rank() {
        return Ok(None);
    }
    rows::set_stage(conn, shop, id, stage)?;
    if stage == Stage::Qualifie {
        let who = rows::get(conn, shop, id)?;
        let label = who
            .name
            .clone()
            .unwrap_or_else(|| format!("+{}", who.phone));
        let body = format!("Nouveau prospect qualifié : {label} a demandé un prix.");
        super::notify::notify(conn, shop, super::notify::LEAD_QUALIFIED, &body)?;
    }
    Ok(Some(stage))
}

/// The owner's move: any stage, forwards or backwards.
pub fn set_status(conn: &Connection, shop: ShopId, id: i64, stage: Stage) -> Result<(), DbError> {
    rows::set_stage(conn, shop, id, stage)
}

pub fn set_notes(conn: &Connection, shop: ShopId, id: i64, notes: &str) -> Result<(), DbError> {
    rows::set_notes(conn, shop, id, notes)
}

pub fn get(conn: &Connection, shop: ShopId, id: i64) -> Result<Prospect, DbError> {
    rows::get(conn, shop, id)
}

pub fn by_phone(conn: &Connection, shop: ShopId, phone: &str) -> Result<Option<Prospect>, DbError> {
    rows::by_phone(conn, shop, &normalize_phone(phone))
}

/// Most recent contact first; `stage` filters when given.
pub fn list(
    conn: &Connection,
    shop: ShopId,
    stage: Option<Stage>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<Prospect>, i64), DbError> {
    rows::list(conn, shop, stage, limit, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_malagasy_numbers_become_international() {
        assert_eq!(normalize_phone("034 12 345 67"), "261341234567");
        assert_eq!(normalize_phone("+261 32 00 000 09"), "261320000009");
        assert_eq!(normalize_phone("261320000009"), "261320000009");
    }

    #[test]
    fn stages_round_trip_and_rank_forward() {
        for s in Stage::ALL.iter().copied() {
            assert_eq!(Stage::parse(s.as_str()), Some(s));
        }
        assert!(Stage::Qualifie.rank() > Stage::Nouveau.rank());
        assert!(Stage::Gagne.is_final() && Stage::Perdu.is_final());
    }
}
