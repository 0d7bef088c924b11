//! 同比 and 环比: how a figure changed against a base period, and how these documents
//! say it — 增长12.5%, 下降3.0%, 持平, 增加3起 (from a zero base), 提升5.2个百分点.

use crate::catalog::{Better, Indicator};
use crate::format::{self, Trend};

/// A change against a base period: the genre's words and whether it is good news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Without 同比/环比, which the caller puts in front: 增长12.5%, 提升5.2个百分点.
    pub phrase: String,
    pub direction: Direction,
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

/// Compares `current` with `base`, or None when either is not reported. The words come
/// from `format::describe_change` (relative % for counts and rates, 个百分点 for
/// percentages, an absolute change from a zero base); a change that rounds to nothing is
/// neutral, so a colour never disagrees with 基本持平.
pub fn compare(
    indicator: &Indicator,
    current: Option<f64>,
    base: Option<f64>,
    percent_decimals: usize,
) -> Option<Comparison> {
    let pct = indicator.is_percentage();
    let (unit, decimals) = (indicator.unit.as_str(), indicator.decimals);
    let (phrase, trend) =
        format::describe_change(current, base, pct, unit, percent_decimals, decimals)?;
    let direction = match (indicator.better, trend) {
        (Better::Up, Trend::Up) | (Better::Down, Trend::Down) => Direction::Better,
        (Better::Up, Trend::Down) | (Better::Down, Trend::Up) => Direction::Worse,
        _ => Direction::Neutral,
    };
    Some(Comparison { phrase, direction })
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
        compare(&ind(id), Some(current), Some(base), 1)
            .unwrap()
            .phrase
    }

    fn direction(id: &str, current: f64, base: f64) -> Direction {
        compare(&ind(id), Some(current), Some(base), 1)
            .unwrap()
            .direction
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
