//! Login accounts (argon2 hashes), their shop memberships, sessions and API tokens.

use super::{AccountId, DbError, ShopId};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

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
}

#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: AccountId,
    pub email: String,
    pub role: Role,
}

pub fn hash_password(password: &str) -> Result<String, DbError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DbError::Invalid(format!("cannot hash password: {e}")))
}

/// A hash of a random password, so unknown emails cost the same time as known ones.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("varotra-dummy-password").unwrap_or_default())
}

pub fn create(
    conn: &mut Connection,
    email: &str,
    password: &str,
    role: Role,
    shop: ShopId,
) -> Result<AccountId, DbError> {
    let email = email.trim();
    if !email.contains('@') || email.len() < 3 {
        return Err(DbError::Invalid(format!(
            "email `{email}` is not an email address"
        )));
    }
    if password.chars().count() < 8 {
        return Err(DbError::Invalid("password: at least 8 characters".into()));
    }
    let hash = hash_password(password)?;
    let tx = conn.transaction()?;
    let existing: Option<i64> = tx
        .query_row("SELECT id FROM accounts WHERE email = ?1", [email], |r| {
            r.get(0)
        })
        .optional()?;
    let id = match existing {
        Some(_) if role != Role::Agency => {
            return Err(DbError::Conflict(format!(
                "an account with email `{email}` already exists"
            )));
        }
        Some(id) => id,
        None => {
            tx.execute(
                "INSERT INTO accounts (email, password_hash, role) VALUES (?1, ?2, ?3)",
                params![email, hash, role.as_str()],
            )?;
            tx.last_insert_rowid()
        }
    };
    tx.execute(
        "INSERT OR IGNORE INTO memberships (account_id, shop_id) VALUES (?1, ?2)",
        params![id, shop],
    )?;
    tx.commit()?;
    Ok(AccountId(id))
}

/// Checks an email and password; `None` for an unknown email or a wrong password.
pub fn verify(conn: &Connection, email: &str, password: &str) -> Result<Option<Account>, DbError> {
    let row: Option<(i64, String, String, String)> = conn
        .query_row(
            "SELECT id, email, password_hash, role FROM accounts WHERE email = ?1 AND disabled = 0",
            [email.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let hash = row
        .as_ref()
        .map(|r| r.2.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let ok = PasswordHash::new(&hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    Ok(match row {
        Some((id, email, _, role)) if ok => Some(Account {
            id: AccountId(id),
            email,
            role: Role::parse(&role).unwrap_or(Role::Agent),
        }),
        _ => None,
    })
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
