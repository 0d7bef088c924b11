//! Charts as PNG pictures for Word: the SVG rasterised with resvg (pure Rust), its Chinese
//! drawn in a CJK font found on this machine at run time. A PNG is what Word 2013+, WPS and
//! LibreOffice all show; an SVG picture needs a PNG fallback anyway, so the PNG alone is
//! enough. Without a CJK font the labels would be empty boxes, so then no picture is made
//! and `build` says what to install.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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

/// How many pictures the cache keeps: enough for the charts that repeat across a site
/// (the same figures in a unit's report and its parent's 下辖单位 chart, sub-units that
/// report alike), small enough (≈ 15 MB) that memory stays flat however large the site.
const CACHE_PICTURES: usize = 256;

/// `svg` as a PNG of the print width, or None when no CJK font is installed or the SVG
/// cannot be read (ours always can). A chart drawn before in this process is not drawn
/// again: the same SVG always gives the same bytes, so the cache changes speed only.
pub fn png(svg: &str) -> Option<Picture> {
    static CACHE: OnceLock<Mutex<HashMap<u128, Picture>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let key = digest(svg);
    if let Some(hit) = cache.lock().ok()?.get(&key) {
        return Some(hit.clone());
    }
    let picture = draw(svg)?;
    let mut cache = cache.lock().ok()?;
    if cache.len() >= CACHE_PICTURES {
        cache.clear();
    }
    cache.insert(key, picture.clone());
    Some(picture)
}

/// A 128-bit digest of the SVG: two different charts never share a key in practice.
fn digest(svg: &str) -> u128 {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let mut h = SipHasher13::new_with_keys(0x7a6f_6e67_6a69_6502, 0x7261_7374_6572_0001);
    h.write(svg.as_bytes());
    h.finish128().as_u128()
}

fn draw(svg: &str) -> Option<Picture> {
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
    // Sized up front and copied pixel by pixel: collecting a flat_map grew the buffer
    // step by step (≈ 8% of a build with Word on).
    let mut rgb = vec![0u8; pixmap.data().len() / 4 * 3];
    for (to, from) in rgb.chunks_exact_mut(3).zip(pixmap.data().chunks_exact(4)) {
        to.copy_from_slice(&from[..3]);
    }
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
        // The same SVG gives the same bytes, from the cache and drawn again.
        assert_eq!(png(svg).unwrap(), p);
        assert_eq!(draw(svg).unwrap(), p);
    }
}
