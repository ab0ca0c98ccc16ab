-- ライフイベント・カードワーク (issue 13): a region's deck of life-event cards
-- (none: the default deck of domain::workshop), an organization's sessions
-- with the team present, each card dealt with who covers the work and what
-- is missing, and the team's own list of actions (an engagement's action
-- sheet keeps its own in engagement_actions).
CREATE TABLE region_cards (
    region_id BIGINT NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    prompt TEXT NOT NULL,
    PRIMARY KEY (region_id, position)
);

CREATE TABLE workshops (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    members TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX workshops_org ON workshops(org_id);

CREATE TABLE workshop_deals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id BIGINT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    card_title TEXT NOT NULL,
    card_prompt TEXT NOT NULL,
    member TEXT NOT NULL,
    cover TEXT NOT NULL,
    gaps TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX workshop_deals_workshop ON workshop_deals(workshop_id);

CREATE TABLE workshop_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id BIGINT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    deal_id BIGINT NOT NULL REFERENCES workshop_deals(id) ON DELETE CASCADE,
    gap TEXT NOT NULL,
    action TEXT NOT NULL,
    owner TEXT NOT NULL,
    engagement_action_id BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX workshop_actions_workshop ON workshop_actions(workshop_id);
