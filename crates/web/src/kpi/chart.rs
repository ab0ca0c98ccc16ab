//! A server-rendered SVG bar chart: no script, readable without colour, with the
//! numbers also in a table next to it.
//!
//! The drawing is 360 units wide so that on a phone (about 310 px of card) one unit
//! is about 0.8 px and 15-unit text stays about 12 px; on a desktop the
//! stylesheet caps its width, so the text does not grow past about 19 px.

use std::fmt::Write;

/// One bar: its label, and its value or `None` when there is no data for it (the
/// slot then says so, never a bar of 0). Slots that have not started yet (a future
/// month or year) are left out by the caller, not passed as `None`.
pub type Bar = (String, Option<f64>);

/// A reference line, e.g. the 36協定's 45 h or a plan's target: (value, label).
pub type Reference<'a> = (f64, &'a str);

/// The words the chart needs besides its bars.
pub struct Words<'a> {
    pub title: &'a str,
    /// Unit of the value axis, written above it ("時間", "%").
    pub unit: &'a str,
    /// Said in the slot of a bar without data (「データなし」).
    pub no_data: &'a str,
}

const WIDTH: f64 = 360.0;
const TOP: f64 = 26.0;
const RIGHT: f64 = 4.0;
const PLOT_HEIGHT: f64 = 180.0;
const FONT: f64 = 15.0;

/// The value axis: round steps (1, 2 or 5 × 10ⁿ) from 0 to the first step at or
/// above `max`, in about five steps. `max` is the largest value or reference line;
/// nothing positive (all zero, or no bars) gives 0 to 1.
pub fn ticks(max: f64) -> Vec<f64> {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    // A tolerance so that 0.4 / 0.1 = 4.000…01 is still four steps.
    const EPS: f64 = 1e-9;
    let nice = if fraction <= 1.0 + EPS {
        1.0
    } else if fraction <= 2.0 + EPS {
        2.0
    } else if fraction <= 5.0 + EPS {
        5.0
    } else {
        10.0
    };
    let step = nice * magnitude;
    let steps = (max / step - EPS).ceil().max(1.0) as usize;
    let decimals = decimals(step);
    let scale = 10f64.powi(decimals as i32);
    (0..=steps)
        .map(|i| (i as f64 * step * scale).round() / scale)
        .collect()
}

/// Decimal places a step needs to be written exactly (10 → 0, 0.5 → 1, 0.02 → 2).
fn decimals(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else {
        (-step.log10() - 1e-9).ceil().max(0.0) as usize
    }
}

/// Approximate width of `text` at `size`: ASCII about 0.6 em, anything else
/// (kana, kanji, full-width signs) a full em. Enough to decide whether labels fit.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * size
}

/// How the labels under the bars are set.
#[derive(Clone, Copy, PartialEq)]
enum Labels {
    /// Side by side, one line.
    Flat,
    /// On two lines, every other label on the lower one: each has two slots of
    /// room (twelve 「10月」 on a phone, at a readable size).
    Staggered,
    /// At 45°, for labels longer than two slots.
    Turned,
}

