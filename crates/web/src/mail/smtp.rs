//! The SMTP server a worker sends through, given as one URL, and the message a
//! queued mail becomes on the wire (multipart/alternative: plain text, then HTML).
//!
//! Supported URLs:
//! - `smtp://host[:port]` — plain SMTP (port 25), no TLS;
//! - `smtp://host[:port]?tls=opportunistic` — STARTTLS when the server offers it;
//! - `smtp+starttls://host[:port]` or `smtp://host[:port]?tls=required` —
//!   STARTTLS required (port 587);
//! - `smtps://host[:port]` — TLS from the first byte (port 465);
//! - `user:password@` before the host (percent-encoded) signs in (PLAIN or LOGIN).
//!
//! Certificates are checked against the Mozilla roots (webpki-roots).

use std::time::Duration;

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use store::mail::Mail;

/// A checked SMTP URL.
#[derive(Clone)]
pub struct SmtpUrl {
    /// The form lettre reads (`smtp+starttls://` rewritten to `?tls=required`).
    url: String,
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SmtpUrl({})", self.redacted())
    }
}

impl SmtpUrl {
    pub fn parse(s: &str) -> Result<SmtpUrl, String> {
        let s = s.trim();
        let url = if let Some(rest) = s.strip_prefix("smtp+starttls://") {
            if rest.contains("tls=") {
                return Err("smtp+starttls:// takes no tls= parameter".into());
            }
            let sep = if rest.contains('?') { '&' } else { '?' };
            format!("smtp://{rest}{sep}tls=required")
        } else if s.starts_with("smtp://") || s.starts_with("smtps://") {
            s.to_string()
        } else {
            return Err(format!(
                "unsupported SMTP URL {}: use smtp://, smtp+starttls:// or smtps://",
                store::redact_url(s)
            ));
        };
        // Build a transport once now, so a bad URL stops the server at start.
        AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .map_err(|e| format!("invalid SMTP URL {}: {e}", store::redact_url(s)))?;
        Ok(SmtpUrl { url })
    }

    /// The URL with its password hidden, for logs.
    pub fn redacted(&self) -> String {
        store::redact_url(&self.url)
    }

    /// A transport whose connection and every exchange time out after `timeout`.
    pub fn transport(
        &self,
        timeout: Duration,
    ) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
        Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(&self.url)
            .map_err(|e| e.to_string())?
            .timeout(Some(timeout))
            .build())
    }
}

/// Why a message did not go out.
#[derive(Debug)]
pub struct SendError {
    pub message: String,
    /// The server refused the message itself (5xx) or it cannot be built: trying
    /// again would fail the same way.
    pub permanent: bool,
}

/// The message on the wire: From, To, Subject, Content-Language, and the text and
/// HTML parts as alternatives.
pub fn build(from: &str, mail: &Mail) -> Result<Message, SendError> {
    let permanent = |message: String| SendError {
        message,
        permanent: true,
    };
    let from: Mailbox = from
        .parse()
        .map_err(|e| permanent(format!("invalid sender {from:?}: {e}")))?;
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|e| permanent(format!("invalid recipient {:?}: {e}", mail.recipient)))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        // A Message-ID of our own (lettre adds none by default): mail clients and
        // spam filters expect one.
        .message_id(None)
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Content-Language"),
            mail.language.clone(),
        ))
        .multipart(MultiPart::alternative_plain_html(
            mail.body_text.clone(),
            mail.body_html.clone(),
        ))
        .map_err(|e| permanent(format!("the message cannot be built: {e}")))
}

/// Send one queued message.
pub async fn send(
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &str,
    mail: &Mail,
) -> Result<(), SendError> {
    let message = build(from, mail)?;
    transport
        .send(message)
        .await
        .map(|_| ())
        .map_err(|e| SendError {
            message: describe(&e),
            permanent: e.is_permanent(),
        })
}

/// lettre's error with its causes (the cause says "connection refused").
fn describe(e: &lettre::transport::smtp::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let part = s.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_supported_urls() {
        for ok in [
            "smtp://127.0.0.1:2525",
            "smtp://mail.example.jp?tls=opportunistic",
            "smtp://mail.example.jp?tls=required",
            "smtp+starttls://user:pa%40ss@mail.example.jp:587",
            "smtps://mail.example.jp",
        ] {
            assert!(SmtpUrl::parse(ok).is_ok(), "{ok}");
        }
        let starttls = SmtpUrl::parse("smtp+starttls://u:secret@mail.example.jp").unwrap();
        assert_eq!(starttls.url, "smtp://u:secret@mail.example.jp?tls=required");
        assert!(!starttls.redacted().contains("secret"));
        assert!(!format!("{starttls:?}").contains("secret"));
        for bad in [
            "http://mail.example.jp",
            "smtp://mail.example.jp?tls=maybe",
            "smtp+starttls://mail.example.jp?tls=none",
            "mail.example.jp",
        ] {
            assert!(SmtpUrl::parse(bad).is_err(), "{bad}");
        }
        let e = SmtpUrl::parse("ftp://u:secret@x").unwrap_err();
        assert!(!e.contains("secret"), "{e}");
    }
}
