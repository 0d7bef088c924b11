//! The indicator catalog: one entry per figure a report can show, built-in ones plus a
//! project's additions. Every later stage (loading, aggregation, comparison, targets,
//! tables, charts) is driven by these entries rather than by names in code.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::diag::{suggestion_help, Diagnostics};
use crate::yaml::Loc;

/// How an indicator combines across periods (H1 + H2 → year) and units (sub-units → unit).
#[derive(Debug, Clone, PartialEq)]
pub enum Agg {
    /// A flow (排查隐患, 演练次数): summed over time and across units.
    Sum,
    /// A stock (应急预案, 应培训人数): the latest value for the year, summed across units.
    Last,
    /// Distinct people or things (已培训人数): summed across units, but a year's value
    /// cannot be derived from its halves — the annual file must give it.
    Distinct,
    /// Recomputed from aggregated parts, never averaged.
    Ratio(Ratio),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ratio {
    /// Indicator indexes summed to form the numerator (百万工时伤害率: deaths + injuries).
    pub numerator: Vec<usize>,
    pub denominator: usize,
    /// 1 for a proportion shown as %, 10⁶ for 百万工时伤害率, 10⁵ for 十万人死亡率.
    pub scale: f64,
}

/// What an indicator measures, which decides how it prints and compares: a proportion
/// prints as a percentage and changes in 个百分点, an amount keeps two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Things or events counted over the period (排查隐患 处, 应急演练 次).
    Count,
    /// Money and other measured amounts (万元, 亿元).
    Amount,
    /// A level at the period's end (应急预案 件, 应培训人数 人).
    Stock,
    /// Distinct people or things (已培训人数): not additive over time.
    Distinct,
    /// A part of a whole, shown as a percentage (隐患整改率).
    Proportion,
    /// A ratio with a scale (百万工时伤害率).
    Rate,
}

impl Kind {
    /// The name written in `zongjie.yaml` (`kind: amount`).
    pub const NAMES: &'static [&'static str] =
        &["count", "amount", "stock", "distinct", "proportion", "rate"];

    pub fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "count" => Kind::Count,
            "amount" => Kind::Amount,
            "stock" => Kind::Stock,
            "distinct" => Kind::Distinct,
            "proportion" => Kind::Proportion,
            "rate" => Kind::Rate,
            _ => return None,
        })
    }
}

/// Where an indicator is shown besides the full 附表 (which shows every reported one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Roles {
    /// A headline card on the report and the site's front page.
    pub card: bool,
    /// A column of the 下辖单位 table.
    pub table: bool,
    /// A category of the 主要指标同比、环比 chart.
    pub overview: bool,
    /// Its own bar chart over the periods on the unit page.
    pub trend: bool,
    /// A line in the unit page's percentage trend chart.
    pub rate_trend: bool,
    /// A ratio charted as bars of its denominator and numerator (排查隐患 / 已整改), with
    /// the ratio under each bar: over periods, per sub-unit and per unit on the front page.
    pub parts_chart: bool,
    /// A bar chart comparing the sub-units.
    pub sub_unit_chart: bool,
}

impl Roles {
    /// The names written in `zongjie.yaml` (`roles: [card, table]`).
    pub const NAMES: &'static [&'static str] = &[
        "card",
        "table",
        "overview",
        "trend",
        "rate_trend",
        "parts_chart",
        "sub_unit_chart",
    ];

    /// Sets the role called `name`; false if there is none by that name.
    pub fn set(&mut self, name: &str) -> bool {
        let flag = match name {
            "card" => &mut self.card,
            "table" => &mut self.table,
            "overview" => &mut self.overview,
            "trend" => &mut self.trend,
            "rate_trend" => &mut self.rate_trend,
            "parts_chart" => &mut self.parts_chart,
            "sub_unit_chart" => &mut self.sub_unit_chart,
            _ => return false,
        };
        *flag = true;
        true
    }

    fn of(names: &[&str]) -> Roles {
        let mut r = Roles::default();
        for n in names {
            assert!(r.set(n), "a known role");
        }
        r
    }
}

/// Which direction is an improvement, so colours and words are right for each indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Up,
    Down,
    Neither,
}

/// Which verbs state this indicator's change (DOMAIN §5): harm rises and falls (事故起数
/// 上升/下降), work done grows and shrinks (增长/下降, 增加/减少), a percentage moves by 个百分点
/// (提升/下降).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verbs {
    Harm,
    Work,
    Points,
}

