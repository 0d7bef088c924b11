//! Geometry without drawing: text width estimates, label fitting, value-axis ticks, the plot frame.

use super::Scale;

/// Estimated width in pixels of `text` at `px` font size.
///
/// Full-width (CJK) characters count 1 em and ASCII 0.6 em, the widest common values across the
/// fonts in [`super::style::FONT_FAMILY`]; callers keep a further margin because the font the
/// viewer picks is unknown.
pub fn text_width(text: &str, px: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum::<f64>()
        * px
}

/// `text` unchanged if it fits in `max` pixels, else its longest prefix that fits with "…".
pub fn truncate(text: &str, px: f64, max: f64) -> String {
    if text_width(text, px) <= max {
        return text.to_string();
    }
    let budget = max - text_width("…", px);
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), px);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `text` in at most two lines of `max` pixels, the second truncated if need be.
///
/// Breaks after 年 or before a bracket or space when that keeps at least half the first line,
/// so "2024年上半年" wraps as "2024年" / "上半年" rather than mid-word.
pub fn wrap_two_lines(text: &str, px: f64, max: f64) -> Vec<String> {
    if text_width(text, px) <= max {
        return vec![text.to_string()];
    }
    let chars: Vec<char> = text.chars().collect();
    let mut fit = 0;
    let mut used = 0.0;
    while fit < chars.len() {
        let w = text_width(chars[fit].encode_utf8(&mut [0; 4]), px);
        if used + w > max {
            break;
        }
        used += w;
        fit += 1;
    }
    let nice_break = (fit.div_ceil(2).max(1)..=fit).rev().find(|&i| {
        i < chars.len()
            && (chars[i - 1] == '年' || matches!(chars[i], '（' | '(' | ' ' | '·' | '-'))
    });
    let cut = nice_break.unwrap_or(fit).max(1);
    let first: String = chars[..cut].iter().collect();
    let rest: String = chars[cut..].iter().collect();
    vec![first, truncate(rest.trim(), px, max)]
}

/// Ticks of a value axis from `min` (0 unless zoomed) to `max` in steps of `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueAxis {
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

/// Below this share of the axis the lowest value would sit, a percentage trend is drawn on an
/// axis that does not start at 0: 84%–100% on 0–100% is a flat line in the top sixth.
const ZOOM_BELOW: f64 = 0.5;

impl ValueAxis {
    /// An axis from 0 covering `data_max`: 0–100% for percentages, a round number for counts.
    /// Counts with `decimals == 0` get whole-number ticks.
    pub fn new(data_max: f64, scale: Scale, decimals: usize) -> Self {
        match scale {
            Scale::Percent if data_max <= 1.0 => ValueAxis {
                min: 0.0,
                max: 1.0,
                step: 0.2,
            },
            Scale::Percent => Self::round(data_max, 0.01),
            Scale::Count => {
                let min_step = if decimals == 0 { 1.0 } else { 0.0 };
                Self::round(data_max, min_step)
            }
        }
    }

    fn round(data_max: f64, min_step: f64) -> Self {
        let data_max = if data_max > 0.0 { data_max } else { 1.0 };
        let raw = data_max / 5.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|&s| s >= raw)
            .unwrap_or(10.0 * magnitude)
            .max(min_step);
        let max = (data_max / step - 1e-9).ceil() * step;
        ValueAxis {
            min: 0.0,
            max,
            step,
        }
    }

    /// A percentage axis for a trend whose values all lie high up (84%–100%): it starts a
    /// round step below `data_min` instead of at 0, so the differences can be read. Left at
    /// 0 when the lowest value is under half the axis, or for counts (bars and counts are
    /// read from 0). Callers mark a zoomed axis as not starting at 0.
    pub fn zoomed(self, data_min: f64, scale: Scale) -> Self {
        if scale != Scale::Percent || !data_min.is_finite() || data_min < self.max * ZOOM_BELOW {
            return self;
        }
        let span = self.max - data_min;
        let step = [0.01, 0.02, 0.05, 0.1]
            .into_iter()
            .find(|&s| s * 4.0 >= span)
            .unwrap_or(0.1);
        // The round step below the lowest value, one more when that value would sit right on
        // the baseline, so its point and label stay clear of it.
        let mut min = (data_min / step + 1e-9).floor() * step;
        if data_min - min < step * 0.4 {
            min -= step;
        }
        let min = min.max(0.0);
        ValueAxis {
            min,
            max: self.max,
            step,
        }
    }

    /// Whether the axis starts above 0 (drawn with a break mark).
    pub fn is_zoomed(&self) -> bool {
        self.min > 0.0
    }

    /// The tick values min, min + step, …, max.
    pub fn ticks(&self) -> Vec<f64> {
        let count = ((self.max - self.min) / self.step).round() as usize;
        (0..=count)
            .map(|i| self.min + i as f64 * self.step)
            .collect()
    }

    /// A tick value as written beside the axis: `40%`, `250`, `0.5`.
    pub fn tick_label(&self, value: f64, scale: Scale) -> String {
        let (value, step) = match scale {
            Scale::Percent => (value * 100.0, self.step * 100.0),
            Scale::Count => (value, self.step),
        };
        let decimals = if step >= 1.0 - 1e-9 {
            0
        } else {
            (-step.log10().floor()) as usize
        };
        let suffix = if scale == Scale::Percent { "%" } else { "" };
        format!("{value:.decimals$}{suffix}")
    }
}

