-- SQLite schema. Keep in step with ../postgres/0001_init.sql: the same tables and
-- columns, only identity columns and blob types differ. Timestamps are ISO-8601 UTC
-- text and dates are YYYY-MM-DD text, because sqlx's Any driver decodes neither
-- TIMESTAMPTZ nor DATE; booleans are integers 0/1 for the same reason.

CREATE TABLE regions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    prefecture TEXT NOT NULL,
    intro_ja TEXT NOT NULL DEFAULT '',
    intro_en TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE news (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region_id INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
    published_on TEXT NOT NULL,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL
);
CREATE INDEX news_region ON news(region_id, published_on);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kana TEXT NOT NULL DEFAULT '',
    org_type TEXT NOT NULL,
    region_id INTEGER REFERENCES regions(id),
    prefecture TEXT NOT NULL,
    corporate_number TEXT UNIQUE,
    industry TEXT,
    employee_band TEXT,
    address TEXT NOT NULL DEFAULT '',
    website TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX organizations_region ON organizations(region_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    invite_token_hash TEXT UNIQUE,
    invite_expires_at TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_login_at TEXT
);

CREATE TABLE role_assignments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    region_id INTEGER REFERENCES regions(id) ON DELETE CASCADE,
    org_id INTEGER REFERENCES organizations(id) ON DELETE CASCADE
);
CREATE INDEX role_assignments_user ON role_assignments(user_id);
CREATE UNIQUE INDEX role_assignments_unique ON role_assignments(user_id, role, COALESCE(region_id, 0), COALESCE(org_id, 0));

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    ip TEXT NOT NULL,
    attempted_at TEXT NOT NULL,
    succeeded INTEGER NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts(email, attempted_at);
CREATE INDEX login_attempts_ip ON login_attempts(ip, attempted_at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id INTEGER,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER
);

CREATE TABLE declarations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    title_ja TEXT NOT NULL,
    title_en TEXT NOT NULL,
    text_ja TEXT NOT NULL,
    text_en TEXT NOT NULL,
    has_childcare_figures INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE signings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    declaration_id INTEGER NOT NULL REFERENCES declarations(id),
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    declared_on TEXT NOT NULL,
    representative_name TEXT NOT NULL,
    representative_title TEXT NOT NULL,
    message TEXT NOT NULL,
    logo_upload_id INTEGER REFERENCES uploads(id),
    status TEXT NOT NULL,
    submitted_by INTEGER,
    submitted_at TEXT NOT NULL,
    reviewed_by INTEGER,
    reviewed_at TEXT,
    review_note TEXT NOT NULL DEFAULT '',
    UNIQUE (declaration_id, org_id)
);
CREATE INDEX signings_public ON signings(declaration_id, status, declared_on);
CREATE INDEX signings_reviewed ON signings(status, reviewed_at);

CREATE TABLE childcare_figures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    source TEXT NOT NULL,
    men_employed INTEGER NOT NULL,
    women_employed INTEGER NOT NULL,
    men_births INTEGER NOT NULL,
    women_births INTEGER NOT NULL,
    men_takers INTEGER NOT NULL,
    women_takers INTEGER NOT NULL,
    men_average_days REAL,
    entered_by INTEGER,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, fiscal_year, source)
);
