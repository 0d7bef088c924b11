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

/// Where the first element of [`KEPT`] opens in `html`, and which.
fn next_kept(html: &str) -> Option<(usize, &'static str)> {
    KEPT.iter()
        .filter_map(|name| find_open(html, name).map(|at| (at, *name)))
        .min()
}

/// The start of the first `<name>` or `<name …>` tag (not `<names…>`).
fn find_open(html: &str, name: &str) -> Option<usize> {
    let tag = format!("<{name}");
    let mut from = 0;
    while let Some(i) = html[from..].find(&tag) {
        let at = from + i;
        let after = html.as_bytes().get(at + tag.len());
        if matches!(after, Some(b'>' | b' ' | b'\n' | b'\t' | b'\r' | b'/')) {
            return Some(at);
        }
        from = at + tag.len();
    }
    None
}

fn collapse_into(out: &mut String, text: &str) {
    let mut run_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let white = matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C');
        match (white, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(start)) => {
                push_run(out, &text[start..i]);
                run_start = None;
                out.push(c);
            }
            (true, Some(_)) => {}
            (false, None) => out.push(c),
        }
    }
    if let Some(start) = run_start {
        push_run(out, &text[start..]);
    }
}

fn push_run(out: &mut String, run: &str) {
    if run.contains('\n') {
        out.push('\n');
    } else {
        out.push_str(run);
    }
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
