//! Command-line definitions (clap) and one function per subcommand.

use crate::domain::{Language, SystemClock};
use crate::export::{self, Format};
use crate::grouping;
use crate::sanitize;
use crate::store::{Paths, SessionFile, StoreError, find_session, resolve_template};
use clap::{Args, CommandFactory, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use thiserror::Error;

mod group;
mod interviews;
mod listing;
mod sync;
mod themes;

use group::group;
pub use group::{MAX_GROUP_BYTES, MAX_GROUP_LINES, MAX_LIVE_LINES};
use listing::{list, templates};

#[derive(Debug, Parser)]
#[command(
    name = "ambassador",
    about = "Run a team session on ambassadorship, group what people say, keep it for later.",
    disable_version_flag = true
)]
pub struct Cli {
    /// Where sessions are kept (default: the platform's data folder).
    #[arg(long, global = true, env = "AMBASSADOR_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where your own workshop templates live (default: the platform's config folder).
    #[arg(long, global = true, env = "AMBASSADOR_CONFIG_DIR", value_name = "DIR")]
    pub config_dir: Option<PathBuf>,
    /// Print the version and the data and config folders.
    #[arg(short = 'V', long)]
    pub version: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a session and open it at step 1.
    New(NewArgs),
    /// Continue a session (by file or id).
    Open {
        /// The session: a path to its .ron file, or its id as `ambassador list` shows it.
        session: String,
        /// Let participants join from their own devices on the local network at once
        /// (F6 on the run screen does the same).
        #[arg(long)]
        join: bool,
        /// Where the join server listens, ADDR[:PORT] (default: this machine's LAN address).
        #[arg(long, value_name = "ADDR[:PORT]", requires = "join")]
        bind: Option<String>,
        /// Devices may also join without a name; their ideas are saved with no author
        /// ("a" in the join panel turns this on and off).
        #[arg(long, requires = "join")]
        anonymous: bool,
    },
    /// Look at a session without changing it (the home screen when no session is given).
    Review {
        /// The session: a path to its .ron file, or its id as `ambassador list` shows it.
        session: Option<String>,
    },
    /// Past sessions, newest first.
    List {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Write a report of a session.
    Export {
        /// The session: a path to its .ron file, or its id as `ambassador list` shows it.
        session: String,
        /// The kind of report: Markdown, a self-contained HTML page, or JSON.
        #[arg(long, value_enum)]
        format: Format,
        /// Write to this file instead of standard output (`-` for standard output), or into
        /// this folder under the report's usual name (`<id>.<format>`). Only a regular file, a
        /// folder or a new path: links, FIFOs and devices are refused.
        #[arg(short, long, value_name = "FILE|FOLDER")]
        output: Option<PathBuf>,
        /// Leave every participant's and the facilitator's name out.
        #[arg(long)]
        anonymous: bool,
    },
    /// Available workshop templates.
    Templates,
    /// Group ideas given one per line (from FILE or standard input).
    ///
    /// Ideas are grouped by meaning (a multilingual sentence encoder built into the program)
    /// together with shared words, concepts and spellings.
    Group {
        /// Language of the ideas: detected per idea (auto), or en / nl for all of them.
        #[arg(long, value_enum, default_value = "auto")]
        lang: LangArg,
        /// Print {"groups":[{"label":"…","items":[0,3,7]}]}, items being 0-based indices
        /// of the non-empty input lines.
        #[arg(long)]
        json: bool,
        /// Shared words, concepts and spellings only, without any model: much faster,
        /// blind to meaning.
        #[arg(long)]
        fast: bool,
        /// A local model2vec folder to use instead of the built-in encoder (default: the
        /// one in config.ron, if any).
        #[arg(long, value_name = "DIR")]
        model: Option<PathBuf>,
        /// An encoder file (as scripts/build-encoder-model.py writes it) to use instead of
        /// the built-in one. A model that cannot be loaded means a warning and grouping by
        /// words only.
        #[arg(long, value_name = "FILE", env = "AMBASSADOR_ENCODER")]
        encoder: Option<PathBuf>,
        /// Group as the live board of a session does: the lines go in one at a time, in
        /// order, each placed as it is said and its meaning taken in when the encoder has it
        /// (then the free ideas settle), instead of the whole list at once. At most 500
        /// ideas.
        #[arg(long)]
        live: bool,
        /// With --live: the live board without settling (each idea looked at once more when
        /// its meaning arrives, nothing else moved), for comparison.
        #[arg(long, requires = "live")]
        no_settle: bool,
        /// The ideas, one per line (default: standard input).
        file: Option<PathBuf>,
    },
    /// Show where sessions and templates are kept.
    Paths,
    /// Print a shell completion script (for example `ambassador completions bash >
    /// ~/.local/share/bash-completion/completions/ambassador`).
    Completions {
        /// The shell to write completions for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), generated from these same definitions
    /// (`ambassador man > ambassador.1; man ./ambassador.1`).
    Man,
    /// Common ground across sessions: their ideas grouped by meaning into themes, with the
    /// pulse over time and the actions across them (own sessions and the synced archive).
    Themes(themes::ThemesArgs),
    /// Share your sessions with your programme's archive (a git repository) and bring in
    /// the others'. The first time, join it with --remote; it is remembered.
    Sync {
        /// The archive's git remote (a URL or a folder) to join; remembered in config.ron.
        #[arg(long, value_name = "URL")]
        remote: Option<String>,
        /// For a new, empty archive: share sessions in full (names included) instead of
        /// anonymous copies. Every member follows what the archive says.
        #[arg(long)]
        full: bool,
    },
    /// The room view: a read-only window for the projector that follows the session live.
    Present {
        /// The session (file or id); without it, the one open for writing now, else a list
        /// to choose from.
        session: Option<String>,
        /// Show who said what.
        #[arg(long)]
        names: bool,
    },
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Template id (see `ambassador templates`) or path to a template file (default:
    /// ambassadorship, or ambassadorship-follow-up with --follow-up).
    #[arg(long, value_name = "ID|PATH")]
    pub template: Option<String>,
    /// The session's language: its workshop, screens and reports (default: the earlier
    /// session's with --follow-up, else yours, from config.ron's `language` or else LANG; a
    /// template file keeps its own).
    #[arg(long, value_parser = language_parser())]
    pub lang: Option<Language>,
    /// The session's title (can be filled in on the setup screen).
    #[arg(long, default_value_t, hide_default_value = true, value_name = "TEXT")]
    pub title: String,
    /// The organisation the session is about.
    #[arg(long, default_value_t, hide_default_value = true, value_name = "TEXT")]
    pub org: String,
    /// The team the session is with (to choose sessions by team in `themes`).
    #[arg(long, default_value_t, hide_default_value = true, value_name = "TEXT")]
    pub team: String,
    /// The programme the session belongs to (to choose sessions by programme in `themes`).
    #[arg(long, default_value_t, hide_default_value = true, value_name = "TEXT")]
    pub programme: String,
    /// What the session should lead to.
    #[arg(long, default_value_t, hide_default_value = true, value_name = "TEXT")]
    pub goal: String,
    /// Who leads the session.
    #[arg(long, default_value_t, hide_default_value = true, value_name = "NAME")]
    pub facilitator: String,
    /// A participant's name; repeat for each participant.
    #[arg(long = "participant", value_name = "NAME")]
    pub participants: Vec<String>,
    /// Start a follow-up of this session (file or id): its details and participants are
    /// copied (options given here replace them) and the two sessions are linked.
    #[arg(long, value_name = "FILE|ID")]
    pub follow_up: Option<String>,
    /// How the pulse is kept: `private` (the default: scores on ballots without a name, the
    /// room sees only totals) or `open` (scored aloud, by name).
    #[arg(long, value_name = "private|open", value_parser = pulse_mode)]
    pub pulse: Option<crate::domain::PulseMode>,
    /// Draw on an interview (file or id; repeat for each): the interviews' answers, grouped
    /// by meaning, are shown beside the team's common ground as "heard in the interviews".
    #[arg(long = "from-interview", value_name = "FILE|ID")]
    pub from_interviews: Vec<String>,
    /// Only create the file and print its id; do not open the program.
    #[arg(long)]
    pub no_open: bool,
}

fn pulse_mode(text: &str) -> Result<crate::domain::PulseMode, String> {
    crate::domain::PulseMode::parse(text)
        .ok_or_else(|| format!("\"{text}\" is not a pulse mode: use private or open"))
}

/// The language of ideas to group: `auto` picks it per idea.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum LangArg {
    Auto,
    En,
    Nl,
}

impl From<LangArg> for grouping::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Auto => grouping::Lang::Auto,
            LangArg::En => grouping::Lang::En,
            LangArg::Nl => grouping::Lang::Nl,
        }
    }
}

