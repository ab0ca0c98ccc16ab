-- Workplace KPIs computed from imported 勤怠 / HR files (issue 3).
-- Employee codes never reach the database: they are replaced by a keyed hash per
-- organization (org_secrets.pseudonym_key) before anything is stored.

CREATE TABLE org_secrets (
    org_id BIGINT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
    pseudonym_key TEXT NOT NULL
);

-- One row per import: what was read and the fiscal-year report it produced
-- (JSON, pseudonymised). The newest import of an organization and year is current.
CREATE TABLE kpi_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    fiscal_year BIGINT NOT NULL,
    content_sha256 TEXT NOT NULL,
    files TEXT NOT NULL,
    attendance_rows BIGINT NOT NULL,
    employees BIGINT NOT NULL,
    report_json TEXT NOT NULL,
    created_by BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX kpi_imports_current ON kpi_imports(org_id, fiscal_year, id);

-- Per-employee-month facts of the current import, for later features
-- (certification readiness, before/after of consultant engagements).
CREATE TABLE kpi_employee_months (
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    fiscal_year BIGINT NOT NULL,
    employee_key TEXT NOT NULL,
    month TEXT NOT NULL,
    legal_overtime_minutes BIGINT NOT NULL,
    legal_holiday_minutes BIGINT NOT NULL,
    import_id BIGINT NOT NULL REFERENCES kpi_imports(id) ON DELETE CASCADE,
    PRIMARY KEY (org_id, fiscal_year, employee_key, month)
);
