//! Outgoing mail (メール送信): what a message says ([`compose`]), how it reaches an
//! SMTP server ([`smtp`]) and the background worker that empties the queue
//! ([`worker`]).
//!
//! Messages are queued in the database (`store::mail`) in the same transaction as
//! what they announce. A server started with `--smtp-url` runs a worker that claims
//! due messages with a lease, sends them and marks them; several servers share the
//! queue. Without SMTP nothing is sent: the queue is the outbox platform admins
//! read under 管理 → 送信メール, so the embedded default works without a mail server.

pub mod compose;
pub mod smtp;
pub mod worker;

use std::time::Duration;

pub use smtp::SmtpUrl;

/// The sender when `--mail-from` is not given.
pub const DEFAULT_FROM: &str = "erabareru <noreply@localhost>";

/// How mail is sent, retried and given up on.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// The SMTP server; None: messages stay in the outbox.
    pub smtp: Option<SmtpUrl>,
    /// The From header of every message, checked by [`parse_from`] at start.
    pub from: String,
    /// Tries before a message is failed (each claim counts, so a message that
    /// brings its worker down is not retried forever).
    pub max_attempts: i64,
    /// The pause after the first failed try; doubled after each further one…
    pub retry_base: Duration,
    /// …up to this.
    pub retry_cap: Duration,
    /// How often an idle worker looks at the queue.
    pub poll: Duration,
    /// How long a claim holds: longer than a send can take (see `timeout`), so a
    /// live worker never loses its message to another.
    pub lease: Duration,
    /// Connecting to, and each exchange with, the SMTP server.
    pub timeout: Duration,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            smtp: None,
            from: DEFAULT_FROM.to_string(),
            max_attempts: 8,
            retry_base: Duration::from_secs(60),
            retry_cap: Duration::from_secs(3600),
            poll: Duration::from_secs(5),
            lease: Duration::from_secs(120),
            timeout: Duration::from_secs(30),
        }
    }
}

/// Parse a From address such as `erabareru <noreply@city.example.jp>`.
pub fn parse_from(s: &str) -> Result<lettre::message::Mailbox, String> {
    s.trim()
        .parse()
        .map_err(|e| format!("invalid --mail-from {s:?}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_sender_is_a_valid_address() {
        let m = parse_from(DEFAULT_FROM).unwrap();
        assert_eq!(m.email.to_string(), "noreply@localhost");
        assert!(parse_from("not an address").is_err());
    }
}
