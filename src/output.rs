//! The only module that writes the site to disk, atomically: the new site is written
//! beside the old one and swapped in at the end, so a failed build leaves the previous
//! site exactly as it was. A folder zongjie did not create is never replaced.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

/// Written into every site zongjie builds; its presence is what allows a rebuild to
/// replace the folder.
pub const MARKER: &str = ".zongjie-site";
const MARKER_TEXT: &str = "这个文件夹由 zongjie build 生成，重新生成时会被整体替换。\n";

#[derive(Debug)]
pub enum OutputError {
    /// The output folder has content and no marker: refusing to replace it.
    NotOurs(PathBuf),
    Io {
        path: PathBuf,
        source: io::Error,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::NotOurs(dir) => write!(
                f,
                "输出文件夹 {} 已有内容，且不是 zongjie 生成的，不会替换它。\n  提示: 用 `--out` 指定一个新的或空的文件夹；确认可以删除的话，先手动删除或改名这个文件夹。",
                dir.display()
            ),
            OutputError::Io { path, source } => write!(f, "无法写入 {}：{source}", path.display()),
        }
    }
}

impl std::error::Error for OutputError {}

fn io_err(path: &Path) -> impl Fn(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// May `out` be replaced? Yes if it does not exist, is empty, or carries our marker.
pub fn check_replaceable(out: &Path) -> Result<(), OutputError> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(OutputError::NotOurs(out.to_path_buf()));
    }
    let empty = fs::read_dir(out).map_err(io_err(out))?.next().is_none();
    if empty || out.join(MARKER).is_file() {
        Ok(())
    } else {
        Err(OutputError::NotOurs(out.to_path_buf()))
    }
}

/// `site` → `.site.zongjie-new`: hidden siblings on the same file system, so the final
/// renames are atomic.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.zongjie-{suffix}"))
}

/// Writes `files` as the complete content of `out`, replacing what was there.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    check_replaceable(out)?;
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    let staging = sibling(out, "new");
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    }
    write_all(&staging, files).inspect_err(|_| {
        let _ = fs::remove_dir_all(&staging);
    })?;
    if out.exists() {
        let old = sibling(out, "old");
        if old.exists() {
            fs::remove_dir_all(&old).map_err(io_err(&old))?;
        }
        fs::rename(out, &old).map_err(io_err(out))?;
        if let Err(e) = fs::rename(&staging, out) {
            let _ = fs::rename(&old, out);
            return Err(io_err(out)(e));
        }
        fs::remove_dir_all(&old).map_err(io_err(&old))?;
    } else {
        fs::rename(&staging, out).map_err(io_err(out))?;
    }
    Ok(())
}

fn write_all(dir: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| dir.join(p)))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        fs::create_dir_all(folder).map_err(io_err(folder))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = dir.join(&f.path);
        fs::write(&path, &f.bytes).map_err(io_err(&path))
    })?;
    let marker = dir.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(io_err(&marker))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writes_then_replaces_its_own_site_completely() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_site(
            &out,
            &[file("index.html", "one"), file("a/b/index.html", "deep")],
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(out.join("a/b/index.html")).unwrap(),
            "deep"
        );
        write_site(&out, &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        // A page that is no longer produced is gone, and no staging folders are left.
        assert!(!out.join("a").exists());
        let names: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["site"]);
    }

    #[test]
    fn refuses_a_folder_it_did_not_create() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.docx"), "precious").unwrap();
        let err = write_site(&out, &[file("index.html", "x")]).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)));
        assert!(err.to_string().contains("--out"));
        assert_eq!(
            fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn an_empty_folder_may_be_used() {
        let tmp = tempfile::tempdir().unwrap();
        write_site(tmp.path(), &[file("index.html", "x")]).unwrap();
        assert!(tmp.path().join(MARKER).is_file());
    }
}
