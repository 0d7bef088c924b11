//! What a built site holds, file by file: a digest of each file's bytes and its size. A
//! rebuild compares what it would write with this list and keeps (hard-links) a file
//! whose bytes did not change, so a rebuild with no change writes nothing, and one edit
//! rewrites only the pages it touches. The list depends on the content alone (same
//! input, same bytes, the manifest included); a file changed by hand since is told by a
//! modification time later than the manifest's, and is written anew.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

/// The manifest's name inside the site (hidden, beside the marker).
pub const NAME: &str = ".zongjie-manifest";
const HEADER: &str = "zongjie manifest 1\n";
const INPUT: &str = "input ";

pub use crate::digest::Digest;

/// One file of the site: its digest and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub digest: Digest,
    pub len: u64,
}

impl Entry {
    pub fn of(bytes: &[u8]) -> Entry {
        Entry {
            digest: Digest::of(bytes),
            len: bytes.len() as u64,
        }
    }
}

/// A site's manifest, and when it was written.
pub struct Manifest {
    /// The digest of the inputs the site was built from (see `fingerprint`).
    pub input: Option<String>,
    pub entries: HashMap<String, Entry>,
    written: Option<SystemTime>,
}

impl Manifest {
    /// Whether every file the manifest lists is still in `site` as it was left.
    pub fn intact(&self, site: &Path) -> bool {
        self.written.is_some()
            && self
                .entries
                .iter()
                .all(|(p, e)| self.still_at(e, &site.join(p)))
    }

    /// Whether the file at `path` is still as the site's manifest lists it with
    /// `entry`: a regular file of that size, not changed after the manifest was written.
    pub fn still_at(&self, entry: &Entry, path: &Path) -> bool {
        let Some(written) = self.written else {
            return false;
        };
        fs::symlink_metadata(path).is_ok_and(|m| {
            m.is_file() && m.len() == entry.len && m.modified().is_ok_and(|t| t <= written)
        })
    }
}

/// Reads a site's manifest; a missing or unreadable one is empty (every file is written).
pub fn read(site: &Path) -> Manifest {
    let path = site.join(NAME);
    let text = fs::read_to_string(&path).unwrap_or_default();
    let Some(body) = text.strip_prefix(HEADER) else {
        return Manifest {
            input: None,
            entries: HashMap::new(),
            written: None,
        };
    };
    let mut lines = body.lines().peekable();
    let input = lines
        .next_if(|l| l.starts_with(INPUT))
        .map(|l| l[INPUT.len()..].to_string());
    let entries = lines.filter_map(parse_line).collect();
    let written = fs::symlink_metadata(&path).and_then(|m| m.modified()).ok();
    Manifest {
        input,
        entries,
        written,
    }
}

fn parse_line(line: &str) -> Option<(String, Entry)> {
    let mut parts = line.splitn(3, ' ');
    let digest = u128::from_str_radix(parts.next()?, 16).ok()?;
    let len = parts.next()?.parse().ok()?;
    let path = parts.next()?.to_string();
    let entry = Entry {
        digest: Digest(digest),
        len,
    };
    Some((path, entry))
}

/// The manifest's text, sorted by path. A path with a line break cannot be listed (it
/// would read back as two lines): it is left out, and is simply rewritten next time.
pub fn text(input: Option<&str>, entries: &mut [(String, Entry)]) -> String {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::from(HEADER);
    if let Some(input) = input {
        out.push_str(&format!("{INPUT}{input}\n"));
    }
    for (path, e) in entries.iter().filter(|(p, _)| !p.contains(['\n', '\r'])) {
        out.push_str(&format!("{:032x} {} {path}\n", e.digest.0, e.len));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_what_was_written() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a b.html");
        fs::write(&path, "页面").unwrap();
        let entry = Entry::of("页面".as_bytes());
        let mut entries = vec![("县/a b.html".to_string(), entry), ("x\ny".into(), entry)];
        fs::write(tmp.path().join(NAME), text(Some("ab12"), &mut entries)).unwrap();
        let manifest = read(tmp.path());
        assert_eq!(manifest.input.as_deref(), Some("ab12"));
        assert_eq!(manifest.entries.len(), 1);
        assert_eq!(manifest.entries["县/a b.html"], entry);
        assert!(manifest.still_at(&entry, &path));
        // Same size, written again (by hand, say) after the manifest: not reused.
        fs::write(&path, "改过").unwrap();
        let later = SystemTime::now() + std::time::Duration::from_secs(1);
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(later).unwrap();
        assert!(!manifest.still_at(&entry, &path));
    }

    #[test]
    fn digests_are_fixed_and_tell_bytes_apart() {
        assert_eq!(Digest::of(b"abc"), Digest::of(b"abc"));
        assert_ne!(Digest::of(b"abc"), Digest::of(b"abd"));
    }
}
