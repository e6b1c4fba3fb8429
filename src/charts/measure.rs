//! A backend that draws nothing: running a chart on it yields its layout alone, which is how
//! the height a chart needs is found before any pixel is painted.

use std::convert::Infallible;

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// A drawing surface of a given size that ignores every drawing call.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    size: (u32, u32),
}

impl Measure {
    /// A surface of `width` × `height` pixels.
    pub fn new(width: u32, height: u32) -> Self {
        Measure {
            size: (width.max(1), height.max(1)),
        }
    }
}

type Result = std::result::Result<(), DrawingErrorKind<Infallible>>;

impl DrawingBackend for Measure {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result {
        Ok(())
    }
    fn present(&mut self) -> Result {
        Ok(())
    }
    fn draw_pixel(&mut self, _: BackendCoord, _: BackendColor) -> Result {
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, _: BackendCoord, _: BackendCoord, _: &S) -> Result {
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        _: BackendCoord,
        _: BackendCoord,
        _: &S,
        _: bool,
    ) -> Result {
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        _: I,
        _: &S,
    ) -> Result {
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(&mut self, _: BackendCoord, _: u32, _: &S, _: bool) -> Result {
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        _: I,
        _: &S,
    ) -> Result {
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(&mut self, _: &str, _: &S, _: BackendCoord) -> Result {
        Ok(())
    }
}
