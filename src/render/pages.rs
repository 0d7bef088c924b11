//! The three kinds of page — index, unit, report — each built as a context of plain
//! serialisable structs and rendered through its template.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use super::charts::{self, ChartView};
use super::links::{index_path, relative_href, root_prefix};
use super::office;
use super::templates::Templates;
use super::OutputFile;
use crate::analysis::Analysis;
use crate::catalog::{Decimals, Indicator};
use crate::compute::compare::Comparison;
use crate::compute::targets::Status;
use crate::compute::Figures;
use crate::diag::Diagnostics;
use crate::format;
use crate::locale::Locale;
use crate::model::UnitId;
use crate::period::Period;
use crate::report::{
    self, Basis, BreakdownTable, Figure, IndicatorInfo, Report, Section, SubUnitTable, TargetResult,
};

#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    organisation: &'a str,
    /// The print control's default: body, tables or all (zongjie.yaml `print`).
    print: &'a str,
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub label: String,
    pub href: String,
}

/// How a figure prints: — when not reported, % for percentages, else the number.
/// `percent_decimals` are the site's; an indicator that asks for its own gets them.
pub fn value_text(i: &IndicatorInfo, v: Option<f64>, percent_decimals: usize) -> String {
    let pd = i.precision.percent.unwrap_or(percent_decimals);
    figure_text(i.is_percentage(), i.decimals, v, pd)
}

/// The same for a catalog entry.
pub fn entry_text(e: &Indicator, v: Option<f64>, percent_decimals: usize) -> String {
    let pd = e.precision.percent.unwrap_or(percent_decimals);
    figure_text(e.is_percentage(), e.decimals, v, pd)
}

fn figure_text(percentage: bool, decimals: usize, v: Option<f64>, pd: usize) -> String {
    match v {
        None => format::MISSING.to_string(),
        Some(v) if percentage => format::percent(v, pd),
        Some(v) => format::number(v, decimals),
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
            print: &config.print,
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
    let started = std::time::Instant::now();
    match render_bytes(templates, name, ctx) {
        Ok(html) => {
            match over_budget(html.len(), started.elapsed()) {
                None => Some(OutputFile { path, bytes: html }),
                Some(what) => {
                    diags
                    .error(&Path::new("templates").join(name), None, format!("生成页面 {path} 时{what}"))
                    .help("检查项目 templates/ 中这个模板是否有循环套循环；删除它可改用内置模板。");
                    None
                }
            }
        }
        Err(e) => {
            let (message, loc) = super::templates::explain(&e);
            diags
                .error(
                    &Path::new("templates").join(name),
                    loc,
                    format!("生成页面 {path} 时模板出错：{message}"),
                )
                .help("检查项目 templates/ 中的模板；删除它可改用内置模板。");
            None
        }
    }
}

/// The page `name` renders to, indentation dropped. Tera writes into a buffer the thread
/// keeps from page to page (a page is tens of kilobytes: growing a new buffer to that
/// size for each one was a measurable part of a large build), and the bytes are not
/// checked for UTF-8 again: Tera writes only `str`s.
fn render_bytes(templates: &Templates, name: &str, ctx: &Context) -> tera::TeraResult<Vec<u8>> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.clear();
        let rendered = templates.tera.render_to(name, ctx, &mut *scratch);
        let html = rendered.map(|()| super::whitespace::drop_indentation(scratch));
        // A runaway page (see PAGE_BYTES) must not stay in memory for the rest of the build.
        if scratch.capacity() > SCRATCH_KEPT {
            *scratch = Vec::new();
        }
        html
    })
}

/// The largest buffer a thread keeps between pages: several times a real page.
const SCRATCH_KEPT: usize = 1 << 20;

/// A page is a document a reader scrolls: tens of kilobytes, rendered in milliseconds.
/// One far beyond that comes from a runaway template loop, and would fill the disk or
/// stall `serve`; it fails with a message naming the template instead.
const PAGE_BYTES: usize = 32 * 1024 * 1024;
const PAGE_TIME: std::time::Duration = std::time::Duration::from_secs(10);

