-- 朝メール・夜メール (issue 13): each person's plan of the day and its actual,
-- as time blocks (JSON of domain::daily::Block), shared with their team.
-- Teams and categories are the organization's own; a day keeps the team and
-- the scheduled end it was written under, so history stays true when people
-- move or the settings change.
CREATE TABLE asa_settings (
    org_id BIGINT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    categories TEXT NOT NULL,
    scheduled_start TEXT NOT NULL,
    scheduled_end TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE asa_teams (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, name)
);

-- One team per person and organization; leader = may see who has not posted.
CREATE TABLE asa_team_members (
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES asa_teams(id) ON DELETE CASCADE,
    leader BIGINT NOT NULL CHECK (leader IN (0, 1)),
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX asa_team_members_team ON asa_team_members(team_id);

CREATE TABLE asa_days (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    team_id BIGINT REFERENCES asa_teams(id) ON DELETE SET NULL,
    hitokoto TEXT NOT NULL,
    planned TEXT NOT NULL,
    scheduled_end TEXT NOT NULL,
    planned_at TEXT NOT NULL,
    actual TEXT,
    reflection TEXT NOT NULL,
    reported_at TEXT,
    UNIQUE (org_id, user_id, day)
);
CREATE INDEX asa_days_team_day ON asa_days(team_id, day);
CREATE INDEX asa_days_org_day ON asa_days(org_id, day);

-- What a person is typing, saved as they type (the form's fields as JSON).
CREATE TABLE asa_drafts (
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('plan', 'report')),
    body TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (org_id, user_id, day, kind)
);

-- Teammates' comments and thanks on a day; thanks name whom they thank.
CREATE TABLE asa_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    day_id BIGINT NOT NULL REFERENCES asa_days(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('comment', 'thanks')),
    to_user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX asa_comments_day ON asa_comments(day_id);

-- Blocks a person repeats on some weekdays (bit 0 = Monday … bit 6 = Sunday).
CREATE TABLE asa_recurring (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    weekdays BIGINT NOT NULL,
    block TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX asa_recurring_user ON asa_recurring(org_id, user_id);

CREATE TABLE asa_notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    day_id BIGINT REFERENCES asa_days(id) ON DELETE CASCADE,
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX asa_notifications_user ON asa_notifications(user_id, read_at);

-- What a person asked to be told by mail (nothing unless they ask).
CREATE TABLE asa_prefs (
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    mail_on_comment BIGINT NOT NULL CHECK (mail_on_comment IN (0, 1)),
    PRIMARY KEY (org_id, user_id)
);
