//! Lines over periods with value labels and an optional dashed target line.

use super::draw::{self, Area, CategoryLabels, DrawResult, Header, Place, Swatch};
use super::layout::{text_width, truncate, Frame, ValueAxis};
use super::style::{self, format_value, format_with_unit, INK, MUTED, SMALL_PX};
use super::{a11y, LineChart, HEIGHT, WIDTH};
use crate::locale::fill_named;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Room above the plot for the value label of a point at the top of the axis.
const LABEL_ROOM: i32 = 22;
/// Width from which each missing series gets its own marked 无数据 line.
const MARKED_NO_DATA: f64 = 60.0;

/// Renders `chart` as lines; see the [module docs](super) for conventions.
pub fn line_svg(chart: &LineChart) -> String {
    let svg = draw::svg_string(|area| draw_chart(area, chart));
    a11y::finish(svg, &chart.id, &chart.title, &describe(chart))
}

fn draw_chart(area: &Area, chart: &LineChart) -> DrawResult {
    let header = Header {
        legend: (chart.series.iter().enumerate())
            .map(|(i, s)| (s.name.as_str(), Swatch::Line(i)))
            .collect(),
        note: None,
    };
    header.draw(area)?;
    let target_label = chart
        .target
        .as_ref()
        .map(|t| target_label(chart, t.value, &t.label));
    let frame = frame(chart, &header, target_label.as_deref());
    let axis = value_axis(chart);
    let words = chart.words;
    draw::value_axis(area, &frame, &axis, chart.scale, &chart.unit, words)?;
    if chart.categories.is_empty() {
        return draw::empty_chart(area, &frame, words.no_data);
    }
    if let (Some(target), Some(label)) = (&chart.target, &target_label) {
        draw_target(area, &frame, y(&frame, &axis, target.value), label)?;
    }
    for (j, series) in chart.series.iter().enumerate() {
        draw_series(area, &frame, &axis, chart, j, series)?;
    }
    draw_value_labels(area, &frame, &axis, chart)?;
    draw_no_data(area, &frame, chart)?;
    CategoryLabels::new(&chart.categories, &[], frame.slot_width(), words.aside).draw(area, &frame)
}

fn target_label(chart: &LineChart, value: f64, label: &str) -> String {
    let label = truncate(label, SMALL_PX, 60.0);
    format!(
        "{label} {}",
        format_value(value, chart.scale, chart.decimals)
    )
}

fn frame(chart: &LineChart, header: &Header, target_label: Option<&str>) -> Frame {
    let right_margin = match target_label {
        Some(label) => text_width(label, SMALL_PX) as i32 + 16,
        None => draw::PLOT_RIGHT_MARGIN,
    };
    let slots = chart.categories.len().max(1);
    let plot_width = f64::from(WIDTH as i32 - draw::PLOT_LEFT - right_margin);
    let slot = plot_width / slots as f64;
    let below = CategoryLabels::new(&chart.categories, &[], slot, chart.words.aside).height();
    Frame {
        left: draw::PLOT_LEFT,
        top: header.bottom() + LABEL_ROOM + 4,
        right: WIDTH as i32 - right_margin,
        bottom: HEIGHT as i32 - below,
        slots,
    }
}

fn value_axis(chart: &LineChart) -> ValueAxis {
    let values = chart
        .series
        .iter()
        .flat_map(|s| (0..chart.categories.len()).filter_map(|i| s.at(i)));
    let target = chart
        .target
        .as_ref()
        .map(|t| t.value)
        .filter(|v| v.is_finite());
    let (min, max) = values
        .chain(target)
        .fold((f64::INFINITY, 0.0), |(lo, hi), v| (v.min(lo), v.max(hi)));
    ValueAxis::new(max, chart.scale, chart.decimals).zoomed(min, chart.scale)
}

