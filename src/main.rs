//! The `varotra` binary: parse the command line, hand over to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = varotra::cli::Cli::parse();
    match varotra::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("erreur / error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
