//! `zongjie new`: the period file a writer fills in, shaped like the unit's previous one —
//! the same indicator keys and section titles, every number and body left blank.
//!
//! Choosing the unit and the file to copy is here, and so is composing the YAML text; the
//! command only writes it. Nothing here touches the disk.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::diag::suggest;
use crate::locale;
use crate::model::{PeriodFile, Project, Section, UnitId};
use crate::period::{Period, PeriodKind};

/// The file to write and what it was drawn from.
#[derive(Debug)]
pub struct NewFile {
    /// The unit's folder, relative to the project root (`data/城关县/城关镇/东村`).
    pub unit_dir: PathBuf,
    /// True when the unit folder does not exist yet.
    pub unit_is_new: bool,
    /// The period file, relative to the project root.
    pub path: PathBuf,
    pub basis: Basis,
    pub text: String,
}

/// Where the new file's structure comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum Basis {
    /// One of the unit's own files (its author is carried over).
    Own(PathBuf),
    /// A sibling unit's file: its indicator keys, not its section titles nor its author.
    Sibling(PathBuf),
    /// No file to copy: every indicator of the catalog, no sections.
    Standard,
}

#[derive(Debug, PartialEq)]
pub enum NewError {
    /// The period file is there already: we never overwrite.
    Exists(PathBuf),
    /// Several units end with the path typed.
    Ambiguous(String, Vec<PathBuf>),
    /// A new unit whose parent is not a unit.
    UnknownParent {
        typed: String,
        parent: String,
        suggestion: Option<String>,
    },
    BadUnitPath(String),
}

impl fmt::Display for NewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewError::Exists(path) => write!(
                f,
                "{} 已经存在，不会覆盖它。\n  提示: 直接打开这个文件修改；要重新生成，先把它改名或删除。",
                path.display()
            ),
            NewError::Ambiguous(typed, dirs) => {
                let list: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
                write!(
                    f,
                    "有不止一个单位叫“{typed}”：{}\n  提示: 写出上级单位，例如 `{}`。",
                    list.join("、"),
                    unit_arg(&dirs[0])
                )
            }
            NewError::UnknownParent {
                typed,
                parent,
                suggestion,
            } => {
                write!(f, "找不到“{typed}”的上级单位“{parent}”（data/ 下没有这个文件夹）。\n  提示: ")?;
                if let Some(s) = suggestion {
                    write!(f, "是不是想写 `{s}`？")?;
                }
                write!(f, "单位路径是 data/ 下的文件夹路径，例如 `城关县/城关镇/东村`；确是新的上级单位的话，先在 data/ 下建好它的文件夹。")
            }
            NewError::BadUnitPath(typed) => write!(
                f,
                "“{typed}”不是单位路径。\n  提示: 单位路径是 data/ 下的文件夹路径，例如 `城关县/城关镇/东村`；文件夹名不能为空、两端不能有空格，也不能是 index.html、2024-H1 这样网站自用的名字。"
            ),
        }
    }
}

impl std::error::Error for NewError {}

/// `data/城关县/城关镇` → `城关县/城关镇`, how a writer types it.
fn unit_arg(dir: &Path) -> String {
    let segs: Vec<String> = dir
        .components()
        .skip(1)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    segs.join("/")
}

/// Plans the file for `unit` (a folder path below `data/`) and `period`.
pub fn new_file(project: &Project, unit: &str, period: Period) -> Result<NewFile, NewError> {
    let segs = unit_segments(unit)?;
    let (unit_id, unit_dir, parent) = match find_unit(project, &segs, unit)? {
        Some(id) => (
            Some(id),
            project.units[id].dir.clone(),
            project.units[id].parent,
        ),
        None => {
            let (parent, dir) = new_unit_place(project, &segs, unit)?;
            (None, dir, parent)
        }
    };
    let path = unit_dir.join(format!("{period}.yaml"));
    for existing in [&path, &unit_dir.join(format!("{period}.yml"))] {
        if project.root.join(existing).exists() {
            return Err(NewError::Exists(existing.clone()));
        }
    }
    let (basis, source) = choose_basis(project, unit_id, parent, period);
    let name = match unit_id {
        Some(id) => project.units[id].name.clone(),
        None => segs.last().cloned().unwrap_or_default(),
    };
    let signer = unit_id.and_then(|id| project.units[id].signer.as_deref());
    let header = Header {
        unit_name: &name,
        period,
        path: &path,
        basis: &basis,
        signer,
        derivable: derivable(project, unit_id, period),
    };
    let keys = keys_to_fill(project, source);
    let text = period_text(&project.catalog, &header, source, &keys);
    Ok(NewFile {
        unit_is_new: unit_id.is_none() && !project.root.join(&unit_dir).is_dir(),
        unit_dir,
        path,
        basis,
        text,
    })
}

