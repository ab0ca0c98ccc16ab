//! Hardening tests (issue 9): each proves a fault found in review stays fixed, on
//! SQLite and on PostgreSQL.

mod support;

#[path = "hardening/auth.rs"]
mod auth;
