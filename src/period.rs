//! Reporting periods: a span of months within one year. `2024-03` (月), `2024-Q1` (季度),
//! `2024-H1` (上半年), `2024` (年度) and year-to-date spans such as `2024-01~09` (1—9月,
//! 前三季度).
//!
//! A period knows its year, its parts (a year's halves, a half's quarters, a quarter's
//! months), the period a year earlier (同比) and the one of the same length just before
//! (环比). Compute derives a longer period's figures from its parts; nothing here knows
//! about figures.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// What kind of span a period is; derived from its months, so one span has one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// 1 … 12.
    Month(u8),
    /// 第一季度 (1) … 第四季度 (4).
    Quarter(u8),
    /// 上半年 (1) or 下半年 (2).
    Half(u8),
    /// 年度.
    Year,
    /// Any other run of months, in practice a year-to-date span (1—9月).
    Span,
}

/// How periods are named in words (2024年上半年, 上半年, 年度). The locale implements it;
/// compute takes it as a parameter, so its messages can name a period without
/// importing the words.
pub trait Names {
    /// 2024年3月, 2024年第一季度, 2024年上半年, 2024年度, 2024年1—9月: as titles write it.
    fn label(&self, p: Period) -> String;
    /// 3月 / 第一季度 / 上半年 / 全年 / 1—9月: the span without the year, for prose.
    fn span(&self, p: Period) -> String;
    /// 上半年 / 第一季度 / 年度: the name of a report of this period within its year.
    fn short(&self, p: Period) -> String;
}

/// The months `first..=last` (1-based) of `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    year: i32,
    first: u8,
    last: u8,
}

impl Period {
    /// The months `first..=last` of `year`; None unless 1 ≤ first ≤ last ≤ 12.
    pub fn months_of(year: i32, first: u8, last: u8) -> Option<Period> {
        (1 <= first && first <= last && last <= 12).then_some(Period { year, first, last })
    }

    pub fn month(year: i32, month: u8) -> Period {
        Period::months_of(year, month, month).expect("a month is 1 to 12")
    }

    pub fn quarter(year: i32, quarter: u8) -> Period {
        assert!((1..=4).contains(&quarter), "a year has four quarters");
        Period::months_of(year, quarter * 3 - 2, quarter * 3).expect("checked above")
    }

    pub fn half(year: i32, half: u8) -> Period {
        assert!(half == 1 || half == 2, "a year has two halves");
        Period::months_of(year, half * 6 - 5, half * 6).expect("checked above")
    }

    pub fn year(year: i32) -> Period {
        Period {
            year,
            first: 1,
            last: 12,
        }
    }

    pub fn year_number(self) -> i32 {
        self.year
    }

    /// First and last month covered, 1-based.
    pub fn months(self) -> (u8, u8) {
        (self.first, self.last)
    }

    /// How many months the period covers.
    pub fn len_months(self) -> u8 {
        self.last - self.first + 1
    }

    pub fn kind(self) -> PeriodKind {
        let (f, l) = (self.first, self.last);
        match l - f + 1 {
            1 => PeriodKind::Month(f),
            3 if f % 3 == 1 => PeriodKind::Quarter(l / 3),
            6 if f % 6 == 1 => PeriodKind::Half(l / 6),
            12 => PeriodKind::Year,
            _ => PeriodKind::Span,
        }
    }

    pub fn is_annual(self) -> bool {
        self.kind() == PeriodKind::Year
    }

    /// True for periods of the same kind (two quarters, two halves), whatever their number.
    pub fn same_kind(self, other: Period) -> bool {
        match (self.kind(), other.kind()) {
            (PeriodKind::Span, PeriodKind::Span) => self.months() == other.months(),
            (a, b) => std::mem::discriminant(&a) == std::mem::discriminant(&b),
        }
    }

    /// True when every month of `other` is in this period.
    pub fn contains(self, other: Period) -> bool {
        self.year == other.year && self.first <= other.first && other.last <= self.last
    }

