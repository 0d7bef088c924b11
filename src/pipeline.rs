//! The stages run in order — load, compute, render — collecting every problem on the
//! way. `check` runs them all and discards the pages; `build` writes them; `serve`
//! keeps them in memory.

use std::path::Path;

pub use crate::analysis::{analyse, Analysis};
use crate::diag::Diagnostics;
use crate::load::LoadError;
use crate::render::templates::Templates;
use crate::render::{self, OutputFile};

/// A whole build in memory: the analysis (with every problem in its `diags`) and the
/// site's files, which are complete only when there are no errors.
pub struct Build {
    pub analysis: Analysis,
    pub files: Vec<OutputFile>,
}

pub fn build(root: &Path, base_url: Option<&str>) -> Result<Build, LoadError> {
    build_observed(root, base_url, &|_| {})
}

/// `build`, calling `on_page(total pages)` as each page is rendered (for a progress bar).
pub fn build_observed(
    root: &Path,
    base_url: Option<&str>,
    on_page: &(dyn Fn(usize) + Sync),
) -> Result<Build, LoadError> {
    let mut analysis = analyse(root)?;
    let mut diags = Diagnostics::new();
    let templates = Templates::load(
        root,
        analysis.project.config.percent_decimals,
        &crate::load::read_override,
        &mut diags,
    );
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
