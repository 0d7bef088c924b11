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
pub mod xlsx;

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
#[derive(Debug, Clone, Copy)]
enum Page {
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

/// What a page's rendering returns: its files, its problems, and for a report the
/// figures the site-wide exports list.
type Rendered = (Vec<OutputFile>, Diagnostics, Option<export::Row>);

fn render_report(
    analysis: &Analysis,
    renderers: &[&dyn ReportRenderer],
    (unit, period): (UnitId, Period),
    diags: &mut Diagnostics,
) -> (Vec<OutputFile>, Option<export::Row>) {
    let Some(model) = report::report(analysis, unit, period, diags) else {
        return (Vec::new(), None);
    };
    let job = ReportJob {
        analysis,
        unit,
        period,
        model: &model,
    };
    let files = renderers
        .iter()
        .flat_map(|r| r.render(&job, diags))
        .collect();
    (files, Some(export::Row::of(unit, &model)))
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
        // A data-only period has no page, but its figures still go to the exports.
        for p in analysis.computed.unit_periods(u.id) {
            pages.push(Page::Report(u.id, p));
        }
    }
    let html = HtmlPage(templates);
    let outputs = analysis.project.config.outputs;
    let mut renderers: Vec<&dyn ReportRenderer> = vec![&html, &export::ModelJson];
    if outputs.word {
        renderers.push(&office::Word);
    }
    if outputs.excel {
        renderers.push(&office::Excel);
    }
    let rendered: Vec<Rendered> = pages
        .par_iter()
        .map(|page| {
            let mut diags = Diagnostics::new();
            let (files, row) = match *page {
                Page::Index => (
                    pages::index(analysis, templates, &mut diags)
                        .into_iter()
                        .collect(),
                    None,
                ),
                Page::Unit(u) => (
                    pages::unit(analysis, templates, u, &mut diags)
                        .into_iter()
                        .collect(),
                    None,
                ),
                Page::Report(u, p) if analysis.is_data_only(u, p) => {
                    render_report(analysis, &[], (u, p), &mut diags)
                }
                Page::Report(u, p) => render_report(analysis, &renderers, (u, p), &mut diags),
            };
            on_page(pages.len());
            (files, diags, row)
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut files = Vec::with_capacity(rendered.len() * 2 + 4);
    let mut rows = Vec::new();
    for (f, d, row) in rendered {
        diags.extend(d);
        files.extend(f);
        rows.extend(row);
    }
    files.push(OutputFile {
        path: "assets/zongjie.css".into(),
        bytes: templates.css.clone().into_bytes(),
    });
    files.extend(export::files(analysis, &rows));
    files.extend(office::site_files(analysis, &rows, &mut diags));
    if let Some(base) = base_url {
        files.push(sitemap(base, &files));
    }
    (files, diags)
}

/// sitemap.xml needs absolute addresses: the one place `base_url` is used.
fn sitemap(base: &str, files: &[OutputFile]) -> OutputFile {
    // XML-escaped: a base URL with `&` (a query) must not make the sitemap invalid XML.
    let base = crate::markdown::escape(base.trim_end_matches('/'));
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
