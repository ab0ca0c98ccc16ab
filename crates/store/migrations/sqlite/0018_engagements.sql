-- Consultant engagements (伴走支援; issue 10). Dates are Japan calendar days,
-- 'YYYY-MM-DD'. status is parsed at the store's edge (domain::engagement).
-- team holds one '氏名｜役割' per line (the organization's promotion team).
-- grant_aggregates / grant_rows are the organization admins' two choices: the
-- engagement's consultants see its aggregates, and its per-employee rows; both
-- end with the engagement (web::authz reads them with the status and end date).
CREATE TABLE engagements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region_id INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'finished')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    vision TEXT NOT NULL DEFAULT '',
    team TEXT NOT NULL DEFAULT '',
    grant_aggregates INTEGER NOT NULL DEFAULT 0,
    grant_rows INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (ends_on >= starts_on),
    CHECK (grant_rows = 0 OR grant_aggregates = 1)
);
CREATE INDEX engagements_region ON engagements(region_id);
CREATE INDEX engagements_org ON engagements(org_id);

CREATE TABLE engagement_consultants (
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (engagement_id, user_id)
);
CREATE INDEX engagement_consultants_user ON engagement_consultants(user_id);

-- カエル会議: one row per meeting.
CREATE TABLE engagement_meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    participants TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT '',
    minutes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX engagement_meetings_engagement ON engagement_meetings(engagement_id, held_on);

-- The action sheet: issue → cause → action → owner → due → status.
CREATE TABLE engagement_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES engagement_meetings(id) ON DELETE SET NULL,
    issue TEXT NOT NULL,
    cause TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'doing', 'done', 'dropped')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX engagement_actions_engagement ON engagement_actions(engagement_id);

-- Goals, tied where possible to a catalog figure (kpi::catalog id; '' when free).
CREATE TABLE engagement_goals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    figure TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL,
    baseline REAL,
    target REAL,
    target_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX engagement_goals_engagement ON engagement_goals(engagement_id);

-- Yearly 売上高・営業利益・人件費 (yen) the organization types in for 生産性.
CREATE TABLE engagement_finances (
    engagement_id INTEGER NOT NULL REFERENCES engagements(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    sales BIGINT NOT NULL,
    operating_profit BIGINT NOT NULL,
    labor_cost BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (engagement_id, fiscal_year)
);
