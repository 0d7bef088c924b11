//! Builds a report's model from the analysis: every number compared and judged once,
//! the prose filled, the charts specified. The renderers only read what this returns.

use super::model::*;
use super::{charts, prose};
use crate::analysis::Analysis;
use crate::catalog::Indicator;
use crate::compute::compare::compare;
use crate::compute::targets::{Grounds, Status};
use crate::compute::{self, Figures};
use crate::diag::Diagnostics;
use crate::locale::Locale;
use crate::model::{PeriodFile, Project, Text, Unit, UnitId};
use crate::period::Period;
use crate::prose::Parsed;

/// The model of `unit`'s report for `period`, or None when it has no figures for it.
/// Problems in the prose (a `{{ name }}` that does not exist) go to `diags`.
pub fn report(
    analysis: &Analysis,
    unit_id: UnitId,
    period: Period,
    diags: &mut Diagnostics,
) -> Option<Report> {
    let project = &analysis.project;
    let unit = &project.units[unit_id];
    let cell = analysis.computed.cell(unit_id, period)?;
    let file = unit.files.get(&period);
    let bases = Bases::of(analysis, unit_id, period);
    let figures = figures(analysis, unit_id, period);
    let targets = targets(analysis, unit_id, period);
    let breakdowns = breakdowns(analysis, (unit_id, period), &figures);
    let (lead, situation, work, problems, plans) = match file {
        Some(f) => prose_of(analysis, unit, period, (&figures, &targets), f, diags),
        None => (None, None, vec![], vec![], vec![]),
    };
    Some(Report {
        unit: unit_info(project, unit_id),
        period: period_info(analysis.locale(), period),
        title: title(analysis, unit, period),
        author: file.and_then(|f| f.author.clone().or_else(|| unit.signer.clone())),
        date: file.and_then(|f| f.date).map(|d| d.to_string()),
        basis: basis(cell.basis),
        sub_unit_count: unit.children.len(),
        year_earlier: bases
            .year_earlier
            .map(|_| period_info(analysis.locale(), period.year_earlier())),
        previous: period
            .previous()
            .filter(|_| bases.previous.is_some())
            .map(|p| period_info(analysis.locale(), p)),
        has_previous: !period.is_annual() && period.previous().is_some(),
        figures,
        targets,
        sub_units: sub_unit_table(analysis, unit_id, period),
        breakdowns,
        lead,
        situation,
        work,
        problems,
        plans,
        charts: charts::report_charts(analysis, unit_id, period),
        unit_periods: analysis
            .report_periods(unit_id)
            .into_iter()
            .map(|p| period_info(analysis.locale(), p))
            .collect(),
    })
}

/// The figures a report is compared with: 同比 always, 环比 for reports shorter than a year.
struct Bases<'a> {
    year_earlier: Option<&'a Figures>,
    previous: Option<&'a Figures>,
}

