//! The same rules as `check`, applied to the project as it would be after the import:
//! the data files are copied aside with the edited ones in place, analysed, and every error
//! that the project did not have before is reported — at the sheet cell the figure came
//! from when the error points at a written figure.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::model::Project;
use crate::pipeline;

use crate::yaml::Loc;

use super::{Change, Plan};

/// A copy of the project's data in the temporary folder, removed when dropped.
struct Aside(PathBuf);

impl Drop for Aside {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn check(project: &Project, plan: &mut Plan) {
    let errors = match new_errors(project, plan) {
        Ok(errors) => errors,
        Err(e) => {
            plan.diags
                .error(
                    Path::new("data"),
                    None,
                    format!("无法检查读入后的数据：{e}"),
                )
                .help("检查临时文件夹是否可写，然后重新运行。");
            return;
        }
    };
    for d in errors {
        let cell = written_cell(plan, &d);
        let (file, loc) = match cell {
            Some(c) => (PathBuf::from(&c.cell), None),
            None => (d.file.clone(), d.loc),
        };
        let message = match cell {
            Some(_) => format!("{}（读入 {} 后）", d.message, d.file.display()),
            None => format!("读入后：{}", d.message),
        };
        let help = d.help.clone().unwrap_or_default();
        plan.diags.error(&file, loc, message).help(help);
    }
}

/// The change a problem points at: the figure written at its exact place, else the one
/// written on its line.
fn written_cell<'a>(plan: &'a Plan, d: &Diagnostic) -> Option<&'a Change> {
    let loc = d.loc?;
    let file = plan.files.iter().find(|f| f.path == d.file)?;
    let at = |same: &dyn Fn(Loc) -> bool| {
        file.locs
            .iter()
            .find(|(_, l)| same(**l))
            .and_then(|(i, _)| file.changes.iter().find(|c| c.indicator == *i))
    };
    at(&|l| l == loc).or_else(|| at(&|l| l.line == loc.line))
}

/// Errors of the edited project that the project as it is does not have (compared by
/// file and message, since edits may move lines).
fn new_errors(project: &Project, plan: &Plan) -> Result<Vec<Diagnostic>, String> {
    let before = pipeline::analyse_with(&project.root, pipeline::Drafts::Publish)
        .map_err(|e| e.to_string())?;
    let known: BTreeSet<(PathBuf, String)> = errors(&before.diags.sorted())
        .map(|d| (d.file.clone(), d.message.clone()))
        .collect();
    let aside = copy_aside(&project.root, plan).map_err(|e| e.to_string())?;
    let after =
        pipeline::analyse_with(&aside.0, pipeline::Drafts::Publish).map_err(|e| e.to_string())?;
    Ok(errors(&after.diags.sorted())
        .filter(|d| !known.contains(&(d.file.clone(), d.message.clone())))
        .cloned()
        .collect())
}

fn errors<'a>(diags: &'a [&'a Diagnostic]) -> impl Iterator<Item = &'a Diagnostic> {
    diags
        .iter()
        .copied()
        .filter(|d| d.severity == Severity::Error)
}

/// zongjie.yaml and every YAML file under data/, with the planned files in their place.
fn copy_aside(root: &Path, plan: &Plan) -> std::io::Result<Aside> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("zongjie-import-{}-{nanos}", std::process::id()));
    let aside = Aside(dir.clone());
    std::fs::create_dir_all(&dir)?;
    std::fs::copy(root.join("zongjie.yaml"), dir.join("zongjie.yaml"))?;
    for entry in walkdir::WalkDir::new(root.join("data")) {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(root).expect("under root");
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(dir.join(rel))?;
        } else if matches!(
            rel.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            std::fs::copy(entry.path(), dir.join(rel))?;
        }
    }
    for f in &plan.files {
        std::fs::write(dir.join(&f.path), &f.text)?;
    }
    Ok(aside)
}
