-- Case stories of reform (取組事例; issue 12), written by an employer
-- (org_id set) or by the region's staff (org_id NULL). An employer's story is
-- public only in status 'published', which only the region's staff give it;
-- editing it sends it back to 'in_review'. published_on is the day it was
-- first published (kept through later edits, for feeds and lists).
CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region_id INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
    org_id INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    summary_ja TEXT NOT NULL DEFAULT '',
    summary_en TEXT NOT NULL DEFAULT '',
    body_ja TEXT NOT NULL DEFAULT '',
    body_en TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'returned')),
    review_note TEXT NOT NULL DEFAULT '',
    published_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_region ON stories(region_id, status, published_on);
CREATE INDEX stories_org ON stories(org_id);
