//! Common ground across sessions on the review screen: the themes with how widely they are
//! shared and their ideas in people's words, the pulse over time, the actions across
//! sessions. One page that scrolls (↑/↓), in the user's language.

use super::ReviewState;
use super::draw::scrolled_page;
use crate::i18n::{date_span, people_count, sessions_count, teams_count, tr, trf};
use crate::review::programme::ProgrammeReport;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

/// Ideas shown under each theme.
const IDEAS_SHOWN: usize = 2;

pub fn draw(r: &ProgrammeReport, review: &ReviewState, frame: &mut Frame, area: Rect) {
    let lang = review.language;
    let teams: std::collections::BTreeSet<&str> =
        r.sessions.iter().map(|s| s.team.as_str()).collect();
    let block = Block::bordered().title(format!(
        " {} ",
        trf(
            lang,
            "themes.title",
            &[
                &sessions_count(lang, r.sessions.len()),
                &teams_count(lang, teams.len())
            ]
        )
    ));
    let heading = |key: &'static str, n: usize| {
        Line::styled(format!("{} ({n})", tr(lang, key)), theme::accent())
    };
    let mut lines = vec![heading("themes.themes", r.themes.len())];
    for t in &r.themes {
        let mut spans = vec![
            Span::styled(format!("■ {}", t.label), theme::title()),
            Span::styled(
                format!(
                    "  {}",
                    trf(
                        lang,
                        "themes.coverage",
                        &[
                            &sessions_count(lang, t.sessions.len()),
                            &people_count(lang, t.people),
                            &date_span(lang, &t.first_seen, &t.last_seen)
                        ]
                    )
                ),
                theme::dim(),
            ),
        ];
        if !t.denominator_in.is_empty() {
            spans.push(Span::styled(
                format!(
                    "  ★ {}",
                    trf(lang, "themes.denominator_in", &[&t.denominator_in.len()])
                ),
                theme::notice(),
            ));
        }
        lines.push(Line::from(spans));
        lines.push(Line::styled(
            format!("  {}", t.teams.join(", ")),
            theme::dim(),
        ));
        for idea in t.ideas.iter().take(IDEAS_SHOWN) {
            lines.push(Line::raw(format!(
                "  “{}” — {}",
                idea.text.trim(),
                r.sessions[idea.session].team
            )));
        }
        if t.ideas.len() > IDEAS_SHOWN {
            lines.push(Line::styled(
                format!(
                    "  {}",
                    trf(lang, "themes.more", &[&(t.ideas.len() - IDEAS_SHOWN)])
                ),
                theme::dim(),
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.push(heading("themes.pulse", r.pulse.len()));
    if r.pulse.is_empty() {
        lines.push(Line::styled(
            format!("  {}", tr(lang, "themes.no_pulse")),
            theme::dim(),
        ));
    }
    for p in &r.pulse {
        lines.push(Line::raw(format!("  {}: {}", p.label, p.points_text())));
    }
    lines.push(Line::raw(""));
    let c = r.actions.counts;
    lines.push(heading("themes.actions", r.actions.items.len()));
    lines.push(Line::raw(format!(
        "  {}",
        trf(
            lang,
            "themes.action_counts",
            &[&c.open, &c.overdue, &c.done, &c.dropped]
        )
    )));
    for o in &r.actions.by_owner {
        lines.push(Line::raw(format!(
            "  {}: {}",
            o.owner,
            trf(
                lang,
                "themes.action_counts",
                &[
                    &o.counts.open,
                    &o.counts.overdue,
                    &o.counts.done,
                    &o.counts.dropped
                ]
            )
        )));
    }
    for a in r.actions.items.iter().filter(|a| a.overdue) {
        lines.push(Line::styled(
            format!(
                "  {} {} — {} — {} ({})",
                tr(lang, "action.overdue"),
                a.what,
                a.who.as_deref().unwrap_or("?"),
                a.when,
                r.sessions[a.session].team
            ),
            theme::warning(),
        ));
    }
    scrolled_page(review, lines, block, frame, area);
}
