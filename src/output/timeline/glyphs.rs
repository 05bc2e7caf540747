//! PNG text drawn with each glyph where the font puts it.
//!
//! plotters 0.3.7 draws `ab_glyph` text glyph by glyph at the pen position without the glyph's
//! left side bearing, so letters sit unevenly ("rat es"). [`Pixels`] wraps the bitmap backend and
//! draws text itself, placing each glyph by its own bounds; lines, rectangles and the rest go to
//! the bitmap backend unchanged. Layout (width, height, anchors, rotation) stays plotters' own,
//! so the chart's label areas are measured as before.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use plotters::prelude::BitMapBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

type BitMapError = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

/// A bitmap backend whose text is drawn from `font`.
pub(super) struct Pixels<'a> {
    pub inner: BitMapBackend<'a>,
    pub font: &'a FontRef<'static>,
}

impl DrawingBackend for Pixels<'_> {
    type ErrorType = BitMapError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<BitMapError>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<BitMapError>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<BitMapError>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BitMapError>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BitMapError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<BitMapError>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    /// plotters-backend's own `draw_text`, with the glyphs placed by [`each_pixel`].
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<BitMapError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let ((min_x, min_y), (max_x, max_y)) = style
            .layout_box(text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let transform = style.transform();
        let mut result = Ok(());
        each_pixel(self.font, style.size(), text, |x, y, coverage| {
            if result.is_err() {
                return;
            }
            let (x, y) = transform.transform(x + dx - min_x, y + dy - min_y);
            let mixed = BackendColor {
                alpha: color.alpha * f64::from(coverage),
                rgb: color.rgb,
            };
            result = self.inner.draw_pixel((pos.0 + x, pos.1 + y), mixed);
        });
        result
    }
}

/// Call `draw(x, y, coverage)` for each pixel of `text` at `size`, with the baseline half the size
/// below the top as plotters has it.
fn each_pixel(font: &FontRef<'static>, size: f64, text: &str, mut draw: impl FnMut(i32, i32, f32)) {
    let scaled = font.as_scaled(PxScale::from(size as f32));
    let baseline = size as f32 / 2.0;
    let mut pen = 0.0f32;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(previous) = previous {
            pen += scaled.kern(previous, id);
        }
        previous = Some(id);
        let glyph = id.with_scale_and_position(scaled.scale(), point(pen, baseline));
        if let Some(outline) = scaled.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
            outline.draw(|x, y, coverage| draw(left + x as i32, top + y as i32, coverage));
        }
        pen += scaled.h_advance(id);
    }
}
