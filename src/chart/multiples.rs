//! Small multiples: one little bar chart per category, each with its own value axis from 0.
//!
//! For the main-indicator overview, where 排查隐患 (dozens) and 应急演练 (a handful) cannot
//! share one axis: each panel's bars are read against its own ticks, so 4 against 5 looks
//! like a fifth less and 74 against 71 like almost the same, as they are. The panel's title
//! is the indicator's full name, wrapped, never cut.

use super::draw::{self, Area, DrawResult, Header, Place};
use super::layout::{text_width, wrap_two_lines, Frame, ValueAxis};
use super::style::{format_value, INK, MUTED, SMALL_PX};
use super::{BarChart, HEIGHT, WIDTH};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Panels per row at most; seven or eight indicators make two rows of four.
const COLUMNS: usize = 4;
/// Outer margin of the grid and the gap between panels.
const MARGIN: i32 = 8;
/// Room for a panel's title (two lines) above its plot.
const TITLE_ROOM: i32 = 34;
/// Room for the value labels above the tallest bar.
const VALUE_ROOM: i32 = 16;
/// Room left of a panel's plot for its tick labels.
const TICK_ROOM: i32 = 34;

/// One category's panel: where it sits and its own value axis.
struct Panel {
    /// Left edge and width of the whole panel (title and tick labels included).
    left: i32,
    width: i32,
    top: i32,
    /// The plot inside it.
    frame: Frame,
    axis: ValueAxis,
}

/// Draws `chart`'s categories as a grid of panels below `header`.
///
/// Like marks of all panels are drawn one after another (grid lines, baselines, tick labels,
/// titles, each series' bars, value labels), so that the SVG writes each kind once for the
/// whole chart (`chart::marks`). Panels do not overlap, so this is the picture panel by panel
/// would give, but for a value label wider than its bar: it now lies over a taller
/// neighbouring bar instead of under it.
pub fn draw(area: &Area, chart: &BarChart, header: &Header) -> DrawResult {
    let panels = panels(chart, header);
    for p in panels.iter().filter(|p| p.axis.max > 0.0) {
        let y = p.frame.y(p.axis.max, p.axis.max);
        let grid = super::style::GRID.stroke_width(1);
        let line = vec![(p.frame.left, y), (p.frame.right, y)];
        area.draw(&PathElement::new(line, grid))?;
    }
    for p in &panels {
        draw::baseline(area, &p.frame)?;
    }
    for p in &panels {
        tick_labels(area, chart, p)?;
    }
    for (p, title) in panels.iter().zip(&chart.categories) {
        panel_title(area, title, p.left, p.width, p.top)?;
    }
    for j in 0..chart.series.len() {
        for (i, p) in panels.iter().enumerate() {
            if let Some(value) = chart.series[j].at(i) {
                let (left, right) = bar_edges(&p.frame, j);
                let top = p.frame.y(value, p.axis.max);
                draw::bar_rect(area, (left, top), (right, p.frame.bottom), j)?;
            }
        }
    }
    for (i, p) in panels.iter().enumerate() {
        value_labels(area, chart, i, p)?;
    }
    Ok(())
}

/// The panels of the grid, one per category: up to [`COLUMNS`] a row.
fn panels(chart: &BarChart, header: &Header) -> Vec<Panel> {
    let n = chart.categories.len();
    if n == 0 {
        return Vec::new();
    }
    let columns = n.min(COLUMNS);
    let rows = n.div_ceil(columns);
    let top = header.bottom() + MARGIN;
    let width = (WIDTH as i32 - MARGIN) / columns as i32;
    let height = (HEIGHT as i32 - top - MARGIN) / rows as i32;
    (0..n)
        .map(|i| {
            let left = MARGIN + (i % columns) as i32 * width;
            let panel_top = top + (i / columns) as i32 * height;
            let max = (chart.series.iter())
                .filter_map(|s| s.at(i))
                .fold(0.0, f64::max);
            Panel {
                left,
                width,
                top: panel_top,
                frame: Frame {
                    left: left + TICK_ROOM,
                    top: panel_top + TITLE_ROOM + VALUE_ROOM,
                    right: left + width - MARGIN,
                    bottom: panel_top + height - MARGIN,
                    slots: chart.series.len().max(1),
                },
                axis: ValueAxis::new(max, chart.scale, chart.decimals),
            }
        })
        .collect()
}

/// The category's full name in up to two centred lines over the panel.
fn panel_title(area: &Area, title: &str, left: i32, width: i32, top: i32) -> DrawResult {
    let room = f64::from(width - MARGIN) - 4.0;
    // Centred over the plot (right of the tick labels), as far as the panel allows.
    let centre = (left + (width - MARGIN) / 2 + TICK_ROOM / 2)
        .min(left + width - MARGIN - (room / 2.0) as i32);
    let centre = centre.max(left + (room / 2.0) as i32);
    for (k, line) in wrap_two_lines(title, SMALL_PX, room).iter().enumerate() {
        let place = Place::new(HPos::Center, VPos::Top);
        let y = top + 2 + 15 * k as i32;
        draw::text(area, line, (centre, y), SMALL_PX, &INK, place)?;
    }
    Ok(())
}

/// The panel's own axis labelled at 0 and at its round top.
fn tick_labels(area: &Area, chart: &BarChart, p: &Panel) -> DrawResult {
    for tick in [0.0, p.axis.max] {
        let y = p.frame.y(tick, p.axis.max);
        let label = p.axis.tick_label(tick, chart.scale);
        let place = Place::new(HPos::Right, VPos::Center);
        draw::text(area, &label, (p.frame.left - 4, y), SMALL_PX, &MUTED, place)?;
    }
    Ok(())
}

/// Left and right edge of series `j`'s bar in a panel.
fn bar_edges(frame: &Frame, j: usize) -> (i32, i32) {
    let slot = frame.slot_width();
    let left = (frame.slot_left(j) + slot * 0.12).round() as i32;
    let right = (frame.slot_left(j) + slot * 0.88).round() as i32;
    (left, right)
}

/// Category `i`'s number over each bar, or 无数据 where a series has no value.
fn value_labels(area: &Area, chart: &BarChart, i: usize, p: &Panel) -> DrawResult {
    let slot = p.frame.slot_width();
    for (j, series) in chart.series.iter().enumerate() {
        let (left, right) = bar_edges(&p.frame, j);
        let centre = (left + right) / 2;
        let Some(value) = series.at(i) else {
            draw::no_data(area, chart.words.no_data, (centre, p.frame.bottom), slot)?;
            continue;
        };
        let top = p.frame.y(value, p.axis.max);
        let label = format_value(value, chart.scale, chart.decimals);
        // A number wider than its slot is written smaller rather than over its neighbour.
        let px = SMALL_PX.min(SMALL_PX * (slot + 6.0) / text_width(&label, SMALL_PX).max(1.0));
        let place = Place::new(HPos::Center, VPos::Bottom);
        draw::text(area, &label, (centre, top - 2), px, &INK, place)?;
    }
    Ok(())
}