impl Verbs {
    /// The names written in `zongjie.yaml` (`verbs: harm`).
    pub const NAMES: &'static [&'static str] = &["harm", "work", "points"];

    pub fn from_name(name: &str) -> Option<Verbs> {
        Some(match name {
            "harm" => Verbs::Harm,
            "work" => Verbs::Work,
            "points" => Verbs::Points,
            _ => return None,
        })
    }

    /// What an indicator says when the catalog does not: a percentage moves in points,
    /// a figure that should fall (事故、死亡) is harm, anything else is work done.
    pub fn default_for(kind: Kind, better: Better) -> Verbs {
        match (kind, better) {
            (Kind::Proportion, _) => Verbs::Points,
            (_, Better::Down) => Verbs::Harm,
            _ => Verbs::Work,
        }
    }
}

/// Decimals of what is said about figures: percentages (98.7%), changes (下降14.29%,
/// 提升5.2个百分点), shares (占12.5%) and targets' bounds (不低于100%). Trailing zeros are
/// always trimmed, so these are the most decimals shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimals {
    pub percent: usize,
    pub change: usize,
    pub share: usize,
    pub target: usize,
}

impl Decimals {
    /// The site's decimals as one indicator asks for them.
    pub fn tuned(self, p: Precision) -> Decimals {
        Decimals {
            percent: p.percent.unwrap_or(self.percent),
            change: p.change.unwrap_or(self.change),
            share: p.share.unwrap_or(self.share),
            target: p.target.unwrap_or(self.target),
        }
    }
}

/// What one indicator asks for instead of the site's [`Decimals`]; None: the site's.
/// `percent` is a percentage's own `decimals` (整改率 98.67%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Precision {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<usize>,
}

impl Precision {
    pub fn is_site_wide(&self) -> bool {
        *self == Precision::default()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub agg: Agg,
    pub kind: Kind,
    pub roles: Roles,
    pub better: Better,
    /// Decimals when the value is printed (counts 0, 万元 2, rates 2 or 3). Ignored for %:
    /// a percentage's own decimals are `precision.percent`.
    pub decimals: usize,
    pub precision: Precision,
    /// This figure is part of another and may not exceed it (重大隐患 ≤ 排查隐患).
    pub within: Option<usize>,
    pub verbs: Verbs,
    /// One category of a breakdown of `within` (道路交通): the categories together must
    /// add up to the whole where all are given.
    pub category: Option<String>,
}

impl Indicator {
    pub fn group(&self) -> &str {
        self.id.split_once('.').map_or(&self.id, |(g, _)| g)
    }

    pub fn key(&self) -> &str {
        self.id.split_once('.').map_or("", |(_, k)| k)
    }

    pub fn ratio(&self) -> Option<&Ratio> {
        match &self.agg {
            Agg::Ratio(r) => Some(r),
            _ => None,
        }
    }

    /// A proportion shown as a percentage: compared in 个百分点, never above 100%.
    pub fn is_percentage(&self) -> bool {
        self.kind == Kind::Proportion
    }

    /// Entered by writers (not computed).
    pub fn is_entered(&self) -> bool {
        self.ratio().is_none()
    }

    /// "排查隐患（hazards.found）" — how messages name an indicator.
    pub fn display_name(&self) -> String {
        format!("{}（{}）", self.label, self.id)
    }
}

/// An indicator as written, before ids are resolved to indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorDef {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub agg: AggDef,
    /// None: inferred from `agg` and `unit` (a ratio in % is a proportion, 万元 an amount).
    pub kind: Option<Kind>,
    /// None: the built-in indicator's roles, or none for a new one.
    pub roles: Option<Roles>,
    pub better: Better,
    pub decimals: Option<usize>,
    /// `change_decimals`, `share_decimals`, `target_decimals` as written.
    pub precision: Precision,
    /// Written with nothing but its id and what it tunes (decimals, roles, verbs, kind):
    /// with a built-in id it adjusts the built-in instead of replacing it.
    pub tunes_only: bool,
    pub within: Option<String>,
    /// None: [`Verbs::default_for`] its kind and direction.
    pub verbs: Option<Verbs>,
    /// A category of a breakdown (`breakdowns:` in zongjie.yaml).
    pub category: Option<String>,
    /// Where a project's addition was written, for messages; None for built-ins.
    pub loc: Option<Loc>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AggDef {
    Sum,
    Last,
    Distinct,
    Ratio {
        numerator: Vec<String>,
        denominator: String,
        scale: f64,
    },
}

#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<Indicator>,
    index: HashMap<String, usize>,
}