fn over_budget(bytes: usize, took: std::time::Duration) -> Option<String> {
    if bytes > PAGE_BYTES {
        Some(format!("页面超过 {} MB，超出限制", PAGE_BYTES >> 20))
    } else if took > PAGE_TIME {
        Some(format!("用时超过 {} 秒，超出限制", PAGE_TIME.as_secs()))
    } else {
        None
    }
}

/// Breadcrumbs from the site root down to (and including) `unit`, linked from the page of
/// folder `from`.
fn unit_crumbs(analysis: &Analysis, unit: UnitId, from: &[&str]) -> Vec<Link> {
    let p = &analysis.project;
    let mut crumbs = vec![Link {
        label: analysis.locale().words.home.into(),
        href: relative_href(from, &[]),
    }];
    for id in p.ancestors(unit).into_iter().chain([unit]) {
        crumbs.push(Link {
            label: p.units[id].short().to_string(),
            href: relative_href(from, &p.site_path(id)),
        });
    }
    crumbs
}

fn unit_href(analysis: &Analysis, unit: UnitId, from: &[&str]) -> String {
    relative_href(from, &analysis.project.site_path(unit))
}

fn report_href(analysis: &Analysis, unit: UnitId, period: Period, from: &[&str]) -> String {
    let mut segs = analysis.project.site_path(unit);
    let id = period.to_string();
    segs.push(&id);
    relative_href(from, &segs)
}

// ---------------------------------------------------------------- report page

/// The report as `report.html` reads it. Text the model already holds is borrowed, not
/// copied: Tera copies it into its own values anyway.
#[derive(Serialize)]
struct ReportView<'a> {
    title: &'a str,
    /// The title as HTML, with line-break opportunities (`<wbr>`) where a long title may wrap.
    title_html: String,
    unit: &'a str,
    period: &'a str,
    period_label: &'a str,
    annual: bool,
    basis_note: Option<String>,
    lead: Option<&'a str>,
    situation: Option<SituationView<'a>>,
    work: Vec<SectionView<'a>>,
    problems: Vec<SectionView<'a>>,
    plans: Vec<SectionView<'a>>,
    plans_heading: String,
    author: Option<&'a str>,
    date: Option<String>,
    /// Unfinished (no 成文日期, or `draft: true`): marked 草稿 on screen and on paper.
    draft: bool,
    cards: Vec<Card<'a>>,
    figures: Vec<FigureRow<'a>>,
    has_previous: bool,
    targets: Vec<TargetRow>,
    subunits: Option<SubTable<'a>>,
    breakdowns: Vec<BreakdownView<'a>>,
    charts: Vec<ChartView>,
    /// 下载 Word, 下载 Excel: the files beside the page.
    downloads: Vec<Link>,
    periods: Vec<PeriodLink>,
    /// The same periods grouped by year, for the period navigation.
    period_years: Vec<YearLinks>,
}

/// A figure by category: 生产安全事故 by sector, each with 同比 and its share.
#[derive(Serialize)]
struct BreakdownView<'a> {
    label: &'a str,
    unit: &'a str,
    rows: Vec<BreakdownLine<'a>>,
    total: BreakdownLine<'a>,
    /// Why categories show —: the sub-units that did not break the figure down.
    note: Option<String>,
}

#[derive(Serialize)]
struct BreakdownLine<'a> {
    category: &'a str,
    value: String,
    yoy: String,
    yoy_direction: &'static str,
    share: String,
}

fn breakdown_views<'a>(
    locale: &'a Locale,
    tables: &'a [BreakdownTable],
    d: Decimals,
) -> Vec<BreakdownView<'a>> {
    let line =
        |category: &'a str, f: &Figure, share: Option<f64>, whole: Option<f64>| BreakdownLine {
            category,
            value: value_text(&f.indicator, f.value, d.percent),
            yoy: f.yoy.as_ref().map_or_else(
                || format::MISSING.into(),
                |c| phrase(locale, c, &f.indicator, d),
            ),
            yoy_direction: f.yoy.as_ref().map_or("flat", |c| c.direction.as_str()),
            share: match (share, f.value, whole) {
                (Some(s), ..) => format::percent(s, d.tuned(f.indicator.precision).share),
                // A share of a reported 0 total (0 ÷ 0) is no missing figure: 不适用.
                (None, Some(_), Some(0.0)) => locale.words.not_applicable.into(),
                _ => format::MISSING.into(),
            },
        };
    tables
        .iter()
        .map(|t| BreakdownView {
            label: &t.whole.indicator.label,
            unit: &t.whole.indicator.unit,
            rows: t
                .rows
                .iter()
                .map(|r| line(&r.category, &r.figure, r.share, t.whole.value))
                .collect(),
            total: line(
                locale.words.breakdown_total,
                &t.whole,
                t.whole.value.filter(|v| *v != 0.0).map(|_| 1.0),
                t.whole.value,
            ),
            note: (!t.unbroken.is_empty()).then(|| {
                crate::locale::fill_named(
                    locale.words.breakdown_unbroken,
                    &[
                        ("units", &t.unbroken.join(locale.words.list_separator)),
                        ("label", &t.whole.indicator.label),
                    ],
                )
            }),
        })
        .collect()
}

