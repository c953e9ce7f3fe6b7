//! A question in the room view: its ideas by group, the newest standing out a moment.

use crate::domain::Step;
use crate::i18n::tr;
use crate::steps::room::RoomView;
use crate::ui::theme;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;

pub fn lines(view: &RoomView, step: &Step) -> Vec<Line<'static>> {
    let session = view.session;
    let lang = session.language();
    let mut lines = Vec::new();
    let Some(results) = session.results(&step.id).filter(|r| !r.ideas.is_empty()) else {
        lines.push(Line::styled(tr(lang, "present.no_ideas"), theme::dim()));
        return lines;
    };
    let text_of = |id: crate::domain::IdeaId| results.ideas.iter().find(|i| i.id == id);
    let mut placed = std::collections::HashSet::new();
    let mut groups: Vec<_> = results.groups.iter().collect();
    groups.sort_by_key(|g| std::cmp::Reverse(g.ideas.len()));
    for g in groups {
        lines.push(Line::styled(
            format!("{} ({})", g.label, g.ideas.len()),
            theme::accent().add_modifier(Modifier::BOLD),
        ));
        for id in &g.ideas {
            if let Some(idea) = text_of(*id) {
                placed.insert(idea.id);
                lines.push(idea_line(view, idea));
            }
        }
    }
    for idea in results.ideas.iter().filter(|i| !placed.contains(&i.id)) {
        lines.push(idea_line(view, idea));
    }
    lines
}

fn idea_line(view: &RoomView, idea: &crate::domain::Idea) -> Line<'static> {
    let fresh = (view.fresh)(idea.id);
    let style = if fresh {
        theme::focus().add_modifier(Modifier::BOLD)
    } else {
        Style::default()
    };
    let mut text = format!("  • {}", idea.text);
    if view.names {
        text.push_str(&format!(
            " — {}",
            crate::i18n::author(view.session, idea.participant)
        ));
    }
    Line::styled(text, style)
}
