//! The three kinds of page — index, unit, report — each built as a context of plain
//! serialisable structs and rendered through its template.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use super::charts::{self, ChartView};
use super::links::{index_href, index_path, root_prefix};
use super::templates::Templates;
use super::OutputFile;
use crate::analysis::Analysis;
use crate::catalog::Indicator;
use crate::compute::compare::compare;
use crate::compute::targets::Status;
use crate::compute::{Basis, Figures};
use crate::config::Per;
use crate::diag::Diagnostics;
use crate::format;
use crate::model::{PeriodFile, Section, UnitId};
use crate::period::{Period, PeriodKind};
use crate::report::prose as body;

/// Indicators shown in sub-unit tables and headline cards, when reported.
pub const HEADLINE: &[&str] = &[
    "inspections.units",
    "hazards.found",
    "hazards.rectified",
    "hazards.rectification_rate",
    "drills.count",
    "training.coverage",
    "accidents.count",
    "accidents.deaths",
];

#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    organisation: &'a str,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// How a figure prints: — when not reported, % for percentages, else the number.
pub fn value_text(e: &Indicator, v: Option<f64>, percent_decimals: usize) -> String {
    match v {
        None => format::MISSING.to_string(),
        Some(v) if e.is_percentage() => format::percent(v, percent_decimals),
        Some(v) => format::number(v, e.decimals),
    }
}

fn base_context(analysis: &Analysis, depth: usize, title: &str, crumbs: Vec<Link>) -> Context {
    let config = &analysis.project.config;
    let mut ctx = Context::new();
    ctx.insert(
        "site",
        &Site {
            title: &config.title,
            organisation: &config.organisation,
        },
    );
    ctx.insert("root", &root_prefix(depth));
    ctx.insert("page_title", title);
    ctx.insert("breadcrumbs", &crumbs);
    ctx
}

fn render(
    templates: &Templates,
    name: &str,
    ctx: &Context,
    path: String,
    diags: &mut Diagnostics,
) -> Option<OutputFile> {
    match templates.tera.render(name, ctx) {
        Ok(html) => Some(OutputFile {
            path,
            bytes: html.into_bytes(),
        }),
        Err(e) => {
            diags
                .error(
                    &Path::new("templates").join(name),
                    None,
                    format!("生成页面 {path} 时模板出错：{e}"),
                )
                .help("检查项目 templates/ 中的模板；删除它可改用内置模板。");
            None
        }
    }
}

/// Breadcrumbs from the site root down to (and including) `unit`, linked relative to `root`.
fn unit_crumbs(analysis: &Analysis, unit: UnitId, root: &str) -> Vec<Link> {
    let p = &analysis.project;
    let mut crumbs = vec![Link {
        label: "首页".into(),
        href: format!("{root}index.html"),
    }];
    for id in p.ancestors(unit).into_iter().chain([unit]) {
        crumbs.push(Link {
            label: p.units[id].short().to_string(),
            href: format!("{root}{}", index_href(&p.site_path(id))),
        });
    }
    crumbs
}

fn unit_href(analysis: &Analysis, unit: UnitId, root: &str) -> String {
    format!("{root}{}", index_href(&analysis.project.site_path(unit)))
}

fn report_href(analysis: &Analysis, unit: UnitId, period: Period, root: &str) -> String {
    let mut segs = analysis.project.site_path(unit);
    let id = period.to_string();
    segs.push(&id);
    format!("{root}{}", index_href(&segs))
}

// ---------------------------------------------------------------- report page

#[derive(Serialize)]
struct ReportView {
    title: String,
    /// The title as HTML, with line-break opportunities (`<wbr>`) where a long title may wrap.
    title_html: String,
    unit: String,
    period: String,
    period_label: String,
    annual: bool,
    basis_note: Option<String>,
    lead: Option<String>,
    work: Vec<SectionView>,
    problems: Vec<SectionView>,
    plans: Vec<SectionView>,
    plans_heading: String,
    author: Option<String>,
    date: Option<String>,
    cards: Vec<Card>,
    figures: Vec<FigureRow>,
    has_previous: bool,
    targets: Vec<TargetRow>,
    subunits: Option<SubTable>,
    charts: Vec<ChartView>,
    periods: Vec<PeriodLink>,
    /// The same periods grouped by year, for the period navigation.
    period_years: Vec<YearLinks>,
}

