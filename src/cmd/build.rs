//! `zongjie build`: check, compute and render the whole site, then swap it into place.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::Verbosity;
use crate::diag::Severity;
use crate::output;
use crate::pdf;
use crate::pipeline;
use crate::progress::Progress;
use crate::render::OutputFile;

use super::{print_diagnostics, EXIT_DATA, EXIT_OK, EXIT_USAGE};

pub fn run(
    root: &Path,
    out: Option<&Path>,
    base_url: Option<&str>,
    (drafts, pdf): (pipeline::Drafts, bool),
    verbosity: Verbosity,
) -> i32 {
    let started = Instant::now();
    let out: PathBuf = out.map_or_else(|| root.join("site"), Path::to_path_buf);
    // Refuse early, before any work, if the output folder is not ours to replace.
    if let Err(e) = output::check_replaceable(&out, root) {
        eprintln!("错误: {e}");
        return EXIT_USAGE;
    }
    let progress = Progress::new("生成", verbosity);
    let build =
        match pipeline::build_observed(root, base_url, drafts, &|total| progress.page(total)) {
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
    let written = output::write_site(&out, root, &build.files);
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
    let pdf = pdf || build.analysis.project.config.outputs.pdf;
    if pdf && !print_pdfs(&out, &build.files, verbosity) {
        return EXIT_USAGE;
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
        let withheld = &build.analysis.withheld_drafts;
        if !withheld.is_empty() {
            eprintln!(
                "{} 篇草稿未发布（没有成文日期或写了 draft: true）：{}。要一并生成（标“草稿”），用 zongjie build --drafts。",
                withheld.len(),
                withheld
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join("、")
            );
        }
    }
    EXIT_OK
}

/// Each report's PDF beside its Word file, named like it. Without a printer: says what to
/// install and leaves the built site as it is (true). False when a PDF could not be made.
fn print_pdfs(out: &Path, files: &[OutputFile], verbosity: Verbosity) -> bool {
    let jobs: Vec<pdf::Job> = files
        .iter()
        .filter(|f| f.path.ends_with(".docx"))
        .map(|f| {
            let docx = out.join(&f.path);
            pdf::Job {
                page: docx.with_file_name("index.html"),
                pdf: docx.with_extension("pdf"),
                docx,
            }
        })
        .collect();
    if jobs.is_empty() {
        eprintln!("提示: 没有生成 PDF：PDF 与 Word 文件同名，zongjie.yaml 中 outputs.word 为 false 时不生成。");
        return true;
    }
    let Some(printer) = pdf::find_printer() else {
        eprintln!("警告: 本机没有 Chromium 或 LibreOffice，未生成 PDF（网站其余部分已生成）。\n  提示: {}", pdf::NO_PRINTER_HELP);
        return true;
    };
    if verbosity != Verbosity::Quiet {
        eprintln!("打印 {} 篇总结为 PDF（{printer:?}）……", jobs.len());
    }
    let failed = pdf::print_all(&printer, &jobs);
    for (path, why) in &failed {
        eprintln!("错误: 无法生成 {}：{why}", path.display());
    }
    failed.is_empty()
}
