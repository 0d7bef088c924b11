//! Every number a report shows is derived here, purely (no I/O), generically from the
//! catalog: a unit's own figures, a longer period's figures from its parts (a year from
//! H1 + H2, a half from its quarters, a quarter from its months), sub-unit roll-ups, ratios
//! from aggregated parts, 同比/环比 changes and targets.

pub mod compare;
pub mod targets;

use std::collections::{BTreeSet, HashMap};

use crate::catalog::{Agg, Catalog};
use crate::diag::Diagnostics;
use crate::model::{PeriodFile, Project, UnitId};
use crate::period::{Names, Period, PeriodKind};

/// Figures by catalog index; None is "not reported" (shown as —), never 0.
pub type Figures = Vec<Option<f64>>;

/// Where a unit's figures for a period come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The unit's own period file (for a longer period: its file, with the figures derived
    /// from its parts filling in what the file leaves out).
    Own,
    /// No file for the period: its figures are derived from the unit's own figures for
    /// its parts (a year from H1 + H2, a half from its quarters, a quarter from its months).
    Parts,
    /// No file of its own: the sum of its sub-units (下辖单位合计).
    SubUnits,
}

#[derive(Debug, Clone)]
pub struct Cell {
    pub values: Figures,
    pub basis: Basis,
    /// 下辖单位合计, for a unit with figures of its own and sub-units that report.
    pub subtotal: Option<Figures>,
}

/// The computed figures of every unit for every period it has data for.
#[derive(Debug, Default)]
pub struct Computed {
    cells: HashMap<(UnitId, Period), Cell>,
    /// Every period with any data, oldest first.
    pub periods: Vec<Period>,
}

impl Computed {
    pub fn cell(&self, unit: UnitId, period: Period) -> Option<&Cell> {
        self.cells.get(&(unit, period))
    }

    pub fn value(&self, unit: UnitId, period: Period, indicator: usize) -> Option<f64> {
        self.cell(unit, period).and_then(|c| c.values[indicator])
    }

    /// A unit's figures for any period: its cell, else combined from its parts' figures
    /// (a 1—9月 total from H1 and Q3), else None. For judging a yearly rule on the year so far.
    pub fn derived(&self, catalog: &Catalog, unit: UnitId, period: Period) -> Option<Figures> {
        if let Some(cell) = self.cell(unit, period) {
            return Some(cell.values.clone());
        }
        let parts = period.parts();
        if parts.is_empty() {
            return None;
        }
        let figures: Vec<Figures> = parts
            .iter()
            .map(|p| self.derived(catalog, unit, *p))
            .collect::<Option<_>>()?;
        Some(combine_parts(catalog, &figures.iter().collect::<Vec<_>>()))
    }

    /// The periods a unit has figures for, oldest first.
    pub fn unit_periods(&self, unit: UnitId) -> Vec<Period> {
        self.periods
            .iter()
            .copied()
            .filter(|p| self.cells.contains_key(&(unit, *p)))
            .collect()
    }

