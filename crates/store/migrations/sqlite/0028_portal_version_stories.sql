-- A workplace profile lists the employer's published case stories, and the
-- profile page is cached against portal_state: a story's writes bump it too.
CREATE TRIGGER portal_stories_insert AFTER INSERT ON stories
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_stories_update AFTER UPDATE ON stories
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER portal_stories_delete AFTER DELETE ON stories
BEGIN UPDATE portal_state SET version = version + 1 WHERE id = 1; END;
