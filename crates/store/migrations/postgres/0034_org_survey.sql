-- 組織診断 (issue 13): an organization's survey rounds are rows of
-- survey_rounds (questionnaire 'org_diagnosis', org_id set) with their
-- answers in survey_responses, like the residents' survey. What the
-- organization chose for the round (departments, attributes, its own
-- questions: survey::diagnosis::Setup as JSON) and the round's answering
-- link are kept beside it. Nothing links an answer to a person: the link is
-- one per round, and invitations are counted, not listed.
CREATE TABLE org_survey_setups (
    round_id BIGINT PRIMARY KEY REFERENCES survey_rounds(id) ON DELETE CASCADE,
    setup TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    invited BIGINT NOT NULL DEFAULT 0
);
-- At most one open round per organization.
CREATE UNIQUE INDEX survey_rounds_one_open_per_org ON survey_rounds(questionnaire, org_id)
    WHERE closed_on IS NULL AND org_id IS NOT NULL;
