//! The stages run in order — load, compute — collecting every problem on the way.
//! `check` stops here; `build` and `serve` render what this returns.

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
