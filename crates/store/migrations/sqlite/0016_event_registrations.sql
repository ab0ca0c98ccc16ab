-- Registrations for events (参加申込; issue 10), made from the public page without
-- an account. status is confirmed | waitlisted | cancelled; the waiting list moves
-- up in the order people registered (id). Only the SHA-256 of the cancel link's
-- token is kept. An e-mail registers at most once per event while not cancelled.
-- Personal data (name, organization, e-mail) is erased once the region's retention
-- period after the event has passed (store::registrations::erase_personal_data).
CREATE TABLE event_registrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    organization TEXT NOT NULL DEFAULT '',
    org_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    attendee_role TEXT NOT NULL,
    email TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'ja',
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    cancel_token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    cancelled_at TEXT,
    promoted_at TEXT,
    checked_in_at TEXT,
    reminded_at TEXT,
    erased_at TEXT
);
CREATE INDEX event_registrations_event ON event_registrations(event_id, status, id);
CREATE UNIQUE INDEX event_registrations_live_email ON event_registrations(event_id, email)
    WHERE status <> 'cancelled';

-- How many days after an event its participants' names, organizations and
-- e-mails are kept (the region decides; 180 days unless it says otherwise).
ALTER TABLE regions ADD COLUMN registration_retention_days INTEGER NOT NULL DEFAULT 180;

-- Secrets every server of an installation shares (e.g. the key that signs the
-- time a public form was shown, for the spam time check). Made on first use.
CREATE TABLE app_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
