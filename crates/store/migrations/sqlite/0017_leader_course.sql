-- The leader course (働き方改革推進リーダー養成講座; issue 10). A course of a region
-- and program year has sessions (each with one worksheet kind), facilitators, and a
-- cohort of participants: user accounts of member organizations. Each participant
-- has one worksheet per session: a draft saved as they type, and revisions kept
-- whole each time they submit. Facilitators comment on the revision they read.
CREATE TABLE courses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region_id INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
    fiscal_year INTEGER NOT NULL,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX courses_region ON courses(region_id, fiscal_year);

CREATE TABLE course_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    held_on TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    worksheet_kind TEXT NOT NULL CHECK (worksheet_kind IN ('issues', 'solutions', 'promotion')),
    UNIQUE (course_id, position)
);

CREATE TABLE course_facilitators (
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (course_id, user_id)
);

CREATE TABLE course_participants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    enrolled_at TEXT NOT NULL,
    UNIQUE (course_id, user_id)
);

CREATE TABLE course_attendance (
    session_id INTEGER NOT NULL REFERENCES course_sessions(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES course_participants(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, participant_id)
);

-- draft_json is NULL until the first save; revisions counts the revisions.
CREATE TABLE worksheets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    participant_id INTEGER NOT NULL REFERENCES course_participants(id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL REFERENCES course_sessions(id) ON DELETE CASCADE,
    draft_json TEXT,
    draft_saved_at TEXT,
    revisions INTEGER NOT NULL DEFAULT 0,
    UNIQUE (participant_id, session_id)
);

CREATE TABLE worksheet_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    worksheet_id INTEGER NOT NULL REFERENCES worksheets(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    content_json TEXT NOT NULL,
    submitted_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    submitted_at TEXT NOT NULL,
    UNIQUE (worksheet_id, number)
);

CREATE TABLE worksheet_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    revision_id INTEGER NOT NULL REFERENCES worksheet_revisions(id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX worksheet_comments_revision ON worksheet_comments(revision_id, id);
