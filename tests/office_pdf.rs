//! The Word files as another program reads them: the example site is built with `--pdf`
//! (each report printed by headless Chromium from its page), then every .docx is converted
//! by LibreOffice headless. Each conversion must succeed, have the browser print's number
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

/// Every .docx converted by one LibreOffice run: copies named 0.docx, 1.docx, … so that
/// reports with the same title in different folders cannot overwrite each other.
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
    let status = Command::new("soffice")
        .arg(profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&output)
        .args(&copies)
        .status()
        .expect("run soffice");
    assert!(status.success(), "soffice failed: {status}");
    (0..docs.len())
        .map(|i| output.join(format!("{i}.pdf")))
        .collect()
}

#[test]
fn libreoffice_converts_every_word_file_like_the_browser_prints_it() {
    let Ok(mode) = std::env::var("ZONGJIE_OFFICE_TEST") else {
        eprintln!(
            "SKIPPED: office test (slow; set ZONGJIE_OFFICE_TEST=1 to run it, as .ci/run does)"
        );
        return;
    };
    let required = mode == "required";
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
    let site = tmp.path().join("site");
    let run = assert_cmd::Command::cargo_bin("zongjie")
        .unwrap()
        .arg("-C")
        .arg(repo_root())
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
    let docs: Vec<PathBuf> = walkdir::WalkDir::new(&site)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    assert!(!docs.is_empty());
    let converted = convert_all(&docs, &tmp.path().join("lo"));
    let mut report = Vec::new();
    for (docx, lo_pdf) in docs.iter().zip(&converted) {
        let name = docx.strip_prefix(&site).unwrap().display().to_string();
        assert!(lo_pdf.is_file(), "LibreOffice did not convert {name}");
        let browser_pdf = docx.with_extension("pdf");
        let (lo, browser) = (pages(lo_pdf), pages(&browser_pdf));
        report.push(format!("{name}: LibreOffice {lo} pages, browser {browser}"));
        assert!(
            lo.abs_diff(browser) <= 1,
            "{name}: LibreOffice {lo} pages, browser {browser}"
        );
        let words = text(lo_pdf);
        for w in expected_words(&docx.with_file_name("index.html")) {
            assert!(words.contains(&w), "{name}: “{w}” not in LibreOffice's PDF");
        }
    }
    eprintln!("{}", report.join("\n"));
}
