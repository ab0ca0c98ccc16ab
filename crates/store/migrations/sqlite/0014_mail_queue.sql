-- Outgoing mail (送信メール). Messages are queued in the same transaction as what
-- they announce (an invitation, a reset link), so one never exists without the
-- other. Any server's mail worker claims a due message with a lease (lease_owner,
-- lease_until); a message whose worker died while sending is claimable again
-- once the lease expires. attempts counts claims, so a message is failed after
-- max_attempts instead of being retried forever; next_attempt_at spaces the
-- retries (exponential backoff). Without SMTP the rows stay queued: the outbox.
CREATE TABLE mail_queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient TEXT NOT NULL,
    -- 'ja' | 'en': the language the message was written in.
    language TEXT NOT NULL,
    -- 'invitation' | 'password_reset' (event mails later).
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- queued → sending → sent | queued (retry) | failed
    state TEXT NOT NULL DEFAULT 'queued',
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    -- A message not sent by then is failed, not sent late (its link has expired).
    expires_at TEXT,
    lease_owner TEXT NOT NULL DEFAULT '',
    lease_until TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    sent_at TEXT
);
-- The claim query: due queued messages, and sending ones whose lease expired.
CREATE INDEX mail_queue_due ON mail_queue(state, next_attempt_at, id);
