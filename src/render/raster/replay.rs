//! A chart's SVG drawn straight onto a pixmap: the few elements and classes our chart
//! backend writes (`chart::svg`), read as the chart stylesheet (`chart::style::css`) gives
//! them meaning, filled and stroked with tiny-skia as resvg would, and the text from the
//! glyph cache. This skips what made usvg costly for our charts — parsing CSS, building a
//! tree and shaping every label — and draws the same picture.
//!
//! Anything it does not know (another element, attribute, class or path command) makes it
//! give up, and the caller lets usvg draw that chart: a new kind of mark in `chart::svg`
//! can never come out wrong in Word, only slower until it is taught here.

use resvg::tiny_skia::{
    Color, FillRule, Paint, Path, PathBuilder, Pixmap, Rect, Stroke, StrokeDash, Transform,
};

use super::coverage;
use super::glyphs::{self, Anchor, Face, Label};
use crate::chart::style::{self, INK, LABEL_PX, SMALL_PX};

/// `svg` drawn `width_px` wide on white, into `spare` when it has that size (a fresh
/// 2 MB pixmap costs as much in page faults as the drawing); None when it holds something
/// this module does not draw.
pub fn draw(svg: &str, face: &Face, width_px: f32, spare: Option<Pixmap>) -> Option<Pixmap> {
    let elements = elements(svg)?;
    let (root, marks) = elements.split_first()?;
    let (width, height) = root_size(root)?;
    let scale = width_px / width;
    let size = (width_px.round() as u32, (height * scale).round() as u32);
    let mut pixmap = match spare {
        Some(p) if (p.width(), p.height()) == size => p,
        _ => Pixmap::new(size.0, size.1)?,
    };
    // White, not transparent: a transparent PNG prints grey in some Word versions.
    pixmap.fill(Color::WHITE);
    let mut canvas = Canvas {
        pixmap,
        scale,
        face,
    };
    for mark in marks {
        canvas.draw(mark)?;
    }
    Some(canvas.pixmap)
}

/// One element: its name, its attributes as written, its content (text only) and the
/// classes of the `<g>` it sits in (empty outside one).
struct Element<'a> {
    name: &'a str,
    attributes: Vec<(&'a str, &'a str)>,
    content: &'a str,
    group: &'a str,
}

impl Element<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        (self.attributes.iter())
            .find(|(n, _)| *n == name)
            .map(|&(_, v)| v)
    }

    fn number(&self, name: &str) -> Option<f32> {
        self.get(name)?.parse().ok()
    }

    /// Whether every attribute is one of `known` (`class` always is).
    fn only(&self, known: &[&str]) -> bool {
        (self.attributes.iter()).all(|(n, _)| *n == "class" || known.contains(n))
    }
}

/// The elements of `svg` in document order, the root first; None when it is not the shape
/// our backend writes: flat, but for `<g class>` around runs of texts (`chart::marks`),
/// whose class is handed to each element inside.
fn elements(svg: &str) -> Option<Vec<Element<'_>>> {
    let mut out = Vec::new();
    let mut rest = svg;
    let mut group = "";
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>')?;
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag == "/g" {
            group = "";
        }
        if tag.starts_with('/') {
            continue;
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(tag) => (tag, true),
            None => (tag, false),
        };
        let (name, attributes) = tag.split_once(' ').unwrap_or((tag, ""));
        if name == "g" {
            let [("class", class)] = attributes_of(attributes)?[..] else {
                return None;
            };
            // Nested groups are not ours.
            (group.is_empty() && !empty).then_some(())?;
            group = class;
            continue;
        }
        let mut content = "";
        if !empty && name != "svg" {
            let close = format!("</{name}>");
            let end = rest.find(&close)?;
            content = &rest[..end];
            rest = &rest[end + close.len()..];
        }
        out.push(Element {
            name,
            attributes: attributes_of(attributes)?,
            content,
            group,
        });
    }
    Some(out)
}

/// `name="value"` pairs.
fn attributes_of(mut text: &str) -> Option<Vec<(&str, &str)>> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return Some(out);
        }
        let (name, rest) = text.split_once("=\"")?;
        let (value, rest) = rest.split_once('"')?;
        out.push((name, value));
        text = rest;
    }
}

