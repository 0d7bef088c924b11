//! Reading a project from disk: `zongjie.yaml`, the unit folders under `data/` and their
//! period files, into a `Project`. Every problem found goes to the diagnostics; only I/O
//! failures stop loading. Files are parsed in parallel and assembled in a stable order.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::config::{self, Config};
use crate::diag::{suggestion_help, Diagnostics, Severity};
use crate::model::{PeriodFile, Project, Section, Text, Unit, UnitId};
use crate::period::Period;
use crate::schema::Reader;
use crate::yaml::{self, Entry, Loc, Node};

/// A data file is a few kilobytes; anything this big is a mistake, refused before reading.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Failures that are not the data's fault: exit code 2.
#[derive(Debug)]
pub enum LoadError {
    NotAProject(PathBuf),
    /// The build panicked: a defect of ours. `serve` shows this and keeps running.
    Crashed,
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotAProject(dir) => write!(
                f,
                "{} 不是 zongjie 项目：找不到 zongjie.yaml。\n  提示: 进入项目文件夹再运行，或用 `zongjie init <文件夹>` 新建一个项目。",
                dir.display()
            ),
            LoadError::Crashed => write!(
                f,
                "生成网站时程序内部出错，这是 zongjie 的缺陷，请把出错前修改的内容报告给维护者。\n  提示: 预览仍在运行；撤销最近的修改并保存，会重新生成。"
            ),
            LoadError::Io { path, source } => {
                write!(f, "无法读取 {}：{source}", path.display())
            }
        }
    }
}

impl std::error::Error for LoadError {}

pub struct Loaded {
    pub project: Project,
    pub diags: Diagnostics,
}

pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    if !root.join("zongjie.yaml").is_file() {
        return Err(LoadError::NotAProject(root.to_path_buf()));
    }
    let mut diags = Diagnostics::new();
    let config_file = Path::new("zongjie.yaml");
    let node = read_yaml(root, config_file, &mut diags)?;
    let unreadable = node.is_none() && diags.has_errors();
    let config = match node {
        Some(node) => config::parse(&node, config_file, &mut diags),
        None => Config::default(),
    };
    let before = diags.count(Severity::Error);
    let catalog = Catalog::with_breakdowns(
        &config.indicators,
        &config.breakdowns,
        config_file,
        &mut diags,
    );
    // A zongjie.yaml that cannot be read, or an indicator it fails to add, shows up again
    // as a false error in every data file ("unknown indicator"): report it alone and stop.
    let units = if unreadable || diags.count(Severity::Error) > before {
        Vec::new()
    } else {
        load_units(root, &catalog, &mut diags)?
    };
    Ok(Loaded {
        project: Project {
            root: root.to_path_buf(),
            config,
            catalog,
            units,
        },
        diags,
    })
}

/// The project's override of a built-in, read like any project file: a GBK file or one
/// that is not a regular file inside the project is an error, not silently skipped.
pub fn read_override(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    std::fs::symlink_metadata(root.join(rel)).ok()?;
    match read_text(root, rel, diags) {
        Ok(text) => text,
        Err(e) => {
            diags
                .error(rel, None, e.to_string())
                .help("检查这个文件的读取权限；或删除它，改用内置模板。");
            None
        }
    }
}

/// Reads a file as text, refusing huge files and saying which encoding a non-UTF-8 file
/// is in. Problems with the content go to `diags` (None); failing to read is an error.
pub fn read_text(
    root: &Path,
    rel: &Path,
    diags: &mut Diagnostics,
) -> Result<Option<String>, LoadError> {
    let full = root.join(rel);
    let io = |source| LoadError::Io {
        path: full.clone(),
        source,
    };
    if let Err(why) = regular_inside(root, &full) {
        diags.error(rel, None, why).help(
            "data/ 中只放普通的 YAML 文件；链接只能指向项目文件夹里的普通文件。请把真正的文件复制进来。",
        );
        return Ok(None);
    }
    let file = std::fs::File::open(&full).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let mut bytes = Vec::new();
    // The limit is enforced while reading too: a size the file system reports is not
    // proof (a file may grow while we read it).
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(io)?;
    let size = size.max(bytes.len() as u64);
    if size > MAX_FILE_BYTES {
        diags
            .error(
                rel,
                None,
                format!(
                    "文件太大（{:.1} MB），不像是数据文件",
                    size as f64 / 1_048_576.0
                ),
            )
            .help("一个期间文件通常只有几 KB。请把它移出 data/ 文件夹，或检查是否误存了别的内容。");
        return Ok(None);
    }
    Ok(decode(bytes, rel, diags))
}

