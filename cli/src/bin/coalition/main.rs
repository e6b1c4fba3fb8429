//! `coalition`: the project's command-line tool: it renders charts to PNG and
//! SVG files, builds the static site, fingerprints its modules, precompresses it, writes
//! its host configs and serves it.
//!
//! A subcommand is one module with a `USAGE` text and a `run` function, plus
//! one entry in `cli::COMMANDS`. Run `coalition --help` for the full usage.
//!
//! The tool is native only, in a crate of its own, so the browser build never sees it.

mod cli;
mod fingerprint;
mod hosting;
mod precompress;
mod render;
mod serve;
mod site;
mod site_files;

use cli::{Args, CliError};

fn main() -> std::process::ExitCode {
    cli::main()
}
