//! Who works a conversation: the shop's team (accounts that are members of the shop)
//! and the conversation's assignee, for the "Mes conversations" view.

use super::{AccountId, ConversationId, DbError, ShopId};
use rusqlite::{params, Connection};

/// An account of the shop's team, as the assignment menu lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: AccountId,
    pub email: String,
}

/// The shop's enabled accounts, by email.
pub fn members(conn: &Connection, shop: ShopId) -> Result<Vec<Member>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.email FROM accounts a JOIN memberships m ON m.account_id = a.id
         WHERE m.shop_id = ?1 AND a.disabled = 0 ORDER BY a.email",
    )?;
    let rows = stmt
        .query_map([shop], |r| {
            Ok(Member {
                id: r.get(0)?,
                email: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Assigns the conversation to `to` (a member of the shop), or to nobody.
pub fn assign(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    to: Option<AccountId>,
) -> Result<(), DbError> {
    if let Some(account) = to {
        let member: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM memberships WHERE shop_id = ?1 AND account_id = ?2)",
            params![shop, account],
            |r| r.get(0),
        )?;
        if !member {
            return Err(DbError::Invalid(
                "ce compte ne fait pas partie de l'équipe de la boutique".into(),
            ));
        }
    }
    let n = conn.execute(
        "UPDATE conversations SET assigned_to = ?3 WHERE shop_id = ?1 AND id = ?2 AND simulated = 0",
        params![shop, conv, to],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Assigns the conversation to `to` unless someone already has it (an agent who takes
/// over or answers an unassigned conversation becomes its assignee).
pub fn claim_if_free(
    conn: &Connection,
    shop: ShopId,
    conv: ConversationId,
    to: AccountId,
) -> Result<(), DbError> {
    conn.execute(
        "UPDATE conversations SET assigned_to = ?3
         WHERE shop_id = ?1 AND id = ?2 AND assigned_to IS NULL AND simulated = 0
           AND EXISTS (SELECT 1 FROM memberships WHERE shop_id = ?1 AND account_id = ?3)",
        params![shop, conv, to],
    )?;
    Ok(())
}