/// The existing unit a writer means by `typed` (a folder path below `data/`, or its last
/// folders when they are unique), for the commands that work on one (`form`).
pub fn find_existing_unit(project: &Project, typed: &str) -> Result<Option<UnitId>, NewError> {
    find_unit(project, &unit_segments(typed)?, typed)
}

/// Splits what was typed into folder names, accepting `\`, a leading `data/` (as shell
/// completion gives it) and a trailing `/`.
fn unit_segments(typed: &str) -> Result<Vec<String>, NewError> {
    let mut segs: Vec<String> = typed
        .replace('\\', "/")
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .map(str::to_string)
        .collect();
    if segs.len() > 1 && segs[0] == "data" {
        segs.remove(0);
    }
    // A blank name or one with spaces at its ends is invisible in a file manager; a
    // reserved one (index.html, a period) would collide with the site's own files.
    let bad = segs.is_empty()
        || segs.iter().enumerate().any(|(i, s)| {
            s == ".." || s.starts_with('.') || s.trim() != s || crate::load::is_reserved(s, i == 0)
        });
    if bad {
        return Err(NewError::BadUnitPath(typed.to_string()));
    }
    Ok(segs)
}

/// The unit whose folder path is `segs`, or else the only one whose path ends with them
/// (`城关镇/东村` for `城关县/城关镇/东村`). None when no unit matches.
fn find_unit(project: &Project, segs: &[String], typed: &str) -> Result<Option<UnitId>, NewError> {
    if let Some(u) = project.units.iter().find(|u| u.path == segs) {
        return Ok(Some(u.id));
    }
    let matches: Vec<UnitId> = project
        .units
        .iter()
        .filter(|u| u.path.ends_with(segs))
        .map(|u| u.id)
        .collect();
    match matches.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        many => Err(NewError::Ambiguous(
            typed.to_string(),
            many.iter().map(|&i| project.units[i].dir.clone()).collect(),
        )),
    }
}

/// Where a new unit goes: under its parent (which must exist), or at the top of `data/`.
fn new_unit_place(
    project: &Project,
    segs: &[String],
    typed: &str,
) -> Result<(Option<UnitId>, PathBuf), NewError> {
    let (name, parent_segs) = segs.split_last().expect("at least one segment");
    if parent_segs.is_empty() {
        return Ok((None, Path::new("data").join(name)));
    }
    let parent_typed = parent_segs.join("/");
    match find_unit(project, parent_segs, &parent_typed)? {
        Some(p) => Ok((Some(p), project.units[p].dir.join(name))),
        None => Err(NewError::UnknownParent {
            typed: typed.to_string(),
            suggestion: nearest_unit(project, parent_segs),
            parent: parent_typed,
        }),
    }
}

/// The full path of the unit whose last folders are nearest to what was typed
/// (`城关真` → `城关县/城关镇`).
fn nearest_unit(project: &Project, segs: &[String]) -> Option<String> {
    let tails: Vec<(String, &[String])> = project
        .units
        .iter()
        .map(|u| {
            let tail = &u.path[u.path.len().saturating_sub(segs.len())..];
            (tail.join("/"), u.path.as_slice())
        })
        .collect();
    let typed = segs.join("/");
    let near = suggest(&typed, tails.iter().map(|(t, _)| t.as_str()))?;
    tails
        .iter()
        .find(|(t, _)| t == near)
        .map(|(_, path)| path.join("/"))
}

/// Of `periods`, the one to copy for `want`: the same period a year earlier (H1 from last
/// H1, so 下半年 plans never open a first half; Q3 from last Q3), else the latest earlier
/// one of the same kind (a quarter from a quarter), else the latest earlier one, else the
/// nearest later one.
pub fn pick_period(periods: impl IntoIterator<Item = Period>, want: Period) -> Option<Period> {
    let periods: Vec<Period> = periods.into_iter().filter(|p| *p != want).collect();
    if periods.contains(&want.year_earlier()) {
        return Some(want.year_earlier());
    }
    let same_kind = |p: &Period| p.same_kind(want);
    let earlier = periods
        .iter()
        .filter(|p| **p < want)
        .max_by_key(|p| (same_kind(p), **p));
    earlier
        .or_else(|| {
            periods
                .iter()
                .filter(|p| **p > want)
                .min_by_key(|p| (!same_kind(p), **p))
        })
        .copied()
}

