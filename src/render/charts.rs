//! Which charts each page gets, built from the computed figures. Each chart comes with
//! the same numbers as a table, so it is accessible and legible in print.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::chart::{self, BarAxis, BarChart, LineChart, Scale, Series, Target};
use crate::compute::Figures;
use crate::format;
use crate::model::UnitId;
use crate::period::Period;

/// A chart as a page shows it: the SVG inline, and its numbers as a table.
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub svg: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Main count indicators compared with the same period a year earlier (and the period
/// before, for a half-year): the chart these summaries are presented with.
const OVERVIEW: &[&str] = &[
    "inspections.units",
    "hazards.found",
    "hazards.rectified",
    "drills.count",
    "training.sessions",
    "publicity.events",
    "enforcement.cases",
];

fn cell_text(v: Option<f64>, scale: Scale, decimals: usize) -> String {
    v.map_or_else(
        || "无数据".into(),
        |v| chart::style::format_value(v, scale, decimals),
    )
}

fn table(
    categories: &[String],
    series: &[Series],
    notes: &[String],
    note_head: &str,
    scale: Scale,
    decimals: usize,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut head = vec![String::new()];
    head.extend(series.iter().map(|s| s.name.clone()));
    if !notes.is_empty() {
        head.push(note_head.to_string());
    }
    let rows = categories
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let mut row = vec![name.clone()];
            row.extend(
                series
                    .iter()
                    .map(|s| cell_text(s.values.get(c).copied().flatten(), scale, decimals)),
            );
            if let Some(n) = notes.get(c) {
                // The column is headed by `note_head` ("整改率"): the cell keeps the figure only.
                let figure = n.strip_prefix(note_head).unwrap_or(n).trim_start();
                row.push(figure.to_string());
            }
            row
        })
        .collect();
    (head, rows)
}

fn bar_view(c: BarChart, note_head: &str) -> ChartView {
    let (head, rows) = table(
        &c.categories,
        &c.series,
        &c.notes,
        note_head,
        c.scale,
        c.decimals,
    );
    ChartView {
        svg: chart::bar_svg(&c),
        id: c.id,
        title: c.title,
        head,
        rows,
    }
}

fn line_view(c: LineChart) -> ChartView {
    let (head, rows) = table(&c.categories, &c.series, &[], "", c.scale, c.decimals);
    ChartView {
        svg: chart::line_svg(&c),
        id: c.id,
        title: c.title,
        head,
        rows,
    }
}

/// A series of `ids` from `figures`, or None when none of them is reported.
fn series_of(name: String, figures: Option<&Figures>, ids: &[usize]) -> Option<Series> {
    let f = figures?;
    let values: Vec<Option<f64>> = ids.iter().map(|&i| f[i]).collect();
    values
        .iter()
        .any(Option::is_some)
        .then_some(Series { name, values })
}

fn ids(analysis: &Analysis, list: &[&str]) -> Vec<usize> {
    list.iter()
        .filter_map(|id| analysis.project.catalog.get(id))
        .collect()
}

fn id(analysis: &Analysis, id: &str) -> usize {
    analysis
        .project
        .catalog
        .get(id)
        .expect("a built-in indicator")
}

pub fn report_charts(analysis: &Analysis, unit: UnitId, period: Period) -> Vec<ChartView> {
    let mut out = Vec::new();
    out.extend(overview(analysis, unit, period));
    out.extend(rectification(analysis, unit, period));
    out.extend(subunit_hazards(analysis, unit, period));
    out.extend(subunit_drills(analysis, unit, period));
    out
}

fn overview(analysis: &Analysis, unit: UnitId, period: Period) -> Option<ChartView> {
    let computed = &analysis.computed;
    let current = &computed.cell(unit, period)?.values;
    let shown: Vec<usize> = ids(analysis, OVERVIEW)
        .into_iter()
        .filter(|&i| current[i].is_some())
        .collect();
    if shown.len() < 2 {
        return None;
    }
    let mut bases = vec![period.year_earlier()];
    bases.extend(period.previous().filter(|_| !period.is_annual()));
    let mut series = vec![series_of(period.label(), Some(current), &shown)?];
    for b in bases {
        series.extend(series_of(
            b.label(),
            computed.cell(unit, b).map(|c| &c.values),
            &shown,
        ));
    }
    if series.len() < 2 {
        return None;
    }
    let catalog = &analysis.project.catalog;
    Some(bar_view(
        BarChart {
            id: "chart-overview".into(),
            title: if period.is_annual() || period.previous().is_none() {
                "主要指标同比".into()
            } else {
                "主要指标同比、环比".into()
            },
            categories: shown
                .iter()
                .map(|&i| format!("{}（{}）", catalog.entry(i).label, catalog.entry(i).unit))
                .collect(),
            series,
            axis: BarAxis::PerCategory,
            ..BarChart::default()
        },
        "",
    ))
}