    /// 同比: the same period a year earlier.
    pub fn year_earlier(self) -> Period {
        Period {
            year: self.year - 1,
            ..self
        }
    }

    /// 环比: the period of the same length just before this one — the previous month,
    /// quarter, half or year (2024-Q1 → 2023-Q4). A year-to-date span has none: its
    /// documents compare only with the year before.
    pub fn previous(self) -> Option<Period> {
        self.shifted(-1)
    }

    /// The period of the same length just after this one (2024-Q4 → 2025-Q1).
    pub fn following(self) -> Option<Period> {
        self.shifted(1)
    }

    /// Moves a regular period (month, quarter, half, year) by `steps` of its own length.
    fn shifted(self, steps: i32) -> Option<Period> {
        if self.kind() == PeriodKind::Span {
            return None;
        }
        let len = i32::from(self.len_months());
        let index = self.year * 12 + i32::from(self.first) - 1 + steps * len;
        let first = u8::try_from(index.rem_euclid(12) + 1).expect("a month");
        Period::months_of(index.div_euclid(12), first, first + self.len_months() - 1)
    }

    /// The shorter periods that make up this one, in order: a year's halves, a half's
    /// quarters, a quarter's months; a span is tiled by the longest of these that fit
    /// (1—9月: 上半年, 第三季度). A month has none.
    pub fn parts(self) -> Vec<Period> {
        let step = match self.kind() {
            PeriodKind::Month(_) => return Vec::new(),
            PeriodKind::Quarter(_) => 1,
            PeriodKind::Half(_) => 3,
            PeriodKind::Year => 6,
            PeriodKind::Span => return self.tiles(),
        };
        (self.first..=self.last)
            .step_by(usize::from(step))
            .map(|f| Period {
                first: f,
                last: f + step - 1,
                ..self
            })
            .collect()
    }

    /// A span cut into the longest aligned halves, quarters and months that fit in it.
    fn tiles(self) -> Vec<Period> {
        let mut out = Vec::new();
        let mut first = self.first;
        while first <= self.last {
            let len = [6, 3, 1]
                .into_iter()
                .find(|&len| (first - 1) % len == 0 && first + len - 1 <= self.last)
                .expect("a month always fits");
            out.push(Period {
                first,
                last: first + len - 1,
                ..self
            });
            first += len;
        }
        out
    }

    /// The period this one is a part of: a month's quarter, a quarter's half, a half's
    /// year. A year and a span have none.
    pub fn whole(self) -> Option<Period> {
        let len = match self.kind() {
            PeriodKind::Month(_) => 3,
            PeriodKind::Quarter(_) => 6,
            PeriodKind::Half(_) => 12,
            PeriodKind::Year | PeriodKind::Span => return None,
        };
        let first = (self.first - 1) / len * len + 1;
        Period::months_of(self.year, first, first + len - 1)
    }

    /// Sort key: by year, then by the last month covered, then shorter periods first,
    /// so 2024-03 < 2024-Q1 < 2024-06 < 2024-Q2 < 2024-H1 < … < 2024-01~09 < … < 2024.
    fn sort_key(self) -> (i32, u8, u8) {
        (self.year, self.last, self.len_months())
    }
}

/// Of `periods`, the run to draw as a trend: the regular kind (months, quarters or
/// halves) with the most periods, the coarser on a tie — a unit's own cadence, not the
/// halves derived from its quarters nor the months a single village reports. Empty
/// when no kind has two.
pub fn series(periods: &[Period]) -> Vec<Period> {
    let kinds = [
        |k: PeriodKind| matches!(k, PeriodKind::Half(_)),
        |k: PeriodKind| matches!(k, PeriodKind::Quarter(_)),
        |k: PeriodKind| matches!(k, PeriodKind::Month(_)),
    ];
    let runs = kinds.iter().map(|is| {
        periods
            .iter()
            .copied()
            .filter(|p| is(p.kind()))
            .collect::<Vec<_>>()
    });
    let mut best: Vec<Period> = Vec::new();
    for run in runs {
        if run.len() > best.len() {
            best = run;
        }
    }
    if best.len() < 2 {
        best.clear();
    }
    best
}