/// The plotting rectangle in pixels and the category slots along it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    /// Number of categories (at least 1, so an empty chart still has a slot).
    pub slots: usize,
}

impl Frame {
    pub fn slot_width(&self) -> f64 {
        f64::from(self.right - self.left) / self.slots as f64
    }

    /// Left edge of category `i`'s slot.
    pub fn slot_left(&self, i: usize) -> f64 {
        f64::from(self.left) + i as f64 * self.slot_width()
    }

    /// Centre of category `i`'s slot.
    pub fn slot_centre(&self, i: usize) -> i32 {
        (self.slot_left(i) + self.slot_width() / 2.0).round() as i32
    }

    /// Pixel row of `value` on an axis running 0..=`max`; values below 0 sit on the baseline.
    pub fn y(&self, value: f64, max: f64) -> i32 {
        self.y_between(value, 0.0, max)
    }

    /// Pixel row of `value` on an axis running `min..=max`; values below `min` sit on the
    /// baseline.
    pub fn y_between(&self, value: f64, min: f64, max: f64) -> i32 {
        let share = ((value - min) / (max - min)).max(0.0);
        (f64::from(self.bottom) - share * f64::from(self.bottom - self.top)).round() as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_one_em_and_digits_less() {
        assert_eq!(text_width("排查隐患", 10.0), 40.0);
        assert_eq!(text_width("120", 10.0), 18.0);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis_inside_the_budget() {
        let cut = truncate("第一分公司第二项目部", 12.0, 60.0);
        assert_eq!(cut, "第一分公…");
        assert!(text_width(&cut, 12.0) <= 60.0);
        assert_eq!(truncate("一分厂", 12.0, 60.0), "一分厂");
    }

    #[test]
    fn periods_wrap_after_the_year() {
        assert_eq!(
            wrap_two_lines("2024年上半年", 12.0, 60.0),
            vec!["2024年", "上半年"]
        );
        assert_eq!(wrap_two_lines("一分厂", 12.0, 60.0), vec!["一分厂"]);
    }

    #[test]
    fn percent_axis_runs_to_100_percent() {
        let axis = ValueAxis::new(0.73, Scale::Percent, 1);
        assert_eq!(axis.max, 1.0);
        assert_eq!(axis.tick_label(0.6, Scale::Percent), "60%");
    }

    #[test]
    fn a_high_percentage_trend_gets_an_axis_that_does_not_start_at_0() {
        let axis = ValueAxis::new(1.0, Scale::Percent, 1).zoomed(0.84, Scale::Percent);
        assert!(axis.is_zoomed());
        assert!((axis.min - 0.8).abs() < 1e-9, "{axis:?}");
        assert!((axis.step - 0.05).abs() < 1e-9, "{axis:?}");
        assert_eq!(axis.ticks().len(), 5);
        // A value right on a round step gets one step of air below it.
        let axis = ValueAxis::new(1.0, Scale::Percent, 1).zoomed(0.85, Scale::Percent);
        assert!((axis.min - 0.8).abs() < 1e-9, "{axis:?}");
        // A low value keeps the axis at 0; counts are never zoomed.
        assert!(!ValueAxis::new(1.0, Scale::Percent, 1)
            .zoomed(0.3, Scale::Percent)
            .is_zoomed());
        assert!(!ValueAxis::new(100.0, Scale::Count, 0)
            .zoomed(90.0, Scale::Count)
            .is_zoomed());
    }

    #[test]
    fn count_axis_rounds_up_with_whole_ticks() {
        assert_eq!(ValueAxis::new(132.0, Scale::Count, 0).max, 150.0);
        let small = ValueAxis::new(3.0, Scale::Count, 0);
        assert_eq!(small.step, 1.0);
        assert_eq!(small.ticks(), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(ValueAxis::new(0.0, Scale::Count, 0).max, 1.0);
    }
}
