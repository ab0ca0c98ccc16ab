-- "自治体で6番目": a declarer's position among approved declarers of the same
-- organization type for the same declaration, in order of declaration. Stored on the
-- row and recomputed when a signing is approved or an organization changes type, so
-- that reading the public registry needs no window over every declarer.
ALTER TABLE signings ADD COLUMN order_in_type BIGINT NOT NULL DEFAULT 0;

UPDATE signings SET order_in_type = ranked.n
FROM (
    SELECT s.id, ROW_NUMBER() OVER (PARTITION BY s.declaration_id, o.org_type ORDER BY s.declared_on, s.id) AS n
    FROM signings s JOIN organizations o ON o.id = s.org_id
    WHERE s.status = 'approved'
) AS ranked
WHERE signings.id = ranked.id;

CREATE INDEX signings_org ON signings(org_id);
