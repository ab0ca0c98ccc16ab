//! Server-rendered SVG for the mismatch dashboard: grouped horizontal bars
//! (one row per item, one bar per series, in percent) and monthly columns.
//! No script; every chart has a table with the same numbers beside it.

use std::fmt::Write;

use crate::kpi::chart::escape;

/// The series' colours (residents, profiles, postings): distinct in grey too.
pub const COLOURS: [&str; 3] = ["#0031d8", "#c2185b", "#1a7f37"];

/// One row: its label and per series a percentage in tenths (None: not
/// shown, e.g. fewer than the threshold).
pub struct Row {
    pub label: String,
    pub values: Vec<Option<u32>>,
}

/// Bars of `rows`, each series in its colour, with a legend of `series`.
pub fn bars(title: &str, series: &[&str], rows: &[Row]) -> String {
    const WIDTH: f64 = 360.0;
    const BAR: f64 = 10.0;
    const LABEL: f64 = 18.0;
    let per_row = LABEL + BAR * series.len() as f64 + 8.0;
    let legend = 18.0 * series.len() as f64;
    let height = legend + per_row * rows.len() as f64 + 4.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(title)
    );
    for (i, s) in series.iter().enumerate() {
        let y = i as f64 * 18.0;
        let _ = write!(
            svg,
            r##"<rect x="0" y="{:.1}" width="12" height="12" fill="{}"></rect><text x="18" y="{:.1}" font-size="13" fill="#1a1a1a">{}</text>"##,
            y + 2.0,
            COLOURS[i % COLOURS.len()],
            y + 12.0,
            escape(s)
        );
    }
    let max = rows
        .iter()
        .flat_map(|r| r.values.iter().flatten())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    for (i, r) in rows.iter().enumerate() {
        let y0 = legend + 4.0 + i as f64 * per_row;
        let _ = write!(
            svg,
            r##"<text x="0" y="{:.1}" font-size="13" fill="#1a1a1a">{}</text>"##,
            y0 + 13.0,
            escape(&r.label)
        );
        for (j, v) in r.values.iter().enumerate() {
            let y = y0 + LABEL + j as f64 * BAR;
            let (w, text) = match v {
                Some(v) => (
                    (*v as f64 / max) * (WIDTH - 60.0),
                    format!("{}.{}%", v / 10, v % 10),
                ),
                None => (0.0, "—".to_string()),
            };
            let _ = write!(
                svg,
                r##"<rect x="0" y="{y:.1}" width="{w:.1}" height="{:.1}" fill="{}"></rect><text x="{:.1}" y="{:.1}" font-size="10" fill="#1a1a1a">{}</text>"##,
                BAR - 1.0,
                COLOURS[j % COLOURS.len()],
                w + 4.0,
                y + 8.5,
                text
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Columns per month for two series (counts), months labelled below.
pub fn months(title: &str, series: &[&str; 2], months: &[(String, [i64; 2])]) -> String {
    const WIDTH: f64 = 360.0;
    const PLOT: f64 = 140.0;
    let legend = 36.0;
    let height = legend + PLOT + 34.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(title)
    );
    for (i, s) in series.iter().enumerate() {
        let y = i as f64 * 18.0;
        let _ = write!(
            svg,
            r##"<rect x="0" y="{:.1}" width="12" height="12" fill="{}"></rect><text x="18" y="{:.1}" font-size="13" fill="#1a1a1a">{}</text>"##,
            y + 2.0,
            COLOURS[i * 2],
            y + 12.0,
            escape(s)
        );
    }
    let max = months
        .iter()
        .flat_map(|(_, v)| v.iter())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = WIDTH / months.len().max(1) as f64;
    let bar = (slot / 2.0 - 2.0).max(2.0);
    for (i, (label, values)) in months.iter().enumerate() {
        let x0 = i as f64 * slot + 1.0;
        for (j, v) in values.iter().enumerate() {
            let h = (*v as f64 / max) * (PLOT - 14.0);
            let x = x0 + j as f64 * bar;
            let y = legend + PLOT - h;
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{h:.1}" fill="{}"></rect><text x="{:.1}" y="{:.1}" font-size="9" fill="#1a1a1a" text-anchor="middle">{v}</text>"##,
                bar - 1.0,
                COLOURS[j * 2],
                x + bar / 2.0,
                y - 2.0
            );
        }
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#1a1a1a" text-anchor="middle">{}</text>"##,
            x0 + bar,
            legend + PLOT + 14.0,
            escape(label)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_escape_labels_and_mark_hidden_values() {
        let svg = bars(
            "<t>",
            &["住民", "求人"],
            &[Row {
                label: "A&B".into(),
                values: vec![Some(425), None],
            }],
        );
        assert!(svg.contains("&lt;t&gt;") && svg.contains("A&amp;B"));
        assert!(svg.contains("42.5%") && svg.contains("—"));
    }

    #[test]
    fn months_draw_both_series() {
        let svg = months("m", &["求人", "問い合わせ"], &[("11月".into(), [3, 5])]);
        assert!(svg.contains(">3<") && svg.contains(">5<") && svg.contains("11月"));
    }
}
