-- Import jobs are held by a lease: the worker that claims a job writes its id and
-- lease_until, renews the lease while it runs, and any worker may take a running
-- job whose lease has expired (its process died). cancel_requested asks the
-- worker holding the lease to stop at its next progress check; attempts counts
-- claims so that a job that brings every worker down is failed, not retried forever.
ALTER TABLE import_jobs ADD COLUMN worker_id TEXT NOT NULL DEFAULT '';
ALTER TABLE import_jobs ADD COLUMN lease_until TEXT;
ALTER TABLE import_jobs ADD COLUMN cancel_requested BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_jobs ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
