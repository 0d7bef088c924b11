//! The only module that writes the site to disk, atomically: the new site is written
//! beside the old one and swapped in at the end, so a failed build leaves the previous
//! site exactly as it was. A folder zongjie did not create is never replaced, wherever
//! the path given leads (`..`, symlinks), and two builds into one folder cannot interleave.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use std::sync::Mutex;

use rayon::prelude::*;

use crate::render::OutputFile;

mod manifest;

/// Written into every site zongjie builds; its presence is what allows a rebuild to
/// replace the folder.
pub const MARKER: &str = ".zongjie-site";
const MARKER_TEXT: &str = "这个文件夹由 zongjie build 生成，重新生成时会被整体替换。\n";

#[derive(Debug)]
pub enum OutputError {
    /// The output folder has content and no marker: refusing to replace it.
    NotOurs(PathBuf),
    /// The output folder is the current folder, the project or one of their parents.
    Encloses {
        out: PathBuf,
        what: &'static str,
    },
    /// The output folder is inside the project's data/ or templates/.
    InsideInput {
        out: PathBuf,
        input: &'static str,
    },
    /// Another build holds the lock on this output folder.
    Busy(PathBuf),
    Io {
        path: PathBuf,
        source: io::Error,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::NotOurs(dir) => write!(
                f,
                "输出文件夹 {} 已有内容，且不是 zongjie 生成的，不会替换它。\n  提示: 用 `--out` 指定一个新的或空的文件夹；确认可以删除的话，先手动删除或改名这个文件夹。",
                dir.display()
            ),
            OutputError::Encloses { out, what } => write!(
                f,
                "输出文件夹 {} 是{what}或它的上级，网站不能生成到这里（生成时要整体替换输出文件夹）。\n  提示: 用 `--out` 指定一个新的子文件夹，例如 `--out site`。",
                out.display()
            ),
            OutputError::InsideInput { out, input } => write!(
                f,
                "输出文件夹 {} 在项目的 {input}/ 里，生成的网站会被当作项目文件读回来。\n  提示: 用 `--out` 指定 {input}/ 以外的文件夹，例如 `--out site`。",
                out.display()
            ),
            OutputError::Busy(dir) => write!(
                f,
                "另一个 zongjie build 正在写入 {}，本次没有做任何改动。\n  提示: 等那次构建结束后再运行。",
                dir.display()
            ),
            OutputError::Io { path, source } => write!(
                f,
                "无法写入 {}：{}。原来的网站保持原样，未做任何改动。\n  提示: 检查磁盘空间和这个文件夹的写入权限。",
                path.display(),
                crate::diag::io_reason(source)
            ),
        }
    }
}

impl std::error::Error for OutputError {}

fn io_err(path: &Path) -> impl Fn(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The folder `out` really names: the longest part that exists is resolved by the
/// system (symlinks, `..` after a real folder); the rest does not exist yet, so its `..`
/// can only be undone on paper. `nothere/../data` is `data`, not a new `nothere`.
pub fn resolve(out: &Path) -> Result<PathBuf, OutputError> {
    let cwd = std::env::current_dir().map_err(io_err(Path::new(".")))?;
    let absolute = cwd.join(out);
    let mut existing = absolute.as_path();
    let mut rest: Vec<Component> = Vec::new();
    let real = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            Err(_) => {
                let Some(parent) = existing.parent() else {
                    break PathBuf::from("/");
                };
                rest.extend(existing.components().next_back());
                existing = parent;
            }
        }
    };
    let mut resolved = real;
    for c in rest.into_iter().rev() {
        match c {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => resolved.push(name),
            _ => {}
        }
    }
    Ok(resolved)
}

/// Resolves `out` and says whether it may be replaced: not the current folder, not the
/// project, not a parent of either; and it does not exist, is empty, or carries our
/// marker. Returns the real path to write to.
pub fn check_replaceable(out: &Path, project: &Path) -> Result<PathBuf, OutputError> {
    let real = resolve(out)?;
    let cwd = std::env::current_dir().map_err(io_err(Path::new(".")))?;
    let project = project.canonicalize().unwrap_or_else(|_| cwd.join(project));
    for (inside, what) in [(&cwd, "当前文件夹"), (&project, "项目文件夹")] {
        if inside.starts_with(&real) {
            return Err(OutputError::Encloses { out: real, what });
        }
    }
    check_folder(&real)?;
    // Inside data/ the site's folders would be read back as units on the next run.
    for input in ["data", "templates"] {
        if real.starts_with(project.join(input)) {
            return Err(OutputError::InsideInput { out: real, input });
        }
    }
    Ok(real)
}