impl<'a> Bases<'a> {
    fn of(analysis: &'a Analysis, unit: UnitId, period: Period) -> Bases<'a> {
        let values = |p: Period| analysis.computed.cell(unit, p).map(|c| &c.values);
        Bases {
            year_earlier: values(period.year_earlier()),
            previous: period
                .previous()
                .filter(|_| !period.is_annual())
                .and_then(values),
        }
    }
}

pub fn unit_info(project: &Project, id: UnitId) -> UnitInfo {
    let u = &project.units[id];
    UnitInfo {
        name: u.name.clone(),
        short_name: u.short().to_string(),
        path: u.path.clone(),
        site_path: project
            .site_path(id)
            .into_iter()
            .map(str::to_string)
            .collect(),
        level: u.level.clone(),
    }
}

pub fn period_info(locale: &Locale, p: Period) -> PeriodInfo {
    PeriodInfo {
        id: p.to_string(),
        label: locale.period_label(p),
        year: p.year_number(),
        span: locale.span_label(p),
        annual: p.is_annual(),
    }
}

pub fn indicator_info(e: &Indicator) -> IndicatorInfo {
    IndicatorInfo {
        id: e.id.clone(),
        label: e.label.clone(),
        unit: e.unit.clone(),
        kind: e.kind,
        better: e.better,
        decimals: e.decimals,
        precision: e.precision,
        roles: e.roles,
    }
}

/// The file's own title, else 城关镇2024年上半年安全生产工作总结.
pub fn title(analysis: &Analysis, unit: &Unit, period: Period) -> String {
    let suffix = analysis.locale().words.title_suffix;
    unit.files
        .get(&period)
        .and_then(|f| f.title.clone())
        .unwrap_or_else(|| {
            let label = analysis.locale().period_label(period);
            format!("{}{label}{suffix}", unit.name)
        })
}

pub fn basis(b: compute::Basis) -> Basis {
    match b {
        compute::Basis::Own => Basis::Own,
        compute::Basis::Parts => Basis::Parts,
        compute::Basis::SubUnits => Basis::SubUnits,
    }
}

/// Every indicator with a value now or in a base period, with 同比 and 环比, in catalog
/// order; an empty list when the unit has no figures for the period.
pub fn figures(analysis: &Analysis, unit: UnitId, period: Period) -> Vec<Figure> {
    let Some(cell) = analysis.computed.cell(unit, period) else {
        return Vec::new();
    };
    let bases = Bases::of(analysis, unit, period);
    // A change that rounds to nothing at the decimals it is printed with is 基本持平.
    let site = analysis.project.config.change_decimals();
    let base = |f: Option<&Figures>, i: usize| f.and_then(|f| f[i]);
    let values = &cell.values;
    analysis
        .project
        .catalog
        .entries()
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            values[*i].is_some()
                || base(bases.year_earlier, *i).is_some()
                || base(bases.previous, *i).is_some()
        })
        .map(|(i, e)| {
            let pd = e.precision.change.unwrap_or(site);
            Figure {
                indicator: indicator_info(e),
                value: values[i],
                subtotal: cell.subtotal.as_ref().and_then(|s| s[i]),
                yoy: compare(e, values[i], base(bases.year_earlier, i), pd),
                mom: compare(e, values[i], base(bases.previous, i), pd),
            }
        })
        .collect()
}

fn targets(analysis: &Analysis, unit: UnitId, period: Period) -> Vec<TargetResult> {
    let catalog = &analysis.project.catalog;
    analysis
        .targets
        .iter()
        .map(|t| {
            let mut j = t.judge(period, |p| {
                analysis.computed.derived(catalog, unit, p)?[t.indicator]
            });
            if j.status == Status::Unknown {
                if let Some(zero) = nothing_to_measure(analysis, unit, period, t.indicator) {
                    j.status = Status::NotApplicable;
                    j.grounds = Grounds::NothingToMeasure(zero);
                }
            }
            target_result((catalog, analysis.locale()), t, j)
        })
        .collect()
}

/// A target and its judgement as the model holds them.
pub fn target_result(
    (catalog, locale): (&crate::catalog::Catalog, &Locale),
    t: &crate::compute::targets::Target,
    j: crate::compute::targets::Judgement,
) -> TargetResult {
    TargetResult {
        indicator: indicator_info(catalog.entry(t.indicator)),
        min: t.min,
        max: t.max,
        per: t.per,
        basis: t
            .basis
            .clone()
            .unwrap_or_else(|| locale.words.own_target.into()),
        status: j.status,
        margin: t.margin(j.value),
        value: j.value,
        grounds: j.grounds,
    }
}

/// A rate whose denominator is a reported 0 (no major hazards found): 不适用, which is
/// not 无法判定 — that stays for figures not reported.
/// Returns the id of the denominator that is 0.
fn nothing_to_measure(
    analysis: &Analysis,
    unit: UnitId,
    period: Period,
    i: usize,
) -> Option<String> {
    let catalog = &analysis.project.catalog;
    let r = catalog.entry(i).ratio()?;
    let zero = analysis.computed.value(unit, period, r.denominator) == Some(0.0);
    zero.then(|| catalog.entry(r.denominator).id.clone())
}

