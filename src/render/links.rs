//! Relative links: every page reaches the site root through `../`, so the site works
//! opened from disk, at a domain root and under any sub-path of an intranet server.

/// Percent-encodes one path segment (Chinese unit names become %E5%9F%8E…).
pub fn encode_segment(segment: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Pushed a byte at a time: formatting a String per byte was ~4% of a build's profile.
    let mut out = String::with_capacity(segment.len() * 3);
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// The prefix from a page in folder `depth` levels deep to the site root: "", "../", "../../".
pub fn root_prefix(depth: usize) -> String {
    "../".repeat(depth)
}

/// A link from the site root to a folder's index page, encoded: `城关县/2024-H1/index.html`.
pub fn index_href(segments: &[&str]) -> String {
    let mut href = String::new();
    for s in segments {
        href.push_str(&encode_segment(s));
        href.push('/');
    }
    href.push_str("index.html");
    href
}

/// A link from the page of folder `from` to the index page of folder `to` (both given from
/// the site root), up to their common folder and down from there, encoded: a report links
/// another period of its unit as `../2024-H2/index.html`, not through the root with every
/// folder's name percent-encoded again.
pub fn relative_href(from: &[&str], to: &[&str]) -> String {
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let mut href = root_prefix(from.len() - common);
    href.push_str(&index_href(&to[common..]));
    href
}

/// The file path of a folder's index page inside the site (not encoded).
pub fn index_path(segments: &[&str]) -> String {
    let mut path: String = segments.iter().map(|s| format!("{s}/")).collect();
    path.push_str("index.html");
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_segments_are_percent_encoded_ascii_slugs_kept() {
        assert_eq!(encode_segment("chengguan-zhen"), "chengguan-zhen");
        assert_eq!(encode_segment("东村"), "%E4%B8%9C%E6%9D%91");
        assert_eq!(encode_segment("a b"), "a%20b");
        // The same bytes the percent-encoding crate gives for a path segment.
        const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        for s in ["城关县/安监局 (2024)", "\u{7f}%~", "é"] {
            let expected = percent_encoding::utf8_percent_encode(s, SEGMENT).to_string();
            assert_eq!(encode_segment(s), expected);
        }
    }

    #[test]
    fn links_go_up_to_the_root_and_down_to_an_index_page() {
        assert_eq!(root_prefix(0), "");
        assert_eq!(root_prefix(2), "../../");
        assert_eq!(
            index_href(&["县", "2024-H1"]),
            "%E5%8E%BF/2024-H1/index.html"
        );
        assert_eq!(index_href(&[]), "index.html");
        assert_eq!(index_path(&["县", "2024-H1"]), "县/2024-H1/index.html");
    }

    #[test]
    fn links_between_pages_go_up_only_to_the_common_folder() {
        let report = ["县", "镇", "2024-H1"];
        assert_eq!(
            relative_href(&report, &["县", "镇", "2023-H2"]),
            "../2023-H2/index.html"
        );
        assert_eq!(relative_href(&report, &["县", "镇"]), "../index.html");
        assert_eq!(relative_href(&report, &["县"]), "../../index.html");
        assert_eq!(relative_href(&report, &[]), "../../../index.html");
        assert_eq!(relative_href(&report, &report), "index.html");
        assert_eq!(
            relative_href(&["县"], &["县", "东村"]),
            "%E4%B8%9C%E6%9D%91/index.html"
        );
        // A sibling with the same name further down is not a common folder.
        assert_eq!(
            relative_href(&["县", "a"], &["镇", "a"]),
            "../../%E9%95%87/a/index.html"
        );
    }
}
