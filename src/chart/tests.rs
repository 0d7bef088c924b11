//! What the pages rely on, for each kind of chart the reports draw.

use super::style::{self, bar_fill, line_colour};
use super::*;

fn series(name: &str, values: &[Option<f64>]) -> Series {
    Series {
        name: name.to_string(),
        values: values.to_vec(),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// 1. Main count indicators, this period vs 同期 vs 上期, each indicator on its own scale.
fn overview() -> BarChart {
    BarChart {
        id: "overview".into(),
        title: "主要指标同比环比".into(),
        categories: strings(&[
            "排查隐患",
            "已整改隐患",
            "应急演练",
            "安全培训人次",
            "安全检查",
        ]),
        series: vec![
            series(
                "2024年上半年",
                &[
                    Some(132.0),
                    Some(118.0),
                    Some(4.0),
                    Some(1260.0),
                    Some(36.0),
                ],
            ),
            series(
                "2023年上半年",
                &[Some(98.0), Some(95.0), Some(3.0), None, Some(30.0)],
            ),
            series(
                "2023年下半年",
                &[Some(120.0), Some(111.0), Some(5.0), Some(980.0), Some(0.0)],
            ),
        ],
        axis: BarAxis::PerCategory,
        ..BarChart::default()
    }
}

/// 2. Found vs rectified per sub-unit, weakest 整改率 first.
fn rectification_by_unit() -> BarChart {
    let units = [
        "一分厂",
        "二分厂",
        "机修车间",
        "第三项目部（城东）",
        "物流中心",
    ];
    let found = [40.0, 25.0, 12.0, 30.0, 0.0];
    let fixed = [38.0, 25.0, 9.0, 21.0, 0.0];
    let rates: Vec<Option<f64>> = (found.iter().zip(&fixed))
        .map(|(f, r)| (*f > 0.0).then(|| r / f))
        .collect();
    let mut chart = BarChart {
        id: "rectification".into(),
        title: "各单位隐患排查与整改情况".into(),
        categories: strings(&units),
        notes: (rates.iter())
            .map(|r| {
                r.map_or("整改率 —".into(), |r| {
                    format!("整改率 {:.1}%", r * 100.0)
                })
            })
            .collect(),
        series: vec![
            series("排查隐患", &found.map(Some)),
            series(
                "已整改",
                &[Some(38.0), Some(25.0), Some(9.0), None, Some(0.0)],
            ),
        ],
        unit: "处".into(),
        ..BarChart::default()
    };
    chart.sort_categories_by(&rates);
    chart
}

/// 2b/3b/4. Plain bars: drills per sub-unit, counts per period, units on the latest period.
fn drills_per_period() -> BarChart {
    BarChart {
        id: "drills".into(),
        title: "应急演练次数".into(),
        categories: strings(&[
            "2022年上半年",
            "2022年下半年",
            "2023年上半年",
            "2023年下半年",
            "2024年上半年",
        ]),
        series: vec![series(
            "应急演练",
            &[Some(3.0), Some(5.0), None, Some(6.0), Some(4.0)],
        )],
        unit: "次".into(),
        ..BarChart::default()
    }
}

/// 3. 整改率 and 培训覆盖率 over periods against the 100% target.
fn rates_trend() -> LineChart {
    LineChart {
        id: "trend".into(),
        title: "隐患整改率与培训覆盖率趋势".into(),
        categories: strings(&[
            "2022年上半年",
            "2022年下半年",
            "2023年上半年",
            "2023年下半年",
            "2024年上半年",
        ]),
        series: vec![
            series(
                "隐患整改率",
                &[Some(0.912), Some(0.95), None, Some(0.983), Some(1.0)],
            ),
            series(
                "培训覆盖率",
                &[Some(0.85), Some(0.9), Some(0.97), None, Some(1.0)],
            ),
        ],
        scale: Scale::Percent,
        decimals: 1,
        target: Some(Target {
            label: "目标".into(),
            value: 1.0,
        }),
        ..LineChart::default()
    }
}

/// 4. Top-level units compared on the latest period, as percentages.
fn units_latest() -> BarChart {
    BarChart {
        id: "units".into(),
        title: "各单位隐患整改率（2024年上半年）".into(),
        categories: strings(&[
            "市应急管理局直属单位",
            "甲区",
            "乙区",
            "丙县",
            "丁县",
            "戊开发区",
        ]),
        series: vec![series(
            "2024年上半年",
            &[
                Some(0.962),
                Some(1.0),
                Some(0.874),
                None,
                Some(0.931),
                Some(0.0),
            ],
        )],
        scale: Scale::Percent,
        decimals: 1,
        ..BarChart::default()
    }
}

/// Twelve half-years of a count, as a line: labels must wrap, not collide.
fn long_trend() -> LineChart {
    let periods: Vec<String> = (2019..2025)
        .flat_map(|y| [format!("{y}年上半年"), format!("{y}年下半年")])
        .collect();
    let values = (0..12)
        .map(|i| (i != 5).then_some(f64::from(80 + i * 7 % 30)))
        .collect::<Vec<_>>();
    LineChart {
        id: "long".into(),
        title: "排查隐患数量趋势".into(),
        categories: periods,
        series: vec![series("排查隐患", &values)],
        unit: "处".into(),
        ..LineChart::default()
    }
}

/// Thirty sub-units with long names: labels must turn and shorten, never collide.
fn many_units() -> BarChart {
    let names: Vec<String> = (1..=30).map(|i| format!("第{i}分公司安全环保部")).collect();
    let values: Vec<Option<f64>> = (1..=30)
        .map(|i| (i % 7 != 0).then_some(f64::from(i * 37 % 101)))
        .collect();
    BarChart {
        id: "many".into(),
        title: "各下属单位排查隐患数量".into(),
        categories: names,
        series: vec![series("2024年上半年", &values)],
        unit: "处".into(),
        ..BarChart::default()
    }
}

struct Parsed {
    texts: Vec<String>,
    /// `fill` of every filled rectangle (named `rect`), `<circle>` and `<polygon>`, in order.
    shapes: Vec<(String, String)>,
    title: String,
    desc: String,
}

/// Parses `svg` as XML (failing the test if it is not) and collects what a reader sees.
fn parse(svg: &str) -> Parsed {
    let doc = roxmltree::Document::parse(svg).expect("chart is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let child_text = |name: &str| {
        (root.children())
            .find(|n| n.tag_name().name() == name)
            .map(|n| n.text().unwrap_or_default().to_string())
            .unwrap_or_else(|| panic!("no <{name}> child of <svg>"))
    };
    let title = child_text("title");
    let desc = child_text("desc");
    let texts = (doc.descendants())
        .filter(|n| n.tag_name().name() == "text")
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect();
    let shapes = (doc.descendants())
        .filter_map(|n| Some((n, paint(n, "fill")?)))
        .flat_map(|(n, fill)| {
            let tag = n.tag_name().name();
            // A run of bars is one path of closed rectangles (`chart::marks`): one each.
            let count = match tag {
                "path" => n.attribute("d").unwrap_or_default().matches('z').count(),
                "circle" | "polygon" => 1,
                _ => 0,
            };
            let tag = if tag == "path" { "rect" } else { tag };
            std::iter::repeat_n((tag.to_string(), fill), count)
        })
        .collect();
    Parsed {
        texts,
        shapes,
        title,
        desc,
    }
}

/// The colour `property` (fill, stroke) of an element: its attribute, or the rule of the
/// charts' stylesheet for one of its classes or its group's (fill and stroke rules name one
/// colour each).
fn paint(node: roxmltree::Node, property: &str) -> Option<String> {
    if let Some(colour) = node.attribute(property) {
        return Some(colour.to_string());
    }
    let css = style::css();
    let group = node.parent_element().filter(|g| g.has_tag_name("g"));
    let classes = [
        node.attribute("class"),
        group.and_then(|g| g.attribute("class")),
    ];
    classes
        .into_iter()
        .flatten()
        .flat_map(|c| c.split(' '))
        .find_map(|class| {
            let rule = format!(".{} .{class}{{{property}:", style::ROOT_CLASS);
            let at = css.find(&rule)? + rule.len();
            Some(css[at..].split('}').next()?.to_string())
        })
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

impl Parsed {
    fn has_text(&self, s: &str) -> bool {
        self.texts.iter().any(|t| t == s)
    }
    /// A period label written whole ("2024年上半年") or wrapped after 年 ("2024年" / "上半年").
    fn has_period(&self, period: &str) -> bool {
        self.has_text(period)
            || period.split_once('年').is_some_and(|(year, span)| {
                self.has_text(&format!("{year}年")) && self.has_text(span)
            })
    }
    fn count_text(&self, s: &str) -> usize {
        self.texts.iter().filter(|t| *t == s).count()
    }
    fn count_shapes(&self, tag: &str, fill: &str) -> usize {
        (self.shapes.iter())
            .filter(|(t, f)| t == tag && f == fill)
            .count()
    }
}

/// `svg` with each element on a line of its own, for a snapshot that reads as a diff.
fn one_element_a_line(svg: &str) -> String {
    svg.replace("><", ">\n<")
}

fn assert_accessible(svg: &str, id: &str) {
    assert!(svg.starts_with("<svg "));
    let open = &svg[..svg.find('>').unwrap()];
    for attr in [
        "role=\"img\"".to_string(),
        format!("aria-labelledby=\"{id}-title\""),
        format!("aria-describedby=\"{id}-desc\""),
        format!("viewBox=\"0 0 {} {}\"", super::WIDTH, super::HEIGHT),
    ] {
        assert!(open.contains(&attr), "{attr} missing in {open}");
    }
}

#[test]
fn overview_shows_every_indicator_and_value_with_per_indicator_scaling_said() {
    let chart = overview();
    let svg = bar_svg(&chart);
    let p = parse(&svg);
    assert_accessible(&svg, "overview");
    assert_eq!(p.title, "主要指标同比环比");
    // The page writes the title above the chart; drawn inside it would shrink on a phone.
    assert!(!p.has_text("主要指标同比环比"));
    for label in &chart.categories {
        assert!(p.has_text(label), "category {label}");
    }
    for value in ["132", "98", "120", "1260", "980", "4", "0"] {
        assert!(p.has_text(value), "value {value}");
    }
    for name in ["2024年上半年", "2023年上半年", "2023年下半年"] {
        assert!(p.has_text(name), "legend {name}");
    }
    assert!(p.texts.iter().any(|t| t.contains("各自的纵轴")));
    // Each panel has an axis of its own from 0 to a round top: 150 for 隐患, 1500 for 培训人次, 5 for 演练.
    assert!(p.has_text("150") && p.has_text("1500") && p.has_text("5") && p.has_text("40"));
    // The description says what is shown and where the numbers are, without repeating them.
    assert_eq!(
        p.desc,
        "柱形图：横轴为排查隐患至安全检查共5项，柱依次为2024年上半年、2023年上半年、\
         2023年下半年。每个指标有各自的纵轴，从0开始。各数值见图下数据表。"
    );
}

#[test]
fn overview_panels_wrap_long_indicator_names_instead_of_cutting_them() {
    let mut chart = overview();
    chart.categories[0] = "检查生产经营单位（家次）".into();
    chart.categories[1] = "重大隐患已整改（处）".into();
    let p = parse(&bar_svg(&chart));
    assert!(!p.texts.iter().any(|t| t.contains('…')), "{:?}", p.texts);
    let joined: String = p.texts.concat();
    assert!(joined.contains("检查生产经营单位") && joined.contains("（家次）"));
}

#[test]
fn missing_bar_is_not_drawn_and_says_no_data() {
    let svg = bar_svg(&overview());
    let p = parse(&svg);
    assert_eq!(p.count_text("无数据"), 1);
    // Five bars per series, one legend swatch each; 2023年上半年 misses one bar.
    assert_eq!(p.count_shapes("rect", &hex(bar_fill(0))), 5 + 1);
    assert_eq!(p.count_shapes("rect", &hex(bar_fill(1))), 4 + 1);
    // A zero is a value: its bar (flat) and its label are there.
    assert_eq!(p.count_shapes("rect", &hex(bar_fill(2))), 5 + 1);
}

#[test]
fn rectification_chart_puts_weakest_unit_first_with_its_rate() {
    let chart = rectification_by_unit();
    assert_eq!(
        chart.categories,
        [
            "第三项目部（城东）",
            "机修车间",
            "一分厂",
            "二分厂",
            "物流中心"
        ]
    );
    assert_eq!(chart.notes[0], "整改率 70.0%");
    assert_eq!(
        chart.series[1].values[0], None,
        "values move with their unit"
    );
    let p = parse(&bar_svg(&chart));
    for note in [
        "整改率 70.0%",
        "整改率 75.0%",
        "整改率 95.0%",
        "整改率 100.0%",
        "整改率 —",
    ] {
        assert!(p.has_text(note), "note {note}");
    }
    assert!(p.has_text("单位：处"));
    assert!(p.has_text("无数据"));
    assert_eq!(
        p.desc,
        "柱形图：横轴为第三项目部（城东）至物流中心共5项，柱依次为排查隐患、已整改；\
         单位：处。各数值见图下数据表。"
    );
}

#[test]
fn single_series_bars_have_no_legend_and_a_gap_for_missing_periods() {
    let chart = drills_per_period();
    let p = parse(&bar_svg(&chart));
    assert!(!p.has_text("应急演练"), "one series needs no legend");
    for label in ["3", "5", "6", "4"] {
        assert!(p.has_text(label));
    }
    assert_eq!(p.count_shapes("rect", &hex(bar_fill(0))), 4);
    assert_eq!(p.count_text("无数据"), 1);
    assert!(p.desc.starts_with("柱形图：横轴为"), "{}", p.desc);
    assert!(p.desc.contains("柱依次为应急演练"), "{}", p.desc);
}

#[test]
fn trend_of_high_rates_zooms_its_axis_says_so_and_keeps_target_and_gaps() {
    let chart = rates_trend();
    let svg = line_svg(&chart);
    assert_accessible(&svg, "trend");
    let p = parse(&svg);
    // 85%–100% on a 0–100% axis would be a flat band at the top: the axis starts at 80%,
    // marked as not starting at 0.
    assert!(p.has_text("80%") && p.has_text("100%"));
    assert!(!p.has_text("0%") && !p.has_text("20%"));
    assert!(p.has_text("纵轴从80%起"));
    assert!(!p.has_text("120%"), "percent axis stops at 100%");
    assert!(p.has_text("目标 100%"));
    for label in ["91.2%", "95%", "98.3%", "85%", "97%"] {
        assert!(p.has_text(label), "value {label}");
    }
    for period in &chart.categories {
        assert!(p.has_period(period), "period {period}");
    }
    // One marker per value (4 each), plus one in the legend and one leading the series' 无数据.
    assert_eq!(p.count_shapes("circle", &hex(line_colour(0))), 4 + 1 + 1);
    assert_eq!(p.count_shapes("polygon", &hex(line_colour(1))), 4 + 1 + 1);
    assert_eq!(p.count_text("无数据"), 2);
    assert_eq!(
        p.desc,
        "折线图：横轴为2022年上半年至2024年上半年共5项，折线依次为隐患整改率、培训覆盖率。\
         目标 100%。各数值见图下数据表。"
    );
}

#[test]
fn a_missing_period_breaks_the_line() {
    let svg = line_svg(&rates_trend());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Series 0 is solid: one line per unbroken run (2022上–2022下, 2023下–2024上), plus
    // the legend sample; lines drawn one after another share a path, one `M` each.
    let solid: usize = (doc.descendants())
        .filter(|n| n.tag_name().name() == "path")
        .filter(|n| paint(*n, "stroke") == Some(hex(line_colour(0))))
        .filter(|n| n.attribute("class").is_some_and(|c| c.contains("w2")))
        .map(|n| n.attribute("d").unwrap().matches('M').count())
        .sum();
    assert_eq!(solid, 2 + 1);
}

#[test]
fn long_and_many_labels_are_shortened_not_dropped() {
    let chart = many_units();
    let p = parse(&bar_svg(&chart));
    // Every category still has a (shortened) label; the full names are in the table the
    // page puts under the chart, and the description names the first and the last.
    let labels = p.texts.iter().filter(|t| t.starts_with('第')).count();
    assert_eq!(labels, 30);
    assert!(p.texts.iter().any(|t| t.ends_with('…')));
    let (first, last) = (&chart.categories[0], &chart.categories[29]);
    assert!(
        p.desc.contains(&format!("{first}至{last}共30项")),
        "{}",
        p.desc
    );
    assert_eq!(p.count_text("无数据"), 4);
}

#[test]
fn percent_bars_run_to_100_percent_and_keep_zero_apart_from_missing() {
    let p = parse(&bar_svg(&units_latest()));
    assert!(p.has_text("100%") && !p.has_text("120%"));
    for label in ["96.2%", "100%", "87.4%", "93.1%", "0%"] {
        assert!(p.has_text(label), "value {label}");
    }
    assert_eq!(p.count_text("无数据"), 1);
    assert_eq!(p.count_shapes("rect", &hex(bar_fill(0))), 5);
    // Percentages have no 单位 line.
    assert!(!p.desc.contains("单位："), "{}", p.desc);
}

#[test]
fn long_trends_wrap_period_labels_and_keep_every_period() {
    let chart = long_trend();
    let p = parse(&line_svg(&chart));
    // Twelve periods do not fit on one line each: each wraps after 年 or turns vertical,
    // and every one is still labelled in full.
    for period in &chart.categories {
        assert!(p.has_period(period), "period {period}");
    }
    assert_eq!(p.count_text("无数据"), 1);
    assert!(p.desc.contains("；单位：处。"), "{}", p.desc);
    assert!(p.has_text("单位：处"));
}

#[test]
fn text_is_escaped_and_empty_charts_still_render() {
    let chart = BarChart {
        id: "x\"<y".into(),
        title: "A & B <C>".into(),
        categories: strings(&["R&D \"一\""]),
        series: vec![series("<s>", &[Some(1.0)])],
        ..BarChart::default()
    };
    let p = parse(&bar_svg(&chart));
    assert_eq!(p.title, "A & B <C>");
    assert!(p.has_text("R&D \"一\""));
    let empty = parse(&line_svg(&LineChart::default()));
    assert_eq!(empty.desc, "无数据。");
    assert!(empty.has_text("无数据"));
}

#[test]
fn same_input_gives_the_same_bytes() {
    assert_eq!(bar_svg(&overview()), bar_svg(&overview()));
    assert_eq!(
        bar_svg(&rectification_by_unit()),
        bar_svg(&rectification_by_unit())
    );
    assert_eq!(line_svg(&rates_trend()), line_svg(&rates_trend()));
}

#[test]
fn text_uses_the_cjk_font_stack() {
    assert!(style::css().contains(
        ".zc{background:#fff;font-family:\"Noto Sans CJK SC\", \"Source Han Sans SC\", \
         \"Microsoft YaHei\", \"PingFang SC\", sans-serif;"
    ));
    let svg = bar_svg(&drills_per_period());
    assert!(svg.starts_with("<svg ") && svg[..svg.find('>').unwrap()].contains("class=\"zc\""));
}

#[test]
fn snapshot_grouped_bars() {
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!("chart_overview", one_element_a_line(&bar_svg(&overview())));
    });
}

#[test]
fn snapshot_rectification_bars() {
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!("chart_rectification", one_element_a_line(&bar_svg(&rectification_by_unit())));
    });
}

