//! The group picker over the board, while an idea or a group is picked up: what is typed,
//! and the groups whose name contains it, numbered, the chosen one marked.

use crate::i18n::{tr, trf};
use crate::steps::board::BoardMark;
use crate::steps::board::BoardState;
use crate::steps::board::current_group;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph, Wrap};

pub fn draw(ws: &Workspace, board: &BoardState, frame: &mut Frame, area: Rect) {
    let Some(mark) = board.mark else {
        return;
    };
    let session = ws.session();
    let lang = session.language();
    let step = ws.step_id();
    let picker = &board.picker;
    let candidates = picker.candidates(session, &step, board.rank);
    let width = area.width.saturating_sub(4).min(76);
    let new_group = matches!(mark, BoardMark::Move(_)) && picker.filter.is_empty();
    let rows = candidates.len() + usize::from(new_group);
    let height = (rows.max(1) as u16 + 3).min(area.height);
    let popup = widgets::centered(area, width, height);
    let title_room = usize::from(width.saturating_sub(16));
    let source = board.source(session, &step);
    let title = match mark {
        BoardMark::Move(idea) => {
            let text = session.find_idea(idea).map_or("", |i| i.text.as_str());
            let text = widgets::truncate(text, title_room);
            trf(lang, "board.pick_move_title", &[&text])
        }
        BoardMark::Merge(group) => {
            let label = current_group(session, &step, group).map_or("", |g| g.label.as_str());
            let label = widgets::truncate(label, title_room);
            trf(lang, "board.pick_merge_title", &[&label])
        }
    };
    let inner = widgets::popup_box(&title, frame, popup);
    let [find, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let label = format!("{}: ", tr(lang, "board.pick_find"));
    let label_width = unicode_width::UnicodeWidthStr::width(label.as_str()) as u16;
    let [name, field] =
        Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(find);
    frame.render_widget(Paragraph::new(Span::styled(label, theme::dim())), name);
    if picker.filter.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(tr(lang, "board.pick_type"), theme::dim())),
            field,
        );
    }
    widgets::field_line(frame, field, &picker.filter, true);
    if candidates.is_empty() && !new_group {
        picker.list.hide();
        let text = trf(lang, "board.pick_none", &[&picker.filter.text()]);
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme::warning())).wrap(Wrap { trim: true }),
            list,
        );
        return;
    }
    let mut items: Vec<ListItem> = candidates
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let Some(g) = current_group(session, &step, *id) else {
                return ListItem::new("");
            };
            let mut spans = vec![
                Span::styled(format!("{:>2}. ", i + 1), theme::dim()),
                Span::styled(g.label.clone(), theme::accent()),
                Span::styled(
                    format!(" · {}", crate::i18n::ideas_count(lang, g.ideas.len())),
                    theme::dim(),
                ),
            ];
            if source == Some(*id) {
                spans.push(Span::styled(
                    format!("  ({})", tr(lang, "board.pick_here")),
                    theme::dim(),
                ));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    if new_group {
        items.push(ListItem::new(Line::from(vec![
            Span::styled(format!("{:>2}. ", candidates.len() + 1), theme::dim()),
            Span::styled(
                format!("+ {}", tr(lang, "board.pick_new_group")),
                theme::notice(),
            ),
        ])));
    }
    let selected = Some(picker.cursor.min(rows - 1));
    widgets::selectable_list(frame, list, Block::default(), items, &picker.list, selected);
}
