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

/// Draws `chart`'s categories as a grid of panels below `header`.
pub fn draw(area: &Area, chart: &BarChart, header: &Header) -> DrawResult {
    let n = chart.categories.len();
    if n == 0 {
        return Ok(());
    }
    let columns = n.min(COLUMNS);
    let rows = n.div_ceil(columns);
    let top = header.bottom() + MARGIN;
    let width = (WIDTH as i32 - MARGIN) / columns as i32;
    let height = (HEIGHT as i32 - top - MARGIN) / rows as i32;
    for i in 0..n {
        let left = MARGIN + (i % columns) as i32 * width;
        let panel_top = top + (i / columns) as i32 * height;
        let frame = Frame {
            left: left + TICK_ROOM,
            top: panel_top + TITLE_ROOM + VALUE_ROOM,
            right: left + width - MARGIN,
            bottom: panel_top + height - MARGIN,
            slots: chart.series.len().max(1),
        };
        panel_title(area, &chart.categories[i], left, width, panel_top)?;
        panel(area, chart, i, &frame)?;
    }
    Ok(())
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

/// One category: its own axis (0 and a round top, both labelled) and one bar per series.
fn panel(area: &Area, chart: &BarChart, i: usize, frame: &Frame) -> DrawResult {
    let max = (chart.series.iter())
        .filter_map(|s| s.at(i))
        .fold(0.0, f64::max);
    let axis = ValueAxis::new(max, chart.scale, chart.decimals);
    for tick in [0.0, axis.max] {
        let y = frame.y(tick, axis.max);
        if tick > 0.0 {
            let grid = super::style::GRID.stroke_width(1);
            area.draw(&PathElement::new(
                vec![(frame.left, y), (frame.right, y)],
                grid,
            ))?;
        }
        let label = axis.tick_label(tick, chart.scale);
        let place = Place::new(HPos::Right, VPos::Center);
        draw::text(area, &label, (frame.left - 4, y), SMALL_PX, &MUTED, place)?;
    }
    draw::baseline(area, frame)?;
    let slot = frame.slot_width();
    for (j, series) in chart.series.iter().enumerate() {
        let left = (frame.slot_left(j) + slot * 0.12).round() as i32;
        let right = (frame.slot_left(j) + slot * 0.88).round() as i32;
        let centre = (left + right) / 2;
        let Some(value) = series.at(i) else {
            draw::no_data(area, chart.words.no_data, (centre, frame.bottom), slot)?;
            continue;
        };
        let top = frame.y(value, axis.max);
        draw::bar_rect(area, (left, top), (right, frame.bottom), j)?;
        let label = format_value(value, chart.scale, chart.decimals);
        // A number wider than its slot is written smaller rather than over its neighbour.
        let px = SMALL_PX.min(SMALL_PX * (slot + 6.0) / text_width(&label, SMALL_PX).max(1.0));
        let place = Place::new(HPos::Center, VPos::Bottom);
        draw::text(area, &label, (centre, top - 2), px, &INK, place)?;
    }
    Ok(())
}
