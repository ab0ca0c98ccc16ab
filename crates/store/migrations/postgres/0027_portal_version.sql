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

CREATE FUNCTION bump_portal_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE portal_state SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER portal_regions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_portal_version();
CREATE TRIGGER portal_organizations AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_portal_version();
CREATE TRIGGER portal_declarations AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON declarations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_portal_version();
CREATE TRIGGER portal_signings AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON signings
    FOR EACH STATEMENT EXECUTE FUNCTION bump_portal_version();
CREATE TRIGGER portal_childcare_figures AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON childcare_figures
    FOR EACH STATEMENT EXECUTE FUNCTION bump_portal_version();
CREATE TRIGGER portal_publications AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications
    FOR EACH STATEMENT EXECUTE FUNCTION bump_portal_version();
CREATE TRIGGER portal_workplace_profiles AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workplace_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION bump_portal_version();
CREATE TRIGGER portal_job_postings AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON job_postings
    FOR EACH STATEMENT EXECUTE FUNCTION bump_portal_version();
