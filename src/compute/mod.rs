//! Every number a report shows is derived here, purely (no I/O), generically from the
//! catalog: a unit's own figures, annual figures from H1 + H2, sub-unit roll-ups, ratios
//! from aggregated parts, 同比/环比 changes and targets.

pub mod compare;
pub mod targets;

use std::collections::{BTreeSet, HashMap};

use crate::catalog::{Agg, Catalog};
use crate::diag::Diagnostics;
use crate::model::{PeriodFile, Project, UnitId};
use crate::period::Period;

/// Figures by catalog index; None is "not reported" (shown as —), never 0.
pub type Figures = Vec<Option<f64>>;

/// Where a unit's figures for a period come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The unit's own period file (for a year: its annual file, with H1 + H2 filling in
    /// what the file leaves out).
    Own,
    /// No annual file: the year's figures are derived from the unit's H1 and H2.
    Halves,
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

/// Computes every cell. Annual figures that disagree with their halves are reported.
pub fn compute(project: &Project) -> (Computed, Diagnostics) {
    let catalog = &project.catalog;
    let mut out = Computed::default();
    let mut diags = Diagnostics::new();
    // The periods each unit got cells for, so a parent needn't scan every cell.
    let mut periods_of: Vec<Vec<Period>> = vec![Vec::new(); project.units.len()];
    // Units list parents before children: walking backwards computes children first.
    for unit in project.units.iter().rev() {
        let (mut years, mut halves): (BTreeSet<Period>, BTreeSet<Period>) =
            unit.files.keys().copied().partition(|p| p.is_annual());
        for &child in &unit.children {
            for &p in &periods_of[child] {
                if p.is_annual() {
                    years.insert(p);
                } else {
                    halves.insert(p);
                }
            }
        }
        for &p in &halves {
            years.extend(p.whole());
        }
        for p in halves {
            let sub = rollup(
                catalog,
                unit.children.iter().filter_map(|c| out.cell(*c, p)),
            );
            let cell = match unit.files.get(&p) {
                Some(file) => Cell {
                    values: own_figures(catalog, file),
                    basis: Basis::Own,
                    subtotal: sub,
                },
                None => match sub {
                    Some(values) => Cell {
                        values,
                        basis: Basis::SubUnits,
                        subtotal: None,
                    },
                    None => continue,
                },
            };
            out.cells.insert((unit.id, p), cell);
            periods_of[unit.id].push(p);
        }
        for y in years {
            let sub = rollup(
                catalog,
                unit.children.iter().filter_map(|c| out.cell(*c, y)),
            );
            let halves: Vec<&Cell> = y
                .parts()
                .iter()
                .filter_map(|h| out.cell(unit.id, *h))
                .collect();
            let derived =
                (halves.len() == y.parts().len()).then(|| combine_parts(catalog, &halves));
            let own_halves = y.parts().iter().any(|h| unit.files.contains_key(h));
            let cell = match (unit.files.get(&y), derived) {
                (Some(file), derived) => {
                    check_annual(catalog, file, derived.as_ref(), &halves, &mut diags);
                    Cell {
                        values: overlay(catalog, derived, file),
                        basis: Basis::Own,
                        subtotal: sub,
                    }
                }
                (None, Some(derived)) if own_halves || sub.is_none() => Cell {
                    values: derived,
                    basis: Basis::Halves,
                    subtotal: sub,
                },
                (None, _) => match sub {
                    Some(values) => Cell {
                        values,
                        basis: Basis::SubUnits,
                        subtotal: None,
                    },
                    None => continue,
                },
            };
            out.cells.insert((unit.id, y), cell);
            periods_of[unit.id].push(y);
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
            _ => sum_present(cells.iter().map(|c| c.values[i])),
        };
    }
    Some(values)
}

fn sum_present(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values
        .flatten()
        .fold(None, |acc, v| Some(acc.unwrap_or(0.0) + v))
}

/// A longer period from all of its parts, in order (a year from H1 and H2): flows summed
/// (every part needed), stocks take the last part's, distinct counts cannot be derived,
/// ratios recomputed from the derived parts. The one place parts combine, whatever
/// their length.
pub fn combine_parts(catalog: &Catalog, parts: &[&Cell]) -> Figures {
    let mut values: Figures = catalog
        .entries()
        .iter()
        .enumerate()
        .map(|(i, e)| match e.agg {
            Agg::Sum => parts.iter().map(|p| p.values[i]).sum(),
            Agg::Last => parts.last().and_then(|p| p.values[i]),
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

/// Where an annual file gives a figure that H1 + H2 also give, they must agree: a summed
/// figure that differs is an error, a stock that differs from H2 a warning. A distinct
/// count the halves report but the annual file leaves out is a warning.
fn check_annual(
    catalog: &Catalog,
    file: &PeriodFile,
    derived: Option<&Figures>,
    halves: &[&Cell],
    diags: &mut Diagnostics,
) {
    let Some(derived) = derived else { return };
    for (i, e) in catalog.entries().iter().enumerate() {
        let (given, from_halves) = (file.values[i], derived[i]);
        match (&e.agg, given, from_halves) {
            (Agg::Sum, Some(g), Some(d)) if (g - d).abs() > 1e-9 => {
                diags
                    .error(&file.path, file.locs[i], format!("全年{}为 {g}，但上半年与下半年相加是 {d}", e.display_name()))
                    .help("全年数应等于上下半年之和：改正这里或半年文件中的数字；若无特别原因，可删除这一行，由 zongjie 自动相加。");
            }
            (Agg::Last, Some(g), Some(d)) if (g - d).abs() > 1e-9 => {
                diags
                    .warning(
                        &file.path,
                        file.locs[i],
                        format!("全年{}为 {g}，与下半年末的 {d} 不同", e.display_name()),
                    )
                    .help("这是期末数，全年一般取下半年的数字；确认无误可忽略。");
            }
            (Agg::Distinct, None, _) if halves.iter().any(|h| h.values[i].is_some()) => {
                diags
                    .warning(&file.path, None, format!("年度文件没有填写{}：它不能由上下半年相加得出（同一对象可能被统计两次），全年数将显示为 —", e.display_name()))
                    .help(format!("在 indicators 的 `{}` 组中填写全年去重后的 `{}`。", e.group(), e.key()));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