impl Catalog {
    /// The built-in catalog alone.
    pub fn builtin() -> Catalog {
        let mut diags = Diagnostics::new();
        let c = Catalog::build(&[], Path::new("zongjie.yaml"), &mut diags);
        assert!(!diags.has_errors(), "built-in catalog is consistent");
        c
    }

    /// Built-ins plus a project's additions. An addition with a built-in id replaces it
    /// (a project may relabel 检查生产经营单位 as 检查企业); problems go to `diags`.
    pub fn build(additions: &[IndicatorDef], file: &Path, diags: &mut Diagnostics) -> Catalog {
        Catalog::with_breakdowns(additions, &[], file, diags)
    }

    /// The same, with each breakdown's categories added as indicators of their own
    /// (`accidents.count_road`, 道路交通生产安全事故): summed, rolled up, compared and
    /// named in prose like any other, each a part of its whole.
    pub fn with_breakdowns(
        additions: &[IndicatorDef],
        breakdowns: &[BreakdownDef],
        file: &Path,
        diags: &mut Diagnostics,
    ) -> Catalog {
        let mut defs = builtin_defs();
        let builtins = defs.len();
        for (n, add) in additions.iter().enumerate() {
            if let Some(first) = additions[..n].iter().find(|d| d.id == add.id) {
                let line = first
                    .loc
                    .map_or(String::new(), |l| format!("第{}行", l.line));
                diags
                    .error(
                        file,
                        add.loc,
                        format!("指标 `{}` 定义了两次（另见{line}）", add.id),
                    )
                    .help("每个指标 id 只能出现一次：删除或合并其中一条。");
                continue;
            }
            match defs.iter().position(|d| d.id == add.id) {
                Some(i) if add.tunes_only => defs[i] = tuned(&defs[i], add),
                // A built-in relabelled keeps its roles unless the project gives its own.
                Some(i) => {
                    let roles = add.roles.or(defs[i].roles);
                    defs[i] = IndicatorDef {
                        roles,
                        ..add.clone()
                    };
                }
                None => defs.push(add.clone()),
            }
        }
        debug_assert!(defs.len() >= builtins);
        for b in breakdowns {
            let categories = category_defs(&defs, b, file, diags);
            defs.extend(categories);
        }
        let index: HashMap<String, usize> = defs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let entries: Vec<Indicator> = defs
            .iter()
            .map(|d| resolve(d, &index, file, diags))
            .collect();
        refuse_ratio_on_ratio(&entries, &defs, file, diags);
        Catalog { entries, index }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn entry(&self, i: usize) -> &Indicator {
        &self.entries[i]
    }

    pub fn entries(&self) -> &[Indicator] {
        &self.entries
    }

    /// Group names in catalog order, each once (inspections, hazards, …).
    pub fn groups(&self) -> Vec<&str> {
        let mut groups: Vec<&str> = Vec::new();
        for e in &self.entries {
            if !groups.contains(&e.group()) {
                groups.push(e.group());
            }
        }
        groups
    }

    /// Keys a writer may enter in a group (computed ratios excluded).
    pub fn entered_keys(&self, group: &str) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|e| e.group() == group && e.is_entered())
            .map(|e| e.key())
            .collect()
    }
}