/// Yes if `real` does not exist, is an empty folder, or carries our marker.
fn check_folder(real: &Path) -> Result<(), OutputError> {
    let meta = match fs::symlink_metadata(real) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(real)(e)),
    };
    if !meta.is_dir() {
        return Err(OutputError::NotOurs(real.to_path_buf()));
    }
    let empty = fs::read_dir(real).map_err(io_err(real))?.next().is_none();
    let ours = fs::symlink_metadata(real.join(MARKER)).is_ok_and(|m| m.is_file());
    if empty || ours {
        Ok(())
    } else {
        Err(OutputError::NotOurs(real.to_path_buf()))
    }
}

/// `site` → `.site.zongjie-new`: hidden siblings on the same file system, so the final
/// renames are atomic.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.zongjie-{suffix}"))
}

/// Held while a build writes and swaps: a second build into the same folder is told so
/// instead of failing halfway with "Directory not empty". The system releases the lock
/// when the process ends, even by kill -9, so a crash never leaves a stale lock; the
/// small hidden lock file is removed when the build is done.
struct Lock {
    path: PathBuf,
    _file: fs::File,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked; a build waiting on the old file sees it is gone.
        let _ = fs::remove_file(&self.path);
    }
}

fn lock(out: &Path) -> Result<Lock, OutputError> {
    let path = sibling(out, "lock");
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_err(&path))?;
        match try_lock(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                return Err(OutputError::Busy(out.to_path_buf()))
            }
            Err(e) => return Err(io_err(&path)(e)),
        }
        // The holder before us may have removed the file after we opened it: then our
        // lock is on a file nobody else will find, and we must lock the new one.
        if same_file(&file, &path) {
            return Ok(Lock { path, _file: file });
        }
    }
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// An exclusive advisory lock (flock), released by the system when the process ends.
#[cfg(unix)]
fn try_lock(file: &fs::File) -> io::Result<()> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: the descriptor belongs to `file`, which is open for the whole call.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
fn try_lock(_: &fs::File) -> io::Result<()> {
    Ok(())
}

/// A build that died between the two renames of the fallback swap left the old site
/// aside and none in place: put it back before anything else.
fn recover(out: &Path) -> Result<(), OutputError> {
    let old = sibling(out, "old");
    if fs::symlink_metadata(out).is_err() && old.join(MARKER).is_file() {
        fs::rename(&old, out).map_err(io_err(out))?;
    }
    Ok(())
}

/// Writes `files` as the complete content of `out`, replacing what was there. `project`
/// is the project folder, which the site may never replace.
pub fn write_site(out: &Path, project: &Path, files: &[OutputFile]) -> Result<(), OutputError> {
    let staging = Staging::begin(out, project)?;
    for f in files {
        staging.write(f);
    }
    let written = staging.finish()?;
    written.remove_old_site();
    Ok(())
}

/// A new site being written beside the old one, file by file as pages are rendered
/// (from any thread), so memory does not grow with the site. A file whose bytes are
/// those the old site already holds is not written: at the end it is hard-linked from the
/// old site (a new name for the same bytes, nothing copied). The old site stays untouched
/// until [`Staging::finish`] swaps the new one in; dropping a `Staging` unfinished
/// removes what it wrote.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    _lock: Lock,
    previous: manifest::Manifest,
    files: Mutex<Vec<(String, manifest::Entry)>>,
    /// Files the old site already holds with the same bytes, linked at the end.
    unchanged: Mutex<Vec<String>>,
    error: Mutex<Option<OutputError>>,
    /// Folders of the new site already made.
    folders: Mutex<std::collections::HashSet<PathBuf>>,
    /// The digest of the inputs, recorded in the new site's manifest.
    input: Option<String>,
    finished: bool,
}

/// What a finished build did: how many files it wrote and kept, and the previous site,
/// set aside to be removed.
pub struct Written {
    pub changed: usize,
    pub unchanged: usize,
    old: Option<PathBuf>,
}

impl Written {
    /// Removes the previous site now.
    pub fn remove_old_site(self) {
        if let Some(old) = self.old {
            let _ = fs::remove_dir_all(old);
        }
    }

