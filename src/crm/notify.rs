//! Owner notifications: a qualified lead, a devis accepted, a hand-over to a human.
//!
//! [`notify`] runs inside the caller's transaction: it writes the `notifications` row
//! (the admin shows it), queues a WhatsApp text to the owner's number in the outbox when
//! the shop set `notify.whatsapp`, and marks the email leg pending when it set
//! `notify.email`. The email itself leaves from the background mailer
//! ([`spawn_mailer`]), so no request ever waits on an SMTP server; `notify.<kind> = off`
//! silences one kind on both channels.

use crate::db::{outbox, shops, Db, DbError, ShopId};
use crate::settings::SmtpSettings;
use crate::whatsapp::OutgoingMessage;
use rusqlite::{params, Connection};
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::{watch, Notify};

pub const LEAD_QUALIFIED: &str = "lead_qualifie";
pub const DEVIS_ACCEPTED: &str = "devis_accepte";
pub const HANDOVER: &str = "handover";

/// Emails are retried this many times, then left `failed`.
const MAX_ATTEMPTS: i64 = 5;

static WAKE: LazyLock<Notify> = LazyLock::new(Notify::new);

#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("smtp: {0}")]
    Smtp(String),
}

/// The subject line of a notification kind.
pub fn kind_label(kind: &str) -> &str {
    match kind {
        LEAD_QUALIFIED => "Prospect qualifié",
        DEVIS_ACCEPTED => "Devis accepté",
        HANDOVER => "Client à reprendre en main",
        other => other,
    }
}

/// Records a notification for the shop owner and queues its WhatsApp and email legs
/// per the shop's settings. Returns the notification id.
pub fn notify(conn: &Connection, shop: ShopId, kind: &str, body: &str) -> Result<i64, DbError> {
    let enabled = shops::setting(conn, shop, &format!("notify.{kind}"))?
        .map(|v| !matches!(v.trim(), "off" | "0" | "false" | "non"))
        .unwrap_or(true);
    let email = shops::setting(conn, shop, "notify.email")?
        .map(|v| v.trim().to_string())
        .filter(|v| enabled && v.contains('@'));
    conn.execute(
        "INSERT INTO notifications (shop_id, kind, body, email_to, email_status)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            shop,
            kind,
            body,
            email,
            if email.is_some() { "pending" } else { "none" }
        ],
    )?;
    let id = conn.last_insert_rowid();
    if enabled {
        if let Some(owner) = shops::setting(conn, shop, "notify.whatsapp")? {
            let owner = crate::crm::prospects::normalize_phone(&owner);
            if !owner.is_empty() {
                let text = format!("🔔 {} — {body}", kind_label(kind));
                enqueue_owner_text(conn, shop, &owner, &text)?;
            }
        }
    }
    if email.is_some() {
        WAKE.notify_one();
    }
    Ok(id)
}

/// Queues a text to the owner through the shop's first active number.
fn enqueue_owner_text(
    conn: &Connection,
    shop: ShopId,
    to: &str,
    text: &str,
) -> Result<(), DbError> {
    if outbox::enqueue_to(conn, shop, to, &OutgoingMessage::text(text))?.is_none() {
        tracing::warn!(
            shop = shop.0,
            "owner WhatsApp notification skipped: the shop has no number"
        );
    }
    Ok(())
}

/// Unread notifications of a shop, newest first: (id, kind, body, created_at).
pub fn recent(
    conn: &Connection,
    shop: ShopId,
    limit: i64,
) -> Result<Vec<(i64, String, String, String)>, DbError> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, body, created_at FROM notifications WHERE shop_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = stmt
        .query_map(params![shop, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Starts the background mailer: it sends pending notification emails when woken by
/// [`notify`] and every 15 s (retries), until `shutdown` flips. Does nothing when
/// `smtp.host` is empty.
pub fn spawn_mailer(db: Db, smtp: SmtpSettings, mut shutdown: watch::Receiver<bool>) {
    if smtp.host.trim().is_empty() {
        return;
    }
    tokio::spawn(async move {
        loop {
            if let Err(e) = send_pending(&db, &smtp).await {
                tracing::warn!(error = %e, "notification mailer");
            }
            tokio::select! {
                // The wake comes from inside the writer's transaction: give it time
                // to commit before reading (a late row is caught by the next poll).
                _ = WAKE.notified() => tokio::time::sleep(Duration::from_millis(300)).await,
                _ = tokio::time::sleep(Duration::from_secs(15)) => {}
                _ = shutdown.changed() => return,
            }
        }
    });
}

/// Sends every pending notification email once; returns how many were sent.
pub async fn send_pending(db: &Db, smtp: &SmtpSettings) -> Result<usize, NotifyError> {
    let pending = db
        .read(|c| {
            let mut stmt = c.prepare(
                "SELECT n.id, n.kind, n.body, n.email_to, s.company_name FROM notifications n
                 JOIN shops s ON s.id = n.shop_id
                 WHERE n.email_status = 'pending' ORDER BY n.id LIMIT 50",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await?;
    if pending.is_empty() {
        return Ok(0);
    }
    let transport = transport(smtp)?;
    let mut sent = 0;
    for (id, kind, body, to, shop_name) in pending {
        let subject = format!("[Varotra] {} — {shop_name}", kind_label(&kind));
        let outcome = send_one(&transport, smtp, &to, &subject, &body).await;
        let (status, error) = match &outcome {
            Ok(()) => ("sent", None),
            Err(e) => ("retry", Some(e.to_string())),
        };
        if outcome.is_ok() {
            sent += 1;
        } else {
            tracing::warn!(
                notification = id,
                error = error.as_deref().unwrap_or(""),
                "email not sent"
            );
        }
        db.write(move |c| {
            c.execute(
                "UPDATE notifications SET email_attempts = email_attempts + 1, email_error = ?2,
                    email_status = CASE WHEN ?3 = 'sent' THEN 'sent'
                                        WHEN email_attempts + 1 >= ?4 THEN 'failed'
                                        ELSE 'pending' END
                 WHERE id = ?1",
                params![id, error, status, MAX_ATTEMPTS],
            )?;
            Ok(())
        })
        .await?;
    }
    Ok(sent)
}

type Transport = lettre::AsyncSmtpTransport<lettre::Tokio1Executor>;

fn transport(smtp: &SmtpSettings) -> Result<Transport, NotifyError> {
    use lettre::transport::smtp::authentication::Credentials;
    let err = |e: lettre::transport::smtp::Error| NotifyError::Smtp(e.to_string());
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
) -> Result<(), NotifyError> {
    use lettre::AsyncTransport;
    let bad = |e: &dyn std::fmt::Display| NotifyError::Smtp(e.to_string());
    use lettre::message::header::ContentType;
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
