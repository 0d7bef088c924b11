//! A digest of everything a build reads: the program itself, the options that change the
//! output, `zongjie.yaml` and every file under `data/` and `templates/`. Equal digests
//! mean equal sites, so a rebuild with nothing changed need not render at all.

use std::fs;
use std::hash::Hasher;
use std::path::Path;

use siphasher::sip128::{Hasher128, SipHasher13};

/// The digest as hex, or None when something could not be read (then the build renders
/// everything, as if it had changed).
pub fn of_inputs(root: &Path, options: &[&str]) -> Option<String> {
    let mut h = SipHasher13::new_with_keys(0x7a6f_6e67_6a69_6501, 0x696e_7075_7473_0001);
    // The program: a new zongjie (or one built with other templates) renders differently.
    // Its size and time, not its bytes: reading megabytes on every build would cost more
    // than the rest of an unchanged build.
    let exe = fs::metadata(std::env::current_exe().ok()?).ok()?;
    let built = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    feed(&mut h, &exe.len().to_le_bytes());
    feed(&mut h, &built.as_nanos().to_le_bytes());
    for option in options {
        feed(&mut h, option.as_bytes());
    }
    feed(&mut h, b"zongjie.yaml");
    feed(&mut h, &fs::read(root.join("zongjie.yaml")).ok()?);
    for folder in ["data", "templates"] {
        let dir = root.join(folder);
        if !dir.exists() {
            continue;
        }
        // Links are followed (their targets are what load reads), sorted so the digest
        // does not depend on the order the system lists a folder in.
        let walker = walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            let entry = entry.ok()?;
            let rel = entry.path().strip_prefix(root).ok()?;
            feed(&mut h, rel.to_string_lossy().as_bytes());
            if entry.file_type().is_file() {
                feed(&mut h, &fs::read(entry.path()).ok()?);
            }
        }
    }
    Some(format!("{:032x}", h.finish128().as_u128()))
}

/// Length first, so that ("ab", "c") and ("a", "bc") differ.
fn feed(h: &mut SipHasher13, bytes: &[u8]) {
    h.write_u64(bytes.len() as u64);
    h.write(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_change_to_an_input_or_an_option_changes_the_digest() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::write(root.join("zongjie.yaml"), "title: 县\n").unwrap();
        fs::create_dir_all(root.join("data/县")).unwrap();
        fs::write(root.join("data/县/2024-H1.yaml"), "a").unwrap();
        let first = of_inputs(root, &[]).unwrap();
        assert_eq!(
            of_inputs(root, &[]).unwrap(),
            first,
            "same inputs, same digest"
        );
        assert_ne!(of_inputs(root, &["https://x/"]).unwrap(), first);
        fs::write(root.join("data/县/2024-H1.yaml"), "b").unwrap();
        let edited = of_inputs(root, &[]).unwrap();
        assert_ne!(edited, first);
        fs::rename(root.join("data/县"), root.join("data/镇")).unwrap();
        assert_ne!(of_inputs(root, &[]).unwrap(), edited, "a renamed unit");
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(root.join("templates/base.html"), "x").unwrap();
        assert_ne!(of_inputs(root, &[]).unwrap(), edited);
        // Site output and other folders beside data/ are not inputs.
        let before = of_inputs(root, &[]).unwrap();
        fs::create_dir_all(root.join("site")).unwrap();
        fs::write(root.join("site/index.html"), "x").unwrap();
        assert_eq!(of_inputs(root, &[]).unwrap(), before);
    }
}
