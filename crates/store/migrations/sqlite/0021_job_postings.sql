-- Job postings (求人; issue 12) of member organizations. Public while status is
-- 'open' and today is within posted_on ..= valid_through; a closed or expired
-- posting answers 410. Lists are codes separated by spaces (domain::job::Suit,
-- domain::workplace::Measure). monthly_overtime_tenths is 月平均時間外労働時間 in
-- tenths of an hour, as stated by the employer. search_title and search_text
-- are domain::search::normalize of the title and of every text field, matched
-- by substring, so the index lives in the database and serves every server.
CREATE TABLE job_postings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    employment_type TEXT NOT NULL,
    description TEXT NOT NULL,
    work_hours TEXT NOT NULL,
    work_days TEXT NOT NULL,
    monthly_overtime_tenths INTEGER CHECK (monthly_overtime_tenths BETWEEN 0 AND 2000),
    annual_holidays INTEGER CHECK (annual_holidays BETWEEN 0 AND 366),
    pay_unit TEXT NOT NULL,
    pay_min BIGINT,
    pay_max BIGINT,
    location TEXT NOT NULL,
    measures TEXT NOT NULL,
    suits TEXT NOT NULL,
    posted_on TEXT NOT NULL,
    valid_through TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    search_title TEXT NOT NULL,
    search_text TEXT NOT NULL,
    created_by BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX job_postings_org ON job_postings(org_id);
CREATE INDEX job_postings_open ON job_postings(status, valid_through);
