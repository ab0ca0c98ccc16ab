//! A server-rendered SVG bar chart: no script, readable without colour, with the
//! numbers also in a table next to it.

use std::fmt::Write;

/// Bars with labels; `limit` draws a reference line (e.g. 45 h) when given.
pub fn bar_chart(title: &str, bars: &[(String, f64)], limit: Option<(f64, &str)>) -> String {
    let bars: Vec<(String, Option<f64>)> =
        bars.iter().map(|(l, v)| (l.clone(), Some(*v))).collect();
    bar_chart_with_gaps(title, &bars, limit, "")
}

/// [`bar_chart`] where a bar may be missing: its slot says `no_data` (a month
/// without rows is no data, never a bar of 0).
pub fn bar_chart_with_gaps(
    title: &str,
    bars: &[(String, Option<f64>)],
    limit: Option<(f64, &str)>,
    no_data: &str,
) -> String {
    let (w, h, left, bottom, top) = (640.0, 260.0, 48.0, 36.0, 16.0);
    let max = bars
        .iter()
        .filter_map(|(_, v)| *v)
        .chain(limit.map(|(l, _)| l))
        .fold(10.0_f64, f64::max)
        * 1.1;
    let plot_h = h - bottom - top;
    let slot = if bars.is_empty() {
        w - left
    } else {
        (w - left) / bars.len() as f64
    };
    let y = |v: f64| top + plot_h - v / max * plot_h;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        escape(title)
    );
    let _ = write!(s, "<title>{}</title>", escape(title));
    // Axis with four gridlines.
    for i in 0..=4 {
        let v = max / 1.1 * i as f64 / 4.0;
        let yy = y(v);
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{w}" y1="{yy:.1}" y2="{yy:.1}" stroke="#d8d8db" stroke-width="1"/><text x="{}" y="{:.1}" font-size="12" text-anchor="end" fill="#333">{v:.0}</text>"##,
            left - 6.0,
            yy + 4.0
        );
    }
    for (i, (label, v)) in bars.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.15;
        let bw = slot * 0.7;
        let Some(v) = v else {
            // No bar, and the words instead, written upwards in the slot.
            let (cx, cy) = (x + bw / 2.0, top + plot_h - 4.0);
            let _ = write!(
                s,
                r##"<text class="chart__no-data" x="{cx:.1}" y="{cy:.1}" transform="rotate(-90 {cx:.1} {cy:.1})" font-size="11" text-anchor="start" dominant-baseline="middle" fill="#626264">{}</text><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#333">{}</text>"##,
                escape(no_data),
                x + bw / 2.0,
                h - bottom + 16.0,
                escape(label)
            );
            continue;
        };
        let yy = y(*v);
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{yy:.1}" width="{bw:.1}" height="{:.1}" fill="#0031d8"><title>{}: {v:.1}</title></rect><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#333">{}</text>"##,
            (top + plot_h - yy).max(0.0),
            escape(label),
            x + bw / 2.0,
            h - bottom + 16.0,
            escape(label)
        );
    }
    if let Some((l, name)) = limit {
        let yy = y(l);
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{w}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ce0000" stroke-width="2" stroke-dasharray="6 4"/><text x="{w}" y="{:.1}" font-size="12" text-anchor="end" fill="#ce0000">{}</text>"##,
            yy - 4.0,
            escape(name)
        );
    }
    s.push_str("</svg>");
    s
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_bar_says_no_data() {
        let svg = bar_chart_with_gaps(
            "t",
            &[("4月".into(), Some(10.0)), ("5月".into(), None)],
            None,
            "データなし",
        );
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains("データなし"));
    }

    #[test]
    fn draws_one_bar_per_value_and_the_limit() {
        let svg = bar_chart(
            "平均 <残業>",
            &[("4月".into(), 10.0), ("5月".into(), 50.0)],
            Some((45.0, "45時間")),
        );
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("45時間"));
        assert!(svg.contains("平均 &lt;残業&gt;"), "titles are escaped");
        assert!(!svg.contains("<script"));
        // The taller bar is higher up (smaller y).
        let ys: Vec<f64> = svg
            .match_indices("<rect x=")
            .map(|(i, _)| {
                let rest = &svg[i..];
                let y = rest.split("y=\"").nth(1).unwrap();
                y[..y.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert!(ys[1] < ys[0]);
    }
}
