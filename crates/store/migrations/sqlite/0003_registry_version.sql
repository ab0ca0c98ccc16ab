-- A counter bumped by every write that changes the public registry. Each server
-- process caches the registry it rendered and checks this single row per request,
-- so several processes on one database never serve a stale list.
CREATE TABLE registry_state (
    id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO registry_state (id, version) VALUES (1, 1);
