//! The mail worker (送信ワーカー) of a server started with an SMTP URL: claims one due
//! message at a time through the database (several servers share the queue), sends
//! it, and marks it sent, or failed for a retry after a backoff, or failed for good.

use std::time::Duration;

use store::Store;
use store::mail::MailState;

use super::MailSettings;
use super::smtp::{self, SendError};

/// The running mail worker of a server process.
pub struct MailWorker {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

/// Start the worker when SMTP is configured; None otherwise (the outbox keeps
/// the messages).
pub fn spawn(store: Store, settings: MailSettings) -> Option<MailWorker> {
    let url = settings.smtp.clone()?;
    let transport = match url.transport(settings.timeout) {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, smtp = %url.redacted(), "mail is not sent: the SMTP transport cannot be built");
            return None;
        }
    };
    let id = crate::kpi::worker::new_worker_id();
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    tracing::info!(smtp = %url.redacted(), worker = %id, "mail worker started");
    let task = tokio::spawn(async move {
        let lease = settings.lease.as_secs().max(1) as i64;
        while !*stopped.borrow() {
            let pause = match store.claim_due_mail(&id, lease).await {
                Ok(Some(mail)) => {
                    // The lease outlives the send: a stuck exchange is cut off first.
                    let outcome = match tokio::time::timeout(
                        settings.timeout.saturating_mul(2),
                        smtp::send(&transport, &settings.from, &mail),
                    )
                    .await
                    {
                        Ok(outcome) => outcome,
                        Err(_) => Err(SendError {
                            message: "the SMTP server did not answer in time".into(),
                            permanent: false,
                        }),
                    };
                    record(&store, &id, &settings, mail.id, outcome).await;
                    continue;
                }
                Ok(None) => settings.poll,
                Err(e) => {
                    tracing::warn!(error = %e, "claiming a mail failed");
                    settings.poll.max(Duration::from_secs(5))
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = stopped.changed() => {}
            }
        }
    });
    Some(MailWorker { stop, task })
}

async fn record(
    store: &Store,
    worker: &str,
    settings: &MailSettings,
    id: i64,
    outcome: Result<(), SendError>,
) {
    let written = match outcome {
        Ok(()) => {
            tracing::info!(mail = id, "mail sent");
            store.mark_mail_sent(id, worker).await.map(|_| ())
        }
        Err(e) => {
            let state = store
                .mark_mail_failed_attempt(
                    id,
                    worker,
                    &e.message,
                    e.permanent,
                    settings.retry_base.as_secs() as i64,
                    settings.retry_cap.as_secs() as i64,
                )
                .await;
            match &state {
                Ok(MailState::Failed) => {
                    tracing::warn!(mail = id, error = %e.message, "mail failed for good")
                }
                Ok(_) => {
                    tracing::info!(mail = id, error = %e.message, "mail failed; retried later")
                }
                Err(_) => {}
            }
            state.map(|_| ())
        }
    };
    if let Err(e) = written {
        tracing::warn!(mail = id, error = %e, "recording a mail's outcome failed");
    }
}

impl MailWorker {
    /// Claim nothing more and let the message being sent finish within `grace`;
    /// one cut off is sent again once its lease expires.
    pub async fn shutdown(self, grace: Duration) {
        let _ = self.stop.send(true);
        let mut task = self.task;
        if tokio::time::timeout(grace, &mut task).await.is_err() {
            task.abort();
        }
    }
}
