-- A counter bumped by every write to a table the public portal pages read (the
-- job search, a posting, a workplace profile, the header's region): each server
-- process caches what it rendered for these pages and checks this single row, so a
-- second server on the same database never serves a stale page. Triggers rather
-- than calls in the store, so that no write path can forget it (issue 12).
CREATE TABLE portal_state (
    id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO portal_state (id, version) VALUES (1, 1);
CREATE TRIGGER portal_regions_insert AFTER INSERT ON regions
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_regions_update AFTER UPDATE ON regions
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_regions_delete AFTER DELETE ON regions
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_organizations_insert AFTER INSERT ON organizations
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_organizations_update AFTER UPDATE ON organizations
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_organizations_delete AFTER DELETE ON organizations
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_declarations_insert AFTER INSERT ON declarations
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_declarations_update AFTER UPDATE ON declarations
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_declarations_delete AFTER DELETE ON declarations
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_signings_insert AFTER INSERT ON signings
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_signings_update AFTER UPDATE ON signings
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_signings_delete AFTER DELETE ON signings
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_childcare_figures_insert AFTER INSERT ON childcare_figures
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_childcare_figures_update AFTER UPDATE ON childcare_figures
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_childcare_figures_delete AFTER DELETE ON childcare_figures
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_publications_insert AFTER INSERT ON publications
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_publications_update AFTER UPDATE ON publications
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_publications_delete AFTER DELETE ON publications
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_workplace_profiles_insert AFTER INSERT ON workplace_profiles
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_workplace_profiles_update AFTER UPDATE ON workplace_profiles
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_workplace_profiles_delete AFTER DELETE ON workplace_profiles
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_job_postings_insert AFTER INSERT ON job_postings
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_job_postings_update AFTER UPDATE ON job_postings
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_job_postings_delete AFTER DELETE ON job_postings
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
