//! `zongjie import <文件>…`: filled forms into the period files, figures only.

use std::path::{Path, PathBuf};

use super::Verbosity;
use crate::catalog::Catalog;
use crate::import::{self, edit::number_text, Change, Plan};
use crate::load;
use crate::model::Project;
use crate::period::Period;
use crate::scaffold;

use super::{print_diagnostics, EXIT_DATA, EXIT_OK, EXIT_USAGE};

pub struct Options {
    pub dry_run: bool,
    pub force: bool,
    pub period: Option<String>,
    pub unit: Option<String>,
}

pub fn run(root: &Path, files: &[PathBuf], options: &Options, verbosity: Verbosity) -> i32 {
    let project = match load::load(root) {
        Ok(loaded) => loaded.project,
        Err(e) => {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    let import_options = match resolve_options(&project, options) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    let named: Vec<(PathBuf, String)> = files
        .iter()
        .map(|f| (f.clone(), f.display().to_string()))
        .collect();
    let plan = import::plan(&project, &named, &import_options);
    print_diagnostics(&plan.diags, verbosity);
    if plan.diags.has_errors() {
        eprintln!("有错误，没有写入任何文件。改正报表（或期间文件）后重新运行 zongjie import。");
        return EXIT_DATA;
    }
    if verbosity != Verbosity::Quiet || options.dry_run {
        print_plan(&plan, &project.catalog, options.dry_run);
    }
    if !options.dry_run {
        if let Err(e) = import::write(root, &plan.files) {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    }
    if plan.conflicts.is_empty() {
        EXIT_OK
    } else {
        EXIT_DATA
    }
}

fn resolve_options(project: &Project, options: &Options) -> Result<import::Options, String> {
    let period = match &options.period {
        Some(p) => Some(
            p.parse::<Period>()
                .map_err(|e| format!("--period {e}\n  提示: 例如 --period 2025-H1。"))?,
        ),
        None => None,
    };
    let within = match &options.unit {
        Some(u) => Some(
            scaffold::find_existing_unit(project, u)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("--unit：data/ 下没有单位“{u}”"))?,
        ),
        None => None,
    };
    Ok(import::Options {
        force: options.force,
        period,
        within,
    })
}

fn describe(catalog: &Catalog, c: &Change) -> String {
    let old = c.old.map_or("—".to_string(), number_text);
    format!(
        "{}：{old} → {}（{}）",
        catalog.entry(c.indicator).display_name(),
        number_text(c.new),
        c.cell
    )
}

/// File by file, old → new; then the conflicts left alone; then a summary line.
fn print_plan(plan: &Plan, catalog: &Catalog, dry_run: bool) {
    for f in &plan.files {
        let what = if f.created { "（新建）" } else { "" };
        println!("{}{what}", f.path.display());
        for c in &f.changes {
            println!("  {}", describe(catalog, c));
        }
    }
    if !plan.conflicts.is_empty() {
        println!("与文件中已有数字不同、没有覆盖的（核对后用 --force 以报表为准）：");
        for (path, c) in &plan.conflicts {
            println!("  {} {}", path.display(), describe(catalog, c));
        }
    }
    let figures: usize = plan.files.iter().map(|f| f.changes.len()).sum();
    let verb = if dry_run { "将写入" } else { "已写入" };
    eprintln!(
        "{verb} {} 个文件的 {figures} 个数字；{} 个数字与文件中相同；{} 处冲突{}",
        plan.files.len(),
        plan.unchanged,
        plan.conflicts.len(),
        if dry_run {
            "（--dry-run：没有写入任何文件）"
        } else {
            ""
        }
    );
}
