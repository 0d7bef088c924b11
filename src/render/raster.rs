//! Charts as PNG pictures for Word: the SVG rasterised with resvg (pure Rust), its Chinese
//! drawn in a CJK font found on this machine at run time. A PNG is what Word 2013+, WPS and
//! LibreOffice all show; an SVG picture needs a PNG fallback anyway, so the PNG alone is
//! enough. Without a CJK font the labels would be empty boxes, so then no picture is made
//! and `build` says what to install.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::docx::Picture;

/// Families tried in order; the first present is the fallback for `sans-serif` and for a
/// stack none of whose names is installed.
const CJK_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Droid Sans Fallback",
];

/// Pixel width of a picture: the 156 mm 版心 at 150 dpi (156 ÷ 25.4 × 150 ≈ 921), sharp
/// enough on paper for bars, lines and 9 pt labels; at 200 dpi each picture cost 1.8 times
/// the pixels to draw and compress.
const PICTURE_WIDTH_PX: f32 = 921.0;

/// What to tell the user when no CJK font is installed.
pub const NO_FONT_HELP: &str = "安装一种中文字体后重新生成：Debian/Ubuntu 上 `apt install fonts-noto-cjk`，CentOS/麒麟上 `yum install google-noto-sans-cjk-ttc-fonts`；Windows 和 macOS 自带中文字体。";

struct Fonts {
    db: Arc<fontdb::Database>,
    family: String,
}

/// The system's fonts, scanned once per process (≈ 0.1 s) and only when a picture is needed.
fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut system = fontdb::Database::new();
            system.load_system_fonts();
            let family = CJK_FAMILIES.iter().find(|name| {
                system
                    .faces()
                    .any(|f| f.families.iter().any(|(n, _)| n == **name))
            })?;
            // The scan only notes where fonts are; usvg would reread the 20 MB file for every
            // glyph. Keep the chosen family's files in memory, and only them.
            let mut files: Vec<&std::path::Path> = system
                .faces()
                .filter(|f| f.families.iter().any(|(n, _)| n == *family))
                .filter_map(|f| match &f.source {
                    fontdb::Source::File(path) => Some(path.as_path()),
                    _ => None,
                })
                .collect();
            files.sort();
            files.dedup();
            let mut db = fontdb::Database::new();
            for path in files {
                if let Ok(data) = std::fs::read(path) {
                    db.load_font_data(data);
                }
            }
            db.set_sans_serif_family(*family);
            Some(Fonts {
                db: Arc::new(db),
                family: family.to_string(),
            })
        })
        .as_ref()
}

/// Whether charts can be drawn with Chinese text on this machine.
pub fn cjk_font_available() -> bool {
    fonts().is_some()
}

/// `svg` as a PNG 1240 pixels wide, or None when no CJK font is installed or the SVG
/// cannot be read (ours always can).
pub fn png(svg: &str) -> Option<Picture> {
    let fonts = fonts()?;
    let options = usvg::Options {
        fontdb: Arc::clone(&fonts.db),
        font_family: fonts.family.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).ok()?;
    let size = tree.size();
    let scale = PICTURE_WIDTH_PX / size.width();
    let width = PICTURE_WIDTH_PX.round() as u32;
    let height = (size.height() * scale).round() as u32;
    let mut pixmap = Pixmap::new(width, height)?;
    // White, not transparent: a transparent PNG prints grey in some Word versions.
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Some(Picture {
        png: encode(&pixmap)?,
        width,
        height,
    })
}

/// The picture as an RGB PNG with png's fast DEFLATE: drawing on opaque white leaves no
/// transparency, so the alpha channel is dropped (premultiplied equals straight colour when
/// every pixel is opaque), and fast compression costs a fraction of the default's time for
/// files a few per cent larger.
fn encode(pixmap: &Pixmap) -> Option<Vec<u8>> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(&rgb).ok()?;
    writer.finish().ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_becomes_a_png_of_the_print_width() {
        if !cjk_font_available() {
            eprintln!("no CJK font: {NO_FONT_HELP}");
            return;
        }
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100"><rect x="10" y="10" width="50" height="80" fill="#336"/><text x="80" y="50" font-family="sans-serif" font-size="16">隐患</text></svg>"##;
        let p = png(svg).expect("a picture");
        // 921 px: 156 mm at 150 dpi; the 2:1 SVG keeps its shape.
        assert_eq!((p.width, p.height), (921, 461));
        assert!(p.png.starts_with(b"\x89PNG"));
        // The same SVG gives the same bytes.
        assert_eq!(png(svg).unwrap().png, p.png);
    }
}
