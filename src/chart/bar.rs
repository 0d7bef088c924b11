//! Grouped vertical bars with value labels.

use super::draw::{self, Area, CategoryLabels, DrawResult, Header, Place, Swatch};
use super::layout::{text_width, Frame, ValueAxis};
use super::style::{format_value, INK, SMALL_PX};
use super::{a11y, multiples, BarAxis, BarChart, HEIGHT, WIDTH};
use plotters::style::text_anchor::{HPos, VPos};

/// Share of a category's slot taken by its group of bars: wider groups when there are three
/// or more bars to a group, so their value labels can stay horizontal.
fn group_share(series: usize) -> f64 {
    if series >= 3 {
        0.84
    } else {
        0.74
    }
}
/// Height of a horizontal value label above its bar.
const LABEL_ROOM: f64 = 18.0;

/// Renders `chart` as grouped vertical bars; see the [module docs](super) for conventions.
pub fn bar_svg(chart: &BarChart) -> String {
    let svg = draw::svg_string(|area| draw_chart(area, chart));
    a11y::finish(svg, &chart.id, &chart.title, &describe(chart))
}

/// Where the bars of one chart go and how their labels are written.
struct Geometry {
    frame: Frame,
    /// Width of one bar.
    bar: f64,
    /// Value labels turned vertical because some label is wider than its bar.
    vertical_values: bool,
}

fn draw_chart(area: &Area, chart: &BarChart) -> DrawResult {
    let header = header(chart);
    header.draw(area)?;
    if chart.axis == BarAxis::PerCategory && !chart.categories.is_empty() {
        return multiples::draw(area, chart, &header);
    }
    let labels: Vec<String> = value_labels(chart).collect();
    let geometry = geometry(chart, &header, &labels);
    let frame = geometry.frame;
    let axis = shared_axis(chart);
    let words = chart.words;
    draw::value_axis(area, &frame, &axis, chart.scale, &chart.unit, words)?;
    if chart.categories.is_empty() {
        return draw::empty_chart(area, &frame, words.no_data);
    }
    // Each series' bars, then every label: each series is then one run of marks, written
    // once (`chart::marks`). Bars and labels do not overlap, so the picture is the same.
    for j in 0..chart.series.len() {
        for i in 0..chart.categories.len() {
            draw_bar(area, chart, &geometry, (i, j), axis.max)?;
        }
    }
    for i in 0..chart.categories.len() {
        draw_value_labels(area, chart, &geometry, i, axis.max)?;
    }
    category_labels(chart, frame.slot_width()).draw(area, &frame)
}

fn header(chart: &BarChart) -> Header<'_> {
    Header {
        legend: (chart.series.iter().enumerate())
            .map(|(i, s)| (s.name.as_str(), Swatch::Bar(i)))
            .collect(),
        note: (chart.axis == BarAxis::PerCategory).then_some(chart.words.per_category_note),
    }
}

fn category_labels(chart: &BarChart, slot: f64) -> CategoryLabels {
    CategoryLabels::new(&chart.categories, &chart.notes, slot, chart.words.aside)
}

fn geometry(chart: &BarChart, header: &Header, labels: &[String]) -> Geometry {
    let slots = chart.categories.len().max(1);
    let left = draw::PLOT_LEFT;
    let plot_width = f64::from(WIDTH as i32 - left - draw::PLOT_RIGHT_MARGIN);
    let slot = plot_width / slots as f64;
    let share = group_share(chart.series.len());
    let bar = slot * share / chart.series.len().max(1) as f64;
    let widest = labels
        .iter()
        .map(|l| text_width(l, SMALL_PX))
        .fold(0.0, f64::max);
    let vertical_values = widest > bar - 2.0;
    let headroom = if vertical_values {
        widest + 10.0
    } else {
        LABEL_ROOM
    };
    let below = category_labels(chart, slot).height();
    let frame = Frame {
        left,
        top: header.bottom() + headroom.max(LABEL_ROOM) as i32 + 4,
        right: WIDTH as i32 - draw::PLOT_RIGHT_MARGIN,
        bottom: HEIGHT as i32 - below,
        slots,
    };
    Geometry {
        frame,
        bar,
        vertical_values,
    }
}

