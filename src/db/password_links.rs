//! One-time links to set a password (`password_links`): a reset asked for by email or
//! made by the shop's owner, or an invitation to a new agent. Only the sha256 of the
//! link's token is stored; a link works once and until it expires.
//!
//! A link is found by its token hash, not by shop: the token is what says whose it is.

use super::{AccountId, DbError};
use rusqlite::{params, Connection, OptionalExtension};

/// Why a link was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Reset,
    Invite,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Reset => "reset",
            Purpose::Invite => "invite",
        }
    }

    fn parse(s: &str) -> Purpose {
        if s == "invite" {
            Purpose::Invite
        } else {
            Purpose::Reset
        }
    }
}

/// A live link: whose it is and what for.
#[derive(Debug, Clone)]
pub struct Link {
    pub account: AccountId,
    pub email: String,
    pub purpose: Purpose,
}

pub fn insert(
    conn: &Connection,
    token_hash: &str,
    account: AccountId,
    purpose: Purpose,
    expires_at: &str,
) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO password_links (token_hash, account_id, purpose, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, account, purpose.as_str(), expires_at],
    )?;
    Ok(())
}

/// The unused, unexpired link of `token_hash` at `now`, on an enabled account.
pub fn find(conn: &Connection, token_hash: &str, now: &str) -> Result<Option<Link>, DbError> {
    Ok(conn
        .query_row(
            "SELECT l.account_id, a.email, l.purpose FROM password_links l
             JOIN accounts a ON a.id = l.account_id
             WHERE l.token_hash = ?1 AND l.used_at IS NULL AND l.expires_at > ?2 AND a.disabled = 0",
            params![token_hash, now],
            |r| {
                Ok(Link {
                    account: AccountId(r.get(0)?),
                    email: r.get(1)?,
                    purpose: Purpose::parse(&r.get::<_, String>(2)?),
                })
            },
        )
        .optional()?)
}

/// Spends the link (only one caller can): `None` when it was used, expired or unknown.
pub fn take(conn: &Connection, token_hash: &str, now: &str) -> Result<Option<Link>, DbError> {
    let Some(link) = find(conn, token_hash, now)? else {
        return Ok(None);
    };
    let n = conn.execute(
        "UPDATE password_links SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL",
        params![token_hash, now],
    )?;
    Ok((n == 1).then_some(link))
}

/// Spends the link and stores the new password hash in one transaction (the account's
/// sessions and tokens end with it). `None` when the link is no longer valid.
pub fn redeem(
    conn: &mut Connection,
    token_hash: &str,
    now: &str,
    new_hash: &str,
) -> Result<Option<Link>, DbError> {
    let tx = conn.transaction()?;
    let Some(link) = take(&tx, token_hash, now)? else {
        return Ok(None);
    };
    super::accounts::store_password_hash(&tx, link.account, new_hash)?;
    tx.commit()?;
    Ok(Some(link))
}

/// Spends every link of `account` (its password just changed).
pub fn forget_account(conn: &Connection, account: AccountId) -> Result<(), DbError> {
    conn.execute(
        "UPDATE password_links SET used_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE account_id = ?1 AND used_at IS NULL",
        [account],
    )?;
    Ok(())
}
