-- Edits of the publicly shown fields of an organization that already has an
-- approved declaration wait here for region staff (issue 9, item 5); the
-- organizations row keeps the approved values until then.
-- status: "pending" | "approved" | "rejected".
CREATE TABLE organization_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kana TEXT NOT NULL,
    address TEXT NOT NULL,
    website TEXT NOT NULL,
    status TEXT NOT NULL,
    proposed_by BIGINT,
    proposed_at TEXT NOT NULL,
    reviewed_by BIGINT,
    reviewed_at TEXT
);
CREATE INDEX organization_changes_pending ON organization_changes(status, org_id);
