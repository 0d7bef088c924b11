//! Every internal link and every asset reference of the built example site resolves.
//!
//! The site is built by the real binary (`zongjie -C <repo> build --out <tmp>`), so the
//! project's own `templates/` are the ones checked. Each HTML page is parsed with
//! `scraper` (html5ever, Servo's implementation of the WHATWG HTML parser: attribute values,
//! character references and foreign SVG content are read exactly as a browser reads them),
//! and every `href`, `src`, `srcset`, `poster`, `data`, `action` and CSS `url(...)` /
//! `@import` (in `.css` files, `<style>` and `style=""`) is checked offline:
//!
//! - relative references must be percent-encoded, resolve inside the site to an existing
//!   file (not a folder: `file://` shows a folder listing, so links name `index.html`), and
//!   a `#fragment` must name an `id` on the target page;
//! - root-absolute (`/x`) and scheme-relative (`//host/x`) references fail: the site is
//!   opened from `file://` and served under sub-paths such as `/anquan/`;
//! - external `http(s):` is allowed only for links a reader clicks (`<a>`, `<area>`,
//!   non-resource `<link>`); an external *asset* fails, because intranets have no internet;
//! - every HTML page must be reachable from `index.html` by following links.
//!
//! `checker_catches_*` tests run the same checker on tiny hand-made sites, so a checker that
//! silently stopped finding problems would fail here too.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::fs;
use std::path::Path;

mod common;
use common::build_example_site;

use percent_encoding::percent_decode_str;
use scraper::{ElementRef, Html};

/// HTML pages that need no link to them (a server's error page, for instance).
const UNLINKED_PAGES_OK: &[&str] = &["404.html"];

/// `<link rel>` values that make the browser fetch the target.
const RESOURCE_RELS: &[&str] = &[
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Followed only when a reader clicks it.
    Link,
    /// Fetched by the browser when the page loads.
    Asset,
}

/// One URL found in one file.
#[derive(Debug, Clone)]
struct Ref {
    /// Where it was found, e.g. `<a href>` or `url()`.
    what: String,
    url: String,
    kind: Kind,
}

/// One problem: in which file, which reference, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Problem {
    file: String,
    what: String,
    url: String,
    why: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} \"{}\": {}",
            self.file, self.what, self.url, self.why
        )
    }
}

/// What the checker saw, for the summary line and for tests that it saw anything at all.
#[derive(Debug, Default)]
struct Report {
    pages: usize,
    css_files: usize,
    links: usize,
    assets: usize,
    fragments: usize,
    problems: Vec<Problem>,
}

/// Parsed HTML page: its ids and the references it makes.
struct Page {
    ids: BTreeSet<String>,
    refs: Vec<Ref>,
}

fn parse_page(text: &str) -> Page {
    let doc = Html::parse_document(text);
    let mut ids = BTreeSet::new();
    let mut refs = Vec::new();
    for node in doc.root_element().descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let name = el.value().name();
        if let Some(id) = el.value().attr("id") {
            ids.insert(id.to_string());
        }
        if name == "a" {
            if let Some(n) = el.value().attr("name") {
                ids.insert(n.to_string());
            }
        }
        if name == "style" {
            let css: String = el.text().collect();
            refs.extend(css_refs(&css, "<style>"));
        }
        for (attr, value) in el.value().attrs() {
            let what = format!("<{name} {attr}>");
            let kind = match (name, attr) {
                (_, "style") => {
                    refs.extend(css_refs(value, &what));
                    continue;
                }
                ("a" | "area", "href") => Kind::Link,
                ("link", "href") => {
                    let rel = el.value().attr("rel").unwrap_or("").to_ascii_lowercase();
                    if rel
                        .split_ascii_whitespace()
                        .any(|r| RESOURCE_RELS.contains(&r))
                    {
                        Kind::Asset
                    } else {
                        Kind::Link
                    }
                }
                ("base", "href") => {
                    refs.push(Ref {
                        what,
                        url: format!("<base> {value}"),
                        kind: Kind::Asset,
                    });
                    continue;
                }
                // SVG: <use href>, <image href>, <feImage href>; xlink:href arrives as href.
                (_, "href") => Kind::Asset,
                ("form", "action") | (_, "formaction") => Kind::Link,
                (_, "src" | "poster") => Kind::Asset,
                ("object", "data") => Kind::Asset,
                (_, "srcset") => {
                    for candidate in value.split(',') {
                        if let Some(url) = candidate.split_ascii_whitespace().next() {
                            refs.push(Ref {
                                what: what.clone(),
                                url: url.to_string(),
                                kind: Kind::Asset,
                            });
                        }
                    }
                    continue;
                }
                _ => continue,
            };
            refs.push(Ref {
                what,
                url: value.to_string(),
                kind,
            });
        }
    }
    Page { ids, refs }
}

