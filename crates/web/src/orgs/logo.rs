//! Logo uploads: the type is decided by the bytes, never by the file name, and SVG
//! is rebuilt from an allow-list so no script, event handler or external reference
//! survives.

use std::fmt::Write;

/// What is wrong with an uploaded logo (an i18n key).
pub type LogoError = &'static str;

/// Check a logo and return its content type and the bytes to store.
pub fn accept(bytes: &[u8], max_bytes: usize) -> Result<(&'static str, Vec<u8>), LogoError> {
    if bytes.len() > max_bytes {
        return Err("declare.logo_too_large");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(("image/png", bytes.to_vec()));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(("image/jpeg", bytes.to_vec()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "declare.logo_type")?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') && trimmed.contains("<svg") {
        return sanitize_svg(trimmed).map(|s| ("image/svg+xml", s.into_bytes()));
    }
    Err("declare.logo_type")
}

const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "defs",
    "linearGradient",
    "radialGradient",
    "stop",
    "title",
    "desc",
    "clipPath",
    "use",
    "symbol",
];

const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "viewBox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "d",
    "points",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "opacity",
    "transform",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
    "clip-path",
    "clip-rule",
    "preserveAspectRatio",
    "href",
    "dx",
    "dy",
    "fx",
    "fy",
    "version",
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Deepest element nesting kept in a logo. Real logos nest a handful of groups;
/// the limit keeps every walk over the tree far from the thread's stack size.
pub const MAX_DEPTH: usize = 64;

/// Most XML nodes (elements, text, comments…) a logo may have. Bounds the
/// parser's memory and the time spent rebuilding the document.
pub const MAX_NODES: u32 = 20_000;

/// Rebuild an SVG document keeping only allow-listed elements and attributes.
/// Internal references (`#id`) are kept; anything pointing elsewhere is dropped.
/// Documents nested deeper than [`MAX_DEPTH`] or with more than [`MAX_NODES`]
/// nodes are refused.
pub fn sanitize_svg(text: &str) -> Result<String, LogoError> {
    let options = roxmltree::ParsingOptions {
        // roxmltree refuses DTDs by default, which also rules out entity expansion attacks.
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => "declare.logo_too_complex",
        _ => "declare.logo_invalid_svg",
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err("declare.logo_invalid_svg");
    }
    let mut out = String::new();
    // An explicit stack instead of recursion: the depth of the input must never
    // decide how deep the server's own call stack grows.
    enum Step<'a, 'input> {
        Open(roxmltree::Node<'a, 'input>, usize),
        Close(&'a str),
    }
    let mut stack = vec![Step::Open(root, 1)];
    while let Some(step) = stack.pop() {
        let (node, depth) = match step {
            Step::Close(name) => {
                let _ = write!(out, "</{name}>");
                continue;
            }
            Step::Open(node, depth) => (node, depth),
        };
        if node.is_text() {
            out.push_str(&escape(node.text().unwrap_or("")));
            continue;
        }
        let name = node.tag_name().name();
        if !node.is_element() || !ELEMENTS.contains(&name) {
            continue;
        }
        if depth > MAX_DEPTH {
            return Err("declare.logo_too_complex");
        }
        write_start_tag(node, &mut out, depth == 1);
        stack.push(Step::Close(name));
        for child in node.children().rev() {
            stack.push(Step::Open(child, depth + 1));
        }
    }
    Ok(out)
}

fn write_start_tag(node: roxmltree::Node, out: &mut String, is_root: bool) {
    let name = node.tag_name().name();
    let _ = write!(out, "<{name}");
    if is_root {
        out.push_str(" xmlns=\"http://www.w3.org/2000/svg\"");
    }
    for a in node.attributes() {
        let an = a.name();
        if !ATTRIBUTES.contains(&an) {
            continue;
        }
        let v = a.value();
        if an == "href" && !v.starts_with('#') {
            continue;
        }
        if references_outside(v) {
            continue;
        }
        let _ = write!(out, " {an}=\"{}\"", escape(v));
    }
    out.push('>');
}

/// Whether an attribute value, read the way a browser's CSS parser reads a
/// presentation attribute, could fetch or run something: `url(` to anything but a
/// local `#fragment`, `expression(`, `javascript:`, `@import`, `image(`… The XML
/// parser has already decoded entities (`&#x72;`); CSS escapes (`u\72 l(`) are
/// decoded here, and comments and white space removed, before looking. Being
/// wrong on the safe side only drops an attribute of a logo.
pub fn references_outside(value: &str) -> bool {
    let plain: String = strip_css_comments(&css_unescape(value))
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    const FORBIDDEN: &[&str] = &[
        "expression(",
        "javascript:",
        "vbscript:",
        "@import",
        "image(",
        "image-set(",
        "cross-fade(",
        "element(",
        "src(",
        "-moz-binding",
        "behavior:",
    ];
    if FORBIDDEN.iter().any(|f| plain.contains(f)) {
        return true;
    }
    // Every `url(` must point into the document itself, quoted or not.
    plain.match_indices("url(").any(|(at, m)| {
        let target = plain[at + m.len()..].trim_start_matches(['"', '\'']);
        !target.starts_with('#')
    })
}

/// Decode CSS escapes (CSS Syntax Level 3, §4.3.7 "consume an escaped code point"):
///
/// - `\` followed by 1 to 6 hex digits is that code point; one white space
///   character after the digits (a space, tab, or newline; CR LF counts as one)
///   belongs to the escape and is dropped. Zero, surrogates and values above
///   U+10FFFF become U+FFFD, as in a browser.
/// - `\` followed by a newline is a line continuation: both are dropped.
/// - `\` followed by any other character is that character (`\(` is `(`).
/// - `\` at the very end becomes U+FFFD.
pub fn css_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&next) = chars.peek() else {
            out.push('\u{FFFD}');
            break;
        };
        if next.is_ascii_hexdigit() {
            let mut code: u32 = 0;
            let mut digits = 0;
            while digits < 6 {
                match chars.peek().and_then(|c| c.to_digit(16)) {
                    Some(d) => {
                        code = code * 16 + d;
                        digits += 1;
                        chars.next();
                    }
                    None => break,
                }
            }
            match chars.peek() {
                Some('\r') => {
                    chars.next();
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                }
                Some(' ' | '\t' | '\n' | '\u{c}') => {
                    chars.next();
                }
                _ => {}
            }
            out.push(match code {
                0 => '\u{FFFD}',
                c => char::from_u32(c).unwrap_or('\u{FFFD}'),
            });
        } else if matches!(next, '\n' | '\r' | '\u{c}') {
            chars.next();
            if next == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
        } else {
            out.push(next);
            chars.next();
        }
    }
    out
}