/// Only regular files inside the project are read: a link to /etc/shadow would print its
/// lines in error messages, /dev/zero would read until memory runs out, a FIFO would hang.
/// A link to a regular file inside the project is followed (a shared unit.yaml, say).
fn regular_inside(root: &Path, full: &Path) -> Result<(), String> {
    let outside = || "是指向项目文件夹之外的链接，不会读取".to_string();
    let meta = std::fs::symlink_metadata(full).map_err(|_| "无法读取".to_string())?;
    // A plain file's own metadata says all: one system call per file of a large project.
    let meta = if meta.file_type().is_symlink() {
        let target = full
            .canonicalize()
            .map_err(|_| "是指向不存在的文件的链接".to_string())?;
        let root = root.canonicalize().map_err(|_| outside())?;
        if !target.starts_with(root) {
            return Err(outside());
        }
        std::fs::metadata(full).map_err(|_| "无法读取".to_string())?
    } else {
        meta
    };
    match meta.is_file() {
        true => Ok(()),
        false => Err("不是普通文件（可能是设备、管道或文件夹），不会读取".into()),
    }
}

fn decode(mut bytes: Vec<u8>, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Valid UTF-8 (nearly every file) becomes the text without a copy.
    let err = match String::from_utf8(bytes) {
        Ok(text) => return Some(text),
        Err(e) => e,
    };
    let (at, bytes) = (err.utf8_error().valid_up_to(), err.as_bytes());
    let loc = Loc {
        line: bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1,
        col: 1,
    };
    let (message, help) = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        (
            "这个文件是 UTF-16 编码，不是 UTF-8".to_string(),
            "用记事本打开，“另存为”时在“编码”中选择 UTF-8 后保存。",
        )
    } else if encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some()
    {
        (
            "这个文件是 GBK 编码（Windows 中文版的默认编码），不是 UTF-8".to_string(),
            "用记事本打开，“另存为”时在“编码”中选择 UTF-8 后保存；或在 VS Code 右下角点“GBK”→“通过编码保存”→“UTF-8”。",
        )
    } else {
        (
            "这个文件不是 UTF-8 编码的文本".to_string(),
            "数据文件必须是 UTF-8 编码的纯文本（不是 Word/Excel 文件）。用文本编辑器另存为 UTF-8。",
        )
    };
    diags.error(rel, Some(loc), message).help(help);
    None
}

