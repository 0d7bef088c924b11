//! Rendering: the report models into pages and data files, in memory. Nothing here
//! touches the disk; `output` writes what this returns. Each report's model is built
//! once and handed to every [`ReportRenderer`]; the unit pages, the front page and the
//! site-wide exports are rendered beside them.

pub mod charts;
pub mod document;
pub mod docx;
pub mod export;
pub mod links;
pub mod office;
pub mod pages;
pub mod raster;
pub mod templates;
mod whitespace;
pub mod xlsx;

use std::sync::atomic::Ordering;

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::diag::Diagnostics;
use crate::model::UnitId;
use crate::period::Period;
use crate::report::{self, Report};
use templates::Templates;

/// One file of the site: its path inside the site ('/'-separated) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a page is about; rendered independently of the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Page {
    Index,
    Unit(usize),
    Report(usize, Period),
}

/// One report on its way to the renderers: its model, and where it sits in the site.
pub struct ReportJob<'a> {
    pub analysis: &'a Analysis,
    pub unit: UnitId,
    pub period: Period,
    pub model: &'a Report,
}

/// An output format of a report (the HTML page, the model as JSON, a Word document…):
/// it reads the model and returns the files it makes.
pub trait ReportRenderer: Sync {
    fn render(&self, job: &ReportJob, diags: &mut Diagnostics) -> Vec<OutputFile>;
}

/// The report page, through the project's templates.
pub struct HtmlPage<'a>(pub &'a Templates);

impl ReportRenderer for HtmlPage<'_> {
    fn render(&self, job: &ReportJob, diags: &mut Diagnostics) -> Vec<OutputFile> {
        pages::report(job.analysis, self.0, job.model, job.period, job.unit, diags)
            .into_iter()
            .collect()
    }
}

fn render_report(
    analysis: &Analysis,
    renderers: &[&dyn ReportRenderer],
    (unit, period): (UnitId, Period),
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let Some(model) = report::report(analysis, unit, period, diags) else {
        return Vec::new();
    };
    let job = ReportJob {
        analysis,
        unit,
        period,
        model: &model,
    };
    renderers
        .iter()
        .flat_map(|r| r.render(&job, diags))
        .collect()
}

/// Renders the whole site, handing each file to `sink` as soon as it is done, from any
/// thread, with its place in the site's fixed order (page, file of the page; the shared
/// files come last) so a sink that collects can sort:
/// pages are rendered in parallel and only those in progress are held in memory.
/// Problems (a `{{ name }}` that does not exist, a template error) go to the returned
/// diagnostics; the files are complete only if it has no errors. `on_page(total pages)`
/// is called as each page is done: how `build` shows a progress bar.
pub fn render_site_to(
    analysis: &Analysis,
    templates: &Templates,
    base_url: Option<&str>,
    on_page: &(dyn Fn(usize) + Sync),
    sink: &(dyn Fn((usize, usize), OutputFile) + Sync),
) -> Diagnostics {
    let pages = site_pages(analysis);
    if analysis.project.config.outputs.word {
        raster::look_up_fonts_aside();
    }
    // The exports list every report's figures, which the analysis already holds: they
    // are made beside the pages rather than after them, where one thread would make
    // them while the others wait (a twentieth of a province's build).
    let rows = report_rows(analysis, &pages);
    let shared = std::sync::atomic::AtomicUsize::new(0);
    let emit = |f| sink((pages.len(), shared.fetch_add(1, Ordering::Relaxed)), f);
    let mut export_diags = Diagnostics::new();
    let (rendered, ()) = rayon::join(
        || {
            render_pages(analysis, templates, &pages, &|i, files| {
                files
                    .into_iter()
                    .enumerate()
                    .for_each(|(j, f)| sink((i, j), f));
                on_page(pages.len());
            })
        },
        || {
            exports(analysis, templates, &rows, &mut export_diags, &mut |f| {
                emit(f)
            })
        },
    );
    let mut diags = Diagnostics::new();
    let mut html = Vec::new();
    for r in rendered {
        diags.extend(r.diags);
        html.extend(r.html);
    }
    diags.extend(export_diags);
    if let Some(base) = base_url {
        emit(sitemap(base, &html));
    }
    diags
}

/// What the exports list of each report among `pages` (data-only periods included), in
/// their order: read off the analysis, so they are known before any page is rendered.
pub fn report_rows(analysis: &Analysis, pages: &[Page]) -> Vec<export::Row> {
    pages
        .iter()
        .filter_map(|page| match *page {
            Page::Report(u, p) => export::Row::at(analysis, u, p),
            _ => None,
        })
        .collect()
}

/// What stays of a page once its files are handed on: the paths of its HTML (for the
/// sitemap) and its problems.
pub struct PageDone {
    pub html: Vec<String>,
    pub diags: Diagnostics,
}