fn resolve(
    def: &IndicatorDef,
    index: &HashMap<String, usize>,
    file: &Path,
    diags: &mut Diagnostics,
) -> Indicator {
    let known: Vec<&str> = {
        let mut v: Vec<&str> = index.keys().map(String::as_str).collect();
        v.sort();
        v
    };
    let mut lookup = |id: &str| -> usize {
        match index.get(id) {
            Some(&i) => i,
            None => {
                diags
                    .error(
                        file,
                        def.loc,
                        format!("指标 `{}` 引用了不存在的指标 `{id}`", def.id),
                    )
                    .help(suggestion_help(id, &known));
                0
            }
        }
    };
    let agg = match &def.agg {
        AggDef::Sum => Agg::Sum,
        AggDef::Last => Agg::Last,
        AggDef::Distinct => Agg::Distinct,
        AggDef::Ratio {
            numerator,
            denominator,
            scale,
        } => Agg::Ratio(Ratio {
            numerator: numerator.iter().map(|n| lookup(n)).collect(),
            denominator: lookup(denominator),
            scale: *scale,
        }),
    };
    let within = def.within.as_deref().map(&mut lookup);
    let kind = def.kind.unwrap_or_else(|| infer_kind(def));
    let decimals = def.decimals.unwrap_or(match kind {
        Kind::Amount | Kind::Proportion | Kind::Rate => 2,
        _ => 0,
    });
    Indicator {
        id: def.id.clone(),
        label: def.label.clone(),
        unit: def.unit.clone(),
        agg,
        kind,
        roles: def.roles.unwrap_or_default(),
        better: def.better,
        decimals,
        within,
        verbs: def.verbs.unwrap_or(Verbs::default_for(kind, def.better)),
        category: def.category.clone(),
        precision: Precision {
            // A percentage's `decimals` are its percent's; other values' are their own.
            percent: def.decimals.filter(|_| kind == Kind::Proportion),
            ..def.precision
        },
    }
}

/// A built-in with what a tuning entry (`{id: accidents.count, change_decimals: 2}`)
/// gives replaced, and everything else kept.
fn tuned(builtin: &IndicatorDef, tuning: &IndicatorDef) -> IndicatorDef {
    let p = &tuning.precision;
    let b = &builtin.precision;
    IndicatorDef {
        kind: tuning.kind.or(builtin.kind),
        roles: tuning.roles.or(builtin.roles),
        decimals: tuning.decimals.or(builtin.decimals),
        verbs: tuning.verbs.or(builtin.verbs),
        within: tuning.within.clone().or_else(|| builtin.within.clone()),
        precision: Precision {
            percent: None,
            change: p.change.or(b.change),
            share: p.share.or(b.share),
            target: p.target.or(b.target),
        },
        loc: tuning.loc,
        ..builtin.clone()
    }
}

/// The kind an addition means when it does not say: a ratio in % is a proportion, other
/// ratios are scaled rates; money (万元, 亿元) is an amount.
fn infer_kind(def: &IndicatorDef) -> Kind {
    match &def.agg {
        AggDef::Ratio { .. } if def.unit == "%" => Kind::Proportion,
        AggDef::Ratio { .. } => Kind::Rate,
        AggDef::Last => Kind::Stock,
        AggDef::Distinct => Kind::Distinct,
        AggDef::Sum if matches!(def.unit.as_str(), "万元" | "亿元" | "元") => Kind::Amount,
        AggDef::Sum => Kind::Count,
    }
}

/// A ratio over another ratio cannot be aggregated honestly (summing 整改率 across units
/// means nothing), so it is refused with the way out: build it from the raw counts.
fn refuse_ratio_on_ratio(
    entries: &[Indicator],
    defs: &[IndicatorDef],
    file: &Path,
    diags: &mut Diagnostics,
) {
    for (e, def) in entries.iter().zip(defs) {
        let Some(r) = e.ratio() else { continue };
        let parts = r.numerator.iter().chain([&r.denominator]);
        for part in parts.filter(|&&p| entries[p].ratio().is_some()) {
            diags
                .error(
                    file,
                    def.loc,
                    format!(
                        "比率指标 `{}` 以另一个比率 `{}` 为分子或分母",
                        e.id, entries[*part].id
                    ),
                )
                .help(format!(
                    "比率跨单位、跨期汇总时要由分子分母重新计算，不能再作为另一个比率的一部分：请直接引用 `{}` 所用的计数指标。",
                    entries[*part].id
                ));
        }
    }
}

/// `breakdowns: {accidents: {road: 道路交通}}` as written: a group and its categories
/// (an ASCII key for ids, a label for pages), in order.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownDef {
    pub group: String,
    pub categories: Vec<(String, String)>,
    pub loc: Option<Loc>,
}