/// Remove `/* … */` comments; an unclosed one runs to the end, as in CSS.
fn strip_css_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_is_decided_by_content_not_name() {
        let png = b"\x89PNG\r\n\x1a\nrest";
        assert_eq!(accept(png, 100).unwrap().0, "image/png");
        assert_eq!(
            accept(&[0xFF, 0xD8, 0xFF, 0xE0], 100).unwrap().0,
            "image/jpeg"
        );
        assert_eq!(accept(b"GIF89a...", 100), Err("declare.logo_type"));
        assert_eq!(accept(b"%PDF-1.7", 100), Err("declare.logo_type"));
        assert_eq!(accept(png, 4), Err("declare.logo_too_large"));
    }

    #[test]
    fn svg_loses_scripts_handlers_and_external_links() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">
            <script>alert(2)</script>
            <rect width="10" height="10" fill="#0031d8" onclick="x()"/>
            <a href="https://evil.example"><circle r="2"/></a>
            <use href="https://evil.example/x.svg#a"/><use href="#r"/>
            <foreignObject><div>hi</div></foreignObject>
            <path d="M0 0" style="fill:url(https://evil.example)" fill="url(javascript:alert(3))"/>
        </svg>"##;
        let (ct, out) = accept(svg.as_bytes(), 10_000).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(ct, "image/svg+xml");
        for bad in [
            "script",
            "onload",
            "onclick",
            "evil",
            "foreignObject",
            "javascript",
            "style",
        ] {
            assert!(!out.contains(bad), "{bad} survived: {out}");
        }
        assert!(
            out.contains(r##"<rect width="10" height="10" fill="#0031d8">"##),
            "{out}"
        );
        assert!(out.contains(r##"<use href="#r">"##), "{out}");
    }

    #[test]
    fn svg_with_a_dtd_is_refused() {
        let svg = r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "boom">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"#;
        assert_eq!(
            accept(svg.as_bytes(), 10_000),
            Err("declare.logo_invalid_svg")
        );
        assert_eq!(accept(b"<svg", 10_000), Err("declare.logo_invalid_svg"));
    }
    /// `depth` nested groups inside an `<svg>`.
    fn nested(depth: usize) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\">{}{}</svg>",
            "<g>".repeat(depth),
            "</g>".repeat(depth)
        )
    }

    #[test]
    fn deeply_nested_svg_is_refused_without_exhausting_the_stack() {
        // 10,000 levels (70 KB) overflowed the stack of the recursive writer.
        // Run on a small stack so that any recursion left would show here too.
        let result = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| accept(nested(10_000).as_bytes(), 512 * 1024))
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert_eq!(result, Err("declare.logo_too_complex"));
        // `nested(n)` is n + 1 elements deep, counting the `<svg>`.
        assert_eq!(
            accept(nested(MAX_DEPTH - 1).as_bytes(), 512 * 1024).map(|(ct, _)| ct),
            Ok("image/svg+xml"),
            "the limit itself is accepted"
        );
        assert_eq!(
            accept(nested(MAX_DEPTH).as_bytes(), 512 * 1024),
            Err("declare.logo_too_complex"),
            "one level more is not"
        );
    }

    #[test]
    fn svg_with_too_many_nodes_is_refused() {
        let flat = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\">{}</svg>",
            "<rect/>".repeat(MAX_NODES as usize)
        );
        assert_eq!(
            accept(flat.as_bytes(), 512 * 1024),
            Err("declare.logo_too_complex")
        );
    }

    #[test]
    fn output_keeps_structure_and_order() {
        let svg = r##"<svg viewBox="0 0 2 2"><g id="a"><rect width="1"/>text &amp; more<circle r="1"/></g><title>T</title></svg>"##;
        let out = sanitize_svg(svg).unwrap();
        assert_eq!(
            out,
            r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"><g id="a"><rect width="1"></rect>text &amp; more<circle r="1"></circle></g><title>T</title></svg>"##
        );
    }

    #[test]
    fn css_escapes_are_decoded() {
        assert_eq!(css_unescape(r"u\72 l(x)"), "url(x)");
        assert_eq!(css_unescape(r"u\000072l(x)"), "url(x)");
        assert_eq!(css_unescape(r"u\72l(x)"), "url(x)", "l is not a hex digit");
        assert_eq!(css_unescape("u\\72\r\nl"), "url");
        assert_eq!(css_unescape(r"\u\r\l\("), "url(");
        assert_eq!(css_unescape(r"a\0 b"), "a\u{FFFD}b");
        assert_eq!(css_unescape(r"a\D800 b"), "a\u{FFFD}b");
        assert_eq!(css_unescape(r"a\110000 b"), "a\u{FFFD}b");
        assert_eq!(css_unescape("a\\\nb"), "ab");
        assert_eq!(css_unescape("end\\"), "end\u{FFFD}");
        assert_eq!(css_unescape("日本\\8a9e"), "日本語");
    }

    #[test]
    fn values_referencing_anything_outside_are_found() {
        for bad in [
            r"u\72 l(http://evil.example/)",
            r"u\000072l(http://evil.example/)",
            r"U\52 L(http://evil.example/)",
            r"\75\72\6c(http://evil.example/)",
            r"\u\r\l(http://evil.example/)",
            "url( 'http://evil.example/')",
            "url(#a) url(http://evil.example/)",
            "url(//evil.example/x)",
            "URL(data:image/png;base64,AAAA)",
            r"expr\65 ssion(alert(1))",
            "java/**/script:alert(1)",
            "javas\tcript:alert(1)",
            r"\@import 'x'",
            "image('http://evil.example/')",
            "image-set('x.png' 1x)",
            "-moz-binding:url(x)",
        ] {
            assert!(references_outside(bad), "{bad}");
        }
        for fine in [
            "#0031d8",
            "url(#grad)",
            "url('#grad')",
            "url( \"#grad\" )",
            r"u\72 l(#grad)",
            "M0 0 L10 10 Z",
            "rotate(45 5 5)",
            "Noto Sans JP",
        ] {
            assert!(!references_outside(fine), "{fine}");
        }
    }

    #[test]
    fn css_escaped_url_is_dropped_from_the_logo() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg">
            <rect fill="u\72 l(http://evil.example/)" stroke="u&#x72;l(http://evil.example/)" width="1"/>
            <rect fill="u\000072l(http://evil.example/)" clip-path="url(#c)"/>
        </svg>"##;
        let out = sanitize_svg(svg).unwrap();
        assert!(!out.contains("evil"), "{out}");
        assert!(out.contains(r##"<rect width="1">"##), "{out}");
        assert!(out.contains(r##"clip-path="url(#c)""##), "{out}");
    }
    /// Bounded fuzzing of the sanitiser (the open-ended target is fuzz/svg_sanitize):
    /// whatever comes in, the answer is a known error or an SVG that parses again,
    /// sanitises to itself, and has no attribute pointing outside.
    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        const TAGS: &[&str] = &[
            "g", "svg", "rect", "a", "script", "text", "defs", "use", "style",
        ];
        const PIECES: &[&str] = &[
            "u",
            "r",
            "l",
            "(",
            ")",
            "#",
            "a",
            "\\72 ",
            "\\000072",
            "\\",
            "\\\n",
            "&#x72;",
            "&#92;",
            "url(",
            "http://evil.example/",
            "/*",
            "*/",
            "'",
            " ",
            "\t",
            "java",
            "script:",
            "expression(",
            "@import",
            "image(",
            "0",
            "#0031d8",
            "日本",
        ];
        const NAMES: &[&str] = &[
            "fill",
            "stroke",
            "href",
            "clip-path",
            "style",
            "onload",
            "id",
            "d",
            "transform",
            "font-family",
        ];

        fn attribute() -> impl Strategy<Value = String> {
            (
                prop::sample::select(NAMES),
                prop::collection::vec(prop::sample::select(PIECES), 0..10),
            )
                .prop_map(|(name, pieces)| format!(" {name}=\"{}\"", pieces.concat()))
        }

        /// A document from a random sequence of opening tags (with attributes), text
        /// and closing tags, closed at the end so that it is well formed.
        fn document() -> impl Strategy<Value = String> {
            prop::collection::vec(
                (
                    0u8..3,
                    prop::sample::select(TAGS),
                    prop::collection::vec(attribute(), 0..3),
                ),
                0..300,
            )
            .prop_map(|ops| {
                let mut out = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\">");
                let mut open: Vec<&str> = Vec::new();
                for (op, tag, attributes) in ops {
                    match op {
                        0 => {
                            out.push_str(&format!("<{tag}{}>", attributes.concat()));
                            open.push(tag);
                        }
                        1 => out.push_str("t &amp; &lt;x&gt;"),
                        _ => {
                            if let Some(tag) = open.pop() {
                                out.push_str(&format!("</{tag}>"));
                            }
                        }
                    }
                }
                while let Some(tag) = open.pop() {
                    out.push_str(&format!("</{tag}>"));
                }
                out.push_str("</svg>");
                out
            })
        }

        fn check(bytes: &[u8]) {
            match accept(bytes, 512 * 1024) {
                Ok(("image/svg+xml", out)) => {
                    let out = String::from_utf8(out).expect("UTF-8 out");
                    let doc = roxmltree::Document::parse(&out).expect("the output parses");
                    for node in doc.descendants().filter(|n| n.is_element()) {
                        assert!(ELEMENTS.contains(&node.tag_name().name()), "{out}");
                        for a in node.attributes() {
                            assert!(ATTRIBUTES.contains(&a.name()), "{out}");
                            assert!(!references_outside(a.value()), "{out}");
                            assert!(a.name() != "href" || a.value().starts_with('#'), "{out}");
                        }
                    }
                    assert_eq!(
                        sanitize_svg(&out).as_deref(),
                        Ok(out.as_str()),
                        "idempotent"
                    );
                }
                Ok(_) => {}
                Err(key) => assert!(
                    [
                        "declare.logo_type",
                        "declare.logo_invalid_svg",
                        "declare.logo_too_complex",
                        "declare.logo_too_large"
                    ]
                    .contains(&key)
                ),
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

            #[test]
            fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
                check(&bytes);
                let mut svg = b"<svg>".to_vec();
                svg.extend_from_slice(&bytes);
                check(&svg);
            }

            #[test]
            fn near_valid_documents(doc in document()) {
                check(doc.as_bytes());
            }

            #[test]
            fn deep_documents(depth in 0usize..5_000, tag in prop::sample::select(TAGS)) {
                let doc = format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\">{}{}</svg>",
                    format!("<{tag}>").repeat(depth),
                    format!("</{tag}>").repeat(depth)
                );
                check(doc.as_bytes());
            }
        }
    }
}
