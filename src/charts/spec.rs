//! What each chart says in words: its title, subtitle, notes and the figures it shows, in
//! every language ([`crate::i18n`]). The page's captions and tables and the charts' own text
//! all come from there, so they cannot disagree.

pub use crate::i18n::{ChartSpec, SOURCE_LINE};
