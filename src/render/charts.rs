//! Chart specs from the report model drawn as SVG, each with the same numbers as a table
//! beside it, so it is accessible and legible in print.

use serde::Serialize;

use crate::chart::{self, BarAxis, BarChart, LineChart, Scale, Series, Target};
use crate::locale::{fill_named, Locale};
use crate::report::{ChartKind, ChartSpec};

/// A chart as a page shows it: the SVG inline, and its numbers as a table.
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub svg: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn cell_text(v: Option<f64>, scale: Scale, decimals: usize, locale: &Locale) -> String {
    v.map_or_else(
        || locale.words.chart.no_data.into(),
        |v| chart::style::format_value(v, scale, decimals),
    )
}

fn scale(spec: &ChartSpec) -> Scale {
    if spec.percent {
        Scale::Percent
    } else {
        Scale::Count
    }
}

/// The ratio under each category, as a figure alone (the table heads its column with
/// the ratio's label).
fn note_figures(spec: &ChartSpec, percent_decimals: usize) -> Vec<String> {
    let Some(notes) = &spec.notes else {
        return Vec::new();
    };
    notes
        .values
        .iter()
        .map(|&v| super::pages::value_text(&notes.indicator, v, percent_decimals))
        .collect()
}

fn table(spec: &ChartSpec, notes: &[String], locale: &Locale) -> (Vec<String>, Vec<Vec<String>>) {
    let mut head = vec![String::new()];
    head.extend(spec.series.iter().map(|s| s.name.clone()));
    if let Some(n) = &spec.notes {
        head.push(n.indicator.label.clone());
    }
    let rows = spec
        .categories
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let mut row = vec![name.clone()];
            row.extend(spec.series.iter().map(|s| {
                let v = s.values.get(c).copied().flatten();
                cell_text(v, scale(spec), spec.decimals, locale)
            }));
            row.extend(notes.get(c).cloned());
            row
        })
        .collect();
    (head, rows)
}

fn series(spec: &ChartSpec) -> Vec<Series> {
    spec.series
        .iter()
        .map(|s| Series {
            name: s.name.clone(),
            values: s.values.clone(),
        })
        .collect()
}

/// Draws a spec: the SVG and the table of its numbers.
pub fn view(spec: &ChartSpec, percent_decimals: usize, locale: &'static Locale) -> ChartView {
    let notes = note_figures(spec, percent_decimals);
    let (head, rows) = table(spec, &notes, locale);
    let svg = match spec.kind {
        ChartKind::Bar => chart::bar_svg(&BarChart {
            id: spec.id.clone(),
            title: spec.title.clone(),
            categories: spec.categories.clone(),
            notes: match &spec.notes {
                Some(n) => notes
                    .iter()
                    .map(|v| {
                        fill_named(
                            locale.words.chart_note,
                            &[("label", &n.indicator.label), ("value", v)],
                        )
                    })
                    .collect(),
                None => Vec::new(),
            },
            series: series(spec),
            scale: scale(spec),
            unit: spec.unit.clone(),
            decimals: spec.decimals,
            axis: if spec.per_category_axis {
                BarAxis::PerCategory
            } else {
                BarAxis::Shared
            },
            words: &locale.words.chart,
        }),
        ChartKind::Line => chart::line_svg(&LineChart {
            id: spec.id.clone(),
            title: spec.title.clone(),
            categories: spec.categories.clone(),
            series: series(spec),
            scale: scale(spec),
            unit: spec.unit.clone(),
            decimals: spec.decimals,
            target: spec.target.map(|value| Target {
                label: locale.words.target_line.into(),
                value,
            }),
            words: &locale.words.chart,
        }),
    };
    ChartView {
        id: spec.id.clone(),
        title: spec.title.clone(),
        svg,
        head,
        rows,
    }
}

/// Every spec of a page drawn.
pub fn views(
    specs: &[ChartSpec],
    percent_decimals: usize,
    locale: &'static Locale,
) -> Vec<ChartView> {
    specs
        .iter()
        .map(|s| view(s, percent_decimals, locale))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::SeriesSpec;

    #[test]
    fn the_numbers_are_in_the_table_once_and_the_description_points_there() {
        let name = "城关县第一中学附属实验小学（东校区）后勤保障中心";
        let spec = ChartSpec {
            id: "chart-drills".into(),
            title: "应急演练".into(),
            kind: ChartKind::Bar,
            categories: vec!["2023年".into(), name.into()],
            series: vec![SeriesSpec {
                name: "应急演练".into(),
                values: vec![Some(1234.0), None],
            }],
            notes: None,
            unit: "次".into(),
            percent: false,
            decimals: 0,
            per_category_axis: false,
            target: None,
        };
        let view = view(&spec, 1, crate::locale::get("zh-CN"));
        assert_eq!(view.head, ["", "应急演练"]);
        assert_eq!(view.rows, [["2023年", "1234"], [name, "无数据"]]);
        let desc = &view.svg[view.svg.find("<desc").unwrap()..view.svg.find("</desc>").unwrap()];
        assert!(desc.ends_with("各数值见图下数据表。"), "{desc}");
        assert!(!desc.contains("1234"), "{desc}");
    }
}
