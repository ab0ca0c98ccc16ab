-- 介護と仕事の両立 (issue 13): what an employee chose to tell their
-- employer's HR from the guide — the topics they want to talk about
-- (kpi::caregiving::Explained codes) and their own words. The self-check
-- behind it is still not stored; nothing of the family's health is asked.
CREATE TABLE care_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    topics TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    handled_at TEXT
);
CREATE INDEX care_requests_org ON care_requests(org_id, created_at);
