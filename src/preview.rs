//! What `zongjie serve` shows: the latest build held in memory, answered by URL path, with
//! a small script in every page that reloads it when the site changes. While the data has
//! errors, every page is an error page listing them, until they are fixed.
//!
//! No sockets and no watching here (that is `cmd::serve`), so all of it is testable.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::path::{Component, Path};
use std::sync::{Mutex, PoisonError, RwLock};

use crate::diag::{Diagnostic, Severity};
use crate::load::LoadError;
use crate::markdown::escape;

mod incremental;

/// Pages poll this for the site's version and reload when it changes.
pub const VERSION_PATH: &str = "/__zongjie/version";

/// The latest build, shared by the request threads and the rebuilding thread.
#[derive(Default)]
pub struct Preview {
    state: RwLock<State>,
    /// What the next rebuild may reuse of the last good one. Locked for a whole rebuild,
    /// and before `state` wherever both are: a request for a site-wide file waits for
    /// the rebuild under way, then has it made from this.
    cache: Mutex<Option<incremental::Cache>>,
}

#[derive(Default)]
struct State {
    /// Bumped whenever what a browser would see changes.
    version: u64,
    /// The last site built without errors, by path inside the site.
    files: HashMap<String, Vec<u8>>,
    /// The current errors, shown instead of every page until fixed; empty when all is well.
    errors: Vec<Problem>,
    /// The site-wide exports of every report's figures (CSV, JSON, Excel).
    shared: Vec<String>,
    /// Set when a partial rebuild changed what the site-wide files hold: they are made
    /// again from the cache when next asked for (see [`incremental::shared_files`]).
    shared_stale: bool,
    /// The files a partial rebuild is still making, after it published the new version.
    pending: HashSet<String>,
}

/// A build's problems as the terminal lists them, and its errors as the pages show them.
fn problems(diags: &crate::diag::Diagnostics) -> (Vec<Diagnostic>, Vec<Problem>) {
    let diags: Vec<Diagnostic> = diags.sorted().into_iter().cloned().collect();
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(Problem::from)
        .collect();
    (diags, errors)
}

/// A failure that is not about the data, as the error page shows it.
fn failure_problem(e: &LoadError) -> Problem {
    Problem {
        place: String::new(),
        message: e.to_string(),
        help: None,
    }
}

