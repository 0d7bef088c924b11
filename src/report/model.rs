//! The report model: everything one 工作总结 shows, as data — numbers, enums and the
//! labels the catalog gives them. Built once per report after `compute`; the HTML pages,
//! charts, CSV/JSON and the Word/Excel renderers all read it, and it is published as JSON
//! (`site/data/reports/<unit>/<period>.json`, naming each indicator by its id; what the
//! ids are is published once, in `site/data/catalog.json`). Words for comparisons and statuses are not
//! here: a renderer asks the locale for them, so a zh-TW or en site needs no new model.

use serde::Serialize;

/// One report: a unit's figures for one period, compared, judged, written up and charted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub unit: UnitInfo,
    pub period: PeriodInfo,
    /// The file's `title`, else composed: 城关镇2024年上半年安全生产工作总结.
    pub title: String,
    /// 落款: the file's `author`, else unit.yaml's `signer`; none for a rolled-up report.
    pub author: Option<String>,
    /// 成文日期, ISO 8601 (2024-07-05).
    pub date: Option<String>,
    pub basis: Basis,
    /// How many sub-units the unit has (for 由下辖N个单位汇总).
    pub sub_unit_count: usize,
    /// The period a year earlier (同比), when the unit has figures for it.
    pub year_earlier: Option<PeriodInfo>,
    /// The period just before (环比), for reports that compare with it.
    pub previous: Option<PeriodInfo>,
    /// Whether the report compares with the previous period at all (环比 column).
    pub has_previous: bool,
    /// Every indicator with a value now or in a base period, in catalog order.
    pub figures: Vec<Figure>,
    pub targets: Vec<TargetResult>,
    /// 下辖单位 table: present when sub-units report for this period.
    pub sub_units: Option<SubUnitTable>,
    /// One table per broken-down figure (生产安全事故 by sector) that reports a category.
    pub breakdowns: Vec<BreakdownTable>,
    pub lead: Option<Prose>,
    /// 一、安全生产形势, generated from the figures when the file asks for it.
    pub situation: Option<Situation>,
    pub work: Vec<Section>,
    pub problems: Vec<Section>,
    pub plans: Vec<Section>,
    pub charts: Vec<ChartSpec>,
    /// Every period the unit has a report for, oldest first (for navigation).
    pub unit_periods: Vec<PeriodInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitInfo {
    pub name: String,
    pub short_name: String,
    /// Folder names from `data/` down: the unit's identity in files and exports.
    pub path: Vec<String>,
    /// Slugs from the top: the unit's folder in the site.
    pub site_path: Vec<String>,
    pub level: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodInfo {
    /// The file stem: 2024-H1, 2024.
    pub id: String,
    /// 2024年上半年.
    pub label: String,
    pub year: i32,
    /// The span without the year: 上半年, 下半年, 全年.
    pub span: String,
    pub annual: bool,
}

/// Where the figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// The unit's own period file.
    Own,
    /// No annual file: the year derived from the unit's parts (H1 + H2).
    Parts,
    /// No file of its own: 下辖单位合计.
    SubUnits,
}

/// What an indicator is, as the catalog says: enough for a renderer to label, format
/// and colour it without the catalog at hand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorInfo {
    pub id: String,
    pub label: String,
    /// 处, 家次, 万元; empty for scaled rates; "%" for percentages.
    pub unit: String,
    pub kind: crate::catalog::Kind,
    pub better: crate::catalog::Better,
    /// Decimals a value prints with (percentages use the site's percent decimals).
    pub decimals: usize,
    /// What the indicator asks for instead of the site's decimals; absent when nothing.
    #[serde(skip_serializing_if = "crate::catalog::Precision::is_site_wide")]
    pub precision: crate::catalog::Precision,
    pub roles: crate::catalog::Roles,
}

/// In the published JSON a report names an indicator by its id: the catalog's words for
/// it are the same in every report, so they are written once, in `data/catalog.json`,
/// rather than in each of a province's tens of thousands of models (they were a third of
/// each file).
fn indicator_id<S: serde::Serializer>(i: &IndicatorInfo, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&i.id)
}