#[test]
fn snapshot_trend_lines() {
    insta::with_settings!({snapshot_path => "../snapshots"}, {
        insta::assert_snapshot!("chart_trend", one_element_a_line(&line_svg(&rates_trend())));
    });
}

/// Writes every sample into /tmp/charts/index.html for a look in a browser:
/// `cargo test --lib chart::tests::write_samples -- --ignored`.
#[test]
#[ignore]
fn write_samples() {
    let dir = std::path::Path::new("/tmp/charts");
    std::fs::create_dir_all(dir).unwrap();
    let svgs = [
        bar_svg(&overview()),
        bar_svg(&rectification_by_unit()),
        bar_svg(&drills_per_period()),
        line_svg(&rates_trend()),
        bar_svg(&many_units()),
        bar_svg(&units_latest()),
        line_svg(&long_trend()),
    ];
    let mut html = String::from(
        "<!doctype html><meta charset=utf-8><style>body{margin:8px;width:860px}\
         svg{width:100%;height:auto;border:1px solid #ccc;display:block;margin-bottom:8px}\
         .half{width:430px}</style>\n",
    );
    for (i, svg) in svgs.iter().enumerate() {
        std::fs::write(dir.join(format!("{i}.svg")), svg).unwrap();
        html.push_str(svg);
    }
    html.push_str("<div class=half>");
    html.push_str(&bar_svg(&overview()));
    html.push_str("</div>");
    std::fs::write(dir.join("index.html"), html).unwrap();
}

