//! `zongjie import`: filled forms back into the period files. Sheets are read into rows
//! (`sheet`, `layout`, `units`, `value`), rows become figure changes per period file, the
//! files' text is edited in place (`edit`), and the edited project is checked by the same
//! rules as `check` before anything is written. Nothing here writes to the project.

pub mod edit;
pub mod layout;
pub mod sheet;
pub mod units;
pub mod value;
mod verify;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::model::{Project, UnitId};
use crate::period::Period;
use crate::scaffold;
use crate::yaml::Loc;

use layout::{Context, Figure, Row};

/// One figure that changes in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub indicator: usize,
    pub old: Option<f64>,
    pub new: f64,
    pub cell: String,
}

/// One period file to write.
#[derive(Debug)]
pub struct FileChange {
    /// Relative to the project root.
    pub path: PathBuf,
    /// True when the file does not exist yet (made in `new`'s shape).
    pub created: bool,
    pub text: String,
    pub changes: Vec<Change>,
    /// Where each written figure is in `text`, by catalog index.
    pub locs: BTreeMap<usize, Loc>,
}

/// Everything an import would do, and every problem that stops it.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<FileChange>,
    /// Figures that differ from the file's and are kept (without `--force`).
    pub conflicts: Vec<(PathBuf, Change)>,
    /// Figures read that equal what the file has already.
    pub unchanged: usize,
    pub diags: Diagnostics,
}

pub struct Options {
    pub force: bool,
    pub period: Option<Period>,
    pub within: Option<UnitId>,
}

/// Reads the files (each with the name to show in messages) and plans the import.
pub fn plan(project: &Project, files: &[(PathBuf, String)], options: &Options) -> Plan {
    let mut plan = Plan::default();
    let cx = Context {
        project,
        period: options.period,
        within: options.within,
    };
    let mut rows = Vec::new();
    for (path, shown) in files {
        match sheet::read(path, shown) {
            Ok(grids) => rows.extend(layout::rows(&grids, &cx, &mut plan.diags)),
            Err(message) => {
                plan.diags
                    .error(Path::new(shown), None, message)
                    .help("确认文件名和路径；报表要保存为 .xlsx、.xls、.ods 或 .csv。");
            }
        }
    }
    let figures = merge(rows, project, &mut plan.diags);
    for ((unit, period), figs) in figures {
        plan_file(project, unit, period, &figs, options.force, &mut plan);
    }
    if !plan.diags.has_errors() && !plan.files.is_empty() {
        verify::check(project, &mut plan);
    }
    plan
}

/// Figures by unit and period; one figure given twice with different values is an error.
fn merge(
    rows: Vec<Row>,
    project: &Project,
    diags: &mut Diagnostics,
) -> BTreeMap<(UnitId, Period), BTreeMap<usize, Figure>> {
    let mut out: BTreeMap<(UnitId, Period), BTreeMap<usize, Figure>> = BTreeMap::new();
    for row in rows {
        let unit = out.entry((row.unit, row.period)).or_default();
        for f in row.figures {
            match unit.get(&f.indicator) {
                Some(first) if first.value != f.value => {
                    let e = project.catalog.entry(f.indicator);
                    diags
                        .error(
                            Path::new(&f.cell),
                            None,
                            format!(
                                "{}的{}在 {} 是 {}，这里是 {}",
                                project.units[row.unit].name,
                                e.display_name(),
                                first.cell,
                                edit::number_text(first.value),
                                edit::number_text(f.value)
                            ),
                        )
                        .help("同一单位同一期的数字只能有一个：删去重复的行或文件，或改正其中错的一个。");
                }
                Some(_) => {}
                None => {
                    unit.insert(f.indicator, f);
                }
            }
        }
    }
    out
}

