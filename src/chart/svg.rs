//! The plotters drawing backend of our charts: compact SVG whose paint comes from classes of
//! one stylesheet ([`style::css`]) instead of attributes repeated on every element.
//!
//! plotters' own `SVGBackend` writes the font stack, `opacity="1"`, `fill` and `stroke` on
//! every element (about 280 bytes a label, two thirds of a report page's charts). Here an
//! element carries its geometry in whole pixels (the layout works on the pixel grid) and one
//! or two short classes; text is shifted by its anchor in `y` itself (`dy` in `ex` would vary
//! with the viewer's font); a bar's fill and outline, which plotters draws as two rectangles,
//! become one. A colour outside the palette is still written as an attribute, so nothing is
//! ever drawn in a colour nobody chose. Elements are held and written at the end by
//! [`marks::write`], which writes each run of one paint once (a series' bars as one path).

use std::fmt::Write;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};

use super::marks::{self, Mark, Shape};
use super::style::{self, LABEL_PX, SMALL_PX};
use crate::markdown::escape;

/// A filled rectangle's corners and colour.
type Pending = (BackendCoord, BackendCoord, BackendColor);

/// Never returned: drawing into a String cannot fail.
pub type Never = std::convert::Infallible;

/// Compact SVG into a String; the root element is `<svg class="zc" …>` (see [`style::css`]).
/// The elements are held until the chart is presented, then written by [`marks::write`].
pub struct CompactSvg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    marks: Vec<Mark>,
    /// A filled rectangle not yet written: an outline of the same box that follows it
    /// joins it as one element.
    pending: Option<Pending>,
    closed: bool,
}

impl<'a> CompactSvg<'a> {
    pub fn new(out: &'a mut String, (width, height): (u32, u32)) -> Self {
        // No xmlns: the chart is inline in HTML, whose parser puts <svg> in the SVG
        // namespace; `standalone` adds it for a viewer of the SVG alone.
        let _ = write!(
            out,
            "<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
             class=\"{}\">",
            style::ROOT_CLASS
        );
        CompactSvg {
            out,
            size: (width, height),
            marks: Vec::new(),
            pending: None,
            closed: false,
        }
    }

    /// Writes the pending filled rectangle, if any.
    fn flush(&mut self) {
        if let Some((upper_left, bottom_right, fill)) = self.pending.take() {
            self.rect(upper_left, bottom_right, paint(Some(fill), None));
        }
    }

    fn rect(&mut self, (x0, y0): BackendCoord, (x1, y1): BackendCoord, paint: Paint) {
        let shape = Shape::Rect([x0, y0, x1 - x0, y1 - y0]);
        self.marks.push(paint.on(shape));
    }

    fn element(&mut self, shape: Shape, paint: Paint) {
        self.flush();
        self.marks.push(paint.on(shape));
    }
}

/// How a shape is outlined.
struct Stroke {
    colour: BackendColor,
    width: u32,
    /// Dash and gap lengths; None = solid.
    dash: Option<(u32, u32)>,
}

fn stroke<S: BackendStyle>(s: &S) -> Option<Stroke> {
    Some(Stroke {
        colour: s.color(),
        width: s.stroke_width(),
        dash: None,
    })
}

/// The classes and attributes of an element's paint.
#[derive(Default)]
struct Paint {
    classes: Vec<String>,
    attrs: String,
}

impl Paint {
    /// A palette colour as the class `f…` or `s…` (for `property` fill or stroke); another
    /// colour as the attribute.
    fn colour(&mut self, property: &str, c: BackendColor) {
        match style::paint_name(c.rgb) {
            Some(name) => self.classes.push(format!("{}{name}", &property[..1])),
            None => self.attrs.push_str(&format!(" {property}=\"{}\"", hex(c))),
        }
    }

    fn on(self, shape: Shape) -> Mark {
        Mark {
            shape,
            classes: self.classes.join(" "),
            attrs: self.attrs,
        }
    }

    fn is_dashed(&self) -> bool {
        self.classes.iter().any(|c| c.starts_with('d'))
    }
}

/// The paint of a shape with a fill and/or an outline.
fn paint(fill: Option<BackendColor>, stroke: Option<Stroke>) -> Paint {
    let mut paint = Paint::default();
    if let Some(stroke) = stroke {
        paint.colour("stroke", stroke.colour);
        if stroke.width != 1 {
            paint.classes.push(format!("w{}", stroke.width));
        }
        paint.classes.extend(stroke.dash.map(style::dash_class));
    }
    if let Some(colour) = fill {
        paint.colour("fill", colour);
    }
    paint
}

fn hex(c: BackendColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.rgb.0, c.rgb.1, c.rgb.2)
}

/// `M x y` then `H`, `V` or `L` to each further point: a grid line is `M72 108H616`.
fn path_data(points: impl IntoIterator<Item = BackendCoord>) -> String {
    let mut d = String::new();
    let mut last: Option<BackendCoord> = None;
    for (x, y) in points {
        let _ = match last {
            None => write!(d, "M{x} {y}"),
            Some((_, ly)) if ly == y => write!(d, "H{x}"),
            Some((lx, _)) if lx == x => write!(d, "V{y}"),
            Some(_) => write!(d, "L{x} {y}"),
        };
        last = Some((x, y));
    }
    d
}

/// A number with at most one decimal, without a trailing `.0`.
fn short(v: f64) -> String {
    let v = (v * 10.0).round() / 10.0;
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.1}")
    }
}

