//! Which charts a report, a unit page and the front page get, as data specs. Driven by
//! the catalog's roles: an indicator with `overview` joins the 主要指标 chart, a ratio with
//! `parts_chart` is drawn as bars of its parts, and so on; labels and units are the
//! catalog's, titles the locale's patterns filled with them.

use super::build::indicator_info;
use super::model::{ChartKind, ChartNotes, ChartSpec, SeriesSpec};
use crate::analysis::Analysis;
use crate::catalog::Indicator;
use crate::compute::Figures;
use crate::locale::fill_named;
use crate::model::UnitId;
use crate::period::Period;

fn bar(id: String, title: String, categories: Vec<String>, series: Vec<SeriesSpec>) -> ChartSpec {
    ChartSpec {
        id,
        title,
        kind: ChartKind::Bar,
        categories,
        series,
        notes: None,
        unit: String::new(),
        percent: false,
        decimals: 0,
        per_category_axis: false,
        target: None,
    }
}

/// Indicators of the catalog with a role, in catalog order.
fn with_role(analysis: &Analysis, role: impl Fn(&Indicator) -> bool) -> Vec<usize> {
    let catalog = &analysis.project.catalog;
    (0..catalog.len())
        .filter(|&i| role(catalog.entry(i)))
        .collect()
}

/// A series of `ids` from `figures`, or None when none of them is reported.
fn series_of(name: String, figures: Option<&Figures>, ids: &[usize]) -> Option<SeriesSpec> {
    let f = figures?;
    let values: Vec<Option<f64>> = ids.iter().map(|&i| f[i]).collect();
    values
        .iter()
        .any(Option::is_some)
        .then_some(SeriesSpec { name, values })
}

pub fn report_charts(analysis: &Analysis, unit: UnitId, period: Period) -> Vec<ChartSpec> {
    let mut out = Vec::new();
    out.extend(overview(analysis, unit, period));
    let ratios = with_role(analysis, |e| e.roles.parts_chart && e.ratio().is_some());
    for &r in &ratios {
        out.extend(parts_over_periods(analysis, r, unit, period));
    }
    for &r in &ratios {
        out.extend(parts_by_sub_unit(analysis, r, unit, period));
    }
    for i in with_role(analysis, |e| e.roles.sub_unit_chart) {
        out.extend(sub_unit_bars(analysis, i, unit, period));
    }
    out
}

/// The periods a report is compared with, each once: a year earlier, and the period
/// before for reports shorter than a year (a 1—9月 span has none).
fn bases(period: Period) -> Vec<Period> {
    let mut b = vec![period.year_earlier()];
    b.extend(period.previous().filter(|_| !period.is_annual()));
    b
}

fn overview(analysis: &Analysis, unit: UnitId, period: Period) -> Option<ChartSpec> {
    let computed = &analysis.computed;
    let current = &computed.cell(unit, period)?.values;
    let shown: Vec<usize> = with_role(analysis, |e| e.roles.overview)
        .into_iter()
        .filter(|&i| current[i].is_some())
        .collect();
    if shown.len() < 2 {
        return None;
    }
    let locale = analysis.locale();
    let mut series = vec![series_of(
        locale.period_label(period),
        Some(current),
        &shown,
    )?];
    for b in bases(period) {
        let values = computed.cell(unit, b).map(|c| &c.values);
        series.extend(series_of(locale.period_label(b), values, &shown));
    }
    if series.len() < 2 {
        return None;
    }
    let words = &analysis.locale().words;
    let catalog = &analysis.project.catalog;
    let categories = shown
        .iter()
        .map(|&i| {
            let e = catalog.entry(i);
            fill_named(
                words.category_with_unit,
                &[("label", &e.label), ("unit", &e.unit)],
            )
        })
        .collect();
    let title = if period.is_annual() || period.previous().is_none() {
        words.chart_overview_yoy
    } else {
        words.chart_overview_yoy_mom
    };
    let mut chart = bar("chart-overview".into(), title.into(), categories, series);
    chart.per_category_axis = true;
    Some(chart)
}

/// The parts of a ratio: its denominator first (排查隐患), then its numerators (已整改).
fn parts(e: &Indicator) -> Vec<usize> {
    let r = e.ratio().expect("a ratio");
    [r.denominator]
        .into_iter()
        .chain(r.numerator.iter().copied())
        .collect()
}

/// Bars of a ratio's parts per category, with the ratio noted under each: 排查隐患 and
/// 已整改隐患, 隐患整改率 92.3%.
fn parts_chart(
    analysis: &Analysis,
    ratio: usize,
    id: String,
    categories: Vec<String>,
    figures: &[&Figures],
) -> ChartSpec {
    let catalog = &analysis.project.catalog;
    let e = catalog.entry(ratio);
    let parts = parts(e);
    let series = parts
        .iter()
        .map(|&p| SeriesSpec {
            name: catalog.entry(p).label.clone(),
            values: figures.iter().map(|f| f[p]).collect(),
        })
        .collect();
    let mut chart = bar(id, parts_title(analysis, e), categories, series);
    chart.notes = Some(ChartNotes {
        indicator: indicator_info(e),
        values: figures.iter().map(|f| f[ratio]).collect(),
    });
    chart.unit = catalog.entry(parts[0]).unit.clone();
    chart
}

