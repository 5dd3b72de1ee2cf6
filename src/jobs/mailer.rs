//! The notification mailer: sends the owner emails that `crm::notify` left pending,
//! retrying a failed one up to [`MAX_ATTEMPTS`] times. It polls every
//! [`POLL`] (a partial index keeps that query cheap) and wakes early when a writer
//! that knows it queued an email calls `Wakers::mailer`.

use crate::db::{notifications, Db, DbError};
use crate::settings::SmtpSettings;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

/// Emails are retried this many times, then left `failed`.
const MAX_ATTEMPTS: i64 = 5;
/// How often the mailer looks for pending emails when nothing wakes it.
const POLL: Duration = Duration::from_secs(2);

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("smtp: {0}")]
    Smtp(String),
}

/// Starts the background mailer until `shutdown` flips. Does nothing when `smtp.host`
/// is empty.
pub fn spawn(db: Db, smtp: SmtpSettings, wake: Arc<Notify>, mut shutdown: watch::Receiver<bool>) {
    if smtp.host.trim().is_empty() {
        return;
    }
    tokio::spawn(async move {
        loop {
            if let Err(e) = send_pending(&db, &smtp).await {
                tracing::warn!(error = %e, "notification mailer");
            }
            tokio::select! {
                _ = wake.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
                _ = shutdown.changed() => return,
            }
        }
    });
}

/// Sends every pending notification email once; returns how many were sent.
pub async fn send_pending(db: &Db, smtp: &SmtpSettings) -> Result<usize, MailError> {
    let pending = db.read(|c| notifications::pending_emails(c, 50)).await?;
    if pending.is_empty() {
        return Ok(0);
    }
    let transport = transport(smtp)?;
    let mut sent = 0;
    for mail in pending {
        let subject = format!(
            "[Varotra] {} — {}",
            crate::crm::notify::kind_label(&mail.kind),
            mail.shop_name
        );
        let outcome = send_one(&transport, smtp, &mail.to, &subject, &mail.body).await;
        let error = outcome.as_ref().err().map(|e| e.to_string());
        match &error {
            None => sent += 1,
            Some(e) => tracing::warn!(notification = mail.id, error = %e, "email not sent"),
        }
        let id = mail.id;
        db.write(move |c| {
            notifications::record_email_attempt(c, id, error.as_deref(), MAX_ATTEMPTS)
        })
        .await?;
    }
    Ok(sent)
}

/// Sends one email now (password links): `Ok(false)` when SMTP is not configured.
pub async fn send_now(
    smtp: &SmtpSettings,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<bool, MailError> {
    if smtp.host.trim().is_empty() {
        return Ok(false);
    }
    let transport = transport(smtp)?;
    send_one(&transport, smtp, to, subject, body).await?;
    Ok(true)
}

type Transport = lettre::AsyncSmtpTransport<lettre::Tokio1Executor>;

fn transport(smtp: &SmtpSettings) -> Result<Transport, MailError> {
    use lettre::transport::smtp::authentication::Credentials;
    let err = |e: lettre::transport::smtp::Error| MailError::Smtp(e.to_string());
    let mut builder = match smtp.security.as_str() {
        "tls" => Transport::relay(&smtp.host).map_err(err)?,
        "starttls" => Transport::starttls_relay(&smtp.host).map_err(err)?,
        _ => Transport::builder_dangerous(&smtp.host),
    }
    .port(smtp.port as u16)
    .timeout(Some(Duration::from_secs(20)));
    if !smtp.username.is_empty() {
        builder = builder.credentials(Credentials::new(
            smtp.username.clone(),
            smtp.password.expose().to_string(),
        ));
    }
    Ok(builder.build())
}

async fn send_one(
    transport: &Transport,
    smtp: &SmtpSettings,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), MailError> {
    use lettre::message::header::ContentType;
    use lettre::AsyncTransport;
    let bad = |e: &dyn std::fmt::Display| MailError::Smtp(e.to_string());
    // lettre picks the transfer encoding (quoted-printable for French text).
    let body = lettre::message::Body::new(format!("{body}\n\n-- \nVarotra"));
    let message = lettre::Message::builder()
        .from(smtp.from.parse().map_err(|e| bad(&e))?)
        .to(to.parse().map_err(|e| bad(&e))?)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| bad(&e))?;
    transport.send(message).await.map_err(|e| bad(&e))?;
    Ok(())
}
