//! Login accounts (argon2 hashes) and their shop memberships; disabling an account or
//! changing its password ends its sessions and API tokens in the same transaction.
//!
//! Hashing and verifying are slow: [`create`] hashes before it takes any SQL lock,
//! and the web reads a hash with [`credentials`] on a reader, verifies it off the
//! writer, then writes the session.

use super::{AccountId, DbError, ShopId};
use crate::crypto::passwords::{self, PasswordError};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// What an invited account holds until its owner sets a password: no argon2 hash
/// parses it, so no password opens it.
pub const NO_PASSWORD: &str = "!unset";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Agent,
    Agency,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Agent => "agent",
            Role::Agency => "agency",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "owner" => Some(Role::Owner),
            "agent" => Some(Role::Agent),
            "agency" => Some(Role::Agency),
            _ => None,
        }
    }

    /// Owners and agencies change settings; agents only work conversations.
    pub fn can_manage(self) -> bool {
        !matches!(self, Role::Agent)
    }

    /// The role as the admin and the CLI show it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "propriétaire",
            Role::Agent => "agent",
            Role::Agency => "agence",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: AccountId,
    pub email: String,
    pub role: Role,
}

/// An account as the team page and `user list` show it.
#[derive(Debug, Clone, Serialize)]
pub struct AccountRow {
    pub id: AccountId,
    pub email: String,
    pub role: Role,
    pub disabled: bool,
    /// False while an invited account has not set its password yet.
    pub has_password: bool,
    pub password_changed_at: Option<String>,
    pub created_at: String,
    /// Slugs of the shops it may act for.
    pub shops: Vec<String>,
}

/// What [`create`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// A new account.
    New(AccountId),
    /// An existing agency account was given one more shop; its password is unchanged.
    AddedToShop(AccountId),
    /// The agency account already had this shop: nothing changed.
    AlreadyMember(AccountId),
}

impl Created {
    pub fn id(self) -> AccountId {
        match self {
            Created::New(id) | Created::AddedToShop(id) | Created::AlreadyMember(id) => id,
        }
    }
}

fn password_error(e: PasswordError) -> DbError {
    DbError::Invalid(e.to_string())
}

fn check_email(email: &str) -> Result<(), DbError> {
    if !email.contains('@') || email.len() < 3 || email.len() > 254 {
        return Err(DbError::Invalid(format!(
            "« {email} » n'est pas une adresse email"
        )));
    }
    Ok(())
}

/// Creates an account with `password` (hashed first, outside any transaction); see
/// [`create_hashed`] for what happens when the email exists.
pub fn create(
    conn: &mut Connection,
    email: &str,
    password: &str,
    role: Role,
    shop: ShopId,
) -> Result<Created, DbError> {
    check_email(email.trim())?;
    if let Some(existing) = by_email(conn, email)? {
        // An existing agency is only given the shop: hashing would be wasted.
        return create_hashed(conn, &existing.email, NO_PASSWORD, role, shop);
    }
    let hash = passwords::hash(password).map_err(password_error)?;
    create_hashed(conn, email, &hash, role, shop)
}

/// Creates an account from an argon2 hash (or [`NO_PASSWORD`] for an invitation). A known
/// email is refused, except an agency given one more shop (password kept, result says so).
pub fn create_hashed(
    conn: &mut Connection,
    email: &str,
    hash: &str,
    role: Role,
    shop: ShopId,
) -> Result<Created, DbError> {
    let tx = conn.transaction()?;
    let created = create_hashed_in(&tx, email, hash, role, shop)?;
    tx.commit()?;
    Ok(created)
}

/// [`create_hashed`] in the caller's transaction (setup makes a shop and its owner).
pub fn create_hashed_in(
    tx: &Connection,
    email: &str,
    hash: &str,
    role: Role,
    shop: ShopId,
) -> Result<Created, DbError> {
    let email = email.trim();
    check_email(email)?;
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, role FROM accounts WHERE email = ?1",
            [email],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let created = match existing {
        Some((id, existing_role)) => {
            let existing_role = Role::parse(&existing_role).unwrap_or(Role::Agent);
            if existing_role != Role::Agency || role != Role::Agency {
                return Err(DbError::Conflict(format!(
                    "un compte {} existe déjà pour {email} : rien n'a été changé (un même email ne peut pas avoir deux rôles)",
                    existing_role.label()
                )));
            }
            let added = tx.execute(
                "INSERT OR IGNORE INTO memberships (account_id, shop_id) VALUES (?1, ?2)",
                params![id, shop],
            )?;
            if added == 1 {
                Created::AddedToShop(AccountId(id))
            } else {
                Created::AlreadyMember(AccountId(id))
            }
        }
        None => {
            tx.execute(
                "INSERT INTO accounts (email, password_hash, role, password_changed_at)
                 VALUES (?1, ?2, ?3, CASE WHEN ?2 = ?4 THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END)",
                params![email, hash, role.as_str(), NO_PASSWORD],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO memberships (account_id, shop_id) VALUES (?1, ?2)",
                params![id, shop],
            )?;
            Created::New(AccountId(id))
        }
    };
    Ok(created)
}

/// The enabled account of `email` and its stored hash, to verify off the writer.
pub fn credentials(conn: &Connection, email: &str) -> Result<Option<(Account, String)>, DbError> {
    Ok(conn
        .query_row(
            "SELECT id, email, role, password_hash FROM accounts WHERE email = ?1 AND disabled = 0",
            [email.trim()],
            |r| {
                Ok((
                    Account {
                        id: r.get(0)?,
                        email: r.get(1)?,
                        role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Agent),
                    },
                    r.get(3)?,
                ))
            },
        )
        .optional()?)
}

