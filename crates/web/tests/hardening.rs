//! Hardening tests (issue 9): hostile input through the real application, on SQLite
//! and on PostgreSQL. One module per topic under tests/hardening/.

mod support;

mod hardening {
    pub mod svg;
}
