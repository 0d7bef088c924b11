//! Drawing shared by all chart kinds: text, title, legend, value axis, category labels, 无数据.

use super::layout::{text_width, truncate, wrap_two_lines, Frame, ValueAxis};
use super::style::{self, FONT_FAMILY, INK, LABEL_PX, MUTED, SMALL_PX};
use super::svg::{CompactSvg, DashedPath};
use super::{Scale, WIDTH};
use crate::locale::{fill_named, ChartWords};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub type Area<'a> = DrawingArea<CompactSvg<'a>, Shift>;
pub type DrawResult = Result<(), DrawingAreaErrorKind<super::svg::Never>>;

/// Draws a chart with `draw` into a new SVG string of the chart size.
pub fn svg_string(draw: impl FnOnce(&Area) -> DrawResult) -> String {
    let mut svg = String::with_capacity(8 * 1024);
    {
        let area = CompactSvg::new(&mut svg, (WIDTH, super::HEIGHT)).into_drawing_area();
        // Drawing into a String cannot fail: the backend's error type has no values.
        draw(&area).expect("drawing an SVG into a String");
        area.present().expect("drawing an SVG into a String");
    }
    svg
}

/// A dashed line of `colour` through `points`, one element.
pub fn dashed(
    area: &Area,
    points: &[(i32, i32)],
    colour: RGBColor,
    width: u32,
    dash: (u32, u32),
) -> DrawResult {
    area.draw(&DashedPath {
        points: points.to_vec(),
        colour: colour.to_backend_color(),
        width,
        dash,
    })
}

/// Left edge of the plot: room for tick labels up to "12000" or "100%" and the 单位 note.
pub const PLOT_LEFT: i32 = 72;
/// Right margin of the plot when nothing is written to its right.
pub const PLOT_RIGHT_MARGIN: i32 = 24;
/// Top margin above the legend. The title is not drawn: the page writes it above the chart
/// (figcaption), where it wraps on a phone instead of being cut or shrunk with the chart.
const TITLE_BOTTOM: i32 = 10;
/// Height of a legend or note row.
const ROW: i32 = 20;

/// How a text is placed: anchor point and direction.
#[derive(Clone, Copy)]
pub struct Place {
    pub h: HPos,
    pub v: VPos,
    /// Turned to read bottom-to-top, for labels in narrow slots.
    pub vertical: bool,
}

impl Place {
    pub const fn new(h: HPos, v: VPos) -> Self {
        Place {
            h,
            v,
            vertical: false,
        }
    }

    pub const fn vertical(h: HPos) -> Self {
        Place {
            h,
            v: VPos::Center,
            vertical: true,
        }
    }
}

/// Writes `text` at `at`, `px` pixels high.
pub fn text(
    area: &Area,
    text: &str,
    at: (i32, i32),
    px: f64,
    colour: &RGBColor,
    place: Place,
) -> DrawResult {
    text_styled(area, text, at, px, colour, place, FontStyle::Normal)
}

fn text_styled(
    area: &Area,
    text: &str,
    at: (i32, i32),
    px: f64,
    colour: &RGBColor,
    place: Place,
    weight: FontStyle,
) -> DrawResult {
    // plotters writes font-size = size / 1.24.
    let font = (FONT_FAMILY, px * 1.24, weight).into_font();
    let mut style = TextStyle::from(font)
        .color(colour)
        .pos(Pos::new(place.h, place.v));
    if place.vertical {
        style = style.transform(FontTransform::Rotate270);
    }
    area.draw(&Text::new(text, at, style))
}

/// The header (optional legend and note rows) and returns its bottom edge.
pub struct Header<'a> {
    /// Legend entries; drawn only when there are two or more.
    pub legend: Vec<(&'a str, Swatch)>,
    pub note: Option<&'a str>,
}

/// What a legend entry shows before its name.
#[derive(Clone, Copy)]
pub enum Swatch {
    Bar(usize),
    Line(usize),
}

