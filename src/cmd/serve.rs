//! `zongjie serve`: builds into memory, serves on 127.0.0.1, rebuilds when a project
//! file changes and lets open pages reload themselves. Data errors never stop it: the
//! pages show them until they are fixed. What is served is `preview`'s business.

use std::collections::HashSet;
use std::io;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::Verbosity;
use crate::diag::Severity;
use crate::load::LoadError;
use crate::preview::{self, Preview, Rebuilt};

use super::EXIT_USAGE;

pub const DEFAULT_PORT: u16 = 8000;
/// Busy ports tried after the one asked for, before giving up.
const PORTS_TO_TRY: u16 = 20;
/// How long the files must be quiet before a rebuild.
/// Editors write a save in a few events within milliseconds; a page should show the
/// change within 200 ms of the save, of which this is the first part.
const DEBOUNCE: Duration = Duration::from_millis(30);
const REQUEST_THREADS: usize = 4;

pub fn run(root: &Path, port: u16, open: bool, verbosity: Verbosity) -> i32 {
    let root = match root.canonicalize() {
        Ok(r) if r.join("zongjie.yaml").is_file() => r,
        _ => {
            eprintln!("错误: {}", LoadError::NotAProject(root.to_path_buf()));
            return EXIT_USAGE;
        }
    };
    let preview = Arc::new(Preview::new());
    let started = Instant::now();
    let first = preview.rebuild(&root);
    report_build(&first, started, verbosity, "已生成");
    let (listener, bound) = match bind(port) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("错误: {message}");
            return EXIT_USAGE;
        }
    };
    if bound != port && port != 0 {
        eprintln!("端口 {port} 已被占用，改用 {bound}。");
    }
    let server = match tiny_http::Server::from_listener(listener, None) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!("错误: 无法启动预览服务：{e}");
            return EXIT_USAGE;
        }
    };
    for _ in 0..REQUEST_THREADS {
        let (server, preview) = (Arc::clone(&server), Arc::clone(&preview));
        thread::spawn(move || answer_requests(&server, &preview, bound));
    }
    let url = format!("http://127.0.0.1:{bound}/");
    eprintln!("正在预览：{url} （Ctrl+C 结束）");
    if open {
        open_browser(&url);
    }
    match watch_and_rebuild(&root, &preview, verbosity) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("错误: 无法监视文件的修改：{e}");
            EXIT_USAGE
        }
    }
}

/// Listens on 127.0.0.1:`port`, or the next free port after it. Port 0 lets the system
/// choose (tests use it).
fn bind(port: u16) -> Result<(TcpListener, u16), String> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORTS_TO_TRY - 1)
    };
    for candidate in port..=last {
        match TcpListener::bind(("127.0.0.1", candidate)) {
            Ok(listener) => {
                let bound = listener.local_addr().map_or(candidate, |a| a.port());
                return Ok((listener, bound));
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => continue,
            Err(e) => return Err(format!("无法使用端口 {candidate}：{e}")),
        }
    }
    Err(format!(
        "端口 {port}–{last} 都已被占用。\n  提示: 用 `--port` 指定别的端口，例如 `zongjie serve --port 9000`。"
    ))
}

fn answer_requests(server: &tiny_http::Server, preview: &Preview, port: u16) {
    while let Ok(request) = server.recv() {
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string());
        let reply = match request.method() {
            _ if !host_allowed(host.as_deref(), port) => preview::Reply {
                status: 403,
                content_type: "text/plain; charset=utf-8",
                body: "预览服务只接受发往 127.0.0.1 或 localhost 的请求"
                    .as_bytes()
                    .to_vec(),
                location: None,
            },
            tiny_http::Method::Get | tiny_http::Method::Head => preview.respond(request.url()),
            _ => preview::Reply {
                status: 405,
                content_type: "text/plain; charset=utf-8",
                body: "预览服务只接受 GET 请求".as_bytes().to_vec(),
                location: None,
            },
        };
        let mut response = tiny_http::Response::from_data(reply.body)
            .with_status_code(reply.status)
            .with_header(header("Content-Type", reply.content_type))
            .with_header(header("Cache-Control", "no-store"));
        if let Some(location) = &reply.location {
            response.add_header(header("Location", location));
        }
        // A browser that went away mid-answer is no concern of ours.
        let _ = request.respond(response);
    }
}

