//! serve's rebuild after a save. The last good build stays in memory ([`Cache`]): the
//! project as parsed, its compiled templates and what each page left. A save of period
//! files reads only those files again, computes every figure again from the project in
//! memory (tens of milliseconds for 10 000 files: benches/serve.rs) and renders again
//! only the pages the files can show, in two steps. First the saved units' reports and
//! unit pages, the page the writer is looking at: the new version is published then.
//! Then ([`finish`]) their ancestors' pages (roll-ups, sub-unit tables) and the front
//! page, which lists every unit and alone takes longer than the first step; a request
//! for one of them waits for it. The site-wide exports are made when next asked for
//! ([`shared_files`]): at province scale they take seconds, and no reload needs them.
//! Anything else (a file added or removed, unit.yaml, zongjie.yaml, a template) takes a
//! full build.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::analysis::{analyse_loaded, Analysis, Drafts};
use crate::diag::Diagnostics;
use crate::load::{self, read_override, LoadError};
use crate::model::{Project, UnitId};
use crate::period::Period;
use crate::render::office::Office;
use crate::render::templates::Templates;
use crate::render::{self, OutputFile, Page, PageDone};

/// What the last good build leaves for the next one to reuse.
pub struct Cache {
    /// The project as last read (with any files saved since), computed.
    analysis: Analysis,
    /// The loader's problems, kept apart so that those of a file read again replace its old ones.
    load_diags: Diagnostics,
    /// The templates' problems (warnings: a build with errors is not kept).
    site_diags: Diagnostics,
    templates: Templates,
    pages: Vec<Page>,
    /// What each page (same index as `pages`) left: its HTML paths and problems.
    done: Vec<PageDone>,
    /// The paths of every file each page (same index) made, so a page that no longer
    /// makes one (a report retitled renames its .docx) has it taken away.
    made: Vec<Vec<String>>,
    /// Units changed since their pages were last rendered: a save with errors renders
    /// nothing, and the next good one renders them all.
    stale: BTreeSet<UnitId>,
    /// Whether the front page is to be rendered again, likewise.
    index_stale: bool,
}

/// A build in memory: its problems and files, and what the next rebuild may reuse.
pub struct Built {
    pub diags: Diagnostics,
    pub files: Vec<OutputFile>,
    /// Files of the last build that the pages rendered again no longer make.
    pub removed: Vec<String>,
    /// The paths of the site-wide exports among `files`; empty for a partial build,
    /// which leaves them to [`shared_files`].
    pub shared: Vec<String>,
    /// The files of the pages a partial build leaves to [`finish`], as they were.
    pub later: Vec<String>,
    /// None when there were errors and the build cannot be reused.
    pub cache: Option<Cache>,
}

/// Loads and renders the whole site, shared files included.
pub fn full(root: &Path) -> Result<Built, LoadError> {
    let load::Loaded { project, diags } = load::load(root)?;
    // The writer previews the report being written: drafts are shown, marked 草稿.
    let mut analysis = analyse_loaded(project, diags.clone(), Drafts::Publish);
    let load_diags = diags;
    let (templates, mut diags) = templates(root, &analysis);
    if diags.has_errors() {
        analysis.diags.extend(diags);
        return Ok(Built {
            diags: analysis.diags,
            files: Vec::new(),
            removed: Vec::new(),
            shared: Vec::new(),
            later: Vec::new(),
            cache: None,
        });
    }
    let pages = render::site_pages(&analysis);
    let (done, mut files, made) = render_collected(&analysis, &templates, &pages);
    let shared = shared(&analysis, &templates, &pages, &mut diags);
    // The stylesheet comes from the templates alone, which a partial rebuild never
    // changes: every reload fetches it, and it must not wait for the exports.
    let shared_paths = (shared.iter())
        .filter(|f| !f.path.starts_with("assets/"))
        .map(|f| f.path.clone())
        .collect();
    files.extend(shared);
    let cache = Cache {
        analysis,
        load_diags,
        site_diags: diags,
        templates,
        pages,
        done,
        made,
        stale: BTreeSet::new(),
        index_stale: false,
    };
    let diags = cache.all_diags();
    Ok(Built {
        cache: (!diags.has_errors()).then_some(cache),
        diags,
        files,
        removed: Vec::new(),
        shared: shared_paths,
        later: Vec::new(),
    })
}