/// `en` or `nl`, listed as possible values in help and completions.
fn language_parser() -> impl clap::builder::TypedValueParser<Value = Language> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["en", "nl"])
        .map(|code| code.parse::<Language>().expect("a listed language parses"))
}

#[derive(Debug, Error)]
pub enum CliError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("could not {action}: {source}")]
    Io {
        action: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Output(#[from] export::OutputError),
    #[error("{0}")]
    Invalid(String),
}

impl CliError {
    /// The reader of our output went away (`list | head`): a normal end, not an error.
    pub fn is_closed_pipe(&self) -> bool {
        matches!(self, CliError::Io { source, .. } if crate::platform::files::is_closed_pipe(source))
    }
}

fn io_err(action: impl Into<String>) -> impl FnOnce(std::io::Error) -> CliError {
    let action = action.into();
    move |source| CliError::Io { action, source }
}

/// What `main` should do after a subcommand: nothing more, or start the full-screen program.
pub enum Next {
    Done,
    Interactive(Box<crate::app::Start>),
}

pub fn run(cli: Cli) -> Result<Next, CliError> {
    let paths = Paths::resolve(cli.data_dir, cli.config_dir)?;
    if cli.version {
        version(&paths)?;
        return Ok(Next::Done);
    }
    use crate::app::Start;
    match cli.command {
        None => interactive(Start::Home { paths }),
        Some(Command::New(args)) => new(paths, args),
        Some(Command::Open {
            session,
            join,
            bind,
            anonymous,
        }) => {
            let (path, shared) = crate::store::archive::find_any_session(&paths, &session)?;
            if shared {
                // Another facilitator's session, from the archive: read-only.
                let file = Box::new(SessionFile::open_read_only(&path)?);
                return interactive(Start::Session { paths, file });
            }
            let file = Box::new(SessionFile::open(&path)?);
            if join {
                interactive(Start::Joining {
                    paths,
                    file,
                    bind,
                    anonymous,
                })
            } else {
                interactive(Start::Session { paths, file })
            }
        }
        Some(Command::Review { session: None }) => interactive(Start::Review { paths }),
        Some(Command::Review {
            session: Some(session),
        }) => {
            let (path, _) = crate::store::archive::find_any_session(&paths, &session)?;
            let file = SessionFile::open_read_only(&path)?;
            interactive(Start::Session {
                paths,
                file: Box::new(file),
            })
        }
        Some(Command::List { json }) => list(&paths, json).map(|_| Next::Done),
        Some(Command::Themes(args)) => themes::themes(&paths, args).map(|_| Next::Done),
        Some(Command::Export {
            session,
            format,
            output,
            anonymous,
        }) => export(&paths, &session, format, output, anonymous).map(|_| Next::Done),
        Some(Command::Templates) => templates(&paths).map(|_| Next::Done),
        Some(Command::Group {
            lang,
            json,
            fast,
            model,
            encoder,
            live,
            no_settle,
            file,
        }) => {
            let meaning = match (fast, model, encoder) {
                (true, _, _) => Some(grouping::Meaning::Lexical),
                (_, Some(dir), _) => Some(grouping::Meaning::Model2Vec(dir)),
                (_, _, Some(file)) => Some(grouping::Meaning::EncoderFile(file)),
                _ => None,
            };
            let how = match (live, no_settle) {
                (false, _) => group::How::Batch,
                (true, settle) => group::How::Live { settle: !settle },
            };
            group(&paths, lang, json, meaning, how, file).map(|_| Next::Done)
        }
        Some(Command::Paths) => {
            print_paths(&paths)?;
            Ok(Next::Done)
        }
        Some(Command::Completions { shell }) => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "ambassador", &mut out);
            out.flush().map_err(io_err("write the completions"))?;
            Ok(Next::Done)
        }
        Some(Command::Man) => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(io_err("write the manual page"))?;
            Ok(Next::Done)
        }
        Some(Command::Present { session, names }) => present(&paths, session, names),
        Some(Command::Sync { remote, full }) => {
            sync::sync(&paths, remote.as_deref(), full).map(|_| Next::Done)
        }
    }
}