/// The `url(...)` and `@import "..."` references of a style sheet.
fn css_refs(css: &str, what: &str) -> Vec<Ref> {
    // Drop comments first: a URL in a comment is not fetched.
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => rest = "",
        }
    }
    text.push_str(rest);

    let mut refs = Vec::new();
    let lower = text.to_ascii_lowercase();
    let push = |refs: &mut Vec<Ref>, what: &str, url: &str| {
        refs.push(Ref {
            what: what.to_string(),
            url: url.to_string(),
            kind: Kind::Asset,
        })
    };
    let mut from = 0;
    while let Some(i) = lower[from..].find("url(") {
        let start = from + i + 4;
        let inner = text[start..].trim_start();
        let url = match inner.chars().next() {
            Some(q @ ('"' | '\'')) => inner[1..].split(q).next().unwrap_or(""),
            _ => inner.split(')').next().unwrap_or("").trim_end(),
        };
        push(&mut refs, &format!("{what} url()"), url);
        from = start;
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find("@import") {
        let start = from + i + 7;
        let inner = text[start..].trim_start();
        if let Some(q @ ('"' | '\'')) = inner.chars().next() {
            let url = inner[1..].split(q).next().unwrap_or("");
            push(&mut refs, &format!("{what} @import"), url);
        }
        from = start;
    }
    refs
}

/// The scheme of an absolute URL (`http`, `mailto`, ...), lower-cased.
fn scheme(url: &str) -> Option<String> {
    let end = url.find(':')?;
    let s = &url[..end];
    let mut chars = s.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then(|| s.to_ascii_lowercase())
}

/// Decodes `%XX` escapes strictly: a stray `%` or bytes that are not UTF-8 are an error.
fn decode(part: &str) -> Result<String, String> {
    let b = part.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'%'
            && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return Err(format!("broken percent-encoding at \"{}\"", &part[i..]));
        }
    }
    percent_decode_str(part)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| "percent-encoding does not decode to UTF-8".to_string())
}

/// Where a relative reference from `from` (a site-relative file path, `/`-separated)
/// points: a site-relative path, or why it cannot be resolved.
fn resolve(from: &str, path: &str) -> Result<String, String> {
    let mut parts: Vec<String> = from.split('/').map(str::to_string).collect();
    parts.pop(); // the file itself
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("points outside the site folder".to_string());
                }
            }
            s => parts.push(decode(s)?),
        }
    }
    if path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") || path == ".." {
        return Err(
            "points to a folder: that works over HTTP but shows a folder listing from \
             file://; link to …/index.html"
                .to_string(),
        );
    }
    Ok(parts.join("/"))
}

/// All files under `root`, as `/`-separated site-relative paths.
fn site_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap();
                let rel: Vec<_> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(rel.join("/"));
            }
        }
    }
    out.sort();
    out
}

/// Checks the site in `root`.
fn check_site(root: &Path) -> Report {
    let files = site_files(root);
    let mut report = Report::default();
    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    let mut css: BTreeMap<String, Vec<Ref>> = BTreeMap::new();
    for f in &files {
        if f.ends_with(".html") {
            let text = fs::read_to_string(root.join(f)).unwrap();
            pages.insert(f.clone(), parse_page(&text));
        } else if f.ends_with(".css") {
            let text = fs::read_to_string(root.join(f)).unwrap();
            css.insert(f.clone(), css_refs(&text, "url"));
        }
    }
    report.pages = pages.len();
    report.css_files = css.len();

    let mut links_to: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let all_refs = pages.iter().map(|(f, p)| (f, &p.refs)).chain(css.iter());
    for (file, refs) in all_refs {
        for r in refs {
            match r.kind {
                Kind::Link => report.links += 1,
                Kind::Asset => report.assets += 1,
            }
            let problem = |why: String| Problem {
                file: file.clone(),
                what: r.what.clone(),
                url: r.url.clone(),
                why,
            };
            match check_ref(root, &pages, file, r) {
                Ok(Target::Page { path, fragment }) => {
                    if fragment {
                        report.fragments += 1;
                    }
                    links_to.entry(path).or_default().insert(file.clone());
                }
                Ok(Target::Other) => {}
                Err(why) => report.problems.push(problem(why)),
            }
        }
    }

    // Every page can be reached from index.html.
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["index.html".to_string()]);
    if !pages.contains_key("index.html") {
        report.problems.push(Problem {
            file: "index.html".into(),
            what: "page".into(),
            url: String::new(),
            why: "the site has no index.html".into(),
        });
    }
    while let Some(p) = queue.pop_front() {
        if !seen.insert(p.clone()) {
            continue;
        }
        for (target, sources) in &links_to {
            if sources.contains(&p) && !seen.contains(target) {
                queue.push_back(target.clone());
            }
        }
    }
    for page in pages.keys() {
        if !seen.contains(page) && !UNLINKED_PAGES_OK.contains(&page.as_str()) {
            report.problems.push(Problem {
                file: page.clone(),
                what: "page".into(),
                url: String::new(),
                why: "no chain of links leads here from index.html".into(),
            });
        }
    }
    report.problems.sort();
    report
}