/// A page of another site whose name was made to point at 127.0.0.1 (DNS rebinding) sends
/// its own name as Host: only the loopback names and our port are answered. A request
/// without Host (HTTP/1.0 tools) cannot come from such a page.
fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return true;
    };
    let host = host.trim().to_ascii_lowercase();
    let (name, given_port) = match host.rsplit_once(':') {
        Some((name, p)) if !name.ends_with(':') && p.bytes().all(|b| b.is_ascii_digit()) => {
            (name, Some(p))
        }
        _ => (host.as_str(), None),
    };
    let loopback = matches!(name, "localhost" | "127.0.0.1" | "[::1]");
    loopback && given_port.is_none_or(|p| p.parse() == Ok(port))
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// Opens the page in the default browser, best effort: a machine without one still serves.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "windows") {
        ("cmd", vec!["/C", "start", "", url])
    } else if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reap it so it does not linger as a zombie.
        Ok(mut child) => drop(thread::spawn(move || child.wait())),
        Err(_) => eprintln!("没能自动打开浏览器，请在浏览器中打开上面的地址。"),
    }
}

/// Watches the project's own files — `zongjie.yaml` and the rest of the top folder,
/// `data/` and `templates/` — rather than everything below it, so a large `target/` or
/// `site/` costs nothing. Runs until the process is stopped.
fn watch_and_rebuild(root: &Path, preview: &Preview, verbosity: Verbosity) -> io::Result<()> {
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(io::Error::other)?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(io::Error::other)?;
    let mut watched = HashSet::new();
    watch_folders(root, &mut watcher, &mut watched);
    while let Some(mut changed) = next_changes(&rx) {
        changed.retain(|p| preview::matters(root, p));
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        // A folder that was deleted or created anew needs its watch set up again.
        watched.retain(|dir: &PathBuf| !changed.contains(dir));
        watch_folders(root, &mut watcher, &mut watched);
        if verbosity == Verbosity::Verbose {
            for p in &changed {
                eprintln!("  已修改 {}", p.strip_prefix(root).unwrap_or(p).display());
            }
        }
        let started = Instant::now();
        let rebuilt = preview.rebuild_changed(root, Some(&changed));
        report_build(&rebuilt, started, verbosity, "已重新生成");
    }
    Ok(())
}

/// Waits for a change, then for quiet: saving a file often makes several events (write,
/// rename, chmod). Returns the paths changed, None when the watcher has stopped.
fn next_changes(rx: &mpsc::Receiver<notify::Result<Event>>) -> Option<Vec<PathBuf>> {
    let mut changed = Vec::new();
    let mut take = |result: notify::Result<Event>| match result {
        Ok(event) if is_change(&event.kind) => changed.extend(event.paths),
        Ok(_) => {}
        Err(e) => eprintln!("警告: 监视文件时出错：{e}"),
    };
    take(rx.recv().ok()?);
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(result) => take(result),
            Err(mpsc::RecvTimeoutError::Timeout) => return Some(changed),
            Err(mpsc::RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Reading a file is an event too (our own rebuild reads every file): only writes,
/// creations, removals and renames are changes.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        _ => true,
    }
}

fn watch_folders(root: &Path, watcher: &mut RecommendedWatcher, watched: &mut HashSet<PathBuf>) {
    for name in ["data", "templates"] {
        let dir = root.join(name);
        if dir.is_dir() && !watched.contains(&dir) {
            match watcher.watch(&dir, RecursiveMode::Recursive) {
                Ok(()) => {
                    watched.insert(dir);
                }
                Err(e) => eprintln!("警告: 无法监视 {}：{e}", dir.display()),
            }
        }
    }
}

/// Prints a build's problems like `check` does, and one line saying how it went.
fn report_build(rebuilt: &Rebuilt, started: Instant, verbosity: Verbosity, done: &str) {
    for d in &rebuilt.diagnostics {
        if d.severity == Severity::Error || verbosity != Verbosity::Quiet {
            eprintln!("{d}");
        }
    }
    if let Some(failure) = &rebuilt.failure {
        eprintln!("错误: {failure}");
    }
    if rebuilt.errors > 0 {
        eprintln!(
            "有 {} 个错误：浏览器中的页面显示错误详情，改正并保存后自动恢复。",
            rebuilt.errors
        );
    } else if verbosity != Verbosity::Quiet {
        let note = if rebuilt.changed {
            ""
        } else {
            "，页面没有变化"
        };
        eprintln!(
            "{done} {} 个页面，用时 {:.2} 秒{note}。",
            rebuilt.pages,
            started.elapsed().as_secs_f64()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::host_allowed;

    #[test]
    fn only_loopback_names_and_our_port_are_answered() {
        for ok in [
            None,
            Some("127.0.0.1:8000"),
            Some("localhost:8000"),
            Some("LOCALHOST"),
            Some("[::1]:8000"),
        ] {
            assert!(host_allowed(ok, 8000), "{ok:?}");
        }
        for bad in [
            Some("evil.example:8000"),
            Some("127.0.0.1:9000"),
            Some("localhost.evil.example"),
            Some(""),
        ] {
            assert!(!host_allowed(bad, 8000), "{bad:?}");
        }
    }
}
