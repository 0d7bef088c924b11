//! Rendering: the computed model into pages and data files, in memory. Nothing here
//! touches the disk; `output` writes what this returns.

pub mod charts;
pub mod export;
pub mod links;
pub mod pages;
pub mod templates;

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::diag::Diagnostics;
use templates::Templates;

/// One file of the site: its path inside the site ('/'-separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a page is about; rendered independently of the others.
#[derive(Debug, Clone, Copy)]
enum Page {
    Index,
    Unit(usize),
    Report(usize, crate::period::Period),
}

/// Renders the whole site. Problems (a `{{ name }}` that does not exist, a template
/// error) go to the returned diagnostics; the files are complete only if it has no errors.
/// `on_page(total pages)` is called as each page is done, from any thread: how `build`
/// shows a progress bar.
pub fn render_site(
    analysis: &Analysis,
    templates: &Templates,
    base_url: Option<&str>,
    on_page: &(dyn Fn(usize) + Sync),
) -> (Vec<OutputFile>, Diagnostics) {
    let mut pages = vec![Page::Index];
    for u in &analysis.project.units {
        pages.push(Page::Unit(u.id));
        for p in analysis.computed.unit_periods(u.id) {
            pages.push(Page::Report(u.id, p));
        }
    }
    let rendered: Vec<(Option<OutputFile>, Diagnostics)> = pages
        .par_iter()
        .map(|page| {
            let mut diags = Diagnostics::new();
            let file = match *page {
                Page::Index => pages::index(analysis, templates, &mut diags),
                Page::Unit(u) => pages::unit(analysis, templates, u, &mut diags),
                Page::Report(u, p) => pages::report(analysis, templates, u, p, &mut diags),
            };
            on_page(pages.len());
            (file, diags)
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut files = Vec::with_capacity(rendered.len() + 4);
    for (file, d) in rendered {
        diags.extend(d);
        files.extend(file);
    }
    files.push(OutputFile {
        path: "assets/zongjie.css".into(),
        bytes: templates.css.clone().into_bytes(),
    });
    files.extend(export::files(analysis));
    if let Some(base) = base_url {
        files.push(sitemap(base, &files));
    }
    (files, diags)
}

/// sitemap.xml needs absolute addresses: the one place `base_url` is used.
fn sitemap(base: &str, files: &[OutputFile]) -> OutputFile {
    let base = base.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        let segments: Vec<&str> = f.path.split('/').collect();
        let encoded: Vec<String> = segments.iter().map(|s| links::encode_segment(s)).collect();
        xml.push_str(&format!(
            "  <url><loc>{base}/{}</loc></url>\n",
            encoded.join("/")
        ));
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}
