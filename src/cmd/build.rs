//! `zongjie build`: check, compute and render the whole site, then swap it into place.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use super::Verbosity;
use crate::diag::{Diagnostics, Severity};
use crate::fingerprint;
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
    // Refuses, before any work, an output folder that is not ours to replace, and holds
    // the lock for the whole build.
    let mut staging = match output::Staging::begin(&out, root) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    // Every option that changes the output must be listed here (not --out: two folders
    // built from one project hold the same bytes).
    let drafts_option = if drafts == pipeline::Drafts::Publish {
        "--drafts"
    } else {
        ""
    };
    // --pdf too: the PDFs are printed after the swap, so an unchanged build skipping
    // them must have been asked for them before.
    let pdf_option = if pdf { "--pdf" } else { "" };
    let input = fingerprint::of_inputs(root, &[base_url.unwrap_or(""), drafts_option, pdf_option]);
    if let Some(input) = &input {
        if staging.unchanged_since(input) {
            return unchanged(root, &out, started, verbosity);
        }
    }
    staging.set_input(input);
    let progress = Progress::new("生成", verbosity);
    let pages = AtomicUsize::new(0);
    let word_files = std::sync::Mutex::new(Vec::new());
    // Each file goes to disk as soon as it is rendered; only the pages in progress are
    // held in memory.
    let sink = |_order, f: OutputFile| {
        if f.path.ends_with(".html") {
            pages.fetch_add(1, Ordering::Relaxed);
        } else if f.path.ends_with(".docx") {
            word_files
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push(f.path.clone());
        }
        if verbosity == Verbosity::Verbose {
            eprintln!("  生成 {}", f.path);
        }
        staging.write(&f);
    };
    let on_page = |total| progress.page(total);
    let analysis = match pipeline::build_to(root, base_url, drafts, &on_page, &sink) {
        Ok(a) => a,
        Err(e) => {
            progress.finish();
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    progress.stage("写入网站文件……");
    let diags = &analysis.diags;
    if diags.has_errors() {
        progress.finish();
        // Dropping the unfinished staging folder removes it: the old site is untouched.
        drop(staging);
        return failed(diags, &out, verbosity);
    }
    print_diagnostics(diags, verbosity);
    let written = staging.finish();
    progress.finish();
    let written = match written {
        Ok(w) => w,
        Err(e) => {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    if verbosity != Verbosity::Quiet {
        let reports = analysis.computed.len();
        eprintln!(
            "已生成 {} 个页面（其中工作总结 {reports} 篇）到 {}，{}，用时 {:.2} 秒；{} 个警告。",
            pages.load(Ordering::Relaxed),
            out.display(),
            changed_words(written.changed, written.unchanged),
            started.elapsed().as_secs_f64(),
            diags.count(Severity::Warning)
        );
    }
    report_withheld(&analysis.withheld_drafts, verbosity);
    let pdf = pdf || analysis.project.config.outputs.pdf;
    let mut word_files = word_files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    word_files.sort();
    if pdf && !print_pdfs(&out, &word_files, verbosity) {
        return EXIT_USAGE;
    }
    // The new site is in place and announced: the old one goes off the critical path.
    written.remove_old_site_in_background();
    EXIT_OK
}

/// 写入 12 个文件、其余 31 989 个未变 — so a CI log shows what a commit changed.
fn changed_words(changed: usize, unchanged: usize) -> String {
    match (changed, unchanged) {
        (0, _) => "内容与上次相同，没有写入任何文件".to_string(),
        (c, 0) => format!("写入 {c} 个文件"),
        (c, u) => format!("写入 {c} 个有变化的文件，{u} 个文件未变"),
    }
}

/// The site in place was built from these very inputs and is intact: the build would
/// give the same bytes, so only what `check` runs is run — its problems are the build's
/// (a test holds them equal) — and nothing is rendered or written.
fn unchanged(root: &Path, out: &Path, started: Instant, verbosity: Verbosity) -> i32 {
    let analysis = match pipeline::check(root) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("错误: {e}");
            return EXIT_USAGE;
        }
    };
    let diags = &analysis.diags;
    if diags.has_errors() {
        return failed(diags, out, verbosity);
    }
    print_diagnostics(diags, verbosity);
    if verbosity != Verbosity::Quiet {
        eprintln!(
            "项目文件与上次生成时相同，{} 无需改动，没有写入任何文件，用时 {:.2} 秒；{} 个警告。",
            out.display(),
            started.elapsed().as_secs_f64(),
            diags.count(Severity::Warning)
        );
    }
    EXIT_OK
}

/// A build with errors: each one told, and the site left as it was.
fn failed(diags: &Diagnostics, out: &Path, verbosity: Verbosity) -> i32 {
    print_diagnostics(diags, verbosity);
    eprintln!(
        "构建失败：{} 个错误，{} 个警告。{} 保持原样，未做任何改动。",
        diags.count(Severity::Error),
        diags.count(Severity::Warning),
        out.display()
    );
    EXIT_DATA
}

/// Drafts left out of the site: named, with how to publish them anyway.
fn report_withheld(withheld: &[PathBuf], verbosity: Verbosity) {
    if withheld.is_empty() || verbosity == Verbosity::Quiet {
        return;
    }
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

/// Each report's PDF beside its Word file, named like it. Without a printer: says what to
/// install and leaves the built site as it is (true). False when a PDF could not be made.
fn print_pdfs(out: &Path, word_files: &[String], verbosity: Verbosity) -> bool {
    let jobs: Vec<pdf::Job> = word_files
        .iter()
        .map(|path| {
            let docx = out.join(path);
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
