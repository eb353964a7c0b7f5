//! `phiseal`: the command-line tool for services and scripts (docs/CLI.md).
//!
//! Parses the command line, runs one subcommand and exits with a documented status
//! ([`exit::Status`]). Usage errors exit 1 (not clap's default 2, which means I/O here).

#![forbid(unsafe_code)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

mod args;
mod bulk;
mod commands;
mod envelope_input;
mod exit;
mod files;
mod keyfiles;
mod progress;
mod records_io;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use exit::{CliResult, Status};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let status = if err.use_stderr() { Status::Usage } else { Status::Ok };
            let _ = err.print();
            return ExitCode::from(status.code());
        }
    };
    match run(&cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("phiseal: error: {err}");
            ExitCode::from(err.status.code())
        }
    }
}

fn run(command: &Command) -> CliResult {
    match command {
        Command::Keygen(args) => commands::keygen::run(args),
        Command::Pubkey(args) => commands::pubkey::run(args),
        Command::Seal(args) => commands::seal::run(args),
        Command::Open(args) => commands::open::run(args),
        Command::Rewrap(args) => commands::rewrap::run(args),
        Command::Inspect(args) => commands::inspect::run(args),
        Command::Deid(args) => commands::deid::run(args),
        Command::SealRecord(args) => commands::seal_record::run(args),
        Command::OpenRecord(args) => commands::open_record::run(args),
    }
}
