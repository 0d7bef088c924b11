//! Targets (达标情况): built-in rules from regulations and common practice, overridable
//! in `zongjie.yaml`, each judged for a report as met, missed, pending or not judgeable.

use std::path::Path;

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
    /// The rule behind it, with its regulation and article where it has one.
    pub basis: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 达标
    Met,
    /// 未达标
    Missed,
    /// 进行中: a yearly rule not met yet in the first half-year.
    Pending,
    /// 无法判定: the figures needed were not reported.
    Unknown,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "达标",
            Status::Missed => "未达标",
            Status::Pending => "进行中",
            Status::Unknown => "无法判定",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::Pending => "pending",
            Status::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub status: Status,
    /// The figure judged (for a per-half rule in an annual report: the year's figure).
    pub value: Option<f64>,
    /// Why, when the status alone does not say it (上半年1次、下半年0次).
    pub note: Option<String>,
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
            Some(indicator) => Some(Target {
                indicator,
                min: d.min,
                max: d.max,
                per: d.per,
                basis: d
                    .basis
                    .unwrap_or_else(|| "本单位目标（zongjie.yaml）".into()),
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
            [] => Judgement {
                status: self.status(value(period), true),
                value: value(period),
                note: None,
            },
            [window] => self.judge_so_far(period, *window, &value),
            _ => self.judge_each(period, &windows, &value),
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

    /// A rule over `window` in a report of `period`, a part of it: judged on the window
    /// from its start to the end of the report (H2 under a yearly rule: the whole year).
    fn judge_so_far(
        &self,
        period: Period,
        window: Period,
        value: &impl Fn(Period) -> Option<f64>,
    ) -> Judgement {
        let (start, _) = window.months();
        let (_, end) = period.months();
        let so_far =
            Period::months_of(period.year_number(), start, end).expect("inside the window");
        let v = value(so_far);
        let status = self.status(v, end == window.months().1);
        let note = match status {
            Status::Pending => Period::months_of(period.year_number(), end + 1, window.months().1)
                .map(|rest| format!("{}需完成", rest.span_label())),
            _ => (so_far != period).then(|| format!("按{}累计判定", so_far.span_label())),
        };
        Judgement {
            status,
            value: v,
            note,
        }
    }

    /// A rule per half-year in a longer report holds only if it held in each half
    /// (so far, for a half still running).
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
        let note = each
            .iter()
            .map(|(part, j)| match j.value {
                Some(v) => format!("{}{}", part.span_label(), crate::format::number(v, 2)),
                None => format!("{}未报送", part.span_label()),
            })
            .collect::<Vec<_>>()
            .join("，");
        Judgement {
            status,
            value: value(period),
            note: Some(note),
        }
    }
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
        assert_eq!(j.note.as_deref(), Some("上半年3，下半年0"));
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
        assert!(drills.basis.contains("第三十三条"));
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
}
