//! serve's rebuild after a save: the project is loaded and computed again, but only the
//! pages a changed period file can show are rendered again — its unit's reports and unit
//! page, its ancestors' (their roll-ups and sub-unit tables) and the front page; every
//! other page is kept from the last build, and the site-wide exports are made again from
//! every report's figures. Anything else (a unit added or renamed, zongjie.yaml, a
//! template, errors) takes a full build.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::analysis::Analysis;
use crate::diag::Diagnostics;
use crate::load::read_override;
use crate::model::UnitId;
use crate::render::templates::Templates;
use crate::render::{self, OutputFile, Page, PageDone};

/// What the last good build leaves for the next one to reuse.
pub struct Cache {
    /// The units' folders in order: if they differ, unit ids differ, and all is rebuilt.
    dirs: Vec<PathBuf>,
    pages: Vec<Page>,
    /// What each page (same index as `pages`) left: its HTML paths, problems and figures.
    done: Vec<PageDone>,
}

/// A build in memory: its problems and files, and what the next rebuild may reuse.
pub struct Built {
    pub diags: Diagnostics,
    pub files: Vec<OutputFile>,
    pub cache: Option<Cache>,
}

/// Renders the whole site.
pub fn full(root: &Path, mut analysis: Analysis) -> Built {
    let (templates, mut diags) = templates(root, &analysis);
    if diags.has_errors() {
        analysis.diags.extend(diags);
        return Built {
            diags: analysis.diags,
            files: Vec::new(),
            cache: None,
        };
    }
    let pages = render::site_pages(&analysis);
    let (done, files) = render_collected(&analysis, &templates, &pages);
    let mut files = files;
    files.extend(shared(&analysis, &templates, &done, &mut diags));
    done.iter().for_each(|d| diags.extend(d.diags.clone()));
    analysis.diags.extend(diags);
    let cache = Cache {
        dirs: unit_dirs(&analysis),
        pages,
        done,
    };
    Built {
        diags: analysis.diags,
        files,
        cache: Some(cache),
    }
}

/// Renders only what `changed` (absolute paths) can show, reusing `cache`: the files
/// returned are those of the pages rendered again and the shared ones. Gives the
/// analysis back when the change needs a full build.
pub fn partial(
    root: &Path,
    mut analysis: Analysis,
    changed: &[PathBuf],
    mut cache: Cache,
) -> Result<Built, Box<Analysis>> {
    let units = match affected_units(root, &analysis, changed) {
        Some(u) if unit_dirs(&analysis) == cache.dirs && !analysis.diags.has_errors() => u,
        _ => return Err(Box::new(analysis)),
    };
    let pages = render::site_pages(&analysis);
    let (templates, mut diags) = templates(root, &analysis);
    if pages != cache.pages || diags.has_errors() {
        return Err(Box::new(analysis));
    }
    let redo: Vec<usize> = (0..pages.len())
        .filter(|&i| match pages[i] {
            Page::Index => true,
            Page::Unit(u) | Page::Report(u, _) => units.contains(&u),
        })
        .collect();
    let subset: Vec<Page> = redo.iter().map(|&i| pages[i]).collect();
    let (done, mut files) = render_collected(&analysis, &templates, &subset);
    for (i, d) in redo.into_iter().zip(done) {
        cache.done[i] = d;
    }
    files.extend(shared(&analysis, &templates, &cache.done, &mut diags));
    cache
        .done
        .iter()
        .for_each(|d| diags.extend(d.diags.clone()));
    analysis.diags.extend(diags);
    Ok(Built {
        diags: analysis.diags,
        files,
        cache: Some(cache),
    })
}

fn unit_dirs(analysis: &Analysis) -> Vec<PathBuf> {
    analysis
        .project
        .units
        .iter()
        .map(|u| u.dir.clone())
        .collect()
}

fn render_collected(
    analysis: &Analysis,
    templates: &Templates,
    pages: &[Page],
) -> (Vec<PageDone>, Vec<OutputFile>) {
    let files = Mutex::new(Vec::new());
    let done = render::render_pages(analysis, templates, pages, &|_, f| {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend(f);
    });
    let files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    (done, files)
}

fn templates(root: &Path, analysis: &Analysis) -> (Templates, Diagnostics) {
    let mut diags = Diagnostics::new();
    let decimals = analysis.project.config.percent_decimals;
    let t = Templates::load(root, decimals, &read_override, &mut diags);
    (t, diags)
}

