use super::*;

fn ctx() -> Value {
    serde_json::json!({
        "hazards": {"found": 45, "rectified": 44, "rectification_rate": 0.977_777_777_777_777_8},
        "accidents": {"deaths": "—"},
        "yoy": {"hazards": {"found": "增长12.5%"}},
        "unit": {"name": "东村"},
    })
}

fn filled(body: &str) -> String {
    fill(body, &ctx(), 1).unwrap_or_else(|p| panic!("{body}: {p:?}"))
}

fn problem(body: &str) -> Problem {
    fill(body, &ctx(), 1).unwrap_err()
}

#[test]
fn figures_and_filters_fill_in() {
    assert_eq!(
        filled("隐患{{ hazards.found }}处，整改率{{hazards.rectification_rate|pct}}，{{ hazards.rectification_rate | pct(decimals=2) }}"),
        "隐患45处，整改率97.8%，97.78%"
    );
    assert_eq!(
        filled("死亡{{ accidents.deaths | num }}人，同比{{ yoy.hazards.found }}"),
        "死亡—人，同比增长12.5%"
    );
    assert_eq!(
        filled("{{ 3 | cn_num }}{{ 2 | heading(level=2) }}{{ \"2024-07-05\" | cn_date }}"),
        "三（二）2024年7月5日"
    );
    assert_eq!(filled("无模板的正文 {单花括号}"), "无模板的正文 {单花括号}");
}

#[test]
fn an_unknown_name_suggests_the_nearest() {
    let p = problem("第一行\n发现{{ hazard.found }}处");
    assert_eq!(p.message, "未知的名称 hazard.found，是不是 hazards.found？");
    // The name itself, on the second line: 发 现 { { space h → column 6.
    assert_eq!(p.line_col("第一行\n发现{{ hazard.found }}处"), (1, 6));
    let known = BTreeSet::from(["hazards.found".to_string()]);
    assert_eq!(check("{{ hazard.found }}", &known)[0].message, p.message);
    assert!(check("{{ hazards.found }}", &known).is_empty());
}

#[test]
fn an_unknown_filter_or_keyword_suggests_the_nearest() {
    assert_eq!(
        problem("{{ hazards.found | pcts }}").message,
        "未知的过滤器 pcts，是不是 pct？"
    );
    assert_eq!(
        problem("{{ hazards.found | pct(decimal=1) }}").message,
        "过滤器 pct 没有参数 decimal，是不是 decimals？"
    );
}

#[test]
fn statements_are_refused() {
    for body in [
        "{% for i in range(end=100000) %}x{% endfor %}",
        "{# note #}",
        "{%raw%}",
    ] {
        let p = problem(body);
        assert!(p.message.contains("不能使用"), "{body}: {p:?}");
        assert_eq!(p.at, 0);
    }
}

#[test]
fn numeric_arguments_are_bounded() {
    for body in [
        "{{ hazards.found | pct(decimals=70000) }}",
        "{{ hazards.found | num(decimals=7) }}",
        "{{ hazards.found | num(decimals=1.5) }}",
        "{{ hazards.found | pct(decimals=-1) }}",
        "{{ 1 | heading(level=5) }}",
    ] {
        assert!(problem(body).message.contains("超出范围"), "{body}");
    }
}

#[test]
fn syntax_problems_name_the_character() {
    assert!(problem("{{ hazards.found ｜ pct }}")
        .help
        .contains("半角“|”"));
    assert_eq!(problem("a{{ hazards.found").message, "{{ 没有对应的 }}");
    assert_eq!(problem("a{{ hazards.found").at, 1);
    assert!(problem("{{ }}").message.contains("没有写名称"));
    assert!(problem("{{ hazards.found | pct(decimals=1 }}")
        .message
        .contains("“)”"));
    assert!(problem("{{ unit.name | pct }}")
        .message
        .contains("只能用于数字"));
    assert!(problem("{{ \"x }}").message.contains("引号"));
}

#[test]
fn a_long_name_repeated_cannot_blow_up_a_body() {
    let ctx = serde_json::json!({"unit": {"name": "长".repeat(1 << 20)}});
    let body = "{{ unit.name }}".repeat(100_000);
    let p = fill(&body, &ctx, 1).unwrap_err();
    assert!(p.message.contains("超过 4 MB"), "{p:?}");
}

/// A small deterministic generator (xorshift), so the property below needs no crate and
/// runs the same cases every time.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Fuzz property: any body made of template-like fragments and arbitrary characters fills
/// or fails with a problem inside the body — never a panic — and the output stays within
/// a fixed multiple of the input.
#[test]
fn any_body_fills_or_fails_cleanly_and_boundedly() {
    const PARTS: &[&str] = &[
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "|",
        "(",
        ")",
        "=",
        ",",
        ".",
        "\"",
        "'",
        " ",
        "\n",
        "pct",
        "num",
        "points",
        "cn_num",
        "cn_date",
        "heading",
        "decimals",
        "level",
        "hazards",
        "found",
        "rectification_rate",
        "yoy",
        "unit",
        "name",
        "70000",
        "-1",
        "2",
        "1.5",
        "9e999",
        "隐患",
        "｜",
        "（",
        "\u{3000}",
        "\u{a0}",
        "é",
        "🙂",
        "{",
        "}",
        "_",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let ctx = ctx();
    for _ in 0..20_000 {
        let n = rng.next() % 24;
        let body: String = (0..n).map(|_| rng.pick(PARTS)).collect();
        match fill(&body, &ctx, 1) {
            Ok(out) => assert!(out.len() <= 64 * (body.len() + 1), "{body:?}"),
            Err(p) => {
                assert!(
                    p.at <= body.len() && body.is_char_boundary(p.at),
                    "{body:?}: {p:?}"
                );
                let _ = p.line_col(&body);
            }
        }
    }
}

#[test]
fn check_file_reports_every_body_at_its_place_without_rendering() {
    let catalog = Catalog::builtin();
    let known = names(&catalog);
    assert!(known.contains("hazards.found") && known.contains("yoy.hazards.found"));
    let body = |text: &str, line| Text {
        text: text.into(),
        loc: Loc { line, col: 7 },
    };
    let f = PeriodFile {
        path: "data/东村/2024-H1.yaml".into(),
        lead: Some(body("{{ hazard.found }}", 4)),
        work: vec![crate::model::Section {
            title: "排查".into(),
            title_loc: Loc::default(),
            body: Some(body("好\n{{ hazards.found | pct(decimals=9) }}", 9)),
        }],
        ..PeriodFile::default()
    };
    let mut d = Diagnostics::new();
    check_file(&f, &known, &mut d);
    let shown: Vec<String> = d.sorted().iter().map(|x| x.to_string()).collect();
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(
        shown[0].starts_with("错误: data/东村/2024-H1.yaml:4:10: “导语（lead）”"),
        "{shown:?}"
    );
    assert!(
        shown[1].starts_with("错误: data/东村/2024-H1.yaml:10:"),
        "{shown:?}"
    );
}