/// How far the baseline sits below the anchor point, in em: the anchors plotters' backend
/// writes as `dy` (0.76em, 0.5ex, −0.5ex), with 1 ex taken as 0.54 em (Noto Sans CJK).
fn baseline_shift(v: VPos) -> f64 {
    match v {
        VPos::Top => 0.76,
        VPos::Center => 0.27,
        VPos::Bottom => -0.27,
    }
}

/// The paint of a text: 12 px in ink, centred, unless told otherwise (the most common
/// label, a number over its bar, then carries no class at all).
fn text_paint<S: BackendTextStyle>(style: &S) -> Paint {
    let mut paint = Paint::default();
    match style.anchor().h_pos {
        HPos::Left => paint.classes.push("l".into()),
        HPos::Center => {}
        HPos::Right => paint.classes.push("e".into()),
    }
    let px = style.size() / 1.24;
    if (px - LABEL_PX).abs() < 0.01 {
        paint.classes.push("b".into());
    } else if (px - SMALL_PX).abs() >= 0.01 {
        paint.attrs = format!(" style=\"font-size:{}px\"", short(px));
    }
    let ink = style::INK;
    if style.color().rgb != (ink.0, ink.1, ink.2) {
        paint.colour("fill", style.color());
    }
    paint
}

impl DrawingBackend for CompactSvg<'_> {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        if !self.closed {
            self.flush();
            marks::write(self.out, &self.marks);
            self.out.push_str("</svg>");
            self.closed = true;
        }
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        c: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.flush();
        self.rect((x, y), (x + 1, y + 1), paint(Some(c), None));
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.draw_path([from, to], s)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        if fill {
            self.flush();
            self.pending = Some((upper_left, bottom_right, s.color()));
            return Ok(());
        }
        let box_of = |p: &Pending| (p.0, p.1);
        let filled = match self.pending.take() {
            Some(p) if box_of(&p) == (upper_left, bottom_right) => Some(p.2),
            other => {
                self.pending = other;
                self.flush();
                None
            }
        };
        self.rect(upper_left, bottom_right, paint(filled, stroke(s)));
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let paint = paint(None, stroke(s));
        let d = path_data(path);
        let shape = if paint.is_dashed() {
            Shape::Other("path", format!("d=\"{d}\""))
        } else {
            Shape::Line(d)
        };
        self.element(shape, paint);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        s: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let geometry = format!("cx=\"{x}\" cy=\"{y}\" r=\"{radius}\"");
        let paint = if fill {
            paint(Some(s.color()), None)
        } else {
            paint(None, stroke(s))
        };
        self.element(Shape::Other("circle", geometry), paint);
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        s: &S,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let points: Vec<String> = vertices
            .into_iter()
            .map(|(x, y)| format!("{x},{y}"))
            .collect();
        let geometry = format!("points=\"{}\"", points.join(" "));
        self.element(
            Shape::Other("polygon", geometry),
            paint(Some(s.color()), None),
        );
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        s: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.flush();
        let px = s.size() / 1.24;
        let baseline = f64::from(y) + baseline_shift(s.anchor().v_pos) * px;
        let turn = match s.transform() {
            FontTransform::Rotate90 => format!(" transform=\"rotate(90 {x} {y})\""),
            FontTransform::Rotate180 => format!(" transform=\"rotate(180 {x} {y})\""),
            FontTransform::Rotate270 => format!(" transform=\"rotate(270 {x} {y})\""),
            _ => String::new(),
        };
        let shape = Shape::Text {
            geometry: format!("x=\"{x}\" y=\"{}\"{turn}", short(baseline)),
            content: escape(text),
        };
        self.marks.push(text_paint(s).on(shape));
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        s: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        let px = s.size() / 1.24;
        Ok((super::layout::text_width(text, px) as u32, px as u32))
    }
}

/// A line of our own drawn dashed by a class (`stroke-dasharray`), as one element: plotters'
/// `DashedPathElement` cuts the line into a separate path per dash.
pub struct DashedPath {
    pub points: Vec<BackendCoord>,
    pub colour: BackendColor,
    pub width: u32,
    /// Dash and gap lengths.
    pub dash: (u32, u32),
}

impl<'a> plotters::element::PointCollection<'a, BackendCoord> for &'a DashedPath {
    type Point = &'a BackendCoord;
    type IntoIter = &'a [BackendCoord];

    fn point_iter(self) -> &'a [BackendCoord] {
        &self.points
    }
}

impl plotters::element::Drawable<CompactSvg<'_>> for DashedPath {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        points: I,
        backend: &mut CompactSvg<'_>,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<Never>> {
        let geometry = format!("d=\"{}\"", path_data(points));
        let outline = Stroke {
            colour: self.colour,
            width: self.width,
            dash: Some(self.dash),
        };
        backend.element(Shape::Other("path", geometry), paint(None, Some(outline)));
        Ok(())
    }
}

/// `svg` (a chart of this module) with its namespace and the stylesheet inside it, for a
/// viewer that does not have the page around it: resvg drawing it for Word, or the file
/// opened on its own.
pub fn standalone(svg: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg.to_string();
    };
    let (open, rest) = svg.split_at(end + 1);
    let open = open.replacen("<svg ", &format!("<svg xmlns=\"{SVG_NAMESPACE}\" "), 1);
    format!("{open}\n<style>\n{}</style>{rest}", style::css())
}

const SVG_NAMESPACE: &str = "http://www.w3.org/2000/svg";