/// A bar chart of `bars` with round ticks and the `references` drawn as labelled
/// dashed lines. Labels that do not fit side by side go on two lines, or at 45°.
pub fn bar_chart(words: &Words, bars: &[Bar], references: &[Reference]) -> String {
    let max = bars
        .iter()
        .filter_map(|(_, v)| *v)
        .chain(references.iter().map(|(v, _)| *v))
        .fold(0.0_f64, f64::max);
    let ticks = ticks(max);
    let top_value = ticks.last().copied().unwrap_or(1.0);
    let decimals = decimals(ticks.get(1).copied().unwrap_or(1.0));
    let tick_text = |v: f64| format!("{v:.decimals$}");
    let left = ticks
        .iter()
        .map(|v| text_width(&tick_text(*v), FONT))
        .fold(0.0, f64::max)
        + 8.0;
    let slot = (WIDTH - left - RIGHT) / bars.len().max(1) as f64;
    let widest = bars
        .iter()
        .map(|(l, _)| text_width(l, FONT))
        .fold(0.0, f64::max);
    let layout = if widest <= slot * 0.95 {
        Labels::Flat
    } else if widest <= 2.0 * slot * 0.95 {
        Labels::Staggered
    } else {
        Labels::Turned
    };
    // Room under the plot for the labels: one line, two, or the diagonal of the longest.
    let bottom = match layout {
        Labels::Flat => FONT + 12.0,
        Labels::Staggered => 2.0 * FONT + 14.0,
        Labels::Turned => widest * std::f64::consts::FRAC_1_SQRT_2 + FONT + 8.0,
    };
    let height = (TOP + PLOT_HEIGHT + bottom).ceil();
    let base = TOP + PLOT_HEIGHT;
    let y = |v: f64| base - v / top_value * PLOT_HEIGHT;

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}">"#,
        escape(words.title)
    );
    let _ = write!(s, "<title>{}</title>", escape(words.title));
    let _ = write!(
        s,
        r##"<text class="chart__unit" x="0" y="{:.1}" font-size="{FONT}" fill="#333">{}</text>"##,
        FONT,
        escape(words.unit)
    );
    for v in &ticks {
        let yy = y(*v);
        let _ = write!(
            s,
            r##"<line x1="{left:.1}" x2="{WIDTH}" y1="{yy:.1}" y2="{yy:.1}" stroke="#d8d8db" stroke-width="1"/><text class="chart__tick" x="{:.1}" y="{:.1}" font-size="{FONT}" text-anchor="end" fill="#333">{}</text>"##,
            left - 6.0,
            yy + FONT * 0.35,
            tick_text(*v)
        );
    }
    for (i, (label, v)) in bars.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.15;
        let bw = slot * 0.7;
        let cx = x + bw / 2.0;
        match v {
            Some(v) => {
                let yy = y(*v);
                let _ = write!(
                    s,
                    r##"<rect x="{x:.1}" y="{yy:.1}" width="{bw:.1}" height="{:.1}" fill="#0031d8"><title>{}: {v}</title></rect>"##,
                    (base - yy).max(0.0),
                    escape(label),
                );
                // The value over the bar where there is room, and always for a 0,
                // which has no bar to see.
                if bars.len() <= 6 || *v == 0.0 {
                    let _ = write!(
                        s,
                        r##"<text class="chart__value" x="{cx:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="#1a1a1c">{v}</text>"##,
                        yy - 4.0
                    );
                }
            }
            None => {
                // No bar, and the words instead, written upwards in the slot.
                let cy = base - 4.0;
                let _ = write!(
                    s,
                    r##"<text class="chart__no-data" x="{cx:.1}" y="{cy:.1}" transform="rotate(-90 {cx:.1} {cy:.1})" font-size="{FONT}" text-anchor="start" dominant-baseline="middle" fill="#626264">{}</text>"##,
                    escape(words.no_data),
                );
            }
        }
        match layout {
            Labels::Turned => {
                let ly = base + FONT;
                let _ = write!(
                    s,
                    r##"<text class="chart__label" x="{cx:.1}" y="{ly:.1}" transform="rotate(-45 {cx:.1} {ly:.1})" font-size="{FONT}" text-anchor="end" fill="#333">{}</text>"##,
                    escape(label)
                );
            }
            Labels::Flat | Labels::Staggered => {
                let row = if layout == Labels::Staggered && i % 2 == 1 {
                    1.0
                } else {
                    0.0
                };
                let _ = write!(
                    s,
                    r##"<text class="chart__label" x="{cx:.1}" y="{:.1}" font-size="{FONT}" text-anchor="middle" fill="#333">{}</text>"##,
                    base + FONT + 4.0 + row * (FONT + 4.0),
                    escape(label)
                );
            }
        }
    }
    for (value, name) in references {
        let yy = y(*value);
        // The label above its line at the right, on a white halo so that a bar
        // behind it does not hide it.
        let _ = write!(
            s,
            r##"<line class="chart__reference" x1="{left:.1}" x2="{WIDTH}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ce0000" stroke-width="2" stroke-dasharray="6 4"/><text class="chart__reference-label" x="{WIDTH}" y="{:.1}" font-size="{FONT}" text-anchor="end" fill="#ce0000" stroke="#fff" stroke-width="3" paint-order="stroke">{}</text>"##,
            yy - 4.0,
            escape(name)
        );
    }
    s.push_str("</svg>");
    s
}

pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: Words = Words {
        title: "平均 <残業>",
        unit: "時間",
        no_data: "データなし",
    };

    /// The numbers written on the value axis.
    fn tick_labels(svg: &str) -> Vec<String> {
        svg.match_indices("class=\"chart__tick\"")
            .map(|(i, _)| {
                let rest = &svg[i..];
                let text = &rest[rest.find('>').unwrap() + 1..];
                text[..text.find('<').unwrap()].to_string()
            })
            .collect()
    }

    #[test]
    fn ticks_are_round_steps_up_to_a_round_number_at_or_above_the_largest() {
        // 37 / 5 = 7.4 → a step of 10, up to the first ten at or above 37.
        assert_eq!(ticks(37.0), vec![0.0, 10.0, 20.0, 30.0, 40.0]);
        // The 45 h line and a bar of 46: still steps of 10 (46 / 5 = 9.2), up to 50.
        assert_eq!(ticks(46.0), vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        // The 45 h line alone: 50 is above it.
        assert_eq!(ticks(45.0), vec![0.0, 10.0, 20.0, 30.0, 40.0, 50.0]);
        // 0.4 / 5 = 0.08 → tenths, and 0.4 is exactly four of them.
        assert_eq!(ticks(0.4), vec![0.0, 0.1, 0.2, 0.3, 0.4]);
        // 85 / 5 = 17 → steps of 20, up to 100.
        assert_eq!(ticks(85.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        // 12 / 5 = 2.4 → steps of 5.
        assert_eq!(ticks(12.0), vec![0.0, 5.0, 10.0, 15.0]);
        // 720 / 5 = 144 → steps of 200, up to 800.
        assert_eq!(ticks(720.0), vec![0.0, 200.0, 400.0, 600.0, 800.0]);
        // Nothing above zero: a plain 0 to 1 in fifths, never a division by zero.
        assert_eq!(ticks(0.0), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(ticks(f64::NAN), ticks(0.0));
    }

    #[test]
    fn the_axis_is_written_with_the_decimals_its_step_needs() {
        let svg = bar_chart(&WORDS, &[("4月".into(), Some(0.4))], &[]);
        assert_eq!(tick_labels(&svg), ["0.0", "0.1", "0.2", "0.3", "0.4"]);
        let svg = bar_chart(&WORDS, &[("4月".into(), Some(46.0))], &[(45.0, "45時間")]);
        assert_eq!(tick_labels(&svg), ["0", "10", "20", "30", "40", "50"]);
    }

    #[test]
    fn a_zero_is_written_where_its_bar_cannot_be_seen() {
        let months: Vec<Bar> = (1..=12)
            .map(|m| (format!("{m}月"), Some(if m == 5 { 0.0 } else { 3.5 })))
            .collect();
        let svg = bar_chart(&WORDS, &months, &[]);
        // Twelve bars leave no room for values, except the 0.
        assert_eq!(svg.matches("class=\"chart__value\"").count(), 1);
        assert!(svg.contains(">0</text>"));
        // Two years: each value over its bar.
        let svg = bar_chart(
            &WORDS,
            &[("2025年度".into(), Some(13.3)), ("2026年度".into(), None)],
            &[(20.0, "目標")],
        );
        assert_eq!(svg.matches("class=\"chart__value\"").count(), 1);
        assert!(svg.contains(">13.3</text>"));
    }

    #[test]
    fn a_missing_bar_says_no_data() {
        let svg = bar_chart(
            &WORDS,
            &[("4月".into(), Some(10.0)), ("5月".into(), None)],
            &[],
        );
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains("データなし</text>"));
    }

    #[test]
    fn draws_one_bar_per_value_and_the_labelled_reference_lines() {
        let svg = bar_chart(
            &WORDS,
            &[("4月".into(), Some(10.0)), ("5月".into(), Some(50.0))],
            &[(45.0, "45時間"), (80.0, "80時間")],
        );
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(svg.matches("class=\"chart__reference\"").count(), 2);
        assert!(svg.contains("45時間</text>") && svg.contains("80時間</text>"));
        // 80 / 5 = 16 → steps of 20; the 80 h line is the top of the axis.
        assert_eq!(tick_labels(&svg), ["0", "20", "40", "60", "80"]);
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

    #[test]
    fn month_labels_go_on_two_lines_and_long_labels_turn() {
        let label_ys = |svg: &str| -> Vec<String> {
            svg.match_indices("class=\"chart__label\"")
                .map(|(i, _)| {
                    let y = svg[i..].split("y=\"").nth(1).unwrap();
                    y[..y.find('"').unwrap()].to_string()
                })
                .collect()
        };
        let months: Vec<Bar> = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
            .iter()
            .map(|m| (format!("{m}月"), Some(1.0)))
            .collect();
        let svg = bar_chart(&WORDS, &months, &[(45.0, "45時間")]);
        assert!(!svg.contains("rotate(-45"), "「10月」 fits in two slots");
        let ys = label_ys(&svg);
        assert_eq!(ys.len(), 12);
        assert!(
            ys[0] != ys[1] && ys[0] == ys[2],
            "every other label lower: {ys:?}"
        );
        // Three months fit side by side.
        let svg = bar_chart(&WORDS, &months[..3], &[]);
        let ys = label_ys(&svg);
        assert!(ys.iter().all(|y| *y == ys[0]), "one line: {ys:?}");
        let years: Vec<Bar> = (2025..2030)
            .map(|y| (format!("{y}年度（令和{}年度）", y - 2018), Some(1.0)))
            .collect();
        let svg = bar_chart(&WORDS, &years, &[]);
        assert_eq!(svg.matches("rotate(-45").count(), 5);
    }
}