#[derive(Serialize)]
struct SectionView {
    title: String,
    html: String,
}

#[derive(Serialize)]
struct Card {
    label: String,
    value: String,
    unit: String,
    change: Option<String>,
    direction: &'static str,
}

#[derive(Serialize)]
struct FigureRow {
    id: String,
    label: String,
    unit: String,
    value: String,
    missing: bool,
    yoy: String,
    yoy_direction: &'static str,
    mom: String,
    mom_direction: &'static str,
}

#[derive(Serialize)]
struct TargetRow {
    label: String,
    requirement: String,
    value: String,
    status: &'static str,
    status_label: &'static str,
    symbol: &'static str,
    note: Option<String>,
    basis: String,
}

#[derive(Serialize)]
struct SubTable {
    columns: Vec<Column>,
    rows: Vec<SubRow>,
    total: Vec<String>,
}

#[derive(Serialize)]
struct Column {
    label: String,
    unit: String,
}

#[derive(Serialize)]
struct SubRow {
    name: String,
    href: String,
    cells: Vec<String>,
}

#[derive(Serialize)]
struct PeriodLink {
    label: String,
    href: String,
    current: bool,
}

/// A year's reports, for navigation grouped by year: 2024年 上半年 · 下半年 · 年度.
#[derive(Serialize)]
struct YearLinks {
    /// "2024年".
    year: String,
    links: Vec<ShortLink>,
}

#[derive(Serialize)]
struct ShortLink {
    /// The span without the year: 上半年, 下半年, 年度.
    label: String,
    /// The full label, 2024年上半年, for the link's accessible name.
    title: String,
    href: String,
    current: bool,
}