/// The unit's own file if it has one, else a sibling's (the same choice among all their
/// files; the first sibling wins a tie), else nothing.
fn choose_basis(
    project: &Project,
    unit: Option<UnitId>,
    parent: Option<UnitId>,
    period: Period,
) -> (Basis, Option<&PeriodFile>) {
    if let Some(u) = unit.map(|id| &project.units[id]) {
        if let Some(p) = pick_period(u.files.keys().copied(), period) {
            let f = &u.files[&p];
            return (Basis::Own(f.path.clone()), Some(f));
        }
    }
    let siblings: Vec<UnitId> = match parent {
        Some(p) => project.units[p].children.clone(),
        None => project.top_units(),
    };
    let files: Vec<(Period, &PeriodFile)> = siblings
        .iter()
        .filter(|&&s| Some(s) != unit)
        .flat_map(|&s| project.units[s].files.iter().map(|(p, f)| (*p, f)))
        .collect();
    match pick_period(files.iter().map(|(p, _)| *p), period) {
        Some(picked) => {
            let (_, f) = files
                .iter()
                .find(|(p, _)| *p == picked)
                .expect("picked from these");
            (Basis::Sibling(f.path.clone()), Some(f))
        }
        None => (Basis::Standard, None),
    }
}

/// What the comment at the top of the file says.
struct Header<'a> {
    unit_name: &'a str,
    period: Period,
    path: &'a Path,
    basis: &'a Basis,
    signer: Option<&'a str>,
    /// The period's figures can come from its parts, so its numbers may stay blank.
    derivable: bool,
}

/// True when `period`'s figures can be added up from shorter ones: a year from its
/// halves, a 1—9月 span from its quarters, a half or quarter when the unit files the
/// quarters or months inside it.
fn derivable(project: &Project, unit: Option<UnitId>, period: Period) -> bool {
    let has_inner = unit.is_some_and(|id| {
        project.units[id]
            .files
            .keys()
            .any(|p| *p != period && period.contains(*p))
    });
    period.is_annual() || period.kind() == PeriodKind::Span || has_inner
}

/// The whole file: header comment, author and date, blank indicators, titled sections.
fn period_text(
    catalog: &Catalog,
    header: &Header,
    source: Option<&PeriodFile>,
    keys: &[usize],
) -> String {
    let basis = header.basis;
    let mut out = header_comment(header);
    let author = match basis {
        Basis::Own(_) => source.and_then(|f| f.author.as_deref()),
        _ => None,
    };
    out.push_str(&author_line(author, header.signer));
    out.push_str(&format!(
        "{:<COMMENT_COL$}# 成文日期，例如 {}\n",
        "date:",
        example_date(header.period)
    ));
    out.push_str(&format!("{:<COMMENT_COL$}# 导语\n", "lead: |"));
    // A report that opened with 一、安全生产形势 keeps asking for it.
    if source.is_some_and(|f| f.situation.is_some()) {
        out.push_str(&format!(
            "{:<COMMENT_COL$}# 一、安全生产形势：由数字自动生成\n",
            "situation: true"
        ));
    }
    out.push_str(&indicators_text(catalog, keys, source.is_none()));
    // A sibling's titles are its own story: a new unit starts from neutral examples.
    let titled = match basis {
        Basis::Own(_) => source,
        _ => None,
    };
    let none = Vec::new();
    let sections = |pick: fn(&PeriodFile) -> &Vec<Section>| titled.map_or(&none, pick);
    out.push_str(&sections_text(
        "work",
        "一、主要工作开展情况",
        sections(|f| &f.work),
    ));
    out.push_str(&sections_text(
        "problems",
        "二、存在的问题",
        sections(|f| &f.problems),
    ));
    let plans_heading = format!("三、{}", locale::zh_cn().plans_heading(header.period));
    out.push_str(&sections_text(
        "plans",
        &plans_heading,
        sections(|f| &f.plans),
    ));
    out
}

/// Comments start in this column, so the values a writer fills in line up.
const COMMENT_COL: usize = 28;

