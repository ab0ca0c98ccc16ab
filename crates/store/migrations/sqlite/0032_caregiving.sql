-- 介護と仕事の両立 (issue 13). The employee's self-check is never stored: the
-- personal page is computed from the form and forgotten. What is kept is the
-- region's 地域包括支援センター, and the employer's own record of its duties
-- and of each individual notice it gave (date, to whom as HR writes it, what
-- was explained: codes of kpi::caregiving::Explained). No column holds
-- anything of a family's health.
CREATE TABLE care_centres (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region_id BIGINT NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    area TEXT NOT NULL,
    phone TEXT NOT NULL
);
CREATE INDEX care_centres_region ON care_centres(region_id, position);

-- One row per organization and kpi::caregiving::EmployerDuty it has set up.
CREATE TABLE care_duties (
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    duty TEXT NOT NULL,
    done_on TEXT NOT NULL,
    note TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by BIGINT,
    PRIMARY KEY (org_id, duty)
);

CREATE TABLE care_notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    given_on TEXT NOT NULL,
    employee TEXT NOT NULL,
    explained TEXT NOT NULL,
    intention_confirmed INTEGER NOT NULL CHECK (intention_confirmed IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by BIGINT
);
CREATE INDEX care_notices_org ON care_notices(org_id, given_on);