/// 排查隐患与已整改隐患: the words for a ratio's parts.
fn parts_title(analysis: &Analysis, e: &Indicator) -> String {
    let catalog = &analysis.project.catalog;
    let parts = parts(e);
    let part: Vec<&str> = parts[1..]
        .iter()
        .map(|&p| catalog.entry(p).label.as_str())
        .collect();
    let words = &analysis.locale().words;
    fill_named(
        words.chart_parts,
        &[
            ("whole", &catalog.entry(parts[0]).label),
            ("part", &part.join(words.list_separator)),
        ],
    )
}

fn parts_over_periods(
    analysis: &Analysis,
    ratio: usize,
    unit: UnitId,
    period: Period,
) -> Option<ChartSpec> {
    let computed = &analysis.computed;
    let whole = parts(analysis.project.catalog.entry(ratio))[0];
    computed.value(unit, period, whole)?;
    let mut periods = bases(period);
    periods.sort();
    periods.push(period);
    let cells: Vec<(Period, &Figures)> = periods
        .iter()
        .filter_map(|&p| computed.cell(unit, p).map(|c| (p, &c.values)))
        .collect();
    let group = analysis.project.catalog.entry(ratio).group();
    Some(parts_chart(
        analysis,
        ratio,
        format!("chart-{group}"),
        cells
            .iter()
            .map(|(p, _)| analysis.locale().period_label(*p))
            .collect(),
        &cells.iter().map(|(_, f)| *f).collect::<Vec<_>>(),
    ))
}

/// Sub-units with figures for the period that report indicator `i`, by short name.
fn children_reporting(
    analysis: &Analysis,
    unit: UnitId,
    period: Period,
    i: usize,
) -> Vec<(String, &Figures)> {
    let project = &analysis.project;
    analysis
        .computed
        .sub_units(project, unit, period)
        .into_iter()
        .filter(|(_, f)| f[i].is_some())
        .map(|(c, f)| (project.units[c].short().to_string(), f))
        .collect()
}

/// A parts chart over named rows (sub-units or units), weakest ratio first.
fn parts_by_rows(
    analysis: &Analysis,
    ratio: usize,
    id: String,
    title: String,
    rows: &[(String, &Figures)],
) -> ChartSpec {
    let figures: Vec<&Figures> = rows.iter().map(|(_, f)| *f).collect();
    let names = rows.iter().map(|(n, _)| n.clone()).collect();
    let mut chart = parts_chart(analysis, ratio, id, names, &figures);
    chart.title = title;
    let key: Vec<Option<f64>> = figures.iter().map(|f| f[ratio]).collect();
    sort_by(&mut chart, &key);
    chart
}

fn parts_by_sub_unit(
    analysis: &Analysis,
    ratio: usize,
    unit: UnitId,
    period: Period,
) -> Option<ChartSpec> {
    let e = analysis.project.catalog.entry(ratio);
    let children = children_reporting(analysis, unit, period, parts(e)[0]);
    if children.len() < 2 {
        return None;
    }
    let title = fill_named(
        analysis.locale().words.chart_sub_units_sorted,
        &[("title", &parts_title(analysis, e)), ("key", &e.label)],
    );
    let id = format!("chart-subunit-{}", e.group());
    Some(parts_by_rows(analysis, ratio, id, title, &children))
}

fn sub_unit_bars(analysis: &Analysis, i: usize, unit: UnitId, period: Period) -> Option<ChartSpec> {
    let e = analysis.project.catalog.entry(i);
    let children = children_reporting(analysis, unit, period, i);
    if children.len() < 2 {
        return None;
    }
    let key: Vec<Option<f64>> = children.iter().map(|(_, f)| f[i]).collect();
    let title = fill_named(
        analysis.locale().words.chart_sub_units,
        &[("title", &e.label), ("unit", &e.unit)],
    );
    let mut chart = bar(
        format!("chart-subunit-{}", e.group()),
        title,
        children.iter().map(|(n, _)| n.clone()).collect(),
        vec![SeriesSpec {
            name: e.label.clone(),
            values: key.clone(),
        }],
    );
    chart.unit = e.unit.clone();
    chart.decimals = e.decimals;
    sort_by(&mut chart, &key);
    Some(chart)
}

