//! `zongjie init [dir]`: a new project with a small example, ready to build.

use std::path::Path;

use super::Verbosity;
use crate::starter;

use super::{EXIT_OK, EXIT_USAGE};

pub fn run(dir: &Path, verbosity: Verbosity) -> i32 {
    let files = match starter::write(dir) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    if verbosity == Verbosity::Verbose {
        for f in &files {
            eprintln!("  写入 {f}");
        }
    }
    if verbosity != Verbosity::Quiet {
        let shown = dir.display();
        eprintln!("已在 {shown} 新建项目，含一个示例单位 data/示例镇/ 和一期数据 2025-H1。");
        eprintln!("先看 README.md（办公室使用说明），然后：");
        eprintln!("  cd {shown}");
        eprintln!("  zongjie serve --open      在浏览器里预览，改了文件自动刷新");
        eprintln!("  zongjie new 示例镇 2025-H2  按上一期的样子新建下半年的期间文件");
        eprintln!("  zongjie check             检查全部数据");
    }
    EXIT_OK
}