/// 一、安全生产形势: its heading, its generated parts, the writer's own text.
#[derive(Serialize)]
struct SituationView<'a> {
    heading: &'a str,
    sections: Vec<SectionView<'a>>,
    html: Option<&'a str>,
}

#[derive(Serialize)]
struct SectionView<'a> {
    title: &'a str,
    html: &'a str,
}

#[derive(Serialize)]
struct Card<'a> {
    label: &'a str,
    value: String,
    unit: &'a str,
    change: Option<String>,
    direction: &'static str,
}

#[derive(Serialize)]
struct FigureRow<'a> {
    id: &'a str,
    label: &'a str,
    unit: &'a str,
    value: String,
    missing: bool,
    yoy: String,
    yoy_direction: &'static str,
    mom: String,
    mom_direction: &'static str,
}

#[derive(Serialize)]
pub(super) struct TargetRow {
    pub(super) label: String,
    pub(super) requirement: String,
    pub(super) value: String,
    pub(super) status: &'static str,
    pub(super) status_label: &'static str,
    pub(super) symbol: &'static str,
    pub(super) note: Option<String>,
    pub(super) basis: String,
}

#[derive(Serialize)]
struct SubTable<'a> {
    columns: Vec<Column<'a>>,
    rows: Vec<SubRow<'a>>,
    total: Vec<String>,
}

#[derive(Serialize)]
struct Column<'a> {
    label: &'a str,
    unit: &'a str,
}

#[derive(Serialize)]
struct SubRow<'a> {
    name: &'a str,
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

/// A report as the navigation links it: its period, full label (2024年上半年) and href.
/// Each page links every report of its unit twice (in a list and grouped by year), so
/// the words and the href are made once.
struct Target {
    period: Period,
    label: String,
    href: String,
}

/// `unit`'s reports of `periods`, linked from folder `from`.
fn targets(analysis: &Analysis, unit: UnitId, periods: &[Period], from: &[&str]) -> Vec<Target> {
    periods
        .iter()
        .map(|&p| Target {
            period: p,
            label: analysis.locale().period_label(p),
            href: report_href(analysis, unit, p, from),
        })
        .collect()
}

