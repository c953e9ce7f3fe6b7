//! The common-ground board: groups ranked by dot votes and by how many participants share
//! them; who still has dots, and last time's common denominators beside it.

use crate::i18n::{tr, trf};
use crate::interact::Action;
use crate::interact::keymap::Keymap;
use crate::steps::board::BoardMark;
use crate::steps::board::BoardState;
use crate::steps::board::voting::RankBy;
use crate::steps::board::{BoardRow, current_group, ranked_by, rows_of};
use crate::ui::{chips, theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph, Wrap};

pub fn draw(ws: &Workspace, board: &BoardState, keys: &Keymap, frame: &mut Frame, area: Rect) {
    let session = ws.session();
    let lang = session.language();
    let step = ws.step_id();
    // One index and one ranking per frame, shared by the rows and their counts.
    let index = session.idea_index();
    let ranked = ranked_by(session, &step, &index, board.rank);
    let votes = session.vote_totals(&step);
    let side = side_lines(
        ws,
        board,
        keys,
        &step,
        usize::from(area.width.saturating_sub(2)),
    );
    let area = if side.is_empty() {
        area
    } else {
        // Each line as many rows as it wraps to.
        let inner = usize::from(area.width.saturating_sub(2)).max(1);
        let rows: usize = side.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
        let [list, info] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(rows as u16 + 2)]).areas(area);
        frame.render_widget(
            Paragraph::new(side)
                .wrap(Wrap { trim: true })
                .block(Block::bordered()),
            info,
        );
        list
    };
    let rows = board.visible_rows(rows_of(&ranked));
    let number: std::collections::HashMap<crate::domain::GroupId, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, (g, _))| (g.id, i + 1))
        .collect();
    let sharers: std::collections::HashMap<crate::domain::GroupId, usize> =
        ranked.iter().map(|(g, n)| (g.id, *n)).collect();
    let people = session.participants().len();
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
    let width = widgets::row_width(area);
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
                let head = vec![
                    Span::raw(if is_denominator(id) { "★ " } else { "  " }),
                    Span::styled(
                        format!("{fold}{}. ", number.get(&id).copied().unwrap_or(0)),
                        theme::dim(),
                    ),
                ];
                let mut spans = vec![Span::styled(
                    format!(
                        "  {}",
                        trf(
                            lang,
                            "board.shared_by",
                            &[&sharers.get(&id).copied().unwrap_or(0), &people]
                        )
                    ),
                    theme::dim(),
                )];
                let dots = votes.get(&id).copied().unwrap_or(0);
                if dots > 0 {
                    spans.push(Span::styled(
                        widgets::dots_text(lang, dots),
                        theme::notice(),
                    ));
                }
                if let Some(mark) = board.recurring.mark(id, lang, 28) {
                    spans.push(Span::styled(format!("  {mark}"), theme::accent()));
                }
                if !g.differing.is_empty() {
                    spans.push(Span::styled(
                        format!("  ≠ {}", tr(lang, "board.differing")),
                        theme::warning(),
                    ));
                }
                if board.heard.groups.contains(&id) {
                    spans.push(Span::styled(
                        format!("  ◆ {}", tr(lang, "heard.also")),
                        theme::notice(),
                    ));
                }
                if board.overview {
                    let ideas = crate::i18n::ideas_count(lang, g.ideas.len());
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
                ListItem::new(widgets::wrapped_row(
                    head,
                    &g.label,
                    theme::accent(),
                    spans,
                    width,
                ))
            }
            BoardRow::Idea(group, idea) => {
                let Some((i, n)) = index.get(&idea) else {
                    return ListItem::new("");
                };
                let differs = current_group(session, &step, group)
                    .is_some_and(|g| g.differing.contains(&idea));
                let question = session.template().steps[..*n]
                    .iter()
                    .filter(|s| s.kind == crate::domain::StepKind::Question)
                    .count()
                    + 1;
                let step_title = trf(lang, "board.question_no", &[&question]);
                // The whole idea first, wrapped; who said it and where come after it.
                let mut tail = vec![Span::styled(
                    format!(
                        " — {} · {step_title}",
                        crate::i18n::author(session, i.participant)
                    ),
                    theme::dim(),
                )];
                if board.mark == Some(BoardMark::Move(idea)) {
                    tail.push(Span::styled(
                        format!("  ⇢ {}", tr(lang, "board.moving")),
                        theme::notice(),
                    ));
                }
                // an idea of the other view in its group: "≠" before it
                let lead = if differs { "    ≠ " } else { "      " };
                ListItem::new(widgets::wrapped_row(
                    vec![Span::styled(lead, theme::warning())],
                    &i.text,
                    ratatui::style::Style::default(),
                    tail,
                    width,
                ))
            }
        })
        .collect();
    let denominators = results.map_or(0, |r| r.denominators.len());
    let groups = results.map_or(0, |r| r.groups.len());
    let title = format!(
        " {}{} ",
        trf(lang, "board.title", &[&groups, &denominators]),
        crate::steps::meaning_note(ws)
    );
    let block = Block::bordered().title(title);
    let selected = Some(board.cursor.min(rows.len() - 1));
    // Scrolled into a group, its name stays on the top row so the room knows what it reads.
    let group_above = |offset: usize| match rows.get(offset) {
        Some(BoardRow::Idea(group, _)) => Some(*group),
        _ => None,
    };
    widgets::selectable_list(
        frame,
        area,
        block.clone(),
        items.clone(),
        &board.list,
        selected,
    );
    if group_above(board.list.offset()).is_some() {
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [pinned, below] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
        frame.render_widget(ratatui::widgets::Clear, inner);
        widgets::selectable_list(frame, below, Block::default(), items, &board.list, selected);
        if let Some(g) =
            group_above(board.list.offset()).and_then(|g| current_group(session, &step, g))
        {
            let line = format!(
                "  {}. {} {}",
                number.get(&g.id).copied().unwrap_or(0),
                g.label,
                tr(lang, "board.continued")
            );
            frame.render_widget(
                Paragraph::new(Line::styled(
                    widgets::truncate(&line, usize::from(pinned.width)),
                    theme::accent(),
                )),
                pinned,
            );
        }
    }
    super::pick_pane::draw(ws, board, frame, area);
}

