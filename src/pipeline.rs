//! The stages run in order — load, compute, render — collecting every problem on the
//! way. `check` runs them all and discards the pages; `build` writes them; `serve`
//! keeps them in memory.

use std::path::Path;

use rayon::prelude::*;

pub use crate::analysis::{analyse, analyse_with, Analysis, Drafts};
use crate::diag::Diagnostics;
use crate::load::LoadError;
use crate::model::UnitId;
use crate::period::Period;
use crate::prose;
use crate::render::templates::Templates;
use crate::render::{self, OutputFile};
use crate::report;

/// A whole build in memory: the analysis (with every problem in its `diags`) and the
/// site's files, which are complete only when there are no errors.
pub struct Build {
    pub analysis: Analysis,
    pub files: Vec<OutputFile>,
}

/// What `check` runs: load and compute, the templates, and every prose body filled from
/// its report's figures as the build fills it (names, filters, their arguments and
/// inputs, at the line and column typed) — without building report models, drawing
/// charts or rendering pages, which is where a build spends its time.
/// Drafts are checked like finished reports: a wrong `{{ name }}` in a draft is an error
/// now, not when it is published.
pub fn check(root: &Path) -> Result<Analysis, LoadError> {
    let mut analysis = analyse_with(root, Drafts::Publish)?;
    let mut diags = Diagnostics::new();
    Templates::load(
        root,
        analysis.project.config.percent_decimals,
        &crate::load::read_override,
        &mut diags,
    );
    let known = prose::names(&analysis.project.catalog);
    let files: Vec<(UnitId, Period)> = analysis
        .project
        .units
        .iter()
        .flat_map(|u| u.files.keys().map(move |p| (u.id, *p)))
        .collect();
    let checked: Vec<Diagnostics> = files
        .par_iter()
        .map(|&(unit, period)| {
            let mut d = Diagnostics::new();
            // A file whose period has figures is filled exactly as the build fills it;
            // one without (no report is built for it) still has its bodies parsed.
            if !report::check_prose(&analysis, unit, period, &mut d) {
                let f = &analysis.project.units[unit].files[&period];
                prose::check_file(f, &known, &mut d);
            }
            d
        })
        .collect();
    checked.into_iter().for_each(|d| diags.extend(d));
    analysis.diags.extend(diags);
    Ok(analysis)
}

pub fn build(root: &Path, base_url: Option<&str>) -> Result<Build, LoadError> {
    build_observed(root, base_url, Drafts::AsConfigured, &|_| {})
}

/// `build`, calling `on_page(total pages)` as each page is rendered (for a progress bar).
pub fn build_observed(
    root: &Path,
    base_url: Option<&str>,
    drafts: Drafts,
    on_page: &(dyn Fn(usize) + Sync),
) -> Result<Build, LoadError> {
    let files = std::sync::Mutex::new(Vec::new());
    let analysis = build_to(root, base_url, drafts, on_page, &|order, f| {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((order, f));
    })?;
    let mut files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort_by_key(|(order, _)| *order);
    let files = files.into_iter().map(|(_, f)| f).collect();
    Ok(Build { analysis, files })
}

/// Loads, computes and renders, handing each file to `sink` as soon as it is rendered
/// (see [`render::render_site_to`]): what `build` streams to disk. Every problem is in
/// the returned analysis' `diags`; the files handed over are the complete site only if
/// there are none.
pub fn build_to(
    root: &Path,
    base_url: Option<&str>,
    drafts: Drafts,
    on_page: &(dyn Fn(usize) + Sync),
    sink: &(dyn Fn((usize, usize), OutputFile) + Sync),
) -> Result<Analysis, LoadError> {
    let mut analysis = analyse_with(root, drafts)?;
    let mut diags = Diagnostics::new();
    let templates = Templates::load(
        root,
        analysis.project.config.percent_decimals,
        &crate::load::read_override,
        &mut diags,
    );
    if !diags.has_errors() {
        let base = base_url.or(analysis.project.config.base_url.as_deref());
        diags.extend(render::render_site_to(
            &analysis, &templates, base, on_page, sink,
        ));
    }
    analysis.diags.extend(diags);
    Ok(analysis)
}