/// `targets` (oldest first) grouped by year, the one of `current` marked.
fn year_links(locale: &Locale, targets: &[Target], current: Option<Period>) -> Vec<YearLinks> {
    let mut out: Vec<(i32, YearLinks)> = Vec::new();
    for t in targets {
        let p = t.period;
        let link = ShortLink {
            label: locale.short_label(p),
            title: t.label.clone(),
            href: t.href.clone(),
            current: current == Some(p),
        };
        match out.last_mut() {
            Some((year, group)) if *year == p.year_number() => group.links.push(link),
            _ => out.push((
                p.year_number(),
                YearLinks {
                    year: locale
                        .words
                        .year
                        .replacen("{}", &p.year_number().to_string(), 1),
                    links: vec![link],
                },
            )),
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

/// The report page: the model rendered through `report.html`. The model is built by
/// the caller (once, for every output of the report).
pub fn report(
    analysis: &Analysis,
    templates: &Templates,
    r: &Report,
    period: Period,
    unit_id: UnitId,
    diags: &mut Diagnostics,
) -> Option<OutputFile> {
    let mut segs: Vec<&str> = r.unit.site_path.iter().map(String::as_str).collect();
    segs.push(&r.period.id);
    let depth = segs.len();
    let view = report_view(analysis, r, period, unit_id, &segs);
    let mut crumbs = unit_crumbs(analysis, unit_id, &segs);
    crumbs.push(Link {
        label: r.period.label.clone(),
        href: "index.html".into(),
    });
    let mut ctx = base_context(analysis, depth, &r.title, crumbs);
    ctx.insert("report", &view);
    render(templates, "report.html", &ctx, index_path(&segs), diags)
}

fn report_view<'a>(
    analysis: &'a Analysis,
    r: &'a Report,
    period: Period,
    unit_id: UnitId,
    from: &[&str],
) -> ReportView<'a> {
    let pd = analysis.project.config.percent_decimals;
    let decimals = Decimals::of(&analysis.project.config);
    let locale = analysis.locale();
    let targets = targets(analysis, unit_id, &analysis.report_periods(unit_id), from);
    ReportView {
        title_html: title_html(&r.title, locale.words.title_break_before),
        title: &r.title,
        unit: &r.unit.name,
        period: &r.period.id,
        period_label: &r.period.label,
        annual: r.period.annual,
        basis_note: basis_note(locale, r.basis, period, r.sub_unit_count),
        lead: r.lead.as_ref().map(|p| p.html.as_str()),
        situation: r.situation.as_ref().map(|s| SituationView {
            heading: &s.heading,
            sections: section_views(&s.sections),
            html: s.text.as_ref().map(|p| p.html.as_str()),
        }),
        work: section_views(&r.work),
        problems: section_views(&r.problems),
        plans: section_views(&r.plans),
        plans_heading: locale.plans_heading(period),
        author: r.author.as_deref(),
        date: r
            .date
            .as_deref()
            .and_then(|d| d.parse().ok())
            .map(format::chinese_date),
        draft: analysis.project.units[unit_id]
            .files
            .get(&period)
            .is_some_and(|f| f.is_draft()),
        cards: cards(locale, &r.figures, decimals),
        figures: figure_rows(locale, &r.figures, decimals),
        has_previous: r.has_previous,
        targets: target_rows(locale, &r.targets, (pd, &analysis.project.config)),
        breakdowns: breakdown_views(locale, &r.breakdowns, decimals),
        subunits: r
            .sub_units
            .as_ref()
            .map(|t| sub_table(t, pd, &r.period.id, from)),
        charts: charts::views(&r.charts, pd, locale),
        downloads: office::downloads(&analysis.project.config.outputs, &r.title, ""),
        periods: period_links(&targets, period),
        period_years: year_links(locale, &targets, Some(period)),
    }
}

/// The links of `targets`, the one of `current` marked.
fn period_links(targets: &[Target], current: Period) -> Vec<PeriodLink> {
    targets
        .iter()
        .map(|t| PeriodLink {
            label: t.label.clone(),
            href: t.href.clone(),
            current: t.period == current,
        })
        .collect()
}

/// `title` escaped for HTML, with `<wbr>` before 安全生产 (not at the start), so that a title
/// that must wrap wraps as 城关县2024年上半年 / 安全生产工作总结 rather than inside a word:
/// the stylesheet breaks titles only at such opportunities.
fn title_html(title: &str, break_before: &str) -> String {
    let mut out = String::with_capacity(title.len() + 8);
    for (i, c) in title.char_indices() {
        if i > 0 && title[i..].starts_with(break_before) {
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

fn section_views(sections: &[Section]) -> Vec<SectionView<'_>> {
    sections
        .iter()
        .map(|s| SectionView {
            title: &s.title,
            html: s.body.as_ref().map_or("", |b| b.html.as_str()),
        })
        .collect()
}

pub(super) fn basis_note(
    locale: &Locale,
    basis: Basis,
    period: Period,
    children: usize,
) -> Option<String> {
    match basis {
        Basis::Own => None,
        Basis::Parts => Some(locale.basis_parts(period)),
        Basis::SubUnits => Some(locale.words.basis_sub_units.replacen(
            "{}",
            &children.to_string(),
            1,
        )),
    }
}

/// A change as a table cell says it, at the indicator's change decimals.
fn phrase(locale: &Locale, c: &Comparison, i: &IndicatorInfo, d: Decimals) -> String {
    let d = d.tuned(i.precision);
    locale.change(c, &i.unit, d.change, i.decimals)
}

/// Headline cards: the reported figures with the `card` role, with 同比.
fn cards<'a>(locale: &Locale, figures: &'a [Figure], d: Decimals) -> Vec<Card<'a>> {
    figures
        .iter()
        .filter(|f| f.indicator.roles.card && f.value.is_some())
        .map(|f| {
            let i = &f.indicator;
            Card {
                label: &i.label,
                value: value_text(i, f.value, d.percent),
                unit: if i.is_percentage() { "" } else { &i.unit },
                direction: f.yoy.as_ref().map_or("flat", |c| c.direction.as_str()),
                change: f
                    .yoy
                    .as_ref()
                    .map(|c| format!("{}{}", locale.words.year_on_year, phrase(locale, c, i, d))),
            }
        })
        .collect()
}

fn figure_rows<'a>(locale: &Locale, figures: &'a [Figure], d: Decimals) -> Vec<FigureRow<'a>> {
    let words = |c: &Option<Comparison>, i: &IndicatorInfo| {
        c.as_ref()
            .map_or_else(|| format::MISSING.into(), |c| phrase(locale, c, i, d))
    };
    figures
        .iter()
        .map(|f| {
            let i = &f.indicator;
            FigureRow {
                id: &i.id,
                label: &i.label,
                unit: &i.unit,
                value: value_text(i, f.value, d.percent),
                missing: f.value.is_none(),
                yoy_direction: f.yoy.as_ref().map_or("flat", |c| c.direction.as_str()),
                yoy: words(&f.yoy, i),
                mom_direction: f.mom.as_ref().map_or("flat", |c| c.direction.as_str()),
                mom: words(&f.mom, i),
            }
        })
        .collect()
}

