//! Question steps: who has spoken, the ideas, the live groups, and the input.

use crate::domain::Group;
use crate::i18n::{tr, trf};
use crate::steps::question::QuestionState;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph, Wrap};

/// Marks an idea a participant sent from their own device.
const DEVICE_MARK: &str = "↗";

pub fn draw(ws: &Workspace, q: &QuestionState, focused: bool, frame: &mut Frame, area: Rect) {
    let session = ws.session();
    let lang = session.language();
    let step = ws.step_id();
    let results = session.results(&step);
    let ideas = results.map(|r| r.ideas.as_slice()).unwrap_or_default();

    let [people, middle, input] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(3),
    ])
    .areas(area);

    // Who has spoken on this question, and who is in focus (ideas counted in one pass).
    let mut said: std::collections::HashMap<crate::domain::ParticipantId, usize> =
        std::collections::HashMap::new();
    for i in ideas {
        *said.entry(i.participant).or_default() += 1;
    }
    let mut spans = Vec::new();
    for p in session.participants() {
        let count = said.get(&p.id).copied().unwrap_or(0);
        let style = if session.focus() == Some(p.id) {
            theme::selected()
        } else if count == 0 {
            theme::warning()
        } else {
            ratatui::style::Style::default()
        };
        let mark = if count == 0 { "○" } else { "●" };
        spans.push(Span::styled(format!("{mark} {} ({count})", p.name), style));
        spans.push(Span::raw("  "));
    }
    let silent = session
        .participants()
        .iter()
        .filter(|p| !said.contains_key(&p.id))
        .count();
    let mut legend = if silent > 0 {
        trf(lang, "question.not_yet", &[&silent])
    } else {
        tr(lang, "question.everyone").to_string()
    };
    if ideas.iter().any(|i| i.from_device()) {
        legend = format!(
            "{legend}  {DEVICE_MARK} {}",
            tr(lang, "question.from_device")
        );
    }
    frame.render_widget(
        Paragraph::new(vec![Line::from(spans), Line::styled(legend, theme::dim())])
            .wrap(Wrap { trim: true }),
        people,
    );

    let [list_area, groups_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(middle);
    // A long name takes a quarter of the row at most: it never hides the idea.
    let name_room = usize::from(list_area.width.saturating_sub(4) / 4).max(6);
    let width = widgets::row_width(list_area);
    let items: Vec<ListItem> = ideas
        .iter()
        .map(|i| {
            let name = crate::i18n::author(session, i.participant);
            let mark = if i.from_device() {
                format!("{DEVICE_MARK} ")
            } else {
                String::new()
            };
            let head = vec![
                Span::styled(mark, theme::accent()),
                Span::styled(
                    format!("{}: ", widgets::truncate(name, name_room)),
                    theme::dim(),
                ),
            ];
            ListItem::new(widgets::wrapped_row(
                head,
                &i.text,
                ratatui::style::Style::default(),
                vec![],
                width,
            ))
        })
        .collect();
    let block = Block::bordered().title(format!(
        " {} ({}) ",
        tr(lang, "question.ideas"),
        ideas.len()
    ));
    let selected = (!ideas.is_empty()).then_some(q.cursor);
    widgets::selectable_list(frame, list_area, block, items, &q.list, selected);

    let by_id: std::collections::HashMap<crate::domain::IdeaId, &crate::domain::Idea> =
        ideas.iter().map(|i| (i.id, i)).collect();
    let mut groups: Vec<&Group> = results
        .map(|r| r.groups.iter().collect())
        .unwrap_or_default();
    groups.sort_by(|a, b| b.ideas.len().cmp(&a.ideas.len()).then(a.id.cmp(&b.id)));
    // Each line takes one row at least: what would fall below the panel is not made at all
    // (with a thousand ideas, wrapping them all took most of a frame).
    let rows = usize::from(groups_area.height.saturating_sub(2));
    let mut lines = Vec::new();
    for g in groups {
        if lines.len() > rows {
            break;
        }
        let joins = q.preview == Some(g.id);
        let head_style = if joins {
            theme::selected()
        } else {
            theme::accent()
        };
        let mut head = vec![Span::styled(
            format!("{} ({})", g.label, g.ideas.len()),
            head_style,
        )];
        if joins {
            head.push(Span::styled(
                format!("  ◀ {}", tr(lang, "question.draft_joins")),
                theme::notice(),
            ));
        }
        lines.push(Line::from(head));
        for id in &g.ideas {
            if lines.len() > rows {
                break;
            }
            if let Some(idea) = by_id.get(id) {
                // The whole idea, wrapped under its bullet.
                let room = usize::from(groups_area.width.saturating_sub(6));
                for (n, part) in widgets::wrap_words(&idea.text, room)
                    .into_iter()
                    .enumerate()
                {
                    let bullet = if n == 0 { "  · " } else { "    " };
                    lines.push(Line::styled(format!("{bullet}{part}"), theme::dim()));
                }
            }
        }
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            tr(lang, "question.groups_appear"),
            theme::dim(),
        ));
    } else if q.preview.is_none() && !q.draft.is_empty() && q.editing.is_none() {
        lines.insert(
            0,
            Line::styled(tr(lang, "question.draft_new_group"), theme::notice()),
        );
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(format!(
                " {}{} ",
                tr(lang, "question.groups"),
                crate::steps::meaning_note(ws)
            ))),
        groups_area,
    );

    let who = session
        .focus()
        .map(|f| session.participant_name(f).to_string())
        .unwrap_or_default();
    let title = if q.editing.is_some() {
        format!(" {} ", tr(lang, "question.editing"))
    } else {
        format!(" {} ", trf(lang, "question.input", &[&who]))
    };
    widgets::text_field(frame, input, &title, &q.draft, focused);
}