fn shared(
    analysis: &Analysis,
    templates: &Templates,
    done: &[PageDone],
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let rows: Vec<_> = done.iter().filter_map(|d| d.row.clone()).collect();
    let mut files = Vec::new();
    let mut emit = |f| files.push(f);
    render::shared_files(analysis, templates, &rows, &[], None, diags, &mut emit);
    files
}

/// The units whose pages a change to these files can alter: the unit of each changed
/// period file and its ancestors. None for any other file (unit.yaml renames a unit
/// shown on its sub-units' pages; zongjie.yaml and templates change every page).
fn affected_units(
    root: &Path,
    analysis: &Analysis,
    changed: &[PathBuf],
) -> Option<BTreeSet<UnitId>> {
    let by_dir: HashMap<&Path, UnitId> = analysis
        .project
        .units
        .iter()
        .map(|u| (u.dir.as_path(), u.id))
        .collect();
    let mut units = BTreeSet::new();
    for path in changed {
        let rel = path.strip_prefix(root).ok()?;
        let name = rel.file_name()?.to_str()?;
        if !rel.starts_with("data") || name == "unit.yaml" {
            return None;
        }
        // Anything else in data/ that is not YAML (an editor's temporary file, sed's
        // rename) is no input: problems about it come from the new analysis anyway.
        if !name.ends_with(".yaml") {
            continue;
        }
        let mut at = Some(*by_dir.get(rel.parent()?)?);
        while let Some(u) = at {
            units.insert(u);
            at = analysis.project.units[u].parent;
        }
    }
    Some(units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::analyse;

    fn copy(from: &Path, to: &Path) {
        for e in walkdir::WalkDir::new(from) {
            let e = e.unwrap();
            let target = to.join(e.path().strip_prefix(from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(e.path(), &target).unwrap();
            }
        }
    }

    fn as_map(files: Vec<OutputFile>) -> HashMap<String, Vec<u8>> {
        files.into_iter().map(|f| (f.path, f.bytes)).collect()
    }

    /// The example project with a village's figures and prose edited: what the partial
    /// rebuild renders, laid over the last build, is byte for byte the full build.
    #[test]
    fn a_partial_rebuild_gives_the_same_site_as_a_full_one() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::copy(repo.join("zongjie.yaml"), root.join("zongjie.yaml")).unwrap();
        copy(&repo.join("data"), &root.join("data"));
        let first = full(root, analyse(root).unwrap());
        assert!(!first.diags.has_errors());
        let mut site = as_map(first.files);

        let file = root.join("data/城关县/城关镇/南关村/2024-H1.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        let edited = text.replacen("found: ", "found: 1", 1).replacen(
            "body: |\n",
            "body: |\n      新增一句。\n",
            1,
        );
        assert_ne!(edited, text);
        std::fs::write(&file, edited).unwrap();

        let cache = first.cache.unwrap();
        let Ok(part) = partial(root, analyse(root).unwrap(), &[file], cache) else {
            panic!("an edited period file is rebuilt in part");
        };
        let redone = part.files.len();
        site.extend(as_map(part.files));
        let whole = as_map(full(root, analyse(root).unwrap()).files);
        assert!(
            redone < whole.len() / 2,
            "{redone} of {} files",
            whole.len()
        );
        assert_eq!(site.len(), whole.len());
        for (path, bytes) in &whole {
            assert!(site.get(path) == Some(bytes), "{path} differs");
        }
    }

    #[test]
    fn a_unit_yaml_or_the_config_takes_a_full_build() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let analysis = analyse(repo).unwrap();
        let unit = repo.join("data/城关县/unit.yaml");
        assert!(affected_units(repo, &analysis, &[unit]).is_none());
        assert!(affected_units(repo, &analysis, &[repo.join("zongjie.yaml")]).is_none());
        let temporary = repo.join("data/城关县/sedX1b2c3");
        assert_eq!(
            affected_units(repo, &analysis, &[temporary]),
            Some(BTreeSet::new())
        );
        let file = repo.join("data/城关县/城关镇/南关村/2024-H1.yaml");
        let units = affected_units(repo, &analysis, &[file]).unwrap();
        assert_eq!(units.len(), 3, "the village, its town and the county");
    }
}
