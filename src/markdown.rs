//! Markdown written by users (report narrative, notes) to HTML that cannot carry script.
//!
//! pulldown-cmark passes raw HTML and `javascript:` links through by default (DEPENDENCIES.md).
//! Here raw HTML is shown as text, and a link or image whose target is not a relative path or an
//! allowed scheme is dropped, keeping its text: the reader sees the words, not a dead link.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// Escapes plain text for HTML or XML content and attribute values (the chart descriptions,
/// the preview's error page).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders `md` (CommonMark with tables and ~~strikethrough~~) to HTML.
///
/// * `Event::Html`/`Event::InlineHtml` become escaped text; an HTML block becomes a paragraph.
/// * Links keep http, https, mailto and relative targets; images keep http, https and relative
///   sources. Anything else (`javascript:`, `data:`, `vbscript:`, `file:`, any unknown scheme,
///   however cased or split by whitespace or control characters) is dropped, its text kept.
pub fn to_html(md: &str) -> String {
    // `**整改率：**98.7%` would print its asterisks (CommonMark): render it as meant.
    let md = &crate::habits::bold_before_punctuation(md);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // One entry per open link or image: whether its start tag was kept, so the matching end
    // tag is kept or dropped with it. Links and images nest properly, so one stack serves both.
    let mut kept: Vec<bool> = Vec::new();
    let events = Parser::new_ext(md, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(tag @ Tag::Link { .. }) | Event::Start(tag @ Tag::Image { .. }) => {
            let keep = target_allowed(&tag);
            kept.push(keep);
            keep.then_some(Event::Start(tag))
        }
        Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
            kept.pop().unwrap_or(false).then_some(Event::End(end))
        }
        other => Some(other),
    });
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn target_allowed(tag: &Tag) -> bool {
    match tag {
        Tag::Link { dest_url, .. } => url_allowed(dest_url, &["http", "https", "mailto"]),
        Tag::Image { dest_url, .. } => url_allowed(dest_url, &["http", "https"]),
        _ => true,
    }
}

/// True for a relative reference (no scheme) or one of `schemes`.
///
/// Browsers ignore ASCII tabs and newlines anywhere in a URL and strip leading control
/// characters and spaces, so `java\tscript:` and ` javascript:` still run: those characters are
/// removed before the scheme is read. Any colon before the first `/`, `?` or `#` is taken as the
/// end of a scheme — stricter than the URL standard (which would call `a b:c` a path), never
/// looser.
fn url_allowed(url: &CowStr, schemes: &[&str]) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let end_of_scheme = cleaned.find([':', '/', '?', '#']);
    match end_of_scheme {
        Some(i) if cleaned[i..].starts_with(':') => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            schemes.contains(&scheme.as_str())
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_block_is_escaped_text() {
        let out = to_html("<script>alert(1)</script>");
        assert_eq!(out, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
        let out = to_html("<div>\n<b>x</b>\n</div>\n\n段落");
        assert!(
            out.starts_with("<p>&lt;div&gt;\n&lt;b&gt;x&lt;/b&gt;"),
            "{out}"
        );
        assert!(out.ends_with("<p>段落</p>\n"), "{out}");
    }

    #[test]
    fn inline_html_is_escaped_text() {
        let out = to_html("隐患<img src=x onerror=alert(1)>整改");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
        let out = to_html("a <b onclick=\"x()\">b</b> c");
        assert!(!out.contains("<b "), "{out}");
    }

    #[test]
    fn javascript_links_are_dropped_keeping_the_text() {
        let out = to_html("[x](javascript:alert(1))");
        assert_eq!(out, "<p>x</p>\n");
    }

    #[test]
    fn scheme_tricks_are_dropped() {
        let attacks = [
            "[x](JaVaScRiPt:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](java&#09;script:alert(1))", // entity-encoded tab
            "[x](&#106;avascript:alert(1))", // entity-encoded j
            "[x](< javascript:alert(1)>)",
            "[x](vbscript:msgbox(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<javascript:alert(1)>", // autolink: its text stays, as text
            "[x][r]\n\n[r]: javascript:alert(1)",
        ];
        for md in attacks {
            let out = to_html(md);
            assert!(!out.contains("href"), "{md:?} gave {out}");
            assert!(!out.contains("<a"), "{md:?} gave {out}");
        }
    }

    #[test]
    fn ordinary_links_survive() {
        let out =
            to_html("[规定](https://www.mem.gov.cn/) [附件](files/a.pdf) [信](mailto:a@b.cn)");
        assert!(
            out.contains(r#"<a href="https://www.mem.gov.cn/">规定</a>"#),
            "{out}"
        );
        assert!(out.contains(r#"<a href="files/a.pdf">附件</a>"#), "{out}");
        assert!(out.contains(r#"<a href="mailto:a@b.cn">信</a>"#), "{out}");
        let out = to_html("[下一节](#part-2) [查询](?q=a:b)");
        assert!(out.contains(r##"href="#part-2""##), "{out}");
        assert!(out.contains(r#"href="?q=a:b""#), "{out}");
    }

    #[test]
    fn images_keep_only_relative_or_http() {
        let out = to_html("![现场](img/site.png) ![远程](https://example.org/a.png)");
        assert!(
            out.contains(r#"<img src="img/site.png" alt="现场" />"#),
            "{out}"
        );
        assert!(out.contains(r#"src="https://example.org/a.png""#), "{out}");
        let out = to_html("![x](data:image/svg+xml;base64,PHN2Zz4=) ![y](mailto:a@b.cn)");
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains('x') && out.contains('y'), "{out}");
    }

    #[test]
    fn image_inside_a_dropped_link_is_still_judged_on_its_own() {
        let out = to_html("[![图](img/a.png)](javascript:alert(1))");
        assert!(!out.contains("href"), "{out}");
        assert!(out.contains(r#"<img src="img/a.png" alt="图" />"#), "{out}");
    }

    #[test]
    fn tables_render() {
        let md = "| 指标 | 数值 |\n|---|---:|\n| 隐患整改率 | 98.7% |\n";
        let out = to_html(md);
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<th>指标</th>"), "{out}");
        assert!(
            out.contains(r#"<td style="text-align: right">98.7%</td>"#),
            "{out}"
        );
    }

    #[test]
    fn chinese_text_and_strong() {
        let out = to_html("**隐患整改率**：98.7%，同比提升5.2个百分点。");
        assert_eq!(
            out,
            "<p><strong>隐患整改率</strong>：98.7%，同比提升5.2个百分点。</p>\n"
        );
        // The form writers try first (literal under CommonMark's flanking rules) renders as
        // they meant it (crate::habits).
        let out = to_html("**隐患整改率：**98.7%");
        assert_eq!(out, "<p><strong>隐患整改率</strong>：98.7%</p>\n");
        assert!(to_html("~~旧数据~~").contains("<del>旧数据</del>"));
    }
}
