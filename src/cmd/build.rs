//! `zongjie build`: check, compute and render the whole site, then swap it into place.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::Verbosity;
use crate::diag::Severity;
use crate::output;
use crate::pipeline;
use crate::progress::Progress;

use super::{print_diagnostics, EXIT_DATA, EXIT_OK, EXIT_USAGE};

pub fn run(root: &Path, out: Option<&Path>, base_url: Option<&str>, verbosity: Verbosity) -> i32 {
    let started = Instant::now();
    let out: PathBuf = out.map_or_else(|| root.join("site"), Path::to_path_buf);
    // Refuse early, before any work, if the output folder is not ours to replace.
    if let Err(e) = output::check_replaceable(&out) {
        eprintln!("错误: {e}");
        return EXIT_USAGE;
    }
    let progress = Progress::new("生成", verbosity);
    let build = match pipeline::build_observed(root, base_url, &|total| progress.page(total)) {
        Ok(b) => b,
        Err(e) => {
            progress.finish();
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    progress.stage("写入网站文件……");
    let diags = &build.analysis.diags;
    if diags.has_errors() {
        progress.finish();
    }
    print_diagnostics(diags, verbosity);
    if diags.has_errors() {
        eprintln!(
            "构建失败：{} 个错误，{} 个警告。{} 保持原样，未做任何改动。",
            diags.count(Severity::Error),
            diags.count(Severity::Warning),
            out.display()
        );
        return EXIT_DATA;
    }
    let written = output::write_site(&out, &build.files);
    progress.finish();
    if let Err(e) = written {
        eprintln!("错误: {e}");
        return EXIT_USAGE;
    }
    if verbosity == Verbosity::Verbose {
        for f in &build.files {
            eprintln!("  写入 {}", f.path);
        }
    }
    if verbosity != Verbosity::Quiet {
        let pages = build
            .files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .count();
        let reports = build.analysis.computed.len();
        eprintln!(
            "已生成 {pages} 个页面（其中工作总结 {reports} 篇）到 {}，用时 {:.2} 秒；{} 个警告。",
            out.display(),
            started.elapsed().as_secs_f64(),
            diags.count(Severity::Warning)
        );
    }
    EXIT_OK
}
