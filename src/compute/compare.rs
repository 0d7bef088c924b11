//! 同比 and 环比 as numbers: how a figure changed against a base period, in the form the
//! genre states it (relative % for counts, 个百分点 for percentages, an absolute amount
//! from a zero base) and whether that is good news. The words are the locale's.

use serde::Serialize;

use crate::catalog::{Better, Indicator};
use crate::decimal::rounds_to_zero;

/// A change against a base period, computed once so that words, arrows and colours agree.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Comparison {
    pub current: f64,
    pub base: f64,
    /// current − base.
    pub delta: f64,
    /// (current − base) ÷ |base|; None from a zero base (no percentage of nothing).
    pub relative: Option<f64>,
    /// For a percentage: the difference in percentage points (0.052 → 5.2).
    pub points: Option<f64>,
    /// How the change is stated.
    pub change: Change,
    /// Up, down, or flat — flat exactly when the statement is 持平 or 基本持平.
    pub trend: Trend,
    /// Whether this is good news for this indicator.
    pub direction: Direction,
}

/// Which of the genre's forms states the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// 持平.
    Equal,
    /// 基本持平: different, but the change rounds to nothing at the printed decimals.
    RoundsToZero,
    /// 增加3起: from a zero base.
    Absolute,
    /// 增长12.5%.
    Relative,
    /// 提升5.2个百分点.
    Points,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    Up,
    Down,
    Flat,
}

/// Whether a change is good news for this indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
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

/// Compares `current` with `base` for `indicator`, or None when either is not reported.
/// A change that rounds to nothing at the printed decimals is flat, so a colour never
/// disagrees with 基本持平.
pub fn compare(
    indicator: &Indicator,
    current: Option<f64>,
    base: Option<f64>,
    percent_decimals: usize,
) -> Option<Comparison> {
    compare_values(
        current?,
        base?,
        indicator.is_percentage(),
        indicator.better,
        percent_decimals,
        indicator.decimals,
    )
}