pub(super) fn target_rows(
    locale: &Locale,
    targets: &[TargetResult],
    (pd, config): (usize, &crate::config::Config),
) -> Vec<TargetRow> {
    let site = Decimals {
        percent: pd,
        ..Decimals::of(config)
    };
    targets
        .iter()
        .map(|t| {
            let i = &t.indicator;
            let d = site.tuned(i.precision);
            let bound = |v: f64| {
                if i.is_percentage() {
                    format::percent(v, d.target)
                } else {
                    format!("{}{}", format::number(v, i.decimals), i.unit)
                }
            };
            // The margin as the genre states it (控制在指标以内, 差1.6个百分点) where the
            // grounds have nothing more to say.
            let amount = |m: f64| match i.is_percentage() {
                true => format::points(m, d.change),
                false => format::number(m, i.decimals) + &i.unit,
            };
            // 达标 exactly on a floor (100% of 100%) needs no 达到目标 beside it.
            let judged = matches!(t.status, Status::Met | Status::Missed)
                && !(t.min.is_some() && t.margin == Some(0.0));
            let margin = || {
                let m = locale.target_margin(t.status, t.min.is_some(), t.margin, amount);
                m.filter(|_| judged)
            };
            TargetRow {
                label: i.label.clone(),
                requirement: locale.requirement((t.min, t.max), t.per, i.is_percentage(), bound),
                value: value_text(i, t.value, d.percent),
                status: t.status.as_str(),
                status_label: locale.status(t.status),
                symbol: locale.status_symbol(t.status),
                note: locale.grounds(&t.grounds).or_else(margin),
                basis: t.basis.clone(),
            }
        })
        .collect()
}

fn sub_table<'a>(t: &'a SubUnitTable, pd: usize, period: &str, from: &[&str]) -> SubTable<'a> {
    let cells = |values: &[Option<f64>]| -> Vec<String> {
        t.columns
            .iter()
            .zip(values)
            .map(|(i, v)| value_text(i, *v, pd))
            .collect()
    };
    SubTable {
        columns: t
            .columns
            .iter()
            .map(|i| Column {
                label: &i.label,
                unit: &i.unit,
            })
            .collect(),
        rows: t
            .rows
            .iter()
            .map(|row| {
                let mut segs: Vec<&str> = row.unit.site_path.iter().map(String::as_str).collect();
                // A sub-unit that typed figures only has no report: link its unit page.
                if row.has_report {
                    segs.push(period);
                }
                SubRow {
                    name: &row.unit.name,
                    href: relative_href(from, &segs),
                    cells: cells(&row.values),
                }
            })
            .collect(),
        total: cells(&t.total),
    }
}

