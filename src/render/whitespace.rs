//! Template indentation out of the pages: templates are indented for the people who edit
//! them, browsers ignore it, and on a report page it was about a twentieth of the bytes.
//! Every run of whitespace that holds a line break becomes one line break, so the page
//! still reads line by line in a diff; whitespace inside `<pre>`, `<textarea>`, `<script>`
//! and `<style>` is content and stays as written.
//!
//! Every page goes through here, so it is one pass over the bytes Tera wrote (no UTF-8
//! check: ASCII whitespace and `<` never fall inside a multi-byte character, so every
//! cut is on a character boundary), copying the text between cuts as whole slices.

/// Elements whose whitespace is kept.
const KEPT: [&str; 4] = ["pre", "textarea", "script", "style"];

/// `html` with each run of ASCII whitespace holding a line break cut to one `\n`, outside
/// the elements in [`KEPT`]. A browser renders the result the same: a run of whitespace
/// collapses to one space wherever it would have collapsed before.
pub fn drop_indentation(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let (mut i, mut copied) = (0, 0);
    loop {
        // Only a run holding a line break is cut, so the run is found from its `\n`.
        i = next_break_or_tag(html, i);
        if i >= html.len() {
            break;
        }
        if html[i] == b'<' {
            i = kept_end(html, i).unwrap_or(i + 1);
            continue;
        }
        let mut start = i;
        while start > copied && is_white(html[start - 1]) {
            start -= 1;
        }
        while i < html.len() && is_white(html[i]) {
            i += 1;
        }
        out.extend_from_slice(&html[copied..start]);
        out.push(b'\n');
        copied = i;
    }
    out.extend_from_slice(&html[copied..]);
    out
}

/// The first `\n` or `<` at or after `from` (`html.len()` if none), eight bytes at a
/// time: a byte of a word equals `b` where the word XOR `b` repeated has a zero byte.
fn next_break_or_tag(html: &[u8], mut from: usize) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    let equal = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    while let Some(word) = html.get(from..from + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
        let found = equal(w, b'\n') | equal(w, b'<');
        if found != 0 {
            // The lowest flagged byte is a true match (borrows only run upwards).
            return from + (found.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    from + html[from..]
        .iter()
        .position(|&b| b == b'\n' || b == b'<')
        .unwrap_or(html.len() - from)
}

/// Where the element of [`KEPT`] opening at `at` ends (after its closing tag, or at the
/// end of the page if it is never closed); `None` when `at` opens no such element.
fn kept_end(html: &[u8], at: usize) -> Option<usize> {
    // A page has a thousand tags and hardly any of these: two letters turn most away.
    if !matches!(
        html.get(at + 1..at + 3),
        Some(b"pr" | b"sc" | b"st" | b"te")
    ) {
        return None;
    }
    let tag = &html[at + 1..];
    let name = KEPT.iter().find(|name| {
        tag.starts_with(name.as_bytes())
            && matches!(
                tag.get(name.len()),
                Some(b'>' | b' ' | b'\n' | b'\t' | b'\r' | b'/')
            )
    })?;
    let close = format!("</{name}>");
    let end = html[at..]
        .windows(close.len())
        .position(|w| w == close.as_bytes())
        .map_or(html.len(), |i| at + i + close.len());
    Some(end)
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropped(html: &str) -> String {
        String::from_utf8(drop_indentation(html.as_bytes())).unwrap()
    }

    #[test]
    fn indentation_and_blank_lines_go_spaces_within_a_line_stay() {
        let html = "<ul>\n  \n    <li>a b</li>\n\n    <li>c　d</li>\n</ul>\n";
        assert_eq!(dropped(html), "<ul>\n<li>a b</li>\n<li>c　d</li>\n</ul>\n");
    }

    #[test]
    fn preformatted_script_and_style_are_kept_as_written() {
        let html = "<p>\n  x</p>\n  <pre><code>a\n    b\n</code></pre>\n  <script>\n  let s = `\n  `;\n</script>\n  <prefix>\n  y</prefix>";
        assert_eq!(
            dropped(html),
            "<p>\nx</p>\n<pre><code>a\n    b\n</code></pre>\n<script>\n  let s = `\n  `;\n</script>\n<prefix>\ny</prefix>"
        );
    }

    #[test]
    fn an_unclosed_kept_element_keeps_the_rest() {
        assert_eq!(dropped("a\n  <pre>\n  b"), "a\n<pre>\n  b");
    }

    #[test]
    fn the_ends_of_the_page_are_cut_too() {
        assert_eq!(dropped(" \n\t<p>x</p> \r\n "), "\n<p>x</p>\n");
        assert_eq!(dropped("x <"), "x <");
        assert_eq!(dropped("\u{3000}\n\u{3000}"), "\u{3000}\n\u{3000}");
    }

    /// The same rule the slow, obvious way: whitespace runs split out one by one.
    fn by_runs(html: &str) -> String {
        let mut out = String::new();
        let mut run = String::new();
        for c in html.chars() {
            if c.is_ascii_whitespace() {
                run.push(c);
                continue;
            }
            out.push_str(if run.contains('\n') { "\n" } else { &run });
            run.clear();
            out.push(c);
        }
        out.push_str(if run.contains('\n') { "\n" } else { &run });
        out
    }

    #[test]
    fn the_word_at_a_time_scan_agrees_with_the_rule_at_every_offset() {
        let pieces = ["<p>", "a", "\n", " ", "\t", "<", "字", "\r\n", "  ", "<li>"];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3_000 {
            let mut html = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                html.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(dropped(&html), by_runs(&html), "{html:?}");
        }
    }
}
