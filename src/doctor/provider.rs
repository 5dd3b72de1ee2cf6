//! A stored number's provider check for `doctor`: [`crate::whatsapp::probe`] asks the
//! provider (read-only) and its answer becomes one line, plus one for the clock skew
//! its `Date` header showed.

use super::Check;
use crate::db::diagnostic::NumberState;
use crate::kinds::ProviderKind;
use crate::settings::WhatsappSettings;
use crate::whatsapp::probe::{probe, Probe};

/// Beyond this, signatures, the 24-hour window and the backups' schedule go wrong.
const MAX_SKEW_SECONDS: i64 = 120;

pub async fn check(
    http: &reqwest::Client,
    settings: &WhatsappSettings,
    n: &NumberState,
) -> Vec<Check> {
    let answer = probe(
        http,
        settings,
        n.provider,
        &n.phone_number_id,
        n.token.expose(),
    )
    .await;
    lines(n, answer)
}

fn lines(n: &NumberState, answer: Probe) -> Vec<Check> {
    let name = format!("{} · jeton {}", n.wa_number, n.provider.as_str());
    let mut checks = vec![match answer.result {
        Ok(_) if n.provider == ProviderKind::Gupshup => Check::pass(
            name,
            "non vérifié ici (Gupshup) : envoyez un message d'essai depuis le simulateur",
        ),
        Ok(_) => Check::pass(name, "valide"),
        Err(e) => Check::fail(name, e.to_string(), e.fix()),
    }];
    if let Some(skew) = answer.skew_seconds {
        checks.push(if skew.abs() > MAX_SKEW_SECONDS {
            Check::fail(
                "Horloge",
                format!("décalée de {skew} s par rapport au fournisseur"),
                "activez la synchronisation de l'heure (timedatectl set-ntp true)",
            )
        } else {
            Check::pass("Horloge", format!("à l'heure (écart {skew} s)"))
        });
    }
    checks
}
