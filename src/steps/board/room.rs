//! The common ground in the room view: the groups ranked as on the board, who shares each,
//! their dots and the denominators; the facilitator's selection marked.

use super::{current_group, ranked_groups};
use crate::domain::{Session, Step};
use crate::i18n::{tr, trf};
use crate::ui::theme;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

pub fn lines(
    session: &Session,
    step: &Step,
    selected: Option<crate::domain::GroupId>,
) -> Vec<Line<'static>> {
    let lang = session.language();
    let mut lines = Vec::new();
    let index = session.idea_index();
    let ranked = ranked_groups(session, &step.id, &index);
    if ranked.is_empty() {
        lines.push(Line::styled(tr(lang, "present.no_ideas"), theme::dim()));
    }
    let results = session.results(&step.id);
    let people = session.participants().len();
    let votes = session.vote_totals(&step.id);
    for (g, n) in ranked {
        let dots = votes.get(&g.id).copied().unwrap_or(0);
        let star = results.is_some_and(|r| r.denominators.iter().any(|d| d.group == g.id));
        let label =
            current_group(session, &step.id, g.id).map_or(g.label.clone(), |g| g.label.clone());
        lines.push(Line::from(vec![
            Span::styled(
                if selected == Some(g.id) { "▶ " } else { "  " },
                theme::focus(),
            ),
            Span::raw(if star { "★ " } else { "  " }),
            Span::styled(label, theme::accent().add_modifier(Modifier::BOLD)),
            Span::styled(
                format!("  {}", trf(lang, "board.shared_by", &[&n, &people])),
                theme::dim(),
            ),
            Span::styled(crate::ui::widgets::dots_text(lang, dots), theme::notice()),
        ]));
    }
    lines
}