fn present(paths: &Paths, session: Option<String>, names: bool) -> Result<Next, CliError> {
    let dir = paths.sessions_dir();
    // The room view's keys may be rebound in keys.ron too (`screen: "room_view"`); a problem
    // with the file leaves the built-in keys, as the facilitator's program says at its start.
    let (user, _problems) = crate::interact::user_keys::load(&paths.config_dir);
    let keys = crate::interact::Keymap::with_user(user);
    let shown = match session {
        Some(s) => crate::present::run(paths, &find_session(&dir, &s)?, names, &keys),
        None => crate::present::run_chosen(paths, names, &keys),
    };
    shown.map_err(|e| CliError::Invalid(e.to_string()))?;
    Ok(Next::Done)
}

fn interactive(start: crate::app::Start) -> Result<Next, CliError> {
    Ok(Next::Interactive(Box::new(start)))
}

fn version(paths: &Paths) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "ambassador {}", env!("CARGO_PKG_VERSION")).map_err(io_err("write"))?;
    print_paths(paths)
}

fn print_paths(paths: &Paths) -> Result<(), CliError> {
    let show = |p: &std::path::Path| sanitize::line(&p.display().to_string()).into_owned();
    let mut text = format!(
        "data:      {}\nsessions:  {}\nconfig:    {}\ntemplates: {}\n",
        show(&paths.data_dir),
        show(&paths.sessions_dir()),
        show(&paths.config_dir),
        show(&paths.templates_dir())
    );
    if let Some(cache) = crate::store::default_cache_dir() {
        text.push_str(&format!("cache:     {}\n", show(&cache)));
    }
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(io_err("write the folders"))
}

