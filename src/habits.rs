//! Word habits the writer brings along, caught before they print wrong: a section title typed
//! with its own number (the template numbers headings), and bold text that ends in a
//! full-width colon (`**整改率：**98.7%`), which CommonMark leaves as literal asterisks.

/// Chinese numerals that make up heading numbers (一 … 九十九).
const NUMERALS: &str = "一二三四五六七八九十";

/// Splits a typed heading number off `title`: `（二）应急演练` → `("（二）", "应急演练")`.
/// Recognises （一） (一) 一、 1. 1、 1． （1） (1); a number that is part of the title
/// (2024年…, 1.5倍…, 一是…) is left alone. None when there is no typed number.
pub fn typed_number(title: &str) -> Option<(&str, &str)> {
    let t = title.trim_start();
    let end = bracketed(t).or_else(|| numeral_then_mark(t))?;
    let (marker, rest) = t.split_at(end);
    let rest = rest.trim_start_matches([' ', '　']);
    (!rest.is_empty()).then_some((marker, rest))
}

/// Length in bytes of a leading （一） / (1) / （12）.
fn bracketed(t: &str) -> Option<usize> {
    let open = t.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let inner = &t[open.len_utf8()..];
    let digits = number_len(inner)?;
    let close = inner[digits..]
        .chars()
        .next()
        .filter(|c| matches!(c, '）' | ')'))?;
    Some(open.len_utf8() + digits + close.len_utf8())
}

/// Length in bytes of a leading 一、 / 1. / 1、 / 1．, not followed by a digit (1.5倍).
fn numeral_then_mark(t: &str) -> Option<usize> {
    let digits = number_len(t)?;
    let mark = t[digits..]
        .chars()
        .next()
        .filter(|c| matches!(c, '、' | '.' | '．'))?;
    let chinese = !t.starts_with(|c: char| c.is_ascii_digit());
    // 一. is not a heading number; 1、 and 一、 are.
    if chinese && mark != '、' {
        return None;
    }
    let after = &t[digits + mark.len_utf8()..];
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(digits + mark.len_utf8())
}

/// Length in bytes of a leading run of ASCII digits or of Chinese numerals (at most 3).
fn number_len(t: &str) -> Option<usize> {
    let ascii: usize = t.chars().take_while(char::is_ascii_digit).count();
    if ascii > 0 {
        return (ascii <= 2).then_some(ascii);
    }
    let chinese: Vec<char> = t.chars().take_while(|c| NUMERALS.contains(*c)).collect();
    (!chinese.is_empty() && chinese.len() <= 3).then(|| chinese.iter().map(|c| c.len_utf8()).sum())
}

/// Punctuation a writer types inside the bold before its value: `**整改率：**`.
const INNER_PUNCTUATION: &[char] = &['：', ':', '，', '；', '、', '。'];

/// `**整改率：**98.7%` as the writer meant it: `**整改率**：98.7%`. CommonMark does not
/// close a bold span after punctuation when a letter or digit follows, so the asterisks
/// would print. Moving the punctuation just outside keeps the label bold and the text the
/// same. Other bold text is left untouched.
pub fn bold_before_punctuation(md: &str) -> String {
    if !md.contains("**") {
        return md.to_string();
    }
    md.split_inclusive('\n')
        .map(fix_line)
        .collect::<Vec<_>>()
        .concat()
}

fn fix_line(line: &str) -> String {
    let parts: Vec<&str> = line.split("**").collect();
    // An odd number of parts: every opening ** has its closing one on this line.
    if parts.len() < 3 || parts.len() % 2 == 0 {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len());
    let mut carried = "";
    for (i, part) in parts.iter().enumerate() {
        let inside = i % 2 == 1;
        let part = if inside {
            match part.strip_suffix(INNER_PUNCTUATION) {
                Some(kept) if !kept.is_empty() => {
                    out.push_str("**");
                    out.push_str(kept);
                    out.push_str("**");
                    carried = &part[kept.len()..];
                    continue;
                }
                _ => {
                    out.push_str("**");
                    out.push_str(part);
                    out.push_str("**");
                    continue;
                }
            }
        } else {
            part
        };
        out.push_str(carried);
        carried = "";
        out.push_str(part);
    }
    out.push_str(carried);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_heading_numbers_are_found_in_every_usual_form() {
        for (title, marker, rest) in [
            ("（二）应急演练常态化", "（二）", "应急演练常态化"),
            ("(三) 压实责任", "(三)", "压实责任"),
            ("二、存在的问题", "二、", "存在的问题"),
            ("十一、其他", "十一、", "其他"),
            ("1.开展专项整治", "1.", "开展专项整治"),
            ("2、强化培训", "2、", "强化培训"),
            ("3．推进治本攻坚", "3．", "推进治本攻坚"),
            ("（1）加强巡查", "（1）", "加强巡查"),
            ("　（四）　做好汛期值守", "（四）", "做好汛期值守"),
        ] {
            assert_eq!(typed_number(title), Some((marker, rest)), "{title}");
        }
    }

    #[test]
    fn numbers_that_belong_to_the_title_are_kept() {
        for title in [
            "2024年重点工作",
            "1.5倍于去年的检查力度",
            "一是压实责任",
            "一.不是编号",
            "十分重视安全",
            "（一）",
            "百日攻坚行动",
            "“三查三改”专项行动",
        ] {
            assert_eq!(typed_number(title), None, "{title}");
        }
    }

    #[test]
    fn bold_ending_in_a_colon_is_closed_before_it() {
        assert_eq!(
            bold_before_punctuation("**隐患整改率：**98.7%，**已整改：**46处。\n"),
            "**隐患整改率**：98.7%，**已整改**：46处。\n"
        );
        // Already right, unbalanced, or not ending in punctuation: unchanged.
        for md in [
            "**整改率**：98.7%",
            "**整改率：98.7%",
            "一是**压实责任**，二是",
            "**：**",
        ] {
            assert_eq!(bold_before_punctuation(md), md);
        }
    }

    #[test]
    fn the_fixed_bold_renders_without_asterisks() {
        let html = crate::markdown::to_html("**隐患整改率：**98.7%");
        assert_eq!(html, "<p><strong>隐患整改率</strong>：98.7%</p>\n");
    }
}
