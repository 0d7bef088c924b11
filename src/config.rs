//! `zongjie.yaml`: site settings, indicator additions and targets.

use std::path::Path;

use crate::catalog::{AggDef, Better, BreakdownDef, IndicatorDef, Kind, Precision, Roles, Verbs};
use crate::schema::Reader;
use crate::yaml::{Loc, Node};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    /// Judged on the report's own period (整改率, 死亡人数).
    Period,
    /// Must hold in every half-year (现场处置方案演练每半年至少一次).
    Half,
    /// Must hold over the year; an H1 report that has not met it yet is pending.
    Year,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetDef {
    pub id: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub per: Per,
    pub basis: Option<String>,
    pub loc: Option<Loc>,
}

/// Which files beside the web pages `build` writes (`outputs:` in zongjie.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    /// Each report as .docx.
    pub word: bool,
    /// Each report's tables as .xlsx, and data/indicators.xlsx.
    pub excel: bool,
    /// Each report as PDF, as `build --pdf` (needs Chromium or LibreOffice).
    pub pdf: bool,
}

impl Default for Outputs {
    fn default() -> Outputs {
        Outputs {
            word: true,
            excel: true,
            pdf: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub title: String,
    pub organisation: String,
    /// Only for links that must be absolute (feeds); pages link relatively.
    pub base_url: Option<String>,
    pub locale: String,
    /// Most decimals of percentages, trailing zeros trimmed: 1 gives 98.7% and 100%.
    pub percent_decimals: usize,
    /// What 打印 includes by default (the page lets the reader switch): `body` 正文 only,
    /// `tables` 正文＋附表, `all` 正文＋附表＋附图.
    pub print: String,
    /// Whether reports still marked as drafts are published (`build --drafts` also does).
    pub publish_drafts: bool,
    /// Decimals of changes (下降14.29%, 提升5.2个百分点), of shares (占12.5%) and of
    /// targets' bounds (不低于100%); None: `percent_decimals`.
    pub change_decimals: Option<usize>,
    pub share_decimals: Option<usize>,
    pub target_decimals: Option<usize>,
    pub indicators: Vec<IndicatorDef>,
    pub targets: Vec<TargetDef>,
    /// Category lists per indicator group (事故按行业领域).
    pub breakdowns: Vec<BreakdownDef>,
    /// Which of Word, Excel and PDF `build` writes beside the pages.
    pub outputs: Outputs,
}

impl Config {
    /// Decimals of a change's percentage or points.
    pub fn change_decimals(&self) -> usize {
        self.change_decimals.unwrap_or(self.percent_decimals)
    }

    /// Decimals of a share (`| share(of=…)`).
    pub fn share_decimals(&self) -> usize {
        self.share_decimals.unwrap_or(self.percent_decimals)
    }

    /// Decimals of a target's bound in percent.
    pub fn target_decimals(&self) -> usize {
        self.target_decimals.unwrap_or(self.percent_decimals)
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: "安全生产工作总结".into(),
            organisation: String::new(),
            base_url: None,
            locale: "zh-CN".into(),
            percent_decimals: 1,
            print: "tables".into(),
            publish_drafts: false,
            change_decimals: None,
            share_decimals: None,
            target_decimals: None,
            indicators: Vec::new(),
            targets: Vec::new(),
            breakdowns: Vec::new(),
            outputs: Outputs::default(),
        }
    }
}

const KEYS: &[&str] = &[
    "title",
    "organisation",
    "base_url",
    "locale",
    "percent_decimals",
    "print",
    "publish_drafts",
    "change_decimals",
    "share_decimals",
    "target_decimals",
    "indicators",
    "targets",
    "breakdowns",
    "outputs",
];

pub fn parse(root: &Node, file: &Path, diags: &mut crate::diag::Diagnostics) -> Config {
    let mut r = Reader { file, diags };
    let mut config = Config::default();
    let entries = r.map(root, "zongjie.yaml ");
    r.known_keys(entries, KEYS, "zongjie.yaml ");
    for e in entries {
        match e.key.as_str() {
            "title" => config.title = r.text(&e.value, "title").unwrap_or(config.title),
            "organisation" => {
                config.organisation = r.text(&e.value, "organisation").unwrap_or_default()
            }
            "base_url" => config.base_url = r.text(&e.value, "base_url"),
            "locale" => {
                let locale = r.text(&e.value, "locale").unwrap_or(config.locale);
                if locale != "zh-CN" {
                    r.diags
                        .error(file, Some(e.value.loc), format!("暂不支持语言 `{locale}`"))
                        .help("目前只支持 `zh-CN`（简体中文）。");
                }
                config.locale = "zh-CN".into();
            }
            "percent_decimals" => {
                if let Some(d) = whole_up_to(
                    &mut r,
                    &e.value,
                    "percent_decimals",
                    crate::format::MAX_DECIMALS,
                ) {
                    config.percent_decimals = d;
                }
            }
            "print" => {
                if let Some(scope) = print_scope(&mut r, &e.value) {
                    config.print = scope;
                }
            }
            "publish_drafts" => {
                config.publish_drafts = r.flag(&e.value, "publish_drafts").unwrap_or(false)
            }
            key @ ("change_decimals" | "share_decimals" | "target_decimals") => {
                let d = whole_up_to(&mut r, &e.value, key, crate::format::MAX_DECIMALS);
                match key {
                    "change_decimals" => config.change_decimals = d,
                    "share_decimals" => config.share_decimals = d,
                    _ => config.target_decimals = d,
                }
            }
            "breakdowns" => {
                for b in r.map(&e.value, "breakdowns ") {
                    config.breakdowns.push(breakdown_def(&mut r, b));
                }
            }
            "indicators" => {
                for item in r.seq(&e.value, "indicators") {
                    if let Some(d) = indicator_def(&mut r, item) {
                        config.indicators.push(d);
                    }
                }
            }
            "targets" => {
                for t in r.map(&e.value, "targets ") {
                    config
                        .targets
                        .push(target_def(&mut r, &t.key, t.key_loc, &t.value));
                }
            }
            "outputs" => config.outputs = outputs(&mut r, &e.value),
            _ => {}
        }
    }
    config
}

/// The values `print` may take, with what each prints.
const PRINT_SCOPES: &[(&str, &str)] = &[
    ("body", "只打印正文"),
    ("tables", "正文＋附表"),
    ("all", "正文＋附表＋附图"),
];

fn print_scope(r: &mut Reader, node: &Node) -> Option<String> {
    let scope = r.text(node, "print")?;
    if PRINT_SCOPES.iter().any(|(k, _)| *k == scope) {
        return Some(scope);
    }
    let choices: Vec<String> = PRINT_SCOPES
        .iter()
        .map(|(k, what)| format!("`{k}`（{what}）"))
        .collect();
    r.diags
        .error(r.file, Some(node.loc), format!("`print: {scope}` 无法识别"))
        .help(format!("写 {}。", choices.join("、")));
    None
}

/// `outputs: {word: false, excel: true, pdf: true}`: each key optional, true or false.
fn outputs(r: &mut Reader, node: &Node) -> Outputs {
    let mut out = Outputs::default();
    let entries = r.map(node, "outputs ");
    r.known_keys(entries, &["word", "excel", "pdf"], "outputs ");
    for e in entries {
        let flag = match e.value.as_text() {
            Some("true") => true,
            Some("false") => false,
            _ => {
                r.diags
                    .error(
                        r.file,
                        Some(e.value.loc),
                        format!("`outputs.{}` 应为 true 或 false", e.key),
                    )
                    .help("写 `true` 生成这种文件，`false` 不生成。");
                continue;
            }
        };
        match e.key.as_str() {
            "word" => out.word = flag,
            "excel" => out.excel = flag,
            _ => out.pdf = flag,
        }
    }
    out
}

const INDICATOR_KEYS: &[&str] = &[
    "id",
    "label",
    "unit",
    "agg",
    "ratio",
    "scale",
    "better",
    "decimals",
    "change_decimals",
    "share_decimals",
    "target_decimals",
    "within",
    "kind",
    "roles",
    "verbs",
];

/// Keys that define what an indicator is: an entry without any of them only tunes a
/// built-in of the same id (its decimals, roles, verbs, kind).
const DEFINING_KEYS: &[&str] = &["label", "unit", "agg", "ratio", "scale", "better"];

fn indicator_def(r: &mut Reader, node: &Node) -> Option<IndicatorDef> {
    let entries = r.map(node, "指标定义");
    r.known_keys(entries, INDICATOR_KEYS, "指标定义");
    let get = |k: &str| entries.iter().find(|e| e.key == k).map(|e| &e.value);
    let Some(id) = get("id").and_then(|n| r.text(n, "id")) else {
        r.diags
            .error(r.file, Some(node.loc), "指标定义缺少 `id`")
            .help("写成 `{id: warnings.issued, label: 发布预警信息, unit: 条, agg: sum}`。");
        return None;
    };
    if id.split('.').count() != 2
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.')
    {
        r.diags
            .error(r.file, Some(node.loc), format!("指标 id `{id}` 的格式不对"))
            .help("id 由“组.名称”两段组成，只用小写英文字母、数字和下划线，例如 `fire.checked`。");
        return None;
    }
    let label = get("label")
        .and_then(|n| r.text(n, "label"))
        .unwrap_or_else(|| id.clone());
    let unit = get("unit")
        .and_then(|n| r.text(n, "unit"))
        .unwrap_or_default();
    let agg = match (get("ratio"), get("agg")) {
        (Some(ratio), _) => ratio_def(r, ratio, get("scale"))?,
        (None, agg) => agg_def(r, agg)?,
    };
    let better = match get("better").and_then(|n| r.text(n, "better")).as_deref() {
        None | Some("none") => Better::Neither,
        Some("up") => Better::Up,
        Some("down") => Better::Down,
        Some(other) => {
            r.diags
                .error(
                    r.file,
                    get("better").map(|n| n.loc),
                    format!("`better: {other}` 无法识别"),
                )
                .help("写 `up`（越高越好）、`down`（越低越好）或 `none`。");
            Better::Neither
        }
    };
    let mut decimals_of =
        |key: &str| get(key).and_then(|n| whole_up_to(r, n, key, crate::format::MAX_DECIMALS));
    let decimals = decimals_of("decimals");
    let precision = Precision {
        percent: None,
        change: decimals_of("change_decimals"),
        share: decimals_of("share_decimals"),
        target: decimals_of("target_decimals"),
    };
    let tunes_only = !entries
        .iter()
        .any(|e| DEFINING_KEYS.contains(&e.key.as_str()));
    let within = get("within").and_then(|n| r.text(n, "within"));
    let kind = get("kind").and_then(|n| kind_def(r, n));
    let roles = get("roles").map(|n| roles_def(r, n));
    let verbs = get("verbs").and_then(|n| verbs_def(r, n));
    Some(IndicatorDef {
        id,
        label,
        unit,
        agg,
        kind,
        roles,
        better,
        decimals,
        precision,
        tunes_only,
        within,
        verbs,
        category: None,
        loc: Some(node.loc),
    })
}

/// `accidents: {road: 道路交通, construction: 建筑施工}` under `breakdowns:`.
fn breakdown_def(r: &mut Reader, b: &crate::yaml::Entry) -> BreakdownDef {
    let mut categories = Vec::new();
    for c in r.map(&b.value, "breakdowns 的分类") {
        let ascii = c
            .key
            .bytes()
            .all(|x| x.is_ascii_lowercase() || x.is_ascii_digit() || x == b'_');
        if !ascii || c.key.is_empty() {
            r.diags
                .error(
                    r.file,
                    Some(c.key_loc),
                    format!("分类的键 `{}` 只能用小写英文字母、数字和下划线", c.key),
                )
                .help("写成 `road: 道路交通`：键用于数据文件（count_road），名称显示在页面上。");
            continue;
        }
        let label = r.text(&c.value, &c.key).unwrap_or_else(|| c.key.clone());
        categories.push((c.key.clone(), label));
    }
    BreakdownDef {
        group: b.key.clone(),
        categories,
        loc: Some(b.key_loc),
    }
}

/// `verbs: harm` — how the indicator's change is worded (上升/下降, 增长/下降, 个百分点).
fn verbs_def(r: &mut Reader, node: &Node) -> Option<Verbs> {
    let name = r.text(node, "verbs")?;
    let verbs = Verbs::from_name(&name);
    if verbs.is_none() {
        r.diags
            .error(r.file, Some(node.loc), format!("`verbs: {name}` 无法识别"))
            .help("写 harm（事故类：上升/下降）、work（工作量：增长/下降、增加/减少）或 points（百分比：提升/下降…个百分点）。");
    }
    verbs
}

fn kind_def(r: &mut Reader, node: &Node) -> Option<Kind> {
    let name = r.text(node, "kind")?;
    let kind = Kind::from_name(&name);
    if kind.is_none() {
        r.diags
            .error(r.file, Some(node.loc), format!("`kind: {name}` 无法识别"))
            .help(format!(
                "写 {} 之一：count 计数、amount 金额、stock 期末数、distinct 去重人数、proportion 百分比、rate 带倍数的比率。",
                Kind::NAMES.join("、")
            ));
    }
    kind
}

/// `roles: [card, table]` — where the indicator is shown; `roles: []` shows it only in
/// the 附表. Replaces a built-in indicator's roles.
fn roles_def(r: &mut Reader, node: &Node) -> Roles {
    let mut roles = Roles::default();
    for item in r.seq(node, "roles") {
        let Some(name) = r.text(item, "roles") else {
            continue;
        };
        if !roles.set(&name) {
            r.diags
                .error(r.file, Some(item.loc), format!("角色 `{name}` 无法识别"))
                .help(format!(
                    "roles 可写：{}（card 首页卡片、table 下辖单位表、overview 主要指标图、trend 各期柱图、rate_trend 比率趋势图、parts_chart 分子分母柱图、sub_unit_chart 下辖单位柱图）。",
                    Roles::NAMES.join("、")
                ));
        }
    }
    roles
}

/// A number of decimals: a whole number from 0 to `max`. 2.5 or 100000 is refused with
/// the range, instead of being truncated or making every figure a page of zeros.
fn whole_up_to(r: &mut Reader, node: &Node, key: &str, max: usize) -> Option<usize> {
    let d = r.count(node, key, "小数位")?;
    if d.fract() == 0.0 && d <= max as f64 {
        return Some(d as usize);
    }
    r.diags
        .error(
            r.file,
            Some(node.loc),
            format!("`{key}`（小数位）应为 0 到 {max} 的整数，这里是 {d}"),
        )
        .help("常用 0（整数）、1（98.7%）或 2（98.70%）。");
    None
}

fn agg_def(r: &mut Reader, node: Option<&Node>) -> Option<AggDef> {
    let Some(node) = node else {
        return Some(AggDef::Sum);
    };
    match r.text(node, "agg").as_deref() {
        Some("sum") | None => Some(AggDef::Sum),
        Some("last") => Some(AggDef::Last),
        Some("none") => Some(AggDef::Distinct),
        Some(other) => {
            r.diags
                .error(r.file, Some(node.loc), format!("`agg: {other}` 无法识别"))
                .help("写 `sum`（上下半年相加，如隐患数）、`last`（取年末数，如预案数）或 `none`（不能相加，如已培训人数）；比率写 `ratio: [分子, 分母]`。");
            None
        }
    }
}

fn ratio_def(r: &mut Reader, node: &Node, scale: Option<&Node>) -> Option<AggDef> {
    let parts: Vec<String> = r
        .seq(node, "ratio")
        .iter()
        .filter_map(|n| r.text(n, "ratio"))
        .collect();
    if parts.len() != 2 {
        r.diags
            .error(r.file, Some(node.loc), "`ratio` 应写两个指标：[分子, 分母]")
            .help("例如 `ratio: [fire.checked, fire.venues]`。");
        return None;
    }
    let scale = scale
        .and_then(|n| r.count(n, "scale", "倍数"))
        .unwrap_or(1.0);
    Some(AggDef::Ratio {
        numerator: vec![parts[0].clone()],
        denominator: parts[1].clone(),
        scale,
    })
}

const TARGET_KEYS: &[&str] = &["min", "max", "per", "basis"];

fn target_def(r: &mut Reader, id: &str, loc: Loc, node: &Node) -> TargetDef {
    let entries = r.map(node, "目标");
    r.known_keys(entries, TARGET_KEYS, "目标");
    let mut t = TargetDef {
        id: id.to_string(),
        min: None,
        max: None,
        per: Per::Period,
        basis: None,
        loc: Some(loc),
    };
    for e in entries {
        match e.key.as_str() {
            "min" => t.min = r.count(&e.value, "min", "下限"),
            "max" => t.max = r.count(&e.value, "max", "上限"),
            "basis" => t.basis = r.text(&e.value, "basis"),
            "per" => {
                t.per = match r.text(&e.value, "per").as_deref() {
                    Some("half") => Per::Half,
                    Some("year") => Per::Year,
                    Some("period") | None => Per::Period,
                    Some(other) => {
                        r.diags
                            .error(
                                r.file,
                                Some(e.value.loc),
                                format!("`per: {other}` 无法识别"),
                            )
                            .help("写 `half`（每半年）、`year`（每年）或省略（按报告期间）。");
                        Per::Period
                    }
                }
            }
            _ => {}
        }
    }
    // A `min` or `max` that is written but wrong has been reported already.
    let bounds_written = entries.iter().any(|e| e.key == "min" || e.key == "max");
    if !bounds_written {
        r.diags
            .error(
                r.file,
                Some(loc),
                format!("目标 `{id}` 没有写 `min` 或 `max`"),
            )
            .help("例如 `hazards.rectification_rate: {min: 1.0}`（整改率不低于100%）。");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::yaml::parse as parse_yaml;

    fn load(src: &str) -> (Config, Vec<String>) {
        let root = parse_yaml(src).unwrap().root;
        let mut d = Diagnostics::new();
        let c = parse(&root, Path::new("zongjie.yaml"), &mut d);
        (c, d.sorted().iter().map(|x| x.to_string()).collect())
    }

    #[test]
    fn reads_the_documented_example() {
        let (c, msgs) = load(
            "title: 城关县安全生产工作总结\norganisation: 城关县安委办\nlocale: zh-CN\n\
             indicators:\n  - {id: warnings.issued, label: 发布预警信息, unit: 条, agg: sum}\n  \
             - {id: fire.checks_rate, label: 消防检查覆盖率, ratio: [fire.checked, fire.venues], better: up}\n\
             targets:\n  hazards.rectification_rate: {min: 1.0}\n  drills.count: {min: 1, per: half}\n",
        );
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(c.title, "城关县安全生产工作总结");
        assert_eq!(c.indicators.len(), 2);
        assert_eq!(c.indicators[1].better, Better::Up);
        assert!(
            matches!(&c.indicators[1].agg, AggDef::Ratio { denominator, .. } if denominator == "fire.venues")
        );
        assert_eq!(c.targets[1].per, Per::Half);
        assert_eq!(c.targets[1].min, Some(1.0));
    }

    #[test]
    fn print_and_draft_settings_default_to_full_print_and_no_drafts() {
        let (c, msgs) = load("title: 城关县\n");
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(c.print, "tables");
        assert!(!c.publish_drafts);
        let (c, msgs) = load("print: all\npublish_drafts: true\n");
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(c.print, "all");
        assert!(c.publish_drafts);
    }

    #[test]
    fn a_setting_with_a_wrong_value_says_what_to_write() {
        let (_, msgs) = load("publish_drafts: 是\n");
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(msgs[0].contains("应为 true 或 false"), "{msgs:?}");
        let (c, msgs) = load("print: 附表\n");
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(msgs[0].contains("`tables`（正文＋附表）"), "{msgs:?}");
        assert_eq!(c.print, "tables");
    }

    #[test]
    fn kind_and_roles_are_read_and_unknown_ones_reported() {
        let (c, msgs) = load(
            "indicators:\n  - {id: fire.fines, label: 罚款, unit: 元, kind: amount, roles: [card, table]}\n  \
             - {id: fire.x, kind: money, roles: [card, headline]}\n",
        );
        assert_eq!(c.indicators[0].kind, Some(Kind::Amount));
        let roles = c.indicators[0].roles.unwrap();
        assert!(roles.card && roles.table && !roles.overview);
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs[0].contains("zongjie.yaml:3:24") && msgs[0].contains("`kind: money`"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].contains("`headline`") && msgs[1].contains("sub_unit_chart"),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_bound_that_is_not_a_number_is_one_error_not_also_a_missing_bound() {
        let (c, msgs) =
            load("targets:\n  drills.count: {min: 一次}\n  accidents.deaths: {per: year}\n");
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].contains("zongjie.yaml:2:23") && msgs[0].contains("应为数字"));
        assert!(msgs[1].contains("zongjie.yaml:3:3") && msgs[1].contains("没有写 `min` 或 `max`"));
        assert_eq!(c.targets[0].min, None);
    }

    #[test]
    fn misspelt_keys_are_reported_with_the_right_spelling() {
        let (_, msgs) = load("titel: x\ntargets:\n  drills.count: {mni: 1}\n");
        assert!(
            msgs.iter()
                .any(|m| m.contains("`titel`") && m.contains("`title`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("`mni`") && m.contains("`min`")),
            "{msgs:?}"
        );
    }

    #[test]
    fn decimals_are_whole_and_bounded() {
        for bad in ["2.5", "100000", "7"] {
            let (c, msgs) = load(&format!(
                "indicators:\n  - {{id: x.n, label: 丙, unit: 个, agg: sum, decimals: {bad}}}\n"
            ));
            assert_eq!(c.indicators[0].decimals, None, "{bad}");
            assert!(msgs[0].contains("应为 0 到 6 的整数"), "{bad}: {msgs:?}");
        }
        let (_, msgs) = load("percent_decimals: 7\n");
        assert!(msgs[0].contains("应为 0 到 6 的整数"), "{msgs:?}");
    }

    #[test]
    fn changes_shares_and_targets_have_their_own_decimals() {
        let (c, msgs) = load("percent_decimals: 1\nchange_decimals: 2\ntarget_decimals: 0\n");
        assert!(msgs.is_empty(), "{msgs:?}");
        assert_eq!(c.change_decimals(), 2);
        assert_eq!(c.target_decimals(), 0);
        assert_eq!(c.share_decimals(), 1, "unset: the percent decimals");
        let (_, msgs) = load("share_decimals: 9\n");
        assert!(msgs[0].contains("share_decimals"), "{msgs:?}");
    }

    #[test]
    fn an_indicator_sets_its_own_decimals_within_bounds() {
        let (c, msgs) = load(
            "indicators:\n  - {id: accidents.count, change_decimals: 2, share_decimals: 0, target_decimals: 6}\n",
        );
        assert!(msgs.is_empty(), "{msgs:?}");
        let d = &c.indicators[0];
        assert!(
            d.tunes_only,
            "no label, unit or agg: a tuning of the built-in"
        );
        assert_eq!(
            (d.precision.change, d.precision.share, d.precision.target),
            (Some(2), Some(0), Some(6))
        );
        let (c, msgs) =
            load("indicators:\n  - {id: x.n, label: 丙, unit: 个, change_decimals: 7}\n");
        assert!(!c.indicators[0].tunes_only);
        assert_eq!(c.indicators[0].precision.change, None);
        assert_eq!(
            msgs,
            ["错误: zongjie.yaml:2:51: `change_decimals`（小数位）应为 0 到 6 的整数，这里是 7\n  提示: 常用 0（整数）、1（98.7%）或 2（98.70%）。"]
        );
        let (_, msgs) = load("indicators:\n  - {id: accidents.count, share_decimals: 1.5}\n");
        assert!(
            msgs[0].contains("zongjie.yaml:2:43") && msgs[0].contains("这里是 1.5"),
            "{msgs:?}"
        );
    }

    #[test]
    fn an_indicator_may_name_its_verbs() {
        let (c, msgs) = load("indicators:\n  - {id: fire.count, label: 火灾, unit: 起, agg: sum, verbs: harm}\n  - {id: fire.x, verbs: rises}\n");
        assert_eq!(c.indicators[0].verbs, Some(crate::catalog::Verbs::Harm));
        assert!(
            msgs.iter().any(|m| m.contains("`verbs: rises` 无法识别")),
            "{msgs:?}"
        );
    }
}