/// Who still has dots (the focused person first marked), and last time's common denominators.
fn side_lines(
    ws: &Workspace,
    board: &BoardState,
    keys: &Keymap,
    step: &str,
    width: usize,
) -> Vec<Line<'static>> {
    let session = ws.session();
    let lang = session.language();
    let mut lines = Vec::new();
    let voting = session.results(step).is_some_and(|r| !r.groups.is_empty())
        && !session.participants().is_empty();
    if voting {
        lines.push(Line::styled(
            trf(
                lang,
                match board.rank {
                    RankBy::Votes => "board.dots_left_votes",
                    RankBy::Sharers => "board.dots_left_sharers",
                },
                &[
                    &session.template().dots,
                    &key_of(keys, Action::AddDot),
                    &key_of(keys, Action::TakeDot),
                ],
            ),
            theme::dim(),
        ));
        // Each name with its dots left, never broken; when they do not all fit in two rows,
        // the voter in focus and those with dots left come first, the rest counted.
        let chip = |p: &crate::domain::Participant| {
            let left = session.dots_left(step, p.id);
            // A name longer than the row gives way, never the dots it has left.
            let name = widgets::truncate(&p.name, width.saturating_sub(8));
            let focused = session.focus() == Some(p.id);
            if focused {
                Span::styled(format!("{name} {left} ◀"), theme::focus())
            } else if left == 0 {
                Span::styled(format!("{name} {left}"), theme::dim())
            } else {
                Span::raw(format!("{name} {left}"))
            }
        };
        let people = session.participants();
        let everyone: Vec<Span<'static>> = people.iter().map(chip).collect();
        let names = chips::lay_out(&everyone, width, 2).unwrap_or_else(|| {
            let first = |p: &&crate::domain::Participant| session.focus() == Some(p.id);
            let has_dots = |p: &&crate::domain::Participant| session.dots_left(step, p.id) > 0;
            let ordered: Vec<Span<'static>> = people
                .iter()
                .filter(first)
                .chain(people.iter().filter(|p| !first(p) && has_dots(p)))
                .chain(people.iter().filter(|p| !first(p) && !has_dots(p)))
                .map(chip)
                .collect();
            let more = |n: usize| Span::styled(trf(lang, "question.and_more", &[&n]), theme::dim());
            chips::fit_with_more(&ordered, width, 2, more)
        });
        lines.extend(names);
    }
    if let Some(earlier) = session
        .follows()
        .as_ref()
        .filter(|e| !e.denominators.is_empty())
    {
        let labels: Vec<String> = earlier
            .denominators
            .iter()
            .map(|d| format!("★ {}", d.label))
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", tr(lang, "board.last_time")), theme::dim()),
            Span::raw(labels.join("  ")),
        ]));
    }
    lines.extend(crate::steps::heard::line(session));
    lines
}

/// The board's key for an action, as the keymap in use has it (the user's own first).
fn key_of(keys: &Keymap, action: Action) -> &'static str {
    keys.label_of(crate::interact::Context::Board, action)
        .unwrap_or("?")
}
