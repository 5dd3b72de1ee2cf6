//! The `varotra` binary: parse the command line, hand over to the library.

fn main() -> std::process::ExitCode {
    let cli = varotra::cli::parse();
    match varotra::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("erreur : {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
