//! The install's health checks, shared by `varotra doctor` and the admin's
//! "Diagnostic" page: configuration, database and key, schema, model (present, its
//! sha256, and for `doctor` its tokens/s on this box), disk space, backups, SMTP, and per number the last webhook, the
//! provider's answer to its token (and the clock skew its `Date` header shows), the
//! outbox backlog. Each check is one line, ✓ or ✗, with the fix in French when it fails.
//!
//! Checks only read: nothing here changes the store or sends a message.

mod local;
mod provider;
mod speed;

use crate::db::{diagnostic, Db, ShopId};
use crate::settings::Settings;

pub use local::DEFAULT_MODEL_SHA256;

/// One checked fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    /// What was found, in French.
    pub detail: String,
    /// What to do, in French, when the check failed.
    pub fix: Option<String>,
}

impl Check {
    pub fn pass(name: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ok: true,
            detail: detail.into(),
            fix: None,
        }
    }

    pub fn fail(
        name: impl Into<String>,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            ok: false,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }

    /// The line `doctor` prints: `✓ name : detail` or `✗ name : detail — à faire : fix`.
    pub fn line(&self) -> String {
        match (&self.fix, self.ok) {
            (Some(fix), false) => format!("✗ {} : {} — à faire : {fix}", self.name, self.detail),
            _ => format!(
                "{} {} : {}",
                if self.ok { "✓" } else { "✗" },
                self.name,
                self.detail
            ),
        }
    }
}

/// Which shops the store checks cover: the whole install (the CLI) or one shop (its
/// admin page).
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Install,
    Shop(ShopId),
}

/// Every check, in the order shown. `db` is the opened store, or why it did not open.
pub async fn run(
    settings: &Settings,
    db: Result<&Db, String>,
    http: &reqwest::Client,
    scope: Scope,
) -> Vec<Check> {
    let mut checks = vec![Check::pass(
        "Configuration",
        format!("valide ({})", settings.config_dir.display()),
    )];
    let db = match db {
        Ok(db) => {
            checks.push(Check::pass(
                "Base de données et clé",
                format!("lisibles ({})", db.path().display()),
            ));
            Some(db)
        }
        Err(e) => {
            checks.push(Check::fail(
                "Base de données et clé",
                e,
                "lancez `varotra migrate`, et vérifiez storage.key_file (ou VAROTRA__STORAGE__KEY)",
            ));
            None
        }
    };
    if let Some(db) = db {
        checks.extend(store_checks(settings, db, http, scope).await);
    }
    let s = settings.clone();
    let local = tokio::task::spawn_blocking(move || local::checks(&s))
        .await
        .unwrap_or_default();
    checks.extend(local);
    if matches!(scope, Scope::Install) {
        let llm = settings.llm.clone();
        let speed = tokio::task::spawn_blocking(move || speed::check(&llm)).await;
        checks.push(speed.unwrap_or_else(|e| {
            Check::fail(
                "Vitesse du modèle",
                e.to_string(),
                "relancez `varotra doctor`",
            )
        }));
    }
    checks.push(local::smtp(&settings.smtp).await);
    checks
}

async fn store_checks(
    settings: &Settings,
    db: &Db,
    http: &reqwest::Client,
    scope: Scope,
) -> Vec<Check> {
    let read = db
        .read(move |c| {
            let version = diagnostic::schema_version(c)?;
            let shops = match scope {
                Scope::Install => crate::db::shops::list(c)?,
                Scope::Shop(id) => vec![crate::db::shops::get(c, id)?],
            };
            let mut per_shop = Vec::new();
            for shop in shops {
                let numbers = diagnostic::numbers(c, shop.id)?;
                let backlog = diagnostic::backlog(c, shop.id)?;
                per_shop.push((shop.company_name, numbers, backlog));
            }
            Ok((version, per_shop))
        })
        .await;
    let (version, per_shop) = match read {
        Ok(r) => r,
        Err(e) => {
            return vec![Check::fail(
                "Lecture de la base",
                e.to_string(),
                "restaurez la dernière sauvegarde (`varotra restore`)",
            )]
        }
    };
    let mut checks = vec![schema_check(version)];
    for (shop, numbers, (waiting, oldest)) in per_shop {
        if numbers.is_empty() {
            checks.push(Check::fail(
                format!("{shop} · WhatsApp"),
                "aucun numéro connecté",
                "ajoutez le numéro dans l'assistant de démarrage ou `varotra number add`",
            ));
        }
        for n in &numbers {
            checks.push(Check::pass(
                format!("{shop} · {} · dernier webhook", n.wa_number),
                n.last_inbound
                    .clone()
                    .unwrap_or_else(|| "aucun message reçu pour l'instant".into()),
            ));
            checks.extend(provider::check(http, &settings.whatsapp, n).await);
        }
        checks.push(backlog_check(&shop, waiting, oldest.as_deref()));
    }
    checks
}

fn schema_check(version: Option<i64>) -> Check {
    let latest = crate::db::migrations::latest_version();
    match version {
        Some(v) if latest <= v => Check::pass("Migrations", format!("à jour (V{v})")),
        other => Check::fail(
            "Migrations",
            format!(
                "base en V{}, ce programme attend V{latest}",
                other.unwrap_or(0)
            ),
            "lancez `varotra migrate`",
        ),
    }
}

/// More than this many waiting messages, or one waiting longer, means they do not leave.
const BACKLOG_LIMIT: i64 = 200;
const BACKLOG_MINUTES: i64 = 30;

fn backlog_check(shop: &str, waiting: i64, oldest: Option<&str>) -> Check {
    let name = format!("{shop} · messages en attente d'envoi");
    let age = oldest
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| (chrono::Utc::now() - t.with_timezone(&chrono::Utc)).num_minutes())
        .unwrap_or(0);
    if waiting > BACKLOG_LIMIT || age > BACKLOG_MINUTES {
        Check::fail(
            name,
            format!("{waiting} message(s), le plus ancien depuis {age} min"),
            "vérifiez la connexion internet et le jeton du numéro (ligne du fournisseur ci-dessus)",
        )
    } else {
        Check::pass(name, format!("{waiting}"))
    }
}

/// Whether every check passed (`doctor` exits non-zero otherwise).
pub fn all_ok(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_check_prints_its_fix_after_the_cross() {
        let c = Check::fail("Modèle", "introuvable", "téléchargez-le");
        assert_eq!(
            c.line(),
            "✗ Modèle : introuvable — à faire : téléchargez-le"
        );
        assert_eq!(
            Check::pass("Disque", "12 Go libres").line(),
            "✓ Disque : 12 Go libres"
        );
    }

    #[test]
    fn an_old_backlog_fails_even_when_short() {
        assert!(!backlog_check("B", 1, Some("2020-01-01T00:00:00Z")).ok);
        assert!(backlog_check("B", 3, None).ok);
        assert!(!backlog_check("B", BACKLOG_LIMIT + 1, None).ok);
    }

    #[test]
    fn a_database_behind_the_program_asks_for_migrate() {
        assert!(!schema_check(Some(1)).ok);
        assert!(!schema_check(None).ok);
        assert!(schema_check(Some(crate::db::migrations::latest_version())).ok);
    }
}
