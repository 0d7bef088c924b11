//! Words: the one place that turns the model's enums and numbers into the genre's
//! phrases (增长12.5%、提升5.2个百分点、达标、进行中…). A locale is a table of words and
//! patterns ([`Words`]); zh-CN is the only one for now, and zh-TW or en would be another
//! table, not new code. Patterns mark where a value goes with `{}` (one value) or with
//! named slots such as `{label}`.

mod zh_cn;

use crate::compute::compare::{Change, Comparison, Trend};
use crate::compute::targets::{Grounds, Status};
use crate::config::Per;
use crate::format;

/// Every word and pattern a site uses.
#[derive(Debug)]
pub struct Words {
    pub equal: &'static str,
    pub rounds_to_zero: &'static str,
    /// `{}` is the amount with its unit: 增加3起.
    pub increased_by: &'static str,
    pub decreased_by: &'static str,
    /// `{}` is the percentage: 增长12.5%.
    pub grew: &'static str,
    pub fell: &'static str,
    /// `{}` is the points: 提升5.2个百分点.
    pub points_up: &'static str,
    pub points_down: &'static str,
    pub year_on_year: &'static str,
    pub period_on_period: &'static str,
    pub met: &'static str,
    pub missed: &'static str,
    pub pending: &'static str,
    pub unknown: &'static str,
    pub met_symbol: &'static str,
    pub missed_symbol: &'static str,
    pub pending_symbol: &'static str,
    pub unknown_symbol: &'static str,
    /// `{}` is a part's span (上半年) and its figure.
    pub part_value: &'static str,
    pub part_not_reported: &'static str,
    pub part_separator: &'static str,
    pub year_to_date: &'static str,
    pub rest_of_year: &'static str,
    pub not_reported: &'static str,
    pub per_period: &'static str,
    pub per_half: &'static str,
    pub per_year: &'static str,
    /// `{span}` and a bound: 每半年不少于1次.
    pub at_least: &'static str,
    pub at_most: &'static str,
    pub between: &'static str,
    pub zero: &'static str,
    /// 安全生产工作总结 after the unit and period in a composed title.
    pub title_suffix: &'static str,
    /// Where a long title may wrap: before this word (安全生产), not inside it.
    pub title_break_before: &'static str,
    /// The first breadcrumb.
    pub home: &'static str,
    /// `{}` is a year number: 2024年.
    pub year: &'static str,
    pub basis_parts: &'static str,
    /// `{}` is the number of sub-units.
    pub basis_sub_units: &'static str,
    /// Where a report's figures come from, as the unit page lists it.
    pub kind_own: &'static str,
    pub kind_parts: &'static str,
    pub kind_sub_units: &'static str,
    pub chart_overview_yoy: &'static str,
    pub chart_overview_yoy_mom: &'static str,
    /// `{whole}` and `{part}`: the labels of a ratio's denominator and numerator.
    pub chart_parts: &'static str,
    /// `{title}` and `{key}`: a chart over sub-units, sorted by `{key}`; `{unit}` the
    /// values' unit where there is one.
    pub chart_sub_units_sorted: &'static str,
    pub chart_sub_units: &'static str,
    /// `{period}`, `{title}` and `{key}`: the front page's comparison of units.
    pub chart_units_sorted: &'static str,
    /// `{labels}`: the unit page's line chart of percentages.
    pub chart_rates_trend: &'static str,
    pub chart_trend: &'static str,
    pub list_separator: &'static str,
    pub target_line: &'static str,
    /// A chart table's cell for a missing figure.
    pub no_data: &'static str,
    /// `{label}` and `{unit}`: a category of the overview chart.
    pub category_with_unit: &'static str,
    /// `{label}` and `{value}`: the ratio under a bar (整改率 98.7%).
    pub chart_note: &'static str,
}

/// A locale: its words, and the phrasing functions every renderer shares.
#[derive(Debug)]
pub struct Locale {
    pub tag: &'static str,
    pub words: Words,
}

/// Every locale: a new one is a table added here.
static LOCALES: &[&Locale] = &[&zh_cn::LOCALE];