/// Charts per second in this build: `cargo test --release --lib chart::tests::throughput --
/// --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let (bars, lines) = (rectification_by_unit(), rates_trend());
    let n = 5000;
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        bytes += bar_svg(&bars).len() + line_svg(&lines).len();
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "{:.0} charts/s ({:.3} ms each, {} bytes average)",
        f64::from(2 * n) / elapsed,
        elapsed * 1000.0 / f64::from(2 * n),
        bytes / (2 * n as usize)
    );
}

#[test]
fn a_series_bars_are_one_path_of_rectangles_filled_and_outlined() {
    let svg = bar_svg(&drills_per_period());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let filled: Vec<_> = (doc.descendants())
        .filter(|n| n.tag_name().name() == "path" && paint(*n, "fill").is_some())
        .collect();
    // Four periods with a value: four closed rectangles in one element, filled and outlined.
    let [bars] = filled[..] else {
        panic!("one path of bars, not {}", filled.len());
    };
    let d = bars.attribute("d").unwrap();
    assert_eq!(
        (d.matches('M').count(), d.matches('z').count()),
        (4, 4),
        "{d}"
    );
    assert_eq!(paint(bars, "fill"), Some(hex(bar_fill(0))));
    assert_eq!(paint(bars, "stroke"), Some(hex(style::INK)));
}

