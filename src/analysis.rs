//! The loaded, validated and computed project: what every later stage reads. Its own
//! module so that the report and render stages depend on it, not on the pipeline that
//! runs them.

use std::path::{Path, PathBuf};

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
    let load::Loaded { project, diags } = load::load(root)?;
    Ok(analyse_loaded(project, diags, drafts))
}

/// What follows loading: drafts, targets and every figure, from a project in memory and
/// the problems its loading found. `serve` calls it again after re-reading only the
/// files saved: computing a province's figures costs a fraction of reading them.
pub fn analyse_loaded(mut project: Project, mut diags: Diagnostics, drafts: Drafts) -> Analysis {
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
    let names = crate::locale::get(&project.config.locale);
    let (computed, compute_diags) = compute::compute(&project, names);
    diags.extend(compute_diags);
    Analysis {
        project,
        computed,
        targets,
        diags,
        withheld_drafts,
    }
}

impl Analysis {
    /// The periods a unit has a report page for, oldest first: every period it has
    /// figures for, except those whose own file holds figures only (see
    /// [`crate::model::PeriodFile::is_data_only`]).
    pub fn report_periods(&self, unit: crate::model::UnitId) -> Vec<crate::period::Period> {
        let mut periods = self.computed.unit_periods(unit);
        periods.retain(|&p| !self.is_data_only(unit, p));
        periods
    }

    /// Whether the unit's own file for `period` holds figures only.
    pub fn is_data_only(&self, unit: crate::model::UnitId, period: crate::period::Period) -> bool {
        let files = &self.project.units[unit].files;
        files.get(&period).is_some_and(|f| f.is_data_only())
    }

    /// Every period file that holds figures only, as (unit, period), for `check` to list.
    pub fn data_only_files(&self) -> Vec<&crate::model::PeriodFile> {
        let units = self.project.units.iter();
        units
            .flat_map(|u| u.files.values())
            .filter(|f| f.is_data_only())
            .collect()
    }

    /// The words of the project's `locale`.
    pub fn locale(&self) -> &'static crate::locale::Locale {
        crate::locale::get(&self.project.config.locale)
    }
}