/// Reorders a chart's categories by `key` ascending, missing last: the weakest first,
/// where the eye starts.
fn sort_by(chart: &mut ChartSpec, key: &[Option<f64>]) {
    let key_of = |i: usize| key.get(i).copied().flatten().filter(|k| k.is_finite());
    let mut order: Vec<usize> = (0..chart.categories.len()).collect();
    order.sort_by(|&a, &b| match (key_of(a), key_of(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let permute = |v: &[Option<f64>]| -> Vec<Option<f64>> {
        order.iter().map(|&i| v.get(i).copied().flatten()).collect()
    };
    chart.categories = order.iter().map(|&i| chart.categories[i].clone()).collect();
    for s in &mut chart.series {
        s.values = permute(&s.values);
    }
    if let Some(n) = &mut chart.notes {
        n.values = permute(&n.values);
    }
}

/// The unit page: percentages over the periods as lines (with the first one's target),
/// and a bar chart per `trend` indicator, over one kind of period (the unit's quarters,
/// say, not the halves derived from them): unlike spans would not compare like with like.
pub fn unit_charts(analysis: &Analysis, unit: UnitId) -> Vec<ChartSpec> {
    let computed = &analysis.computed;
    let periods: Vec<Period> = crate::period::series(&computed.unit_periods(unit));
    if periods.len() < 2 {
        return Vec::new();
    }
    let cells: Vec<&Figures> = periods
        .iter()
        .filter_map(|&p| computed.cell(unit, p).map(|c| &c.values))
        .collect();
    let locale = analysis.locale();
    let categories: Vec<String> = periods.iter().map(|p| locale.period_label(*p)).collect();
    let mut out = Vec::new();
    out.extend(rates_trend(analysis, &categories, &cells));
    let catalog = &analysis.project.catalog;
    for i in with_role(analysis, |e| e.roles.trend) {
        let e = catalog.entry(i);
        let values: Vec<Option<f64>> = cells.iter().map(|f| f[i]).collect();
        if values.iter().all(Option::is_none) {
            continue;
        }
        let series = SeriesSpec {
            name: e.label.clone(),
            values,
        };
        let title = fill_named(
            analysis.locale().words.chart_trend,
            &[("title", &e.label), ("unit", &e.unit)],
        );
        let mut chart = bar(
            format!("chart-{}", e.group()),
            title,
            categories.clone(),
            vec![series],
        );
        chart.unit = e.unit.clone();
        chart.decimals = e.decimals;
        out.push(chart);
    }
    out
}

fn rates_trend(
    analysis: &Analysis,
    categories: &[String],
    cells: &[&Figures],
) -> Option<ChartSpec> {
    let catalog = &analysis.project.catalog;
    let rates = with_role(analysis, |e| e.roles.rate_trend);
    let series: Vec<SeriesSpec> = rates
        .iter()
        .filter_map(|&i| {
            let values: Vec<Option<f64>> = cells.iter().map(|f| f[i]).collect();
            values.iter().any(Option::is_some).then(|| SeriesSpec {
                name: catalog.entry(i).label.clone(),
                values,
            })
        })
        .collect();
    if series.is_empty() {
        return None;
    }
    let words = &analysis.locale().words;
    let labels: Vec<&str> = series.iter().map(|s| s.name.as_str()).collect();
    let target = rates.first().and_then(|&r| {
        analysis
            .targets
            .iter()
            .find(|t| t.indicator == r)
            .and_then(|t| t.min)
    });
    Some(ChartSpec {
        kind: ChartKind::Line,
        percent: true,
        decimals: analysis.project.config.percent_decimals,
        target,
        ..bar(
            "chart-rates".into(),
            fill_named(
                words.chart_rates_trend,
                &[("labels", &labels.join(words.list_separator))],
            ),
            categories.to_vec(),
            series,
        )
    })
}

/// The front page: the top-level units (or, with a single top unit, its sub-units)
/// compared on the latest period shorter than a year, for each `parts_chart` ratio.
pub fn index_charts(analysis: &Analysis) -> Vec<ChartSpec> {
    let project = &analysis.project;
    let top = project.top_units();
    let compared: Vec<UnitId> = match top.as_slice() {
        [only] => project.units[*only].children.clone(),
        many => many.to_vec(),
    };
    let all: std::collections::BTreeSet<Period> = compared
        .iter()
        .flat_map(|&u| analysis.computed.unit_periods(u))
        .collect();
    let Some(latest) = crate::period::latest(&all.into_iter().collect::<Vec<_>>()) else {
        return Vec::new();
    };
    let ratios = with_role(analysis, |e| e.roles.parts_chart && e.ratio().is_some());
    let mut out = Vec::new();
    for (n, &ratio) in ratios.iter().enumerate() {
        let e = project.catalog.entry(ratio);
        let whole = parts(e)[0];
        let rows: Vec<(String, &Figures)> = compared
            .iter()
            .filter_map(|&u| {
                let cell = analysis.computed.cell(u, latest)?;
                let name = project.units[u].short().to_string();
                cell.values[whole].map(|_| (name, &cell.values))
            })
            .collect();
        if rows.len() < 2 {
            continue;
        }
        let title = fill_named(
            analysis.locale().words.chart_units_sorted,
            &[
                ("period", &analysis.locale().period_label(latest)),
                ("title", &parts_title(analysis, e)),
                ("key", &e.label),
            ],
        );
        let id = match n {
            0 => "chart-units".to_string(),
            _ => format!("chart-units-{}", e.group()),
        };
        out.push(parts_by_rows(analysis, ratio, id, title, &rows));
    }
    out
}
