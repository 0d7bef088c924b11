//! The Word files as another program reads them: the example site is built with `--pdf`
//! and `print: all` (each report printed by headless Chromium from its page, with the
//! tables and figures the .docx holds), then every .docx is converted by LibreOffice
//! headless in one run. Each conversion must succeed, have the browser print's number
//! of pages ±1, and contain the title, every section heading and the 落款 (pdftotext).
//!
//! Printing and converting all 162 reports takes many minutes, so it runs only when
//! ZONGJIE_OFFICE_TEST is set (.ci/run sets it to `required`). It needs soffice, pdfinfo
//! and pdftotext (apt: libreoffice-writer-nogui, poppler-utils) and Chromium
//! (`ZONGJIE_CHROMIUM`, default /usr/bin/chromium); missing ones fail it when `required`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::repo_root;
use scraper::{Html, Selector};

fn have(program: &str) -> bool {
    Command::new(program)
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stderr.is_empty())
}

fn missing_tools(chromium: &Path) -> Vec<String> {
    let mut missing: Vec<String> = ["soffice", "pdfinfo", "pdftotext"]
        .into_iter()
        .filter(|p| !have(p))
        .map(String::from)
        .collect();
    if !chromium.is_file() {
        missing.push(chromium.display().to_string());
    }
    missing
}

fn pages(pdf: &Path) -> u32 {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap_or_else(|| panic!("pdfinfo {}: {info}", pdf.display()))
        .trim()
        .parse()
        .unwrap()
}

/// The PDF's text without any whitespace: titles and headings may wrap anywhere.
fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Title, section headings and 落款 of a report page, without whitespace.
fn expected_words(page: &Path) -> Vec<String> {
    let html = Html::parse_document(&fs::read_to_string(page).unwrap());
    let sel = Selector::parse(
        "article h1.title, article .section h2, article .section h3, .signature .author, .signature .date",
    )
    .unwrap();
    html.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        })
        .collect()
}

/// Every .docx converted by one LibreOffice run (its own profile in `work`): copies named
/// 0.docx, 1.docx, … so that reports with the same title in different folders cannot
/// overwrite each other. soffice exits 0 even when a file fails: each PDF is looked for.
fn convert_all(docs: &[PathBuf], work: &Path) -> Vec<PathBuf> {
    let input = work.join("in");
    let output = work.join("out");
    fs::create_dir_all(&input).unwrap();
    let copies: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let c = input.join(format!("{i}.docx"));
            fs::copy(d, &c).unwrap();
            c
        })
        .collect();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        work.join("profile").display()
    );
    let run = Command::new("soffice")
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&output)
        .args(&copies)
        .output()
        .expect("run soffice");
    assert!(
        run.status.success(),
        "soffice failed: {}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    (0..docs.len())
        .map(|i| output.join(format!("{i}.pdf")))
        .collect()
}

/// The example project with `print: all`: the browser then prints what the .docx holds
/// (正文＋附表＋附图), so the page counts compare like with like.
fn example_printing_all(dst: &Path) {
    for part in ["data", "templates"] {
        common::copy_tree(&repo_root().join(part), &dst.join(part));
    }
    let config = fs::read_to_string(repo_root().join("zongjie.yaml")).unwrap();
    assert!(
        !config.lines().any(|l| l.starts_with("print:")),
        "the example's zongjie.yaml sets print: itself; change this test"
    );
    fs::write(dst.join("zongjie.yaml"), format!("{config}\nprint: all\n")).unwrap();
}

/// Whether the test runs: Some(required) or None (skipped, having said why).
fn wanted() -> Option<bool> {
    let Ok(mode) = std::env::var("ZONGJIE_OFFICE_TEST") else {
        eprintln!(
            "SKIPPED: office test (slow; set ZONGJIE_OFFICE_TEST=1 to run it, as .ci/run does)"
        );
        return None;
    };
    Some(mode == "required")
}

/// One .docx against the browser's print of the same report; what is wrong, if anything.
fn compare(site: &Path, docx: &Path, lo_pdf: &Path) -> (String, Vec<String>) {
    let name = docx.strip_prefix(site).unwrap().display().to_string();
    if !lo_pdf.is_file() {
        return (
            name.clone(),
            vec![format!("{name}: LibreOffice did not convert it")],
        );
    }
    let (lo, browser) = (pages(lo_pdf), pages(&docx.with_extension("pdf")));
    let line = format!("{name}: LibreOffice {lo} pages, browser {browser}");
    let mut wrong = Vec::new();
    if lo.abs_diff(browser) > 1 {
        wrong.push(line.clone());
    }
    let words = text(lo_pdf);
    for w in expected_words(&docx.with_file_name("index.html")) {
        if !words.contains(&w) {
            wrong.push(format!("{name}: “{w}” not in LibreOffice's PDF"));
        }
    }
    (line, wrong)
}

#[test]
fn libreoffice_converts_every_word_file_like_the_browser_prints_it() {
    let Some(required) = wanted() else { return };
    let chromium = std::env::var_os("ZONGJIE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    let missing = missing_tools(&chromium);
    if !missing.is_empty() {
        let what = missing.join(", ");
        assert!(!required, "office test required but missing: {what}");
        eprintln!("SKIPPED: office test (missing: {what}); install libreoffice-writer-nogui, poppler-utils and chromium, or run .ci/run");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    example_printing_all(&project);
    let site = tmp.path().join("site");
    let started = Instant::now();
    let run = assert_cmd::Command::cargo_bin("zongjie")
        .unwrap()
        .arg("-C")
        .arg(&project)
        .args(["-q", "build", "--pdf", "--out"])
        .arg(&site)
        .env("ZONGJIE_CHROMIUM", &chromium)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let built = started.elapsed();
    let docs: Vec<PathBuf> = walkdir::WalkDir::new(&site)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    assert!(!docs.is_empty());
    let started = Instant::now();
    let converted = convert_all(&docs, &tmp.path().join("lo"));
    let lo_time = started.elapsed();
    let (lines, wrong): (Vec<String>, Vec<Vec<String>>) = docs
        .iter()
        .zip(&converted)
        .map(|(docx, pdf)| compare(&site, docx, pdf))
        .unzip();
    eprintln!("{}", lines.join("\n"));
    eprintln!(
        "{} Word files: build with browser print {:.0} s, LibreOffice {:.0} s",
        docs.len(),
        built.as_secs_f64(),
        lo_time.as_secs_f64()
    );
    let wrong: Vec<String> = wrong.into_iter().flatten().collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