    /// The sub-units of `unit` that have figures for `period`, in display order.
    pub fn sub_units<'a>(
        &'a self,
        project: &Project,
        unit: UnitId,
        period: Period,
    ) -> Vec<(UnitId, &'a Figures)> {
        project.units[unit]
            .children
            .iter()
            .filter_map(|&c| self.cell(c, period).map(|cell| (c, &cell.values)))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

/// Computes every cell, shorter periods first so a longer one finds its parts done.
/// A period file that disagrees with the figures of its parts is reported, its periods
/// named by `names` (the locale's words, handed in so compute needs none of its own).
pub fn compute(project: &Project, names: &dyn Names) -> (Computed, Diagnostics) {
    let mut out = Computed::default();
    let mut diags = Diagnostics::new();
    // The periods each unit got cells for, so a parent needn't scan every cell.
    let mut periods_of: Vec<Vec<Period>> = vec![Vec::new(); project.units.len()];
    let spans = spans_in_files(project);
    // Units list parents before children: walking backwards computes children first.
    for unit in project.units.iter().rev() {
        let mut wanted: BTreeSet<Period> = unit.files.keys().copied().collect();
        for &child in &unit.children {
            wanted.extend(periods_of[child].iter().copied());
        }
        wanted.extend(spans.iter().copied());
        let mut by_length: Vec<Period> = with_wholes(wanted).into_iter().collect();
        by_length.sort_by_key(|p| (p.len_months(), *p));
        for p in by_length {
            let mut judged = Judged {
                diags: &mut diags,
                names,
            };
            if let Some(cell) = unit_cell(project, &out, unit.id, p, &mut judged) {
                out.cells.insert((unit.id, p), cell);
                periods_of[unit.id].push(p);
            }
        }
    }
    check_exact(project, &out, &mut diags);
    let periods: BTreeSet<Period> = out.cells.keys().map(|(_, p)| *p).collect();
    out.periods = periods.into_iter().collect();
    (out, diags)
}

/// Beyond 2^53 an f64 no longer holds every whole number, so a sum there could be off by
/// one: an error naming the unit and period, never a silently wrong or missing figure.
fn check_exact(project: &Project, out: &Computed, diags: &mut Diagnostics) {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    for ((unit, period), cell) in &out.cells {
        let figures = cell.values.iter().zip(project.catalog.entries());
        for (_, e) in figures.filter(|(v, _)| v.is_some_and(|v| v.abs() > EXACT)) {
            diags
                .error(
                    &project.units[*unit].dir,
                    None,
                    format!("{period} 的{}合计超过 2^53，无法精确计算", e.display_name()),
                )
                .help("各单位的数字之和过大：请核对是否有数字多打了位数。");
        }
    }
}

/// The year-to-date spans (1—9月) that any unit has a file for, and the same spans a
/// year earlier: every unit gets them where they can be derived, so a county's 1—9月
/// report can list its towns' figures and compare with last year's 1—9月.
fn spans_in_files(project: &Project) -> BTreeSet<Period> {
    project
        .units
        .iter()
        .flat_map(|u| u.files.keys().copied())
        .filter(|p| p.kind() == PeriodKind::Span)
        .flat_map(|p| [p, p.year_earlier()])
        .collect()
}

/// `periods` with every period they are a part of: a month's quarter, half and year.
fn with_wholes(periods: BTreeSet<Period>) -> BTreeSet<Period> {
    let mut out = BTreeSet::new();
    for p in periods {
        let mut next = Some(p);
        while let Some(q) = next.filter(|q| out.insert(*q)) {
            next = q.whole();
        }
    }
    out
}

/// Where a file's disagreement with its parts is reported, and how periods are named.
struct Judged<'a> {
    diags: &'a mut Diagnostics,
    names: &'a dyn Names,
}

/// One unit's figures for one period: its own file (checked against its parts), else
/// derived from its own parts, else the sum of its sub-units; None when nothing reports.
fn unit_cell(
    project: &Project,
    done: &Computed,
    unit: UnitId,
    period: Period,
    judged: &mut Judged,
) -> Option<Cell> {
    let catalog = &project.catalog;
    let u = &project.units[unit];
    let sub = rollup(
        catalog,
        u.children.iter().filter_map(|c| done.cell(*c, period)),
    );
    let parts: Vec<&Cell> = period
        .parts()
        .iter()
        .filter_map(|p| done.cell(unit, *p))
        .collect();
    let complete = !parts.is_empty() && parts.len() == period.parts().len();
    // Parts with figures of the unit's own (not merely its sub-units' sum) beat the sum.
    let own_parts = parts.iter().any(|c| c.basis != Basis::SubUnits);
    let derived = complete.then(|| {
        let figures: Vec<&Figures> = parts.iter().map(|c| &c.values).collect();
        combine_parts(catalog, &figures)
    });
    let (values, basis, subtotal) = match (u.files.get(&period), derived) {
        (Some(file), derived) => {
            check_whole(catalog, file, period, (derived.as_ref(), &parts), judged);
            (overlay(catalog, derived, file), Basis::Own, sub)
        }
        (None, Some(derived)) if own_parts || sub.is_none() => (derived, Basis::Parts, sub),
        (None, _) => (sub?, Basis::SubUnits, None),
    };
    Some(Cell {
        values,
        basis,
        subtotal,
    })
}