fn header_comment(h: &Header) -> String {
    let from = match h.basis {
        Basis::Own(p) => format!(
            "依据本单位的 {} 生成：指标项和各节标题沿用该期，数字、日期和正文都已清空",
            p.file_name().unwrap_or_default().to_string_lossy()
        ),
        Basis::Sibling(p) => format!(
            "本单位还没有期间文件，依据同级单位的 {} 生成：沿用它的指标项，数字已清空；各节标题请按下方示例自拟",
            unit_arg(p.parent().unwrap_or(p))
        ),
        Basis::Standard => "生成：本单位和同级单位都还没有期间文件，列出了常用指标；各节请按下方示例添加".to_string(),
    };
    let mut s = format!(
        "# {}{}安全生产工作总结（{}）\n# 由 zongjie new {from}。\n#\n# 请填写：\n",
        h.unit_name,
        locale::zh_cn().period_label(h.period),
        h.path.display()
    );
    s.push_str(
        "#   - date：成文日期；author：落款单位。\n\
         #   - indicators：只写阿拉伯数字，不加单位、不加引号；暂未报送的留空（页面显示 —），确实为零的写 0。\n",
    );
    if h.derivable {
        let zh = locale::zh_cn();
        let parts: Vec<String> = h.period.parts().iter().map(|p| zh.span_label(*p)).collect();
        let last = parts.last().cloned().unwrap_or_default();
        s.push_str(&format!(
            "#     {}文件的数字可以留空：自动由{}相加（期末数取{last}）；已培训人数这类不能相加的要在这里填。\n",
            zh.short_label(h.period),
            parts.join("、"),
        ));
    }
    s.push_str(
        "#   - lead 导语、每一节的 body 正文：写在 `|` 的下一行，比 body 多缩进两个空格，可以写多段。\n\
         #     正文中写 {{ hazards.found }} 这样的名字引用本期数字，数据改了正文跟着变。\n\
         #   - 标题可以修改、增删、调换顺序；“一、”“（一）”等序号由模板自动编排，不用手写。\n\
         # 填好后运行 zongjie check 检查，zongjie serve 预览。\n\n",
    );
    s
}

fn author_line(author: Option<&str>, signer: Option<&str>) -> String {
    match (author, signer) {
        (Some(a), _) => format!("author: {}\n", yaml_scalar(a)),
        (None, Some(s)) => format!(
            "{:<COMMENT_COL$}# 落款单位；不写则用 unit.yaml 的 signer：{s}\n",
            "author:"
        ),
        (None, None) => format!(
            "{:<COMMENT_COL$}# 落款单位，例如 某某镇安全生产委员会办公室\n",
            "author:"
        ),
    }
}

/// A plausible 成文日期 for the example: early in the month after the period ends.
fn example_date(period: Period) -> String {
    let y = period.year_number();
    match period.months().1 {
        12 => format!("{}-01-10", y + 1),
        last => format!("{y}-{:02}-05", last + 1),
    }
}

/// The groups a unit without any file to copy starts with: the figures every
/// 安全生产工作总结 gives. The project's own additions are offered too.
const STANDARD_GROUPS: &[&str] = &["inspections", "hazards", "drills", "training", "accidents"];

/// The catalog entries to leave blank for the writer: those the source file gave, else
/// the standard groups' and the project's own.
fn keys_to_fill(project: &Project, source: Option<&PeriodFile>) -> Vec<usize> {
    let catalog = &project.catalog;
    (0..catalog.len())
        .filter(|&i| match source {
            Some(f) => f.locs.get(i).is_some_and(Option::is_some),
            None => {
                let e = catalog.entry(i);
                let added = project.config.indicators.iter().any(|d| d.id == e.id);
                e.is_entered() && (STANDARD_GROUPS.contains(&e.group()) || added)
            }
        })
        .collect()
}

/// The chosen keys, blank, grouped in catalog order, each with its label and unit as a
/// comment; then, when starting from nothing, the groups that could be added.
fn indicators_text(catalog: &Catalog, keys: &[usize], from_scratch: bool) -> String {
    let mut out = format!("{:<COMMENT_COL$}# 本期数字\n", "indicators:");
    let mut others = Vec::new();
    for group in catalog.groups() {
        let in_group: Vec<usize> = (0..catalog.len())
            .filter(|&i| catalog.entry(i).group() == group && catalog.entry(i).is_entered())
            .collect();
        let chosen: Vec<usize> = in_group
            .iter()
            .copied()
            .filter(|i| keys.contains(i))
            .collect();
        if chosen.is_empty() {
            let labels: Vec<&str> = in_group
                .iter()
                .map(|&i| catalog.entry(i).label.as_str())
                .collect();
            if !labels.is_empty() {
                others.push(format!("  #   {group}：{}\n", labels.join("、")));
            }
            continue;
        }
        out.push_str(&format!("  {group}:\n"));
        for i in chosen {
            let e = catalog.entry(i);
            let unit = if e.unit.is_empty() {
                String::new()
            } else {
                format!("（{}）", e.unit)
            };
            let key = format!("    {}:", e.key());
            out.push_str(&format!("{key:<COMMENT_COL$}# {}{unit}\n", e.label));
        }
    }
    if from_scratch && !others.is_empty() {
        out.push_str("  # 需要时还可以填写下面这些指标组（组名和键名见 zongjie check 的提示）：\n");
        out.push_str(&others.concat());
    }
    out
}