// ---------------------------------------------------------------- unit page

#[derive(Serialize)]
struct UnitView<'a> {
    name: &'a str,
    level: Option<&'a str>,
    parent: Option<Link>,
    reports: Vec<ReportLink>,
    periods: Vec<String>,
    rows: Vec<TrendRow<'a>>,
    subunits: Vec<SubUnitLink<'a>>,
    charts: Vec<ChartView>,
}

#[derive(Serialize)]
struct ReportLink {
    label: String,
    href: String,
    title: String,
    kind: String,
    /// Published with `--drafts`: the list says 草稿 beside it.
    draft: bool,
    /// Word and Excel of the report, linked beside it.
    downloads: Vec<Link>,
}

#[derive(Serialize)]
struct TrendRow<'a> {
    label: &'a str,
    unit: &'a str,
    cells: Vec<String>,
}

#[derive(Serialize)]
struct SubUnitLink<'a> {
    name: &'a str,
    href: String,
    level: Option<&'a str>,
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
    let here = project.site_path(unit_id);
    let depth = here.len();
    let periods = analysis.computed.unit_periods(unit_id);
    // The table shows the unit's own cadence and its years; the list every report.
    let columns = crate::period::tabulated(&periods, |p| unit.files.contains_key(&p));
    let pd = project.config.percent_decimals;
    let view = UnitView {
        name: &unit.name,
        level: unit.level.as_deref(),
        parent: unit.parent.map(|p| Link {
            label: project.units[p].name.clone(),
            href: unit_href(analysis, p, &here),
        }),
        reports: report_links(analysis, unit_id, &analysis.report_periods(unit_id), &here),
        periods: columns
            .iter()
            .map(|p| analysis.locale().period_label(*p))
            .collect(),
        rows: trend_rows(analysis, unit_id, &columns),
        subunits: sub_unit_links(analysis, unit_id, &here),
        charts: charts::views(
            &report::charts::unit_charts(analysis, unit_id),
            pd,
            analysis.locale(),
        ),
    };
    let mut ctx = base_context(
        analysis,
        depth,
        &unit.name,
        unit_crumbs(analysis, unit_id, &here),
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

/// Every indicator the unit reports in any period, one cell per period (oldest first).
fn trend_rows<'a>(
    analysis: &'a Analysis,
    unit_id: UnitId,
    periods: &[Period],
) -> Vec<TrendRow<'a>> {
    let project = &analysis.project;
    let pd = project.config.percent_decimals;
    let cells: Vec<&Figures> = periods
        .iter()
        .filter_map(|p| analysis.computed.cell(unit_id, *p).map(|c| &c.values))
        .collect();
    project
        .catalog
        .entries()
        .iter()
        .enumerate()
        .filter(|(i, _)| cells.iter().any(|f| f[*i].is_some()))
        .map(|(i, e)| TrendRow {
            label: &e.label,
            unit: if e.is_percentage() { "" } else { &e.unit },
            cells: cells.iter().map(|f| entry_text(e, f[i], pd)).collect(),
        })
        .collect()
}

/// The unit's reports, latest first, each with where its figures come from.
fn report_links(
    analysis: &Analysis,
    unit_id: UnitId,
    periods: &[Period],
    from: &[&str],
) -> Vec<ReportLink> {
    let unit = &analysis.project.units[unit_id];
    let words = &analysis.locale().words;
    periods
        .iter()
        .rev()
        .map(|&p| {
            let basis = analysis
                .computed
                .cell(unit_id, p)
                .map(|c| report::build::basis(c.basis));
            let title = report::build::title(analysis, unit, p);
            let dir = format!("{}/", super::links::encode_segment(&p.to_string()));
            ReportLink {
                label: analysis.locale().period_label(p),
                href: report_href(analysis, unit_id, p, from),
                downloads: office::downloads(&analysis.project.config.outputs, &title, &dir),
                title,
                kind: match basis {
                    Some(Basis::Own) => words.kind_own.into(),
                    Some(Basis::Parts) => analysis.locale().kind_parts(p),
                    _ => words.kind_sub_units.into(),
                },
                draft: drafted(&analysis.project, unit_id, p),
            }
        })
        .collect()
}

