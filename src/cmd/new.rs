//! `zongjie new <unit> <period>`: writes the period file a writer fills in, shaped like
//! the unit's previous one. Creates the unit folder for a new unit; never overwrites.

use std::fs;
use std::io::Write;
use std::path::Path;

use super::Verbosity;
use crate::load;
use crate::period::Period;
use crate::scaffold::{self, Basis, NewError};

use super::{EXIT_OK, EXIT_USAGE};

pub fn run(root: &Path, unit: &str, period: &str, verbosity: Verbosity) -> i32 {
    let period: Period = match period.parse() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("错误: {e}\n  提示: 例如 `zongjie new 城关县/城关镇 2025-H1`。");
            return EXIT_USAGE;
        }
    };
    // Problems elsewhere in the data do not matter here: `check` reports them.
    let project = match load::load(root) {
        Ok(loaded) => loaded.project,
        Err(e) => {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    let file = match scaffold::new_file(&project, unit, period) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    if let Err(e) = write_new(root, &file) {
        eprintln!("错误: {e}");
        return EXIT_USAGE;
    }
    if verbosity != Verbosity::Quiet {
        report(&file);
    }
    EXIT_OK
}

/// Creates the unit folder if needed and the file, failing rather than replacing one
/// that appeared meanwhile.
fn write_new(root: &Path, file: &scaffold::NewFile) -> Result<(), String> {
    let dir = root.join(&file.unit_dir);
    fs::create_dir_all(&dir).map_err(|e| format!("无法新建文件夹 {}：{e}", dir.display()))?;
    let path = root.join(&file.path);
    let mut out = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(NewError::Exists(file.path.clone()).to_string())
        }
        Err(e) => return Err(format!("无法写入 {}：{e}", path.display())),
    };
    out.write_all(file.text.as_bytes())
        .map_err(|e| format!("无法写入 {}：{e}", path.display()))
}

fn report(file: &scaffold::NewFile) {
    if file.unit_is_new {
        eprintln!("已新建单位文件夹 {}", file.unit_dir.display());
    }
    let from = match &file.basis {
        Basis::Own(p) | Basis::Sibling(p) => format!("依据 {}", p.display()),
        Basis::Standard => "列出常用指标".to_string(),
    };
    eprintln!("已写入 {}（{from}）", file.path.display());
    eprintln!("下一步：打开这个文件填写数字和正文，然后运行 zongjie check；边写边看效果用 zongjie serve。");
}
