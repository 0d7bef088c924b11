//! The loaded, validated and computed project: what every later stage reads. Its own
//! module so that the report and render stages depend on it, not on the pipeline that
//! runs them.

use std::path::Path;

use crate::compute::targets::{self, Target};
use crate::compute::{self, Computed};
use crate::diag::Diagnostics;
use crate::load::{self, LoadError};
use crate::model::Project;

pub struct Analysis {
    pub project: Project,
    pub computed: Computed,
    pub targets: Vec<Target>,
    pub diags: Diagnostics,
}

/// Loads and computes. Errors in the data are in `diags`; only I/O failures are `Err`.
pub fn analyse(root: &Path) -> Result<Analysis, LoadError> {
    let load::Loaded { project, mut diags } = load::load(root)?;
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
    })
}

impl Analysis {
    /// The words of the project's `locale`.
    pub fn locale(&self) -> &'static crate::locale::Locale {
        crate::locale::get(&self.project.config.locale)
    }
}