/// A period file's entered values with its ratios computed.
pub fn own_figures(catalog: &Catalog, file: &PeriodFile) -> Figures {
    let mut values = file.values.clone();
    fill_ratios(catalog, &mut values);
    values
}

/// Sets every ratio from its numerator and denominator in the same figures: missing
/// parts or a zero denominator give None — never NaN, never 100%.
pub fn fill_ratios(catalog: &Catalog, values: &mut Figures) {
    for (i, e) in catalog.entries().iter().enumerate() {
        if let Agg::Ratio(r) = &e.agg {
            let numerator: Option<f64> = r.numerator.iter().map(|n| values[*n]).sum();
            values[i] = ratio_value(numerator, values[r.denominator], r.scale);
        }
    }
}

fn ratio_value(numerator: Option<f64>, denominator: Option<f64>, scale: f64) -> Option<f64> {
    match (numerator, denominator) {
        (Some(n), Some(d)) if d > 0.0 => Some(n / d * scale),
        _ => None,
    }
}

/// 下辖单位合计: counts and stocks summed over the sub-units that report them; each ratio
/// from the sums of its parts over the sub-units that report all of its parts, so that
/// 100% of 10 and 90% of 990 give 901 / 1000 = 90.1%, not the 95.0% an average would.
/// None when no sub-unit has figures for the period.
pub fn rollup<'a>(catalog: &Catalog, cells: impl Iterator<Item = &'a Cell>) -> Option<Figures> {
    let cells: Vec<&Cell> = cells.collect();
    if cells.is_empty() {
        return None;
    }
    let mut values: Figures = vec![None; catalog.len()];
    for (i, e) in catalog.entries().iter().enumerate() {
        values[i] = match &e.agg {
            Agg::Ratio(r) => {
                let mut sums: Option<(f64, f64)> = None;
                for c in &cells {
                    let n: Option<f64> = r.numerator.iter().map(|n| c.values[*n]).sum();
                    if let (Some(n), Some(d)) = (n, c.values[r.denominator]) {
                        let (sn, sd) = sums.unwrap_or((0.0, 0.0));
                        sums = Some((sn + n, sd + d));
                    }
                }
                sums.and_then(|(n, d)| ratio_value(Some(n), Some(d), r.scale))
            }
            _ => match e.within.filter(|_| e.category.is_some()) {
                Some(whole) => category_sum(catalog, &cells, i, whole),
                None => sum_present(cells.iter().map(|c| c.values[i])),
            },
        };
    }
    Some(values)
}

/// A category (道路交通事故) summed over sub-units. A sub-unit that reports the whole
/// (事故3起) without breaking it down would leave the sum silently low, so the sum is
/// unknown (—) then. A category left out where the others already make up the whole
/// (or the whole is 0) is 0. None too when no sub-unit breaks the whole down at all.
fn category_sum(catalog: &Catalog, cells: &[&Cell], category: usize, whole: usize) -> Option<f64> {
    let broken_down = cells.iter().any(|c| c.values[category].is_some());
    if !broken_down
        || cells
            .iter()
            .any(|c| !breaks_down(catalog, &c.values, whole))
    {
        return None;
    }
    let given = cells
        .iter()
        .map(|c| match (c.values[category], c.values[whole]) {
            (None, Some(_)) => Some(0.0),
            (v, _) => v,
        });
    sum_present(given)
}

/// Whether `values` account for every part of `whole` by category: the whole is not
/// reported or is 0, or the categories given add up to it (the rest are then 0).
pub fn breaks_down(catalog: &Catalog, values: &Figures, whole: usize) -> bool {
    let Some(total) = values[whole].filter(|t| *t != 0.0) else {
        return true;
    };
    let given: f64 = catalog
        .entries()
        .iter()
        .enumerate()
        .filter(|(_, e)| e.within == Some(whole) && e.category.is_some())
        .filter_map(|(i, _)| values[i])
        .sum();
    (given - total).abs() < 1e-9
}

