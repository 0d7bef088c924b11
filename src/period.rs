//! Reporting periods: `2024-H1` (上半年), `2024-H2` (下半年), `2024` (年度).
//!
//! A period knows its year, its kind, the period a year earlier (同比) and the one just
//! before (环比). The kind is an enum so quarters and months can be added as variants.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// 上半年 (1) or 下半年 (2).
    Half(u8),
    /// 年度.
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    year: i32,
    kind: PeriodKind,
}

impl Period {
    pub fn half(year: i32, half: u8) -> Period {
        assert!(half == 1 || half == 2, "a year has two halves");
        Period {
            year,
            kind: PeriodKind::Half(half),
        }
    }

    pub fn year(year: i32) -> Period {
        Period {
            year,
            kind: PeriodKind::Year,
        }
    }

    pub fn year_number(self) -> i32 {
        self.year
    }

    pub fn kind(self) -> PeriodKind {
        self.kind
    }

    pub fn is_annual(self) -> bool {
        self.kind == PeriodKind::Year
    }

    /// First and last month covered, 1-based.
    fn months(self) -> (u32, u32) {
        match self.kind {
            PeriodKind::Half(1) => (1, 6),
            PeriodKind::Half(_) => (7, 12),
            PeriodKind::Year => (1, 12),
        }
    }

    /// 同比: the same period a year earlier.
    pub fn year_earlier(self) -> Period {
        Period {
            year: self.year - 1,
            kind: self.kind,
        }
    }

    /// 环比: the period of the same length just before this one.
    /// 2024-H2 → 2024-H1, 2024-H1 → 2023-H2, 2024 → 2023.
    pub fn previous(self) -> Period {
        match self.kind {
            PeriodKind::Half(2) => Period::half(self.year, 1),
            PeriodKind::Half(_) => Period::half(self.year - 1, 2),
            PeriodKind::Year => Period::year(self.year - 1),
        }
    }

    /// The shorter periods that make up this one, in order (a year: H1, H2).
    pub fn parts(self) -> Vec<Period> {
        match self.kind {
            PeriodKind::Year => vec![Period::half(self.year, 1), Period::half(self.year, 2)],
            PeriodKind::Half(_) => Vec::new(),
        }
    }

    /// The period this one is a part of (a half-year's year).
    pub fn whole(self) -> Option<Period> {
        match self.kind {
            PeriodKind::Half(_) => Some(Period::year(self.year)),
            PeriodKind::Year => None,
        }
    }

    /// 2024年上半年, 2024年下半年, 2024年度 — as titles and tables write it.
    pub fn label(self) -> String {
        match self.kind {
            PeriodKind::Half(1) => format!("{}年上半年", self.year),
            PeriodKind::Half(_) => format!("{}年下半年", self.year),
            PeriodKind::Year => format!("{}年度", self.year),
        }
    }

    /// 上半年 / 下半年 / 全年 — the span without the year, for prose.
    pub fn span_label(self) -> &'static str {
        match self.kind {
            PeriodKind::Half(1) => "上半年",
            PeriodKind::Half(_) => "下半年",
            PeriodKind::Year => "全年",
        }
    }

    /// Sort key: by year, then by the last month covered, then shorter periods first,
    /// so 2024-H1 < 2024-H2 < 2024 < 2025-H1 (quarters and months slot in naturally).
    fn sort_key(self) -> (i32, u32, u32) {
        let (first, last) = self.months();
        (self.year, last, last - first)
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Half(h) => write!(f, "{}-H{}", self.year, h),
            PeriodKind::Year => write!(f, "{}", self.year),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsePeriodError(pub String);

impl fmt::Display for ParsePeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "“{}”不是期间：应写作 2024-H1（上半年）、2024-H2（下半年）或 2024（年度）",
            self.0
        )
    }
}

impl FromStr for Period {
    type Err = ParsePeriodError;

    fn from_str(s: &str) -> Result<Period, ParsePeriodError> {
        let err = || ParsePeriodError(s.to_string());
        let (year_text, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: i32 = year_text.parse().map_err(|_| err())?;
        if !(1949..=2999).contains(&year) {
            return Err(err());
        }
        match rest {
            None => Ok(Period::year(year)),
            Some("H1") => Ok(Period::half(year, 1)),
            Some("H2") => Ok(Period::half(year, 2)),
            Some(_) => Err(err()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_the_three_kinds() {
        assert_eq!(p("2024-H1"), Period::half(2024, 1));
        assert_eq!(p("2024-H2"), Period::half(2024, 2));
        assert_eq!(p("2024"), Period::year(2024));
        for s in ["2024-H1", "2024-H2", "2024"] {
            assert_eq!(p(s).to_string(), s);
        }
    }

    #[test]
    fn rejects_what_is_not_a_period() {
        for s in [
            "2024-H3",
            "2024-h1",
            "24-H1",
            "2024H1",
            "2024-",
            "二〇二四",
            "2024-06",
            "",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s} should be rejected");
        }
    }

    #[test]
    fn year_on_year_and_previous_period() {
        // 同比: same kind, one year back.
        assert_eq!(p("2024-H1").year_earlier(), p("2023-H1"));
        assert_eq!(p("2024").year_earlier(), p("2023"));
        // 环比: H2 → H1 of the same year; H1 → H2 of the year before.
        assert_eq!(p("2024-H2").previous(), p("2024-H1"));
        assert_eq!(p("2024-H1").previous(), p("2023-H2"));
        assert_eq!(p("2024").previous(), p("2023"));
    }

    #[test]
    fn sorts_halves_before_their_year() {
        let mut v = [
            p("2024"),
            p("2023-H2"),
            p("2024-H2"),
            p("2023"),
            p("2024-H1"),
        ];
        v.sort();
        let got: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        assert_eq!(got, ["2023-H2", "2023", "2024-H1", "2024-H2", "2024"]);
    }

    #[test]
    fn a_year_is_made_of_two_halves() {
        assert_eq!(p("2024").parts(), vec![p("2024-H1"), p("2024-H2")]);
        assert_eq!(p("2024-H2").whole(), Some(p("2024")));
        assert!(p("2024-H1").parts().is_empty());
    }

    #[test]
    fn labels_read_as_titles_write_them() {
        assert_eq!(p("2024-H1").label(), "2024年上半年");
        assert_eq!(p("2024-H2").label(), "2024年下半年");
        assert_eq!(p("2024").label(), "2024年度");
    }
}
