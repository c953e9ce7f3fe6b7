//! `ambassador themes`: common ground across sessions, as text for people, JSON for scripts
//! or an HTML programme report.

use super::CliError;
use crate::domain::Language;
use crate::export;
use crate::i18n::{date_span, people_count, sessions_count, teams_count, tr, trf};
use crate::review::gather::{gather, meaning_of};
use crate::review::programme::{ActionState, ProgrammeReport, Selection, report};
use crate::sanitize;
use crate::store::{Paths, default_cache_dir};
use clap::Args;
use jiff::civil::Date;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ThemesArgs {
    /// Sessions chosen by hand (ids as `ambassador list` shows them, or an archive file's
    /// name); none: every session the options below admit.
    pub sessions: Vec<String>,
    /// Only sessions of this programme.
    #[arg(long, value_name = "NAME")]
    pub programme: Option<String>,
    /// Only sessions with this team.
    #[arg(long, value_name = "NAME")]
    pub team: Option<String>,
    /// Only sessions about this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Only sessions held on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<Date>,
    /// Only sessions held on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<Date>,
    /// Shared words, concepts and spellings only, without the encoder: much faster, blind
    /// to meaning.
    #[arg(long)]
    pub fast: bool,
    /// Print JSON (the shape is in the README) instead of text.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// `text` (the default), `json`, or `html`: a programme report that prints well.
    #[arg(long, value_enum)]
    pub format: Option<ThemesFormat>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The language of the text and the HTML report (default: yours, from config.ron's
    /// `language` or else LANG); what people said stays as said.
    #[arg(long, value_parser = super::language_parser())]
    pub lang: Option<Language>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemesFormat {
    Text,
    Json,
    Html,
}

pub(super) fn themes(paths: &Paths, args: ThemesArgs) -> Result<(), CliError> {
    let format = match (args.json, args.format) {
        (true, _) => ThemesFormat::Json,
        (false, f) => f.unwrap_or(ThemesFormat::Text),
    };
    let target = export::Target::parse(args.output.clone());
    if let export::Target::File(out) = &target {
        export::check_target(out)?;
    }
    let lang = match args.lang {
        Some(lang) => lang,
        None => crate::store::Config::load(&paths.config_dir)?.user_language(),
    };
    let selection = Selection {
        ids: args.sessions,
        programme: args.programme,
        team: args.team,
        organisation: args.org,
        since: args.since,
        until: args.until,
    };
    let gathered = gather(paths, &selection)?;
    for why in &gathered.unreadable {
        eprintln!("warning: left out: {}", sanitize::text(why));
    }
    if gathered.chosen.is_empty() {
        return Err(CliError::Invalid(
            "no sessions match: see `ambassador list`, and check --programme, --team, --org, \
             --since and --until"
                .into(),
        ));
    }
    let cache = default_cache_dir();
    let found = if args.fast {
        None
    } else {
        meaning_of(&gathered.chosen, cache.as_deref())
    };
    let meaning = match found {
        Some((known, _)) => known,
        None if args.fast => crate::grouping::KnownEmbeddings::new(0, None),
        None => {
            eprintln!(
                "warning: the built-in encoder is not available; themes by shared words only"
            );
            crate::grouping::KnownEmbeddings::new(0, None)
        }
    };
    let zone = crate::domain::Clock::time_zone(&crate::domain::SystemClock);
    let today = crate::domain::local_date(jiff::Timestamp::now(), &zone);
    let report = report(gathered.chosen, &meaning, today);
    let rendered = match format {
        ThemesFormat::Json => {
            let json = serde_json::to_string_pretty(&report).expect("the report serialises");
            sanitize::json(&json).into_owned() + "\n"
        }
        ThemesFormat::Text => sanitize::text(&render_text(&report, lang)).into_owned(),
        ThemesFormat::Html => crate::export::programme::render(&report, today, lang),
    };
    export::write(&target, rendered.as_bytes()).map_err(CliError::from)?;
    Ok(())
}

/// Ideas shown under each theme in the text form.
const IDEAS_SHOWN: usize = 3;

/// The report as text for people, in `lang` (the words around the themes; what people said
/// stays as said).
pub fn render_text(r: &ProgrammeReport, lang: Language) -> String {
    let mut s = String::new();
    let teams: std::collections::BTreeSet<&str> =
        r.sessions.iter().map(|x| x.team.as_str()).collect();
    let first = r.sessions.first().map(|x| x.date);
    let last = r.sessions.last().map(|x| x.date);
    let _ = writeln!(
        s,
        "{}{}",
        trf(
            lang,
            "themes.title",
            &[
                &sessions_count(lang, r.sessions.len()),
                &teams_count(lang, teams.len())
            ]
        ),
        match (first, last) {
            (Some(a), Some(b)) => trf(lang, "programme.text_range", &[&date_span(lang, &a, &b)]),
            _ => String::new(),
        }
    );
    let _ = writeln!(s, "\n{}", tr(lang, "programme.text_themes"));
    for (n, t) in r.themes.iter().enumerate() {
        let mark = if t.denominator_in.is_empty() {
            String::new()
        } else {
            format!(
                ", {}",
                trf(lang, "themes.denominator_in", &[&t.denominator_in.len()])
            )
        };
        let _ = writeln!(
            s,
            "{:>3}. {} — {}{mark}",
            n + 1,
            t.label,
            trf(
                lang,
                "programme.text_theme",
                &[
                    &sessions_count(lang, t.sessions.len()),
                    &t.teams.join(", "),
                    &people_count(lang, t.people),
                    &date_span(lang, &t.first_seen, &t.last_seen)
                ]
            )
        );
        for idea in t.ideas.iter().take(IDEAS_SHOWN) {
            let _ = writeln!(
                s,
                "       “{}” ({})",
                idea.text.trim(),
                r.sessions[idea.session].team
            );
        }
        if t.ideas.len() > IDEAS_SHOWN {
            let _ = writeln!(
                s,
                "       {}",
                trf(lang, "themes.more", &[&(t.ideas.len() - IDEAS_SHOWN)])
            );
        }
    }
    if r.themes.is_empty() {
        let _ = writeln!(s, "  {}", tr(lang, "programme.text_no_ideas"));
    }
    let _ = writeln!(s, "\n{}", tr(lang, "programme.text_pulse"));
    for p in &r.pulse {
        let _ = writeln!(s, "  {}: {}", p.label, p.points_text());
    }
    if r.pulse.is_empty() {
        let _ = writeln!(s, "  {}", tr(lang, "programme.text_no_pulse"));
    }
    let counts = |c: &crate::review::programme::ActionCounts| {
        trf(
            lang,
            "programme.text_counts",
            &[&c.open, &c.overdue, &c.done, &c.dropped],
        )
    };
    let _ = writeln!(
        s,
        "\n{}: {}",
        tr(lang, "programme.text_actions"),
        counts(&r.actions.counts)
    );
    for o in &r.actions.by_owner {
        let _ = writeln!(s, "  {}: {}", o.owner, counts(&o.counts));
    }
    for a in r.actions.items.iter().filter(|a| a.overdue) {
        let _ = writeln!(
            s,
            "  {}: {} — {} — {} ({})",
            tr(lang, "programme.overdue"),
            a.what,
            a.who.as_deref().unwrap_or("?"),
            a.when,
            r.sessions[a.session].team
        );
    }
    let open_now = r
        .actions
        .items
        .iter()
        .filter(|a| matches!(a.state, ActionState::InProgress))
        .count();
    if open_now > 0 {
        let _ = writeln!(
            s,
            "  {}",
            trf(lang, "programme.text_in_progress", &[&open_now])
        );
    }
    s
}
