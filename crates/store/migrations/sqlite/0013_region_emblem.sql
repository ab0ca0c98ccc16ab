-- A region's emblem (市章), shown in the header next to its name: an upload
-- checked like a declaration logo. None until staff upload one.
ALTER TABLE regions ADD COLUMN emblem_upload_id INTEGER REFERENCES uploads(id) ON DELETE SET NULL;