/// Reads and parses a YAML file; YAML problems go to `diags`.
fn read_yaml(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Result<Option<Node>, LoadError> {
    let Some(text) = read_text(root, rel, diags)? else {
        return Ok(None);
    };
    Ok(parse_yaml(&text, rel, diags))
}

pub fn parse_yaml(text: &str, rel: &Path, diags: &mut Diagnostics) -> Option<Node> {
    // Slips of a Chinese input method confuse the YAML parser into distant, generic
    // messages: name them at their place and stop, as they are the thing to fix.
    let slips = yaml::typing_slips(text);
    for (loc, message, help) in &slips {
        diags.error(rel, Some(*loc), message.clone()).help(*help);
    }
    if !slips.is_empty() {
        return None;
    }
    match yaml::parse(text) {
        Ok(parsed) => {
            for p in &parsed.problems {
                diags
                    .error(rel, Some(p.loc()), p.to_string())
                    .help(p.help());
            }
            Some(parsed.root)
        }
        Err(p) => {
            diags
                .error(rel, Some(p.loc()), p.to_string())
                .help(p.help());
            None
        }
    }
}

/// A unit folder found on disk, before its files are read.
struct FoundUnit {
    dir: PathBuf,
    path: Vec<String>,
    parent: Option<usize>,
    has_unit_yaml: bool,
    period_files: Vec<(Period, PathBuf)>,
}

fn load_units(
    root: &Path,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Result<Vec<Unit>, LoadError> {
    let found = find_units(root, diags)?;
    // Parse every file in parallel; each job has its own diagnostics, merged in order.
    let jobs: Vec<(usize, Option<Period>, PathBuf)> = found
        .iter()
        .enumerate()
        .flat_map(|(i, u)| {
            let meta = u.has_unit_yaml.then(|| (i, None, u.dir.join("unit.yaml")));
            meta.into_iter().chain(
                u.period_files
                    .iter()
                    .map(move |(p, f)| (i, Some(*p), f.clone())),
            )
        })
        .collect();
    let results: Vec<Result<(ParsedFile, Diagnostics), LoadError>> = jobs
        .par_iter()
        .map(|(_, period, rel)| {
            let mut d = Diagnostics::new();
            let parsed = read_data_file(root, rel, *period, catalog, &mut d)?;
            Ok((parsed, d))
        })
        .collect();

    let mut units: Vec<Unit> = found
        .iter()
        .enumerate()
        .map(|(i, f)| Unit {
            id: i,
            dir: f.dir.clone(),
            path: f.path.clone(),
            name: f.path.last().cloned().unwrap_or_default(),
            short_name: None,
            slug: f.path.last().cloned().unwrap_or_default(),
            level: f.path.last().and_then(|name| level_from_name(name)),
            signer: None,
            order: f64::INFINITY,
            parent: f.parent,
            children: Vec::new(),
            files: BTreeMap::new(),
        })
        .collect();
    let mut metas: Vec<Option<(UnitMeta, PathBuf)>> = vec![None; units.len()];
    for ((unit, period, rel), result) in jobs.into_iter().zip(results) {
        let (parsed, d) = result?;
        diags.extend(d);
        match (parsed, period) {
            (ParsedFile::Meta(m), _) => metas[unit] = Some((m, rel)),
            (ParsedFile::Period(f), Some(p)) => {
                units[unit].files.insert(p, f);
            }
            _ => {}
        }
    }
    for (i, meta) in metas.into_iter().enumerate() {
        if let Some((m, rel)) = meta {
            apply_meta(&mut units[i], m, &rel, diags);
        }
    }
    for i in 0..units.len() {
        if let Some(p) = units[i].parent {
            units[p].children.push(i);
        }
    }
    order_and_check_siblings(&mut units, diags);
    Ok(units)
}

enum ParsedFile {
    Unreadable,
    Meta(UnitMeta),
    Period(PeriodFile),
}

/// Reads and parses one data file: `unit.yaml` when `period` is None, else a period file.
fn read_data_file(
    root: &Path,
    rel: &Path,
    period: Option<Period>,
    catalog: &Catalog,
    d: &mut Diagnostics,
) -> Result<ParsedFile, LoadError> {
    let src = read_text(root, rel, d)?;
    let node = src.as_deref().and_then(|s| parse_yaml(s, rel, d));
    Ok(match (node, period) {
        (None, _) => ParsedFile::Unreadable,
        (Some(n), None) => ParsedFile::Meta(unit_meta(&n, rel, d)),
        (Some(n), Some(p)) => {
            let mut f = period_file(&n, p, rel, catalog, d);
            anchor_texts(&mut f, src.as_deref().unwrap_or_default());
            ParsedFile::Period(f)
        }
    })
}

/// One period file read again, exactly as [`load`] reads it, for `serve` after a save:
/// None when it can no longer be parsed (its problems are in `diags` then).
pub fn reread_period_file(
    root: &Path,
    rel: &Path,
    period: Period,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> Result<Option<PeriodFile>, LoadError> {
    match read_data_file(root, rel, Some(period), catalog, diags)? {
        ParsedFile::Period(f) => Ok(Some(f)),
        _ => Ok(None),
    }
}

/// Walks `data/`: every folder is a unit; `unit.yaml` describes it; other `.yaml` files
/// are period files named by their period. Other files (Word, Excel) are left alone.
fn find_units(root: &Path, diags: &mut Diagnostics) -> Result<Vec<FoundUnit>, LoadError> {
    let data = root.join("data");
    if !data.is_dir() {
        diags
            .error(Path::new("data"), None, "项目中没有 data 文件夹")
            .help("在 data/ 下为每个单位建一个文件夹，把期间文件（如 2024-H1.yaml）放进去。");
        return Ok(Vec::new());
    }
    let mut found: Vec<FoundUnit> = Vec::new();
    let mut index: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let walker = walkdir::WalkDir::new(&data)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| LoadError::Io {
            path: e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| data.clone()),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("loop in folders")),
        })?;
        let rel = entry
            .path()
            .strip_prefix(root)
            .expect("under root")
            .to_path_buf();
        let parent_dir = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        if entry.file_type().is_dir() {
            let parent = index.get(&parent_dir).copied();
            let path: Vec<String> = rel
                .components()
                .skip(1)
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            index.insert(rel.clone(), found.len());
            found.push(FoundUnit {
                dir: rel,
                path,
                parent,
                has_unit_yaml: false,
                period_files: Vec::new(),
            });
            continue;
        }
        if entry.path_is_symlink() && entry.path().is_dir() {
            diags
                .warning(
                    &rel,
                    None,
                    "单位文件夹是一个链接，已跳过，它的数据不会出现在网站中",
                )
                .help("把这个单位的文件夹复制到 data/ 里，而不是放一个链接（快捷方式）。");
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = data_file_or_warn(&name, &rel, diags) else {
            continue;
        };
        let Some(&unit) = index.get(&parent_dir) else {
            diags
                .error(
                    &rel,
                    None,
                    "期间文件应放在单位文件夹里，不能直接放在 data/ 下",
                )
                .help("在 data/ 下新建以单位命名的文件夹（如 data/城关镇/），把文件移进去。");
            continue;
        };
        if stem == "unit" {
            found[unit].has_unit_yaml = true;
            continue;
        }
        add_period_file(&mut found[unit], stem, rel, diags);
    }
    Ok(found)
}

