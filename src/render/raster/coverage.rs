//! Coverage painted onto the opaque picture: axis-aligned boxes and rings (bars, their
//! outlines, grid lines) with exact area coverage, and the one blend they and the glyphs
//! share.
//!
//! Coverage is kept to 16 steps, as a 4 × 4 supersampling rasteriser (tiny-skia's) gives
//! it: the eye cannot tell more steps apart on a 150 dpi print, and a chart then keeps few
//! enough colours for a palette PNG.

use resvg::tiny_skia::{Pixmap, PremultipliedColorU8, Rect};

/// Steps of partial coverage.
const STEPS: f32 = 16.0;

/// `rgb` over the picture at `(x, y)` with coverage `alpha` (0–255); the picture is opaque,
/// so its premultiplied bytes are its colour.
pub fn blend(data: &mut [u8], at: usize, rgb: [u8; 3], alpha: u8) {
    if alpha == 255 {
        data[at..at + 3].copy_from_slice(&rgb);
        return;
    }
    for (dst, &src) in data[at..at + 3].iter_mut().zip(&rgb) {
        let v = u32::from(src) * u32::from(alpha) + u32::from(*dst) * u32::from(255 - alpha) + 128;
        *dst = ((v + (v >> 8)) >> 8) as u8;
    }
}

/// A coverage of 0–255 to the nearest of the 16 steps.
pub fn quantised(alpha: u8) -> u8 {
    to_alpha(f32::from(alpha) / 255.0)
}

/// The alpha of each step, 0 to 255.
const ALPHAS: [u8; 17] = {
    let mut alphas = [0; 17];
    let mut step = 0;
    while step <= 16 {
        alphas[step] = ((step * 255 * 2 + 16) / 32) as u8;
        step += 1;
    }
    alphas
};

/// A coverage fraction to the alpha of its nearest step. (Adding ½ and truncating rounds
/// a non-negative number without a call to `roundf`, which this target does not inline.)
fn to_alpha(coverage: f32) -> u8 {
    ALPHAS[(coverage.clamp(0.0, 1.0) * STEPS + 0.5) as usize]
}

/// How much of each pixel column (or row) from `first` the span `from..to` covers.
fn spans(from: f32, to: f32, first: i32, count: usize) -> Vec<f32> {
    (0..count)
        .map(|k| {
            let cell = (first + k as i32) as f32;
            (to.min(cell + 1.0) - from.max(cell)).max(0.0)
        })
        .collect()
}

/// Fills `outer` less `hole` (which lies inside it) in `rgb`, both in pixels: a bar is a
/// box without a hole, its outline the ring between the box grown and shrunk by half the
/// stroke. Each pixel gets the share of its area the shape covers.
pub fn fill_box(pixmap: &mut Pixmap, outer: Rect, hole: Option<Rect>, rgb: [u8; 3]) {
    let (width, height) = (pixmap.width() as i32, pixmap.height() as i32);
    let left = (outer.left().floor() as i32).max(0);
    let right = (outer.right().ceil() as i32).min(width);
    let top = (outer.top().floor() as i32).max(0);
    let bottom = (outer.bottom().ceil() as i32).min(height);
    let Some(colour) = PremultipliedColorU8::from_rgba(rgb[0], rgb[1], rgb[2], 255) else {
        return;
    };
    if left >= right || top >= bottom {
        return;
    }
    let columns = (right - left) as usize;
    let outer_x = spans(outer.left(), outer.right(), left, columns);
    let hole_x = hole.map(|h| spans(h.left(), h.right(), left, columns));
    // A box has only a few kinds of row (edge, inside, across the hole): each kind's runs
    // of equal coverage are worked out once.
    let mut kind = None;
    let mut runs = Vec::new();
    for y in top..bottom {
        let row = y as f32;
        let cover = |r: Rect| (r.bottom().min(row + 1.0) - r.top().max(row)).max(0.0);
        let this = (cover(outer), hole.map_or(0.0, cover));
        if kind != Some(this) {
            runs = row_runs(&outer_x, hole_x.as_deref(), this);
            kind = Some(this);
        }
        let row_start = (y * width + left) as usize;
        for &(start, len, alpha) in &runs {
            let first = row_start + start;
            if alpha == 255 {
                pixmap.pixels_mut()[first..first + len].fill(colour);
                continue;
            }
            let data = pixmap.data_mut();
            for at in first..first + len {
                blend(data, at * 4, rgb, alpha);
            }
        }
    }
}

/// Runs (first column, length, alpha) of equal, non-zero coverage across one row, whose
/// share covered by the box and by the hole is `(outer_y, hole_y)`.
fn row_runs(
    outer_x: &[f32],
    hole_x: Option<&[f32]>,
    (outer_y, hole_y): (f32, f32),
) -> Vec<(usize, usize, u8)> {
    let mut runs: Vec<(usize, usize, u8)> = Vec::new();
    for (i, &ox) in outer_x.iter().enumerate() {
        let inside = hole_x.map_or(0.0, |h| h[i] * hole_y);
        let alpha = to_alpha(ox * outer_y - inside);
        match runs.last_mut() {
            _ if alpha == 0 => {}
            Some((start, len, a)) if *a == alpha && *start + *len == i => *len += 1,
            _ => runs.push((i, 1, alpha)),
        }
    }
    runs
}
