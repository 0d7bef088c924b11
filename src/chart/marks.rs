//! The elements of a chart, held until it is drawn and then written with each run of
//! consecutive marks of one paint together: a series' bars as one `<path>` of rectangles,
//! grid lines as one `<path>`, labels of one style in one `<g class>`. An inline chart then
//! carries its classes once per run instead of once per element (a report page's two charts
//! held about 60 bars, lines and tick labels, each with its classes).
//!
//! Only consecutive marks are joined, so the painting order, and with it the picture, is
//! exactly the one drawn; the chart kinds draw like marks one after another where they can.
//! Elements follow one another without white space: between SVG elements it draws nothing.

use std::fmt::Write;

/// What an element is, as far as joining goes.
pub enum Shape {
    /// A rectangle: left, top, width, height.
    Rect([i32; 4]),
    /// The path data of an undashed line (dashes would restart at each joined line).
    Line(String),
    /// A text: its position (and turn) attributes and its escaped content.
    Text { geometry: String, content: String },
    /// Anything else, written on its own: tag and geometry attributes.
    Other(&'static str, String),
}

/// An element and its paint.
pub struct Mark {
    pub shape: Shape,
    /// Space-separated classes; empty for none.
    pub classes: String,
    /// Paint written as attributes (a colour outside the palette, a font size): such a mark
    /// is never joined.
    pub attrs: String,
}

impl Mark {
    /// Whether `self` can be written together with `first`, the start of a run.
    fn joins(&self, first: &Mark) -> bool {
        let same_kind = matches!(
            (&self.shape, &first.shape),
            (Shape::Rect(_), Shape::Rect(_))
                | (Shape::Line(_), Shape::Line(_))
                | (Shape::Text { .. }, Shape::Text { .. })
        );
        same_kind
            && self.classes == first.classes
            && self.attrs.is_empty()
            && first.attrs.is_empty()
    }

    /// ` class="…"` and the attributes.
    fn paint(&self) -> String {
        if self.classes.is_empty() {
            return self.attrs.clone();
        }
        format!(" class=\"{}\"{}", self.classes, self.attrs)
    }
}

/// Writes `marks` in order, each run of joinable marks together.
pub fn write(out: &mut String, marks: &[Mark]) {
    let mut rest = marks;
    while let Some(first) = rest.first() {
        let run = rest.iter().take_while(|m| m.joins(first)).count().max(1);
        write_run(out, &rest[..run]);
        rest = &rest[run..];
    }
}

fn write_run(out: &mut String, run: &[Mark]) {
    let paint = run[0].paint();
    match &run[0].shape {
        Shape::Rect(_) | Shape::Line(_) => {
            let _ = write!(out, "<path d=\"");
            for mark in run {
                path_data(out, &mark.shape);
            }
            let _ = write!(out, "\"{paint}/>");
        }
        Shape::Text { .. } if run.len() > 1 && !run[0].classes.is_empty() => {
            let _ = write!(out, "<g{paint}>");
            for mark in run {
                text(out, &mark.shape, "");
            }
            out.push_str("</g>");
        }
        Shape::Text { .. } => run.iter().for_each(|m| text(out, &m.shape, &m.paint())),
        Shape::Other(tag, geometry) => {
            let _ = write!(out, "<{tag} {geometry}{paint}/>");
        }
    }
}

/// A rectangle as the closed path `M x y h w v h h -w z`; a line's own data.
fn path_data(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Rect([x, y, w, h]) => {
            let _ = write!(out, "M{x} {y}h{w}v{h}h{}z", -w);
        }
        Shape::Line(d) => out.push_str(d),
        _ => {}
    }
}

fn text(out: &mut String, shape: &Shape, paint: &str) {
    if let Shape::Text { geometry, content } = shape {
        let _ = write!(out, "<text {geometry}{paint}>{content}</text>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(shape: Shape, classes: &str) -> Mark {
        Mark {
            shape,
            classes: classes.into(),
            attrs: String::new(),
        }
    }

    fn label(x: i32, content: &str, classes: &str) -> Mark {
        let geometry = format!("x=\"{x}\" y=\"5\"");
        let content = content.into();
        mark(Shape::Text { geometry, content }, classes)
    }

    #[test]
    fn runs_of_one_paint_are_written_together_and_nothing_moves() {
        let marks = [
            mark(Shape::Line("M0 1H9".into()), "sr"),
            mark(Shape::Line("M0 5H9".into()), "sr"),
            mark(Shape::Rect([1, 2, 3, 4]), "sk fn"),
            mark(Shape::Rect([5, 2, 3, 4]), "sk fn"),
            label(1, "0", "e fm"),
            label(2, "5", "e fm"),
            label(3, "7", ""),
            label(4, "8", ""),
            mark(Shape::Rect([9, 2, 3, 4]), "sk fn"),
        ];
        let mut out = String::new();
        write(&mut out, &marks);
        assert_eq!(
            out,
            "<path d=\"M0 1H9M0 5H9\" class=\"sr\"/>\
             <path d=\"M1 2h3v4h-3zM5 2h3v4h-3z\" class=\"sk fn\"/>\
             <g class=\"e fm\"><text x=\"1\" y=\"5\">0</text><text x=\"2\" y=\"5\">5</text></g>\
             <text x=\"3\" y=\"5\">7</text><text x=\"4\" y=\"5\">8</text>\
             <path d=\"M9 2h3v4h-3z\" class=\"sk fn\"/>"
        );
    }

    #[test]
    fn a_mark_painted_by_attribute_stands_alone() {
        let mut odd = mark(Shape::Rect([5, 2, 3, 4]), "sk");
        odd.attrs = " fill=\"#123456\"".into();
        let marks = [mark(Shape::Rect([1, 2, 3, 4]), "sk"), odd];
        let mut out = String::new();
        write(&mut out, &marks);
        assert_eq!(
            out,
            "<path d=\"M1 2h3v4h-3z\" class=\"sk\"/>\
             <path d=\"M5 2h3v4h-3z\" class=\"sk\" fill=\"#123456\"/>"
        );
    }
}