/// `periods` (oldest first) grouped by year, linked to `unit`'s reports.
fn year_links(
    analysis: &Analysis,
    unit: UnitId,
    periods: &[Period],
    current: Option<Period>,
    root: &str,
) -> Vec<YearLinks> {
    let mut out: Vec<(i32, YearLinks)> = Vec::new();
    for &p in periods {
        let link = ShortLink {
            label: p.short_label(),
            title: p.label(),
            href: report_href(analysis, unit, p, root),
            current: current == Some(p),
        };
        match out.last_mut() {
            Some((year, group)) if *year == p.year_number() => group.links.push(link),
            _ => out.push((
                p.year_number(),
                YearLinks {
                    year: format!("{}年", p.year_number()),
                    links: vec![link],
                },
            )),
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

pub fn report(
    analysis: &Analysis,
    templates: &Templates,
    unit_id: UnitId,
    period: Period,
    diags: &mut Diagnostics,
) -> Option<OutputFile> {
    let project = &analysis.project;
    let unit = &project.units[unit_id];
    let cell = analysis.computed.cell(unit_id, period)?;
    let pd = project.config.percent_decimals;
    let year_earlier = analysis
        .computed
        .cell(unit_id, period.year_earlier())
        .map(|c| &c.values);
    let previous = period
        .previous()
        .filter(|_| !period.is_annual())
        .and_then(|prev| analysis.computed.cell(unit_id, prev))
        .map(|c| &c.values);
    let file = unit.files.get(&period);
    let depth = project.site_path(unit_id).len() + 1;
    let root = root_prefix(depth);

    // Only a unit's own file has prose; a rolled-up report needs no body context.
    let (lead, work, problems, plans) = match file {
        Some(f) => {
            let ctx = body::context(
                &project.catalog,
                unit,
                period,
                &cell.values,
                year_earlier,
                previous,
                pd,
            );
            render_bodies(templates, f, &ctx, diags)
        }
        None => (None, vec![], vec![], vec![]),
    };
    let title = file
        .and_then(|f| f.title.clone())
        .unwrap_or_else(|| format!("{}{}安全生产工作总结", unit.name, period.label()));
    let author = file.and_then(|f| f.author.clone().or_else(|| unit.signer.clone()));
    let view = ReportView {
        title_html: title_html(&title),
        title: title.clone(),
        unit: unit.name.clone(),
        period: period.to_string(),
        period_label: period.label(),
        annual: period.is_annual(),
        basis_note: basis_note(cell.basis, period, unit.children.len()),
        lead,
        work,
        problems,
        plans,
        plans_heading: crate::locale::zh_cn().plans_heading(period),
        author,
        date: file.and_then(|f| f.date).map(format::chinese_date),
        cards: cards(analysis, &cell.values, year_earlier),
        figures: figure_rows(analysis, &cell.values, year_earlier, previous),
        has_previous: !period.is_annual() && period.previous().is_some(),
        targets: target_rows(analysis, unit_id, period),
        subunits: sub_table(analysis, unit_id, period, &root),
        charts: charts::report_charts(analysis, unit_id, period),
        periods: analysis
            .computed
            .unit_periods(unit_id)
            .into_iter()
            .map(|p| PeriodLink {
                label: p.label(),
                href: report_href(analysis, unit_id, p, &root),
                current: p == period,
            })
            .collect(),
        period_years: year_links(
            analysis,
            unit_id,
            &analysis.computed.unit_periods(unit_id),
            Some(period),
            &root,
        ),
    };
    let mut crumbs = unit_crumbs(analysis, unit_id, &root);
    crumbs.push(Link {
        label: period.label(),
        href: "index.html".into(),
    });
    let mut ctx = base_context(analysis, depth, &title, crumbs);
    ctx.insert("report", &view);
    let mut segs = project.site_path(unit_id);
    let id = period.to_string();
    segs.push(&id);
    render(templates, "report.html", &ctx, index_path(&segs), diags)
}

/// `title` escaped for HTML, with `<wbr>` before 安全生产 (not at the start), so that a title
/// that must wrap wraps as 城关县2024年上半年 / 安全生产工作总结 rather than inside a word:
/// the stylesheet breaks titles only at such opportunities.
fn title_html(title: &str) -> String {
    let mut out = String::with_capacity(title.len() + 8);
    for (i, c) in title.char_indices() {
        if i > 0 && title[i..].starts_with("安全生产") {
            out.push_str("<wbr>");
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

type Bodies = (
    Option<String>,
    Vec<SectionView>,
    Vec<SectionView>,
    Vec<SectionView>,
);

/// A file's lead and its work, problems and plans sections, with `{{ }}` filled from `ctx`.
fn render_bodies(
    templates: &Templates,
    f: &PeriodFile,
    ctx: &Context,
    diags: &mut Diagnostics,
) -> Bodies {
    let tera = &templates.tera;
    let mut sections = |list: &[Section]| -> Vec<SectionView> {
        list.iter()
            .map(|s| SectionView {
                title: s.title.clone(),
                html: s
                    .body
                    .as_ref()
                    .and_then(|b| body::render(tera, b, ctx, &f.path, &s.title, diags))
                    .map(|p| p.html)
                    .unwrap_or_default(),
            })
            .collect()
    };
    let work = sections(&f.work);
    let problems = sections(&f.problems);
    let plans = sections(&f.plans);
    let lead = f
        .lead
        .as_ref()
        .and_then(|l| body::render(tera, l, ctx, &f.path, "导语（lead）", diags))
        .map(|p| p.html);
    (lead, work, problems, plans)
}

fn basis_note(basis: Basis, period: Period, children: usize) -> Option<String> {
    match basis {
        Basis::Own => None,
        Basis::Parts => Some(crate::locale::zh_cn().basis_parts(period)),
        Basis::SubUnits => Some(format!(
            "本单位本期没有单独的总结文件，以下数字由下辖{children}个单位的数据汇总得出。"
        )),
    }
}

fn phrase(c: &crate::compute::compare::Comparison, e: &Indicator, pd: usize) -> String {
    crate::locale::zh_cn().change(c, &e.unit, pd, e.decimals)
}

fn cards(analysis: &Analysis, values: &Figures, year_earlier: Option<&Figures>) -> Vec<Card> {
    let catalog = &analysis.project.catalog;
    let pd = analysis.project.config.percent_decimals;
    [
        "hazards.found",
        "hazards.rectification_rate",
        "drills.count",
        "training.coverage",
        "accidents.count",
        "accidents.deaths",
    ]
    .iter()
    .filter_map(|id| catalog.get(id))
    .filter(|&i| values[i].is_some())
    .map(|i| {
        let e = catalog.entry(i);
        let c = compare(e, values[i], year_earlier.and_then(|y| y[i]), pd);
        Card {
            label: e.label.clone(),
            value: value_text(e, values[i], pd),
            unit: if e.is_percentage() {
                String::new()
            } else {
                e.unit.clone()
            },
            direction: c.as_ref().map_or("flat", |c| c.direction.as_str()),
            change: c.map(|c| format!("同比{}", phrase(&c, e, pd))),
        }
    })
    .collect()
}

fn figure_rows(
    analysis: &Analysis,
    values: &Figures,
    year_earlier: Option<&Figures>,
    previous: Option<&Figures>,
) -> Vec<FigureRow> {
    let catalog = &analysis.project.catalog;
    let pd = analysis.project.config.percent_decimals;
    let base = |f: Option<&Figures>, i: usize| f.and_then(|f| f[i]);
    catalog
        .entries()
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            values[*i].is_some() || base(year_earlier, *i).is_some() || base(previous, *i).is_some()
        })
        .map(|(i, e)| {
            let yoy = compare(e, values[i], base(year_earlier, i), pd);
            let mom = compare(e, values[i], base(previous, i), pd);
            FigureRow {
                id: e.id.clone(),
                label: e.label.clone(),
                unit: e.unit.clone(),
                value: value_text(e, values[i], pd),
                missing: values[i].is_none(),
                yoy_direction: yoy.as_ref().map_or("flat", |c| c.direction.as_str()),
                yoy: yoy.map_or_else(|| format::MISSING.into(), |c| phrase(&c, e, pd)),
                mom_direction: mom.as_ref().map_or("flat", |c| c.direction.as_str()),
                mom: mom.map_or_else(|| format::MISSING.into(), |c| phrase(&c, e, pd)),
            }
        })
        .collect()
}

fn requirement(e: &Indicator, min: Option<f64>, max: Option<f64>, per: Per, pd: usize) -> String {
    let bound = |v: f64| {
        if e.is_percentage() {
            format::percent(v, pd)
        } else {
            format!("{}{}", format::number(v, e.decimals), e.unit)
        }
    };
    let span = match per {
        Per::Period => "",
        Per::Half => "每半年",
        Per::Year => "每年",
    };
    match (min, max) {
        (Some(a), Some(b)) => format!("{span}{}～{}", bound(a), bound(b)),
        (Some(a), None) => format!("{span}不少于{}", bound(a)),
        (None, Some(0.0)) => format!("{span}为0"),
        (None, Some(b)) => format!("{span}不超过{}", bound(b)),
        (None, None) => String::new(),
    }
}

fn target_rows(analysis: &Analysis, unit: UnitId, period: Period) -> Vec<TargetRow> {
    let catalog = &analysis.project.catalog;
    let pd = analysis.project.config.percent_decimals;
    analysis
        .targets
        .iter()
        .map(|t| {
            let e = catalog.entry(t.indicator);
            let j = t.judge(period, |p| {
                let figures = analysis.computed.derived(catalog, unit, p)?;
                figures[t.indicator]
            });
            TargetRow {
                label: e.label.clone(),
                requirement: requirement(e, t.min, t.max, t.per, pd),
                value: value_text(e, j.value, pd),
                status: j.status.as_str(),
                status_label: crate::locale::zh_cn().status(j.status),
                symbol: match j.status {
                    Status::Met => "✓",
                    Status::Missed => "✗",
                    Status::Pending => "…",
                    Status::Unknown => "？",
                },
                note: crate::locale::zh_cn().grounds(&j.grounds),
                basis: t.basis.clone(),
            }
        })
        .collect()
}

/// Indicators of `HEADLINE` that any of `figures` reports.
fn headline_columns<'a>(
    analysis: &Analysis,
    figures: impl Iterator<Item = &'a Figures> + Clone,
) -> Vec<usize> {
    let catalog = &analysis.project.catalog;
    HEADLINE
        .iter()
        .filter_map(|id| catalog.get(id))
        .filter(|&i| figures.clone().any(|f| f[i].is_some()))
        .collect()
}

fn sub_table(analysis: &Analysis, unit: UnitId, period: Period, root: &str) -> Option<SubTable> {
    let project = &analysis.project;
    let cell = analysis.computed.cell(unit, period)?;
    let total = match cell.basis {
        Basis::SubUnits => &cell.values,
        _ => cell.subtotal.as_ref()?,
    };
    let children = analysis.computed.sub_units(project, unit, period);
    let cols = headline_columns(analysis, children.iter().map(|(_, f)| *f));
    let pd = project.config.percent_decimals;
    let cells = |f: &Figures| -> Vec<String> {
        cols.iter()
            .map(|&i| value_text(project.catalog.entry(i), f[i], pd))
            .collect()
    };
    Some(SubTable {
        columns: cols
            .iter()
            .map(|&i| {
                let e = project.catalog.entry(i);
                Column {
                    label: e.label.clone(),
                    unit: e.unit.clone(),
                }
            })
            .collect(),
        rows: children
            .iter()
            .map(|(c, f)| SubRow {
                name: project.units[*c].name.clone(),
                href: report_href(analysis, *c, period, root),
                cells: cells(f),
            })
            .collect(),
        total: cells(total),
    })
}

// ---------------------------------------------------------------- unit page

#[derive(Serialize)]
struct UnitView {
    name: String,
    level: Option<String>,
    parent: Option<Link>,
    reports: Vec<ReportLink>,
    periods: Vec<String>,
    rows: Vec<TrendRow>,
    subunits: Vec<SubUnitLink>,
    charts: Vec<ChartView>,
}

#[derive(Serialize)]
struct ReportLink {
    label: String,
    href: String,
    title: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct TrendRow {
    label: String,
    unit: String,
    cells: Vec<String>,
}

#[derive(Serialize)]
struct SubUnitLink {
    name: String,
    href: String,
    level: Option<String>,
    latest: Option<String>,
}

pub fn unit(
    analysis: &Analysis,
    templates: &Templates,
    unit_id: UnitId,
    diags: &mut Diagnostics,
) -> Option<OutputFile> {
    let project = &analysis.project;
    let unit = &project.units[unit_id];
    let depth = project.site_path(unit_id).len();
    let root = root_prefix(depth);
    let periods = analysis.computed.unit_periods(unit_id);
    let columns = crate::period::tabulated(&periods, |p| unit.files.contains_key(&p));
    let pd = project.config.percent_decimals;
    let cells: Vec<&Figures> = columns
        .iter()
        .filter_map(|p| analysis.computed.cell(unit_id, *p).map(|c| &c.values))
        .collect();
    let rows = project
        .catalog
        .entries()
        .iter()
        .enumerate()
        .filter(|(i, _)| cells.iter().any(|f| f[*i].is_some()))
        .map(|(i, e)| TrendRow {
            label: e.label.clone(),
            unit: if e.is_percentage() {
                String::new()
            } else {
                e.unit.clone()
            },
            cells: cells.iter().map(|f| value_text(e, f[i], pd)).collect(),
        })
        .collect();
    let reports = periods
        .iter()
        .rev()
        .map(|&p| {
            let basis = analysis.computed.cell(unit_id, p).map(|c| c.basis);
            ReportLink {
                label: p.label(),
                href: report_href(analysis, unit_id, p, &root),
                title: unit
                    .files
                    .get(&p)
                    .and_then(|f| f.title.clone())
                    .unwrap_or_else(|| format!("{}{}安全生产工作总结", unit.name, p.label())),
                kind: match basis {
                    Some(Basis::Own) => "本单位填报",
                    Some(Basis::Parts) => match p.kind() {
                        PeriodKind::Year => "由上下半年汇总",
                        PeriodKind::Half(_) => "由各季度汇总",
                        PeriodKind::Quarter(_) => "由各月汇总",
                        _ => "由各期汇总",
                    },
                    _ => "由下辖单位汇总",
                },
            }
        })
        .collect();
    let subunits = unit
        .children
        .iter()
        .map(|&c| SubUnitLink {
            name: project.units[c].name.clone(),
            href: unit_href(analysis, c, &root),
            level: project.units[c].level.clone(),
            latest: analysis.computed.unit_periods(c).last().map(|p| p.label()),
        })
        .collect();
    let view = UnitView {
        name: unit.name.clone(),
        level: unit.level.clone(),
        parent: unit.parent.map(|p| Link {
            label: project.units[p].name.clone(),
            href: unit_href(analysis, p, &root),
        }),
        reports,
        periods: columns.iter().map(|p| p.label()).collect(),
        rows,
        subunits,
        charts: charts::unit_charts(analysis, unit_id),
    };
    let mut ctx = base_context(
        analysis,
        depth,
        &unit.name,
        unit_crumbs(analysis, unit_id, &root),
    );
    ctx.insert("unit", &view);
    render(
        templates,
        "unit.html",
        &ctx,
        index_path(&project.site_path(unit_id)),
        diags,
    )
}

// ---------------------------------------------------------------- index page

#[derive(Serialize)]
struct TreeRow {
    name: String,
    href: String,
    level: Option<String>,
    depth: usize,
    reports: Vec<Link>,
    /// The same reports grouped by year.
    years: Vec<YearLinks>,
    /// Closing tags owed after this item: the nested list is written flat.
    close: usize,
    has_children: bool,
}

#[derive(Serialize)]
struct Headline {
    name: String,
    href: String,
    period: String,
    report_href: String,
    cards: Vec<Card>,
}

pub fn index(
    analysis: &Analysis,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Option<OutputFile> {
    let project = &analysis.project;
    let mut tree = Vec::new();
    for top in project.top_units() {
        tree_rows(analysis, top, 0, &mut tree);
    }
    let headlines: Vec<Headline> = project
        .top_units()
        .into_iter()
        .filter_map(|u| {
            let latest = *analysis
                .computed
                .unit_periods(u)
                .iter()
                .rfind(|p| !p.is_annual())?;
            let cell = analysis.computed.cell(u, latest)?;
            let earlier = analysis
                .computed
                .cell(u, latest.year_earlier())
                .map(|c| &c.values);
            Some(Headline {
                name: project.units[u].name.clone(),
                href: unit_href(analysis, u, ""),
                period: latest.label(),
                report_href: report_href(analysis, u, latest, ""),
                cards: cards(analysis, &cell.values, earlier),
            })
        })
        .collect();
    let mut ctx = base_context(analysis, 0, &project.config.title, vec![]);
    ctx.insert("tree", &tree);
    ctx.insert("headlines", &headlines);
    ctx.insert("charts", &charts::index_charts(analysis));
    ctx.insert("unit_count", &project.units.len());
    render(templates, "index.html", &ctx, "index.html".into(), diags)
}

/// The unit tree in display order, with how many nested lists close after each item.
fn tree_rows(analysis: &Analysis, unit: UnitId, depth: usize, out: &mut Vec<TreeRow>) {
    let project = &analysis.project;
    let u = &project.units[unit];
    out.push(TreeRow {
        name: u.name.clone(),
        href: unit_href(analysis, unit, ""),
        level: u.level.clone(),
        depth,
        reports: analysis
            .computed
            .unit_periods(unit)
            .into_iter()
            .map(|p| Link {
                label: p.label(),
                href: report_href(analysis, unit, p, ""),
            })
            .collect(),
        years: year_links(
            analysis,
            unit,
            &analysis.computed.unit_periods(unit),
            None,
            "",
        ),
        close: 0,
        has_children: !u.children.is_empty(),
    });
    for &c in &u.children {
        tree_rows(analysis, c, depth + 1, out);
    }
    if !u.children.is_empty() {
        if let Some(last) = out.last_mut() {
            last.close += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::title_html;

    #[test]
    fn titles_may_wrap_before_the_subject_and_are_escaped() {
        assert_eq!(
            title_html("城关县2024年上半年安全生产工作总结"),
            "城关县2024年上半年<wbr>安全生产工作总结"
        );
        assert_eq!(title_html("安全生产<总结>"), "安全生产&lt;总结&gt;");
    }
}
