//! Checks of the box itself: the model file and its sha256, free disk space under
//! the data folder, recent backups, and whether the SMTP server answers.

use super::Check;
use crate::settings::{Settings, SmtpSettings};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// The published sha256 of the default model (`gemma-3-270m-q4_k_m.gguf`).
pub const DEFAULT_MODEL_SHA256: &str =
    "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818";
const DEFAULT_MODEL_FILE: &str = "gemma-3-270m-q4_k_m.gguf";

/// Less free space than this and the database, backups and PDFs soon stop.
const MIN_FREE_BYTES: u64 = 500 * 1024 * 1024;

pub fn checks(settings: &Settings) -> Vec<Check> {
    vec![
        model(&settings.llm.model_path),
        disk(&settings.server.data_dir),
        backups(settings),
    ]
}

fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

fn model(model_path: &str) -> Check {
    const NAME: &str = "Modèle";
    if model_path.is_empty() {
        return Check::pass(
            NAME,
            "aucun modèle configuré (llm.model_path vide) : le bot répond par ses modèles de phrases et passe la main pour le reste",
        );
    }
    let path = Path::new(model_path);
    if !path.is_file() {
        return Check::fail(
            NAME,
            format!("modèle introuvable : {model_path}"),
            "relancez install.sh (il télécharge le modèle), ou corrigez llm.model_path, ou videz-la pour fonctionner sans modèle",
        );
    }
    match sha256_of(path) {
        Err(e) => Check::fail(
            NAME,
            format!("{model_path} illisible : {e}"),
            "vérifiez les droits du fichier du modèle",
        ),
        Ok(sum)
            if path.file_name().is_some_and(|f| f == DEFAULT_MODEL_FILE)
                && sum != DEFAULT_MODEL_SHA256 =>
        {
            Check::fail(
                NAME,
                format!("{model_path} abîmé (sha256 {sum})"),
                "supprimez le fichier et relancez install.sh pour le télécharger à nouveau",
            )
        }
        Ok(sum) => Check::pass(NAME, format!("{model_path} présent, sha256 {sum}")),
    }
}

fn disk(data_dir: &Path) -> Check {
    const NAME: &str = "Espace disque";
    match fs4::available_space(data_dir) {
        Ok(free) if free < MIN_FREE_BYTES => Check::fail(
            NAME,
            format!(
                "{} Mo libres sous {}",
                free / (1024 * 1024),
                data_dir.display()
            ),
            "libérez de la place (anciennes sauvegardes, journaux) ou agrandissez le disque",
        ),
        Ok(free) => Check::pass(
            NAME,
            format!(
                "{:.1} Go libres sous {}",
                free as f64 / (1024.0 * 1024.0 * 1024.0),
                data_dir.display()
            ),
        ),
        Err(e) => Check::fail(
            NAME,
            format!("{} : {e}", data_dir.display()),
            "vérifiez server.data_dir",
        ),
    }
}

fn backups(settings: &Settings) -> Check {
    const NAME: &str = "Sauvegardes";
    let Some(schedule) = crate::jobs::backups::Schedule::from_settings(&settings.storage) else {
        return Check::fail(
            NAME,
            "sauvegardes automatiques désactivées",
            "indiquez storage.backup_dir (un disque USB ou un autre dossier), ou faites `varotra backup FICHIER` régulièrement",
        );
    };
    match crate::jobs::backups::latest(&schedule.dir) {
        // Twice the period: one missed run is tolerated (the box was off).
        Some(at) if chrono::Utc::now() - at <= schedule.every * 2 => Check::pass(
            NAME,
            format!("dernière le {}", at.format("%d/%m/%Y %H:%M UTC")),
        ),
        Some(at) => Check::fail(
            NAME,
            format!("la dernière date du {}", at.format("%d/%m/%Y %H:%M UTC")),
            format!(
                "vérifiez que {} est monté et inscriptible, et que `varotra serve` tourne",
                schedule.dir.display()
            ),
        ),
        None => Check::fail(
            NAME,
            format!("aucune sauvegarde dans {}", schedule.dir.display()),
            "laissez tourner `varotra serve` (sauvegarde planifiée) ou lancez `varotra backup FICHIER`",
        ),
    }
}

/// Whether the SMTP server accepts a connection (no mail is sent).
pub async fn smtp(smtp: &SmtpSettings) -> Check {
    const NAME: &str = "SMTP";
    if smtp.host.is_empty() {
        return Check::pass(NAME, "non configuré : pas de notification par email");
    }
    let addr = format!("{}:{}", smtp.host, smtp.port);
    let connect = tokio::net::TcpStream::connect(addr.clone());
    match tokio::time::timeout(std::time::Duration::from_secs(5), connect).await {
        Ok(Ok(_)) => Check::pass(NAME, format!("{addr} répond")),
        Ok(Err(e)) => Check::fail(
            NAME,
            format!("{addr} injoignable : {e}"),
            "vérifiez smtp.host et smtp.port, et la connexion internet",
        ),
        Err(_) => Check::fail(
            NAME,
            format!("{addr} ne répond pas (5 s)"),
            "vérifiez smtp.host et smtp.port, et qu'aucun pare-feu ne bloque le port",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_model_is_named_with_its_path() {
        let c = model("/nulle/part/modele.gguf");
        assert!(!c.ok);
        assert!(c.detail.contains("/nulle/part/modele.gguf"), "{}", c.detail);
    }

    #[test]
    fn a_present_model_shows_its_sha256() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("petit.gguf");
        std::fs::write(&path, b"abc").unwrap();
        let c = model(path.to_str().unwrap());
        assert!(c.ok);
        assert!(
            c.detail
                .contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            "{}",
            c.detail
        );
    }
}