    /// Removes the previous site off the critical path: by a separate `rm` process that
    /// outlives this one where there is one (the new site is already in place, so a
    /// failure only leaves a hidden folder the next build removes), else now.
    pub fn remove_old_site_in_background(self) {
        if let Some(old) = self.old {
            remove_in_background(old);
        }
    }
}

fn remove_in_background(dir: PathBuf) {
    #[cfg(unix)]
    {
        use std::process::{Command, Stdio};
        let spawned = Command::new("rm")
            .arg("-rf")
            .arg("--")
            .arg(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
    let _ = fs::remove_dir_all(dir);
}

impl Staging {
    /// Checks that `out` may be replaced, takes the lock and prepares the hidden folder
    /// beside it; leftovers of an earlier build are put back or cleared first.
    pub fn begin(out: &Path, project: &Path) -> Result<Staging, OutputError> {
        let out = check_replaceable(out, project)?;
        if let Some(parent) = out.parent() {
            fs::create_dir_all(parent).map_err(io_err(parent))?;
        }
        let lock = lock(&out)?;
        recover(&out)?;
        check_folder(&out)?;
        let dir = sibling(&out, "new");
        match fs::symlink_metadata(&dir) {
            // A leftover folder is set aside rather than removed: a large one would delay
            // this build.
            Ok(m) if m.is_dir() => {
                let aside = trash(&out);
                fs::rename(&dir, &aside).map_err(io_err(&dir))?;
                remove_in_background(aside);
            }
            // Anything else there is not ours to move: it fails below, said plainly.
            _ => {}
        }
        fs::create_dir(&dir).map_err(io_err(&dir))?;
        let previous = manifest::read(&out);
        Ok(Staging {
            out,
            dir,
            _lock: lock,
            previous,
            files: Mutex::new(Vec::new()),
            unchanged: Mutex::new(Vec::new()),
            error: Mutex::new(None),
            folders: Mutex::new(std::collections::HashSet::new()),
            input: None,
            finished: false,
        })
    }

    /// Whether the site in place was built from inputs with this digest and is still
    /// as that build left it: then building again would give the same site.
    pub fn unchanged_since(&self, input: &str) -> bool {
        self.previous.input.as_deref() == Some(input) && self.previous.intact(&self.out)
    }

    /// Records the digest of the inputs in the new site's manifest.
    pub fn set_input(&mut self, input: Option<String>) {
        self.input = input;
    }

    /// Adds one file to the new site: written now, or kept from the old site if its
    /// bytes are the same. The first failure is kept and returned by [`Staging::finish`];
    /// later files are then skipped.
    pub fn write(&self, f: &OutputFile) {
        if lock_ignoring_poison(&self.error).is_some() {
            return;
        }
        let entry = manifest::Entry::of(&f.bytes);
        if let Some(old) = self.previous.entries.get(&f.path) {
            if *old == entry && self.previous.still_at(old, &self.out.join(&f.path)) {
                lock_ignoring_poison(&self.files).push((f.path.clone(), entry));
                lock_ignoring_poison(&self.unchanged).push(f.path.clone());
                return;
            }
        }
        let path = self.dir.join(&f.path);
        match self
            .folder_for(&path)
            .and_then(|_| fs::write(&path, &f.bytes).map_err(io_err(&path)))
        {
            Ok(()) => lock_ignoring_poison(&self.files).push((f.path.clone(), entry)),
            Err(e) => {
                lock_ignoring_poison(&self.error).get_or_insert(e);
            }
        }
    }

    /// Makes `path`'s folder once: asking the system again for every file of a folder
    /// was a twentieth of a build.
    fn folder_for(&self, path: &Path) -> Result<(), OutputError> {
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        if lock_ignoring_poison(&self.folders).contains(parent) {
            return Ok(());
        }
        fs::create_dir_all(parent).map_err(io_err(parent))?;
        lock_ignoring_poison(&self.folders).insert(parent.to_path_buf());
        Ok(())
    }

    /// Completes the new site and swaps it in. When every file is the same as in the old
    /// site, nothing is swapped and nothing written: the old site is the new one.
    pub fn finish(mut self) -> Result<Written, OutputError> {
        self.finished = true;
        let result = self.complete();
        // Gone already when swapped in; the old site when the exchange could not move it.
        let kept = matches!(&result, Ok(Written { old: Some(o), .. }) if *o == self.dir);
        if !kept {
            let _ = fs::remove_dir_all(&self.dir);
        }
        result
    }

    fn complete(&mut self) -> Result<Written, OutputError> {
        if let Some(e) = lock_ignoring_poison(&self.error).take() {
            return Err(e);
        }
        let mut files = std::mem::take(&mut *lock_ignoring_poison(&self.files));
        let unchanged = std::mem::take(&mut *lock_ignoring_poison(&self.unchanged));
        let changed = files.len() - unchanged.len();
        let same_set = files.len() == self.previous.entries.len()
            && files
                .iter()
                .all(|(p, _)| self.previous.entries.contains_key(p));
        let out_exists = fs::symlink_metadata(&self.out).is_ok();
        if changed == 0 && same_set && out_exists {
            if self.previous.input != self.input {
                // Same site from changed inputs (a comment edited): the manifest alone is
                // renewed, by an atomic rename, so the next build can skip rendering.
                let (list, fresh) = (self.out.join(manifest::NAME), self.dir.join(manifest::NAME));
                fs::write(&fresh, manifest::text(self.input.as_deref(), &mut files))
                    .and_then(|_| fs::rename(&fresh, &list))
                    .map_err(io_err(&list))?;
            }
            return Ok(Written {
                changed,
                unchanged: unchanged.len(),
                old: None,
            });
        }
        unchanged.par_iter().try_for_each(|p| {
            let (from, to) = (self.out.join(p), self.dir.join(p));
            self.folder_for(&to)?;
            // A file system without hard links gets a copy.
            fs::hard_link(&from, &to)
                .or_else(|_| fs::copy(&from, &to).map(|_| ()))
                .map_err(io_err(&to))
        })?;
        let marker = self.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(io_err(&marker))?;
        let list = self.dir.join(manifest::NAME);
        fs::write(&list, manifest::text(self.input.as_deref(), &mut files))
            .map_err(io_err(&list))?;
        let old = swap(&self.dir, &self.out, &trash(&self.out))?;
        Ok(Written {
            changed,
            unchanged: unchanged.len(),
            old,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn lock_ignoring_poison<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A unique hidden sibling for a previous site on its way out.
fn trash(out: &Path) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    sibling(out, &format!("old-{}-{nanos}", std::process::id()))
}

/// Puts `staging` in place of `out` and returns where the previous site now is (moved
/// to `aside`), for the caller to remove. Where the system can exchange two folders in
/// one step there is no moment without a site; elsewhere the old site is moved aside
/// first and [`recover`] puts it back if we die in between.
fn swap(staging: &Path, out: &Path, aside: &Path) -> Result<Option<PathBuf>, OutputError> {
    if fs::symlink_metadata(out).is_err() {
        return fs::rename(staging, out).map(|_| None).map_err(io_err(out));
    }
    if exchange(staging, out).is_ok() {
        // `staging` now holds the previous site. The new one is in place whatever happens
        // now; a leftover is removed by the next build.
        return Ok(fs::rename(staging, aside).map_or_else(
            |_| Some(staging.to_path_buf()),
            |_| Some(aside.to_path_buf()),
        ));
    }
    let old = sibling(out, "old");
    if fs::symlink_metadata(&old).is_ok() {
        fs::remove_dir_all(&old).map_err(io_err(&old))?;
    }
    fs::rename(out, &old).map_err(io_err(out))?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(&old, out);
        let _ = fs::remove_dir_all(staging);
        return Err(io_err(out)(e));
    }
    Ok(fs::rename(&old, aside).map_or(Some(old), |_| Some(aside.to_path_buf())))
}

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both pointers are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writes_then_replaces_its_own_site_completely() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_site(
            &out,
            tmp.path(),
            &[file("index.html", "one"), file("a/b/index.html", "deep")],
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(out.join("a/b/index.html")).unwrap(),
            "deep"
        );
        write_site(&out, tmp.path(), &[file("index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        // A page that is no longer produced is gone, and no staging folders are left.
        assert!(!out.join("a").exists());
        let names: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["site"]);
    }

    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).unwrap().ino()
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_writes_only_what_changed_and_nothing_when_nothing_did() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let site = [file("index.html", "one"), file("a/index.html", "a")];
        write_site(&out, tmp.path(), &site).unwrap();
        let (index, a) = (
            inode(&out.join("index.html")),
            inode(&out.join("a/index.html")),
        );
        let manifest = fs::read(out.join(manifest::NAME)).unwrap();

        // Nothing changed: the very same site stays, not even swapped.
        let staging = Staging::begin(&out, tmp.path()).unwrap();
        site.iter().for_each(|f| staging.write(f));
        let written = staging.finish().unwrap();
        assert_eq!((written.changed, written.unchanged), (0, 2));
        assert_eq!(inode(&out.join("index.html")), index);
        assert_eq!(fs::read(out.join(manifest::NAME)).unwrap(), manifest);

        // One file changed: it alone is written; the other is the same file, linked.
        write_site(
            &out,
            tmp.path(),
            &[file("index.html", "two"), site[1].clone()],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert_eq!(inode(&out.join("a/index.html")), a);

        // A file edited by hand in the site since is written anew, not kept.
        let edited = out.join("a/index.html");
        fs::write(&edited, "b").unwrap();
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
        fs::File::options()
            .write(true)
            .open(&edited)
            .unwrap()
            .set_modified(later)
            .unwrap();
        write_site(
            &out,
            tmp.path(),
            &[file("index.html", "two"), site[1].clone()],
        )
        .unwrap();
        assert_eq!(fs::read_to_string(&edited).unwrap(), "a");
    }

    #[test]
    fn an_unfinished_staging_leaves_the_old_site_and_no_leftovers() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_site(&out, tmp.path(), &[file("index.html", "old")]).unwrap();
        let staging = Staging::begin(&out, tmp.path()).unwrap();
        staging.write(&file("index.html", "new"));
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        let names: Vec<String> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["site"]);
    }

    #[test]
    fn refuses_a_folder_it_did_not_create() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("docs");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.docx"), "precious").unwrap();
        let err = write_site(&out, tmp.path(), &[file("index.html", "x")]).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)));
        assert!(err.to_string().contains("--out"));
        assert_eq!(
            fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "precious"
        );
    }

    #[test]
    fn an_empty_folder_may_be_used() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("empty");
        fs::create_dir(&out).unwrap();
        write_site(&out, tmp.path(), &[file("index.html", "x")]).unwrap();
        assert!(out.join(MARKER).is_file());
    }

    #[test]
    fn a_path_through_a_missing_folder_is_resolved_before_anything_is_created() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fs::create_dir(&data).unwrap();
        fs::write(data.join("2024-H1.yaml"), "precious").unwrap();
        let out = tmp.path().join("nothere/../data");
        let err = write_site(&out, tmp.path(), &[file("index.html", "x")]).unwrap_err();
        assert!(matches!(err, OutputError::NotOurs(_)), "{err}");
        assert_eq!(
            fs::read_to_string(data.join("2024-H1.yaml")).unwrap(),
            "precious"
        );
        assert!(!tmp.path().join("nothere").exists());
    }

    #[test]
    fn the_project_or_a_parent_of_it_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let project = tmp.path().join("p");
        fs::create_dir(&project).unwrap();
        for out in [
            project.clone(),
            tmp.path().to_path_buf(),
            project.join(".."),
        ] {
            let err = write_site(&out, &project, &[file("index.html", "x")]).unwrap_err();
            assert!(matches!(err, OutputError::Encloses { .. }), "{err}");
        }
        let err = write_site(&project.join("data/site"), &project, &[]).unwrap_err();
        assert!(matches!(err, OutputError::InsideInput { .. }), "{err}");
    }

    #[test]
    fn a_second_build_into_the_same_folder_is_told_another_is_running() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        let _held = lock(&out).unwrap();
        let err = write_site(&out, tmp.path(), &[file("index.html", "x")]).unwrap_err();
        assert!(err.to_string().contains("另一个 zongjie build"), "{err}");
    }

    #[test]
    fn an_old_site_left_aside_by_a_crash_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        write_site(&out, tmp.path(), &[file("index.html", "old")]).unwrap();
        // What a crash between the two renames of the fallback swap leaves.
        fs::rename(&out, sibling(&out, "old")).unwrap();
        recover(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    }

    #[test]
    fn the_exchange_swaps_two_folders_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x"), "a").unwrap();
        if exchange(&a, &b).is_ok() {
            assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "a");
            assert!(!a.join("x").exists());
        }
    }
}
