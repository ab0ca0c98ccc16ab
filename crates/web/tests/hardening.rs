//! Hardening (issue 9): one module per helper's part, each on both backends.

mod support;

#[path = "hardening/input.rs"]
mod input;