/// The locale for a tag; zh-CN for one not supported (config rejects those already).
pub fn get(tag: &str) -> &'static Locale {
    LOCALES
        .iter()
        .find(|l| l.tag == tag)
        .copied()
        .unwrap_or(&zh_cn::LOCALE)
}

pub fn zh_cn() -> &'static Locale {
    &zh_cn::LOCALE
}

/// Fills `{}` in a pattern.
fn fill(pattern: &str, value: &str) -> String {
    pattern.replacen("{}", value, 1)
}

/// Fills named slots `{name}` in a pattern.
pub fn fill_named(pattern: &str, slots: &[(&str, &str)]) -> String {
    let mut out = pattern.to_string();
    for (name, value) in slots {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

impl Locale {
    /// A change as the genre states it, without 同比/环比: 增长12.5%, 增加3起, 提升5.2个百分点.
    /// `unit` follows an absolute amount; `value_decimals` bounds its decimals.
    pub fn change(
        &self,
        c: &Comparison,
        unit: &str,
        percent_decimals: usize,
        value_decimals: usize,
    ) -> String {
        let w = &self.words;
        let up = c.trend == Trend::Up;
        match c.change {
            Change::Equal => w.equal.into(),
            Change::RoundsToZero => w.rounds_to_zero.into(),
            Change::Absolute => {
                let amount = format::number(c.delta.abs(), value_decimals) + unit;
                fill(if up { w.increased_by } else { w.decreased_by }, &amount)
            }
            Change::Relative => {
                let rel = c.relative.unwrap_or_default().abs();
                let pct = format::percent(rel, percent_decimals);
                fill(if up { w.grew } else { w.fell }, &pct)
            }
            Change::Points => {
                let pts = format::points(c.delta, percent_decimals);
                fill(if up { w.points_up } else { w.points_down }, &pts)
            }
        }
    }

    pub fn status(&self, s: Status) -> &'static str {
        let w = &self.words;
        match s {
            Status::Met => w.met,
            Status::Missed => w.missed,
            Status::Pending => w.pending,
            Status::Unknown => w.unknown,
        }
    }

    pub fn status_symbol(&self, s: Status) -> &'static str {
        let w = &self.words;
        match s {
            Status::Met => w.met_symbol,
            Status::Missed => w.missed_symbol,
            Status::Pending => w.pending_symbol,
            Status::Unknown => w.unknown_symbol,
        }
    }

    /// What a judgement rests on, when it needs saying (上半年3，下半年0; 下半年需完成).
    pub fn grounds(&self, g: &Grounds) -> Option<String> {
        let w = &self.words;
        match g {
            Grounds::Figure => None,
            Grounds::NotReported => Some(w.not_reported.into()),
            Grounds::YearToDate => Some(w.year_to_date.into()),
            Grounds::RestOfYear => Some(w.rest_of_year.into()),
            Grounds::EachPart(parts) => Some(
                parts
                    .iter()
                    .map(|p| match p.value {
                        Some(v) => fill(&fill(w.part_value, &p.span), &format::number(v, 2)),
                        None => fill(w.part_not_reported, &p.span),
                    })
                    .collect::<Vec<_>>()
                    .join(w.part_separator),
            ),
        }
    }

    /// A target's requirement: 不少于100.0%, 每半年不少于1次, 为0. `bound` prints a bound.
    pub fn requirement(
        &self,
        min: Option<f64>,
        max: Option<f64>,
        per: Per,
        bound: impl Fn(f64) -> String,
    ) -> String {
        let w = &self.words;
        let span = match per {
            Per::Period => w.per_period,
            Per::Half => w.per_half,
            Per::Year => w.per_year,
        };
        let text = match (min, max) {
            (Some(a), Some(b)) => fill(&fill(w.between, &bound(a)), &bound(b)),
            (Some(a), None) => fill(w.at_least, &bound(a)),
            (None, Some(0.0)) => w.zero.to_string(),
            (None, Some(b)) => fill(w.at_most, &bound(b)),
            (None, None) => return String::new(),
        };
        format!("{span}{text}")
    }
}

#[cfg(test)]
mod tests;