/// The period a front page leads with: the latest of the series (a quarterly unit's
/// last quarter, not the half derived from it), else the latest shorter than a year.
pub fn latest(periods: &[Period]) -> Option<Period> {
    series(periods)
        .last()
        .copied()
        .or_else(|| periods.iter().copied().filter(|p| !p.is_annual()).max())
}

/// The periods a unit's table of figures shows: its series, its years, and any other
/// period it has a file of its own for (a 1—9月 report), oldest first.
pub fn tabulated(periods: &[Period], has_file: impl Fn(Period) -> bool) -> Vec<Period> {
    let run = series(periods);
    periods
        .iter()
        .copied()
        .filter(|p| run.contains(p) || p.is_annual() || has_file(*p))
        .collect()
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
        let y = self.year;
        match self.kind() {
            PeriodKind::Month(m) => write!(f, "{y}-{m:02}"),
            PeriodKind::Quarter(q) => write!(f, "{y}-Q{q}"),
            PeriodKind::Half(h) => write!(f, "{y}-H{h}"),
            PeriodKind::Year => write!(f, "{y}"),
            PeriodKind::Span => write!(f, "{y}-{:02}~{:02}", self.first, self.last),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsePeriodError {
    pub text: String,
    /// The usual name of a span written as months (`2024-01~06` is `2024-H1`).
    pub canonical: Option<Period>,
}

impl fmt::Display for ParsePeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.canonical {
            Some(p) => write!(f, "“{}”有通用的写法，请写作 {p}", self.text),
            None => write!(
                f,
                "“{}”不是期间：应写作 2024-H1（上半年）、2024-H2（下半年）、2024（年度）、\
                 2024-Q1（第一季度）、2024-03（3月）或 2024-01~09（1—9月累计）",
                self.text
            ),
        }
    }
}

impl FromStr for Period {
    type Err = ParsePeriodError;

