-- 一般事業主行動計画 (次世代法): an organization's plan, its period (2–5 years),
-- measures, and numeric targets tracked against the computed figures (issue 4).
CREATE TABLE action_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    measures TEXT NOT NULL,
    created_by BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX action_plans_org ON action_plans(org_id, starts_on);

-- kind: "male_childcare_rate" (%), "monthly_overtime_hours" (h per month), "custom".
CREATE TABLE action_plan_targets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id BIGINT NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    target_value REAL NOT NULL,
    position BIGINT NOT NULL
);
CREATE INDEX action_plan_targets_plan ON action_plan_targets(plan_id);
