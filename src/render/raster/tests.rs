//! Pictures of the charts the reports draw: their size, their text where it belongs, the
//! same bytes every time, and the same picture usvg would draw.

use super::*;
use crate::chart::{self, BarAxis, BarChart, LineChart, Scale, Series, Target};

/// Skips a test on a machine without a CJK font (it says what to install).
fn face() -> Option<&'static glyphs::Face> {
    let face = fonts().and_then(|f| f.face.as_ref());
    if face.is_none() {
        eprintln!("no CJK font: {NO_FONT_HELP}");
    }
    face
}

fn words() -> &'static crate::locale::ChartWords {
    &crate::locale::zh_cn().words.chart
}

fn series(name: &str, values: &[Option<f64>]) -> Series {
    Series {
        name: name.into(),
        values: values.to_vec(),
    }
}

/// Bars of twelve sub-units, so their labels turn vertical, one of them 无数据.
fn many_units() -> String {
    let categories: Vec<String> = (1..=12).map(|i| format!("第{i}村")).collect();
    let values: Vec<Option<f64>> = (1..=12)
        .map(|i| (i != 5).then_some(f64::from(i * 7)))
        .collect();
    chart::bar_svg(&BarChart {
        id: "units".into(),
        categories,
        series: vec![series("排查隐患", &values)],
        unit: "处".into(),
        words: words(),
        ..BarChart::default()
    })
}

/// The main-indicator overview: a panel per indicator, three series.
fn overview() -> String {
    chart::bar_svg(&BarChart {
        id: "overview".into(),
        categories: vec!["排查隐患".into(), "应急演练".into(), "安全培训人次".into()],
        series: vec![
            series("2024年上半年", &[Some(132.0), Some(4.0), Some(1260.0)]),
            series("2023年上半年", &[Some(98.0), Some(3.0), None]),
            series("2023年下半年", &[Some(120.0), Some(5.0), Some(980.0)]),
        ],
        axis: BarAxis::PerCategory,
        words: words(),
        ..BarChart::default()
    })
}

/// Two rates high up (a zoomed axis), a dashed target, a missing period.
fn rates() -> String {
    let periods = [
        "2022年上半年",
        "2022年下半年",
        "2023年上半年",
        "2023年下半年",
    ];
    chart::line_svg(&LineChart {
        id: "rates".into(),
        categories: periods.iter().map(|p| p.to_string()).collect(),
        series: vec![
            series("隐患整改率", &[Some(0.93), Some(0.95), None, Some(1.0)]),
            series(
                "培训覆盖率",
                &[Some(0.84), Some(0.89), Some(0.91), Some(0.98)],
            ),
        ],
        scale: Scale::Percent,
        decimals: 1,
        target: Some(Target {
            label: "目标".into(),
            value: 1.0,
        }),
        words: words(),
        ..LineChart::default()
    })
}

#[test]
fn every_kind_of_chart_is_drawn_without_usvg_at_the_print_width() {
    let Some(face) = face() else { return };
    for svg in [many_units(), overview(), rates()] {
        let pixmap = replay::draw(&svg, face, PICTURE_WIDTH_PX, None).expect("drawn by replay");
        // 921 px: 156 mm at 150 dpi; 640 × 360 keeps its shape.
        assert_eq!((pixmap.width(), pixmap.height()), (921, 518));
    }
}

/// Whether any pixel of `pixmap` in the box is darker than light grey.
fn inked(pixmap: &Pixmap, (left, top, right, bottom): (u32, u32, u32, u32)) -> bool {
    (top..bottom).any(|y| (left..right).any(|x| pixmap.pixel(x, y).unwrap().red() < 160))
}

#[test]
fn a_label_is_drawn_where_its_anchor_puts_it() {
    let Some(face) = face() else { return };
    // Two 13 px characters starting at x 100 on baseline 50, and the same turned to read
    // upwards from (300, 150). At 921/640 = 1.44 px a unit: the first spans about
    // x 144–181, y 53–75; the turned one x 417–440, y 178–216.
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360" width="640" height="360" class="zc">
<text x="100" y="50" class="l b">隐患</text>
<text x="300" y="150" class="l b" transform="rotate(270 300 150)">隐患</text>
</svg>"#;
    let p = replay::draw(svg, face, PICTURE_WIDTH_PX, None).unwrap();
    assert!(inked(&p, (144, 53, 181, 75)));
    assert!(!inked(&p, (0, 0, 140, 518)), "nothing left of the start");
    assert!(
        !inked(&p, (185, 0, 400, 518)),
        "nothing past two characters"
    );
    assert!(inked(&p, (417, 178, 440, 216)));
    assert!(
        !inked(&p, (400, 217, 921, 518)),
        "the turned label reads upwards"
    );
}

