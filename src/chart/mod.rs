//! Charts: pure functions from plain data ([`BarChart`], [`LineChart`]) to a self-contained,
//! accessible SVG string. Knows nothing about units, periods or indicators beyond their labels,
//! and writes no word of its own: those come from the locale's [`ChartWords`].
//!
//! # Why we lay out the chart ourselves
//! plotters (0.3.7, `svg_backend` without a font library) writes text as `<text font-family=…>`
//! for the viewer to draw, but estimates a Chinese character as about two em wide, so its legend
//! boxes and label areas come out wrong. We therefore use plotters only as the SVG drawing
//! backend (rectangles, polylines, markers, text) and do the layout here, with our own width
//! estimate (`layout::text_width`) and generous margins: a label is wrapped, truncated with
//! "…" or turned vertical before it could run into its neighbour, whatever CJK font the
//! viewer has. Full labels and every number are in the HTML table the pages put under each
//! chart; the `<desc>` says what the chart shows and points there (`a11y::summary`), so a
//! screen reader does not read every number twice.
//!
//! # Conventions
//! - Size [`WIDTH`] × [`HEIGHT`] in a `viewBox`; CSS `width:100%;height:auto` scales it.
//! - `None` means 无数据: no bar and a break in the line, with the locale's word for it at that spot;
//!   never drawn as 0. Non-finite values count as `None`.
//! - Bars start at 0; [`Scale::Percent`] values are fractions and the axis runs 0–100%.
//!   A line chart of percentages that all lie high up (84%–100%) gets an axis starting a round
//!   step below its lowest value, marked with a zigzag and 纵轴从…起.
//! - The title is not drawn in the SVG (it is in `<title>` for screen readers): the page
//!   writes it above the chart, where it wraps on a phone.
//!   A negative value (a data error) sits on the baseline with its number written.
//! - One palette (see [`style`]): fills of lightness ≈ 24, 54, 78 and 100 (white) with a dark
//!   outline, and lines that also differ by dash and marker, so series stay apart in greyscale
//!   print. More than four series reuse the palette: keep charts to four series or fewer.
//! - Same input, same bytes; ids inside the SVG derive from the caller's `id`.
//! - A chart costs about 0.05 ms in a release build: `cargo test --release --lib
//!   chart::tests::throughput -- --ignored --nocapture` prints charts per second.

mod a11y;
mod bar;
mod draw;
mod layout;
mod line;
mod marks;
mod multiples;
pub mod style;
mod svg;
#[cfg(test)]
mod tests;

pub use bar::bar_svg;
pub use line::line_svg;
pub use svg::standalone;

use crate::locale::ChartWords;

/// Width of every chart in SVG user units (pixels at 100%).
///
/// Chosen with the type sizes in [`style`] so that text stays legible wherever the chart is
/// scaled to: printed across the 156 mm 版心 (about 590 CSS px) a 12 px label is still about
/// 8 pt, and on a desktop page (up to about 800 px wide) it grows to about 15 px.
pub const WIDTH: u32 = 640;
/// Height of every chart in SVG user units.
pub const HEIGHT: u32 = 360;

/// One named row of values, one value per category (`None` = 无数据).
///
/// A series shorter than the categories is padded with `None`; extra values are ignored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// Shown in the legend and the description, e.g. "2024年上半年" or "隐患整改率".
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// How values are read and the value axis is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// Plain numbers (处, 次, 人); the axis runs from 0 to a round number above the maximum.
    #[default]
    Count,
    /// Fractions 0..=1 shown as percentages; the axis runs 0–100% (further only if a value
    /// exceeds 1, which is a data error worth seeing).
    Percent,
}

/// How bar heights of different categories relate to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BarAxis {
    /// One value axis for all categories, with ticks and grid lines. Use it when the
    /// categories measure the same thing (隐患 per sub-unit, drills per period).
    #[default]
    Shared,
    /// Small multiples: each category a panel of its own, with its own value axis from 0,
    /// its full name over it and a number on every bar. Use it for the main-indicator
    /// overview, where 排查隐患 (hundreds) and 应急演练 (a handful) cannot share one axis and
    /// what the reader wants is 同比/环比 per indicator. The chart says so in a note and in
    /// its description.
    PerCategory,
}

/// Grouped vertical bars: one group per category, one bar per series, values above the bars.
///
/// Categories are drawn in the given order; see [`BarChart::sort_categories_by`] to put the
/// weakest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BarChart {
    /// Distinguishes this chart's element ids on a page (`{id}-title`, `{id}-desc`).
    pub id: String,
    pub title: String,
    pub categories: Vec<String>,
    /// Optional text per category written under its label, e.g. "整改率 92.3%"; empty = none.
    pub notes: Vec<String>,
    /// The first series is the current period and gets the darkest fill.
    pub series: Vec<Series>,
    pub scale: Scale,
    /// Unit of the counts (处, 次, 人次), shown as 单位：… on the chart and in its description.
    pub unit: String,
    /// Decimal places of value labels (of the percentage for [`Scale::Percent`]).
    pub decimals: usize,
    pub axis: BarAxis,
    /// The words the chart writes itself (无数据, 单位：…) and joins its description with.
    pub words: &'static ChartWords,
}

/// Lines over periods with a point and value label per period, and an optional dashed target.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LineChart {
    /// Distinguishes this chart's element ids on a page (`{id}-title`, `{id}-desc`).
    pub id: String,
    pub title: String,
    /// The periods, oldest first.
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub scale: Scale,
    /// Unit for [`Scale::Count`] values; ignored for percentages.
    pub unit: String,
    /// Decimal places of value labels (of the percentage for [`Scale::Percent`]).
    pub decimals: usize,
    pub target: Option<Target>,
    /// The words the chart writes itself (无数据, 单位：…) and joins its description with.
    pub words: &'static ChartWords,
}

/// A horizontal dashed reference line, e.g. 目标 at 100%.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Target {
    /// e.g. "目标"; the value is appended when drawn.
    pub label: String,
    /// In the chart's scale (a fraction for [`Scale::Percent`]).
    pub value: f64,
}

impl BarChart {
    /// Reorders categories (with their notes and every series' values) by `key` ascending,
    /// `None` last, ties in the given order. Sorting sub-units by 整改率 this way puts the
    /// weakest first, where the eye starts.
    pub fn sort_categories_by(&mut self, key: &[Option<f64>]) {
        let order = ascending_order(key, self.categories.len());
        self.categories = permute(&self.categories, &order, String::new);
        if !self.notes.is_empty() {
            self.notes = permute(&self.notes, &order, String::new);
        }
        for series in &mut self.series {
            series.values = permute(&series.values, &order, || None);
        }
    }
}

/// Indices 0..len ordered by `key` ascending; missing or non-finite keys go last.
fn ascending_order(key: &[Option<f64>], len: usize) -> Vec<usize> {
    let key_of = |i: usize| key.get(i).copied().flatten().filter(|k| k.is_finite());
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| match (key_of(a), key_of(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    order
}

fn permute<T: Clone>(items: &[T], order: &[usize], missing: impl Fn() -> T) -> Vec<T> {
    order
        .iter()
        .map(|&i| items.get(i).cloned().unwrap_or_else(&missing))
        .collect()
}

impl Series {
    /// The value for category `i`; `None` when missing, out of range or not finite.
    fn at(&self, i: usize) -> Option<f64> {
        self.values
            .get(i)
            .copied()
            .flatten()
            .filter(|v| v.is_finite())
    }
}