/// One indicator per category for each summed, entered indicator of the group.
fn category_defs(
    defs: &[IndicatorDef],
    b: &BreakdownDef,
    file: &Path,
    diags: &mut Diagnostics,
) -> Vec<IndicatorDef> {
    let wholes: Vec<&IndicatorDef> = defs
        .iter()
        .filter(|d| d.id.split('.').next() == Some(b.group.as_str()))
        .filter(|d| d.agg == AggDef::Sum && d.category.is_none())
        .collect();
    if wholes.is_empty() {
        diags
            .error(
                file,
                b.loc,
                format!("`breakdowns` 中的 `{}` 没有可分类的指标", b.group),
            )
            .help("分类只用于上下半年相加的计数指标组，如 accidents、hazards、enforcement。");
    }
    let mut out = Vec::new();
    for (slug, label) in &b.categories {
        for w in &wholes {
            out.push(IndicatorDef {
                id: format!("{}_{slug}", w.id),
                label: format!("{label}{}", w.label),
                roles: Some(Roles::default()),
                within: Some(w.id.clone()),
                category: Some(label.clone()),
                loc: b.loc,
                ..(*w).clone()
            });
        }
    }
    out
}

fn def(id: &str, label: &str, unit: &str, agg: AggDef, better: Better) -> IndicatorDef {
    IndicatorDef {
        id: id.into(),
        label: label.into(),
        unit: unit.into(),
        agg,
        kind: None,
        roles: None,
        better,
        decimals: None,
        precision: Precision::default(),
        tunes_only: false,
        within: None,
        verbs: None,
        category: None,
        loc: None,
    }
}

fn with_roles(mut d: IndicatorDef, roles: &[&str]) -> IndicatorDef {
    d.roles = Some(Roles::of(roles));
    d
}

fn ratio(numerator: &[&str], denominator: &str, scale: f64) -> AggDef {
    AggDef::Ratio {
        numerator: numerator.iter().map(|s| s.to_string()).collect(),
        denominator: denominator.into(),
        scale,
    }
}

fn part_of(mut d: IndicatorDef, whole: &str) -> IndicatorDef {
    d.within = Some(whole.into());
    d
}

fn with_decimals(mut d: IndicatorDef, decimals: usize) -> IndicatorDef {
    d.decimals = Some(decimals);
    d
}

