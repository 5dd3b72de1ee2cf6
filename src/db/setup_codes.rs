//! One-time setup codes (`setup_codes`): what `serve` and `setup-link` print so that
//! only the person at the box can claim a fresh install through `/setup`. Only the
//! sha256 of a code is stored; a code opens the wizard once, until it expires, and
//! only while no login account exists.
//!
//! Codes belong to the install, not to a shop: there is no tenant yet.

use super::DbError;
use rusqlite::{params, Connection};

/// Whether any login account exists: the install is claimed once one does.
pub fn any_account(conn: &Connection) -> Result<bool, DbError> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM accounts)", [], |r| r.get(0))?)
}

/// Stores the hash of a fresh code, valid until `expires_at`.
pub fn insert(
    conn: &Connection,
    code_hash: &str,
    now: &str,
    expires_at: &str,
) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO setup_codes (code_hash, created_at, expires_at) VALUES (?1, ?2, ?3)",
        params![code_hash, now, expires_at],
    )?;
    Ok(())
}

/// Whether `code_hash` is unused and unexpired at `now` and the install unclaimed.
pub fn is_open(conn: &Connection, code_hash: &str, now: &str) -> Result<bool, DbError> {
    if any_account(conn)? {
        return Ok(false);
    }
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM setup_codes
                        WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2)",
        params![code_hash, now],
        |r| r.get(0),
    )?)
}

/// Spends `code_hash` and every other open code (the install is being claimed):
/// false when it was not open, so only one caller can claim the install.
pub fn take(conn: &Connection, code_hash: &str, now: &str) -> Result<bool, DbError> {
    if !is_open(conn, code_hash, now)? {
        return Ok(false);
    }
    conn.execute(
        "UPDATE setup_codes SET used_at = ?1 WHERE used_at IS NULL",
        [now],
    )?;
    Ok(true)
}

/// Claims the install with `code_hash`: spends the codes, creates the shop and its
/// owner (argon2 `password_hash` made before the writer was taken) in one
/// transaction. `None` when the code was not open (another tab claimed it first).
pub fn claim(
    conn: &mut Connection,
    code_hash: &str,
    shop: &super::shops::NewShop,
    email: &str,
    password_hash: &str,
) -> Result<Option<(super::ShopId, super::AccountId)>, DbError> {
    let tx = conn.transaction()?;
    if !take(&tx, code_hash, &super::now_text())? {
        return Ok(None);
    }
    let shop_id = super::shops::create(&tx, shop)?;
    // A shop claimed through the wizard starts its free trial.
    super::usage::set_plan(&tx, shop_id, "trial")?;
    let account = super::accounts::create_hashed_in(
        &tx,
        email,
        password_hash,
        super::accounts::Role::Owner,
        shop_id,
    )?
    .id();
    tx.commit()?;
    Ok(Some((shop_id, account)))
}

/// How long a printed setup link stays valid.
pub const VALID_HOURS: i64 = 24;

/// A fresh code (returned in clear, stored hashed), or `None` when the install is
/// already claimed and the wizard is closed for good.
pub fn issue(conn: &Connection) -> Result<Option<String>, DbError> {
    if any_account(conn)? {
        return Ok(None);
    }
    let code = crate::crypto::tokens::random_token();
    let expires = (chrono::Utc::now() + chrono::Duration::hours(VALID_HOURS))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    insert(
        conn,
        &crate::crypto::tokens::hash_token(&code),
        &super::now_text(),
        &expires,
    )?;
    Ok(Some(code))
}

/// The wizard's address for `code` under `public_url`.
pub fn link(public_url: &str, code: &str) -> String {
    format!("{}/setup?code={code}", public_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        crate::db::migrations::run(&mut c).unwrap();
        c
    }

    #[test]
    fn a_code_opens_once_and_never_after_it_is_taken() {
        let c = conn();
        let code = issue(&c).unwrap().unwrap();
        let hash = crate::crypto::tokens::hash_token(&code);
        let now = crate::db::now_text();
        assert!(is_open(&c, &hash, &now).unwrap());
        assert!(take(&c, &hash, &now).unwrap());
        assert!(!is_open(&c, &hash, &now).unwrap());
        assert!(!take(&c, &hash, &now).unwrap());
    }

    #[test]
    fn an_expired_or_unknown_code_is_not_open() {
        let c = conn();
        let code = issue(&c).unwrap().unwrap();
        let hash = crate::crypto::tokens::hash_token(&code);
        assert!(!is_open(&c, &hash, "2999-01-01T00:00:00Z").unwrap());
        assert!(!is_open(&c, "00", &crate::db::now_text()).unwrap());
    }

    #[test]
    fn the_link_joins_the_public_url_and_the_code() {
        assert_eq!(
            link("https://shop.example.mg/", "abc"),
            "https://shop.example.mg/setup?code=abc"
        );
    }
}
