-- The mapping profile (vendor layout) an import reads its attendance file with:
-- "canonical", a shipped preset such as "kingoftime", or a user-defined one.
ALTER TABLE import_jobs ADD COLUMN profile TEXT NOT NULL DEFAULT 'canonical';
