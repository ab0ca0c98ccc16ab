-- The survey engine's rounds and answers (issue 12: the residents' survey;
-- reusable by the organizational survey). A round belongs to a region (or an
-- organization), opens and closes once: a closed round takes no answer and
-- is never reopened, so its results never change (crates/survey, release
-- rule 1). An answer is one JSON object (question key → codes or text) and
-- nothing else: no person, no time, no network address.
CREATE TABLE survey_rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    questionnaire TEXT NOT NULL,
    region_id BIGINT REFERENCES regions(id) ON DELETE CASCADE,
    org_id BIGINT REFERENCES organizations(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    threshold INTEGER NOT NULL DEFAULT 5 CHECK (threshold >= 2),
    opened_on TEXT NOT NULL,
    closed_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX survey_rounds_region ON survey_rounds(region_id, questionnaire);
-- At most one open round per questionnaire and region.
CREATE UNIQUE INDEX survey_rounds_one_open ON survey_rounds(questionnaire, region_id)
    WHERE closed_on IS NULL;

CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id BIGINT NOT NULL REFERENCES survey_rounds(id) ON DELETE CASCADE,
    answers TEXT NOT NULL
);
CREATE INDEX survey_responses_round ON survey_responses(round_id);
