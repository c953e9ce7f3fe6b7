//! The live groups beside the ideas: each idea whole when every group fits, else one line
//! each; when even that does not fit, the list scrolls to the group the draft would join or
//! the selected idea is in, with its name on top and what is above and below counted.

use crate::domain::{Group, GroupId, Idea, IdeaId, Language};
use crate::i18n::{tr, trf};
use crate::steps::question::QuestionState;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::collections::HashMap;

pub fn draw(
    ws: &Workspace,
    q: &QuestionState,
    ideas: &[Idea],
    selected: Option<IdeaId>,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = ws.lang();
    let block = Block::bordered().title(format!(
        " {}{} ",
        tr(lang, "question.groups"),
        crate::steps::meaning_note(ws)
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut groups: Vec<&Group> = ws
        .session()
        .results(&ws.step_id())
        .map(|r| r.groups.iter().collect())
        .unwrap_or_default();
    groups.sort_by(|a, b| b.ideas.len().cmp(&a.ideas.len()).then(a.id.cmp(&b.id)));
    let mut rows = usize::from(inner.height);
    let mut top = Vec::new();
    if groups.is_empty() {
        top.push(Line::styled(
            tr(lang, "question.groups_appear"),
            theme::dim(),
        ));
    } else if q.preview.is_none() && !q.draft.is_empty() && q.editing.is_none() {
        top.push(Line::styled(
            tr(lang, "question.draft_new_group"),
            theme::notice(),
        ));
    }
    rows = rows.saturating_sub(top.len());
    let by_id: HashMap<IdeaId, &Idea> = ideas.iter().map(|i| (i.id, i)).collect();
    let width = usize::from(inner.width);
    let target = q.preview.or_else(|| {
        selected.and_then(|s| groups.iter().find(|g| g.ideas.contains(&s)).map(|g| g.id))
    });
    let look = Look {
        lang,
        preview: q.preview,
        width,
    };
    let lines = match whole(&look, &groups, &by_id, rows) {
        Some(lines) => lines,
        None => scrolled(&look, &groups, &by_id, rows, (target, selected)),
    };
    top.extend(lines);
    frame.render_widget(Paragraph::new(top), inner);
}

struct Look {
    lang: Language,
    preview: Option<GroupId>,
    width: usize,
}

/// A group's name line: its size, and whether the draft would join it.
fn head(look: &Look, g: &Group) -> Line<'static> {
    let joins = look.preview == Some(g.id);
    let style = if joins {
        theme::selected()
    } else {
        theme::accent()
    };
    let mut spans = vec![Span::styled(
        format!("{} ({})", g.label, g.ideas.len()),
        style,
    )];
    if joins {
        spans.push(Span::styled(
            format!("  ◀ {}", tr(look.lang, "question.draft_joins")),
            theme::notice(),
        ));
    }
    Line::from(spans)
}

/// Every group with each idea wrapped in full, or `None` when that takes more than `rows`
/// (given up as soon as it does: a thousand ideas are never all wrapped).
fn whole(
    look: &Look,
    groups: &[&Group],
    by_id: &HashMap<IdeaId, &Idea>,
    rows: usize,
) -> Option<Vec<Line<'static>>> {
    let room = look.width.saturating_sub(4).max(1);
    let mut lines = Vec::new();
    for g in groups {
        lines.push(head(look, g));
        for idea in g.ideas.iter().filter_map(|id| by_id.get(id)) {
            for (n, part) in widgets::wrap_words(&idea.text, room)
                .into_iter()
                .enumerate()
            {
                let bullet = if n == 0 { "  · " } else { "    " };
                lines.push(Line::styled(format!("{bullet}{part}"), theme::dim()));
            }
            if lines.len() > rows {
                return None;
            }
        }
        if lines.len() > rows {
            return None;
        }
    }
    Some(lines)
}

/// Every idea on one line (the selected one whole), from the group `target` on (or as far down as the end allows),
/// with a line saying how many ideas are above when scrolled, and one saying how many are
/// below when cut.
fn scrolled(
    look: &Look,
    groups: &[&Group],
    by_id: &HashMap<IdeaId, &Idea>,
    rows: usize,
    (target, selected): (Option<GroupId>, Option<IdeaId>),
) -> Vec<Line<'static>> {
    let room = look.width.saturating_sub(4).max(1);
    // Each line with its group's place and whether it is an idea; cheap: one line per idea.
    let mut all: Vec<(usize, bool, Line<'static>)> = Vec::new();
    let mut selected_end: Option<usize> = None;
    for (n, g) in groups.iter().enumerate() {
        all.push((n, false, head(look, g)));
        for idea in g.ideas.iter().filter_map(|id| by_id.get(id)) {
            // The selected idea whole, the others on one line each.
            let parts = if Some(idea.id) == selected {
                widgets::wrap_words(&idea.text, room)
            } else {
                vec![widgets::truncate(&idea.text, room)]
            };
            for (k, part) in parts.into_iter().enumerate() {
                let bullet = if k == 0 { "  · " } else { "    " };
                all.push((
                    n,
                    k == 0,
                    Line::styled(format!("{bullet}{part}"), theme::dim()),
                ));
            }
            if Some(idea.id) == selected {
                selected_end = Some(all.len() - 1);
            }
        }
    }
    if all.len() <= rows {
        return all.into_iter().map(|(_, _, l)| l).collect();
    }
    let wanted = target
        .and_then(|t| groups.iter().position(|g| g.id == t))
        .and_then(|t| all.iter().position(|(n, _, _)| *n == t))
        .unwrap_or(0);
    // Room for a line above and a line below, and for one line of groups at least.
    let body = rows.saturating_sub(2).max(1);
    let mut start = wanted.min(all.len().saturating_sub(body));
    // The selected idea whole: when its last line would fall below, start lower.
    if let Some(selected_end) = selected_end.filter(|end| *end >= start + body) {
        start = (selected_end + 1 - body).min(all.len().saturating_sub(body));
    }
    let ideas_in = |lines: &[(usize, bool, Line<'static>)]| lines.iter().filter(|l| l.1).count();
    let mut lines = Vec::new();
    if start > 0 {
        lines.push(Line::styled(
            trf(
                look.lang,
                "question.ideas_above",
                &[&ideas_in(&all[..start])],
            ),
            theme::dim(),
        ));
    }
    let room_left = rows.saturating_sub(lines.len());
    let rest = all.len() - start;
    let shown = if rest <= room_left {
        rest
    } else {
        room_left.saturating_sub(1)
    };
    lines.extend(all[start..start + shown].iter().map(|(_, _, l)| l.clone()));
    if start + shown < all.len() {
        lines.push(Line::styled(
            trf(
                look.lang,
                "question.ideas_below",
                &[&ideas_in(&all[start + shown..])],
            ),
            theme::dim(),
        ));
    }
    lines
}