fn sum_present(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
}

/// A longer period from all of its parts, in order (a year from H1 and H2, a half from
/// its quarters, a quarter from its months, 1—9月 from H1 and Q3): flows summed (every
/// part needed), stocks take the last part's, distinct counts cannot be derived, ratios
/// recomputed from the derived parts. The one place parts combine, whatever their length.
pub fn combine_parts(catalog: &Catalog, parts: &[&Figures]) -> Figures {
    let mut values: Figures = catalog
        .entries()
        .iter()
        .enumerate()
        .map(|(i, e)| match e.agg {
            Agg::Sum => parts.iter().map(|f| f[i]).sum(),
            Agg::Last => parts.last().and_then(|f| f[i]),
            Agg::Distinct | Agg::Ratio(_) => None,
        })
        .collect();
    fill_ratios(catalog, &mut values);
    values
}

/// An annual file's own figures win over those derived from H1 + H2.
fn overlay(catalog: &Catalog, derived: Option<Figures>, file: &PeriodFile) -> Figures {
    let mut values = derived.unwrap_or_else(|| vec![None; catalog.len()]);
    for (i, v) in file.values.iter().enumerate() {
        if v.is_some() {
            values[i] = *v;
        }
    }
    fill_ratios(catalog, &mut values);
    values
}

/// Where a period file gives a figure that its parts also give, they must agree: a summed
/// figure that differs is an error, a stock that differs from the last part's a warning. A
/// distinct count the parts report but the file leaves out is a warning.
fn check_whole(
    catalog: &Catalog,
    file: &PeriodFile,
    period: Period,
    (derived, parts): (Option<&Figures>, &[&Cell]),
    judged: &mut Judged,
) {
    let Some(derived) = derived else { return };
    let n = judged.names;
    let diags = &mut *judged.diags;
    let (whole, names) = (n.span(period), parts_phrase(period, n));
    let last = period
        .parts()
        .last()
        .map(|p| n.span(*p))
        .unwrap_or_default();
    for (i, e) in catalog.entries().iter().enumerate() {
        let (given, from_parts) = (file.values[i], derived[i]);
        match (&e.agg, given, from_parts) {
            (Agg::Sum, Some(g), Some(d)) if (g - d).abs() > 1e-9 => {
                diags
                    .error(&file.path, file.locs[i], format!("{whole}{}为 {g}，但{names}相加是 {d}", e.display_name()))
                    .help(format!("{whole}数应等于{names}之和：改正这里或{names}文件中的数字；若无特别原因，可删除这一行，由 zongjie 自动相加。"));
            }
            (Agg::Last, Some(g), Some(d)) if (g - d).abs() > 1e-9 => {
                diags
                    .warning(
                        &file.path,
                        file.locs[i],
                        format!("{whole}{}为 {g}，与{last}末的 {d} 不同", e.display_name()),
                    )
                    .help(format!(
                        "这是期末数，{whole}一般取{last}的数字；确认无误可忽略。"
                    ));
            }
            (Agg::Distinct, None, _) if parts.iter().any(|h| h.values[i].is_some()) => {
                diags
                    .warning(&file.path, None, format!("{}文件没有填写{}：它不能由{names}相加得出（同一对象可能被统计两次），{whole}数将显示为 —", n.short(period), e.display_name()))
                    .help(format!("在 indicators 的 `{}` 组中填写{whole}去重后的 `{}`。", e.group(), e.key()));
            }
            _ => {}
        }
    }
}

/// 上半年与下半年, 第一季度与第二季度, 1月、2月、3月: the parts of `period`, for messages.
fn parts_phrase(period: Period, n: &dyn Names) -> String {
    let names: Vec<String> = period.parts().iter().map(|p| n.span(*p)).collect();
    match names.as_slice() {
        [a, b] => format!("{a}与{b}"),
        _ => names.join("、"),
    }
}

#[cfg(test)]
mod tests;
