//! Words: the one place that turns the model's enums and numbers into the genre's
//! phrases (增长12.5%、提升5.2个百分点、达标、进行中…). A locale is a table of words and
//! patterns ([`Words`]); zh-CN is the only one for now, and zh-TW or en would be another
//! table, not new code. Patterns mark where a value goes with `{}` (one value) or with
//! named slots such as `{label}`.

mod zh_cn;

use crate::catalog::Verbs;
use crate::compute::compare::{Change, Comparison, Trend};
use crate::compute::targets::{Grounds, Status};
use crate::config::Per;
use crate::format;
use crate::period::{Period, PeriodKind};

/// Every word and pattern a site uses.
#[derive(Debug)]
pub struct Words {
    pub equal: &'static str,
    pub rounds_to_zero: &'static str,
    /// `{}` is the amount with its unit: 增加3起.
    pub increased_by: &'static str,
    pub decreased_by: &'static str,
    /// `{}` is the percentage: 增长12.5% (work done), 上升12.5% (harm), 下降12.5% (both).
    pub grew: &'static str,
    pub rose: &'static str,
    pub fell: &'static str,
    /// `{abs}` and `{rel}`: a change said with both numbers, 减少8起、下降14.29%.
    pub both_changes: &'static str,
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
    pub not_applicable_symbol: &'static str,
    /// `{}` is a part's span (上半年) and its figure.
    pub part_value: &'static str,
    pub part_not_reported: &'static str,
    pub part_separator: &'static str,
    /// `{}` is the span judged on: 按全年累计判定, 按1—9月累计判定.
    pub to_date: &'static str,
    /// `{}` is the span still to come: 下半年需完成.
    pub rest_to_come: &'static str,
    pub not_reported: &'static str,
    pub per_period: &'static str,
    pub per_half: &'static str,
    pub per_year: &'static str,
    /// `{span}` and a bound: 每半年不少于1次.
    pub at_least: &'static str,
    pub at_most: &'static str,
    /// The same bounds of a percentage: 不低于100%, 不高于5%.
    pub not_below: &'static str,
    pub not_above: &'static str,
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
    /// How periods are named. `{}` is the year of an annual period (2024年度); `{year}`
    /// and `{span}` make any other (2024年上半年).
    pub period_year: &'static str,
    pub period_in_year: &'static str,
    /// `{}` is a month number (3月).
    pub month: &'static str,
    /// 第一季度 … 第四季度.
    pub quarters: [&'static str; 4],
    /// 上半年, 下半年.
    pub halves: [&'static str; 2],
    /// The year as a span of itself (全年数字) and as a report's name in its year (年度).
    pub whole_year: &'static str,
    pub year_report: &'static str,
    /// `{first}` and `{last}` months of a year-to-date span (1—9月).
    pub months: &'static str,
    /// `{file}` names the period's file (年度, 上半年), `{span}` the period (全年),
    /// `{parts}` the parts its figures were summed from.
    pub basis_parts: &'static str,
    /// The heading of the plans section (三、) by what follows the report: `{}` is a year
    /// after an annual report; after the halves, fixed words; otherwise `{}` is the span
    /// that follows, arranged (安排) when nearer, planned (打算) when it ends the year.
    pub plans_next_year: &'static str,
    pub plans_after_first_half: &'static str,
    pub plans_after_second_half: &'static str,
    pub plans_arrange: &'static str,
    pub plans_intend: &'static str,
    /// `{}` is the number of sub-units.
    pub basis_sub_units: &'static str,
    /// Where a report's figures come from, as the unit page lists it.
    pub kind_own: &'static str,
    /// `{}` names the parts a derived report was summed from (上下半年, 各季度).
    pub kind_parts: &'static str,
    pub parts_of_year: &'static str,
    pub parts_of_half: &'static str,
    pub parts_of_quarter: &'static str,
    pub parts_of_span: &'static str,
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
    /// A rate whose denominator is a reported 0: nothing to measure (0 ÷ 0 重大隐患整改率).
    pub not_applicable: &'static str,
    /// A control indicator (maximum) kept under its ceiling, or `{}` above it.
    pub within_ceiling: &'static str,
    pub over_ceiling: &'static str,
    /// A minimum target: reached with `{}` to spare, or `{}` short.
    pub above_floor: &'static str,
    pub short_of_floor: &'static str,
    /// Exactly on the bound.
    pub on_bound: &'static str,
    /// `{labels}` and `{n}` (双/三/四…): every harm indicator fell, 实现“双下降”.
    pub all_fell: &'static str,
    /// `{labels}` and `{n}`: every one rose.
    pub all_rose: &'static str,
    /// `{summary}` (一升三降) and `{parts}` (the indicators by direction, in catalog order).
    pub mixed_directions: &'static str,
    /// `{labels}` and `{verb}`: one group of the mixed parts (受伤人数上升).
    pub direction_part: &'static str,
    pub up_char: &'static str,
    pub down_char: &'static str,
    pub flat_char: &'static str,
    /// 双 in 双下降, 两 in 两升两降.
    pub pair_all: &'static str,
    pub pair_count: &'static str,
    pub up_verb: &'static str,
    pub down_verb: &'static str,
    pub flat_verb: &'static str,
    /// Per indicator id: what a zero says (未发生生产安全事故) and what a figure says with
    /// `{}` (发生生产安全事故3起), for the `said` filter.
    pub said: &'static [(&'static str, &'static str, &'static str)],
    /// Why a rate is 不适用 when the locale has no words for its denominator's zero.
    pub nothing_to_measure: &'static str,
    /// `{units}` reported `{label}` without its categories: why a breakdown shows —.
    pub breakdown_unbroken: &'static str,
    /// The basis of a target a project set itself.
    pub own_target: &'static str,
    /// The header row of indicators.csv: names for the people who open it.
    pub csv_header: &'static str,
    /// The total row of a breakdown table.
    pub breakdown_total: &'static str,
    /// 一、安全生产形势 and its parts.
    pub situation: &'static str,
    pub situation_accidents: &'static str,
    pub situation_control: &'static str,
    /// `{period}` and `{unit}` before the figures: 2024年，城关县.
    pub situation_opening: &'static str,
    /// `{figure}` and `{change}`: 发生生产安全事故3起，同比减少1起、下降25%.
    pub figure_with_change: &'static str,
    /// `{label}`, `{value}` and `{margin}`: 死亡人数0人，控制在指标以内.
    pub control_line: &'static str,
    pub sentence_separator: &'static str,
    pub sentence_end: &'static str,
    /// The words a chart writes itself, and the chart table's cell for a missing figure.
    pub chart: ChartWords,
    /// `{label}` and `{unit}`: a category of the overview chart.
    pub category_with_unit: &'static str,
    /// `{label}` and `{value}`: the ratio under a bar (整改率 98.7%).
    pub chart_note: &'static str,
    /// `{n}` and `{title}`: a chart and a table in the Word file, after the 落款 (附图1　…).
    pub figure_caption: &'static str,
    pub table_caption: &'static str,
    /// In the Word file where a chart could not be drawn for want of a CJK font.
    pub figure_without_font: &'static str,
    /// The parts the writer fills after 安全生产形势, as Word numbers them (二、存在的问题).
    pub work: &'static str,
    pub problems: &'static str,
    /// The appendix tables of the Word and Excel files: titles, the total row of the
    /// sub-units and the column heads. `head_measure` heads the unit of measurement (处),
    /// `head_unit` the sub-units.
    pub figures_table: &'static str,
    pub targets_table: &'static str,
    pub sub_units_table: &'static str,
    pub sub_units_total: &'static str,
    pub head_indicator: &'static str,
    pub head_value: &'static str,
    pub head_measure: &'static str,
    pub head_unit: &'static str,
    pub head_requirement: &'static str,
    pub head_actual: &'static str,
    pub head_result: &'static str,
    pub head_basis: &'static str,
    /// `{status}` and `{note}`: a judgement with what it rests on, 未达标（差2次）.
    pub status_with_note: &'static str,
    /// `{n}` and `{title}`: a sheet of the report's workbook (附表1 主要指标).
    pub sheet_name: &'static str,
    /// The one sheet of data/indicators.xlsx and its column heads: what a clerk reads
    /// first, the codes for machines last.
    pub indicators_sheet: &'static str,
    pub indicators_head: [&'static str; 13],
}

/// The words a chart writes on itself and in its description (`<desc>`), which strings
/// every category's values together for a screen reader.
#[derive(Debug, PartialEq)]
pub struct ChartWords {
    /// Where a value is missing (no bar, a break in the line), and a table's empty cell.
    pub no_data: &'static str,
    /// `{unit}` over the value axis: 单位：处.
    pub unit_axis: &'static str,
    /// `{from}`: an axis that does not start at 0 says where it starts, 纵轴从80%起.
    pub axis_from: &'static str,
    /// Over small multiples, where each indicator has its own axis.
    pub per_category_note: &'static str,
    /// `{categories}` and `{series}`: what a bar chart shows, opening its description
    /// (柱形图：横轴为…，柱依次为…). The description is a summary: the numbers are in the
    /// table the page shows under every chart, so a screen reader reads them once.
    pub bar_summary: &'static str,
    /// The same for a line chart (折线图：横轴为…，折线依次为…).
    pub line_summary: &'static str,
    /// `{first}`, `{last}` and `{count}`: many categories named by their ends (…至…共7项).
    pub category_span: &'static str,
    /// Ends the description: where the numbers are (各数值见图下数据表).
    pub see_table: &'static str,
    /// `{name}` and `{value}`: one named value, such as the target line's (目标 100%).
    pub named_value: &'static str,
    /// `{}`: a category's note set beside it (（整改率 92.3%）).
    pub aside: &'static str,
    /// Between names in a description (2024年上半年、2023年上半年).
    pub name_separator: &'static str,
    pub part_separator: &'static str,
    pub end: &'static str,
}

/// Charts built without naming their words speak the default locale, zh-CN (as
/// [`get`] does for a tag it does not know); the report's charts always name theirs.
impl Default for &'static ChartWords {
    fn default() -> Self {
        &zh_cn::LOCALE.words.chart
    }
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
pub fn fill(pattern: &str, value: &str) -> String {
    pattern.replacen("{}", value, 1)
}

/// Fills named slots `{name}` in a pattern, in one pass over it: a value is never read
/// for slots itself, and a brace that names no slot stays as written.
pub fn fill_named(pattern: &str, slots: &[(&str, &str)]) -> String {
    let values: usize = slots.iter().map(|(_, v)| v.len()).sum();
    let mut out = String::with_capacity(pattern.len() + values);
    let mut rest = pattern;
    // Bytes, not chars: `{` is ASCII, and the patterns are mostly Chinese.
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        let after = &rest[open + 1..];
        let slot = after.bytes().position(|b| b == b'}').and_then(|close| {
            let value = slots.iter().find(|(name, _)| *name == &after[..close])?.1;
            Some((value, &after[close + 1..]))
        });
        match slot {
            Some((value, tail)) => {
                out.push_str(&rest[..open]);
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Locale {
    /// A change in one number, as a table cell says it, without 同比/环比: 增长12.5%,
    /// 上升50% (harm), 增加3起 (from a zero base), 提升5.2个百分点. `unit` follows an
    /// absolute amount; `value_decimals` bounds its decimals.
    pub fn change(
        &self,
        c: &Comparison,
        unit: &str,
        percent_decimals: usize,
        value_decimals: usize,
    ) -> String {
        match c.change {
            Change::Absolute => self.absolute_change(c, unit, percent_decimals, value_decimals),
            _ => self
                .relative_change(c, percent_decimals)
                .unwrap_or_default(),
        }
    }

    /// A change as prose states it, with both numbers where there are two: 同比减少8起、
    /// 下降14.29%. A scaled rate has no unit to count in, so only its percentage is said.
    pub fn statement(
        &self,
        c: &Comparison,
        unit: &str,
        percent_decimals: usize,
        value_decimals: usize,
    ) -> String {
        let short = self.change(c, unit, percent_decimals, value_decimals);
        // A scaled rate (no unit, or one per a base: 人/10万人, 人/亿元) is stated by its
        // percentage alone, as the genre states 亿元GDP死亡率; "减少0.23人/10万人" reads wrong.
        if c.change != Change::Relative || unit.is_empty() || unit.contains('/') {
            return short;
        }
        let abs = self.absolute_change(c, unit, percent_decimals, value_decimals);
        fill_named(self.words.both_changes, &[("abs", &abs), ("rel", &short)])
    }

    /// The change in the indicator's own unit: 减少8起, 提升5.2个百分点 (a percentage's
    /// absolute change is its points), 持平.
    pub fn absolute_change(
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
            Change::Points | Change::RoundsToZero => self
                .relative_change(c, percent_decimals)
                .unwrap_or_default(),
            Change::Absolute | Change::Relative => {
                let amount = format::number(c.delta.abs(), value_decimals);
                if amount == "0" {
                    return w.rounds_to_zero.into();
                }
                fill(
                    if up { w.increased_by } else { w.decreased_by },
                    &(amount + unit),
                )
            }
        }
    }

    /// The change as a percentage of the base: 下降14.29%, 上升50% (harm), 增长12.5% (work);
    /// 提升5.2个百分点 for a percentage. None from a zero base, where no percentage exists.
    pub fn relative_change(&self, c: &Comparison, percent_decimals: usize) -> Option<String> {
        let w = &self.words;
        let up = c.trend == Trend::Up;
        Some(match c.change {
            Change::Equal => w.equal.into(),
            Change::RoundsToZero => w.rounds_to_zero.into(),
            Change::Absolute => return None,
            Change::Relative => {
                let rel = c.relative.unwrap_or_default().abs();
                let pct = format::percent(rel, percent_decimals);
                let rise = match c.verbs {
                    Verbs::Harm => w.rose,
                    _ => w.grew,
                };
                fill(if up { rise } else { w.fell }, &pct)
            }
            Change::Points => {
                let pts = format::points(c.delta, percent_decimals);
                fill(if up { w.points_up } else { w.points_down }, &pts)
            }
        })
    }

    /// How the directions of several indicators count up, named in order (DOMAIN §5):
    /// 生产安全事故、死亡人数实现“双下降”; “一升三降”（受伤人数上升，…下降）. None for none.
    pub fn directions(&self, items: &[(&str, Trend)]) -> Option<String> {
        let w = &self.words;
        let of = |t: Trend| -> Vec<&str> {
            items
                .iter()
                .filter(|(_, x)| *x == t)
                .map(|(l, _)| *l)
                .collect()
        };
        let (up, flat, down) = (of(Trend::Up), of(Trend::Flat), of(Trend::Down));
        let labels = |l: &[&str]| l.join(w.list_separator);
        let count = |n: usize, all: bool| match n {
            2 if all => w.pair_all.to_string(),
            2 => w.pair_count.to_string(),
            n => format::chinese_number(n as u32),
        };
        let n = items.len();
        let verb = |t: Trend| match t {
            Trend::Up => w.up_verb,
            Trend::Down => w.down_verb,
            Trend::Flat => w.flat_verb,
        };
        Some(match n {
            0 => return None,
            1 => fill_named(
                w.direction_part,
                &[("labels", items[0].0), ("verb", verb(items[0].1))],
            ),
            _ if down.len() == n || up.len() == n => fill_named(
                if down.len() == n {
                    w.all_fell
                } else {
                    w.all_rose
                },
                &[
                    (
                        "labels",
                        &labels(&items.iter().map(|i| i.0).collect::<Vec<_>>()),
                    ),
                    ("n", &count(n, true)),
                ],
            ),
            _ => {
                let groups = [
                    (up, Trend::Up, w.up_char),
                    (flat, Trend::Flat, w.flat_char),
                    (down, Trend::Down, w.down_char),
                ];
                let present: Vec<_> = groups.iter().filter(|g| !g.0.is_empty()).collect();
                let summary: String = present
                    .iter()
                    .map(|g| count(g.0.len(), false) + g.2)
                    .collect();
                let parts: Vec<String> = present
                    .iter()
                    .map(|g| {
                        fill_named(
                            w.direction_part,
                            &[("labels", &labels(&g.0)), ("verb", verb(g.1))],
                        )
                    })
                    .collect();
                fill_named(
                    w.mixed_directions,
                    &[
                        ("summary", &summary),
                        ("parts", &parts.join(w.part_separator)),
                    ],
                )
            }
        })
    }

    /// A judged target with its margin: a ceiling (控制指标) kept, 控制在指标以内, or passed,
    /// 超出控制指标0.017; a floor passed, 超过目标2次, reached, or missed, 差2.3个百分点.
    /// 不适用 when there was nothing to measure; None when it cannot be judged.
    /// `amount` prints the margin's size in the indicator's terms (1人, 2.3个百分点).
    pub fn target_margin(
        &self,
        status: Status,
        floor: bool,
        margin: Option<f64>,
        amount: impl Fn(f64) -> String,
    ) -> Option<String> {
        let w = &self.words;
        if status == Status::NotApplicable {
            return Some(w.not_applicable.into());
        }
        let m = margin?;
        let amount = amount(m.abs());
        Some(match (floor, m) {
            (false, m) if m >= 0.0 => w.within_ceiling.into(),
            (false, _) => fill(w.over_ceiling, &amount),
            (true, 0.0) => w.on_bound.into(),
            (true, m) if m > 0.0 => fill(w.above_floor, &amount),
            (true, _) => fill(w.short_of_floor, &amount),
        })
    }

    pub fn status(&self, s: Status) -> &'static str {
        let w = &self.words;
        match s {
            Status::Met => w.met,
            Status::Missed => w.missed,
            Status::Pending => w.pending,
            Status::Unknown => w.unknown,
            Status::NotApplicable => w.not_applicable,
        }
    }

    pub fn status_symbol(&self, s: Status) -> &'static str {
        let w = &self.words;
        match s {
            Status::Met => w.met_symbol,
            Status::Missed => w.missed_symbol,
            Status::Pending => w.pending_symbol,
            Status::Unknown => w.unknown_symbol,
            Status::NotApplicable => w.not_applicable_symbol,
        }
    }

    /// What a judgement rests on, when it needs saying (上半年3，下半年0; 下半年需完成).
    pub fn grounds(&self, g: &Grounds) -> Option<String> {
        let w = &self.words;
        match g {
            Grounds::Figure => None,
            Grounds::NotReported => Some(w.not_reported.into()),
            Grounds::ToDate(p) => Some(fill(w.to_date, &self.span_label(p.period))),
            Grounds::RestToCome(p) => Some(fill(w.rest_to_come, &self.span_label(p.period))),
            // 未发现重大隐患 where the locale has words for the zero, else 分母为0.
            Grounds::NothingToMeasure(id) => Some(
                w.said
                    .iter()
                    .find(|(i, _, _)| i == id)
                    .map_or(w.nothing_to_measure, |(_, zero, _)| zero)
                    .into(),
            ),
            Grounds::EachPart(parts) => Some(
                parts
                    .iter()
                    .map(|p| match p.value {
                        Some(v) => fill(
                            &fill(w.part_value, &self.span_label(p.period)),
                            &format::number(v, 2),
                        ),
                        None => fill(w.part_not_reported, &self.span_label(p.period)),
                    })
                    .collect::<Vec<_>>()
                    .join(w.part_separator),
            ),
        }
    }

    /// 2024年3月, 2024年第一季度, 2024年上半年, 2024年度, 2024年1—9月: as titles and
    /// tables write a period.
    pub fn period_label(&self, p: Period) -> String {
        let w = &self.words;
        let year = p.year_number().to_string();
        match p.kind() {
            PeriodKind::Year => fill(w.period_year, &year),
            _ => fill_named(
                w.period_in_year,
                &[("year", &year), ("span", &self.span_label(p))],
            ),
        }
    }

    /// 3月 / 第一季度 / 上半年 / 全年 / 1—9月: the span without the year, for prose.
    pub fn span_label(&self, p: Period) -> String {
        let w = &self.words;
        match p.kind() {
            PeriodKind::Month(m) => fill(w.month, &m.to_string()),
            PeriodKind::Quarter(q) => w.quarters[usize::from(q) - 1].into(),
            PeriodKind::Half(h) => w.halves[usize::from(h) - 1].into(),
            PeriodKind::Year => w.whole_year.into(),
            PeriodKind::Span => {
                let (first, last) = p.months();
                let (first, last) = (first.to_string(), last.to_string());
                fill_named(w.months, &[("first", &first), ("last", &last)])
            }
        }
    }

    /// 上半年 / 第一季度 / 3月 / 年度 / 1—9月: a report's name within its year, for links
    /// grouped by year.
    pub fn short_label(&self, p: Period) -> String {
        match p.kind() {
            PeriodKind::Year => self.words.year_report.into(),
            _ => self.span_label(p),
        }
    }

    /// 本单位未单独填写年度文件，全年数字由上半年、下半年数据汇总得出。
    pub fn basis_parts(&self, period: Period) -> String {
        let w = &self.words;
        let parts: Vec<String> = period.parts().iter().map(|p| self.span_label(*p)).collect();
        fill_named(
            w.basis_parts,
            &[
                ("file", &self.short_label(period)),
                ("span", &self.span_label(period)),
                ("parts", &parts.join(w.list_separator)),
            ],
        )
    }

    /// 由上下半年汇总, 由各季度汇总: how a report derived from its parts is listed.
    pub fn kind_parts(&self, period: Period) -> String {
        let w = &self.words;
        let parts = match period.kind() {
            PeriodKind::Year => w.parts_of_year,
            PeriodKind::Half(_) => w.parts_of_half,
            PeriodKind::Quarter(_) => w.parts_of_quarter,
            PeriodKind::Month(_) | PeriodKind::Span => w.parts_of_span,
        };
        fill(w.kind_parts, parts)
    }

    /// 三、下半年工作安排 after H1, 2025年工作打算 after 2024, 第二季度工作安排 after Q1,
    /// 第四季度工作打算 after Q3 or 1—9月 (the rest of the year), 4月工作安排 after March.
    pub fn plans_heading(&self, period: Period) -> String {
        let w = &self.words;
        let year = period.year_number();
        let next = match period.kind() {
            PeriodKind::Year => return fill(w.plans_next_year, &(year + 1).to_string()),
            PeriodKind::Half(1) => return w.plans_after_first_half.into(),
            PeriodKind::Half(_) => return w.plans_after_second_half.into(),
            PeriodKind::Span => Period::months_of(year, period.months().1 + 1, 12),
            _ => period.following(),
        };
        match next {
            Some(n) if n.year_number() != year => fill(w.plans_arrange, &self.period_label(n)),
            Some(n) if n.months().1 == 12 => fill(w.plans_intend, &self.span_label(n)),
            Some(n) => fill(w.plans_arrange, &self.span_label(n)),
            None => fill(w.plans_next_year, &(year + 1).to_string()),
        }
    }

    /// A target's requirement: 每半年不少于1次, 为0; a percentage's floor and ceiling read
    /// 不低于100% and 不高于5%, as rules write rates. `bound` prints a bound.
    pub fn requirement(
        &self,
        (min, max): (Option<f64>, Option<f64>),
        per: Per,
        percentage: bool,
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
            (Some(a), None) if percentage => fill(w.not_below, &bound(a)),
            (Some(a), None) => fill(w.at_least, &bound(a)),
            (None, Some(0.0)) => w.zero.to_string(),
            (None, Some(b)) if percentage => fill(w.not_above, &bound(b)),
            (None, Some(b)) => fill(w.at_most, &bound(b)),
            (None, None) => return String::new(),
        };
        format!("{span}{text}")
    }
}

/// Compute's messages name periods through this, without importing the words.
impl crate::period::Names for Locale {
    fn label(&self, p: Period) -> String {
        self.period_label(p)
    }

    fn span(&self, p: Period) -> String {
        self.span_label(p)
    }

    fn short(&self, p: Period) -> String {
        self.short_label(p)
    }
}

#[cfg(test)]
mod tests;