/// The user-space size of the root `<svg>`, whose viewBox must start at 0 0.
fn root_size(root: &Element) -> Option<(f32, f32)> {
    let known = [
        "xmlns",
        "viewBox",
        "width",
        "height",
        "role",
        "aria-labelledby",
        "aria-describedby",
    ];
    if root.name != "svg" || !root.only(&known) || root.get("class")? != style::ROOT_CLASS {
        return None;
    }
    let (width, height) = (root.get("width")?, root.get("height")?);
    if root.get("viewBox")? != format!("0 0 {width} {height}") {
        return None;
    }
    Some((width.parse().ok()?, height.parse().ok()?))
}

/// What an element's classes say, as the chart stylesheet has it.
#[derive(Clone, Copy)]
struct Classes {
    fill: Option<[u8; 3]>,
    stroke: Option<[u8; 3]>,
    width: f32,
    dash: Option<(u32, u32)>,
    anchor: Anchor,
    px: f32,
}

impl Classes {
    /// None for a class the stylesheet does not define.
    fn of(element: &Element) -> Option<Self> {
        let mut classes = Classes {
            fill: None,
            stroke: None,
            width: 1.0,
            dash: None,
            anchor: Anchor::Middle,
            px: SMALL_PX as f32,
        };
        let own = element.get("class").unwrap_or("");
        for class in element
            .group
            .split_whitespace()
            .chain(own.split_whitespace())
        {
            classes.apply(class)?;
        }
        Some(classes)
    }

    fn apply(&mut self, class: &str) -> Option<()> {
        match class {
            "l" => self.anchor = Anchor::Start,
            "e" => self.anchor = Anchor::End,
            "b" => self.px = LABEL_PX as f32,
            "w2" => self.width = 2.0,
            _ if class.starts_with('d') => {
                self.dash = Some(style::dashes().find(|&d| style::dash_class(d) == class)?);
            }
            _ => {
                let (property, name) = class.split_at_checked(1)?;
                let c = style::paint_colour(name)?;
                let rgb = Some([c.0, c.1, c.2]);
                match property {
                    "f" => self.fill = rgb,
                    "s" => self.stroke = rgb,
                    _ => return None,
                }
            }
        }
        Some(())
    }
}

struct Canvas<'a> {
    pixmap: Pixmap,
    /// Picture pixels per SVG user unit.
    scale: f32,
    face: &'a Face,
}

