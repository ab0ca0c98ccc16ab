-- Photos of a workplace profile (issue 12). Each upload is decoded, turned
-- upright, resized and re-encoded as JPEG before it is stored, so no EXIF
-- (GPS position, camera, time) survives; two sizes are kept for srcset.
-- A photo belongs to its organization; which photos a profile shows, in what
-- order and with what alternative text, is part of the profile's text
-- (`photos`, a JSON list of {"id","alt","w","h"}) and so goes through review.
CREATE TABLE workplace_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    large_upload_id BIGINT NOT NULL REFERENCES uploads(id),
    small_upload_id BIGINT NOT NULL REFERENCES uploads(id),
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    created_at TEXT NOT NULL,
    created_by BIGINT
);
CREATE INDEX workplace_photos_org ON workplace_photos(org_id);

ALTER TABLE workplace_profiles ADD COLUMN photos TEXT NOT NULL DEFAULT '[]';
ALTER TABLE workplace_profile_proposals ADD COLUMN photos TEXT NOT NULL DEFAULT '[]';
