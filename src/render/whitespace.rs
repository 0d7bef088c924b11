//! Template indentation out of the pages: templates are indented for the people who edit
//! them, browsers ignore it, and on a report page it was about a twentieth of the bytes.
//! Every run of whitespace that holds a line break becomes one line break, so the page
//! still reads line by line in a diff; whitespace inside `<pre>`, `<textarea>`, `<script>`
//! and `<style>` is content and stays as written.

/// Elements whose whitespace is kept.
const KEPT: [&str; 4] = ["pre", "textarea", "script", "style"];

/// `html` with each run of ASCII whitespace holding a line break cut to one `\n`, outside
/// the elements in [`KEPT`]. A browser renders the result the same: a run of whitespace
/// collapses to one space wherever it would have collapsed before.
pub fn drop_indentation(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some((start, name)) = next_kept(rest) {
        collapse_into(&mut out, &rest[..start]);
        let close = format!("</{name}>");
        let end = rest[start..]
            .find(&close)
            .map_or(rest.len(), |i| start + i + close.len());
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    collapse_into(&mut out, rest);
    out
}

/// Where the first element of [`KEPT`] opens in `html`, and which: one pass over the
/// tags (every page goes through here, so no search per name).
fn next_kept(html: &str) -> Option<(usize, &'static str)> {
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(i) = html[from..].find('<') {
        let at = from + i;
        let tag = &bytes[at + 1..];
        let opens = |name: &str| {
            tag.starts_with(name.as_bytes())
                && matches!(
                    tag.get(name.len()),
                    Some(b'>' | b' ' | b'\n' | b'\t' | b'\r' | b'/')
                )
        };
        if let Some(name) = KEPT.iter().find(|name| opens(name)) {
            return Some((at, name));
        }
        from = at + 1;
    }
    None
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

/// `text` into `out` with each whitespace run holding a line break cut to one `\n`; the
/// text between such runs is copied as whole slices (ASCII whitespace never falls inside
/// a multi-byte character, so every cut is on a character boundary).
fn collapse_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if !is_white(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_white(bytes[i]) {
            i += 1;
        }
        if bytes[start..i].contains(&b'\n') {
            out.push_str(&text[copied..start]);
            out.push('\n');
            copied = i;
        }
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_and_blank_lines_go_spaces_within_a_line_stay() {
        let html = "<ul>\n  \n    <li>a b</li>\n\n    <li>c　d</li>\n</ul>\n";
        assert_eq!(
            drop_indentation(html),
            "<ul>\n<li>a b</li>\n<li>c　d</li>\n</ul>\n"
        );
    }

    #[test]
    fn preformatted_script_and_style_are_kept_as_written() {
        let html = "<p>\n  x</p>\n  <pre><code>a\n    b\n</code></pre>\n  <script>\n  let s = `\n  `;\n</script>\n  <prefix>\n  y</prefix>";
        assert_eq!(
            drop_indentation(html),
            "<p>\nx</p>\n<pre><code>a\n    b\n</code></pre>\n<script>\n  let s = `\n  `;\n</script>\n<prefix>\ny</prefix>"
        );
    }

    #[test]
    fn an_unclosed_kept_element_keeps_the_rest() {
        assert_eq!(drop_indentation("a\n  <pre>\n  b"), "a\n<pre>\n  b");
    }
}
