//! Charts as PNG pictures for Word, drawn in a CJK font found on this machine at run time.
//! A PNG is what Word 2013+, WPS and LibreOffice all show; an SVG picture needs a PNG
//! fallback anyway, so the PNG alone is enough. Without a CJK font the labels would be
//! empty boxes, so then no picture is made and `build` says what to install.
//!
//! A chart's SVG is drawn by [`replay`] (its marks straight onto a tiny-skia pixmap, its
//! labels from a glyph cache); whatever that does not know, usvg and resvg draw. The picture
//! is stored with a palette when it has 256 colours or fewer, as charts do.

mod coverage;
mod glyphs;
mod replay;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use resvg::tiny_skia::{Pixmap, PremultipliedColorU8, Transform};
use resvg::usvg::{self, fontdb};

use super::docx::Picture;
use crate::digest::Digest;

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
    /// The family's regular face, for [`replay`]; None leaves every chart to usvg.
    face: Option<glyphs::Face>,
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
            let db = family_only(&system, family);
            Some(Fonts {
                face: regular_face(&db, family),
                db: Arc::new(db),
                family: family.to_string(),
            })
        })
        .as_ref()
}

/// A database of `family`'s font files read into memory, and only them: the scan only
/// notes where fonts are, and usvg would reread the 20 MB file for every glyph. Charts
/// write nothing bold: the files of the family's regular faces are enough (the bold
/// .ttc of Noto Sans CJK is another 20 MB), unless it has none.
fn family_only(system: &fontdb::Database, family: &str) -> fontdb::Database {
    let faces = || (system.faces()).filter(|f| f.families.iter().any(|(n, _)| n == family));
    let regular = |f: &&fontdb::FaceInfo| {
        f.weight == fontdb::Weight::NORMAL && f.style == fontdb::Style::Normal
    };
    let chosen: Vec<&fontdb::FaceInfo> = match faces().filter(regular).count() {
        0 => faces().collect(),
        _ => faces().filter(regular).collect(),
    };
    let mut files: Vec<&std::path::Path> = (chosen.into_iter())
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
    db.set_sans_serif_family(family);
    db
}

/// The face usvg picks for a chart's text: `family` at normal weight, width and style.
fn regular_face(db: &fontdb::Database, family: &str) -> Option<glyphs::Face> {
    let query = fontdb::Query {
        families: &[fontdb::Family::Name(family)],
        ..fontdb::Query::default()
    };
    match db.face_source(db.query(&query)?)? {
        (fontdb::Source::Binary(data), index) => Some(glyphs::Face { data, index }),
        _ => None,
    }
}

/// Starts the system font scan on a thread of its own, so that it runs beside the first
/// pages rather than holding up the first report's pictures (≈ 0.05–0.1 s of a build).
pub fn look_up_fonts_aside() {
    std::thread::spawn(fonts);
}

/// Whether charts can be drawn with Chinese text on this machine.
pub fn cjk_font_available() -> bool {
    fonts().is_some()
}

/// How many pictures the cache keeps: enough for the charts that repeat across a site
/// (the same figures in a unit's report and its parent's 下辖单位 chart, sub-units that
/// report alike), small enough (≈ 15 MB) that memory stays flat however large the site.
const CACHE_PICTURES: usize = 256;

/// A chart's SVG (as [`crate::chart`] writes it, without the stylesheet) as a PNG of the
/// print width, or None when no CJK font is installed or the SVG cannot be read (ours
/// always can). A chart drawn before in this process is not drawn again: the same SVG
/// always gives the same bytes, so the cache changes speed only.
pub fn png(svg: &str) -> Option<Picture> {
    static CACHE: OnceLock<Mutex<HashMap<Digest, Picture>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    let key = Digest::of(svg.as_bytes());
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

thread_local! {
    /// Each thread's last pixmap and palette indices, reused for its next picture.
    static SPARE: RefCell<(Option<Pixmap>, Vec<u8>)> = RefCell::default();
}

fn draw(svg: &str) -> Option<Picture> {
    let fonts = fonts()?;
    SPARE.with_borrow_mut(|(spare, indices)| {
        let pixmap = (fonts.face.as_ref())
            .and_then(|face| replay::draw(svg, face, PICTURE_WIDTH_PX, spare.take()))
            .or_else(|| draw_with_usvg(svg, fonts))?;
        let picture = Picture {
            png: encode(&pixmap, indices)?,
            width: pixmap.width(),
            height: pixmap.height(),
        };
        *spare = Some(pixmap);
        Some(picture)
    })
}

/// `svg` drawn by usvg and resvg, the chart stylesheet put inside it.
fn draw_with_usvg(svg: &str, fonts: &Fonts) -> Option<Pixmap> {
    let options = usvg::Options {
        fontdb: Arc::clone(&fonts.db),
        font_family: fonts.family.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&crate::chart::standalone(svg), &options).ok()?;
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
    Some(pixmap)
}

/// The picture as a PNG: with a palette when it has at most 256 colours, as a chart's
/// few inks and their anti-aliased edges do (a third of the bytes to compress, and no
/// colour changed), else as RGB. Drawn on opaque white, it has no transparency to keep.
/// `indices` is scratch room for the palette indices.
fn encode(pixmap: &Pixmap, indices: &mut Vec<u8>) -> Option<Vec<u8>> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let mut out = Vec::with_capacity(32 * 1024);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    // png's fast DEFLATE (fdeflate) is made for filtered rows, mostly zeros. Paeth makes
    // them so for a chart: a run of one colour, and a row like the one above, both become
    // zeros. Measured on the example's charts against zlib's fastest level on unfiltered
    // palette rows: 0.3 ms and 13 KB a chart instead of 0.5 ms and 14 KB.
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Paeth);
    let rgb_bytes;
    let data: &[u8] = match Palette::of(pixmap, indices) {
        Some(palette) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette.rgb);
            indices
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            rgb_bytes = rgb(pixmap);
            &rgb_bytes
        }
    };
    let mut writer = encoder.write_header().ok()?;
    writer.write_image_data(data).ok()?;
    writer.finish().ok()?;
    Some(out)
}