impl Canvas<'_> {
    fn draw(&mut self, e: &Element) -> Option<()> {
        let classes = Classes::of(e)?;
        match e.name {
            "title" | "desc" => Some(()),
            "rect" if e.only(&["x", "y", "width", "height"]) => {
                let (x, y) = (e.number("x")?, e.number("y")?);
                let (w, h) = (e.number("width")?, e.number("height")?);
                self.rect(Rect::from_xywh(x, y, w, h)?, &classes)
            }
            "path" if e.only(&["d"]) => {
                let d = e.get("d")?;
                let starts: Vec<usize> = d.match_indices('M').map(|(at, _)| at).collect();
                (starts.first() == Some(&0)).then_some(())?;
                let ends = starts.iter().skip(1).copied().chain([d.len()]);
                for (start, end) in starts.iter().zip(ends) {
                    self.subpath(&d[*start..end], &classes)?;
                }
                Some(())
            }
            "circle" if e.only(&["cx", "cy", "r"]) => {
                let (x, y, r) = (e.number("cx")?, e.number("cy")?, e.number("r")?);
                self.shape(&PathBuilder::from_circle(x, y, r)?, &classes, None)
            }
            // The stylesheet leaves a polygon's fill at SVG's default, black.
            "polygon" if e.only(&["points"]) => {
                let black = Some([0, 0, 0]);
                self.shape(&polygon_of(e.get("points")?)?, &classes, black)
            }
            "text" if e.only(&["x", "y", "style", "transform"]) => self.text(e, &classes),
            _ => None,
        }
    }

    /// One subpath of a `<path>` as our backend writes them: a bar's rectangle, or a line.
    fn subpath(&mut self, d: &str, classes: &Classes) -> Option<()> {
        if let Some(rect) = rect_of(d) {
            return self.rect(rect, classes);
        }
        let points = points_of(d)?;
        match points[..] {
            [a, b] if a.0 == b.0 || a.1 == b.1 => self.straight(a, b, classes),
            _ => self.shape(&polyline(&points)?, classes, None),
        }
    }

    /// A rectangle filled and outlined as [`Self::shape`] would, but painted as boxes:
    /// the fill a box, the outline the ring between the box grown and shrunk by half the
    /// stroke width (a miter-joined stroke of a rectangle is exactly that).
    fn rect(&mut self, rect: Rect, classes: &Classes) -> Option<()> {
        if classes.dash.is_some() {
            return self.shape(&PathBuilder::from_rect(rect), classes, None);
        }
        if let Some(fill) = classes.fill {
            let fill_box = self.pixels(rect)?;
            coverage::fill_box(&mut self.pixmap, fill_box, None, fill);
        }
        if let Some(colour) = classes.stroke {
            let half = classes.width / 2.0;
            let grown = |by: f32| {
                let (l, t, r, b) = (rect.left(), rect.top(), rect.right(), rect.bottom());
                Rect::from_ltrb(l - by, t - by, r + by, b + by)
            };
            // A box narrower than its stroke has no hole.
            let hole = grown(-half).and_then(|r| self.pixels(r));
            let outline = self.pixels(grown(half)?)?;
            coverage::fill_box(&mut self.pixmap, outline, hole, colour);
        }
        Some(())
    }

    /// A horizontal or vertical line from `a` to `b`: with butt caps its stroke is a box.
    fn straight(&mut self, a: (f32, f32), b: (f32, f32), classes: &Classes) -> Option<()> {
        let (Some(colour), None) = (classes.stroke, classes.dash) else {
            return self.shape(&polyline(&[a, b])?, classes, None);
        };
        let half = classes.width / 2.0;
        let (across_x, across_y) = if a.1 == b.1 { (0.0, half) } else { (half, 0.0) };
        let stroke = Rect::from_ltrb(
            a.0.min(b.0) - across_x,
            a.1.min(b.1) - across_y,
            a.0.max(b.0) + across_x,
            a.1.max(b.1) + across_y,
        )?;
        let stroke = self.pixels(stroke)?;
        coverage::fill_box(&mut self.pixmap, stroke, None, colour);
        Some(())
    }

    /// A rectangle of user space in picture pixels.
    fn pixels(&self, r: Rect) -> Option<Rect> {
        let s = self.scale;
        Rect::from_ltrb(r.left() * s, r.top() * s, r.right() * s, r.bottom() * s)
    }

    /// Fill, then outline, as SVG paints a shape.
    fn shape(&mut self, path: &Path, classes: &Classes, fill: Option<[u8; 3]>) -> Option<()> {
        let to_pixels = Transform::from_scale(self.scale, self.scale);
        if let Some(fill) = classes.fill.or(fill) {
            let paint = paint(fill);
            (self.pixmap).fill_path(path, &paint, FillRule::Winding, to_pixels, None);
        }
        if let Some(colour) = classes.stroke {
            let dash = classes.dash.map(|(d, g)| vec![d as f32, g as f32]);
            let stroke = Stroke {
                width: classes.width,
                dash: match dash {
                    Some(array) => Some(StrokeDash::new(array, 0.0)?),
                    None => None,
                },
                ..Stroke::default()
            };
            (self.pixmap).stroke_path(path, &paint(colour), &stroke, to_pixels, None);
        }
        Some(())
    }

    fn text(&mut self, e: &Element, classes: &Classes) -> Option<()> {
        let px = match e.get("style") {
            Some(style) => style
                .strip_prefix("font-size:")?
                .strip_suffix("px")?
                .parse()
                .ok()?,
            None => classes.px,
        };
        let (turn, pivot) = match e.get("transform") {
            Some(t) => rotation(t)?,
            None => (0, (0.0, 0.0)),
        };
        let ink = [INK.0, INK.1, INK.2];
        let text = collapse_spaces(&unescape(e.content)?);
        let s = self.scale;
        let label = Label {
            text: &text,
            at: (e.number("x")? * s, e.number("y")? * s),
            px: px * s,
            anchor: classes.anchor,
            turn,
            pivot: (pivot.0 * s, pivot.1 * s),
            colour: classes.fill.unwrap_or(ink),
        };
        glyphs::draw(&mut self.pixmap, self.face, &label)
    }
}