/// The same for plain numbers: `is_percentage` values are fractions compared in points.
pub fn compare_values(
    current: f64,
    base: f64,
    is_percentage: bool,
    better: Better,
    percent_decimals: usize,
    value_decimals: usize,
) -> Option<Comparison> {
    if !current.is_finite() || !base.is_finite() {
        return None;
    }
    let delta = current - base;
    let relative = (base != 0.0).then(|| delta / base.abs());
    let points = is_percentage.then_some(delta * 100.0);
    let (change, shown_zero) = if is_percentage {
        (
            Change::Points,
            rounds_to_zero(delta.abs(), 2, percent_decimals),
        )
    } else if let Some(rel) = relative {
        (
            Change::Relative,
            rounds_to_zero(rel.abs(), 2, percent_decimals),
        )
    } else {
        (
            Change::Absolute,
            rounds_to_zero(delta.abs(), 0, value_decimals),
        )
    };
    let (change, trend) = if current == base {
        (Change::Equal, Trend::Flat)
    } else if shown_zero {
        (Change::RoundsToZero, Trend::Flat)
    } else if delta > 0.0 {
        (change, Trend::Up)
    } else {
        (change, Trend::Down)
    };
    let direction = match (better, trend) {
        (Better::Up, Trend::Up) | (Better::Down, Trend::Down) => Direction::Better,
        (Better::Up, Trend::Down) | (Better::Down, Trend::Up) => Direction::Worse,
        _ => Direction::Neutral,
    };
    Some(Comparison {
        current,
        base,
        delta,
        relative,
        points,
        change,
        trend,
        direction,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn ind(id: &str) -> Indicator {
        let c = Catalog::builtin();
        c.entry(c.get(id).unwrap()).clone()
    }

    fn cmp(id: &str, current: f64, base: f64) -> Comparison {
        compare(&ind(id), Some(current), Some(base), 1).unwrap()
    }

    fn direction(id: &str, current: f64, base: f64) -> Direction {
        cmp(id, current, base).direction
    }

    #[test]
    fn counts_change_by_a_percentage_of_the_base() {
        // 45 − 40 = 5; 5 ÷ 40 = 0.125 → 增长12.5%
        let c = cmp("hazards.found", 45.0, 40.0);
        assert_eq!(
            (c.change, c.trend, c.delta),
            (Change::Relative, Trend::Up, 5.0)
        );
        assert_eq!(c.relative, Some(0.125));
        // 31 − 33 = −2; −2 ÷ 33 = −0.0606… → 下降6.1%
        let c = cmp("hazards.found", 31.0, 33.0);
        assert_eq!((c.change, c.trend), (Change::Relative, Trend::Down));
        assert!((c.relative.unwrap() + 2.0 / 33.0).abs() < 1e-12);
        assert_eq!(cmp("hazards.found", 31.0, 31.0).change, Change::Equal);
        // 1 ÷ 10000 = 0.0001 → 0.0% at one decimal: 基本持平, and flat
        let c = cmp("hazards.found", 10001.0, 10000.0);
        assert_eq!((c.change, c.trend), (Change::RoundsToZero, Trend::Flat));
    }

    #[test]
    fn a_zero_base_gives_an_absolute_change_never_a_percentage() {
        // 0 → 3 accidents: no percentage of zero exists → 增加3起
        let c = cmp("accidents.count", 3.0, 0.0);
        assert_eq!(
            (c.change, c.delta, c.relative),
            (Change::Absolute, 3.0, None)
        );
        assert_eq!(cmp("accidents.count", 0.0, 0.0).change, Change::Equal);
        // 2 → 0: −2 ÷ 2 = −100%
        let c = cmp("accidents.count", 0.0, 2.0);
        assert_eq!((c.change, c.relative), (Change::Relative, Some(-1.0)));
    }

    #[test]
    fn percentages_change_in_points() {
        // 98.7% − 93.5% = 5.2 个百分点
        let c = cmp("hazards.rectification_rate", 0.987, 0.935);
        assert_eq!((c.change, c.trend), (Change::Points, Trend::Up));
        assert!((c.points.unwrap() - 5.2).abs() < 1e-9);
        // 18.2% − 20.8% = −2.6 个百分点, never "下降2.6%"
        let c = cmp("training.coverage", 0.182, 0.208);
        assert_eq!((c.change, c.trend), (Change::Points, Trend::Down));
        assert_eq!(cmp("training.coverage", 1.0, 1.0).change, Change::Equal);
    }

    #[test]
    fn rates_with_a_scale_change_relatively() {
        // 1.65 vs 1.88: (1.65 − 1.88) ÷ 1.88 = −0.1223… → 下降12.2%
        let c = cmp("accidents.deaths_per_100k_workers", 1.65, 1.88);
        assert_eq!(c.change, Change::Relative);
        assert!((c.relative.unwrap() + 0.23 / 1.88).abs() < 1e-9);
    }

    #[test]
    fn missing_on_either_side_gives_no_change() {
        let i = ind("hazards.found");
        assert_eq!(compare(&i, None, Some(3.0), 1), None);
        assert_eq!(compare(&i, Some(3.0), None, 1), None);
    }

    #[test]
    fn direction_follows_what_is_better_for_the_indicator() {
        // Deaths 1 → 2 is worse; 整改率 90% → 99% is better; hazards found is neither.
        assert_eq!(direction("accidents.deaths", 2.0, 1.0), Direction::Worse);
        assert_eq!(
            direction("hazards.rectification_rate", 0.99, 0.9),
            Direction::Better
        );
        assert_eq!(direction("hazards.found", 50.0, 40.0), Direction::Neutral);
        // 10001 vs 10000 accidents reads 基本持平, so it is not coloured as worse.
        assert_eq!(
            direction("accidents.count", 10001.0, 10000.0),
            Direction::Neutral
        );
    }
}
