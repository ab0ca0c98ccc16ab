-- Events of a region's program (講演会・パネルディスカッション・セミナー; issue 10).
-- starts_at, ends_at and registration_deadline are wall-clock times in Japan,
-- 'YYYY-MM-DDTHH:MM' (domain::event::LocalDateTime). speakers holds one
-- '氏名｜肩書き' per line. kind and status are parsed at the store's edge
-- (domain::event::EventKind / EventStatus). uid is the iCalendar UID, fixed at
-- creation so calendar apps that subscribed keep recognising the event.
CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region_id INTEGER NOT NULL REFERENCES regions(id) ON DELETE CASCADE,
    uid TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'cancelled')),
    title TEXT NOT NULL,
    title_kana TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    speakers TEXT NOT NULL DEFAULT '',
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    venue_name TEXT NOT NULL DEFAULT '',
    venue_address TEXT NOT NULL DEFAULT '',
    access TEXT NOT NULL DEFAULT '',
    parking TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    capacity INTEGER,
    audience TEXT NOT NULL DEFAULT '',
    citizens_welcome INTEGER NOT NULL DEFAULT 0,
    registration_deadline TEXT,
    fee TEXT NOT NULL DEFAULT '',
    organizer TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    program_year INTEGER NOT NULL,
    declaration_id INTEGER REFERENCES declarations(id) ON DELETE SET NULL,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sequence INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_region_starts ON events(region_id, starts_at);
CREATE INDEX events_status_starts ON events(status, starts_at);