/// The changes to one unit's period file: conflicts set aside unless forced, the file
/// made in `new`'s shape when missing, the figures written in place.
fn plan_file(
    project: &Project,
    unit: UnitId,
    period: Period,
    figures: &BTreeMap<usize, Figure>,
    force: bool,
    plan: &mut Plan,
) {
    let u = &project.units[unit];
    let existing = u.files.get(&period);
    let path = existing.map_or_else(|| u.dir.join(format!("{period}.yaml")), |f| f.path.clone());
    let mut changes = Vec::new();
    for f in figures.values() {
        let old = existing.and_then(|file| file.values.get(f.indicator).copied().flatten());
        let change = Change {
            indicator: f.indicator,
            old,
            new: f.value,
            cell: f.cell.clone(),
        };
        match old {
            Some(o) if o == f.value => plan.unchanged += 1,
            Some(_) if !force => plan.conflicts.push((path.clone(), change)),
            _ => changes.push(change),
        }
    }
    if changes.is_empty() {
        return;
    }
    let text = match original_text(project, existing.is_some(), &u.path, &path, period) {
        Ok(t) => t,
        Err(message) => {
            plan.diags
                .error(&path, None, message)
                .help("先用 zongjie check 改正这个文件，或用 zongjie new 建好它，再重新读入。");
            return;
        }
    };
    let asked: Vec<(usize, f64)> = changes.iter().map(|c| (c.indicator, c.new)).collect();
    match edit::apply(&text, &project.catalog, &asked) {
        Ok(edited) => plan.files.push(FileChange {
            path,
            created: existing.is_none(),
            text: edited.text,
            changes,
            locs: edited.locs,
        }),
        Err(message) => {
            plan.diags
                .error(&path, None, format!("无法把数字写进这个文件：{message}"))
                .help("先用 zongjie check 改正这个文件（或手工填写这些数字），再重新读入。");
        }
    }
}

/// The file's text as it is on disk, or the text `zongjie new` would write for it.
fn original_text(
    project: &Project,
    exists: bool,
    unit_path: &[String],
    path: &Path,
    period: Period,
) -> Result<String, String> {
    if exists {
        return std::fs::read_to_string(project.root.join(path))
            .map_err(|e| format!("无法读取：{e}"));
    }
    scaffold::new_file(project, &unit_path.join("/"), period)
        .map(|f| figures_only(&f.text))
        .map_err(|e| e.to_string())
}

/// `new`'s file without its narrative (导语 and the three section lists): a file the
/// import makes holds the sub-unit's figures, not an empty report. Left with blank
/// headings it would be a draft, kept off the site and out of its parent's totals; as a
/// file of figures it counts at once, and its unit can still write a report in it later.
fn figures_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        let top_level = !line.starts_with([' ', '\t', '#', '\n', '-']);
        if top_level {
            let key = line.split(':').next().unwrap_or("").trim();
            skipping = matches!(key, "lead" | "work" | "problems" | "plans");
        }
        if !skipping {
            out.push_str(line);
        }
    }
    out
}

/// Writes every planned file, each replaced at once (written aside, then renamed).
pub fn write(root: &Path, files: &[FileChange]) -> Result<(), String> {
    for f in files {
        let full = root.join(&f.path);
        let aside = full.with_extension("yaml.zongjie-import");
        std::fs::write(&aside, &f.text)
            .and_then(|()| std::fs::rename(&aside, &full))
            .map_err(|e| format!("无法写入 {}：{e}", full.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_the_import_makes_holds_figures_without_empty_headings() {
        let new = "# 西村2025年上半年：由 zongjie new 生成\nauthor: 西村村委会\ndate:\nlead: |\n  \nindicators:\n  hazards:\n    found:\nwork:\n  - title: 隐患排查\n    body: |\n      \nproblems:\n  - title: 问题\nplans:\n  - title: 计划\n";
        assert_eq!(
            super::figures_only(new),
            "# 西村2025年上半年：由 zongjie new 生成\nauthor: 西村村委会\ndate:\nindicators:\n  hazards:\n    found:\n"
        );
    }
}
