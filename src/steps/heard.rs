//! "Heard in the interviews": the themes of the interviews a session draws on, one line
//! beside the team's common ground (the board and the bridge). Labels and counts only: who
//! was interviewed is never shown here, the room may be looking.

use crate::domain::Session;
use crate::i18n::{tr, trf};
use crate::ui::theme;
use ratatui::text::{Line, Span};

/// The line, or none for a session that draws on no interviews.
pub fn line(session: &Session) -> Option<Line<'static>> {
    let heard = session.heard()?;
    let lang = session.language();
    let of = heard.interviews.len();
    let themes: Vec<String> = heard
        .themes
        .iter()
        .map(|t| format!("◆ {} ({}/{of})", t.label, t.interviews))
        .collect();
    let title = format!("{} ", tr(lang, "heard.title"));
    let body = if themes.is_empty() {
        trf(lang, "heard.from", &[&of])
    } else {
        themes.join("  ")
    };
    Some(Line::from(vec![
        Span::styled(title, theme::dim()),
        Span::raw(body),
    ]))
}

/// The line in at most `width` cells, its themes cut with "…" where they do not fit (the
/// question steps, where it shares the head of the pane with who has spoken).
pub fn line_within(session: &Session, width: usize) -> Option<Line<'static>> {
    let line = line(session)?;
    let mut spans = line.spans;
    let title_width = spans.first().map_or(0, |s| s.width());
    if let Some(body) = spans.get_mut(1) {
        let room = width.saturating_sub(title_width);
        *body = Span::raw(crate::ui::widgets::truncate(&body.content, room));
    }
    Some(Line::from(spans))
}

/// The groups of a board step that match a theme heard in the interviews (by their words
/// and concepts: a report has no encoder at hand), by label.
fn matching_labels(session: &Session, step: &str) -> Vec<String> {
    let groups = session
        .results(step)
        .map(|r| r.groups.as_slice())
        .unwrap_or_default();
    let themes = crate::steps::board::matched::heard(session);
    let board = crate::steps::board::matched::board_themes(session, groups);
    let mut labels: Vec<String> = crate::review::match_themes(&themes, &board, None)
        .into_iter()
        .filter_map(|(_, j, _)| groups.get(j).map(|g| g.label.clone()))
        .collect();
    labels.sort();
    labels
}

/// Who was interviewed, in a report that names people ("" in an anonymous one).
fn people(session: &Session, anonymous: bool) -> String {
    if anonymous {
        return String::new();
    }
    let names: Vec<&str> = session
        .heard()
        .map(|h| h.interviews.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|i| i.person.as_str())
        .filter(|p| !p.trim().is_empty())
        .collect();
    if names.is_empty() {
        String::new()
    } else {
        format!(
            " ({})",
            trf(session.language(), "heard.with", &[&names.join(", ")])
        )
    }
}

/// The report's part on a board step: the themes heard and the groups that match one.
pub fn markdown(out: &mut String, session: &Session, step: &str, anonymous: bool) {
    use crate::export::markdown::escape;
    use std::fmt::Write;
    let Some(heard) = session.heard() else { return };
    let lang = session.language();
    let of = heard.interviews.len();
    let _ = writeln!(
        out,
        "**{}:** {}{}\n",
        tr(lang, "heard.title"),
        trf(lang, "heard.from", &[&of]),
        escape(&people(session, anonymous))
    );
    for t in &heard.themes {
        let _ = writeln!(
            out,
            "- ◆ {} — {}",
            escape(&t.label),
            trf(lang, "heard.in_of", &[&t.interviews, &of])
        );
    }
    let matched = matching_labels(session, step);
    if !matched.is_empty() {
        let _ = writeln!(out, "\n**{}:**\n", capitalised(tr(lang, "heard.also")));
        for label in matched {
            let _ = writeln!(out, "- {}", escape(&label));
        }
    }
    out.push('\n');
}

pub fn html(out: &mut String, session: &Session, step: &str, anonymous: bool) {
    use crate::export::html::esc;
    use std::fmt::Write;
    let Some(heard) = session.heard() else { return };
    let lang = session.language();
    let of = heard.interviews.len();
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<p>{}{}</p>\n<ul class=\"heard\">",
        esc(tr(lang, "heard.title")),
        esc(&trf(lang, "heard.from", &[&of])),
        esc(&people(session, anonymous))
    );
    for t in &heard.themes {
        let _ = writeln!(
            out,
            "<li>◆ {} <span class=\"count\">{}</span></li>",
            esc(&t.label),
            esc(&trf(lang, "heard.in_of", &[&t.interviews, &of]))
        );
    }
    out.push_str("</ul>\n");
    let matched = matching_labels(session, step);
    if !matched.is_empty() {
        let _ = writeln!(
            out,
            "<p><strong>{}:</strong> {}</p>",
            esc(&capitalised(tr(lang, "heard.also"))),
            esc(&matched.join(", "))
        );
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
