//! What only the build does, natively: the charts as PNG and SVG files of a chosen size
//! ([`picture`]), the chart pages with their link-preview tags ([`previews`]), the oEmbed
//! answers ([`oembed`]) and the dataset's versions and citations ([`versions`]). The
//! `coalition` command (`src/bin/coalition/`) runs them; the charts themselves come from
//! `coalition_infographic`, which builds for the browser too.

pub mod oembed;
pub mod picture;
pub mod previews;
pub mod site;
pub mod source_page;
pub mod versions;