    fn from_str(s: &str) -> Result<Period, ParsePeriodError> {
        let err = || ParsePeriodError {
            text: s.to_string(),
            canonical: None,
        };
        let (year_text, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        let year = digits(year_text, 4).ok_or_else(err)?;
        if !(1949..=2999).contains(&year) {
            return Err(err());
        }
        let Some(rest) = rest else {
            return Ok(Period::year(year));
        };
        let period = match rest.split_once('~') {
            Some((from, to)) => year_to_date(year, from, to),
            None => regular(year, rest),
        }
        .ok_or_else(err)?;
        // One span, one name: 2024-01~06 is written 2024-H1, so files cannot disagree.
        if rest.contains('~') && period.kind() != PeriodKind::Span {
            return Err(ParsePeriodError {
                text: s.to_string(),
                canonical: Some(period),
            });
        }
        Ok(period)
    }
}

/// `H1`, `Q3`, `03` after the year.
fn regular(year: i32, rest: &str) -> Option<Period> {
    let number = |prefix: char, max: i32| {
        let n = digits(rest.strip_prefix(prefix)?, 1)?;
        u8::try_from(n)
            .ok()
            .filter(|n| (1..=max).contains(&i32::from(*n)))
    };
    if let Some(h) = number('H', 2) {
        return Some(Period::half(year, h));
    }
    if let Some(q) = number('Q', 4) {
        return Some(Period::quarter(year, q));
    }
    let m = u8::try_from(digits(rest, 2)?).ok()?;
    (1..=12).contains(&m).then(|| Period::month(year, m))
}

/// `01~09`: from January to the given month; a span starting elsewhere is no report.
fn year_to_date(year: i32, from: &str, to: &str) -> Option<Period> {
    if digits(from, 2)? != 1 {
        return None;
    }
    let last = u8::try_from(digits(to, 2)?).ok()?;
    Period::months_of(year, 1, last).filter(|p| p.last > 1)
}

/// `text` as a number when it is exactly `width` ASCII digits.
fn digits(text: &str, width: usize) -> Option<i32> {
    (text.len() == width && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn ids(v: &[Period]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn parses_and_prints_every_kind() {
        assert_eq!(p("2024-H1"), Period::half(2024, 1));
        assert_eq!(p("2024-H2"), Period::half(2024, 2));
        assert_eq!(p("2024"), Period::year(2024));
        assert_eq!(p("2024-Q3"), Period::quarter(2024, 3));
        assert_eq!(p("2024-03"), Period::month(2024, 3));
        assert_eq!(p("2024-01~09"), Period::months_of(2024, 1, 9).unwrap());
        for s in [
            "2024-H1", "2024-H2", "2024", "2024-Q1", "2024-Q4", "2024-03", "2024-12",
        ] {
            assert_eq!(p(s).to_string(), s);
        }
        assert_eq!(p("2024-01~09").to_string(), "2024-01~09");
        assert_eq!(p("2024-01~11").kind(), PeriodKind::Span);
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
            "2024-13",
            "2024-00",
            "2024-3",
            "2024-Q0",
            "2024-Q5",
            "2024-q1",
            "2024-01~13",
            "2024-04~09",
            "2024-01~01",
            "2024-01~9",
            "2024-09~01",
            "",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s} should be rejected");
        }
    }

    #[test]
    fn a_span_with_a_usual_name_must_use_it() {
        for (s, name) in [
            ("2024-01~03", "2024-Q1"),
            ("2024-01~06", "2024-H1"),
            ("2024-01~12", "2024"),
        ] {
            let e = s.parse::<Period>().unwrap_err();
            assert_eq!(e.canonical.map(|c| c.to_string()).as_deref(), Some(name));
            assert!(e.to_string().contains(&format!("请写作 {name}")), "{e}");
        }
    }

    #[test]
    fn year_on_year_and_previous_period() {
        // 同比: same span, one year back.
        assert_eq!(p("2024-H1").year_earlier(), p("2023-H1"));
        assert_eq!(p("2024").year_earlier(), p("2023"));
        assert_eq!(p("2024-Q3").year_earlier(), p("2023-Q3"));
        assert_eq!(p("2024-01~09").year_earlier(), p("2023-01~09"));
        // 环比: the period of the same length just before, across the new year.
        assert_eq!(p("2024-H2").previous(), Some(p("2024-H1")));
        assert_eq!(p("2024-H1").previous(), Some(p("2023-H2")));
        assert_eq!(p("2024").previous(), Some(p("2023")));
        assert_eq!(p("2024-Q1").previous(), Some(p("2023-Q4")));
        assert_eq!(p("2024-Q3").previous(), Some(p("2024-Q2")));
        assert_eq!(p("2024-01").previous(), Some(p("2023-12")));
        assert_eq!(p("2024-07").previous(), Some(p("2024-06")));
        assert_eq!(p("2024-01~09").previous(), None);
        assert_eq!(p("2024-Q4").following(), Some(p("2025-Q1")));
    }

    #[test]
    fn sorts_shorter_periods_before_those_ending_with_them() {
        let mut v: Vec<Period> = [
            "2024",
            "2024-Q4",
            "2023-H2",
            "2024-01~09",
            "2024-H2",
            "2024-03",
            "2024-Q1",
            "2023",
            "2024-H1",
            "2024-Q3",
            "2024-06",
            "2024-Q2",
        ]
        .map(p)
        .to_vec();
        v.sort();
        assert_eq!(
            ids(&v),
            [
                "2023-H2",
                "2023",
                "2024-03",
                "2024-Q1",
                "2024-06",
                "2024-Q2",
                "2024-H1",
                "2024-Q3",
                "2024-01~09",
                "2024-Q4",
                "2024-H2",
                "2024"
            ]
        );
    }

    #[test]
    fn file_names_sort_as_the_periods_do_within_a_kind() {
        let names = ["2024-01", "2024-01~09", "2024-02", "2024-10", "2024-12"];
        let mut sorted = names;
        sorted.sort();
        assert_eq!(sorted, names, "a span's file sits beside its first month");
    }

    #[test]
    fn parts_and_wholes_nest() {
        assert_eq!(ids(&p("2024").parts()), ["2024-H1", "2024-H2"]);
        assert_eq!(ids(&p("2024-H2").parts()), ["2024-Q3", "2024-Q4"]);
        assert_eq!(
            ids(&p("2024-Q2").parts()),
            ["2024-04", "2024-05", "2024-06"]
        );
        assert!(p("2024-05").parts().is_empty());
        assert_eq!(ids(&p("2024-01~09").parts()), ["2024-H1", "2024-Q3"]);
        assert_eq!(
            ids(&p("2024-01~11").parts()),
            ["2024-H1", "2024-Q3", "2024-10", "2024-11"]
        );
        assert_eq!(
            ids(&p("2024-01~05").parts()),
            ["2024-Q1", "2024-04", "2024-05"]
        );
        assert_eq!(p("2024-05").whole(), Some(p("2024-Q2")));
        assert_eq!(p("2024-Q3").whole(), Some(p("2024-H2")));
        assert_eq!(p("2024-H2").whole(), Some(p("2024")));
        assert_eq!(p("2024").whole(), None);
        assert_eq!(p("2024-01~09").whole(), None);
        assert!(p("2024").contains(p("2024-Q3")) && !p("2024-H1").contains(p("2024-Q3")));
    }

    #[test]
    fn a_series_is_the_kind_with_most_periods() {
        let have = ["2024-Q1", "2024-Q2", "2024-H1", "2024", "2024-01~09"].map(p);
        assert_eq!(ids(&series(&have)), ["2024-Q1", "2024-Q2"]);
        // Quarters derived into halves: still the quarters; three months of a village
        // do not outnumber them.
        let quarterly = [
            "2024-Q1", "2024-Q2", "2024-H1", "2024-Q3", "2024-Q4", "2024-H2", "2024", "2025-01",
            "2025-02", "2025-03",
        ]
        .map(p);
        assert_eq!(series(&quarterly).len(), 4);
        // Two halves and two quarters: the coarser.
        let tie = ["2023-H1", "2023-H2", "2024-Q1", "2024-Q2"].map(p);
        assert_eq!(ids(&series(&tie)), ["2023-H1", "2023-H2"]);
        assert!(series(&[p("2024"), p("2024-03")]).is_empty());
    }

    #[test]
    fn the_latest_is_the_last_of_the_series() {
        let quarterly = ["2025-Q3", "2025-01~09", "2025-Q4", "2025-H2", "2025"].map(p);
        assert_eq!(latest(&quarterly), Some(p("2025-Q4")));
        let one_half = ["2024", "2025-H1"].map(p);
        assert_eq!(latest(&one_half), Some(p("2025-H1")));
        assert_eq!(latest(&[p("2025")]), None);
    }

    #[test]
    fn a_units_table_shows_its_series_its_years_and_its_own_files() {
        let have = [
            "2024-Q1",
            "2024-Q2",
            "2024-H1",
            "2024-Q3",
            "2024-01~09",
            "2024",
        ]
        .map(p);
        let own = |q: Period| q == p("2024-01~09");
        assert_eq!(
            ids(&tabulated(&have, own)),
            ["2024-Q1", "2024-Q2", "2024-Q3", "2024-01~09", "2024"]
        );
    }
}
