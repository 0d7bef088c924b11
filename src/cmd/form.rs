//! `zongjie form <unit> <period>`: writes the Excel 填报表 for a unit's sub-units.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Verbosity;
use crate::form;
use crate::load;
use crate::period::Period;
use crate::scaffold;

use super::{EXIT_OK, EXIT_USAGE};

pub fn run(
    root: &Path,
    unit: &str,
    period: &str,
    out: Option<&Path>,
    own: bool,
    verbosity: Verbosity,
) -> i32 {
    match make(root, unit, period, out, own) {
        Ok((path, rows)) => {
            if verbosity != Verbosity::Quiet {
                eprintln!("已写入 {}（{rows} 个单位）", path.display());
                eprintln!(
                    "下一步：发给各单位填写；收回后运行 zongjie import {}",
                    path.display()
                );
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("错误: {e}");
            EXIT_USAGE
        }
    }
}

fn make(
    root: &Path,
    unit: &str,
    period: &str,
    out: Option<&Path>,
    own: bool,
) -> Result<(PathBuf, usize), String> {
    let period: Period = period
        .parse()
        .map_err(|e| format!("{e}\n  提示: 例如 `zongjie form 城关县/城关镇 2025-H1`。"))?;
    let project = load::load(root).map_err(|e| e.to_string())?.project;
    let id = scaffold::find_existing_unit(&project, unit)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!("data/ 下没有单位“{unit}”。\n  提示: 单位路径是 data/ 下的文件夹路径，例如 `城关县/城关镇`。")
        })?;
    let plan = form::plan(&project, id, period, own);
    let bytes = form::write(&project, &plan).map_err(|e| format!("无法生成填报表：{e}"))?;
    let path = match out {
        Some(p) => p.to_path_buf(),
        None => root.join(format!("{}{}填报表.xlsx", project.units[id].name, period)),
    };
    // Never over a file that may be a filled form come back from a village.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(format!(
                "{} 已经存在，不会覆盖它（它可能是收回的报表）。\n  提示: 用 --out 换一个文件名，或先把旧文件改名、删除。",
                path.display()
            ))
        }
        Err(e) => return Err(format!("无法写入 {}：{e}", path.display())),
    };
    file.write_all(&bytes)
        .map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
    Ok((path, plan.units.len()))
}
