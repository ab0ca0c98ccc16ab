-- Inquiries and applications (問い合わせ・応募; issue 12) a job seeker sends
-- from a posting's page or an employer's profile, without an account. The
-- employer's admins read and answer them; each answer goes to the seeker by
-- mail. Once the region's inquiry_retention_days have passed since it was sent,
-- the personal data (name, contact, message, CV, answers) is erased and the row
-- stays, so the counts of 採用力 stay true. posting_title is the posting's title
-- when it was sent (the posting may change or go).
CREATE TABLE job_inquiries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    posting_id BIGINT REFERENCES job_postings(id) ON DELETE SET NULL,
    posting_title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('inquiry', 'application')),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    message TEXT NOT NULL,
    language TEXT NOT NULL,
    cv_upload_id BIGINT REFERENCES uploads(id) ON DELETE SET NULL,
    cv_size_bytes BIGINT,
    created_at TEXT NOT NULL,
    erased_at TEXT
);
CREATE INDEX job_inquiries_org ON job_inquiries(org_id, created_at);
CREATE INDEX job_inquiries_posting ON job_inquiries(posting_id);

CREATE TABLE job_inquiry_answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    inquiry_id BIGINT NOT NULL REFERENCES job_inquiries(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    answered_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX job_inquiry_answers_inquiry ON job_inquiry_answers(inquiry_id);

ALTER TABLE regions ADD COLUMN inquiry_retention_days INTEGER NOT NULL DEFAULT 180;