/// Every value label the chart will write, to size the room above the bars.
fn value_labels(chart: &BarChart) -> impl Iterator<Item = String> + '_ {
    chart.series.iter().flat_map(move |s| {
        (0..chart.categories.len())
            .filter_map(move |i| s.at(i))
            .map(move |v| format_value(v, chart.scale, chart.decimals))
    })
}

fn data_max(chart: &BarChart, categories: impl Iterator<Item = usize> + Clone) -> f64 {
    chart
        .series
        .iter()
        .flat_map(|s| categories.clone().filter_map(|i| s.at(i)))
        .fold(0.0, f64::max)
}

fn shared_axis(chart: &BarChart) -> ValueAxis {
    ValueAxis::new(
        data_max(chart, 0..chart.categories.len()),
        chart.scale,
        chart.decimals,
    )
}

/// Left and right edge of series `j`'s bar in category `i`'s group.
fn bar_edges(chart: &BarChart, geometry: &Geometry, (i, j): (usize, usize)) -> (i32, i32) {
    let frame = &geometry.frame;
    let slot = frame.slot_width();
    let first = frame.slot_left(i) + slot * (1.0 - group_share(chart.series.len())) / 2.0;
    let left = (first + j as f64 * geometry.bar).round() as i32;
    let right = (first + (j + 1) as f64 * geometry.bar).round() as i32;
    (left, right)
}

/// Series `j`'s bar in category `i`, if it has a value.
fn draw_bar(
    area: &Area,
    chart: &BarChart,
    geometry: &Geometry,
    (i, j): (usize, usize),
    max: f64,
) -> DrawResult {
    let Some(value) = chart.series[j].at(i) else {
        return Ok(());
    };
    let (left, right) = bar_edges(chart, geometry, (i, j));
    let frame = &geometry.frame;
    let top = frame.y(value, max);
    draw::bar_rect(area, (left + 1, top), (right - 1, frame.bottom), j)
}

/// Category `i`'s value over each bar, or 无数据 where a series has no value.
fn draw_value_labels(
    area: &Area,
    chart: &BarChart,
    geometry: &Geometry,
    i: usize,
    max: f64,
) -> DrawResult {
    let frame = &geometry.frame;
    for (j, series) in chart.series.iter().enumerate() {
        let (left, right) = bar_edges(chart, geometry, (i, j));
        let centre = (left + right) / 2;
        let Some(value) = series.at(i) else {
            let at = (centre, frame.bottom);
            draw::no_data(area, chart.words.no_data, at, geometry.bar)?;
            continue;
        };
        let top = frame.y(value, max);
        let label = format_value(value, chart.scale, chart.decimals);
        if geometry.vertical_values {
            let place = Place::vertical(HPos::Left);
            draw::text(area, &label, (centre, top - 4), SMALL_PX, &INK, place)?;
        } else {
            let place = Place::new(HPos::Center, VPos::Bottom);
            draw::text(area, &label, (centre, top - 3), SMALL_PX, &INK, place)?;
        }
    }
    Ok(())
}

/// The accessible description: what the chart shows, its unit and scaling, and where its
/// numbers are (see [`a11y::summary`]).
fn describe(chart: &BarChart) -> String {
    let w = chart.words;
    if chart.categories.is_empty() {
        return format!("{}{}", w.no_data, w.end);
    }
    let shows = (&chart.categories[..], &chart.series[..]);
    let mut desc = a11y::summary(w.bar_summary, shows, (chart.scale, &chart.unit), w);
    desc.push_str(w.end);
    if chart.axis == BarAxis::PerCategory {
        desc.push_str(w.per_category_note);
        desc.push_str(w.end);
    }
    desc.push_str(w.see_table);
    desc.push_str(w.end);
    desc
}
