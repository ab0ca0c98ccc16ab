-- The after-event questionnaire (参加後アンケート; issue 10). Once an event has
-- ended, everyone checked in gets one mail with a link; only the SHA-256 of the
-- link's token is kept on the registration. One answer per registration (it may
-- be changed through the same link). The answer keeps no name or e-mail of its
-- own, so erasing the registration's personal data leaves it anonymous.
ALTER TABLE event_registrations ADD COLUMN feedback_token_hash TEXT;
ALTER TABLE event_registrations ADD COLUMN feedback_requested_at TEXT;
CREATE UNIQUE INDEX event_registrations_feedback_token ON event_registrations(feedback_token_hash);

CREATE TABLE event_feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    registration_id INTEGER NOT NULL UNIQUE REFERENCES event_registrations(id) ON DELETE CASCADE,
    -- 満足度 1 (不満) .. 5 (満足)
    satisfaction INTEGER NOT NULL CHECK (satisfaction BETWEEN 1 AND 5),
    -- まず取り組みたいこと
    first_step TEXT NOT NULL DEFAULT '',
    -- 関心: リーダー養成講座 / 伴走支援 (0 or 1)
    wants_course INTEGER NOT NULL DEFAULT 0,
    wants_consulting INTEGER NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '',
    answered_at TEXT NOT NULL
);
CREATE INDEX event_feedback_event ON event_feedback(event_id);

-- News (お知らせ) written by the region's staff: a draft is seen by them alone.
-- Items from before this migration were published.
ALTER TABLE news ADD COLUMN status TEXT NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'published'));
ALTER TABLE news ADD COLUMN body_ja TEXT NOT NULL DEFAULT '';
ALTER TABLE news ADD COLUMN body_en TEXT NOT NULL DEFAULT '';