/// Renders `pages` in parallel, handing each page's files to `done(index in pages,
/// files)` as soon as it is rendered.
pub fn render_pages(
    analysis: &Analysis,
    templates: &Templates,
    pages: &[Page],
    done: &(dyn Fn(usize, Vec<OutputFile>) + Sync),
) -> Vec<PageDone> {
    let outputs = analysis.project.config.outputs;
    let office = office::Office {
        word: outputs.word,
        excel: outputs.excel,
    };
    render_pages_with(analysis, templates, pages, Some(&office), done)
}

/// [`render_pages`] with the reports' Word and Excel files made by `office`, or not at
/// all: `serve` makes them only when they are downloaded (see [`office::Office::render`]).
pub fn render_pages_with(
    analysis: &Analysis,
    templates: &Templates,
    pages: &[Page],
    office: Option<&office::Office>,
    done: &(dyn Fn(usize, Vec<OutputFile>) + Sync),
) -> Vec<PageDone> {
    let html = HtmlPage(templates);
    let mut renderers: Vec<&dyn ReportRenderer> = vec![&html, &export::ModelJson];
    if let Some(office) = office.filter(|o| o.word || o.excel) {
        renderers.push(office);
    }
    pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            let mut diags = Diagnostics::new();
            let files = render_page(analysis, templates, &renderers, *page, &mut diags);
            let html = files
                .iter()
                .filter(|f| f.path.ends_with(".html"))
                .map(|f| f.path.clone())
                .collect();
            done(i, files);
            PageDone { html, diags }
        })
        .collect()
}

/// The files of the whole site rather than of one page: the stylesheet, the exports of
/// every report's figures (`rows`, in site order) and, with a base URL, the sitemap of
/// the `html` pages. Each is handed to `emit` as soon as it is made: at province scale
/// one export is hundreds of megabytes, and only one is held at a time.
pub fn shared_files(
    analysis: &Analysis,
    templates: &Templates,
    rows: &[export::Row],
    html: &[String],
    base_url: Option<&str>,
    diags: &mut Diagnostics,
    emit: &mut dyn FnMut(OutputFile),
) {
    exports(analysis, templates, rows, diags, emit);
    if let Some(base) = base_url {
        emit(sitemap(base, html));
    }
}

/// The shared files that do not depend on the rendered pages: the stylesheet and the
/// exports of every report's figures.
fn exports(
    analysis: &Analysis,
    templates: &Templates,
    rows: &[export::Row],
    diags: &mut Diagnostics,
    emit: &mut dyn FnMut(OutputFile),
) {
    emit(OutputFile {
        path: "assets/zongjie.css".into(),
        bytes: templates.css.clone().into_bytes(),
    });
    export::files(analysis, rows, emit);
    office::site_files(analysis, rows, diags)
        .into_iter()
        .for_each(&mut *emit);
}

/// Every page of the site, in the site's order.
pub fn site_pages(analysis: &Analysis) -> Vec<Page> {
    let mut pages = vec![Page::Index];
    for u in &analysis.project.units {
        pages.push(Page::Unit(u.id));
        // A data-only period has no page, but its figures still go to the exports.
        for p in analysis.computed.unit_periods(u.id) {
            pages.push(Page::Report(u.id, p));
        }
    }
    pages
}

fn render_page(
    analysis: &Analysis,
    templates: &Templates,
    renderers: &[&dyn ReportRenderer],
    page: Page,
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    match page {
        Page::Index => pages::index(analysis, templates, diags)
            .into_iter()
            .collect(),
        Page::Unit(u) => pages::unit(analysis, templates, u, diags)
            .into_iter()
            .collect(),
        // Figures only: in the exports (see report_rows) and tables, but no report page
        // (see is_data_only), so nothing to render.
        Page::Report(u, p) if analysis.is_data_only(u, p) => Vec::new(),
        Page::Report(u, p) => render_report(analysis, renderers, (u, p), diags),
    }
}

/// sitemap.xml needs absolute addresses: the one place `base_url` is used.
fn sitemap(base: &str, html: &[String]) -> OutputFile {
    // XML-escaped: a base URL with `&` (a query) must not make the sitemap invalid XML.
    let base = crate::markdown::escape(base.trim_end_matches('/'));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in html {
        let segments: Vec<&str> = path.split('/').collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The exports are made beside the pages from rows read off the analysis: they must
    /// be the rows of the reports' models, one per report with figures, in order —
    /// data-only periods (figures without a page) included.
    #[test]
    fn the_rows_known_before_rendering_are_those_of_the_reports() {
        let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let analysis = crate::analysis::analyse(repo).unwrap();
        let pages = site_pages(&analysis);
        let mut diags = Diagnostics::new();
        let of_models: Vec<_> = (pages.iter())
            .filter_map(|page| match *page {
                Page::Report(u, p) => {
                    report::report(&analysis, u, p, &mut diags).map(|m| (u, m.period.id, m.basis))
                }
                _ => None,
            })
            .collect();
        let key = |r: &export::Row| (r.unit, r.period.id.clone(), r.basis);
        let known: Vec<_> = report_rows(&analysis, &pages).iter().map(key).collect();
        assert!(known.len() > 100, "{}", known.len());
        assert_eq!(known, of_models);
    }
}
