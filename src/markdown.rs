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

/// What became of a link or image start tag, so its end tag follows it.
#[derive(Clone, Copy)]
enum Fate {
    Kept,
    Dropped,
    /// An image from another host, shown as a link the reader may follow.
    AsLink,
}

/// Renders `md` (CommonMark with tables and ~~strikethrough~~) to HTML.
///
/// * `Event::Html`/`Event::InlineHtml` become escaped text; an HTML block becomes a paragraph.
/// * Links keep http, https, mailto and relative targets. Anything else (`javascript:`,
///   `data:`, `vbscript:`, `file:`, any unknown scheme, however cased or split by whitespace
///   or control characters) is dropped, its text kept.
/// * Images are shown only from a relative source: the site promises to load nothing from
///   outside (a tracking pixel, an intranet without internet). An http(s) or `//host` image
///   becomes a link marked 外部图片 that the reader may choose to follow; `check` warns.
pub fn to_html(md: &str) -> String {
    // `**整改率：**98.7%` would print its asterisks (CommonMark): render it as meant.
    let md = &crate::habits::bold_before_punctuation(md);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // One entry per open link or image. Links and images nest properly, so one stack
    // serves both.
    let mut fates: Vec<Fate> = Vec::new();
    let events = Parser::new_ext(md, options).flat_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => vec![Event::Text(raw)],
        Event::Start(Tag::HtmlBlock) => vec![Event::Start(Tag::Paragraph)],
        Event::End(TagEnd::HtmlBlock) => vec![Event::End(TagEnd::Paragraph)],
        Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => start(tag, &mut fates),
        Event::End(end @ (TagEnd::Link | TagEnd::Image)) => match fates.pop() {
            Some(Fate::Kept) => vec![Event::End(end)],
            Some(Fate::AsLink) => vec![Event::End(TagEnd::Link)],
            _ => vec![],
        },
        other => vec![other],
    });
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn start<'a>(tag: Tag<'a>, fates: &mut Vec<Fate>) -> Vec<Event<'a>> {
    let fate = match &tag {
        Tag::Link { dest_url, .. } if url_allowed(dest_url, &["http", "https", "mailto"]) => {
            Fate::Kept
        }
        Tag::Image { dest_url, .. } if is_relative(dest_url) => Fate::Kept,
        Tag::Image { dest_url, .. } if url_allowed(dest_url, &["http", "https"]) => Fate::AsLink,
        _ => Fate::Dropped,
    };
    fates.push(fate);
    match (fate, tag) {
        (Fate::Kept, tag) => vec![Event::Start(tag)],
        (
            Fate::AsLink,
            Tag::Image {
                dest_url,
                title,
                id,
                ..
            },
        ) => vec![
            Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Inline,
                dest_url,
                title,
                id,
            }),
            Event::Text("外部图片 ".into()),
        ],
        _ => vec![],
    }
}

/// A source the browser loads from this site: no scheme, and not `//host/…` (or `\\host`,
/// which browsers read the same way).
pub fn is_relative(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let protocol_relative =
        cleaned.len() >= 2 && cleaned[..2].chars().all(|c| c == '/' || c == '\\');
    !protocol_relative && url_allowed(&CowStr::from(cleaned.as_str()), &[])
}

/// The sources of images in `md` that would be loaded from another host, with their byte
/// offsets in `md`, for `check` to warn about.
pub fn outside_images(md: &str) -> Vec<(usize, String)> {
    Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Image { dest_url, .. }) if !is_relative(&dest_url) => {
                Some((range.start, dest_url.to_string()))
            }
            _ => None,
        })
        .collect()
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
    fn images_load_only_from_the_site() {
        let out =
            to_html("![现场](img/site.png) ![远程](https://example.org/a.png) ![ ](//host/x)");
        assert!(
            out.contains(r#"<img src="img/site.png" alt="现场" />"#),
            "{out}"
        );
        assert!(
            !out.contains(r#"src="https"#) && !out.contains(r#"src="//"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<a href="https://example.org/a.png">外部图片 远程</a>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<a href="//host/x">外部图片  </a>"#),
            "{out}"
        );
        // Markdown reads \\ as one backslash: the source is \\host, a host to a browser.
        assert!(!to_html(r"![x](\\\\host\p.png)").contains("<img"));
        let found = outside_images("a ![x](img/a.png) ![y](http://h/p.png)");
        assert_eq!(found, [(18, "http://h/p.png".to_string())]);
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
