//! Coalition Infographic: the figures of the U.S. Department of State's post of 22 March 2017
//! on its DipNote blog, on the ministerial of the Global Coalition to Defeat ISIS, as honest,
//! interactive charts. `docs/architecture.md` draws how the modules fit together.
//!
//! Everything here is plain Rust and tested natively; only [`web`] (wasm32) touches the browser.

pub mod chart_kind;
pub mod charts;
pub mod citation;
pub mod csv_cell;
pub mod data;
pub mod describe;
mod embedded_table;
pub mod export;
pub mod format;
pub mod html;
pub mod i18n;
pub mod interaction;
pub mod lang;
pub mod links;
pub mod placement;
pub mod scale;
pub mod svg;
pub mod translated;
pub mod view;
pub mod vocabulary;
pub mod written;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use data::{DataError, Dataset, Figure, Origin, Qualifier, Scope, Unit};
