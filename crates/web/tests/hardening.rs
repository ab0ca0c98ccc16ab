//! Hardening tests (issue 9): hostile input through the real application on a random
//! port, on SQLite and on PostgreSQL, each test with a fresh database. One module per
//! topic under tests/hardening/.

mod support;

mod hardening {
    pub mod auth;
    pub mod input;
    pub mod server;
    pub mod svg;
}
