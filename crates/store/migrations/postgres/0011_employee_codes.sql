-- Who sees what (issue 8). The employer's own employee codes, encrypted with a key
-- kept outside the database (a file in the data dir, see docs/decisions.md): a dump
-- of this table reads as noise without that file. One row per organization and
-- keyed pseudonym; the organization id and pseudonym are the AEAD's associated data,
-- so a row copied to another organization, or to another pseudonym, fails to decrypt.
CREATE TABLE employee_codes (
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    pseudonym TEXT NOT NULL,
    nonce BYTEA NOT NULL,
    ciphertext BYTEA NOT NULL,
    PRIMARY KEY (org_id, pseudonym)
);

-- Whether region staff of the organization's region may see its aggregates (KPI,
-- readiness, plan, disclosure). Off until the organization's admin chooses it.
ALTER TABLE organizations ADD COLUMN share_aggregates_with_region BIGINT NOT NULL DEFAULT 0;
