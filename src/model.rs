//! The validated project in memory: settings, catalog, the unit tree and what each unit's
//! period files say. Built by `load`, read by everything after it; never changed later.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::catalog::Catalog;
use crate::config::Config;
use crate::period::Period;
use crate::yaml::Loc;

/// Index of a unit in `Project::units`, which lists parents before their children.
pub type UnitId = usize;

#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub catalog: Catalog,
    pub units: Vec<Unit>,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub id: UnitId,
    /// The folder, relative to the project root (`data/城关县/城关镇`).
    pub dir: PathBuf,
    /// Folder names from `data/` down (`["城关县", "城关镇"]`): how `zongjie new` names it.
    pub path: Vec<String>,
    pub name: String,
    pub short_name: Option<String>,
    /// The path segment in the site: unit.yaml's `slug`, else the folder name.
    pub slug: String,
    pub level: Option<String>,
    /// The 落款 organisation when a period file gives no `author`.
    pub signer: Option<String>,
    /// unit.yaml `order`: siblings sort by it, then by folder name. Unset sorts last.
    pub order: f64,
    pub parent: Option<UnitId>,
    pub children: Vec<UnitId>,
    pub files: BTreeMap<Period, PeriodFile>,
}

impl Unit {
    pub fn short(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

/// One period file as written, numbers indexed by catalog entry.
#[derive(Debug, Clone, Default)]
pub struct PeriodFile {
    /// Relative to the project root.
    pub path: PathBuf,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<NaiveDate>,
    pub lead: Option<Text>,
    /// Entered values by catalog index; None where not reported (and for computed ratios).
    pub values: Vec<Option<f64>>,
    /// Where each entered value was typed.
    pub locs: Vec<Option<Loc>>,
    pub work: Vec<Section>,
    pub problems: Vec<Section>,
    pub plans: Vec<Section>,
    /// `draft:` as written; unwritten, a report with text but no date is a draft.
    pub draft: Option<bool>,
    /// `situation:` asks for 一、安全生产形势 generated from the figures; its text, if
    /// any, is the writer's own prose following the generated paragraphs.
    pub situation: Option<Option<Text>>,
}

impl PeriodFile {
    /// Figures typed in only so that 同比 has a base: no lead and no sections. Such a
    /// period shows in the unit's tables and charts but is not published as a 工作总结.
    pub fn is_data_only(&self) -> bool {
        self.lead.is_none()
            && self.work.is_empty()
            && self.problems.is_empty()
            && self.plans.is_empty()
            && self.situation.is_none()
    }

    /// A report still being written: `draft: true`; or, without `draft:`, no 成文日期 while
    /// its narrative is unfinished — a section without its text, or a figure left empty in
    /// a file with text, as `zongjie new` leaves a file. A dated file, an undated one that
    /// is complete, and a file of figures only are not drafts: there a blank figure means
    /// 未报送 (as `zongjie import` leaves a village's unreported cells), not unfinished.
    pub fn is_draft(&self) -> bool {
        self.draft.unwrap_or_else(|| {
            self.date.is_none()
                && (self.has_blank_section() || (self.has_text() && self.has_blank_figure()))
        })
    }

    fn has_blank_section(&self) -> bool {
        let blank = |s: &Section| s.body.as_ref().is_none_or(|b| b.text.trim().is_empty());
        self.work
            .iter()
            .chain(&self.problems)
            .chain(&self.plans)
            .any(blank)
    }

    /// Whether a figure's key is written with no number after it.
    pub fn has_blank_figure(&self) -> bool {
        self.locs
            .iter()
            .zip(&self.values)
            .any(|(loc, value)| loc.is_some() && value.is_none())
    }

    /// Whether the file has any narrative: 导语 or a section.
    pub fn has_text(&self) -> bool {
        self.lead.is_some()
            || !self.work.is_empty()
            || !self.problems.is_empty()
            || !self.plans.is_empty()
            || self.situation.is_some()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub title_loc: Loc,
    pub body: Option<Text>,
}

/// Markdown as written, with where its text starts (for a `|` block, the first line of
/// the text itself) so template errors can point into the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub loc: Loc,
}

impl Project {
    /// Units with no parent, ordered like siblings are (unit.yaml `order`, then folder).
    pub fn top_units(&self) -> Vec<UnitId> {
        let mut top: Vec<&Unit> = self.units.iter().filter(|u| u.parent.is_none()).collect();
        top.sort_by(|a, b| {
            a.order
                .total_cmp(&b.order)
                .then_with(|| a.path.cmp(&b.path))
        });
        top.into_iter().map(|u| u.id).collect()
    }

    /// The unit and its ancestors' slugs from the top: the unit's folder in the site.
    pub fn site_path(&self, id: UnitId) -> Vec<&str> {
        let mut segs = Vec::new();
        let mut at = Some(id);
        while let Some(i) = at {
            segs.push(self.units[i].slug.as_str());
            at = self.units[i].parent;
        }
        segs.reverse();
        segs
    }

    /// Ancestors from the top down, not including the unit itself.
    pub fn ancestors(&self, id: UnitId) -> Vec<UnitId> {
        let mut v = Vec::new();
        let mut at = self.units[id].parent;
        while let Some(i) = at {
            v.push(i);
            at = self.units[i].parent;
        }
        v.reverse();
        v
    }
}
