//! What several test binaries share: building the repository's example site with the
//! real binary, running it in a project, and fresh copies of fixture projects. Each binary
//! uses part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root: its zongjie.yaml, data/ and templates/ are the example project.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the example site with the real binary into a fresh temporary folder; keep the
/// returned `TempDir` alive while the site is used.
pub fn build_example_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = Command::cargo_bin("zongjie")
        .unwrap()
        .arg("-C")
        .arg(repo_root())
        .arg("-q")
        .arg("build")
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "zongjie build failed ({}):\n{}{}",
        run.status,
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    (tmp, out)
}

/// A fresh copy of `tests/fixtures/<name>` in a temporary folder (as 项目/); keep the
/// returned `TempDir` alive while the copy is used.
pub fn fixture_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dst = tmp.path().join("项目");
    copy_tree(&repo_root().join("tests/fixtures").join(name), &dst);
    (tmp, dst)
}

/// Copies the folder `src` with everything in it to `dst`.
pub fn copy_tree(src: &std::path::Path, dst: &std::path::Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let to = dst.join(entry.path().strip_prefix(src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
}

/// Runs the real binary as `zongjie -C <project> <args…>`; returns its exit code and its
/// stderr with `/` as the path separator (so expected messages read the same on Windows).
pub fn zongjie_in(project: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("zongjie")
        .unwrap()
        .arg("-C")
        .arg(project)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stderr).unwrap().replace('\\', "/"),
    )
}

/// `zongjie -C <project> build --out <out>`: exit code and stderr, as [`zongjie_in`].
pub fn build_into(project: &Path, out: &Path) -> (i32, String) {
    let out = out.to_str().expect("temporary folders have UTF-8 paths");
    zongjie_in(project, &["build", "--out", out])
}
