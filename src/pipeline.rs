//! The stages run in order — load, compute, render — collecting every problem on the
//! way. `check` runs them all and discards the pages; `build` writes them; `serve`
//! keeps them in memory.

use std::path::{Path, PathBuf};

use crate::compute::targets::{self, Target};
use crate::compute::{self, Computed};
use crate::diag::Diagnostics;
use crate::load::{self, LoadError};
use crate::model::Project;
use crate::render::templates::Templates;
use crate::render::{self, OutputFile};

pub struct Analysis {
    pub project: Project,
    pub computed: Computed,
    pub targets: Vec<Target>,
    pub diags: Diagnostics,
    /// Drafts left out of this build (see [`crate::drafts`]).
    pub withheld_drafts: Vec<PathBuf>,
}

/// Whether unfinished reports are published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drafts {
    /// As `publish_drafts` in zongjie.yaml says (off unless set).
    AsConfigured,
    /// Published, marked 草稿: `build --drafts` and the preview in `serve`.
    Publish,
}

/// Loads and computes. Errors in the data are in `diags`; only I/O failures are `Err`.
pub fn analyse(root: &Path) -> Result<Analysis, LoadError> {
    analyse_with(root, Drafts::AsConfigured)
}

/// [`analyse`], deciding about drafts: every file is checked, drafts included, and only
/// then are unpublished drafts taken out.
pub fn analyse_with(root: &Path, drafts: Drafts) -> Result<Analysis, LoadError> {
    let load::Loaded {
        mut project,
        mut diags,
    } = load::load(root)?;
    crate::drafts::check(&project, &mut diags);
    let withheld_drafts = if drafts == Drafts::Publish || project.config.publish_drafts {
        Vec::new()
    } else {
        crate::drafts::withhold(&mut project)
    };
    let targets = targets::resolve(
        &project.config.targets,
        &project.catalog,
        Path::new("zongjie.yaml"),
        &mut diags,
    );
    let (computed, compute_diags) = compute::compute(&project);
    diags.extend(compute_diags);
    Ok(Analysis {
        project,
        computed,
        targets,
        diags,
        withheld_drafts,
    })
}

/// A whole build in memory: the analysis (with every problem in its `diags`) and the
/// site's files, which are complete only when there are no errors.
pub struct Build {
    pub analysis: Analysis,
    pub files: Vec<OutputFile>,
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
    let mut analysis = analyse_with(root, drafts)?;
    let mut diags = Diagnostics::new();
    let templates = Templates::load(root, analysis.project.config.percent_decimals, &mut diags);
    let files = if diags.has_errors() {
        Vec::new()
    } else {
        let base = base_url.or(analysis.project.config.base_url.as_deref());
        let (files, render_diags) = render::render_site(&analysis, &templates, base, on_page);
        diags.extend(render_diags);
        files
    };
    analysis.diags.extend(diags);
    Ok(Build { analysis, files })
}
