//! `ambassador group`: ideas one per line in, groups out (text or the JSON contract), within
//! bounds that keep any input under 300 MB.

use super::{CliError, LangArg, io_err};
use crate::grouping;
use crate::sanitize;
use crate::store::{self, Paths};
use std::io::{Read, Write};
use std::path::PathBuf;

/// `group` works in memory on the whole list, and what it needs grows with the words in it:
/// measured at its peak, 50,000 lines of five random words (1.5 MB) took 292 MB and 10,000
/// lines of thirty (1.7 MB) 319 MB. These bounds keep every input within 300 MB; more is
/// refused with a message, never half-done. (A workshop board has hundreds of ideas.)
pub const MAX_GROUP_LINES: usize = 40_000;
/// And at most this much text.
pub const MAX_GROUP_BYTES: u64 = 1024 * 1024;

/// `group --live` settles the board after each line, regrouping every line so far, so its
/// time grows with the square of the lines (300 lines took 32 s, 1,000 lines 7 minutes):
/// it takes a workshop board's worth at most.
pub const MAX_LIVE_LINES: usize = 500;

/// Everything from `input` if it is at most `limit` bytes, else `None`.
fn read_at_most(input: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    input.take(limit + 1).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= limit).then_some(buf))
}

/// How the lines are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    /// The whole list at once.
    Batch,
    /// One line at a time through the live engine, as a session's board (`--live`);
    /// `settle: false` (`--no-settle`) leaves out the settle once meaning is known.
    Live { settle: bool },
}

pub(super) fn group(
    paths: &Paths,
    lang: LangArg,
    json: bool,
    meaning: Option<grouping::Meaning>,
    how: How,
    file: Option<PathBuf>,
) -> Result<(), CliError> {
    let meaning = match meaning {
        Some(m) => m,
        None => match store::Config::load(&paths.config_dir)?.embedding_model {
            Some(dir) => grouping::Meaning::Model2Vec(dir),
            None => grouping::Meaning::Builtin,
        },
    };
    let (embedder, warning) = grouping::meaning::load(&meaning);
    if let Some(w) = warning {
        eprintln!("warning: {}", crate::sanitize::text(&w.to_string()));
    }
    let origin = file
        .as_ref()
        .map_or("standard input".to_string(), |p| p.display().to_string());
    let bytes = match &file {
        // A FIFO is fine here (`group <(…)`): it was named on purpose. The cap still holds.
        Some(p) => std::fs::File::open(p)
            .and_then(|f| read_at_most(f, MAX_GROUP_BYTES))
            .map_err(io_err(format!("read {}", p.display())))?,
        None => read_at_most(std::io::stdin().lock(), MAX_GROUP_BYTES)
            .map_err(io_err("read standard input"))?,
    };
    let too_many = |what: String| {
        CliError::Invalid(format!(
            "{origin}: {what}; `ambassador group` takes at most {MAX_GROUP_LINES} ideas \
             and {} KB at a time: split the list",
            MAX_GROUP_BYTES / 1024
        ))
    };
    let Some(bytes) = bytes else {
        return Err(too_many(format!("more than {MAX_GROUP_BYTES} bytes")));
    };
    let lines = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.trim_ascii().is_empty())
        .count();
    if lines > MAX_GROUP_LINES {
        return Err(too_many(format!("{lines} ideas")));
    }
    if matches!(how, How::Live { .. }) && lines > MAX_LIVE_LINES {
        return Err(CliError::Invalid(format!(
            "{origin}: {lines} ideas; `ambassador group --live` replays at most \
             {MAX_LIVE_LINES} ideas, a workshop board's worth (each one regroups the ideas \
             before it): leave out --live, or split the list"
        )));
    }
    let (ideas, output) = match how {
        How::Batch => grouping::batch::run(
            &bytes,
            lang.into(),
            grouping::Granularity::Default,
            embedder.as_deref(),
        ),
        How::Live { settle } => {
            // the built-in encoder (or another encoder file) works on the program's worker,
            // so meaning arrives after the idea; a model2vec model embeds at once
            let arrival = match meaning {
                grouping::Meaning::Builtin | grouping::Meaning::EncoderFile(_) => {
                    grouping::replay::Arrival::Late { settle }
                }
                grouping::Meaning::Model2Vec(_) | grouping::Meaning::Lexical => {
                    grouping::replay::Arrival::AtOnce
                }
            };
            grouping::replay::run(
                &bytes,
                lang.into(),
                grouping::Granularity::Default,
                embedder.as_deref(),
                arrival,
            )
        }
    }
    .map_err(|e| CliError::Invalid(format!("{origin}: {e}")))?;
    let rendered = if json {
        sanitize::json(&serde_json::to_string(&output).expect("groups serialise")).into_owned()
            + "\n"
    } else {
        sanitize::text(&grouping::batch::render_text(&ideas, &output)).into_owned()
    };
    std::io::stdout()
        .write_all(rendered.as_bytes())
        .map_err(io_err("write the groups"))
}
