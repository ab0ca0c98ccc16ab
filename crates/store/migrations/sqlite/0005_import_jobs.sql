-- Background imports. The uploaded files wait in the database (not on one server's
-- disk) so that any serve process can take the job; they are deleted when the job
-- ends unless the organization chose to keep them.

CREATE TABLE import_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    fiscal_year BIGINT NOT NULL,
    -- preview → queued → running → done | failed ; cancelled
    status TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    -- Names of the uploaded files, kept after their bytes are deleted.
    file_names TEXT NOT NULL DEFAULT '',
    keep_files BIGINT NOT NULL DEFAULT 0,
    total_bytes BIGINT NOT NULL DEFAULT 0,
    processed_bytes BIGINT NOT NULL DEFAULT 0,
    processed_rows BIGINT NOT NULL DEFAULT 0,
    error_ja TEXT NOT NULL DEFAULT '',
    error_en TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    import_id BIGINT,
    created_by BIGINT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
);
CREATE INDEX import_jobs_status ON import_jobs(status, id);
CREATE INDEX import_jobs_org ON import_jobs(org_id, id);

CREATE TABLE import_job_files (
    job_id BIGINT NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    bytes BLOB NOT NULL,
    PRIMARY KEY (job_id, name)
);