fn rate_note(analysis: &Analysis, f: &Figures) -> String {
    let rate = f[id(analysis, "hazards.rectification_rate")];
    match rate {
        Some(r) => format!(
            "整改率 {}",
            format::percent(r, analysis.project.config.percent_decimals)
        ),
        None => "整改率 —".into(),
    }
}

fn hazards_chart(
    analysis: &Analysis,
    chart_id: &str,
    title: String,
    categories: Vec<String>,
    figures: Vec<&Figures>,
) -> BarChart {
    let (found, fixed) = (
        id(analysis, "hazards.found"),
        id(analysis, "hazards.rectified"),
    );
    BarChart {
        id: chart_id.into(),
        title,
        notes: figures.iter().map(|f| rate_note(analysis, f)).collect(),
        series: vec![
            Series {
                name: "排查隐患".into(),
                values: figures.iter().map(|f| f[found]).collect(),
            },
            Series {
                name: "已整改".into(),
                values: figures.iter().map(|f| f[fixed]).collect(),
            },
        ],
        categories,
        unit: "处".into(),
        ..BarChart::default()
    }
}

fn rectification(analysis: &Analysis, unit: UnitId, period: Period) -> Option<ChartView> {
    let computed = &analysis.computed;
    computed.value(unit, period, id(analysis, "hazards.found"))?;
    let mut periods = vec![period.year_earlier()];
    periods.extend(period.previous().filter(|_| !period.is_annual()));
    periods.sort();
    periods.push(period);
    let cells: Vec<(Period, &Figures)> = periods
        .iter()
        .filter_map(|&p| computed.cell(unit, p).map(|c| (p, &c.values)))
        .collect();
    let chart = hazards_chart(
        analysis,
        "chart-hazards",
        "隐患排查整改".into(),
        cells.iter().map(|(p, _)| p.label()).collect(),
        cells.iter().map(|(_, f)| *f).collect(),
    );
    Some(bar_view(chart, "整改率"))
}

fn children_cells(analysis: &Analysis, unit: UnitId, period: Period) -> Vec<(String, &Figures)> {
    let project = &analysis.project;
    analysis
        .computed
        .sub_units(project, unit, period)
        .into_iter()
        .map(|(c, f)| (project.units[c].short().to_string(), f))
        .collect()
}

fn subunit_hazards(analysis: &Analysis, unit: UnitId, period: Period) -> Option<ChartView> {
    let found = id(analysis, "hazards.found");
    let children: Vec<(String, &Figures)> = children_cells(analysis, unit, period)
        .into_iter()
        .filter(|(_, f)| f[found].is_some())
        .collect();
    if children.len() < 2 {
        return None;
    }
    let rate = id(analysis, "hazards.rectification_rate");
    let key: Vec<Option<f64>> = children.iter().map(|(_, f)| f[rate]).collect();
    let mut chart = hazards_chart(
        analysis,
        "chart-subunit-hazards",
        "下辖单位隐患排查整改（按整改率由低到高）".into(),
        children.iter().map(|(n, _)| n.clone()).collect(),
        children.iter().map(|(_, f)| *f).collect(),
    );
    chart.sort_categories_by(&key);
    Some(bar_view(chart, "整改率"))
}

fn subunit_drills(analysis: &Analysis, unit: UnitId, period: Period) -> Option<ChartView> {
    let drills = id(analysis, "drills.count");
    let children: Vec<(String, &Figures)> = children_cells(analysis, unit, period)
        .into_iter()
        .filter(|(_, f)| f[drills].is_some())
        .collect();
    if children.len() < 2 {
        return None;
    }
    let key: Vec<Option<f64>> = children.iter().map(|(_, f)| f[drills]).collect();
    let mut chart = BarChart {
        id: "chart-subunit-drills".into(),
        title: "下辖单位应急演练次数".into(),
        categories: children.iter().map(|(n, _)| n.clone()).collect(),
        series: vec![Series {
            name: "应急演练".into(),
            values: key.clone(),
        }],
        unit: "次".into(),
        ..BarChart::default()
    };
    chart.sort_categories_by(&key);
    Some(bar_view(chart, ""))
}