impl Header<'_> {
    /// Pixel row where the header ends.
    pub fn bottom(&self) -> i32 {
        let mut bottom = TITLE_BOTTOM;
        if self.legend.len() > 1 {
            bottom += ROW;
        }
        if self.note.is_some() {
            bottom += ROW;
        }
        bottom
    }

    pub fn draw(&self, area: &Area) -> DrawResult {
        let max = f64::from(WIDTH) - 40.0;
        let centre = (WIDTH / 2) as i32;
        let mut row = TITLE_BOTTOM + ROW / 2;
        if self.legend.len() > 1 {
            self.draw_legend(area, row)?;
            row += ROW;
        }
        if let Some(note) = self.note {
            let note = truncate(note, SMALL_PX, max);
            let place = Place::new(HPos::Center, VPos::Center);
            text(area, &note, (centre, row), SMALL_PX, &MUTED, place)?;
        }
        Ok(())
    }

    /// Legend entries centred in one row; names shortened so the row never overflows.
    fn draw_legend(&self, area: &Area, y: i32) -> DrawResult {
        const SWATCH: f64 = 22.0;
        const GAP: f64 = 24.0;
        let n = self.legend.len() as f64;
        let share = (f64::from(WIDTH) - 40.0) / n - SWATCH - GAP;
        let names: Vec<String> = self
            .legend
            .iter()
            .map(|(name, _)| truncate(name, LABEL_PX, share))
            .collect();
        // 1.1: keep entries apart even where the viewer's font runs wider than our estimate.
        let widths: Vec<f64> = names
            .iter()
            .map(|s| text_width(s, LABEL_PX) * 1.1)
            .collect();
        let total = widths.iter().sum::<f64>() + n * SWATCH + (n - 1.0) * GAP;
        let mut x = (f64::from(WIDTH) - total) / 2.0;
        for ((_, swatch), (name, width)) in self.legend.iter().zip(names.iter().zip(&widths)) {
            let left = x.round() as i32;
            match *swatch {
                Swatch::Bar(i) => bar_rect(area, (left, y - 6), (left + 16, y + 6), i)?,
                Swatch::Line(i) => {
                    polyline(area, &[(left - 2, y), (left + 18, y)], i)?;
                    marker(area, (left + 8, y), i)?;
                }
            }
            let place = Place::new(HPos::Left, VPos::Center);
            text(area, name, (left + SWATCH as i32, y), LABEL_PX, &INK, place)?;
            x += SWATCH + width + GAP;
        }
        Ok(())
    }
}

/// A bar of series `i`: its fill with a dark outline, so white and light fills still show.
pub fn bar_rect(
    area: &Area,
    top_left: (i32, i32),
    bottom_right: (i32, i32),
    i: usize,
) -> DrawResult {
    area.draw(&Rectangle::new(
        [top_left, bottom_right],
        style::bar_fill(i).filled(),
    ))?;
    area.draw(&Rectangle::new(
        [top_left, bottom_right],
        INK.stroke_width(1),
    ))
}

/// Series `i`'s line through `points`: its colour, width 2, its dash pattern.
pub fn polyline(area: &Area, points: &[(i32, i32)], i: usize) -> DrawResult {
    let colour = style::line_colour(i);
    match style::LINE_DASHES[i % style::LINE_DASHES.len()] {
        None => area.draw(&PathElement::new(points.to_vec(), colour.stroke_width(2))),
        Some(dash) => dashed(area, points, colour, 2, dash),
    }
}

/// Series `i`'s point marker: filled circle, filled triangle, hollow square, cross.
pub fn marker(area: &Area, (x, y): (i32, i32), i: usize) -> DrawResult {
    let colour = style::line_colour(i);
    match i % 4 {
        0 => area.draw(&Circle::new((x, y), 4, colour.filled())),
        1 => area.draw(&Polygon::new(
            vec![(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)],
            colour.filled(),
        )),
        2 => {
            area.draw(&Rectangle::new(
                [(x - 4, y - 4), (x + 4, y + 4)],
                WHITE.filled(),
            ))?;
            area.draw(&Rectangle::new(
                [(x - 4, y - 4), (x + 4, y + 4)],
                colour.stroke_width(2),
            ))
        }
        _ => area.draw(&Cross::new((x, y), 4, colour.stroke_width(2))),
    }
}

/// Grid lines, tick labels and baseline of a shared value axis, and 单位 above it.
pub fn value_axis(
    area: &Area,
    frame: &Frame,
    axis: &ValueAxis,
    scale: Scale,
    unit: &str,
    words: &ChartWords,
) -> DrawResult {
    // Grid lines first, then their labels (left of the plot, apart from them): each kind
    // is then one run of marks, written once (`chart::marks`).
    for tick in axis.ticks().into_iter().filter(|&t| t > axis.min) {
        let y = frame.y_between(tick, axis.min, axis.max);
        let grid = style::GRID.stroke_width(1);
        area.draw(&PathElement::new(
            vec![(frame.left, y), (frame.right, y)],
            grid,
        ))?;
    }
    for tick in axis.ticks() {
        let y = frame.y_between(tick, axis.min, axis.max);
        let label = axis.tick_label(tick, scale);
        let place = Place::new(HPos::Right, VPos::Center);
        text(area, &label, (frame.left - 6, y), SMALL_PX, &MUTED, place)?;
    }
    if scale == Scale::Count && !unit.is_empty() {
        let label = truncate(
            &fill_named(words.unit_axis, &[("unit", unit)]),
            SMALL_PX,
            f64::from(frame.left) - 10.0,
        );
        let place = Place::new(HPos::Left, VPos::Bottom);
        text(area, &label, (8, frame.top - 12), SMALL_PX, &MUTED, place)?;
    }
    if axis.is_zoomed() {
        let from = axis.tick_label(axis.min, scale);
        axis_break(
            area,
            frame,
            &fill_named(words.axis_from, &[("from", &from)]),
        )?;
    }
    baseline(area, frame)
}

