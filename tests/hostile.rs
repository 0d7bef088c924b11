//! Hostile input and faults (issue 15), through the binary as a user or CI runs it: one
//! test or more per class of defect. Each builds a small project in a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const CONFIG: &str = "title: 测试县安全生产工作总结\norganisation: 测试县安委办\n";

const PERIOD: &str = "period: 2024-H1
author: 安委办
date: 2024-07-06
indicators:
  hazards: {found: 14, rectified: 14}
work:
  - title: 风险防控
    body: |
      发现隐患{{ hazards.found }}处。
";

/// A project with one unit and one period file; `extra` files are written over it.
fn project(extra: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    write(&root, "zongjie.yaml", CONFIG);
    write(&root, "data/东村/2024-H1.yaml", PERIOD);
    for (rel, text) in extra {
        write(&root, rel, text);
    }
    (tmp, root)
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Runs `zongjie -C root args…` from `cwd`; returns exit code and stderr.
fn run_in(cwd: &Path, root: &Path, args: &[&str]) -> (i32, String) {
    let o = Command::cargo_bin("zongjie")
        .unwrap()
        .current_dir(cwd)
        .arg("-C")
        .arg(root)
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn run(root: &Path, args: &[&str]) -> (i32, String) {
    run_in(root, root, args)
}

// Class 1: `--out` can never replace a folder that is not ours.

#[test]
fn out_through_a_missing_folder_cannot_replace_data() {
    let (_tmp, root) = project(&[]);
    let (code, err) = run(&root, &["build", "--out", "nothere/../data"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("不是 zongjie 生成的"), "{err}");
    assert!(root.join("data/东村/2024-H1.yaml").is_file());
    assert!(!root.join("nothere").exists());
}

#[test]
fn out_as_the_current_folder_is_refused_clearly() {
    let (tmp, root) = project(&[]);
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let (code, err) = run_in(&empty, &root, &["build", "--out", "."]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("当前文件夹"), "{err}");
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        2,
        "nothing left behind"
    );
}

// Class 9: the swap and concurrent builds.

#[test]
fn a_failed_write_says_the_previous_site_is_unchanged() {
    let (_tmp, root) = project(&[]);
    assert_eq!(run(&root, &["build"]).0, 0);
    let before = fs::read(root.join("site/index.html")).unwrap();
    // A file where the staging folder must go makes preparing it fail.
    write(&root, ".site.zongjie-new", "in the way");
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("原来的网站保持原样"), "{err}");
    assert_eq!(fs::read(root.join("site/index.html")).unwrap(), before);
}

#[test]
fn an_old_site_left_aside_by_a_crash_is_recovered_by_the_next_build() {
    let (_tmp, root) = project(&[]);
    assert_eq!(run(&root, &["build"]).0, 0);
    fs::rename(root.join("site"), root.join(".site.zongjie-old")).unwrap();
    let (code, err) = run(&root, &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(root.join("site/index.html").is_file());
    assert!(!root.join(".site.zongjie-old").exists());
}