enum Target {
    /// An HTML page of the site (the referring page itself for `#x`).
    Page { path: String, fragment: bool },
    /// An existing non-HTML file, or an external link that is not followed.
    Other,
}

fn check_ref(
    root: &Path,
    pages: &BTreeMap<String, Page>,
    from: &str,
    r: &Ref,
) -> Result<Target, String> {
    if let Some(base) = r.url.strip_prefix("<base> ") {
        return Err(format!(
            "a <base href=\"{base}\"> changes what every relative link means; the site uses \
             plain relative links"
        ));
    }
    // Browsers strip leading and trailing ASCII whitespace from URL attributes.
    let url = r
        .url
        .trim_matches(|c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c'));
    if url.is_empty() {
        return Err("empty URL (it points at the page itself)".into());
    }
    if let Some(c) = url
        .chars()
        .find(|c| !c.is_ascii() || c.is_ascii_whitespace() || c.is_ascii_control() || *c == '\\')
    {
        return Err(format!(
            "not percent-encoded: contains {c:?}; write it as %XX so every browser and server \
             reads the same path"
        ));
    }
    if let Some(s) = scheme(url) {
        return match (s.as_str(), r.kind) {
            ("http" | "https", Kind::Link) => Ok(Target::Other),
            ("http" | "https", Kind::Asset) => Err(
                "external asset: intranet readers have no internet, so the page would load \
                 without it; ship it in the site"
                    .into(),
            ),
            ("mailto" | "tel", Kind::Link) => Ok(Target::Other),
            ("data", Kind::Asset) => Ok(Target::Other),
            _ => Err(format!(
                "\"{s}:\" URL is not allowed for {}",
                match r.kind {
                    Kind::Link => "a link",
                    Kind::Asset => "an asset",
                }
            )),
        };
    }
    if url.starts_with("//") {
        return Err("scheme-relative URL: from file:// it points at a file server".into());
    }
    if url.starts_with('/') {
        return Err(
            "root-absolute path: breaks from file:// and when the site is served under a \
             sub-path such as /anquan/; use a relative link"
                .into(),
        );
    }
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (url, None),
    };
    let path = before_fragment.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        from.to_string()
    } else {
        resolve(from, path)?
    };
    let full = root.join(&target);
    if full.is_dir() {
        return Err(
            "points to a folder: that works over HTTP but shows a folder listing from \
             file://; link to …/index.html"
                .into(),
        );
    }
    if !full.is_file() {
        return Err(format!("no such file in the site: {target}"));
    }
    let Some(page) = pages.get(&target) else {
        return Ok(Target::Other);
    };
    let fragment = match fragment {
        Some(f) if !f.is_empty() => {
            let id = decode(f)?;
            if id != "top" && !page.ids.contains(&id) {
                return Err(format!("{target} has no element with id=\"{id}\""));
            }
            true
        }
        _ => false,
    };
    Ok(Target::Page {
        path: target,
        fragment,
    })
}

#[test]
fn example_site_links_and_assets_resolve() {
    let (_tmp, site) = build_example_site();
    let report = check_site(&site);
    eprintln!(
        "link check: {} pages, {} CSS files, {} links ({} with #fragment), {} asset references, {} problems",
        report.pages,
        report.css_files,
        report.links,
        report.fragments,
        report.assets,
        report.problems.len()
    );
    if !report.problems.is_empty() {
        let shown: Vec<String> = report
            .problems
            .iter()
            .take(60)
            .map(|p| format!("  {p}"))
            .collect();
        panic!(
            "{} broken link(s) or asset reference(s) in the example site{}:\n{}",
            report.problems.len(),
            if report.problems.len() > shown.len() {
                format!(" (first {} shown)", shown.len())
            } else {
                String::new()
            },
            shown.join("\n")
        );
    }
    // Guard against a checker that saw nothing: the example site has a unit tree and reports.
    assert!(report.pages >= 10, "only {} pages found", report.pages);
    assert!(report.css_files >= 1, "no style sheet found");
    assert!(
        report.links >= report.pages * 3,
        "too few links: {report:?}"
    );
    assert!(
        report.assets >= report.pages,
        "every page should load the style sheet: {report:?}"
    );
}