fn sections_text(key: &str, heading: &str, sections: &[Section]) -> String {
    let mut out = format!("{:<COMMENT_COL$}# {heading}\n", format!("{key}:"));
    if sections.is_empty() {
        let example = match key {
            "work" => "突出风险防控，安全防线更加牢固",
            "problems" => "隐患排查能力有待提高",
            _ => "扎实开展重点领域专项整治",
        };
        out.push_str(&format!("  # - title: {example}\n"));
        out.push_str("  #   body: |\n");
        out.push_str("  #     正文……\n");
    }
    for s in sections {
        out.push_str(&format!(
            "  - title: {}\n    body: |\n",
            yaml_scalar(&s.title)
        ));
    }
    out
}

/// `text` as a YAML scalar that reads back as the same text: plain when that is safe (as
/// Chinese titles almost always are), else double-quoted.
fn yaml_scalar(text: &str) -> String {
    let plain_ok = crate::yaml::parse(&format!("k: {text}\n"))
        .ok()
        .filter(|p| p.problems.is_empty())
        .and_then(|p| {
            let entries = p.root.as_map()?.to_vec();
            match entries.as_slice() {
                [e] => e.value.as_text().map(|t| t == text),
                _ => None,
            }
        })
        .unwrap_or(false);
    if plain_ok && !text.contains('#') {
        text.to_string()
    } else {
        serde_json::to_string(text).expect("a string serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn copies_the_same_period_a_year_earlier_else_the_latest_of_its_kind() {
        let have = [p("2023-H1"), p("2023-H2"), p("2023"), p("2024-H1")];
        // The same half a year earlier, not the half just before: 2024-H2 from 2023-H2.
        assert_eq!(pick_period(have, p("2024-H2")), Some(p("2023-H2")));
        assert_eq!(pick_period(have, p("2025-H1")), Some(p("2024-H1")));
        // No 2024-H2: the latest half, whichever.
        assert_eq!(pick_period(have, p("2025-H2")), Some(p("2024-H1")));
        // Q3 from last year's Q3, else the latest quarter, before any half.
        let quarters = [
            p("2024-Q2"),
            p("2024-Q3"),
            p("2024-H2"),
            p("2025-Q1"),
            p("2025-Q2"),
        ];
        assert_eq!(pick_period(quarters, p("2025-Q3")), Some(p("2024-Q3")));
        assert_eq!(pick_period(quarters, p("2025-Q4")), Some(p("2025-Q2")));
        // An annual from the previous annual, not from the half just before it.
        assert_eq!(pick_period(have, p("2024")), Some(p("2023")));
        // No earlier annual: the latest earlier half.
        assert_eq!(
            pick_period([p("2023-H2"), p("2024-H1")], p("2024")),
            Some(p("2024-H1"))
        );
        // Nothing earlier: the nearest later one, same kind first.
        assert_eq!(
            pick_period([p("2025"), p("2025-H2")], p("2024-H1")),
            Some(p("2025-H2"))
        );
        assert_eq!(pick_period([p("2024-H1")], p("2024-H1")), None);
    }

    #[test]
    fn unit_paths_accept_what_shells_and_windows_give() {
        assert_eq!(
            unit_segments("data/城关镇/东村/").unwrap(),
            ["城关镇", "东村"]
        );
        assert_eq!(unit_segments("城关镇\\东村").unwrap(), ["城关镇", "东村"]);
        assert!(unit_segments("../城关镇").is_err());
        assert!(unit_segments("城关镇/2024-H1").is_err());
        assert!(unit_segments("/").is_err());
        assert!(unit_segments(" ").is_err());
        assert!(unit_segments("城关镇 ").is_err());
        assert!(unit_segments("城关镇/index.html").is_err());
        assert!(unit_segments("sitemap.xml").is_err());
    }

    #[test]
    fn titles_stay_plain_unless_yaml_would_misread_them() {
        assert_eq!(
            yaml_scalar("压实安全责任，“党政同责”落地见效"),
            "压实安全责任，“党政同责”落地见效"
        );
        assert_eq!(yaml_scalar("目标: 零事故"), "\"目标: 零事故\"");
        assert_eq!(yaml_scalar("- 列表"), "\"- 列表\"");
        assert_eq!(yaml_scalar("第 #1 项"), "\"第 #1 项\"");
    }
}