/// The stem of a data file, or None (with a warning for a name that looks like data).
fn data_file_or_warn<'a>(name: &'a str, rel: &Path, diags: &mut Diagnostics) -> Option<&'a str> {
    match data_file_stem(name) {
        Ok(stem) => stem,
        Err(fixed) => {
            diags
                .warning(
                    rel,
                    None,
                    format!("文件名 “{name}” 不是 .yaml 结尾，这个文件不会被读取"),
                )
                .help(format!(
                    "如果它是数据文件，请改名为 “{fixed}”（记事本保存时请选择“所有文件”）。"
                ));
            None
        }
    }
}

/// Adds a period file to its unit; a second file for one period (`.yaml` and `.yml`) is
/// an error, as one of them would silently win.
fn add_period_file(unit: &mut FoundUnit, stem: &str, rel: PathBuf, diags: &mut Diagnostics) {
    match stem.parse::<Period>() {
        Ok(p) => match unit.period_files.iter().find(|(q, _)| *q == p) {
            Some((_, first)) => {
                diags
                    .error(
                        &rel,
                        None,
                        format!("与 {} 是同一期间 {p} 的文件，只能有一个", first.display()),
                    )
                    .help("删除或合并其中一个（.yaml 与 .yml 算同一个期间）。");
            }
            None => unit.period_files.push((p, rel)),
        },
        Err(e) => {
            let help = match e.canonical {
                Some(p) => format!("把文件改名为 {p}.yaml。"),
                None => "期间文件按期间命名：2024-H1.yaml、2024-H2.yaml、2024.yaml，\
                         季度 2024-Q1.yaml，月份 2024-03.yaml，1—9月累计 2024-01~09.yaml；\
                         单位信息写在 unit.yaml。"
                    .to_string(),
            };
            // The span's usual name in words (2024年上半年) says why it must be renamed.
            let message = match e.canonical {
                Some(p) => format!(
                    "文件名“{}”是{}，请写作 {p}",
                    e.text,
                    crate::locale::zh_cn().period_label(p)
                ),
                None => format!("文件名{e}"),
            };
            diags.error(&rel, None, message).help(help);
        }
    }
}

/// The stem of a data file name (`2024-H1` of `2024-H1.yaml` or `.yml`); None for a file
/// that is not data (Word, Excel); Err with the fixed name for one that looks like data
/// but would be ignored: `2024-H1.yaml.txt` from Notepad, `.YAML`, a space before the dot
/// or at the end.
fn data_file_stem(name: &str) -> Result<Option<&str>, String> {
    let exact = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"));
    if let Some(stem) = exact.filter(|s| *s == s.trim() && !s.is_empty()) {
        return Ok(Some(stem));
    }
    // ASCII lowering keeps byte offsets, so `at` is an offset into `name` too.
    let lower = name.to_ascii_lowercase();
    match lower.find(".yaml").or_else(|| lower.find(".yml")) {
        Some(at) => Err(format!("{}.yaml", name[..at].trim())),
        None => Ok(None),
    }
}

#[derive(Debug, Clone, Default)]
struct UnitMeta {
    name: Option<String>,
    short_name: Option<String>,
    slug: Option<(String, Loc)>,
    level: Option<String>,
    signer: Option<String>,
    order: Option<f64>,
}

const UNIT_KEYS: &[&str] = &["name", "short_name", "slug", "level", "signer", "order"];

fn unit_meta(root: &Node, rel: &Path, diags: &mut Diagnostics) -> UnitMeta {
    let mut r = Reader { file: rel, diags };
    let entries = r.map(root, "unit.yaml ");
    r.known_keys(entries, UNIT_KEYS, "unit.yaml ");
    let mut m = UnitMeta::default();
    for e in entries {
        match e.key.as_str() {
            "name" => m.name = r.text(&e.value, "name"),
            "short_name" => m.short_name = r.text(&e.value, "short_name"),
            "slug" => m.slug = r.text(&e.value, "slug").map(|s| (s, e.value.loc)),
            "level" => m.level = r.text(&e.value, "level"),
            "signer" => m.signer = r.text(&e.value, "signer"),
            "order" => m.order = r.count(&e.value, "order", "排序"),
            _ => {}
        }
    }
    m
}