// ---- The checker on tiny hand-made sites ------------------------------------------------

fn tiny_site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = tmp.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    tmp
}

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>t</title>\
         </head><body>{body}</body></html>"
    )
}

fn whys(report: &Report) -> Vec<String> {
    report.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn checker_accepts_a_good_site() {
    let index = page(
        "<link rel=\"stylesheet\" href=\"assets/a.css\">\
         <a href=\"%E5%8D%95%E4%BD%8D/index.html#x\">单位</a> \
         <a href=\"https://example.org/\">out</a> <a href=\"mailto:a@b.c\">m</a> \
         <a href=\"#top\">top</a> <a href=\"#\">#</a> <a href=\"index.html?x=1\">self</a>\
         <svg><image href=\"data:image/png;base64,AAAA\"/></svg>",
    );
    let unit = page("<h1 id=\"x\">x</h1><a href=\"../index.html\">home</a><img src=\"../assets/i.png\" alt=\"\">");
    let site = tiny_site(&[
        ("index.html", &index),
        ("单位/index.html", &unit),
        (
            "assets/a.css",
            "/* url(gone.png) */ body { background: url(\"i.png\") }",
        ),
        ("assets/i.png", "png"),
    ]);
    let report = check_site(site.path());
    assert!(report.problems.is_empty(), "{:#?}", whys(&report));
    assert_eq!(report.pages, 2);
    assert_eq!(report.fragments, 2, "#x and #top");
}

#[test]
fn checker_catches_broken_references() {
    let index = page(
        "<a href=\"unit/index.html\">unit</a><a href=\"gone.html\">dead</a>\
         <a href=\"unit/index.html#nope\">bad fragment</a>\
         <a href=\"unit/\">folder</a>\
         <a href=\"/unit/index.html\">root-absolute</a>\
         <a href=\"单位.html\">raw</a>\
         <a href=\"a%2.html\">bad escape</a>\
         <a href=\"../outside.html\">outside</a>\
         <a href=\"\">empty</a>\
         <a href=\"javascript:void(0)\">js</a>\
         <img src=\"https://cdn.example.org/x.png\" alt=\"\">\
         <script src=\"//cdn.example.org/x.js\"></script>\
         <link rel=\"stylesheet\" href=\"assets/a.css\">\
         <p style=\"background: url('nope.png')\">x</p>",
    );
    let site = tiny_site(&[
        ("index.html", &index),
        ("unit/index.html", &page("<p>unit</p>")),
        ("orphan/index.html", &page("<p>nobody links here</p>")),
        (
            "assets/a.css",
            "@import \"more.css\"; body { background: url(https://fonts.example.org/x.woff2) }",
        ),
    ]);
    let report = check_site(site.path());
    let got = whys(&report);
    let expect = [
        "index.html: <a href> \"gone.html\": no such file in the site: gone.html",
        "index.html: <a href> \"unit/index.html#nope\": unit/index.html has no element with id=\"nope\"",
        "index.html: <a href> \"unit/\": points to a folder",
        "index.html: <a href> \"/unit/index.html\": root-absolute path",
        "index.html: <a href> \"单位.html\": not percent-encoded",
        "index.html: <a href> \"a%2.html\": broken percent-encoding",
        "index.html: <a href> \"../outside.html\": points outside the site folder",
        "index.html: <a href> \"\": empty URL",
        "index.html: <a href> \"javascript:void(0)\": \"javascript:\" URL is not allowed",
        "index.html: <img src> \"https://cdn.example.org/x.png\": external asset",
        "index.html: <script src> \"//cdn.example.org/x.js\": scheme-relative URL",
        "index.html: <p style> url() \"nope.png\": no such file in the site: nope.png",
        "assets/a.css: url @import \"more.css\": no such file in the site: assets/more.css",
        "assets/a.css: url url() \"https://fonts.example.org/x.woff2\": external asset",
        "orphan/index.html: page \"\": no chain of links leads here from index.html",
    ];
    for e in expect {
        assert!(
            got.iter().any(|g| g.starts_with(e)),
            "expected a problem starting with\n  {e}\ngot:\n  {}",
            got.join("\n  ")
        );
    }
    assert_eq!(got.len(), expect.len(), "{got:#?}");
}