/// An error as the error page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// `data/城关镇/2025-H1.yaml:12:8`, or a folder, or empty for a problem not in a file.
    pub place: String,
    pub message: String,
    pub help: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Problem {
        let mut place = d.file.display().to_string().replace('\\', "/");
        if let Some(loc) = d.loc {
            place.push_str(&format!(":{}:{}", loc.line, loc.col));
        }
        Problem {
            place,
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

/// What one rebuild found, for the terminal.
pub struct Rebuilt {
    /// Every problem of the build, errors and warnings, as `check` prints them.
    pub diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    /// A failure that is not about the data (zongjie.yaml gone, a file unreadable).
    pub failure: Option<String>,
    pub pages: usize,
    /// False when the browser would see exactly what it saw before.
    pub changed: bool,
}

/// One HTTP answer.
#[derive(Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// For a redirect: where to.
    pub location: Option<String>,
}

/// Puts a build's files in place: all of them, or for a partial build those it made
/// again over the rest, without those it no longer makes. True when anything changed.
fn apply(files: &mut HashMap<String, Vec<u8>>, built: incremental::Built, partial: bool) -> bool {
    if partial {
        let mut changed = false;
        for path in &built.removed {
            changed |= files.remove(path).is_some();
        }
        for f in built.files {
            changed |= files.get(&f.path) != Some(&f.bytes);
            files.insert(f.path, f.bytes);
        }
        return changed;
    }
    let new: HashMap<String, Vec<u8>> =
        built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    let changed = new != *files;
    *files = new;
    changed
}

impl Preview {
    pub fn new() -> Preview {
        Preview::default()
    }

    pub fn version(&self) -> u64 {
        self.state.read().expect("lock").version
    }

    /// Builds the site in memory and makes it (or its errors) what is served.
    pub fn rebuild(&self, root: &Path) -> Rebuilt {
        self.rebuild_changed(root, None)
    }

    /// Rebuilds after the files `changed` (absolute paths) were saved: only the pages
    /// they can alter are rendered again when the last build can be reused (see
    /// [`incremental`]); with None, or when it cannot, the whole site. A partial
    /// rebuild publishes the new version as soon as the saved units' pages are done, then
    /// renders the rest; the requests for those wait for them.
    pub fn rebuild_changed(&self, root: &Path, changed: Option<&[PathBuf]>) -> Rebuilt {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        let last = cache.take();
        // serve must outlive any input: a panic in a build becomes an error page.
        let built = std::panic::catch_unwind(AssertUnwindSafe(|| self.build(root, changed, last)));
        let built = built.unwrap_or(Err(LoadError::Crashed));
        let partial = matches!(built, Ok((_, true)));
        let mut rebuilt = self.publish(built, &mut cache);
        if partial && rebuilt.errors == 0 {
            self.finish(&mut cache, &mut rebuilt);
        }
        rebuilt
    }

    /// The build itself: partial when it can be, else full.
    fn build(
        &self,
        root: &Path,
        changed: Option<&[PathBuf]>,
        last: Option<incremental::Cache>,
    ) -> Result<(incremental::Built, bool), LoadError> {
        match (changed, last) {
            (Some(paths), Some(last)) => match incremental::partial(root, last, paths) {
                Ok(built) => Ok((built, true)),
                Err(last) => {
                    self.settle_shared(&last);
                    incremental::full(root).map(|b| (b, false))
                }
            },
            (_, last) => {
                if let Some(last) = &last {
                    self.settle_shared(last);
                }
                incremental::full(root).map(|b| (b, false))
            }
        }
    }

    /// Makes a build (or its errors) what is served, and keeps its cache.
    fn publish(
        &self,
        built: Result<(incremental::Built, bool), LoadError>,
        cache: &mut Option<incremental::Cache>,
    ) -> Rebuilt {
        let (built, diagnostics, errors, failure) = match built {
            Ok((mut built, partial)) => {
                let (diagnostics, errors) = problems(&built.diags);
                // A partial build with errors keeps the cache for the save that fixes them.
                *cache = built.cache.take();
                (Some((built, partial)), diagnostics, errors, None)
            }
            Err(e) => {
                let problem = failure_problem(&e);
                let failure = Some(problem.message.clone());
                (None, Vec::new(), vec![problem], failure)
            }
        };
        let mut state = self.state.write().expect("lock");
        let mut changed = errors != state.errors;
        let error_count = errors.len();
        state.errors = errors;
        if let Some((mut built, partial)) = built.filter(|_| error_count == 0) {
            if !partial {
                state.shared = std::mem::take(&mut built.shared);
            }
            state.shared_stale = partial;
            state.pending = std::mem::take(&mut built.later).into_iter().collect();
            changed |= apply(&mut state.files, built, partial);
        }
        if changed {
            state.version += 1;
        }
        Rebuilt {
            errors: error_count,
            failure,
            diagnostics,
            pages: state.files.keys().filter(|p| p.ends_with(".html")).count(),
            changed,
        }
    }

    /// Renders what a partial rebuild left for after publishing (see
    /// [`incremental::finish`]) and lays it over the site; the requests waiting for it
    /// go on once it is in place.
    fn finish(&self, cache: &mut Option<incremental::Cache>, rebuilt: &mut Rebuilt) {
        let Some(last) = cache.as_mut() else {
            return;
        };
        let rest = std::panic::catch_unwind(AssertUnwindSafe(|| incremental::finish(last)));
        let mut state = self.state.write().expect("lock");
        state.pending.clear();
        let (diagnostics, errors) = match &rest {
            Ok(rest) => problems(&rest.diags),
            Err(_) => {
                *cache = None;
                let problem = failure_problem(&LoadError::Crashed);
                rebuilt.failure = Some(problem.message.clone());
                (Vec::new(), vec![problem])
            }
        };
        rebuilt.diagnostics = diagnostics;
        if !errors.is_empty() {
            rebuilt.errors = errors.len();
            state.errors = errors;
            state.version += 1;
            return;
        }
        if let Ok(rest) = rest {
            // The saved units' own pages show what was saved, so the version has already
            // moved on whenever these change: bumped again only if it had not.
            if apply(&mut state.files, rest, true) && !rebuilt.changed {
                state.version += 1;
                rebuilt.changed = true;
            }
        }
        rebuilt.pages = state.files.keys().filter(|p| p.ends_with(".html")).count();
    }

    /// Makes the site-wide files from `cache` if they are out of date (before a full
    /// rebuild drops it, too: one with errors would leave them so). Not while the data
    /// has errors: the figures in the cache then are not those of a good build.
    fn settle_shared(&self, cache: &incremental::Cache) {
        let stale = {
            let state = self.state.read().expect("lock");
            state.shared_stale && state.errors.is_empty()
        };
        if stale {
            let files = incremental::shared_files(cache);
            let mut state = self.state.write().expect("lock");
            files.into_iter().for_each(|f| {
                state.files.insert(f.path, f.bytes);
            });
            state.shared_stale = false;
        }
    }

    /// A request for a file being made again waits for the rebuild under way (it holds
    /// the cache); a site-wide file is then made from the cache if a partial rebuild
    /// left it out of date (once for all of them, until the next save). While the data
    /// has errors, and after a crash (no cache), the last ones made are served.
    fn wait_for(&self, path: &str) {
        let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        let shared = {
            let state = self.state.read().expect("lock");
            state.shared_stale && state.shared.iter().any(|p| p == path)
        };
        if let Some(cache) = cache.as_ref().filter(|_| shared) {
            self.settle_shared(cache);
        }
    }

    /// The answer to a GET of `url` (path and maybe a query).
    pub fn respond(&self, url: &str) -> Reply {
        let raw_path = url.split(['?', '#']).next().unwrap_or("/");
        let path = site_path(raw_path);
        if let Some(p) = &path {
            let state = self.state.read().expect("lock");
            let waits =
                state.pending.contains(p) || (state.shared_stale && state.shared.contains(p));
            drop(state);
            if waits {
                self.wait_for(p);
            }
        }
        let state = self.state.read().expect("lock");
        if raw_path == VERSION_PATH {
            return reply(
                200,
                "text/plain; charset=utf-8",
                state.version.to_string().into_bytes(),
            );
        }
        let Some(path) = path else {
            return not_found(&state);
        };
        let is_page = path.ends_with(".html");
        if is_page && !state.errors.is_empty() {
            return reply(
                200,
                HTML,
                error_page(&state.errors, state.version).into_bytes(),
            );
        }
        if let Some(bytes) = state.files.get(&path) {
            let body = if is_page {
                with_reload_script(bytes, state.version)
            } else {
                bytes.clone()
            };
            return reply(200, content_type(&path), body);
        }
        // `/城关县` → `/城关县/`, so the page's relative links resolve from its folder.
        let folder_index = format!("{path}/index.html");
        if !path.is_empty() && state.files.contains_key(&folder_index) {
            return Reply {
                location: Some(format!("{raw_path}/")),
                ..reply(301, "text/plain; charset=utf-8", Vec::new())
            };
        }
        if path.ends_with(".docx") || path.ends_with(".xlsx") {
            drop(state);
            return self.download(&path);
        }
        not_found(&state)
    }

    /// A report's Word or Excel file, made when asked for (see
    /// [`incremental::office_file`]); while the data has errors, the error page.
    fn download(&self, path: &str) -> Reply {
        let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        {
            let state = self.state.read().expect("lock");
            if !state.errors.is_empty() {
                let page = error_page(&state.errors, state.version);
                return reply(200, HTML, page.into_bytes());
            }
        }
        match cache
            .as_ref()
            .and_then(|c| incremental::office_file(c, path))
        {
            Some(file) => reply(200, content_type(path), file.bytes),
            None => not_found(&self.state.read().expect("lock")),
        }
    }
}

const HTML: &str = "text/html; charset=utf-8";

fn reply(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
    Reply {
        status,
        content_type,
        body,
        location: None,
    }
}

/// The site file a URL path names: decoded, `/` → `index.html`, and nothing outside the
/// site (`..`). None when the path cannot name a file.
fn site_path(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw)?;
    let mut path = decoded.trim_start_matches('/').to_string();
    let safe = Path::new(&path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !safe {
        return None;
    }
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    Some(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "html" => HTML,
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "js" => "text/javascript; charset=utf-8",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Polls the version once a second and reloads the page when it is no longer the one
/// the page was served with. Only `serve` adds it; `build` output has no script.
fn reload_script(version: u64) -> String {
    format!(
        "<script>/* zongjie serve：文件保存后自动刷新 */(function(){{var v=\"{version}\";\
function poll(){{fetch(\"{VERSION_PATH}\",{{cache:\"no-store\"}}).then(function(r){{return r.text();}})\
.then(function(t){{if(t!==v){{location.reload();}}else{{setTimeout(poll,50);}}}})\
.catch(function(){{setTimeout(poll,2000);}});}}setTimeout(poll,50);}})();</script>"
    )
}

/// The page with the reload script before `</body>` (or at the end if it has none).
pub fn with_reload_script(html: &[u8], version: u64) -> Vec<u8> {
    let script = reload_script(version);
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

fn not_found(state: &State) -> Reply {
    let body = page(
        "找不到这个页面",
        "<h1>找不到这个页面</h1><p>网站中没有这个地址。<a href=\"/\">回到首页</a></p>",
        state.version,
    );
    reply(404, HTML, body.into_bytes())
}

/// `text` escaped, with its `key` spans (as the terminal shows them) set as <code>: a
/// writer reading the page in a browser sees the key, not the backticks around it.
fn code_spans(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len() % 2 == 0 {
        // An unpaired backtick is text, not markup.
        return escape(text);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}

/// Every error with its place, message and what to do; the page reloads once they are fixed.
fn error_page(errors: &[Problem], version: u64) -> String {
    let mut items = String::new();
    for p in errors {
        items.push_str("<li>");
        if !p.place.is_empty() {
            items.push_str(&format!("<code>{}</code><br>", escape(&p.place)));
        }
        items.push_str(&format!("<strong>{}</strong>", code_spans(&p.message)));
        if let Some(help) = &p.help {
            items.push_str(&format!("<p class=\"help\">提示：{}</p>", code_spans(help)));
        }
        items.push_str("</li>\n");
    }
    let body = format!(
        "<h1>数据有 {} 个错误，网站暂未更新</h1>\n\
         <p>改正下面的错误并保存文件，本页会自动刷新。终端里的 <code>zongjie serve</code> 也列出了同样的内容。</p>\n\
         <ol>\n{items}</ol>",
        errors.len()
    );
    page("数据有错误 — zongjie", &body, version)
}

fn page(title: &str, body: &str, version: u64) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title>\
<style>body{{font-family:system-ui,\"PingFang SC\",\"Microsoft YaHei\",sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#222}}\
h1{{color:#b00020;font-size:1.4rem}}li{{margin:0 0 1rem}}code{{background:#f3f3f3;padding:0 .3em}}.help{{margin:.2rem 0;color:#555}}</style>\
</head><body>\n{body}\n{}</body></html>\n",
        reload_script(version)
    )
}

/// Does a change at `path` call for a rebuild? Not in the output (`site/`), `target/`,
/// hidden folders (`.git`) or editors' temporary and backup files.
pub fn matters(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let output = matches!(parts.first().map(String::as_str), Some("site" | "target"));
    let hidden = parts.iter().any(|p| p.starts_with('.'));
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = name.ends_with('~')
        || name.starts_with('#')
        || name.starts_with("~$")
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext));
    !output && !hidden && !temporary
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preview_with(files: &[(&str, &str)], errors: Vec<Problem>) -> Preview {
        let p = Preview::new();
        {
            let mut s = p.state.write().unwrap();
            s.files = files
                .iter()
                .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
                .collect();
            s.errors = errors;
            s.version = 7;
        }
        p
    }

    fn text(r: &Reply) -> String {
        String::from_utf8(r.body.clone()).unwrap()
    }

    #[test]
    fn pages_get_the_reload_script_and_other_files_do_not() {
        let p = preview_with(
            &[
                ("index.html", "<html><body>首页</body></html>"),
                ("assets/zongjie.css", "body{}"),
            ],
            vec![],
        );
        let page = p.respond("/");
        assert_eq!((page.status, page.content_type), (200, HTML));
        let html = text(&page);
        assert!(html.contains("首页<script>") && html.ends_with("</script></body></html>"));
        assert!(html.contains("var v=\"7\""));
        let css = p.respond("/assets/zongjie.css?x=1");
        assert_eq!(text(&css), "body{}");
        assert_eq!(css.content_type, "text/css; charset=utf-8");
        assert_eq!(text(&p.respond(VERSION_PATH)), "7");
    }

    #[test]
    fn chinese_folders_are_decoded_and_redirected_to_their_slash() {
        let p = preview_with(&[("城关县/index.html", "<body>县</body>")], vec![]);
        let enc = "/%E5%9F%8E%E5%85%B3%E5%8E%BF";
        assert!(text(&p.respond(&format!("{enc}/"))).contains("县"));
        let r = p.respond(enc);
        assert_eq!(r.status, 301);
        assert_eq!(r.location.as_deref(), Some(&*format!("{enc}/")));
        assert_eq!(p.respond("/../etc/passwd").status, 404);
        assert_eq!(p.respond("/%ZZ").status, 404);
    }

    #[test]
    fn while_there_are_errors_every_page_shows_them_escaped() {
        let problem = Problem {
            place: "data/镇/2025-H1.yaml:3:5".into(),
            message: "`found` 应为数字，这里是<文字>".into(),
            help: Some("只写阿拉伯数字".into()),
        };
        let p = preview_with(
            &[("index.html", "<body>首页</body>"), ("a.css", "x")],
            vec![problem],
        );
        let html = text(&p.respond("/index.html"));
        assert!(
            html.contains("<code>data/镇/2025-H1.yaml:3:5</code>"),
            "{html}"
        );
        assert!(html.contains("这里是&lt;文字&gt;") && html.contains("提示：只写阿拉伯数字"));
        // The key is set as code, not shown between raw backticks.
        assert!(
            html.contains("<strong><code>found</code> 应为数字"),
            "{html}"
        );
        assert!(!html.contains('`'), "{html}");
        assert!(html.contains("/__zongjie/version"));
        // Assets still come from the last good build.
        assert_eq!(text(&p.respond("/a.css")), "x");
    }

    /// Through the preview as `serve` drives it: after a save, every file a full build
    /// makes is served with the full build's bytes — the pages made after the version
    /// was published and the exports made on request included — and nothing else is.
    #[test]
    fn after_a_save_the_preview_serves_what_a_full_build_makes() {
        let tmp = incremental::tests::example_without_office();
        let root = tmp.path();
        let preview = Preview::new();
        assert_eq!(preview.rebuild(root).errors, 0);
        let file = root.join("data/城关县/城关镇/东关社区/2023-H2.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("found: ", "found: 3", 1)).unwrap();
        let rebuilt = preview.rebuild_changed(root, Some(std::slice::from_ref(&file)));
        assert!(rebuilt.errors == 0 && rebuilt.changed);
        assert!(
            preview.state.read().unwrap().shared_stale,
            "exports left for later"
        );
        // A reload fetches the stylesheet: it does not wait for the exports to be made.
        assert_eq!(preview.respond("/assets/zongjie.css").status, 200);
        assert!(preview.state.read().unwrap().shared_stale);

        let whole =
            crate::pipeline::build_observed(root, None, crate::analysis::Drafts::Publish, &|_| {})
                .unwrap();
        let version = preview.version();
        for f in &whole.files {
            let expected = if f.path.ends_with(".html") {
                with_reload_script(&f.bytes, version)
            } else {
                f.bytes.clone()
            };
            let reply = preview.respond(&format!("/{}", f.path));
            assert!(
                reply.status == 200 && reply.body == expected,
                "{} differs",
                f.path
            );
        }
        assert_eq!(preview.state.read().unwrap().files.len(), whole.files.len());
    }

    #[test]
    fn only_changes_to_the_project_matter() {
        let root = Path::new("/p");
        assert!(matters(root, Path::new("/p/data/镇/2025-H1.yaml")));
        assert!(matters(root, Path::new("/p/zongjie.yaml")));
        for ignored in [
            "/p/site/index.html",
            "/p/target/debug/x",
            "/p/.git/index",
            "/p/data/镇/.2025-H1.yaml.swp",
            "/p/data/镇/2025-H1.yaml~",
            "/p/data/镇/4913",
            "/p/data/镇/~$总结.docx",
            "/p/.site.zongjie-new/index.html",
        ] {
            assert!(!matters(root, Path::new(ignored)), "{ignored}");
        }
    }
}
