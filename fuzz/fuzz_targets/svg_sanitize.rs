//! The logo sanitiser on arbitrary bytes: a known error, or an SVG that parses
//! again, keeps no attribute pointing outside, and sanitises to itself.
#![no_main]

// The sanitiser's own source, compiled here without the rest of the web crate (it
// only needs std and roxmltree), so that the fuzzer builds in seconds.
#[path = "../../crates/web/src/orgs/logo.rs"]
#[allow(dead_code)]
mod logo;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match logo::accept(bytes, 512 * 1024) {
        Ok(("image/svg+xml", out)) => {
            let out = String::from_utf8(out).expect("the output is UTF-8");
            let doc = roxmltree::Document::parse(&out).expect("the output parses");
            for node in doc.descendants().filter(|n| n.is_element()) {
                for a in node.attributes() {
                    assert!(!logo::references_outside(a.value()), "{out}");
                    assert!(a.name() != "href" || a.value().starts_with('#'), "{out}");
                }
            }
            assert_eq!(logo::sanitize_svg(&out).as_deref(), Ok(out.as_str()));
        }
        Ok(_) => {}
        Err(_) => {}
    }
});
