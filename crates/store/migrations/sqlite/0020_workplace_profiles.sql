-- 選ばれる職場 (issue 12): the public profile of a member organization. The
-- public sees `workplace_profiles`, the approved text; an edit waits in
-- `workplace_profile_proposals` until the region's staff approve it (the review
-- every public text goes through). `measures` holds the codes of
-- domain::workplace::Measure separated by spaces; annual_holidays is 年間休日数.
-- status: "pending" | "approved" | "rejected".
CREATE TABLE workplace_profiles (
    org_id BIGINT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    measures TEXT NOT NULL,
    annual_holidays INTEGER CHECK (annual_holidays BETWEEN 0 AND 366),
    approved_at TEXT NOT NULL,
    approved_by BIGINT
);

CREATE TABLE workplace_profile_proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    measures TEXT NOT NULL,
    annual_holidays INTEGER CHECK (annual_holidays BETWEEN 0 AND 366),
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    proposed_by BIGINT,
    proposed_at TEXT NOT NULL,
    reviewed_by BIGINT,
    reviewed_at TEXT
);
-- At most one pending proposal per organization.
CREATE UNIQUE INDEX workplace_profile_proposals_pending
    ON workplace_profile_proposals(org_id) WHERE status = 'pending';
