//! The one palette and type scale of all charts, and how numbers are written on them.
//!
//! Series are told apart without colour: bar fills step through CIE lightness ≈ 24 (navy),
//! 54 (orange), 78 (light blue) and 100 (white), every bar outlined in dark grey; lines step
//! through solid / long dash / short dash / dotted with filled circle / filled triangle /
//! hollow square / cross markers. Series 0 (the current period) is always the darkest.

use super::Scale;
use plotters::style::RGBColor;

/// The CJK font stack written into every `<text>`; the viewer picks the first it has.
pub const FONT_FAMILY: &str =
    "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif";

/// Bar fills, darkest first (lightness ≈ 24, 54, 78, 100).
pub const BAR_FILLS: [RGBColor; 4] = [
    RGBColor(0x1F, 0x3A, 0x5F),
    RGBColor(0xC8, 0x64, 0x1E),
    RGBColor(0xA9, 0xC4, 0xDE),
    RGBColor(0xFF, 0xFF, 0xFF),
];

/// Line colours; the third is darker than its bar fill so a thin line stays visible.
pub const LINE_COLOURS: [RGBColor; 4] = [
    RGBColor(0x1F, 0x3A, 0x5F),
    RGBColor(0xC8, 0x64, 0x1E),
    RGBColor(0x5B, 0x84, 0xB1),
    RGBColor(0x40, 0x40, 0x40),
];

/// Dash and gap lengths per line series; `None` = solid.
pub const LINE_DASHES: [Option<(u32, u32)>; 4] = [None, Some((10, 4)), Some((5, 4)), Some((2, 3))];

/// Outline of bars and hollow markers, axis lines and main text.
pub const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
/// Secondary text: tick labels, 无数据, notes.
pub const MUTED: RGBColor = RGBColor(0x59, 0x59, 0x59);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
/// The dashed target line.
pub const TARGET: RGBColor = RGBColor(0x80, 0x80, 0x80);

/// Dash and gap of the target line.
pub const TARGET_DASH: (u32, u32) = (6, 4);

/// Class of every chart's root `<svg>`; the stylesheet's rules apply only inside it.
pub const ROOT_CLASS: &str = "zc";

/// Every colour a chart draws with and the letter of its classes (`f…` fills, `s…` strokes).
const PAINTS: [(RGBColor, &str); 10] = [
    (BAR_FILLS[0], "n"),
    (BAR_FILLS[1], "o"),
    (BAR_FILLS[2], "b"),
    (BAR_FILLS[3], "w"),
    (LINE_COLOURS[2], "l"),
    (LINE_COLOURS[3], "g"),
    (INK, "k"),
    (MUTED, "m"),
    (GRID, "r"),
    (TARGET, "t"),
];

/// The class letter of a palette colour; None for a colour outside the palette.
pub fn paint_name(rgb: (u8, u8, u8)) -> Option<&'static str> {
    PAINTS
        .iter()
        .find(|(c, _)| (c.0, c.1, c.2) == rgb)
        .map(|&(_, name)| name)
}

/// The palette colour of a class letter; None for a letter outside the palette.
pub fn paint_colour(name: &str) -> Option<RGBColor> {
    PAINTS.iter().find(|(_, n)| *n == name).map(|&(c, _)| c)
}

/// Every dash pattern a chart draws with: the lines' and the target's.
pub fn dashes() -> impl Iterator<Item = (u32, u32)> {
    LINE_DASHES.iter().flatten().copied().chain([TARGET_DASH])
}

/// The class of a dash pattern (`d10-4`).
pub fn dash_class((dash, gap): (u32, u32)) -> String {
    format!("d{dash}-{gap}")
}