/// A unit's level read from how its name ends, for a unit whose unit.yaml does not say:
/// 城关镇 → 乡镇, 南关村 → 村, 鑫源化工有限公司 → 企业. None when the name does not tell
/// (the folder's depth cannot: a third level may be a 村 or a 车间).
pub fn level_from_name(name: &str) -> Option<String> {
    const ENDINGS: &[(&str, &str)] = &[
        ("街道", "街道"),
        ("社区", "社区"),
        ("班组", "班组"),
        ("车间", "车间"),
        ("公司", "企业"),
        ("厂", "企业"),
        ("县", "县"),
        ("区", "区"),
        ("市", "市"),
        ("镇", "乡镇"),
        ("乡", "乡镇"),
        ("村", "村"),
        ("班", "班组"),
    ];
    ENDINGS
        .iter()
        .find(|(ending, _)| name.ends_with(ending))
        .map(|(_, level)| level.to_string())
}

fn apply_meta(unit: &mut Unit, m: UnitMeta, rel: &Path, diags: &mut Diagnostics) {
    if let Some(name) = m.name {
        unit.name = name;
    }
    unit.short_name = m.short_name;
    unit.level = m.level.or_else(|| level_from_name(&unit.name));
    unit.signer = m.signer;
    if let Some((slug, loc)) = m.slug {
        let ok = !slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if ok {
            unit.slug = slug;
        } else {
            diags
                .error(
                    rel,
                    Some(loc),
                    format!("`slug` “{slug}” 只能用小写英文字母、数字、- 和 _"),
                )
                .help("slug 是网址中的一段，例如 `chengguan-zhen`。");
        }
    }
    if let Some(order) = m.order {
        unit.order = order;
    }
}

/// Orders siblings by unit.yaml `order`, then folder name, and checks that their slugs
/// give distinct, unambiguous folders in the site.
fn order_and_check_siblings(units: &mut [Unit], diags: &mut Diagnostics) {
    let keys: Vec<(f64, String)> = units
        .iter()
        .map(|u| (u.order, u.path.last().cloned().unwrap_or_default()))
        .collect();
    for u in units.iter_mut() {
        u.children.sort_by(|a, b| {
            keys[*a]
                .0
                .total_cmp(&keys[*b].0)
                .then_with(|| keys[*a].1.cmp(&keys[*b].1))
        });
    }
    let mut groups: BTreeMap<Option<UnitId>, Vec<UnitId>> = BTreeMap::new();
    for u in units.iter() {
        groups.entry(u.parent).or_default().push(u.id);
    }
    for (parent, ids) in groups {
        let mut seen: BTreeMap<&str, UnitId> = BTreeMap::new();
        for id in ids {
            let u = &units[id];
            let reserved = is_reserved(&u.slug, parent.is_none());
            if reserved {
                diags
                    .error(
                        &u.dir,
                        None,
                        format!("单位的网址名 “{}” 与网站自用的名字冲突", u.slug),
                    )
                    .help("在这个单位的 unit.yaml 中写一个别的 `slug`，例如单位名称的拼音。");
            }
            if let Some(other) = seen.insert(u.slug.as_str(), id) {
                diags
                    .error(
                        &u.dir,
                        None,
                        format!(
                            "与 {} 的网址名（slug）相同：“{}”",
                            units[other].dir.display(),
                            u.slug
                        ),
                    )
                    .help("同一上级下的单位，slug 必须各不相同。");
            }
        }
    }
}

/// Names the site itself uses inside a unit's folder (a period's report folder, the
/// unit's page) and at its top (assets, data exports, the sitemap). A unit named so
/// would be a folder where build must write a file, failing with "Is a directory".
/// Compared without case, for the servers and disks that ignore it.
pub(crate) fn is_reserved(slug: &str, top: bool) -> bool {
    let lower = slug.to_ascii_lowercase();
    slug.parse::<Period>().is_ok()
        || lower.parse::<Period>().is_ok()
        || lower == "index.html"
        || (top
            && matches!(
                lower.as_str(),
                "assets" | "data" | "sitemap.xml" | "robots.txt"
            ))
}

const PERIOD_KEYS: &[&str] = &[
    "period",
    "title",
    "author",
    "date",
    "draft",
    "lead",
    "indicators",
    "work",
    "problems",
    "plans",
    "situation",
];

