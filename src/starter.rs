//! `zongjie init`: the starter project, embedded in the binary from `init/`, and writing
//! it into an empty folder. The starter must pass `check` and `build` as it is.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Each starter file: its path in the new project ('/'-separated) and its text.
pub const FILES: &[(&str, &str)] = &[
    ("README.md", include_str!("../init/README.md")),
    (".gitignore", include_str!("../init/gitignore")),
    ("zongjie.yaml", include_str!("../init/zongjie.yaml")),
    (
        "data/示例镇/unit.yaml",
        include_str!("../init/data/示例镇/unit.yaml"),
    ),
    (
        "data/示例镇/2025-H1.yaml",
        include_str!("../init/data/示例镇/2025-H1.yaml"),
    ),
];

#[derive(Debug)]
pub enum InitError {
    /// The folder has something in it: a project is only started in an empty one.
    NotEmpty(PathBuf),
    Io {
        path: PathBuf,
        source: io::Error,
    },
}

impl fmt::Display for InitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InitError::NotEmpty(dir) => write!(
                f,
                "{} 不是空文件夹，不会在里面新建项目。\n  提示: 指定一个新的文件夹名，例如 `zongjie init 安全生产总结`，会自动创建它。",
                dir.display()
            ),
            InitError::Io { path, source } => write!(f, "无法写入 {}：{source}", path.display()),
        }
    }
}

impl std::error::Error for InitError {}

/// Writes the starter project into `dir`, which must be missing or empty. Returns the
/// files written, relative to `dir`.
pub fn write(dir: &Path) -> Result<Vec<&'static str>, InitError> {
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| InitError::Io { path, source }
    };
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(io_err(dir))?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        fs::write(&path, text).map_err(io_err(&path))?;
    }
    Ok(FILES.iter().map(|(rel, _)| *rel).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_folder_with_anything_in_it() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("总结.docx"), "precious").unwrap();
        assert!(matches!(write(tmp.path()), Err(InitError::NotEmpty(_))));
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_starter_project_loads_without_a_problem() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("新项目");
        write(&dir).unwrap();
        let analysis = crate::pipeline::analyse(&dir).unwrap();
        let problems: Vec<String> = analysis
            .diags
            .sorted()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(analysis.project.units.len(), 1);
    }
}