/// The stylesheet of all charts, scoped to [`ROOT_CLASS`]: the site's stylesheet carries
/// it once for every page, and [`super::standalone`] puts it inside an SVG for resvg.
///
/// Text is 12 px in ink, centred, unless a class says otherwise (`b` 13 px, `l` left or
/// `e` right aligned, `fm` muted), on the text or on the `<g>` around a run of texts: so
/// the defaults are set on the root and inherited, never on `text` itself, where they would
/// beat a group's class. Shapes are unfilled unless a fill class says otherwise: the fill
/// and stroke rules come after the element rules and are more specific.
pub fn css() -> String {
    let root = ROOT_CLASS;
    let mut css = format!(
        ".{root}{{background:#fff;font-family:{FONT_FAMILY};font-size:{SMALL_PX}px;fill:{};\
         text-anchor:middle}}\n\
         .{root} .b{{font-size:{LABEL_PX}px}}\n\
         .{root} .l{{text-anchor:start}}\n\
         .{root} .e{{text-anchor:end}}\n\
         .{root} rect,.{root} circle,.{root} path{{fill:none}}\n\
         .{root} .w2{{stroke-width:2}}\n",
        hex(INK)
    );
    for (dash, gap) in dashes() {
        let class = dash_class((dash, gap));
        css.push_str(&format!(
            ".{root} .{class}{{stroke-dasharray:{dash} {gap}}}\n"
        ));
    }
    for (colour, name) in PAINTS {
        css.push_str(&format!(".{root} .s{name}{{stroke:{}}}\n", hex(colour)));
    }
    for (colour, name) in PAINTS {
        css.push_str(&format!(".{root} .f{name}{{fill:{}}}\n", hex(colour)));
    }
    css
}

/// `#RRGGBB` of a palette colour.
pub fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Pixel sizes of text (plotters writes them as font-size = size / 1.24).
pub const LABEL_PX: f64 = 13.0;
pub const SMALL_PX: f64 = 12.0;

/// Bar fill of series `i`.
pub fn bar_fill(i: usize) -> RGBColor {
    BAR_FILLS[i % BAR_FILLS.len()]
}

/// Line colour of series `i`.
pub fn line_colour(i: usize) -> RGBColor {
    LINE_COLOURS[i % LINE_COLOURS.len()]
}

/// A value as written on the chart: `120`, `92.3%` — rounded exactly as the report's
/// tables round it, so a chart never disagrees with the table beside it.
pub fn format_value(value: f64, scale: Scale, decimals: usize) -> String {
    match scale {
        Scale::Count => crate::format::number(value, decimals),
        Scale::Percent => crate::format::percent(value, decimals),
    }
}

/// A value as written in the description: with the unit for counts (`120处`), `no_data`
/// (无数据) when missing.
pub fn format_with_unit(
    value: Option<f64>,
    scale: Scale,
    decimals: usize,
    unit: &str,
    no_data: &str,
) -> String {
    match (value, scale) {
        (None, _) => no_data.to_string(),
        (Some(v), Scale::Count) => format!("{}{unit}", format_value(v, scale, decimals)),
        (Some(v), Scale::Percent) => format_value(v, scale, decimals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CIE L* of an sRGB colour, to check the palette survives greyscale printing.
    fn lightness(c: RGBColor) -> f64 {
        let lin = |u: u8| {
            let v = f64::from(u) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let y = 0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2);
        if y > 0.008856 {
            116.0 * y.cbrt() - 16.0
        } else {
            903.3 * y
        }
    }

    #[test]
    fn bar_fills_differ_in_greyscale_by_at_least_20_lightness() {
        let l: Vec<f64> = BAR_FILLS.iter().map(|&c| lightness(c)).collect();
        for pair in l.windows(2) {
            assert!(pair[1] - pair[0] >= 20.0, "lightness steps {l:?}");
        }
    }

    #[test]
    fn values_are_written_the_chinese_report_way() {
        assert_eq!(format_value(120.0, Scale::Count, 0), "120");
        assert_eq!(format_value(0.9234, Scale::Percent, 1), "92.3%");
        let no_data = crate::locale::zh_cn().words.chart.no_data;
        assert_eq!(
            format_with_unit(Some(5.0), Scale::Count, 0, "次", no_data),
            "5次"
        );
        assert_eq!(
            format_with_unit(None, Scale::Percent, 1, "", no_data),
            "无数据"
        );
    }
}