fn paint(rgb: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(rgb[0], rgb[1], rgb[2], 255);
    paint.anti_alias = true;
    paint
}

/// `rotate(A X Y)` with A a multiple of 90: quarter turns and the pivot.
fn rotation(transform: &str) -> Option<(u8, (f32, f32))> {
    let args = transform.strip_prefix("rotate(")?.strip_suffix(')')?;
    let numbers: Vec<f32> = numbers(args)?;
    let [angle, x, y] = numbers[..] else {
        return None;
    };
    let turns = angle / 90.0;
    (turns.fract() == 0.0).then_some(((turns.rem_euclid(4.0)) as u8, (x, y)))
}

fn numbers(text: &str) -> Option<Vec<f32>> {
    (text.split([' ', ',']))
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect()
}

/// The rectangle of path data `M x y h w v h h -w z`, the way `chart::marks` writes a bar.
fn rect_of(d: &str) -> Option<Rect> {
    let body = d.strip_prefix('M')?.strip_suffix('z')?;
    let (corner, rest) = body.split_once('h')?;
    let (width, rest) = rest.split_once('v')?;
    let (height, back) = rest.split_once('h')?;
    let [x, y] = numbers(corner)?[..] else {
        return None;
    };
    let (width, height): (f32, f32) = (width.parse().ok()?, height.parse().ok()?);
    (back.parse::<f32>().ok()? == -width).then_some(())?;
    Rect::from_xywh(x, y, width, height)
}

/// The points of path data of absolute `M`, `L`, `H` and `V` commands, the ones our
/// backend writes for a line: one `M`, then each further point.
fn points_of(d: &str) -> Option<Vec<(f32, f32)>> {
    let mut points: Vec<(f32, f32)> = Vec::new();
    let mut rest = d.trim();
    while let Some(command) = rest.chars().next() {
        let args = &rest[1..];
        let end = args
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(args.len());
        let values = numbers(&args[..end])?;
        rest = &args[end..];
        let last = points.last().copied();
        let point = match (command, values.as_slice(), last) {
            ('M', &[x, y], None) => (x, y),
            ('L', &[x, y], Some(_)) => (x, y),
            ('H', &[x], Some((_, y))) => (x, y),
            ('V', &[y], Some((x, _))) => (x, y),
            _ => return None,
        };
        points.push(point);
    }
    Some(points)
}

/// An open line through `points`.
fn polyline(points: &[(f32, f32)]) -> Option<Path> {
    let mut builder = PathBuilder::new();
    let (first, rest) = points.split_first()?;
    builder.move_to(first.0, first.1);
    for p in rest {
        builder.line_to(p.0, p.1);
    }
    builder.finish()
}

/// A closed polygon through `x,y` pairs.
fn polygon_of(points: &str) -> Option<Path> {
    let values = numbers(points)?;
    if values.len() % 2 != 0 {
        return None;
    }
    let mut builder = PathBuilder::new();
    for (i, pair) in values.chunks_exact(2).enumerate() {
        if i == 0 {
            builder.move_to(pair[0], pair[1]);
        } else {
            builder.line_to(pair[0], pair[1]);
        }
    }
    builder.close();
    builder.finish()
}

/// Text content with the five escapes `markdown::escape` writes undone; None for any
/// other reference.
fn unescape(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (entity, after) = rest[at..].split_once(';')?;
        out.push(match entity {
            "&amp" => '&',
            "&lt" => '<',
            "&gt" => '>',
            "&quot" => '"',
            "&apos" => '\'',
            _ => return None,
        });
        rest = after;
    }
    out.push_str(rest);
    Some(out)
}

/// Runs of white space as one space and none at either end, as SVG lays out text.
fn collapse_spaces(text: &str) -> String {
    // ASCII white space only: an ideographic space (U+3000) is a character of the label.
    (text.split(|c: char| c.is_ascii_whitespace()))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
