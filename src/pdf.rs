//! `build --pdf`: each report as PDF beside its page, printed by a browser from the page
//! (its print stylesheet follows GB/T 9704) or, without one, converted from the .docx by
//! LibreOffice. Both are outside programs that need the written site, so this runs after
//! `output` has put the site in place; nothing else of the build depends on them.

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The program that makes the PDFs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printer {
    Chromium(PathBuf),
    LibreOffice(PathBuf),
}

/// What to tell the user when neither is installed.
pub const NO_PRINTER_HELP: &str = "安装 Chromium（Debian/Ubuntu：`apt install chromium`）或 LibreOffice（`apt install libreoffice-writer-nogui`）后重新运行；也可用环境变量 ZONGJIE_CHROMIUM 指定浏览器程序。";

/// The first program found on PATH among `names`.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Chromium (ZONGJIE_CHROMIUM, else chromium, chromium-browser, google-chrome on PATH),
/// else LibreOffice (soffice, libreoffice).
pub fn find_printer() -> Option<Printer> {
    if let Some(p) = env::var_os("ZONGJIE_CHROMIUM").map(PathBuf::from) {
        if p.is_file() {
            return Some(Printer::Chromium(p));
        }
    }
    let browsers = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    on_path(&browsers)
        .map(Printer::Chromium)
        .or_else(|| on_path(&["soffice", "libreoffice"]).map(Printer::LibreOffice))
}

/// One report to print: its page, the Word file beside it, and the PDF to write.
#[derive(Debug, Clone)]
pub struct Job {
    pub page: PathBuf,
    pub docx: PathBuf,
    pub pdf: PathBuf,
}

/// Prints every job; returns the PDFs that could not be made, with why.
pub fn print_all(printer: &Printer, jobs: &[Job]) -> Vec<(PathBuf, String)> {
    use rayon::prelude::*;
    jobs.par_iter()
        .filter_map(|job| print(printer, job).err().map(|e| (job.pdf.clone(), e)))
        .collect()
}

fn print(printer: &Printer, job: &Job) -> Result<(), String> {
    let status = match printer {
        Printer::Chromium(exe) => {
            // A profile of its own per job: parallel Chromiums must not share one.
            let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
            Command::new(exe)
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-pdf-header-footer",
                ])
                .arg(format!("--user-data-dir={}", profile.path().display()))
                .arg(format!("--print-to-pdf={}", job.pdf.display()))
                .arg(file_url(&job.page))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
        }
        Printer::LibreOffice(exe) => libreoffice(exe, job),
    }
    .map_err(|e| e.to_string())?;
    if status.success() && job.pdf.is_file() {
        Ok(())
    } else {
        Err(format!("打印程序退出码 {status}"))
    }
}

/// soffice names its output after the input: convert in a private folder, then move.
fn libreoffice(exe: &Path, job: &Job) -> std::io::Result<std::process::ExitStatus> {
    let work = tempfile::tempdir()?;
    let status = Command::new(exe)
        .arg(format!(
            "-env:UserInstallation={}",
            file_url(&work.path().join("profile"))
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(work.path())
        .arg(&job.docx)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    let made = work.path().join(
        job.docx
            .with_extension("pdf")
            .file_name()
            .unwrap_or_default(),
    );
    if made.is_file() {
        std::fs::copy(&made, &job.pdf)?;
    }
    Ok(status)
}

/// file:///… with the path's bytes percent-encoded where a URL needs it.
fn file_url(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_encode_chinese_and_spaces() {
        assert_eq!(
            file_url(Path::new("/srv/站点 1/index.html")),
            "file:///srv/%E7%AB%99%E7%82%B9%201/index.html"
        );
    }
}
