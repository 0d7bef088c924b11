//! Accessible name and description: plotters writes neither, so they are added to its output.

use super::{Scale, Series};
use crate::locale::{fill_named, ChartWords};
use crate::markdown::escape;

/// An id usable in HTML and in `aria-labelledby` (a space-separated list): the caller's id with
/// anything but letters, digits, `-`, `_`, `.` and `:` replaced by `-`; "chart" when empty.
fn clean_id(id: &str) -> String {
    if id.is_empty() {
        return "chart".to_string();
    }
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The opening of a chart's description: its kind, its categories (by their ends when
/// there are many), its series in drawing order, from `summary` (the locale's
/// [`ChartWords::bar_summary`] or [`ChartWords::line_summary`]), and the unit of counts
/// (`scale`); 无数据 for a chart without categories. The caller adds what else the picture
/// says (axis, target) and [`ChartWords::see_table`]: a description that repeated every
/// number would have a screen reader read them twice, here and in the table under the chart.
pub fn summary(
    summary: &str,
    (categories, series): (&[String], &[Series]),
    (scale, unit): (Scale, &str),
    words: &ChartWords,
) -> String {
    let categories = match categories {
        [] => return words.no_data.to_string(),
        [first, .., last] if categories.len() > 2 => {
            let count = categories.len().to_string();
            let ends = [("first", first.as_str()), ("last", last), ("count", &count)];
            fill_named(words.category_span, &ends)
        }
        few => few.join(words.name_separator),
    };
    let names: Vec<&str> = (series.iter())
        .map(|s| s.name.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    let names = names.join(words.name_separator);
    let slots = [("categories", categories.as_str()), ("series", &names)];
    let mut out = fill_named(summary, &slots);
    if scale == Scale::Count && !unit.is_empty() {
        out.push_str(words.part_separator);
        out.push_str(&fill_named(words.unit_axis, &[("unit", unit)]));
    }
    out
}

/// Adds `role="img"`, `aria-labelledby`/`aria-describedby` to the root `<svg>` and `<title>` and
/// `<desc>` as its first children, ids `{id}-title` and `{id}-desc`.
pub fn finish(svg: String, id: &str, title: &str, desc: &str) -> String {
    let id = clean_id(id);
    let Some(tag_end) = svg.find('>') else {
        return svg;
    };
    let (open, rest) = svg.split_at(tag_end);
    let mut out = String::with_capacity(svg.len() + title.len() + desc.len() + 200);
    out.push_str(open);
    out.push_str(&format!(
        " role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    ));
    out.push_str(&rest[1..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_desc_follow_the_svg_tag_escaped() {
        let svg = "<svg width=\"1\"><rect/></svg>".to_string();
        let out = finish(svg, "a b", "A & <B>", "\"x\"");
        assert_eq!(
            out,
            "<svg width=\"1\" role=\"img\" aria-labelledby=\"a-b-title\" \
             aria-describedby=\"a-b-desc\"><title id=\"a-b-title\">A &amp; &lt;B&gt;</title>\
             <desc id=\"a-b-desc\">&quot;x&quot;</desc><rect/></svg>"
        );
    }
}