/// Mean difference of two pictures per channel, over blocks of 8 × 8 pixels: how far
/// apart they look, not where the edge of a glyph fell.
fn block_difference(a: &Pixmap, b: &Pixmap) -> f64 {
    let mean = |p: &Pixmap, bx: u32, by: u32| {
        let mut sum = [0u32; 3];
        for y in by * 8..(by * 8 + 8).min(p.height()) {
            for x in bx * 8..(bx * 8 + 8).min(p.width()) {
                let c = p.pixel(x, y).unwrap();
                sum = [
                    sum[0] + u32::from(c.red()),
                    sum[1] + u32::from(c.green()),
                    sum[2] + u32::from(c.blue()),
                ];
            }
        }
        sum.map(f64::from)
    };
    let mut worst: f64 = 0.0;
    for by in 0..a.height() / 8 {
        for bx in 0..a.width() / 8 {
            let (m, n) = (mean(a, bx, by), mean(b, bx, by));
            let d = (0..3)
                .map(|i| (m[i] - n[i]).abs() / 64.0)
                .fold(0.0, f64::max);
            worst = worst.max(d);
        }
    }
    worst
}

#[test]
fn replay_draws_what_usvg_draws() {
    let Some(face) = face() else { return };
    let fonts = fonts().unwrap();
    for svg in [many_units(), overview(), rates()] {
        let ours = replay::draw(&svg, face, PICTURE_WIDTH_PX, None).unwrap();
        let theirs = draw_with_usvg(&svg, fonts).unwrap();
        // Glyph origins rounded to whole pixels move a stroke by half a pixel at most:
        // no 8 × 8 block differs by more than an eighth of full scale on average (a label
        // anchored wrongly by half its width differs by 75).
        let worst = block_difference(&ours, &theirs);
        assert!(worst < 30.0, "a block differs by {worst:.0}");
    }
}

#[test]
fn the_same_chart_gives_the_same_bytes_and_a_palette_png_of_its_pixels() {
    if face().is_none() {
        return;
    }
    let svg = rates();
    let first = draw(&svg).unwrap();
    // Drawn again into the thread's reused pixmap, and through the picture cache.
    assert_eq!(draw(&svg).unwrap(), first);
    assert_eq!(png(&svg).unwrap(), first);
    let decoder = png::Decoder::new(std::io::Cursor::new(&first.png));
    let mut reader = decoder.read_info().unwrap();
    assert_eq!(reader.info().color_type, png::ColorType::Indexed);
    let mut indices = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut indices).unwrap();
    let palette = reader.info().palette.clone().unwrap();
    let pixmap = replay::draw(&svg, face().unwrap(), PICTURE_WIDTH_PX, None).unwrap();
    for (i, pixel) in pixmap.pixels().iter().enumerate() {
        let at = usize::from(indices[i]) * 3;
        let rgb = [pixel.red(), pixel.green(), pixel.blue()];
        assert_eq!(palette[at..at + 3], rgb, "pixel {i}");
    }
}

#[test]
fn an_svg_replay_does_not_know_is_drawn_by_usvg() {
    let Some(face) = face() else { return };
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100"><rect x="10" y="10" width="50" height="80" fill="#336"/><text x="80" y="50" font-family="sans-serif" font-size="16">隐患</text></svg>"##;
    assert!(replay::draw(svg, face, PICTURE_WIDTH_PX, None).is_none());
    let p = png(svg).expect("a picture");
    // 921 px: 156 mm at 150 dpi; the 2:1 SVG keeps its shape.
    assert_eq!((p.width, p.height), (921, 461));
    assert!(p.png.starts_with(b"\x89PNG"));
}

#[test]
fn a_box_covers_each_pixel_by_its_share_of_area() {
    let mut pixmap = Pixmap::new(4, 1).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    // From x 0.5 to 3.25: half of pixel 0, pixels 1 and 2 whole, a quarter of pixel 3.
    let rect = resvg::tiny_skia::Rect::from_ltrb(0.5, 0.0, 3.25, 1.0).unwrap();
    coverage::fill_box(&mut pixmap, rect, None, [0, 0, 0]);
    let reds: Vec<u8> = pixmap.pixels().iter().map(|p| p.red()).collect();
    assert_eq!(reds, [127, 0, 0, 191]);
}

#[test]
fn a_picture_of_more_than_256_colours_is_stored_as_rgb() {
    // A ramp of 300 greys-and-blues, one a pixel.
    let mut pixmap = Pixmap::new(300, 2).unwrap();
    for (i, pixel) in pixmap.data_mut().chunks_exact_mut(4).enumerate() {
        let x = (i % 300) as u8;
        pixel.copy_from_slice(&[x, x, if i % 300 >= 256 { 0 } else { 255 }, 255]);
    }
    let bytes = encode(&pixmap, &mut Vec::new()).unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(&bytes))
        .read_info()
        .unwrap();
    assert_eq!(reader.info().color_type, png::ColorType::Rgb);
    let mut rgb = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut rgb).unwrap();
    let expected: Vec<u8> = (pixmap.data().chunks_exact(4))
        .flat_map(|p| p[..3].to_vec())
        .collect();
    assert_eq!(rgb, expected);
}