fn sub_unit_links<'a>(
    analysis: &'a Analysis,
    unit_id: UnitId,
    from: &[&str],
) -> Vec<SubUnitLink<'a>> {
    let project = &analysis.project;
    project.units[unit_id]
        .children
        .iter()
        .map(|&c| SubUnitLink {
            name: &project.units[c].name,
            href: unit_href(analysis, c, from),
            level: project.units[c].level.as_deref(),
            latest: analysis
                .report_periods(c)
                .last()
                .map(|p| analysis.locale().period_label(*p)),
        })
        .collect()
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
struct Headline<'a> {
    name: &'a str,
    href: String,
    period: String,
    report_href: String,
    cards: Vec<Card<'a>>,
}

pub fn index(
    analysis: &Analysis,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Option<OutputFile> {
    let project = &analysis.project;
    let pd = project.config.percent_decimals;
    let mut tree = Vec::new();
    for top in project.top_units() {
        tree_rows(analysis, top, 0, &mut tree);
    }
    let latest: Vec<(UnitId, Period, Vec<Figure>)> = project
        .top_units()
        .into_iter()
        .filter_map(|u| {
            // A draft is not news: the headline shows the latest period whose figures
            // come from finished reports only.
            let finished: Vec<Period> = analysis
                .report_periods(u)
                .into_iter()
                .filter(|&p| !drafted(project, u, p))
                .collect();
            let latest = crate::period::latest(&finished)?;
            Some((u, latest, report::build::figures(analysis, u, latest)))
        })
        .collect();
    let headlines: Vec<Headline> = latest
        .iter()
        .map(|(u, latest, figures)| Headline {
            name: &project.units[*u].name,
            href: unit_href(analysis, *u, &[]),
            period: analysis.locale().period_label(*latest),
            report_href: report_href(analysis, *u, *latest, &[]),
            cards: cards(analysis.locale(), figures, Decimals::of(&project.config)),
        })
        .collect();
    let mut ctx = base_context(analysis, 0, &project.config.title, vec![]);
    ctx.insert("tree", &tree);
    ctx.insert("headlines", &headlines);
    let charts = charts::views(
        &report::charts::index_charts(analysis),
        pd,
        analysis.locale(),
    );
    ctx.insert("charts", &charts);
    ctx.insert("unit_count", &project.units.len());
    render(templates, "index.html", &ctx, "index.html".into(), diags)
}

/// Whether `unit`'s figures for `period` rest on a draft: its own file, or a sub-unit's.
fn drafted(project: &crate::model::Project, unit: UnitId, period: Period) -> bool {
    let u = &project.units[unit];
    u.files.get(&period).is_some_and(|f| f.is_draft())
        || u.children.iter().any(|&c| drafted(project, c, period))
}

/// The unit tree in display order, with how many nested lists close after each item.
fn tree_rows(analysis: &Analysis, unit: UnitId, depth: usize, out: &mut Vec<TreeRow>) {
    let project = &analysis.project;
    let u = &project.units[unit];
    let targets = targets(analysis, unit, &analysis.report_periods(unit), &[]);
    out.push(TreeRow {
        name: u.name.clone(),
        href: unit_href(analysis, unit, &[]),
        level: u.level.clone(),
        depth,
        reports: targets
            .iter()
            .map(|t| Link {
                label: t.label.clone(),
                href: t.href.clone(),
            })
            .collect(),
        years: year_links(analysis.locale(), &targets, None),
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
    #[test]
    fn a_runaway_page_is_over_budget() {
        use std::time::Duration;
        assert_eq!(super::over_budget(40_000, Duration::from_millis(3)), None);
        assert!(super::over_budget(64 << 20, Duration::ZERO)
            .unwrap()
            .contains("32 MB"));
        assert!(super::over_budget(1, Duration::from_secs(11))
            .unwrap()
            .contains("10 秒"));
    }

    use super::title_html;

    #[test]
    fn titles_may_wrap_before_the_subject_and_are_escaped() {
        assert_eq!(
            title_html("城关县2024年上半年安全生产工作总结", "安全生产"),
            "城关县2024年上半年<wbr>安全生产工作总结"
        );
        assert_eq!(
            title_html("安全生产<总结>", "安全生产"),
            "安全生产&lt;总结&gt;"
        );
    }
}
