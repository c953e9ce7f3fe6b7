//! The common-ground board: groups ranked by how many participants share them.

use crate::app::board::{BoardRow, current_group, ranked_groups, rows_of};
use crate::app::steps::board::BoardState;
use crate::app::{BoardMark, RunState};
use crate::i18n::{tr, trf};
use crate::ui::{theme, widgets};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph, Wrap};

pub fn draw(run: &RunState, board: &BoardState, frame: &mut Frame, area: Rect) {
    let session = run.session();
    let lang = session.language;
    let step = run.step_id();
    // One index and one ranking per frame, shared by the rows and their counts.
    let index = session.idea_index();
    let ranked = ranked_groups(session, &step, &index);
    let rows = board.visible_rows(rows_of(&ranked));
    let number: std::collections::HashMap<crate::domain::GroupId, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, (g, _))| (g.id, i + 1))
        .collect();
    let sharers: std::collections::HashMap<crate::domain::GroupId, usize> =
        ranked.iter().map(|(g, n)| (g.id, *n)).collect();
    let people = session.participants.len();
    let results = session.results(&step);
    let is_denominator = |g| results.is_some_and(|r| r.denominators.iter().any(|d| d.group == g));
    if rows.is_empty() {
        board.list.hide();
        frame.render_widget(
            Paragraph::new(tr(lang, "board.empty"))
                .wrap(Wrap { trim: true })
                .block(Block::bordered()),
            area,
        );
        return;
    }
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| match *row {
            BoardRow::Group(id) => {
                let Some(g) = current_group(session, &step, id) else {
                    return ListItem::new("");
                };
                let fold = match (board.overview, board.open == Some(id)) {
                    (false, _) => "",
                    (true, true) => "▾ ",
                    (true, false) => "▸ ",
                };
                let mut spans = vec![
                    Span::raw(if is_denominator(id) { "★ " } else { "  " }),
                    Span::styled(
                        format!("{fold}{}. ", number.get(&id).copied().unwrap_or(0)),
                        theme::dim(),
                    ),
                    Span::styled(g.label.clone(), theme::accent()),
                    Span::styled(
                        format!(
                            "  {}",
                            trf(
                                lang,
                                "board.shared_by",
                                &[&sharers.get(&id).copied().unwrap_or(0), &people]
                            )
                        ),
                        theme::dim(),
                    ),
                ];
                if board.overview {
                    let ideas = trf(lang, "home.ideas", &[&g.ideas.len()]);
                    spans.push(Span::styled(format!(" · {ideas}"), theme::dim()));
                }
                if g.locked {
                    spans.push(Span::styled(
                        format!("  [{}]", tr(lang, "board.locked")),
                        theme::warning(),
                    ));
                }
                if board.mark == Some(BoardMark::Merge(id)) {
                    spans.push(Span::styled(
                        format!("  ⇢ {}", tr(lang, "board.merging")),
                        theme::notice(),
                    ));
                }
                ListItem::new(Line::from(spans))
            }
            BoardRow::Idea(_, idea) => {
                let Some((i, n)) = index.get(&idea) else {
                    return ListItem::new("");
                };
                let question = session.template.steps[..*n]
                    .iter()
                    .filter(|s| s.kind == crate::domain::StepKind::Question)
                    .count()
                    + 1;
                let step_title = trf(lang, "board.question_no", &[&question]);
                // The idea comes first: who said it and where get what room is left.
                let room = usize::from(area.width.saturating_sub(10));
                let text = widgets::truncate(&i.text, room);
                let rest =
                    room.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
                let who = format!(
                    " — {} · {step_title}",
                    session.participant_name(i.participant)
                );
                let mut spans = vec![
                    Span::raw("      "),
                    Span::raw(text),
                    Span::styled(widgets::truncate(&who, rest), theme::dim()),
                ];
                if board.mark == Some(BoardMark::Move(idea)) {
                    spans.push(Span::styled(
                        format!("  ⇢ {}", tr(lang, "board.moving")),
                        theme::notice(),
                    ));
                }
                ListItem::new(Line::from(spans))
            }
        })
        .collect();
    let denominators = results.map_or(0, |r| r.denominators.len());
    let groups = results.map_or(0, |r| r.groups.len());
    let title = format!(
        " {}{} ",
        trf(lang, "board.title", &[&groups, &denominators]),
        super::meaning_note(run)
    );
    let block = Block::bordered().title(title);
    let selected = Some(board.cursor.min(rows.len() - 1));
    widgets::selectable_list(frame, area, block, items, &board.list, selected, 1);
}
