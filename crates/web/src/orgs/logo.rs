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

/// Rebuild an SVG document keeping only allow-listed elements and attributes.
/// Internal references (`#id`) are kept; anything pointing elsewhere is dropped.
pub fn sanitize_svg(text: &str) -> Result<String, LogoError> {
    // roxmltree refuses DTDs by default, which also rules out entity expansion attacks.
    let doc = roxmltree::Document::parse(text).map_err(|_| "declare.logo_invalid_svg")?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err("declare.logo_invalid_svg");
    }
    let mut out = String::new();
    write_node(root, &mut out, true);
    Ok(out)
}

fn write_node(node: roxmltree::Node, out: &mut String, is_root: bool) {
    let name = node.tag_name().name();
    if !ELEMENTS.contains(&name) {
        return;
    }
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
        let lower = v.to_ascii_lowercase();
        if an == "href" && !v.starts_with('#') {
            continue;
        }
        if lower.contains("javascript:") || (lower.contains("url(") && !lower.contains("url(#")) {
            continue;
        }
        let _ = write!(out, " {an}=\"{}\"", escape(v));
    }
    out.push('>');
    for child in node.children() {
        if child.is_element() {
            write_node(child, out, false);
        } else if child.is_text() {
            out.push_str(&escape(child.text().unwrap_or("")));
        }
    }
    let _ = write!(out, "</{name}>");
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
}