fn indicator_ids<S: serde::Serializer>(is: &[IndicatorInfo], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(is.iter().map(|i| &i.id))
}

impl IndicatorInfo {
    /// A proportion: prints as a percentage and changes in 个百分点.
    pub fn is_percentage(&self) -> bool {
        self.kind == crate::catalog::Kind::Proportion
    }
}

/// One indicator in one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    #[serde(serialize_with = "indicator_id")]
    pub indicator: IndicatorInfo,
    /// None: not reported (shown as —), never 0. Percentages are fractions (0.987).
    pub value: Option<f64>,
    /// 下辖单位合计 beside a unit's own figure.
    pub subtotal: Option<f64>,
    /// 同比.
    pub yoy: Option<crate::compute::compare::Comparison>,
    /// 环比.
    pub mom: Option<crate::compute::compare::Comparison>,
}

/// A target judged for this report: the rule, the figure, the status and the margin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetResult {
    #[serde(serialize_with = "indicator_id")]
    pub indicator: IndicatorInfo,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub per: crate::config::Per,
    /// The rule behind it (regulation and article).
    pub basis: String,
    pub status: crate::compute::targets::Status,
    /// The figure judged (for a per-half rule in an annual report: the year's).
    pub value: Option<f64>,
    /// By how much the bound is met (≥ 0) or missed (< 0); None when not judged.
    pub margin: Option<f64>,
    /// What the judgement rests on when the status alone does not say it.
    pub grounds: crate::compute::targets::Grounds,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubUnitTable {
    /// The indicators shown, in catalog order (those with the `table` role any row reports).
    #[serde(serialize_with = "indicator_ids")]
    pub columns: Vec<IndicatorInfo>,
    pub rows: Vec<SubUnitRow>,
    /// 下辖单位合计, one value per column.
    pub total: Vec<Option<f64>>,
}

/// A figure by category (`breakdowns:`): each category's value, 同比 and share of the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownTable {
    pub whole: Figure,
    pub rows: Vec<BreakdownRow>,
    /// Sub-units that reported the whole but not its categories: the categories summed
    /// over sub-units are unknown (—) rather than silently low. Absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unbroken: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakdownRow {
    pub category: String,
    pub figure: Figure,
    /// The category's part of the total (0.125); None when either is missing or the total is 0.
    pub share: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubUnitRow {
    pub unit: UnitInfo,
    pub values: Vec<Option<f64>>,
    /// Whether the sub-unit has a report page for this period (not for a file that
    /// holds figures only).
    pub has_report: bool,
}

/// 一、安全生产形势: （一）事故情况 and （二）指标控制情况 said from the figures, then the
/// writer's own prose, if any.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Situation {
    pub heading: String,
    pub sections: Vec<Section>,
    pub text: Option<Prose>,
}

/// A section with its prose: `{{ }}` already filled from this report's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub title: String,
    pub body: Option<Prose>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prose {
    /// Markdown with the figures filled in (for Word and other non-HTML renderers).
    pub markdown: String,
    /// The same as safe HTML (raw HTML in the source shown as text).
    pub html: String,
}

/// A chart as data: what to draw, not how. Labels and units come from the catalog.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartSpec {
    /// Stable within a page: chart-overview, chart-hazards, …
    pub id: String,
    pub title: String,
    pub kind: ChartKind,
    pub categories: Vec<String>,
    pub series: Vec<SeriesSpec>,
    /// A ratio shown under each category (整改率 per sub-unit), with its label.
    pub notes: Option<ChartNotes>,
    /// Unit of the values (处, 次); empty for percentages.
    pub unit: String,
    pub percent: bool,
    pub decimals: usize,
    /// Each category scaled on its own (indicators of different magnitude side by side).
    pub per_category_axis: bool,
    /// A dashed reference line (目标 100%), in the values' scale.
    pub target: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    Bar,
    Line,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesSpec {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartNotes {
    #[serde(serialize_with = "indicator_id")]
    pub indicator: IndicatorInfo,
    pub values: Vec<Option<f64>>,
}