fn period_file(
    root: &Node,
    period: Period,
    rel: &Path,
    catalog: &Catalog,
    diags: &mut Diagnostics,
) -> PeriodFile {
    let mut r = Reader { file: rel, diags };
    let entries = r.map(root, "期间文件");
    r.known_keys(entries, PERIOD_KEYS, "期间文件");
    let mut f = PeriodFile {
        path: rel.to_path_buf(),
        values: vec![None; catalog.len()],
        locs: vec![None; catalog.len()],
        ..PeriodFile::default()
    };
    for e in entries {
        match e.key.as_str() {
            "period" => check_period_key(&mut r, e, period),
            "title" => f.title = r.text(&e.value, "title"),
            "author" => f.author = r.text(&e.value, "author"),
            "date" => f.date = r.date(&e.value, "date"),
            "draft" => f.draft = r.flag(&e.value, "draft"),
            "lead" => f.lead = text(&mut r, &e.value, "lead"),
            "indicators" => indicators(&mut r, &e.value, catalog, &mut f),
            "work" => f.work = sections(&mut r, &e.value, "work"),
            "problems" => f.problems = sections(&mut r, &e.value, "problems"),
            "plans" => f.plans = sections(&mut r, &e.value, "plans"),
            "situation" => f.situation = situation(&mut r, &e.value),
            _ => {}
        }
    }
    check_parts(&mut r, catalog, &f);
    check_categories(&mut r, catalog, &f);
    f
}

/// A breakdown's categories add up to the whole where all are given; given in part, they
/// may not exceed it. Says which whole, by how much, and what each category holds.
fn check_categories(r: &mut Reader, catalog: &Catalog, f: &PeriodFile) {
    for (w, whole) in catalog.entries().iter().enumerate() {
        let parts: Vec<usize> = (0..catalog.len())
            .filter(|&i| catalog.entry(i).within == Some(w) && catalog.entry(i).category.is_some())
            .collect();
        let Some(total) = f.values[w] else { continue };
        let given: Vec<(usize, f64)> = parts
            .iter()
            .filter_map(|&i| f.values[i].map(|v| (i, v)))
            .collect();
        if given.is_empty() {
            continue;
        }
        let sum: f64 = given.iter().map(|(_, v)| v).sum();
        let complete = given.len() == parts.len();
        if (complete && (sum - total).abs() > 1e-9) || sum > total + 1e-9 {
            let listed: Vec<String> = given
                .iter()
                .map(|&(i, v)| {
                    format!(
                        "{}{}",
                        catalog.entry(i).category.as_deref().unwrap_or(""),
                        crate::format::number(v, whole.decimals)
                    )
                })
                .collect();
            let off = crate::format::number((sum - total).abs(), whole.decimals);
            let (more, what) = if sum > total {
                ("多", "多于")
            } else {
                ("少", "少于")
            };
            r.diags
                .error(
                    r.file,
                    f.locs[w],
                    format!(
                        "{}为 {}，各分类合计 {}（{}），{what}总数，{more} {off}{}",
                        whole.display_name(),
                        crate::format::number(total, whole.decimals),
                        crate::format::number(sum, whole.decimals),
                        listed.join("、"),
                        whole.unit
                    ),
                )
                .help("各分类之和应等于总数：请核对总数和各分类的数字；有未列入分类的，在 zongjie.yaml 的 breakdowns 中加一个“其他”分类。");
        }
    }
}

fn check_period_key(r: &mut Reader, e: &Entry, period: Period) {
    let Some(written) = r.text(&e.value, "period") else {
        return;
    };
    if written != period.to_string() {
        r.diags
            .error(
                r.file,
                Some(e.value.loc),
                format!("文件中写的期间 `{written}` 与文件名 `{period}` 不一致"),
            )
            .help(format!(
                "文件名决定期间：改正 `period:` 为 {period}，或把文件改名为 {written}.yaml。"
            ));
    }
}

/// Moves each body's location from where its YAML value starts (the `|` of a block, an
/// opening quote) to where its first character is typed, so that a problem found inside
/// it later is reported at its true line and column (a block keeps its indentation).
fn anchor_texts(f: &mut PeriodFile, src: &str) {
    let lines: Vec<&str> = src.lines().collect();
    let sections = f.work.iter_mut().chain(&mut f.problems).chain(&mut f.plans);
    for t in f
        .lead
        .iter_mut()
        .chain(sections.filter_map(|s| s.body.as_mut()))
    {
        anchor_text(t, &lines);
    }
}

