-- A workplace profile lists the employer's published case stories, and the
-- profile page is cached against portal_state: a story's writes bump it too.
CREATE TRIGGER portal_stories AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stories
    FOR EACH STATEMENT EXECUTE FUNCTION bump_portal_version();
