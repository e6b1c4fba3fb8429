//! `coalition`: the project's command-line tool: it renders charts to PNG and
//! SVG files, builds the static site, fingerprints its modules, precompresses it, writes
//! its host configs and serves it.
//!
//! A subcommand is one module with a `USAGE` text and a `run` function, plus
//! one entry in `cli::COMMANDS`. Run `coalition --help` for the full usage.
//!
//! The tool is native only. `cargo clippy --all-targets --target wasm32-unknown-unknown`
//! builds this binary too; there it is an empty `main`, so no module needs a stand-in.

#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod fingerprint;
#[cfg(not(target_arch = "wasm32"))]
mod hosting;
#[cfg(not(target_arch = "wasm32"))]
mod precompress;
#[cfg(not(target_arch = "wasm32"))]
mod render;
#[cfg(not(target_arch = "wasm32"))]
mod serve;
#[cfg(not(target_arch = "wasm32"))]
mod site;
#[cfg(not(target_arch = "wasm32"))]
mod site_files;

#[cfg(not(target_arch = "wasm32"))]
use cli::{Args, CliError};

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
