//! Targets (达标情况): built-in rules from regulations and common practice, overridable
//! in `zongjie.yaml`, each judged for a report as met, missed, pending or not judgeable.

use std::path::Path;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::config::{Per, TargetDef};
use crate::diag::{suggestion_help, Diagnostics};
use crate::period::Period;

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub indicator: usize,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub per: Per,
    /// The rule behind it, with its regulation and article where it has one; None for a
    /// project's own target (the locale says so).
    pub basis: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// 达标
    Met,
    /// 未达标
    Missed,
    /// 进行中: a yearly rule not met yet in the first half-year.
    Pending,
    /// 无法判定: the figures needed were not reported.
    Unknown,
    /// 不适用: nothing to measure — a rate whose denominator is a reported 0 (no major
    /// hazards found, so no 重大隐患整改率 to judge).
    #[serde(rename = "not_applicable")]
    NotApplicable,
}

impl Status {
    /// For CSS classes and data attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::Pending => "pending",
            Status::Unknown => "unknown",
            Status::NotApplicable => "not_applicable",
        }
    }
}

/// What a judgement rests on, when the status alone does not say it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "parts")]
pub enum Grounds {
    /// The report's own figure: nothing to add.
    Figure,
    /// The figures needed were not reported (or a denominator is 0).
    NotReported,
    /// A per-half rule in an annual report: each half's figure (上半年1次、下半年0次).
    EachPart(Vec<PartValue>),
    /// A rule over a longer window (a half, the year) in a later part of it: judged on
    /// the window's total so far — 2024-H2 under a yearly rule on the year, 2024-Q3 on
    /// 1—9月. The span judged on, with its figure.
    ToDate(PartValue),
    /// A rule not met yet with part of its window still to come: that part can still
    /// meet it (下半年需完成). The span still to come; it has no figure yet.
    RestToCome(PartValue),
    /// A rate's denominator, by id, is a reported 0: nothing to measure (不适用).
    NothingToMeasure(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartValue {
    /// The part's period, published as its id (2024-H1); the locale names it (上半年).
    #[serde(serialize_with = "period_id")]
    pub period: Period,
    pub value: Option<f64>,
}

fn period_id<S: serde::Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(p)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub status: Status,
    /// The figure judged (for a per-half rule in an annual report: the year's figure).
    pub value: Option<f64>,
    pub grounds: Grounds,
}

fn builtin(id: &str, min: Option<f64>, max: Option<f64>, per: Per, basis: &str) -> TargetDef {
    TargetDef {
        id: id.into(),
        min,
        max,
        per,
        basis: Some(basis.into()),
        loc: None,
    }
}

/// Defaults from DOMAIN.md §4; a project's `targets:` replace these by indicator id.
pub fn builtin_targets() -> Vec<TargetDef> {
    vec![
        builtin(
            "hazards.rectification_rate",
            Some(1.0),
            None,
            Per::Period,
            "《安全生产事故隐患排查治理暂行规定》第十五条：一般事故隐患应立即组织整改",
        ),
        builtin(
            "hazards.major_rectification_rate",
            Some(1.0),
            None,
            Per::Period,
            "《中华人民共和国安全生产法》第四十一条：重大事故隐患制定并实施治理方案，及时消除",
        ),
        builtin(
            "training.coverage",
            Some(1.0),
            None,
            Per::Period,
            "《中华人民共和国安全生产法》第二十八条：未经安全生产教育和培训合格的从业人员不得上岗作业",
        ),
        builtin(
            "accidents.deaths",
            None,
            Some(0.0),
            Per::Period,
            "年度安全生产目标（常用）：杜绝生产安全死亡事故",
        ),
        builtin(
            "drills.count",
            Some(1.0),
            None,
            Per::Half,
            "《生产安全事故应急预案管理办法》第三十三条：现场处置方案每半年至少演练一次",
        ),
        builtin(
            "drills.comprehensive",
            Some(1.0),
            None,
            Per::Year,
            "《生产安全事故应急预案管理办法》第三十三条：综合或专项应急预案每年至少演练一次",
        ),
    ]
}

/// The project's targets: built-ins, replaced or extended by `zongjie.yaml`. An override
/// without its own `basis` keeps the built-in rule's.
pub fn resolve(
    config: &[TargetDef],
    catalog: &Catalog,
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<Target> {
    let mut defs = builtin_targets();
    for t in config {
        match defs.iter().position(|d| d.id == t.id) {
            Some(i) => {
                let basis = t.basis.clone().or_else(|| defs[i].basis.clone());
                defs[i] = TargetDef { basis, ..t.clone() };
            }
            None => defs.push(t.clone()),
        }
    }
    let ids: Vec<&str> = catalog.entries().iter().map(|e| e.id.as_str()).collect();
    defs.into_iter()
        .filter_map(|d| match catalog.get(&d.id) {
            Some(i) if !rate_bounds_are_fractions(&d, catalog.entry(i), file, diags) => None,
            Some(indicator) => Some(Target {
                indicator,
                min: d.min,
                max: d.max,
                per: d.per,
                basis: d.basis,
            }),
            None => {
                diags
                    .error(file, d.loc, format!("目标中的指标 `{}` 不存在", d.id))
                    .help(suggestion_help(&d.id, &ids));
                None
            }
        })
        .collect()
}

/// A rate is a fraction: `min: 100` for 100% would make every unit "不少于10000.0% 未达标".
/// 1 could mean 1% or 100%, so a bound above 1 is refused with the fix, not guessed.
fn rate_bounds_are_fractions(
    d: &TargetDef,
    e: &crate::catalog::Indicator,
    file: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let over = [d.min, d.max].into_iter().flatten().find(|b| *b > 1.0);
    match over {
        Some(b) if e.is_percentage() => {
            diags
                .error(
                    file,
                    d.loc,
                    format!("{}是比率，目标 {b} 超过了 1（即 100%）", e.display_name()),
                )
                .help(format!(
                    "比率目标写成小数：100% 写 1.0，95% 写 0.95；这里应写 {}。",
                    b / 100.0
                ));
            false
        }
        _ => true,
    }
}

impl Target {
    fn meets(&self, v: f64) -> bool {
        // A hair of tolerance so 0.1 + 0.2 style sums compare as written.
        const EPS: f64 = 1e-9;
        self.min.is_none_or(|m| v + EPS >= m) && self.max.is_none_or(|m| v - EPS <= m)
    }

    /// Judges the target for a report of `period`; `value` looks up this unit's figure
    /// of the target's indicator for any period (derived from its parts if need be).
    ///
    /// A rule per half-year or per year is judged on each of its windows (halves, the
    /// year) that the report touches: a window the report covers whole on its figure, a
    /// window still running on its figure so far — not yet met then is pending, not missed.
    pub fn judge(&self, period: Period, value: impl Fn(Period) -> Option<f64>) -> Judgement {
        let window_months = match self.per {
            Per::Period => 0,
            Per::Half => 6,
            Per::Year => 12,
        };
        let windows = windows(period, window_months);
        match windows.as_slice() {
            [] => self.judge_so_far(period, period, &value),
            [window] => self.judge_so_far(period, *window, &value),
            _ => self.judge_each(period, &windows, &value),
        }
    }

    /// By how much `value` meets the bound (≥ 0) or misses it (< 0): above a minimum,
    /// below a maximum, the tighter of the two when both are set.
    pub fn margin(&self, value: Option<f64>) -> Option<f64> {
        let v = value?;
        let above = self.min.map(|m| v - m);
        let below = self.max.map(|m| m - v);
        match (above, below) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn status(&self, v: Option<f64>, window_over: bool) -> Status {
        match v {
            None => Status::Unknown,
            Some(v) if self.meets(v) => Status::Met,
            // Under a minimum before the window ends: the rest of it can still make it up.
            Some(v) if !window_over && self.max.is_none_or(|m| v <= m) => Status::Pending,
            Some(_) => Status::Missed,
        }
    }

    /// A rule over `window` in a report of `period`, a part of it (or all of it): judged
    /// on the window from its start to the end of the report.
    fn judge_so_far(
        &self,
        period: Period,
        window: Period,
        value: &impl Fn(Period) -> Option<f64>,
    ) -> Judgement {
        let (start, window_end) = window.months();
        let (_, end) = period.months();
        let year = period.year_number();
        let so_far = Period::months_of(year, start, end).expect("inside the window");
        let v = value(so_far);
        let status = self.status(v, end == window_end);
        let rest = Period::months_of(year, end + 1, window_end);
        let grounds = match (status, rest) {
            (Status::Pending, Some(rest)) => Grounds::RestToCome(part_value(rest, None)),
            (Status::Unknown, _) => Grounds::NotReported,
            _ if so_far != period => Grounds::ToDate(part_value(so_far, v)),
            _ => Grounds::Figure,
        };
        Judgement {
            status,
            value: v,
            grounds,
        }
    }

    /// A per-half rule in a longer report holds only if it held in each half (so far,
    /// for a half still running).
    fn judge_each(
        &self,
        period: Period,
        windows: &[Period],
        value: &impl Fn(Period) -> Option<f64>,
    ) -> Judgement {
        let each: Vec<(Period, Judgement)> = windows
            .iter()
            .map(|w| {
                let part = overlap(period, *w);
                (part, self.judge_so_far(part, *w, value))
            })
            .collect();
        let any = |s: Status| each.iter().any(|(_, j)| j.status == s);
        let status = [Status::Missed, Status::Unknown, Status::Pending]
            .into_iter()
            .find(|s| any(*s))
            .unwrap_or(Status::Met);
        let parts = each
            .iter()
            .map(|(part, j)| part_value(*part, j.value))
            .collect();
        Judgement {
            status,
            value: value(period),
            grounds: Grounds::EachPart(parts),
        }
    }
}

fn part_value(period: Period, value: Option<f64>) -> PartValue {
    PartValue { period, value }
}

/// The rule windows of `months` length (6: the halves, 12: the year) that `period`
/// touches; none for a rule judged per report.
fn windows(period: Period, months: u8) -> Vec<Period> {
    if months == 0 {
        return Vec::new();
    }
    (1..=12)
        .step_by(usize::from(months))
        .filter_map(|first| Period::months_of(period.year_number(), first, first + months - 1))
        .filter(|w| overlap_months(period, *w).is_some())
        .collect()
}

fn overlap_months(a: Period, b: Period) -> Option<Period> {
    let first = a.months().0.max(b.months().0);
    let last = a.months().1.min(b.months().1);
    Period::months_of(a.year_number(), first, last)
}

/// The months two periods of the same year share; they must share some.
fn overlap(a: Period, b: Period) -> Period {
    overlap_months(a, b).expect("the windows overlap the period")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(id: &str) -> Target {
        let mut d = Diagnostics::new();
        let t = resolve(&[], &Catalog::builtin(), Path::new("zongjie.yaml"), &mut d);
        let c = Catalog::builtin();
        t.into_iter()
            .find(|t| t.indicator == c.get(id).unwrap())
            .unwrap()
    }

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    /// Looks values up from a small table of (period, value).
    fn table<'a>(rows: &'a [(&'a str, f64)]) -> impl Fn(Period) -> Option<f64> + 'a {
        move |q| rows.iter().find(|(s, _)| p(s) == q).map(|(_, v)| *v)
    }

    #[test]
    fn rectification_rate_must_reach_100_percent() {
        let t = target("hazards.rectification_rate");
        // 31 of 31 = 1.0 ≥ 1.0 → met; 30 of 31 = 0.968 < 1.0 → missed
        assert_eq!(
            t.judge(p("2024-H1"), table(&[("2024-H1", 1.0)])).status,
            Status::Met
        );
        assert_eq!(
            t.judge(p("2024-H1"), table(&[("2024-H1", 30.0 / 31.0)]))
                .status,
            Status::Missed
        );
        assert_eq!(t.judge(p("2024-H1"), table(&[])).status, Status::Unknown);
    }

    #[test]
    fn deaths_must_stay_at_zero() {
        let t = target("accidents.deaths");
        assert_eq!(
            t.judge(p("2024"), table(&[("2024", 0.0)])).status,
            Status::Met
        );
        assert_eq!(
            t.judge(p("2024"), table(&[("2024", 1.0)])).status,
            Status::Missed
        );
    }

    #[test]
    fn a_yearly_drill_not_yet_held_in_h1_is_pending_not_missed() {
        let t = target("drills.comprehensive");
        assert_eq!(
            t.judge(p("2024-H1"), table(&[("2024-H1", 0.0)])).status,
            Status::Pending
        );
        assert_eq!(
            t.judge(p("2024-H1"), table(&[("2024-H1", 1.0)])).status,
            Status::Met
        );
        // By H2 the year is over: judged on the year's total (0 + 0 = 0 < 1) → missed.
        let none = [("2024-H1", 0.0), ("2024-H2", 0.0), ("2024", 0.0)];
        assert_eq!(t.judge(p("2024-H2"), table(&none)).status, Status::Missed);
        // One drill in H1 and none in H2: 1 + 0 = 1 ≥ 1 → met in the H2 report.
        let one = [("2024-H1", 1.0), ("2024-H2", 0.0), ("2024", 1.0)];
        assert_eq!(t.judge(p("2024-H2"), table(&one)).status, Status::Met);
        assert_eq!(t.judge(p("2024"), table(&one)).status, Status::Met);
    }

    #[test]
    fn a_per_half_drill_rule_needs_both_halves_in_the_annual_report() {
        let t = target("drills.count");
        // H1 3 drills, H2 0: the year's 3 ≥ 1 but H2 broke the rule → missed.
        let j = t.judge(
            p("2024"),
            table(&[("2024-H1", 3.0), ("2024-H2", 0.0), ("2024", 3.0)]),
        );
        assert_eq!(j.status, Status::Missed);
        let Grounds::EachPart(parts) = &j.grounds else {
            panic!("{:?}", j.grounds)
        };
        let values: Vec<Option<f64>> = parts.iter().map(|p| p.value).collect();
        assert_eq!(values, [Some(3.0), Some(0.0)]);
        assert_eq!(t.margin(Some(0.0)), Some(-1.0)); // 0 − 1: missed by one drill
        assert_eq!(t.margin(Some(3.0)), Some(2.0));
        let j = t.judge(
            p("2024"),
            table(&[("2024-H1", 3.0), ("2024-H2", 2.0), ("2024", 5.0)]),
        );
        assert_eq!(j.status, Status::Met);
        let j = t.judge(p("2024"), table(&[("2024-H1", 3.0), ("2024", 3.0)]));
        assert_eq!(j.status, Status::Unknown);
        // In a half-year report it is judged on the half alone.
        assert_eq!(
            t.judge(p("2024-H2"), table(&[("2024-H2", 0.0)])).status,
            Status::Missed
        );
    }

    #[test]
    fn a_project_can_tighten_a_target_and_keeps_the_rule_text() {
        let c = Catalog::builtin();
        let mut d = Diagnostics::new();
        let defs = [TargetDef {
            id: "drills.count".into(),
            min: Some(2.0),
            max: None,
            per: Per::Half,
            basis: None,
            loc: None,
        }];
        let t = resolve(&defs, &c, Path::new("zongjie.yaml"), &mut d);
        let drills = t
            .iter()
            .find(|t| t.indicator == c.get("drills.count").unwrap())
            .unwrap();
        assert_eq!(drills.min, Some(2.0));
        assert!(drills.basis.as_ref().unwrap().contains("第三十三条"));
    }

    #[test]
    fn a_target_on_an_unknown_indicator_is_an_error() {
        let mut d = Diagnostics::new();
        let defs = [TargetDef {
            id: "drill.count".into(),
            min: Some(1.0),
            max: None,
            per: Per::Half,
            basis: None,
            loc: None,
        }];
        resolve(
            &defs,
            &Catalog::builtin(),
            Path::new("zongjie.yaml"),
            &mut d,
        );
        assert!(d.sorted()[0].to_string().contains("drills.count"));
    }

    #[test]
    fn quarters_are_judged_on_their_window_so_far() {
        let t = target("drills.comprehensive");
        // Q1 without a drill: 9 months remain → pending, 4—12月需完成.
        let j = t.judge(p("2025-Q1"), table(&[("2025-Q1", 0.0)]));
        assert_eq!(j.status, Status::Pending);
        assert_eq!(
            j.grounds,
            Grounds::RestToCome(part_value(Period::months_of(2025, 4, 12).unwrap(), None))
        );
        // Q3 is judged on 1—9月: H1 1 + Q3 0 = 1 ≥ 1 → met, on the year so far.
        let j = t.judge(
            p("2025-Q3"),
            table(&[("2025-Q3", 0.0), ("2025-01~09", 1.0)]),
        );
        assert_eq!(j.status, Status::Met);
        assert_eq!(
            j.grounds,
            Grounds::ToDate(part_value(p("2025-01~09"), Some(1.0)))
        );
        // Q4 closes the year: 0 for the year → missed, not pending.
        let j = t.judge(p("2025-Q4"), table(&[("2025-Q4", 0.0), ("2025", 0.0)]));
        assert_eq!(j.status, Status::Missed);
        // A per-half rule in Q2 is judged on H1 (Q1 2 + Q2 0 = 2 ≥ 1).
        let half = target("drills.count");
        let j = half.judge(p("2025-Q2"), table(&[("2025-Q2", 0.0), ("2025-H1", 2.0)]));
        assert_eq!(j.status, Status::Met);
    }

    #[test]
    fn a_per_half_rule_in_a_1_to_9_report_judges_h1_whole_and_h2_so_far() {
        let t = target("drills.count");
        // H1 3 drills (met); Q3 none yet, but Q4 is still to come → pending overall.
        let rows = [("2025-H1", 3.0), ("2025-Q3", 0.0), ("2025-01~09", 3.0)];
        let j = t.judge(p("2025-01~09"), table(&rows));
        assert_eq!(j.status, Status::Pending);
        assert_eq!(j.value, Some(3.0));
        let Grounds::EachPart(parts) = &j.grounds else {
            panic!("{:?}", j.grounds)
        };
        let spans: Vec<String> = parts.iter().map(|p| p.period.to_string()).collect();
        assert_eq!(spans, ["2025-H1", "2025-Q3"]);
    }
}