fn new(paths: Paths, args: NewArgs) -> Result<Next, CliError> {
    let earlier = match &args.follow_up {
        Some(wanted) => {
            let path = find_session(&paths.sessions_dir(), wanted)?;
            Some(SessionFile::open_read_only(&path)?.into_session())
        }
        None => None,
    };
    let wanted = args.template.as_deref().unwrap_or(if earlier.is_some() {
        crate::store::FOLLOW_UP_TEMPLATE
    } else {
        "ambassadorship"
    });
    // An explicit --lang wins; a follow-up keeps the earlier session's language; a built-in
    // workshop otherwise comes in the user's language.
    let lang = args.lang.or(earlier.as_ref().map(|e| e.language()));
    let preferred = lang.or_else(|| {
        crate::store::Config::load(&paths.config_dir)
            .ok()
            .map(|c| c.user_language())
    });
    let mut template = resolve_template(&paths.templates_dir(), wanted, preferred)?;
    if let Some(lang) = lang {
        template.language = lang;
    }
    let mut details = earlier
        .as_ref()
        .map(|e| crate::store::follow_up_details(&paths.sessions_dir(), e, template.language))
        .unwrap_or_default();
    let given = |arg: String, kept: &mut String| {
        if !arg.trim().is_empty() {
            *kept = arg;
        }
    };
    given(args.title, &mut details.title);
    given(args.org, &mut details.organisation);
    given(args.team, &mut details.team);
    given(args.programme, &mut details.programme);
    given(args.goal, &mut details.goal);
    given(args.facilitator, &mut details.facilitator);
    if !args.participants.is_empty() {
        details.participants = args.participants;
    }
    if let Some(mode) = args.pulse {
        details.pulse_mode = mode;
    }
    if details.title.trim().is_empty() {
        details.title = template.title.clone();
    }
    if !args.from_interviews.is_empty() {
        details.heard = Some(interviews::heard(&paths, &args.from_interviews)?);
    }
    let sessions_dir = paths.ensure_sessions_dir()?;
    let file = SessionFile::create(&sessions_dir, template, details, &SystemClock)?;
    if args.no_open {
        let shown = format!(
            "{}\n{}\n",
            sanitize::line(file.session().id()),
            sanitize::line(&file.path.display().to_string())
        );
        std::io::stdout()
            .lock()
            .write_all(shown.as_bytes())
            .map_err(io_err("write the new session's id"))?;
        return Ok(Next::Done);
    }
    interactive(crate::app::Start::Session {
        paths,
        file: Box::new(file),
    })
}

fn export(
    paths: &Paths,
    session: &str,
    format: Format,
    output: Option<PathBuf>,
    anonymous: bool,
) -> Result<(), CliError> {
    let (path, _) = crate::store::archive::find_any_session(paths, session)?;
    let file = SessionFile::open_read_only(&path)?;
    // A folder that is there gets the report under its usual name, as the program names it.
    let output = output.map(|out| {
        let folder = std::fs::symlink_metadata(&out).is_ok_and(|m| m.is_dir());
        if folder {
            out.join(export::file_name(file.session(), format))
        } else {
            out
        }
    });
    let target = export::Target::parse(output);
    if let export::Target::File(out) = &target {
        // Before any work, so a refused path costs nothing.
        export::check_target(out)?;
    }
    let zone = crate::domain::Clock::time_zone(&crate::domain::SystemClock);
    let report = crate::steps::report::render(file.session(), format, anonymous, &zone);
    let report = match (&target, format) {
        (export::Target::Stdout, Format::Json) => sanitize::json(&report).into_owned(),
        (export::Target::Stdout, _) => sanitize::text(&report).into_owned(),
        (export::Target::File(_), _) => report,
    };
    export::write(&target, report.as_bytes())?;
    Ok(())
}
