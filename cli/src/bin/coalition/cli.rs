//! The command line itself: the table of subcommands, `--help`, and how arguments and
//! errors are read and reported. Each subcommand is its own module.

use std::fmt;
use std::process::ExitCode;

use crate::{fingerprint, hosting, precompress, render, serve, site};

/// One subcommand: its name, its lines in `--help`, and its entry point.
struct Command {
    name: &'static str,
    usage: &'static str,
    run: fn(&Args) -> Result<(), CliError>,
}

/// Every subcommand, in the order `--help` lists them.
const COMMANDS: &[Command] = &[
    Command {
        name: "fingerprint",
        usage: fingerprint::USAGE,
        run: fingerprint::run,
    },
    Command {
        name: "hosting",
        usage: hosting::USAGE,
        run: hosting::run,
    },
    Command {
        name: "precompress",
        usage: precompress::USAGE,
        run: precompress::run,
    },
    Command {
        name: "render",
        usage: render::USAGE,
        run: render::run,
    },
    Command {
        name: "serve",
        usage: serve::USAGE,
        run: serve::run,
    },
    Command {
        name: "site",
        usage: site::USAGE,
        run: site::run,
    },
];

/// Runs the subcommand the arguments name, and says how it went.
pub fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.is_empty() {
        eprintln!("coalition: missing subcommand\nRun 'coalition --help' for usage.");
        return ExitCode::from(2);
    }
    // `--help` anywhere wins, so `coalition serve --help` works too.
    if raw[0] == "help" || raw.iter().any(|a| a == "-h" || a == "--help") {
        print_help();
        return ExitCode::SUCCESS;
    }
    let result = match COMMANDS.iter().find(|c| c.name == raw[0]) {
        Some(command) => Args::parse(&raw[1..]).and_then(|args| (command.run)(&args)),
        None => Err(CliError::Usage(format!("unknown subcommand '{}'", raw[0]))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err @ CliError::Usage(_)) => {
            eprintln!("coalition: {err}\nRun 'coalition --help' for usage.");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("coalition: {err}");
            ExitCode::FAILURE
        }
    }
}

fn print_help() {
    println!("Usage: coalition SUBCOMMAND [ARGS...]\n\nSubcommands:");
    for command in COMMANDS {
        print!("{}", command.usage);
    }
    println!("\nOptions:\n  -h, --help    Show this help.");
}

/// Why a subcommand stopped: a usage mistake (exit code 2) or a failure
/// while doing the work (exit code 1).
#[derive(Debug)]
pub enum CliError {
    /// The command line was wrong.
    Usage(String),
    /// The command line was fine but the work could not be done.
    Failed(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(msg) | CliError::Failed(msg) => f.write_str(msg),
        }
    }
}

/// A subcommand's arguments: positionals, and `--name value` or
/// `--name=value` options. Each subcommand checks which names it accepts,
/// so an unknown option is reported by the subcommand that knows its options.
#[derive(Debug, Default, PartialEq)]
pub struct Args {
    /// Arguments that are not options, in order.
    pub positional: Vec<String>,
    /// Options as (name without dashes, value), in order.
    pub options: Vec<(String, String)>,
}

impl Args {
    /// Splits raw arguments. Every option takes a value; `--` ends options.
    pub fn parse(raw: &[String]) -> Result<Args, CliError> {
        let mut args = Args::default();
        let mut iter = raw.iter();
        while let Some(arg) = iter.next() {
            if arg == "--" {
                args.positional.extend(iter.by_ref().cloned());
            } else if let Some(option) = arg.strip_prefix("--") {
                let (name, value) = match option.split_once('=') {
                    Some((name, value)) => (name, value.to_string()),
                    None => {
                        let value = iter.next().ok_or_else(|| {
                            CliError::Usage(format!("option '--{option}' needs a value"))
                        })?;
                        (option, value.clone())
                    }
                };
                args.options.push((name.to_string(), value));
            } else if arg.starts_with('-') && arg != "-" {
                return Err(CliError::Usage(format!("unknown option '{arg}'")));
            } else {
                args.positional.push(arg.clone());
            }
        }
        Ok(args)
    }

    /// Fails on any option not in `known`, so typos are not silently ignored.
    pub fn only_options(&self, known: &[&str]) -> Result<(), CliError> {
        match self
            .options
            .iter()
            .find(|(name, _)| !known.contains(&name.as_str()))
        {
            Some((name, _)) => Err(CliError::Usage(format!("unknown option '--{name}'"))),
            None => Ok(()),
        }
    }

    /// The last value given for option `name`, if any.
    pub fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_positionals_and_both_option_forms() {
        let args = Args::parse(&strings(&["dist", "--port", "0", "--host=::1"])).expect("parses");
        assert_eq!(args.positional, ["dist"]);
        assert_eq!(args.option("port"), Some("0"));
        assert_eq!(args.option("host"), Some("::1"));
        assert!(args.only_options(&["port", "host"]).is_ok());
        assert!(args.only_options(&["port"]).is_err());
    }

    #[test]
    fn rejects_missing_values_and_short_options() {
        assert!(Args::parse(&strings(&["dist", "--port"])).is_err());
        assert!(Args::parse(&strings(&["-p", "80"])).is_err());
    }

    #[test]
    fn double_dash_ends_options() {
        let args = Args::parse(&strings(&["--", "--odd-dir"])).expect("parses");
        assert_eq!(args.positional, ["--odd-dir"]);
    }
}