/// Indicators with the `table` role that any of `figures` reports, in catalog order.
pub fn table_columns<'a>(
    analysis: &Analysis,
    figures: impl Iterator<Item = &'a Figures> + Clone,
) -> Vec<usize> {
    let catalog = &analysis.project.catalog;
    (0..catalog.len())
        .filter(|&i| catalog.entry(i).roles.table)
        .filter(|&i| figures.clone().any(|f| f[i].is_some()))
        .collect()
}

/// The figures that have categories, each with the categories reported, in catalog order;
/// every category (— where unknown) when a sub-unit did not break its figure down.
fn breakdowns(
    analysis: &Analysis,
    (unit, period): (UnitId, Period),
    figures: &[Figure],
) -> Vec<BreakdownTable> {
    let catalog = &analysis.project.catalog;
    let find = |id: &str| figures.iter().find(|f| f.indicator.id == id);
    let mut tables = Vec::new();
    for (w, e) in catalog.entries().iter().enumerate() {
        let Some(whole) = find(&e.id) else { continue };
        let categories: Vec<usize> = (0..catalog.len())
            .filter(|&c| catalog.entry(c).within == Some(w) && catalog.entry(c).category.is_some())
            .collect();
        let unbroken = unbroken_sub_units(analysis, (unit, period), (w, &categories));
        let rows: Vec<BreakdownRow> = categories
            .iter()
            .map(|&c| catalog.entry(c))
            .filter_map(|c| {
                let f = find(&c.id).cloned();
                // Unknown because a sub-unit did not break it down: a row of —.
                let f = f.or_else(|| (!unbroken.is_empty()).then(|| unknown(c)));
                f.filter(|f| f.value.is_some() || !unbroken.is_empty())
                    .map(|f| (c, f))
            })
            .map(|(c, f)| BreakdownRow {
                category: c.category.clone().unwrap_or_default(),
                share: f
                    .value
                    .zip(whole.value)
                    .and_then(|(v, t)| (t != 0.0).then(|| v / t)),
                figure: f,
            })
            .collect();
        if !rows.is_empty() {
            tables.push(BreakdownTable {
                whole: whole.clone(),
                rows,
                unbroken,
            });
        }
    }
    tables
}

/// A figure not known for the period nor its bases.
fn unknown(e: &Indicator) -> Figure {
    Figure {
        indicator: indicator_info(e),
        value: None,
        subtotal: None,
        yoy: None,
        mom: None,
    }
}

/// The sub-units (short names) whose figure `whole` is not accounted for by category,
/// when the unit's own categories are summed from its sub-units and some sub-unit does
/// break it down: the reason those sums are unknown.
fn unbroken_sub_units(
    analysis: &Analysis,
    (unit, period): (UnitId, Period),
    (whole, categories): (usize, &[usize]),
) -> Vec<String> {
    let computed = &analysis.computed;
    let project = &analysis.project;
    let summed = computed
        .cell(unit, period)
        .is_some_and(|c| c.basis != compute::Basis::Own);
    let children = computed.sub_units(project, unit, period);
    let any_broken = children
        .iter()
        .any(|(_, f)| categories.iter().any(|&c| f[c].is_some()));
    if !summed || !any_broken {
        return Vec::new();
    }
    children
        .into_iter()
        .filter(|(_, f)| !compute::breaks_down(&project.catalog, f, whole))
        .map(|(c, _)| project.units[c].short().to_string())
        .collect()
}

