//! A chart's text drawn from a glyph cache: each (character, size, turn) is rasterised
//! once per thread from the CJK face's outline and then blended where it is needed. Chart
//! labels are Chinese, digits and a few signs, which need no shaping: the pen advances by
//! each glyph's width, as usvg's shaper does for them.
//!
//! Glyph origins are rounded to whole pixels, as a hinting text renderer places them; the
//! pen itself keeps fractions, so a label's width stays that of its advances.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use super::coverage;
use resvg::tiny_skia::{FillRule, Mask, Path, PathBuilder, Pixmap, Transform};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, MetadataProvider};

/// The face charts are drawn in: the bytes of its font file (shared with the font
/// database) and its index in a collection (.ttc).
pub struct Face {
    pub data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    pub index: u32,
}

impl Face {
    fn font(&self) -> Option<FontRef<'_>> {
        FontRef::from_index((*self.data).as_ref(), self.index).ok()
    }
}

/// Where a text is anchored, as `text-anchor` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One text element: its words, anchor point, size and turn, all in picture pixels.
pub struct Label<'a> {
    pub text: &'a str,
    /// The anchor point on the baseline.
    pub at: (f32, f32),
    pub px: f32,
    pub anchor: Anchor,
    /// Quarter turns clockwise (`rotate(270 …)` is 3) about `pivot`.
    pub turn: u8,
    pub pivot: (f32, f32),
    pub colour: [u8; 3],
}

/// Sizes are keyed in 1/64 px: a size is rasterised exactly at its key, so a glyph's
/// pixels never depend on which label asked for it first.
const SIZE_UNITS: f32 = 64.0;

/// Glyphs a thread keeps; a site's labels use a few hundred, a province's a few thousand.
const CACHE_GLYPHS: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    ch: char,
    size: u32,
    turn: u8,
}

/// A glyph's coverage, placed relative to its origin on the baseline.
struct Glyph {
    /// Advance along the baseline, in pixels.
    advance: f32,
    left: i32,
    top: i32,
    width: usize,
    coverage: Vec<u8>,
}

thread_local! {
    static GLYPHS: RefCell<HashMap<Key, Glyph>> = RefCell::new(HashMap::new());
}

/// Draws `label` into `pixmap`; None when the face lacks one of its characters (the
/// caller then lets usvg, with its font fallback, draw the whole picture).
pub fn draw(pixmap: &mut Pixmap, face: &Face, label: &Label) -> Option<()> {
    let size = (label.px * SIZE_UNITS).round() as u32;
    let keys: Vec<Key> = (label.text.chars())
        .map(|ch| Key {
            ch,
            size,
            turn: label.turn % 4,
        })
        .collect();
    GLYPHS.with_borrow_mut(|cache| {
        if cache.len() + keys.len() > CACHE_GLYPHS {
            cache.clear();
        }
        for key in &keys {
            if !cache.contains_key(key) {
                cache.insert(*key, rasterise(face, *key)?);
            }
        }
        let glyphs: Vec<&Glyph> = keys.iter().map(|k| &cache[k]).collect();
        place(pixmap, &glyphs, label);
        Some(())
    })
}

/// Blends each glyph at its pen position: along the baseline from the anchored start,
/// then turned about the pivot.
fn place(pixmap: &mut Pixmap, glyphs: &[&Glyph], label: &Label) {
    let width: f32 = glyphs.iter().map(|g| g.advance).sum();
    let start = match label.anchor {
        Anchor::Start => 0.0,
        Anchor::Middle => -width / 2.0,
        Anchor::End => -width,
    };
    let turn = Transform::from_rotate_at(
        90.0 * f32::from(label.turn % 4),
        label.pivot.0,
        label.pivot.1,
    );
    let mut pen = label.at.0 + start;
    for glyph in glyphs {
        let mut origin = resvg::tiny_skia::Point::from_xy(pen, label.at.1);
        turn.map_point(&mut origin);
        let origin = (origin.x.round() as i32, origin.y.round() as i32);
        blend(pixmap, glyph, origin, label.colour);
        pen += glyph.advance;
    }
}

/// `glyph`'s coverage over the picture in `colour`, clipped to its edges.
fn blend(pixmap: &mut Pixmap, glyph: &Glyph, (x, y): (i32, i32), colour: [u8; 3]) {
    if glyph.width == 0 {
        return;
    }
    let (pw, ph) = (pixmap.width() as i32, pixmap.height() as i32);
    let data = pixmap.data_mut();
    for (row, coverage) in glyph.coverage.chunks_exact(glyph.width).enumerate() {
        let py = y + glyph.top + row as i32;
        if !(0..ph).contains(&py) {
            continue;
        }
        for (col, &alpha) in coverage.iter().enumerate() {
            let px = x + glyph.left + col as i32;
            if alpha > 0 && (0..pw).contains(&px) {
                coverage::blend(data, ((py * pw + px) * 4) as usize, colour, alpha);
            }
        }
    }
}

/// The glyph of `key` from the face's outline, anti-aliased as resvg fills a path.
fn rasterise(face: &Face, key: Key) -> Option<Glyph> {
    let font = face.font()?;
    let id = font.charmap().map(key.ch)?;
    let size = Size::new(key.size as f32 / SIZE_UNITS);
    let advance = font
        .glyph_metrics(size, LocationRef::default())
        .advance_width(id)?;
    let outline = font.outline_glyphs().get(id)?;
    let mut pen = Pen(PathBuilder::new());
    outline
        .draw(
            DrawSettings::unhinted(size, LocationRef::default()),
            &mut pen,
        )
        .ok()?;
    let empty = Glyph {
        advance,
        left: 0,
        top: 0,
        width: 0,
        coverage: Vec::new(),
    };
    // A space has no outline; its advance is all it has.
    let Some(path) = pen.0.finish() else {
        return Some(empty);
    };
    // Font units point up; the picture's y points down. Then the label's turn.
    let flip =
        Transform::from_row(1.0, 0.0, 0.0, -1.0, 0.0, 0.0).post_rotate(90.0 * f32::from(key.turn));
    let path = path.transform(flip)?;
    Some(coverage_of(&path, advance).unwrap_or(empty))
}

/// The path's anti-aliased coverage in a mask one pixel larger than its bounds.
fn coverage_of(path: &Path, advance: f32) -> Option<Glyph> {
    let bounds = path.bounds();
    let left = bounds.left().floor() as i32 - 1;
    let top = bounds.top().floor() as i32 - 1;
    let width = (bounds.right().ceil() as i32 + 1 - left) as u32;
    let height = (bounds.bottom().ceil() as i32 + 1 - top) as u32;
    let mut mask = Mask::new(width, height)?;
    let shift = Transform::from_translate(-left as f32, -top as f32);
    mask.fill_path(path, FillRule::Winding, true, shift);
    Some(Glyph {
        advance,
        left,
        top,
        width: width as usize,
        coverage: mask.take().into_iter().map(coverage::quantised).collect(),
    })
}

/// Collects a glyph outline as a tiny-skia path.
struct Pen(PathBuilder);

impl OutlinePen for Pen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.quad_to(cx0, cy0, x, y);
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.cubic_to(cx0, cy0, cx1, cy1, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}