/// Pixel row of `value` on the chart's (possibly zoomed) axis.
fn y(frame: &Frame, axis: &ValueAxis, value: f64) -> i32 {
    frame.y_between(value, axis.min, axis.max)
}

fn draw_target(area: &Area, frame: &Frame, y: i32, label: &str) -> DrawResult {
    let line = [(frame.left, y), (frame.right, y)];
    draw::dashed(area, &line, style::TARGET, 1, style::TARGET_DASH)?;
    let place = Place::new(HPos::Left, VPos::Center);
    draw::text(area, label, (frame.right + 6, y), SMALL_PX, &MUTED, place)
}

/// The line of one series, broken where a value is missing, and a marker on every point.
fn draw_series(
    area: &Area,
    frame: &Frame,
    axis: &ValueAxis,
    chart: &LineChart,
    j: usize,
    series: &super::Series,
) -> DrawResult {
    let point = |i: usize| {
        series
            .at(i)
            .map(|v| (frame.slot_centre(i), y(frame, axis, v)))
    };
    let points: Vec<Option<(i32, i32)>> = (0..chart.categories.len()).map(point).collect();
    for run in points.split(Option::is_none) {
        let run: Vec<(i32, i32)> = run.iter().flatten().copied().collect();
        if run.len() > 1 {
            draw::polyline(area, &run, j)?;
        }
    }
    for &p in points.iter().flatten() {
        draw::marker(area, p, j)?;
    }
    Ok(())
}

/// Value labels: the highest point of a period above it, the lowest below it (when there is
/// room), any between to its right. When labels would not fit side by side, only the first and
/// last point of each series are labelled; the description has them all.
fn draw_value_labels(
    area: &Area,
    frame: &Frame,
    axis: &ValueAxis,
    chart: &LineChart,
) -> DrawResult {
    let label = |v: f64| format_value(v, chart.scale, chart.decimals);
    let widest = (chart.series.iter())
        .flat_map(|s| (0..chart.categories.len()).filter_map(|i| s.at(i)))
        .map(|v| text_width(&label(v), SMALL_PX))
        .fold(0.0, f64::max);
    let all_fit = widest + 6.0 <= frame.slot_width();
    let target_y = chart.target.as_ref().map(|t| y(frame, axis, t.value));
    for i in 0..chart.categories.len() {
        let mut points: Vec<(i32, f64)> = (chart.series.iter())
            .filter(|s| all_fit || is_end(s, i, chart.categories.len()))
            .filter_map(|s| s.at(i))
            .map(|v| (y(frame, axis, v), v))
            .collect();
        points.sort_by_key(|&(y, _)| y);
        let x = frame.slot_centre(i);
        let last = points.len().saturating_sub(1);
        for (k, &(y, v)) in points.iter().enumerate() {
            let room_below = y + 20 < frame.bottom;
            let above = ((x, y - 7), Place::new(HPos::Center, VPos::Bottom));
            let below = ((x, y + 8), Place::new(HPos::Center, VPos::Top));
            let mut spot = if k == 0 || (k == last && !room_below) {
                above
            } else if k == last {
                below
            } else {
                ((x + 8, y), Place::new(HPos::Left, VPos::Center))
            };
            // Never on the target line: a label it would cross goes to the other side.
            if target_y.is_some_and(|t| crosses(spot, t)) {
                spot = if matches!(spot.1.v, VPos::Bottom) && room_below {
                    below
                } else {
                    above
                };
            }
            let (at, place) = spot;
            let text = label(v);
            backing(area, &text, at, place)?;
            draw::text(area, &text, at, SMALL_PX, &INK, place)?;
        }
    }
    Ok(())
}

/// Whether a label placed at `spot` would be struck through by a line at row `line_y`.
fn crosses(((_, y), place): ((i32, i32), Place), line_y: i32) -> bool {
    let height = SMALL_PX as i32 + 2;
    let (top, bottom) = match place.v {
        VPos::Top => (y, y + height),
        VPos::Center => (y - height / 2, y + height / 2),
        VPos::Bottom => (y - height, y),
    };
    (top - 1..=bottom + 1).contains(&line_y)
}