/// Up to 256 colours, each with its index: an open-addressing table keyed by the pixel
/// (premultiplied RGBA as one word; 0 is transparent black, which an opaque picture never
/// holds, so it marks a free slot).
struct Palette {
    keys: [u32; Palette::SLOTS],
    index: [u8; Palette::SLOTS],
    /// RGB triples in order of first use.
    rgb: Vec<u8>,
}

impl Palette {
    /// A power of two four times the colours, so probes stay short.
    const SLOTS: usize = 1024;

    /// The picture's palette, its pixels' indices written to `indices`; None past 256
    /// colours.
    fn of(pixmap: &Pixmap, indices: &mut Vec<u8>) -> Option<Palette> {
        let mut palette = Palette {
            keys: [0; Self::SLOTS],
            index: [0; Self::SLOTS],
            rgb: Vec::with_capacity(256 * 3),
        };
        let width = pixmap.width() as usize;
        indices.resize(width * pixmap.height() as usize, 0);
        let pixels = pixmap.pixels().chunks_exact(width);
        // Compared as bytes: memcmp, many times faster than pixel by pixel.
        let bytes = pixmap.data().chunks_exact(width * 4);
        let mut above: Option<&[u8]> = None;
        for (y, (row, row_bytes)) in pixels.zip(bytes).enumerate() {
            // Most rows of a chart repeat the one above (margins, bars, the space between
            // grid lines): their indices are copied rather than looked up.
            if above == Some(row_bytes) {
                indices.copy_within((y - 1) * width..y * width, y * width);
            } else {
                palette.index_row(row, &mut indices[y * width..(y + 1) * width])?;
            }
            above = Some(row_bytes);
        }
        Some(palette)
    }

    fn index_row(&mut self, row: &[PremultipliedColorU8], indices: &mut [u8]) -> Option<()> {
        // Most pixels repeat their left neighbour (white, a bar's fill): looked up once a
        // run, and eight at a time while the run lasts.
        let mut last = None;
        let mut index = 0;
        let mut x = 0;
        while x < row.len() {
            let pixel = row[x];
            if last != Some(pixel) {
                let [r, g, b, a] = [pixel.red(), pixel.green(), pixel.blue(), pixel.alpha()];
                index = self.index_of(u32::from_ne_bytes([r, g, b, a]))?;
                last = Some(pixel);
            }
            let mut end = x + 1;
            while row
                .get(end..end + 8)
                .is_some_and(|eight| eight == [pixel; 8])
            {
                end += 8;
            }
            while row.get(end) == Some(&pixel) {
                end += 1;
            }
            indices[x..end].fill(index);
            x = end;
        }
        Some(())
    }

    fn index_of(&mut self, key: u32) -> Option<u8> {
        let mut slot = (key.wrapping_mul(0x9E37_79B1) >> 22) as usize;
        loop {
            match self.keys[slot] {
                k if k == key => return Some(self.index[slot]),
                0 => break,
                _ => slot = (slot + 1) % Self::SLOTS,
            }
        }
        let index = u8::try_from(self.rgb.len() / 3).ok()?;
        self.keys[slot] = key;
        self.index[slot] = index;
        self.rgb.extend_from_slice(&key.to_ne_bytes()[..3]);
        Some(index)
    }
}

/// The opaque picture's RGB bytes (premultiplied equals straight colour at full alpha).
fn rgb(pixmap: &Pixmap) -> Vec<u8> {
    // Sized up front and copied pixel by pixel: collecting a flat_map grew the buffer
    // step by step (≈ 8% of a build with Word on).
    let mut rgb = vec![0u8; pixmap.data().len() / 4 * 3];
    for (to, from) in rgb.chunks_exact_mut(3).zip(pixmap.data().chunks_exact(4)) {
        to.copy_from_slice(&from[..3]);
    }
    rgb
}

#[cfg(test)]
mod tests;