/// Marks an axis that does not start at 0: a zigzag across the foot of the axis, and the
/// words 纵轴从…起 (`note`) above it, so nobody reads 80% as the bottom of the scale.
fn axis_break(area: &Area, frame: &Frame, note: &str) -> DrawResult {
    let (x, y) = (frame.left, frame.bottom);
    let zigzag = vec![(x - 5, y - 4), (x, y - 8), (x + 5, y - 12), (x, y - 16)];
    area.draw(&PathElement::new(zigzag, INK.stroke_width(1)))?;
    let note = truncate(note, SMALL_PX, 200.0);
    let place = Place::new(HPos::Left, VPos::Bottom);
    text(area, &note, (8, frame.top - 12), SMALL_PX, &MUTED, place)
}

/// The x axis line.
pub fn baseline(area: &Area, frame: &Frame) -> DrawResult {
    let shape = INK.stroke_width(1);
    area.draw(&PathElement::new(
        vec![(frame.left, frame.bottom), (frame.right, frame.bottom)],
        shape,
    ))
}

/// 无数据 (`no_data`) standing on `y` at column `x`, turned vertical when `room` is too
/// narrow for it.
pub fn no_data(area: &Area, no_data: &str, (x, y): (i32, i32), room: f64) -> DrawResult {
    if text_width(no_data, SMALL_PX) + 4.0 <= room {
        let place = Place::new(HPos::Center, VPos::Bottom);
        text(area, no_data, (x, y - 3), SMALL_PX, &MUTED, place)
    } else {
        text(
            area,
            no_data,
            (x, y - 4),
            SMALL_PX,
            &MUTED,
            Place::vertical(HPos::Left),
        )
    }
}

/// Category labels under the plot, fitted to their slots.
///
/// Horizontal in up to two lines when a slot holds three characters, else turned vertical and
/// truncated; when even vertical labels would touch, only every k-th category is labelled.
/// A note per category (e.g. 整改率) goes on its own line, or after the label when vertical.
pub struct CategoryLabels {
    vertical: bool,
    /// Lines of each category's label.
    lines: Vec<Vec<String>>,
    notes: Vec<String>,
    every: usize,
}

/// Length of vertical labels, in pixels.
const VERTICAL_LABEL: f64 = 110.0;
const LINE_HEIGHT: i32 = 16;

impl CategoryLabels {
    /// `aside` sets a note beside a vertical label (（整改率 92.3%）).
    pub fn new(categories: &[String], notes: &[String], slot: f64, aside: &str) -> Self {
        let room = slot * 0.9 - 4.0;
        let vertical = room < 3.0 * LABEL_PX;
        let every = (LINE_HEIGHT as f64 / slot).ceil().max(1.0) as usize;
        let note_of = |i: usize| notes.get(i).cloned().unwrap_or_default();
        let lines = categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if !vertical {
                    return wrap_two_lines(c, LABEL_PX, room);
                }
                let note = note_of(i);
                let note = if note.is_empty() {
                    note
                } else {
                    crate::locale::fill(aside, &note)
                };
                let label = truncate(c, LABEL_PX, VERTICAL_LABEL - text_width(&note, LABEL_PX));
                vec![format!("{label}{note}")]
            })
            .collect();
        let notes = if vertical {
            Vec::new()
        } else {
            (0..categories.len())
                .map(|i| truncate(&note_of(i), SMALL_PX, room))
                .collect()
        };
        CategoryLabels {
            vertical,
            lines,
            notes,
            every,
        }
    }

    /// Height the labels need under the plot.
    pub fn height(&self) -> i32 {
        if self.vertical {
            return VERTICAL_LABEL as i32 + 14;
        }
        let notes = i32::from(self.notes.iter().any(|n| !n.is_empty()));
        10 + (self.lines_max() + notes) * LINE_HEIGHT
    }

    pub fn draw(&self, area: &Area, frame: &Frame) -> DrawResult {
        for (i, lines) in self.lines.iter().enumerate().step_by(self.every) {
            let x = frame.slot_centre(i);
            if self.vertical {
                let place = Place::vertical(HPos::Right);
                text(
                    area,
                    &lines[0],
                    (x, frame.bottom + 8),
                    LABEL_PX,
                    &INK,
                    place,
                )?;
                continue;
            }
            let mut y = frame.bottom + 8;
            for line in lines {
                let place = Place::new(HPos::Center, VPos::Top);
                text(area, line, (x, y), LABEL_PX, &INK, place)?;
                y += LINE_HEIGHT;
            }
            if let Some(note) = self.notes.get(i).filter(|n| !n.is_empty()) {
                let y = frame.bottom + 8 + self.lines_max() * LINE_HEIGHT;
                let place = Place::new(HPos::Center, VPos::Top);
                text(area, note, (x, y), SMALL_PX, &MUTED, place)?;
            }
        }
        Ok(())
    }

    fn lines_max(&self) -> i32 {
        self.lines.iter().map(Vec::len).max().unwrap_or(1) as i32
    }
}

/// 无数据 (`no_data`) in the middle of a chart that has no categories at all.
pub fn empty_chart(area: &Area, frame: &Frame, no_data: &str) -> DrawResult {
    let centre = (
        (frame.left + frame.right) / 2,
        (frame.top + frame.bottom) / 2,
    );
    let place = Place::new(HPos::Center, VPos::Center);
    text(area, no_data, centre, LABEL_PX, &MUTED, place)
}