/// The standard indicators of a 安全生产工作总结 (DOMAIN.md §3).
fn builtin_defs() -> Vec<IndicatorDef> {
    use AggDef::{Distinct, Last, Sum};
    use Better::{Down, Neither, Up};
    vec![
        with_roles(
            def(
                "inspections.units",
                "检查生产经营单位",
                "家次",
                Sum,
                Neither,
            ),
            &["table", "overview", "trend"],
        ),
        def("inspections.groups", "派出检查组", "组次", Sum, Neither),
        with_roles(
            def("hazards.found", "排查隐患", "处", Sum, Neither),
            &["card", "table", "overview"],
        ),
        part_of(
            with_roles(
                def("hazards.rectified", "已整改隐患", "处", Sum, Neither),
                &["table", "overview"],
            ),
            "hazards.found",
        ),
        part_of(
            def("hazards.major", "重大隐患", "处", Sum, Down),
            "hazards.found",
        ),
        part_of(
            def(
                "hazards.major_rectified",
                "重大隐患已整改",
                "处",
                Sum,
                Neither,
            ),
            "hazards.major",
        ),
        with_roles(
            def(
                "hazards.rectification_rate",
                "隐患整改率",
                "%",
                ratio(&["hazards.rectified"], "hazards.found", 1.0),
                Up,
            ),
            &["card", "table", "rate_trend", "parts_chart"],
        ),
        def(
            "hazards.major_rectification_rate",
            "重大隐患整改率",
            "%",
            ratio(&["hazards.major_rectified"], "hazards.major", 1.0),
            Up,
        ),
        with_roles(
            def("enforcement.cases", "立案查处", "起", Sum, Neither),
            &["overview"],
        ),
        def(
            "enforcement.fines_10k_yuan",
            "罚款金额",
            "万元",
            Sum,
            Neither,
        ),
        with_roles(
            def("drills.count", "应急演练", "次", Sum, Up),
            &["card", "table", "overview", "trend", "sub_unit_chart"],
        ),
        part_of(
            def("drills.comprehensive", "综合或专项预案演练", "次", Sum, Up),
            "drills.count",
        ),
        def("drills.participants", "参演人次", "人次", Sum, Neither),
        with_roles(
            def("training.sessions", "安全培训", "场", Sum, Neither),
            &["overview"],
        ),
        def("training.person_times", "培训人次", "人次", Sum, Neither),
        part_of(
            def("training.covered", "已培训人数", "人", Distinct, Neither),
            "training.headcount",
        ),
        def("training.headcount", "应培训人数", "人", Last, Neither),
        with_roles(
            def(
                "training.coverage",
                "培训覆盖率",
                "%",
                ratio(&["training.covered"], "training.headcount", 1.0),
                Up,
            ),
            &["card", "table", "rate_trend"],
        ),
        with_roles(
            def("accidents.count", "生产安全事故", "起", Sum, Down),
            &["card", "table"],
        ),
        with_roles(
            def("accidents.deaths", "死亡人数", "人", Sum, Down),
            &["card", "table"],
        ),
        def("accidents.injuries", "受伤人数", "人", Sum, Down),
        def(
            "accidents.direct_loss_10k_yuan",
            "直接经济损失",
            "万元",
            Sum,
            Down,
        ),
        with_decimals(
            def(
                "accidents.injury_rate_per_million_hours",
                "百万工时伤害率",
                "人/百万工时",
                ratio(
                    &["accidents.deaths", "accidents.injuries"],
                    "workforce.hours",
                    1e6,
                ),
                Down,
            ),
            2,
        ),
        with_decimals(
            def(
                "accidents.deaths_per_100m_gdp",
                "亿元GDP生产安全事故死亡率",
                "人/亿元",
                ratio(&["accidents.deaths"], "economy.gdp_100m_yuan", 1.0),
                Down,
            ),
            3,
        ),
        with_decimals(
            def(
                "accidents.deaths_per_100k_workers",
                "十万从业人员死亡率",
                "人/10万人",
                ratio(&["accidents.deaths"], "workforce.employees", 1e5),
                Down,
            ),
            2,
        ),
        def("emergency.plans", "应急预案", "件", Last, Neither),
        def("emergency.teams", "应急救援队伍", "支", Last, Neither),
        def(
            "emergency.team_members",
            "应急救援队员",
            "人",
            Last,
            Neither,
        ),
        def("publicity.materials", "发放宣传资料", "份", Sum, Neither),
        with_roles(
            def("publicity.events", "开展宣传活动", "场", Sum, Neither),
            &["overview"],
        ),
        def("workforce.employees", "从业人员", "人", Last, Neither),
        def("workforce.hours", "累计工时", "工时", Sum, Neither),
        def(
            "economy.gdp_100m_yuan",
            "地区生产总值",
            "亿元",
            Sum,
            Neither,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn death_and_injury_rates_say_what_they_are_counted_in() {
        let c = Catalog::builtin();
        for (id, unit) in [
            ("accidents.deaths_per_100m_gdp", "人/亿元"),
            ("accidents.deaths_per_100k_workers", "人/10万人"),
            ("accidents.injury_rate_per_million_hours", "人/百万工时"),
        ] {
            assert_eq!(c.entry(c.get(id).unwrap()).unit, unit, "{id}");
        }
    }

    #[test]
    fn builtin_catalog_has_the_standard_indicators() {
        let c = Catalog::builtin();
        for id in [
            "inspections.units",
            "hazards.rectification_rate",
            "training.coverage",
            "accidents.direct_loss_10k_yuan",
            "emergency.team_members",
            "publicity.events",
            "enforcement.fines_10k_yuan",
        ] {
            assert!(c.get(id).is_some(), "{id} missing");
        }
        let rate = c.entry(c.get("hazards.rectification_rate").unwrap());
        let r = rate.ratio().unwrap();
        assert_eq!(c.entry(r.numerator[0]).id, "hazards.rectified");
        assert_eq!(c.entry(r.denominator).id, "hazards.found");
        assert!(rate.is_percentage() && rate.better == Better::Up);
        assert_eq!(
            c.entry(c.get("accidents.deaths").unwrap()).better,
            Better::Down
        );
    }

    #[test]
    fn computed_ratios_are_not_entered_keys() {
        let c = Catalog::builtin();
        let keys = c.entered_keys("hazards");
        assert!(keys.contains(&"found") && !keys.contains(&"rectification_rate"));
    }

    #[test]
    fn project_additions_join_and_may_refer_to_each_other() {
        let adds = vec![
            def(
                "fire.checked",
                "消防检查场所",
                "处",
                AggDef::Sum,
                Better::Neither,
            ),
            def(
                "fire.venues",
                "人员密集场所",
                "处",
                AggDef::Last,
                Better::Neither,
            ),
            def(
                "fire.checks_rate",
                "消防检查覆盖率",
                "%",
                ratio(&["fire.checked"], "fire.venues", 1.0),
                Better::Up,
            ),
        ];
        let mut d = Diagnostics::new();
        let c = Catalog::build(&adds, Path::new("zongjie.yaml"), &mut d);
        assert!(!d.has_errors());
        assert_eq!(c.len(), Catalog::builtin().len() + 3);
        assert!(c.groups().contains(&"fire"));
    }

    #[test]
    fn a_ratio_over_an_unknown_indicator_is_an_error_with_a_suggestion() {
        let adds = vec![def(
            "fire.rate",
            "率",
            "%",
            ratio(&["fire.checkd"], "hazards.found", 1.0),
            Better::Up,
        )];
        let adds = [
            adds,
            vec![def(
                "fire.checked",
                "检查",
                "处",
                AggDef::Sum,
                Better::Neither,
            )],
        ]
        .concat();
        let mut d = Diagnostics::new();
        Catalog::build(&adds, Path::new("zongjie.yaml"), &mut d);
        let msg = d.sorted()[0].to_string();
        assert!(
            msg.contains("fire.checkd") && msg.contains("fire.checked"),
            "{msg}"
        );
    }

    #[test]
    fn an_id_added_twice_is_an_error_naming_the_first() {
        let mut first = def(
            "fire.checked",
            "消防检查场所",
            "处",
            AggDef::Sum,
            Better::Neither,
        );
        first.loc = Some(Loc { line: 4, col: 5 });
        let mut again = def(
            "fire.checked",
            "消防检查",
            "处",
            AggDef::Sum,
            Better::Neither,
        );
        again.loc = Some(Loc { line: 6, col: 5 });
        let mut d = Diagnostics::new();
        let c = Catalog::build(&[first, again], Path::new("zongjie.yaml"), &mut d);
        let msg = d.sorted()[0].to_string();
        assert!(
            msg.contains("zongjie.yaml:6:5") && msg.contains("第4行"),
            "{msg}"
        );
        // The first definition stands; nothing is silently replaced.
        assert_eq!(
            c.entry(c.get("fire.checked").unwrap()).label,
            "消防检查场所"
        );
    }

    #[test]
    fn a_ratio_over_a_ratio_is_refused_with_the_way_out() {
        let adds = vec![def(
            "hazards.rate_of_rates",
            "整改率之比",
            "%",
            ratio(&["hazards.rectification_rate"], "hazards.found", 1.0),
            Better::Up,
        )];
        let mut d = Diagnostics::new();
        Catalog::build(&adds, Path::new("zongjie.yaml"), &mut d);
        let msg = d.sorted()[0].to_string();
        assert!(
            msg.contains("hazards.rate_of_rates") && msg.contains("hazards.rectification_rate"),
            "{msg}"
        );
        assert!(msg.contains("计数指标"), "{msg}");
    }

    #[test]
    fn kinds_are_inferred_and_roles_kept_when_relabelling() {
        let c = Catalog::builtin();
        let kind = |id: &str| c.entry(c.get(id).unwrap()).kind;
        assert_eq!(kind("hazards.found"), Kind::Count);
        assert_eq!(kind("accidents.direct_loss_10k_yuan"), Kind::Amount);
        assert_eq!(kind("training.headcount"), Kind::Stock);
        assert_eq!(kind("training.covered"), Kind::Distinct);
        assert_eq!(kind("training.coverage"), Kind::Proportion);
        assert_eq!(kind("accidents.injury_rate_per_million_hours"), Kind::Rate);
        // Relabelled to 起 without roles: still a headline card; with roles: only those.
        let relabel = def(
            "hazards.found",
            "发现问题",
            "起",
            AggDef::Sum,
            Better::Neither,
        );
        let mut d = Diagnostics::new();
        let c = Catalog::build(
            std::slice::from_ref(&relabel),
            Path::new("zongjie.yaml"),
            &mut d,
        );
        let found = c.entry(c.get("hazards.found").unwrap());
        assert!(found.roles.card && found.unit == "起");
        let quiet = IndicatorDef {
            roles: Some(Roles::default()),
            ..relabel
        };
        let c = Catalog::build(&[quiet], Path::new("zongjie.yaml"), &mut d);
        assert_eq!(
            c.entry(c.get("hazards.found").unwrap()).roles,
            Roles::default()
        );
        assert!(!d.has_errors());
    }
}