pub fn unit_charts(analysis: &Analysis, unit: UnitId) -> Vec<ChartView> {
    let computed = &analysis.computed;
    let runs: Vec<Period> = crate::period::series(&computed.unit_periods(unit));
    if runs.len() < 2 {
        return Vec::new();
    }
    let cells: Vec<&Figures> = runs
        .iter()
        .filter_map(|&p| computed.cell(unit, p).map(|c| &c.values))
        .collect();
    let categories: Vec<String> = runs.iter().map(|p| p.label()).collect();
    let catalog = &analysis.project.catalog;
    let pd = analysis.project.config.percent_decimals;
    let mut out = Vec::new();
    let ratios: Vec<Series> = ["hazards.rectification_rate", "training.coverage"]
        .iter()
        .filter_map(|rid| {
            let i = id(analysis, rid);
            let values: Vec<Option<f64>> = cells.iter().map(|f| f[i]).collect();
            values.iter().any(Option::is_some).then(|| Series {
                name: catalog.entry(i).label.clone(),
                values,
            })
        })
        .collect();
    if !ratios.is_empty() {
        let rate = id(analysis, "hazards.rectification_rate");
        let target = analysis
            .targets
            .iter()
            .find(|t| t.indicator == rate)
            .and_then(|t| t.min);
        out.push(line_view(LineChart {
            id: "chart-rates".into(),
            title: "整改率、培训覆盖率趋势".into(),
            categories: categories.clone(),
            series: ratios,
            scale: Scale::Percent,
            decimals: pd,
            target: target.map(|value| Target {
                label: "目标".into(),
                value,
            }),
            ..LineChart::default()
        }));
    }
    for (chart_id, iid, title, unit_word) in [
        ("chart-drills", "drills.count", "各期应急演练次数", "次"),
        (
            "chart-inspections",
            "inspections.units",
            "各期检查生产经营单位家次",
            "家次",
        ),
    ] {
        let i = id(analysis, iid);
        let values: Vec<Option<f64>> = cells.iter().map(|f| f[i]).collect();
        if values.iter().any(Option::is_some) {
            out.push(bar_view(
                BarChart {
                    id: chart_id.into(),
                    title: title.into(),
                    categories: categories.clone(),
                    series: vec![Series {
                        name: catalog.entry(i).label.clone(),
                        values,
                    }],
                    unit: unit_word.into(),
                    ..BarChart::default()
                },
                "",
            ));
        }
    }
    out
}

/// The top-level units (or, with a single top unit, its sub-units) compared on the
/// latest half-year period.
pub fn index_charts(analysis: &Analysis) -> Vec<ChartView> {
    let project = &analysis.project;
    let top = project.top_units();
    let compared: Vec<UnitId> = match top.as_slice() {
        [only] => project.units[*only].children.clone(),
        many => many.to_vec(),
    };
    let Some(latest) = compared
        .iter()
        .flat_map(|&u| analysis.computed.unit_periods(u))
        .filter(|p| !p.is_annual())
        .max()
    else {
        return Vec::new();
    };
    let found = id(analysis, "hazards.found");
    let rows: Vec<(String, &Figures)> = compared
        .iter()
        .filter_map(|&u| {
            analysis
                .computed
                .cell(u, latest)
                .map(|c| (project.units[u].short().to_string(), &c.values))
        })
        .filter(|(_, f)| f[found].is_some())
        .collect();
    if rows.len() < 2 {
        return Vec::new();
    }
    let rate = id(analysis, "hazards.rectification_rate");
    let key: Vec<Option<f64>> = rows.iter().map(|(_, f)| f[rate]).collect();
    let mut chart = hazards_chart(
        analysis,
        "chart-units",
        format!("{}各单位隐患排查整改（按整改率由低到高）", latest.label()),
        rows.iter().map(|(n, _)| n.clone()).collect(),
        rows.iter().map(|(_, f)| *f).collect(),
    );
    chart.sort_categories_by(&key);
    vec![bar_view(chart, "整改率")]
}