/// Reads `changed` (absolute paths) again and renders the saved units' pages, laid over
/// the last build: the files returned are those rendered again; `later` lists those that
/// [`finish`] makes next. With errors nothing is rendered, and the cache is kept for the
/// save that fixes them. Gives the cache back when the change needs a full build.
pub fn partial(root: &Path, cache: Cache, changed: &[PathBuf]) -> Result<Built, Box<Cache>> {
    let Some(saved) = saved_files(root, &cache.analysis.project, changed) else {
        return Err(Box::new(cache));
    };
    let Some(read) = read_again(root, &cache.analysis.project, &saved) else {
        return Err(Box::new(cache));
    };
    let Cache {
        analysis,
        mut load_diags,
        site_diags,
        templates,
        pages,
        done,
        made,
        mut stale,
        index_stale,
    } = cache;
    let mut project = analysis.project;
    let mut own = BTreeSet::new();
    for ((unit, period, rel), (file, diags)) in saved.into_iter().zip(read) {
        load_diags.forget_file(&rel);
        load_diags.extend(diags);
        // A file that no longer parses keeps its last content: its errors stop the build.
        if let Some(file) = file {
            project.units[unit].files.insert(period, file);
        }
        own.insert(unit);
        stale.extend(with_ancestors(&project, unit));
    }
    let mut cache = Cache {
        analysis: analyse_loaded(project, load_diags.clone(), Drafts::Publish),
        load_diags,
        site_diags,
        templates,
        pages,
        done,
        made,
        stale,
        index_stale: index_stale || !own.is_empty(),
    };
    if cache.analysis.diags.has_errors() {
        return Ok(Built::rendered(cache, Vec::new(), Vec::new()));
    }
    if render::site_pages(&cache.analysis) != cache.pages {
        return Err(Box::new(cache));
    }
    let (files, removed) = render_again(&mut cache, &own, false);
    let mut built = Built::rendered(cache, files, removed);
    if let Some(cache) = built.cache.as_mut().filter(|_| !built.diags.has_errors()) {
        cache.stale.retain(|u| !own.contains(u));
        let later = cache.pages_to_render(&cache.stale, cache.index_stale);
        built.later = later.iter().flat_map(|&i| cache.made[i].clone()).collect();
    }
    Ok(built)
}

/// What [`partial`] left for after the new version was published: the pages of the saved
/// units' ancestors and the front page. The files returned are laid over the site as a
/// partial build's are.
pub fn finish(cache: &mut Cache) -> Built {
    let stale = std::mem::take(&mut cache.stale);
    let (files, removed) = render_again(cache, &stale, cache.index_stale);
    let diags = cache.all_diags();
    if diags.has_errors() {
        cache.stale = stale;
    } else {
        cache.index_stale = false;
    }
    Built {
        diags,
        files,
        removed,
        shared: Vec::new(),
        later: Vec::new(),
        cache: None,
    }
}

/// Renders the pages of `units` (and the front page if `index`) again, keeping what they
/// leave in the cache. Gives their files, and the files they made before and no longer do.
fn render_again(
    cache: &mut Cache,
    units: &BTreeSet<UnitId>,
    index: bool,
) -> (Vec<OutputFile>, Vec<String>) {
    let redo = cache.pages_to_render(units, index);
    let subset: Vec<Page> = redo.iter().map(|&i| cache.pages[i]).collect();
    let (done, files, made) = render_collected(&cache.analysis, &cache.templates, &subset);
    let mut removed = Vec::new();
    for ((i, d), paths) in redo.into_iter().zip(done).zip(made) {
        removed.extend(cache.made[i].iter().filter(|p| !paths.contains(p)).cloned());
        (cache.done[i], cache.made[i]) = (d, paths);
    }
    (files, removed)
}

/// The site-wide files (stylesheet, every report's figures as CSV, JSON and Excel) of
/// the site as it is now: what a partial rebuild leaves to be made on request.
pub fn shared_files(cache: &Cache) -> Vec<OutputFile> {
    let mut diags = Diagnostics::new();
    shared(&cache.analysis, &cache.templates, &cache.pages, &mut diags)
}