fn sub_unit_table(analysis: &Analysis, unit: UnitId, period: Period) -> Option<SubUnitTable> {
    let project = &analysis.project;
    let cell = analysis.computed.cell(unit, period)?;
    let total = match cell.basis {
        compute::Basis::SubUnits => &cell.values,
        _ => cell.subtotal.as_ref()?,
    };
    let children = analysis.computed.sub_units(project, unit, period);
    let cols = table_columns(analysis, children.iter().map(|(_, f)| *f));
    let pick = |f: &Figures| cols.iter().map(|&i| f[i]).collect();
    Some(SubUnitTable {
        columns: cols
            .iter()
            .map(|&i| indicator_info(project.catalog.entry(i)))
            .collect(),
        rows: children
            .iter()
            .map(|(c, f)| SubUnitRow {
                unit: unit_info(project, *c),
                values: pick(f),
                has_report: !analysis.is_data_only(*c, period),
            })
            .collect(),
        total: pick(total),
    })
}

type Bodies = (
    Option<Prose>,
    Option<Situation>,
    Vec<Section>,
    Vec<Section>,
    Vec<Section>,
);

/// A file's lead and its work, problems and plans sections, `{{ }}` filled from the
/// report's figures.
fn prose_of(
    analysis: &Analysis,
    unit: &Unit,
    period: Period,
    judged: (&[Figure], &[TargetResult]),
    f: &PeriodFile,
    diags: &mut Diagnostics,
) -> Bodies {
    let context = |bodies| {
        let (catalog, locale) = (&analysis.project.catalog, analysis.locale());
        let decimals = prose::Decimals::of(&analysis.project.config);
        prose::context(catalog, unit, period, judged, locale, decimals, bodies)
    };
    let texts = body_texts(f);
    let parsed: Vec<Parsed> = texts.iter().map(|t| Parsed::of(&t.text)).collect();
    let ctx = context(Some(&parsed));
    let complete = || context(None);
    // `texts` holds every body once: each is filled from its one parse.
    let render = |t: &Text, section: &str, diags: &mut Diagnostics| {
        let fill = |p: &Parsed, diags: &mut Diagnostics| {
            prose::render((t, p), &ctx, &complete, &f.path, section, diags)
        };
        match texts.iter().position(|x| std::ptr::eq(*x, t)) {
            Some(i) => fill(&parsed[i], diags),
            None => fill(&Parsed::of(&t.text), diags),
        }
    };
    let sections = |list: &[crate::model::Section], diags: &mut Diagnostics| -> Vec<Section> {
        list.iter()
            .map(|s| Section {
                title: s.title.clone(),
                body: s.body.as_ref().and_then(|b| render(b, &s.title, diags)),
            })
            .collect()
    };
    let work = sections(&f.work, diags);
    let problems = sections(&f.problems, diags);
    let plans = sections(&f.plans, diags);
    let lead = f
        .lead
        .as_ref()
        .and_then(|l| render(l, "导语（lead）", diags));
    let situation = f.situation.as_ref().map(|text| {
        let section = "安全生产形势（situation）";
        let text = text.as_ref().and_then(|t| render(t, section, diags));
        super::situation::situation(analysis, (unit, period), judged, text)
    });
    (lead, situation, work, problems, plans)
}

/// Every body of a file: the lead, the situation, then the sections.
fn body_texts(f: &PeriodFile) -> Vec<&Text> {
    let sections = f.work.iter().chain(&f.problems).chain(&f.plans);
    let situation = f.situation.iter().flatten();
    f.lead
        .iter()
        .chain(situation)
        .chain(sections.filter_map(|s| s.body.as_ref()))
        .collect()
}

/// Fills every body of `unit`'s file for `period` from the report's figures, as
/// [`report`] does, reporting the same problems; builds no model and draws no chart.
/// False when the period has no figures (no report is built).
pub fn check_prose(
    analysis: &Analysis,
    unit_id: UnitId,
    period: Period,
    diags: &mut Diagnostics,
) -> bool {
    let unit = &analysis.project.units[unit_id];
    let (Some(_), Some(f)) = (
        analysis.computed.cell(unit_id, period),
        unit.files.get(&period),
    ) else {
        return false;
    };
    let figures = figures(analysis, unit_id, period);
    let targets = targets(analysis, unit_id, period);
    prose_of(analysis, unit, period, (&figures, &targets), f, diags);
    true
}
