//! The common ground in the room view: the groups ranked as on the board, who shares each,
//! their dots and the denominators; the facilitator's selection marked. The top groups with
//! their dots are what the room reads: large where the window allows.

use super::{current_group, ranked_groups};
use crate::domain::{Language, Session, Step};
use crate::i18n::{tr, trf};
use crate::steps::room::{Block, Loud, RoomBody};
use crate::ui::theme;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};

pub fn body(session: &Session, step: &Step, selected: Option<crate::domain::GroupId>) -> RoomBody {
    let lang = session.language();
    let index = session.idea_index();
    let ranked = ranked_groups(session, &step.id, &index);
    if ranked.is_empty() {
        return vec![Line::styled(tr(lang, "present.no_ideas"), theme::dim())].into();
    }
    let results = session.results(&step.id);
    let people = session.participants().len();
    let votes = session.vote_totals(&step.id);
    let mut blocks = Vec::new();
    for (g, n) in ranked {
        let dots = votes.get(&g.id).copied().unwrap_or(0);
        let star = results.is_some_and(|r| r.denominators.iter().any(|d| d.group == g.id));
        let label =
            current_group(session, &step.id, g.id).map_or(g.label.clone(), |g| g.label.clone());
        let pointer = if selected == Some(g.id) { "▶" } else { " " };
        let mark = format!("{pointer}{} ", if star { "★" } else { " " });
        let shared = Span::styled(trf(lang, "board.shared_by", &[&n, &people]), theme::dim());
        let dots_span = Span::styled(crate::ui::widgets::dots_text(lang, dots), theme::notice());
        let label_style = theme::accent().add_modifier(Modifier::BOLD);
        blocks.push(Block {
            loud: Some(Loud {
                text: with_dots(lang, &label, dots),
                style: label_style,
                mark: Some(Span::styled(mark.clone(), theme::focus())),
                under: Some(Line::from(vec![shared.clone(), dots_span.clone()])),
            }),
            lines: vec![Line::from(vec![
                Span::styled(mark, theme::focus()),
                Span::styled(label, label_style),
                Span::raw("  "),
                shared,
                dots_span,
            ])],
        });
    }
    RoomBody(blocks)
}

/// "Proud of our work · 3 dots": the group as the room reads it, with its dots once there are.
fn with_dots(lang: Language, label: &str, dots: u32) -> String {
    match dots {
        0 => label.to_string(),
        1 => format!("{label} · {}", tr(lang, "board.dot")),
        n => format!("{label} · {}", trf(lang, "board.dots", &[&n])),
    }
}
