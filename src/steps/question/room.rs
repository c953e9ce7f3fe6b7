//! A question in the room view: the newest ideas, large where the window allows, then every
//! idea by group, the newest standing out a moment.

use crate::domain::{Idea, Step};
use crate::i18n::tr;
use crate::steps::room::{Block, Loud, RoomBody, RoomView};
use crate::ui::theme;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;

/// How many of the newest ideas the room reads large.
const NEWEST: usize = 3;

pub fn body(view: &RoomView, step: &Step) -> RoomBody {
    let session = view.session;
    let lang = session.language();
    let Some(results) = session.results(&step.id).filter(|r| !r.ideas.is_empty()) else {
        return vec![Line::styled(tr(lang, "present.no_ideas"), theme::dim())].into();
    };
    let mut newest: Vec<&Idea> = results.ideas.iter().collect();
    newest.sort_by_key(|i| std::cmp::Reverse((i.at, i.id)));
    // Large or not at all: in normal type they are in the list by group below anyway.
    let mut blocks: Vec<Block> = newest
        .into_iter()
        .take(NEWEST)
        .map(|idea| Block {
            loud: Some(Loud {
                text: idea.text.clone(),
                style: style_of(view, idea).add_modifier(Modifier::BOLD),
                mark: None,
                under: view.names.then(|| {
                    let author = crate::i18n::author(session, idea.participant).to_string();
                    Line::styled(author, theme::dim())
                }),
            }),
            lines: Vec::new(),
        })
        .collect();
    blocks.push(Block {
        loud: None,
        lines: by_group(view, results),
    });
    RoomBody(blocks)
}

fn by_group(view: &RoomView, results: &crate::domain::StepResults) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
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

fn style_of(view: &RoomView, idea: &Idea) -> Style {
    if (view.fresh)(idea.id) {
        theme::focus().add_modifier(Modifier::BOLD)
    } else {
        Style::default()
    }
}

fn idea_line(view: &RoomView, idea: &Idea) -> Line<'static> {
    let mut text = format!("  • {}", idea.text);
    if view.names {
        text.push_str(&format!(
            " — {}",
            crate::i18n::author(view.session, idea.participant)
        ));
    }
    Line::styled(text, style_of(view, idea))
}