/// A white box under a value label, so the target line or another series' line crossing it
/// does not strike the number through.
fn backing(area: &Area, text: &str, (x, y): (i32, i32), place: Place) -> DrawResult {
    let width = (text_width(text, SMALL_PX) * 0.95) as i32 + 2;
    let height = SMALL_PX as i32 + 1;
    let left = match place.h {
        HPos::Left => x - 1,
        HPos::Center => x - width / 2,
        HPos::Right => x - width + 1,
    };
    let top = match place.v {
        VPos::Top => y,
        VPos::Center => y - height / 2,
        VPos::Bottom => y - height,
    };
    let corners = [(left, top), (left + width, top + height)];
    area.draw(&Rectangle::new(corners, WHITE.filled()))
}

/// Whether category `i` holds the first or last value of `series`.
fn is_end(series: &super::Series, i: usize, len: usize) -> bool {
    let present = |k: usize| series.at(k).is_some();
    let first = (0..len).find(|&k| present(k));
    let last = (0..len).rev().find(|&k| present(k));
    Some(i) == first || Some(i) == last
}

/// 无数据 where a series has no value: one line per missing series, led by its marker, or
/// a single vertical 无数据 when the slot is too narrow for that.
fn draw_no_data(area: &Area, frame: &Frame, chart: &LineChart) -> DrawResult {
    let slot = frame.slot_width();
    for i in 0..chart.categories.len() {
        let missing: Vec<usize> = (chart.series.iter().enumerate())
            .filter(|(_, s)| s.at(i).is_none())
            .map(|(j, _)| j)
            .collect();
        let x = frame.slot_centre(i);
        if missing.is_empty() {
            continue;
        }
        if chart.series.len() == 1 || slot < MARKED_NO_DATA {
            draw::no_data(area, chart.words.no_data, (x, frame.bottom), slot)?;
            continue;
        }
        for (row, &j) in missing.iter().enumerate() {
            let y = frame.bottom - 12 - 18 * row as i32;
            draw::marker(area, (x - 18, y), j)?;
            let place = Place::new(HPos::Left, VPos::Center);
            let no_data = chart.words.no_data;
            draw::text(area, no_data, (x - 9, y), SMALL_PX, &MUTED, place)?;
        }
    }
    Ok(())
}

/// The accessible description: what the chart shows, then its target line (see
/// [`a11y::summary`]).
fn describe(chart: &LineChart) -> String {
    let w = chart.words;
    if chart.categories.is_empty() {
        return format!("{}{}", w.no_data, w.end);
    }
    let shows = (&chart.categories[..], &chart.series[..]);
    let mut desc = a11y::summary(w.line_summary, shows, (chart.scale, &chart.unit), w);
    desc.push_str(w.end);
    if let Some(target) = &chart.target {
        let value = value_text(chart, Some(target.value));
        let named = [("name", target.label.as_str()), ("value", &value)];
        desc.push_str(&fill_named(w.named_value, &named));
        desc.push_str(w.end);
    }
    desc.push_str(w.see_table);
    desc.push_str(w.end);
    desc
}

fn value_text(chart: &LineChart, value: Option<f64>) -> String {
    let no_data = chart.words.no_data;
    format_with_unit(value, chart.scale, chart.decimals, &chart.unit, no_data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_crossed_only_by_a_line_through_its_box() {
        let above = ((100, 50), Place::new(HPos::Center, VPos::Bottom));
        let below = ((100, 50), Place::new(HPos::Center, VPos::Top));
        // A target line 6 px above a point strikes the label written above it, not below.
        assert!(crosses(above, 44));
        assert!(!crosses(below, 44));
        assert!(!crosses(above, 80));
    }
}