/// A report's Word or Excel file, made when it is downloaded rather than with its page:
/// at province scale (10 000 period files) making them all took serve's start from 11 s
/// to 5 minutes and its memory from 0.9 to 5.9 GiB, and a save's first step from 67 to
/// 422 ms. None when no report makes a file at `path`.
pub fn office_file(cache: &Cache, path: &str) -> Option<OutputFile> {
    let (dir, _) = path.rsplit_once('/')?;
    let page = format!("{dir}/index.html");
    let i = cache.made.iter().position(|made| made.contains(&page))?;
    let outputs = cache.analysis.project.config.outputs;
    let office = Office {
        word: outputs.word && path.ends_with(".docx"),
        excel: outputs.excel && path.ends_with(".xlsx"),
    };
    let found = Mutex::new(None);
    let page = [cache.pages[i]];
    render::render_pages_with(
        &cache.analysis,
        &cache.templates,
        &page,
        Some(&office),
        &|_, files| {
            let file = files.into_iter().find(|f| f.path == path);
            *found
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = file;
        },
    );
    found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Cache {
    /// Every problem of the site as it stands: the analysis' and each page's.
    fn all_diags(&self) -> Diagnostics {
        let mut diags = self.analysis.diags.clone();
        diags.extend(self.site_diags.clone());
        self.done.iter().for_each(|d| diags.extend(d.diags.clone()));
        diags
    }
}

impl Cache {
    /// The indexes of the pages of `units`, and of the front page if `index`.
    fn pages_to_render(&self, units: &BTreeSet<UnitId>, index: bool) -> Vec<usize> {
        let pages = self.pages.iter().enumerate();
        pages
            .filter(|(_, page)| match page {
                Page::Index => index,
                Page::Unit(u) | Page::Report(u, _) => units.contains(u),
            })
            .map(|(i, _)| i)
            .collect()
    }
}

impl Built {
    /// A partial build's result, its cache kept.
    fn rendered(cache: Cache, files: Vec<OutputFile>, removed: Vec<String>) -> Built {
        Built {
            diags: cache.all_diags(),
            files,
            removed,
            shared: Vec::new(),
            later: Vec::new(),
            cache: Some(cache),
        }
    }
}

/// The unit and every unit above it.
fn with_ancestors(project: &Project, unit: UnitId) -> Vec<UnitId> {
    let mut units = Vec::new();
    let mut at = Some(unit);
    while let Some(u) = at {
        units.push(u);
        at = project.units[u].parent;
    }
    units
}

/// Each saved file read again: its content (None if it no longer parses) and problems.
/// None when one cannot be read at all: the full build reports that.
type Reread = (Option<crate::model::PeriodFile>, Diagnostics);

fn read_again(
    root: &Path,
    project: &Project,
    saved: &[(UnitId, Period, PathBuf)],
) -> Option<Vec<Reread>> {
    saved
        .iter()
        .map(|(_, period, rel)| {
            let mut diags = Diagnostics::new();
            let file =
                load::reread_period_file(root, rel, *period, &project.catalog, &mut diags).ok()?;
            Some((file, diags))
        })
        .collect()
}

fn render_collected(
    analysis: &Analysis,
    templates: &Templates,
    pages: &[Page],
) -> (Vec<PageDone>, Vec<OutputFile>, Vec<Vec<String>>) {
    let files = Mutex::new(Vec::new());
    let done = render::render_pages_with(analysis, templates, pages, None, &|i, f| {
        files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((i, f));
    });
    let files = files
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut made = vec![Vec::new(); pages.len()];
    let mut all = Vec::new();
    for (i, page_files) in files {
        made[i] = page_files.iter().map(|f| f.path.clone()).collect();
        all.extend(page_files);
    }
    (done, all, made)
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
    pages: &[Page],
    diags: &mut Diagnostics,
) -> Vec<OutputFile> {
    let rows = render::report_rows(analysis, pages);
    let mut files = Vec::new();
    let mut emit = |f| files.push(f);
    render::shared_files(analysis, templates, &rows, &[], None, diags, &mut emit);
    files
}

/// The period files saved, as (unit, period, path in the project), when a save touched
/// only period files the project already has. None for anything else: a file added or
/// removed, unit.yaml (it renames a unit shown on its sub-units' pages), zongjie.yaml and
/// templates (they change every page).
fn saved_files(
    root: &Path,
    project: &Project,
    changed: &[PathBuf],
) -> Option<Vec<(UnitId, Period, PathBuf)>> {
    let by_dir: HashMap<&Path, UnitId> = project
        .units
        .iter()
        .map(|u| (u.dir.as_path(), u.id))
        .collect();
    let mut saved = BTreeSet::new();
    for path in changed {
        let rel = path.strip_prefix(root).ok()?;
        let name = rel.file_name()?.to_str()?;
        if !rel.starts_with("data") || name == "unit.yaml" {
            return None;
        }
        // Anything else in data/ that is not YAML (an editor's temporary file, sed's
        // rename) is no input.
        if !name.ends_with(".yaml") && !name.ends_with(".yml") {
            continue;
        }
        let unit = &project.units[*by_dir.get(rel.parent()?)?];
        let (period, _) = unit.files.iter().find(|(_, f)| f.path == rel)?;
        if !path.is_file() {
            return None;
        }
        saved.insert((unit.id, *period, rel.to_path_buf()));
    }
    Some(saved.into_iter().collect())
}

#[cfg(test)]
pub(super) mod tests {
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

    /// The example project copied into a temporary folder.
    fn example() -> tempfile::TempDir {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let tmp = tempfile::tempdir().unwrap();
        std::fs::copy(repo.join("zongjie.yaml"), tmp.path().join("zongjie.yaml")).unwrap();
        copy(&repo.join("data"), &tmp.path().join("data"));
        tmp
    }

    /// The example project with Word and Excel off: they are covered by the tests that
    /// keep them on, and a debug build takes a third of the time without.
    pub(in crate::preview) fn example_without_office() -> tempfile::TempDir {
        let tmp = example();
        let config = tmp.path().join("zongjie.yaml");
        let text = std::fs::read_to_string(&config).unwrap();
        let text = format!("{text}\noutputs: {{word: false, excel: false}}\n");
        std::fs::write(config, text).unwrap();
        tmp
    }

    fn edit(file: &Path, change: impl Fn(&str) -> String) {
        let text = std::fs::read_to_string(file).unwrap();
        let edited = change(&text);
        assert_ne!(edited, text);
        std::fs::write(file, edited).unwrap();
    }

    /// A partial build laid over `site`: its files, its removals, and the site-wide files
    /// made from its cache as a request for them would.
    fn lay_over(site: &mut HashMap<String, Vec<u8>>, part: Built) -> Cache {
        assert!(!part.diags.has_errors(), "{:?}", part.diags.sorted());
        part.removed.iter().for_each(|p| drop(site.remove(p)));
        site.extend(as_map(part.files));
        let mut cache = part.cache.unwrap();
        let rest = finish(&mut cache);
        assert!(!rest.diags.has_errors(), "{:?}", rest.diags.sorted());
        rest.removed.iter().for_each(|p| drop(site.remove(p)));
        site.extend(as_map(rest.files));
        site.extend(as_map(shared_files(&cache)));
        cache
    }

    fn assert_same(site: &HashMap<String, Vec<u8>>, root: &Path) {
        let whole = as_map(full(root).unwrap().files);
        let mut extra: Vec<_> = site.keys().filter(|p| !whole.contains_key(*p)).collect();
        extra.sort();
        assert!(extra.is_empty(), "not in the full build: {extra:?}");
        for (path, bytes) in &whole {
            assert!(site.get(path) == Some(bytes), "{path} differs");
        }
    }

    /// The Word and Excel files of the reports under `folder`, made on request, are
    /// those a full build makes, and the retitled report's has its new name.
    fn assert_downloads(cache: &Cache, root: &Path, folder: &str) {
        let whole = crate::pipeline::build_observed(root, None, Drafts::Publish, &|_| {}).unwrap();
        let office: Vec<&OutputFile> = (whole.files.iter())
            .filter(|f| f.path.contains(folder))
            .filter(|f| f.path.ends_with(".docx") || f.path.ends_with(".xlsx"))
            .collect();
        assert!(office.iter().any(|f| f.path.contains("（修订稿）.docx")));
        for f in office {
            let made = office_file(cache, &f.path).map(|m| m.bytes);
            assert!(made.as_ref() == Some(&f.bytes), "{} differs", f.path);
        }
    }

    /// A village's figures, prose and title edited: what the partial rebuild renders,
    /// laid over the last build, is byte for byte the full build — the town's and the
    /// county's roll-ups, the village's later 同比 and 环比, the exports, and its Word and
    /// Excel files (renamed with the title) made on request. Then a save with an error renders
    /// nothing, another village is saved meanwhile, and the save that fixes the error
    /// brings both in.
    #[test]
    fn a_partial_rebuild_gives_the_same_site_as_a_full_one() {
        let tmp = example();
        let root = tmp.path();
        let first = full(root).unwrap();
        assert!(!first.diags.has_errors());
        let mut site = as_map(first.files);

        let village = root.join("data/城关县/城关镇/南关村");
        let file = village.join("2023-H1.yaml");
        edit(&file, |t| {
            let t = t.replacen("found: ", "found: 1", 1);
            let t = t.replacen("body: |\n", "body: |\n      新增一句。\n", 1);
            format!("title: 南关村2023年上半年安全生产工作总结（修订稿）\n{t}")
        });
        let Ok(part) = partial(root, first.cache.unwrap(), std::slice::from_ref(&file)) else {
            panic!("an edited period file is rebuilt in part");
        };
        let (redone, removed) = (part.files.len(), part.removed.clone());
        let first_step: Vec<&str> = part.files.iter().map(|f| f.path.as_str()).collect();
        assert!(
            first_step
                .iter()
                .all(|p| p.contains("chengguan-xian/chengguan-zhen/nanguan-cun/")),
            "first the village's own pages: {first_step:?}"
        );
        assert!(part.later.iter().any(|p| p == "index.html"));
        assert!(part
            .later
            .iter()
            .any(|p| p == "chengguan-xian/chengguan-zhen/index.html"));
        let cache = lay_over(&mut site, part);
        assert!(redone < site.len() / 2, "{redone} of {} files", site.len());
        assert!(removed.is_empty(), "{removed:?}");
        assert_same(&site, root);
        assert_downloads(&cache, root, "chengguan-xian/chengguan-zhen/nanguan-cun/");
        let old = "chengguan-xian/chengguan-zhen/nanguan-cun/2023-H1/城关镇南关村2023年上半年安全生产工作总结.docx";
        assert!(
            office_file(&cache, old).is_none(),
            "the old title's file is gone"
        );

        edit(&file, |t| t.replacen("found: 1", "found: 十", 1));
        let Ok(broken) = partial(root, cache, std::slice::from_ref(&file)) else {
            panic!("a figure typed wrong is read again in part");
        };
        assert!(broken.diags.has_errors() && broken.files.is_empty());
        let other = root.join("data/城关县/城关镇/东关社区/2024-H2.yaml");
        edit(&other, |t| t.replacen("found: ", "found: 2", 1));
        let Ok(still) = partial(root, broken.cache.unwrap(), std::slice::from_ref(&other)) else {
            panic!("a second file is read again in part");
        };
        assert!(still.diags.has_errors() && still.files.is_empty());
        edit(&file, |t| t.replacen("found: 十", "found: 3", 1));
        let Ok(fixed) = partial(root, still.cache.unwrap(), &[file]) else {
            panic!("the fix is rebuilt in part");
        };
        lay_over(&mut site, fixed);
        assert_same(&site, root);
    }

    /// A file that does not parse any more keeps the cache: the fix is rebuilt in part.
    #[test]
    fn a_file_that_no_longer_parses_is_fixed_in_part() {
        let tmp = example_without_office();
        let root = tmp.path();
        let first = full(root).unwrap();
        let mut site = as_map(first.files);
        let file = root.join("data/城关县/城关镇/南关村/2024-H2.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, format!("{text}\nwork: [\n")).unwrap();
        let Ok(broken) = partial(root, first.cache.unwrap(), std::slice::from_ref(&file)) else {
            panic!("a broken file is reported in part");
        };
        let errors: Vec<_> = broken
            .diags
            .sorted()
            .into_iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .cloned()
            .collect();
        assert!(
            !errors.is_empty()
                && errors
                    .iter()
                    .all(|d| d.file.ends_with("南关村/2024-H2.yaml")),
            "{errors:?}"
        );
        edit(&file, |t| {
            t.replacen("\nwork: [\n", "", 1)
                .replacen("found: ", "found: 4", 1)
        });
        let Ok(fixed) = partial(root, broken.cache.unwrap(), &[file]) else {
            panic!("the fix is rebuilt in part");
        };
        lay_over(&mut site, fixed);
        assert_same(&site, root);
    }

    #[test]
    fn a_unit_yaml_a_new_file_or_the_config_takes_a_full_build() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let project = analyse(repo).unwrap().project;
        let unit = repo.join("data/城关县/unit.yaml");
        assert!(saved_files(repo, &project, &[unit]).is_none());
        assert!(saved_files(repo, &project, &[repo.join("zongjie.yaml")]).is_none());
        let new = repo.join("data/城关县/城关镇/南关村/2030-H1.yaml");
        assert!(saved_files(repo, &project, &[new]).is_none());
        let temporary = repo.join("data/城关县/sedX1b2c3");
        assert_eq!(saved_files(repo, &project, &[temporary]), Some(Vec::new()));
        let file = repo.join("data/城关县/城关镇/南关村/2024-H1.yaml");
        let saved = saved_files(repo, &project, &[file]).unwrap();
        assert_eq!(saved.len(), 1);
        assert_eq!(
            with_ancestors(&project, saved[0].0).len(),
            3,
            "the village, its town and the county"
        );
    }
}