fn anchor_text(t: &mut Text, lines: &[&str]) {
    let at = t.loc.line as usize;
    let Some(line) = at.checked_sub(1).and_then(|i| lines.get(i)) else {
        return;
    };
    match line.chars().nth(t.loc.col as usize - 1) {
        Some('|' | '>') => {
            let indent = lines[at..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .map(|l| l.chars().take_while(|c| *c == ' ').count());
            if let Some(indent) = indent {
                t.loc = Loc {
                    line: t.loc.line + 1,
                    col: indent as u32 + 1,
                };
            }
        }
        Some('"' | '\'') => t.loc.col += 1,
        _ => {}
    }
}

/// `situation: true` generates 一、安全生产形势 from the figures; text instead of `true`
/// generates it and follows it with that prose; `false` (or nothing) leaves it out.
fn situation(r: &mut Reader, node: &Node) -> Option<Option<Text>> {
    match &node.value {
        crate::yaml::Value::Scalar { text, plain: true } if text == "true" => Some(None),
        crate::yaml::Value::Scalar { text, plain: true } if text == "false" => None,
        crate::yaml::Value::Null => None,
        _ => Some(self::text(r, node, "situation")),
    }
}

fn text(r: &mut Reader, node: &Node, key: &str) -> Option<Text> {
    r.text(node, key).map(|text| Text {
        text,
        loc: node.loc,
    })
}

fn indicators(r: &mut Reader, node: &Node, catalog: &Catalog, f: &mut PeriodFile) {
    let groups = catalog.groups();
    for g in r.map(node, "indicators ") {
        if !groups.contains(&g.key.as_str()) {
            r.diags
                .error(
                    r.file,
                    Some(g.key_loc),
                    format!("没有名为 `{}` 的指标组", g.key),
                )
                .help(format!(
                    "{} 新的指标可在 zongjie.yaml 的 indicators 中增加。",
                    suggestion_help(&g.key, &groups)
                ));
            continue;
        }
        let keys = catalog.entered_keys(&g.key);
        for k in r.map(&g.value, &format!("指标组 `{}` ", g.key)) {
            let id = format!("{}.{}", g.key, k.key);
            match catalog.get(&id) {
                Some(i) if catalog.entry(i).is_entered() => {
                    let e = catalog.entry(i);
                    f.values[i] = r
                        .count(&k.value, &id, &e.label)
                        .filter(|v| whole_if_counted(r, e, *v, &k.value));
                    f.locs[i] = Some(k.value.loc);
                }
                Some(i) => {
                    r.diags
                        .error(
                            r.file,
                            Some(k.key_loc),
                            format!("{}是计算得出的，不用填写", catalog.entry(i).display_name()),
                        )
                        .help("删除这一行：zongjie 会用分子和分母算出它，保证与数据一致。");
                }
                // `{found: 1,000}`: YAML reads the comma as the end of the value and 000
                // as the next key. The writer typed a thousands separator.
                None if k.key.bytes().all(|b| b.is_ascii_digit()) => {
                    r.diags
                        .error(
                            r.file,
                            Some(k.key_loc),
                            format!("数字中用了千位分隔的逗号：“,{}”", k.key),
                        )
                        .help("数字中不要加逗号，例如 1,000 写成 1000。");
                }
                None => {
                    r.diags
                        .error(
                            r.file,
                            Some(k.key_loc),
                            format!("指标组 `{}` 中没有 `{}`", g.key, k.key),
                        )
                        .help(suggestion_help(&k.key, &keys));
                }
            }
        }
    }
}

/// Things counted one by one (处, 次, 人) are whole numbers; amounts (万元) need not be.
fn whole_if_counted(r: &mut Reader, e: &crate::catalog::Indicator, v: f64, node: &Node) -> bool {
    if e.decimals > 0 || v.fract() == 0.0 {
        return true;
    }
    r.diags
        .error(
            r.file,
            Some(node.loc),
            format!("{}是逐个计数的，应为整数，这里是 {v}", e.display_name()),
        )
        .help(format!(
            "填写整数（单位：{}）；如确需小数，在 zongjie.yaml 中为这个指标设置 `decimals`。",
            e.unit
        ));
    false
}

/// A part may not exceed its whole (已整改 ≤ 排查), nor a proportion's numerator its
/// denominator (已培训人数 ≤ 应培训人数).
fn check_parts(r: &mut Reader, catalog: &Catalog, f: &PeriodFile) {
    for (i, e) in catalog.entries().iter().enumerate() {
        let Some(whole) = e.within else { continue };
        if let (Some(part), Some(total)) = (f.values[i], f.values[whole]) {
            if part > total {
                let w = catalog.entry(whole);
                r.diags
                    .error(
                        r.file,
                        f.locs[i],
                        format!(
                            "{}为 {part}，多于{}的 {total}",
                            e.display_name(),
                            w.display_name()
                        ),
                    )
                    .help(format!(
                        "{}是{}的一部分，不能更多：请核对这两个数字。",
                        e.label, w.label
                    ));
            }
        }
    }
}

const SECTION_KEYS: &[&str] = &["title", "body"];

/// A title typed with its own number (（二）应急演练) would print numbered twice: warn
/// and keep the title without it.
fn untyped_number(r: &mut Reader, title: String, loc: Loc) -> String {
    let Some((marker, rest)) = crate::habits::typed_number(&title) else {
        return title;
    };
    r.diags
        .warning(
            r.file,
            Some(loc),
            format!("标题自带编号“{marker}”，页面上会与自动编号重复，已去掉"),
        )
        .help(format!(
            "写成 `title: {rest}`：模板按顺序自动编号（一、（一）），调整顺序时编号跟着变。"
        ));
    rest.to_string()
}

fn sections(r: &mut Reader, node: &Node, key: &str) -> Vec<Section> {
    let mut out = Vec::new();
    for item in r.seq(node, key) {
        let entries = r.map(item, &format!("`{key}` 的一项"));
        r.known_keys(entries, SECTION_KEYS, &format!("`{key}` 的一项"));
        let title = entries.iter().find(|e| e.key == "title");
        let body = entries
            .iter()
            .find(|e| e.key == "body")
            .and_then(|e| text(r, &e.value, "body"));
        match title.and_then(|t| r.text(&t.value, "title").map(|s| (s, t.value.loc))) {
            Some((title, title_loc)) => out.push(Section {
                title: untyped_number(r, title, title_loc),
                title_loc,
                body,
            }),
            None => {
                r.diags
                    .error(
                        r.file,
                        Some(item.loc),
                        format!("`{key}` 的这一项缺少 `title`"),
                    )
                    .help("每一项写成 `- title: 标题`，下一行 `  body: |` 再写正文。");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::tests::Rng;

    #[test]
    fn data_file_names_that_would_be_ignored_get_the_fixed_name() {
        assert_eq!(data_file_stem("2024-H1.yaml"), Ok(Some("2024-H1")));
        assert_eq!(data_file_stem("2024-H1.yml"), Ok(Some("2024-H1")));
        assert_eq!(data_file_stem("总结.docx"), Ok(None));
        for (typed, fixed) in [
            ("2025-H1.yaml.txt", "2025-H1.yaml"),
            ("2024.YAML", "2024.yaml"),
            ("2024-H2.yaml ", "2024-H2.yaml"),
            ("2024-H2 .yml", "2024-H2.yaml"),
        ] {
            assert_eq!(data_file_stem(typed), Err(fixed.to_string()), "{typed}");
        }
    }

    /// Fuzz property for the period-file reader: text built from YAML and data fragments
    /// (keys, numbers, full-width slips, anchors and aliases, flow and block scalars) is
    /// read into a period file or reported — never a panic — within a time bound.
    #[test]
    fn any_period_file_text_is_read_or_reported_without_panic() {
        const PARTS: &[&str] = &[
            "period: 2024-H1\n",
            "indicators:\n",
            "  hazards:",
            " {found: ",
            "1,000",
            "}",
            "\n",
            "    found: ",
            "46\u{a0}",
            "1e308",
            "-3",
            "99999999999999999999999",
            "12",
            "：",
            "　",
            "\t",
            "work:\n",
            "  - title: 标题\n",
            "    body: |\n",
            "      {{ hazards.found }}\n",
            "&a [1, 2]",
            "*a",
            "*b",
            "- ",
            "'",
            "\"",
            "# 注释\n",
            ": ",
            "? ",
            "---\n",
            "~",
            "lead: >\n",
            "  文字\n",
            "drills: {count: ",
            "accidents:\n",
            "    deaths: ",
            "&b {x: *a}",
        ];
        let catalog = Catalog::builtin();
        let period: Period = "2024-H1".parse().unwrap();
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let started = std::time::Instant::now();
        for _ in 0..5_000 {
            let n = rng.next() % 40;
            let text: String = (0..n).map(|_| rng.pick(PARTS)).collect();
            let rel = Path::new("data/东村/2024-H1.yaml");
            let mut d = Diagnostics::new();
            if let Some(node) = parse_yaml(&text, rel, &mut d) {
                let mut f = period_file(&node, period, rel, &catalog, &mut d);
                anchor_texts(&mut f, &text);
            }
            for diag in d.iter() {
                assert!(diag.message.chars().count() < 400, "{text:?}: {diag}");
            }
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "5 000 files took {:?}",
            started.elapsed()
        );
    }
}

#[cfg(test)]
mod level_tests {
    use super::level_from_name;

    #[test]
    fn a_level_is_read_from_how_the_name_ends() {
        for (name, level) in [
            ("城关镇", Some("乡镇")),
            ("青山乡", Some("乡镇")),
            ("南关村", Some("村")),
            ("东关社区", Some("社区")),
            ("鑫源化工有限公司", Some("企业")),
            ("储运车间", Some("车间")),
            ("罐区班", Some("班组")),
            ("城关县", Some("县")),
            ("安监站", None),
        ] {
            assert_eq!(level_from_name(name).as_deref(), level, "{name}");
        }
    }
}
