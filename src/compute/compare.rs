//! 同比 and 环比: how a figure changed against a base period, and how these documents
//! say it — 增长12.5%, 下降3.0%, 持平, 增加3起 (from a zero base), 提升5.2个百分点.

use crate::catalog::{Better, Indicator};
use crate::format;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// Exactly equal: 持平.
    Same,
    /// (current − base) ÷ base, for counts and rates: +0.125 reads 增长12.5%.
    Relative(f64),
    /// current − base when the base is 0, which has no percentage: 增加3起.
    FromZero(f64),
    /// current − base for a percentage, in fractions: +0.052 reads 提升5.2个百分点.
    Points(f64),
}

/// Whether a change is good news for this indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Better,
    Worse,
    Neutral,
}

impl Direction {
    /// For CSS classes and data attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Better => "better",
            Direction::Worse => "worse",
            Direction::Neutral => "flat",
        }
    }
}

/// The change from `base` to `current`, or None when either is not reported.
pub fn change(indicator: &Indicator, current: Option<f64>, base: Option<f64>) -> Option<Change> {
    let (current, base) = (current?, base?);
    let diff = current - base;
    Some(if diff == 0.0 {
        Change::Same
    } else if indicator.is_percentage() {
        Change::Points(diff)
    } else if base == 0.0 {
        Change::FromZero(diff)
    } else {
        Change::Relative(diff / base)
    })
}

impl Change {
    fn signed(self) -> f64 {
        match self {
            Change::Same => 0.0,
            Change::Relative(v) | Change::FromZero(v) | Change::Points(v) => v,
        }
    }

    pub fn direction(self, better: Better) -> Direction {
        let s = self.signed();
        match better {
            Better::Up if s > 0.0 => Direction::Better,
            Better::Up if s < 0.0 => Direction::Worse,
            Better::Down if s < 0.0 => Direction::Better,
            Better::Down if s > 0.0 => Direction::Worse,
            _ => Direction::Neutral,
        }
    }

    /// The phrase without 同比/环比, which the caller puts in front.
    pub fn phrase(self, indicator: &Indicator, percent_decimals: usize) -> String {
        let s = self.signed();
        match self {
            Change::Same => "持平".into(),
            Change::Relative(v) => {
                let amount = format::percent(v.abs(), percent_decimals);
                if format::percent(0.0, percent_decimals) == amount {
                    "基本持平".into()
                } else if s > 0.0 {
                    format!("增长{amount}")
                } else {
                    format!("下降{amount}")
                }
            }
            Change::FromZero(v) => {
                let verb = if s > 0.0 { "增加" } else { "减少" };
                format!(
                    "{verb}{}{}",
                    format::number(v.abs(), indicator.decimals),
                    indicator.unit
                )
            }
            Change::Points(v) => {
                let amount = format::points(v.abs(), percent_decimals);
                if format::points(0.0, percent_decimals) == amount {
                    "基本持平".into()
                } else if s > 0.0 {
                    format!("提升{amount}")
                } else {
                    format!("下降{amount}")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn ind(id: &str) -> Indicator {
        let c = Catalog::builtin();
        c.entry(c.get(id).unwrap()).clone()
    }

    fn phrase(id: &str, current: f64, base: f64) -> String {
        let i = ind(id);
        change(&i, Some(current), Some(base)).unwrap().phrase(&i, 1)
    }

    #[test]
    fn counts_change_by_a_percentage_of_the_base() {
        // 45 − 40 = 5; 5 ÷ 40 = 0.125 → 增长12.5%
        assert_eq!(phrase("hazards.found", 45.0, 40.0), "增长12.5%");
        // 31 − 33 = −2; 2 ÷ 33 = 0.0606… → 下降6.1%
        assert_eq!(phrase("hazards.found", 31.0, 33.0), "下降6.1%");
        assert_eq!(phrase("hazards.found", 31.0, 31.0), "持平");
        // 10001 − 10000 = 1; 1 ÷ 10000 = 0.0001 → 0.0% at one decimal: 基本持平
        assert_eq!(phrase("hazards.found", 10001.0, 10000.0), "基本持平");
    }

    #[test]
    fn a_zero_base_gives_an_absolute_change_never_a_percentage() {
        // 0 → 3 accidents: no percentage of zero exists → 增加3起
        assert_eq!(phrase("accidents.count", 3.0, 0.0), "增加3起");
        assert_eq!(phrase("accidents.count", 0.0, 0.0), "持平");
        // 2 → 0: −2 ÷ 2 = −100%
        assert_eq!(phrase("accidents.count", 0.0, 2.0), "下降100.0%");
    }

    #[test]
    fn percentages_change_in_points() {
        // 98.7% − 93.5% = 5.2 个百分点
        assert_eq!(
            phrase("hazards.rectification_rate", 0.987, 0.935),
            "提升5.2个百分点"
        );
        // 18.2% − 20.8% = −2.6 个百分点, never "下降2.6%"
        assert_eq!(phrase("training.coverage", 0.182, 0.208), "下降2.6个百分点");
        assert_eq!(phrase("training.coverage", 1.0, 1.0), "持平");
    }

    #[test]
    fn rates_with_a_scale_change_relatively() {
        // 1.65 vs 1.88: (1.65 − 1.88) ÷ 1.88 = −0.1223… → 下降12.2%
        assert_eq!(
            phrase("accidents.deaths_per_100k_workers", 1.65, 1.88),
            "下降12.2%"
        );
    }

    #[test]
    fn missing_on_either_side_gives_no_change() {
        let i = ind("hazards.found");
        assert_eq!(change(&i, None, Some(3.0)), None);
        assert_eq!(change(&i, Some(3.0), None), None);
    }

    #[test]
    fn direction_follows_what_is_better_for_the_indicator() {
        let deaths = ind("accidents.deaths");
        let up = change(&deaths, Some(2.0), Some(1.0)).unwrap();
        assert_eq!(up.direction(deaths.better), Direction::Worse);
        let rate = ind("hazards.rectification_rate");
        let up = change(&rate, Some(0.99), Some(0.9)).unwrap();
        assert_eq!(up.direction(rate.better), Direction::Better);
        let found = ind("hazards.found");
        let up = change(&found, Some(50.0), Some(40.0)).unwrap();
        assert_eq!(up.direction(found.better), Direction::Neutral);
    }
}
