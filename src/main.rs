use ambassador::cli::{self, Cli, Next};
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(Next::Done) => ExitCode::SUCCESS,
        Ok(Next::Interactive(start)) => match ambassador::terminal::run(*start) {
            Ok(exit) => {
                // After a hang-up there is no terminal to print to; that is no reason to fail.
                if let Some(m) = exit.message {
                    let _ = writeln!(std::io::stdout(), "{}", ambassador::sanitize::text(&m));
                }
                ExitCode::from(exit.status)
            }
            Err(e) => {
                eprintln!(
                    "ambassador: the terminal failed: {}",
                    ambassador::sanitize::text(&e.to_string())
                );
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("ambassador: {}", ambassador::sanitize::text(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
