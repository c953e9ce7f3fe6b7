use ambassador::cli::{self, Cli, Next};
use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(Next::Done) => ExitCode::SUCCESS,
        Ok(Next::Interactive(_)) if !has_terminal() => {
            eprintln!(
                "ambassador: the full-screen program needs a terminal (standard input and output \
                 are not one here). Without a terminal use: list, export, templates, group, \
                 new --no-open, paths."
            );
            ExitCode::FAILURE
        }
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
        // `ambassador list | head`: the reader had enough; that is a normal end.
        Err(e) if e.is_closed_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ambassador: {}", ambassador::sanitize::text(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

fn has_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}
