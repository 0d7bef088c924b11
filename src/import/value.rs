//! One cell into one figure, tolerating what people type into sheets: numbers stored as
//! text, full-width digits, thousands separators, stray spaces, and —, / or blank for
//! "not reported". Anything else is a problem with a message and a hint.

use crate::catalog::Indicator;

use super::sheet::Cell;

/// What is wrong with a cell, and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Bad {
    pub message: String,
    pub help: String,
}

/// Marks that mean "not reported" (未报送), as clerks write them.
const NOT_REPORTED: &[&str] = &["—", "——", "-", "--", "－", "/", "／", "\\", "、"];

/// The figure in `cell` for indicator `e`: None when not reported.
pub fn figure(cell: &Cell, e: &Indicator) -> Result<Option<f64>, Bad> {
    let v = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(t) => match number_in_text(t) {
            Text::Blank => return Ok(None),
            Text::Number(n) => n,
            Text::Other(shown) => return Err(not_a_number(&shown, e)),
        },
    };
    check(v, e)
}

enum Text {
    Blank,
    Number(f64),
    Other(String),
}

fn number_in_text(t: &str) -> Text {
    let normal: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .map(half_width)
        .collect();
    if normal.is_empty() || NOT_REPORTED.contains(&normal.as_str()) {
        return Text::Blank;
    }
    let digits = strip_thousands(&normal);
    match digits.parse::<f64>() {
        Ok(n) if n.is_finite() => Text::Number(n),
        _ => Text::Other(t.trim().to_string()),
    }
}

/// Full-width digits and signs (０-９, ．, －, ＋, ，) as their ASCII forms.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' | '。' => '.',
        '－' | '−' => '-',
        '＋' => '+',
        '，' => ',',
        _ => c,
    }
}

/// `1,200` → `1200`, but only where every group after a comma has three digits: `1,2`
/// stays as it is and fails to parse (a decimal comma, or two numbers in one cell).
fn strip_thousands(s: &str) -> String {
    let mut parts = s.split(',');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let grouped = !rest.is_empty()
        && !first.is_empty()
        && rest.iter().enumerate().all(|(i, p)| {
            let int = if i + 1 == rest.len() {
                p.split('.').next().unwrap_or_default()
            } else {
                p
            };
            int.len() == 3 && int.bytes().all(|b| b.is_ascii_digit())
        });
    if grouped {
        s.replace(',', "")
    } else {
        s.to_string()
    }
}

fn not_a_number(shown: &str, e: &Indicator) -> Bad {
    Bad {
        message: format!("{}应为数字，这里是“{shown}”", e.display_name()),
        help: format!(
            "只填阿拉伯数字（单位：{}），不加单位和文字；未报送的留空，确实为零的填 0。",
            e.unit
        ),
    }
}

/// The same rules as `check`: no negative figures; counted things are whole numbers.
fn check(v: f64, e: &Indicator) -> Result<Option<f64>, Bad> {
    if v < 0.0 {
        return Err(Bad {
            message: format!("{}不能是负数：{v}", e.display_name()),
            help: "填写实际发生的数量；未报送的留空。".into(),
        });
    }
    // A sum typed as a formula can come back as 12.000000000000002.
    let rounded = v.round();
    let v = if (v - rounded).abs() < 1e-9 {
        rounded
    } else {
        v
    };
    if e.decimals == 0 && v.fract() != 0.0 {
        return Err(Bad {
            message: format!("{}是逐个计数的，应为整数，这里是 {v}", e.display_name()),
            help: format!("填写整数（单位：{}）。", e.unit),
        });
    }
    Ok(Some(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn found() -> Indicator {
        let c = Catalog::builtin();
        c.entry(c.get("hazards.found").unwrap()).clone()
    }

    fn fines() -> Indicator {
        let c = Catalog::builtin();
        c.entry(c.get("enforcement.fines_10k_yuan").unwrap())
            .clone()
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn numbers_stored_as_text_and_full_width_digits_are_numbers() {
        let e = found();
        assert_eq!(figure(&Cell::Number(31.0), &e), Ok(Some(31.0)));
        assert_eq!(figure(&text("31"), &e), Ok(Some(31.0)));
        assert_eq!(figure(&text("３１"), &e), Ok(Some(31.0)));
        assert_eq!(figure(&text(" 31 \u{3000}"), &e), Ok(Some(31.0)));
        assert_eq!(figure(&text("1,200"), &e), Ok(Some(1200.0)));
        assert_eq!(figure(&text("１，２００"), &e), Ok(Some(1200.0)));
        assert_eq!(figure(&text("０"), &e), Ok(Some(0.0)));
        assert_eq!(figure(&text("12.5"), &fines()), Ok(Some(12.5)));
        assert_eq!(figure(&text("１２．５"), &fines()), Ok(Some(12.5)));
    }

    #[test]
    fn dashes_slashes_and_blanks_are_not_reported() {
        let e = found();
        for s in ["", "  ", "—", "——", "-", "/", "／", "－"] {
            assert_eq!(figure(&text(s), &e), Ok(None), "{s:?}");
        }
        assert_eq!(figure(&Cell::Empty, &e), Ok(None));
    }

    #[test]
    fn words_negatives_and_fractions_of_counts_are_refused() {
        let e = found();
        let bad = figure(&text("三十一"), &e).unwrap_err();
        assert_eq!(
            bad.message,
            "排查隐患（hazards.found）应为数字，这里是“三十一”"
        );
        assert!(bad.help.contains("只填阿拉伯数字"));
        assert!(figure(&text("31处"), &e).is_err());
        assert!(figure(&text("1,2"), &e).is_err());
        assert_eq!(
            figure(&Cell::Number(-3.0), &e).unwrap_err().message,
            "排查隐患（hazards.found）不能是负数：-3"
        );
        assert_eq!(
            figure(&text("2.5"), &e).unwrap_err().message,
            "排查隐患（hazards.found）是逐个计数的，应为整数，这里是 2.5"
        );
        assert_eq!(
            figure(&Cell::Number(12.000000000000002), &e),
            Ok(Some(12.0))
        );
    }
}
