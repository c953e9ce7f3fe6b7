use ambassador::cli::{self, Cli, Next};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(Next::Done) => ExitCode::SUCCESS,
        Ok(Next::Interactive(start)) => match ambassador::terminal::run(*start) {
            Ok(message) => {
                if let Some(m) = message {
                    println!("{}", ambassador::sanitize::text(&m));
                }
                ExitCode::SUCCESS
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