#[test]
fn every_class_a_chart_uses_has_a_rule_in_the_stylesheet() {
    let css = style::css();
    let svgs = [
        bar_svg(&overview()),
        bar_svg(&rectification_by_unit()),
        line_svg(&rates_trend()),
        bar_svg(&many_units()),
        line_svg(&long_trend()),
    ];
    for svg in &svgs {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let classes = (doc.descendants())
            .filter(|n| n.tag_name().name() != "svg")
            .filter_map(|n| n.attribute("class"))
            .flat_map(|c| c.split(' '));
        for class in classes {
            let rule = format!(".{} .{class}{{", style::ROOT_CLASS);
            assert!(css.contains(&rule), "no rule for class {class}");
        }
        // Nothing is painted by attribute: every colour is in the palette.
        assert!(!svg.contains(" fill=\"") && !svg.contains(" stroke=\""));
    }
}

/// The colour resvg draws at (x, y) of `svg`, at its own size on white.
fn pixel(svg: &str, (x, y): (u32, u32)) -> (u8, u8, u8) {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).unwrap();
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).unwrap();
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let p = pixmap.pixel(x, y).unwrap();
    (p.red(), p.green(), p.blue())
}

#[test]
fn the_standalone_svg_draws_in_its_palette_without_the_site_stylesheet() {
    let svg = line_svg(&rates_trend());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let first = |tag: &str| {
        (doc.descendants())
            .find(|n| n.tag_name().name() == tag)
            .unwrap()
    };
    let number = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<u32>().unwrap();
    // The centre of the first point's filled circle, and a grid line.
    let circle = first("circle");
    let point = (number(circle, "cx"), number(circle, "cy"));
    let rgb = |c: plotters::style::RGBColor| (c.0, c.1, c.2);
    assert_eq!(pixel(&standalone(&svg), point), rgb(line_colour(0)));
    // Without its stylesheet the same SVG is drawn in SVG's default black.
    let bare = svg.replacen("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 1);
    assert_eq!(pixel(&bare, point), (0, 0, 0));
    let grid = (doc.descendants())
        .find(|n| n.attribute("class") == Some("sr"))
        .unwrap();
    let y: u32 = grid.attribute("d").unwrap()[4..7].parse().unwrap();
    // A 1 px line on a whole pixel row is spread over two rows: grey, lighter than GRID.
    let (r, g, b) = pixel(&standalone(&svg), (300, y));
    assert!(
        r == g && g == b && (style::GRID.0..255).contains(&r),
        "grid {r}"
    );
    assert_eq!(pixel(&bare, (300, y)), (255, 255, 255));
}