/// Checks an email and password on this connection (CLI and tests; the web verifies
/// off the writer through [`credentials`]).
pub fn verify(conn: &Connection, email: &str, password: &str) -> Result<Option<Account>, DbError> {
    let found = credentials(conn, email)?;
    let ok = passwords::verify(found.as_ref().map(|(_, h)| h.as_str()), password);
    Ok(found.filter(|_| ok).map(|(a, _)| a))
}

pub fn get(conn: &Connection, id: AccountId) -> Result<Account, DbError> {
    conn.query_row(
        "SELECT id, email, role FROM accounts WHERE id = ?1 AND disabled = 0",
        [id],
        |r| {
            Ok(Account {
                id: r.get(0)?,
                email: r.get(1)?,
                role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Agent),
            })
        },
    )
    .map_err(DbError::not_found_if_none)
}

const ROW: &str = "SELECT a.id, a.email, a.role, a.disabled, a.password_hash <> '!unset',
        a.password_changed_at, a.created_at,
        (SELECT group_concat(s.slug, ',') FROM memberships m JOIN shops s ON s.id = m.shop_id
         WHERE m.account_id = a.id)
    FROM accounts a";

fn account_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRow> {
    let shops: Option<String> = r.get(7)?;
    Ok(AccountRow {
        id: r.get(0)?,
        email: r.get(1)?,
        role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Agent),
        disabled: r.get(3)?,
        has_password: r.get(4)?,
        password_changed_at: r.get(5)?,
        created_at: r.get(6)?,
        shops: shops
            .map(|s| s.split(',').map(str::to_string).collect())
            .unwrap_or_default(),
    })
}

/// Any account by email, enabled or not.
pub fn by_email(conn: &Connection, email: &str) -> Result<Option<AccountRow>, DbError> {
    Ok(conn
        .query_row(
            &format!("{ROW} WHERE a.email = ?1"),
            [email.trim()],
            account_row,
        )
        .optional()?)
}

/// Every account (the CLI's `user list`), by email.
pub fn list_all(conn: &Connection) -> Result<Vec<AccountRow>, DbError> {
    let mut stmt = conn.prepare(&format!("{ROW} ORDER BY a.email"))?;
    let rows = stmt.query_map([], account_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The accounts that may act for `shop` (its team page), owners first.
pub fn members(conn: &Connection, shop: ShopId) -> Result<Vec<AccountRow>, DbError> {
    let mut stmt = conn.prepare(&format!(
        "{ROW} WHERE a.id IN (SELECT account_id FROM memberships WHERE shop_id = ?1)
         ORDER BY CASE a.role WHEN 'owner' THEN 0 WHEN 'agency' THEN 1 ELSE 2 END, a.email"
    ))?;
    let rows = stmt
        .query_map([shop], account_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// One member of `shop`, or `NotFound` (another shop's account does not exist here).
pub fn member(conn: &Connection, shop: ShopId, id: AccountId) -> Result<AccountRow, DbError> {
    conn.query_row(
        &format!(
            "{ROW} WHERE a.id = ?2 AND a.id IN (SELECT account_id FROM memberships WHERE shop_id = ?1)"
        ),
        params![shop, id],
        account_row,
    )
    .map_err(DbError::not_found_if_none)
}

/// Sessions ended and API tokens revoked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Revoked {
    pub sessions: usize,
    pub tokens: usize,
}

/// Ends every session and revokes every API token of `id`.
pub fn revoke_access(conn: &Connection, id: AccountId) -> Result<Revoked, DbError> {
    Ok(Revoked {
        sessions: super::sessions::delete_for_account(conn, id)?,
        tokens: super::api_tokens::revoke_for_account(conn, id)?,
    })
}

/// Disables (or enables) an account; disabling also ends its access at once.
pub fn set_disabled(
    conn: &mut Connection,
    id: AccountId,
    disabled: bool,
) -> Result<Revoked, DbError> {
    let tx = conn.transaction()?;
    let n = tx.execute(
        "UPDATE accounts SET disabled = ?2 WHERE id = ?1",
        params![id, disabled],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    let revoked = if disabled {
        revoke_access(&tx, id)?
    } else {
        Revoked::default()
    };
    tx.commit()?;
    Ok(revoked)
}

/// Stores a new password hash; every session and token of the account ends, and
/// every password link it had is spent.
pub fn set_password_hash(
    conn: &mut Connection,
    id: AccountId,
    hash: &str,
) -> Result<Revoked, DbError> {
    let tx = conn.transaction()?;
    let revoked = store_password_hash(&tx, id, hash)?;
    tx.commit()?;
    Ok(revoked)
}

/// [`set_password_hash`] inside the caller's transaction.
pub fn store_password_hash(
    conn: &Connection,
    id: AccountId,
    hash: &str,
) -> Result<Revoked, DbError> {
    let n = conn.execute(
        "UPDATE accounts SET password_hash = ?2, password_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?1",
        params![id, hash],
    )?;
    if n == 0 {
        return Err(DbError::NotFound);
    }
    let revoked = revoke_access(conn, id)?;
    super::password_links::forget_account(conn, id)?;
    Ok(revoked)
}

/// The shops an account may act for, in name order.
pub fn shops_of(conn: &Connection, account: AccountId) -> Result<Vec<(ShopId, String)>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.company_name FROM shops s JOIN memberships m ON m.shop_id = s.id
         WHERE m.account_id = ?1 ORDER BY s.company_name",
    )?;
    let rows = stmt
        .query_map([account], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn is_member(conn: &Connection, account: AccountId, shop: ShopId) -> Result<bool, DbError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM memberships WHERE account_id = ?1 AND shop_id = ?2",
            params![account, shop],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn count(conn: &Connection) -> Result<i64, DbError> {
    Ok(conn.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?)
}
