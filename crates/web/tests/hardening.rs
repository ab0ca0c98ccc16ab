//! Hardening tests (issue 9): the real application on a random port, on SQLite and
//! on PostgreSQL, each test with a fresh database.

mod support;

#[path = "hardening/server.rs"]
mod server;
