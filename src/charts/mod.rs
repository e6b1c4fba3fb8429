//! The three charts. Each draws through plotters' `DrawingBackend`, so the same code paints the
//! page's canvas and writes SVG, and returns a [`Layout`] of what it drew where.

mod spec;

pub use spec::{ChartSpec, SOURCE_LINE};
