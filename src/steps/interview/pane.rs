//! The interview on the run screen: the questions one after the other, the one being asked
//! open with its answers and what was heard, the others folded to a line (all open when the
//! window has room), and the field the answers are typed in.

use super::{InterviewState, answered};
use crate::domain::Answered;
use crate::i18n::{tr, trf};
use crate::interact::{Action, Context};
use crate::steps::Look;
use crate::ui::{theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(ws: &Workspace, state: &InterviewState, look: &Look, frame: &mut Frame, area: Rect) {
    let session = ws.session();
    let lang = session.language();
    let all = answered(ws);
    let current = state.current(all.len());
    let [list, input] = Layout::vertical([Constraint::Min(3), Constraint::Length(3)]).areas(area);
    let block = Block::bordered().title(format!(
        " {} ",
        trf(lang, "interview.progress", &[&(current + 1), &all.len()])
    ));
    let inner = block.inner(list);
    let width = usize::from(inner.width).max(1);
    let notes_key = look
        .keys
        .label_of(Context::Interview, Action::Notes)
        .unwrap_or("?");
    // Every question open when they all fit; else only the one being asked.
    let open_all = lines_for(&all, state, current, true, width, lang, notes_key)
        .0
        .len()
        <= usize::from(inner.height);
    let (lines, focus) = lines_for(&all, state, current, open_all, width, lang, notes_key);
    let offset = scroll(focus, lines.len(), usize::from(inner.height));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((offset as u16, 0)),
        list,
    );
    let who = session.interviewee().unwrap_or("?");
    let title = if state.editing.is_some() {
        format!(" {} ", tr(lang, "interview.editing"))
    } else {
        format!(
            " {} ",
            trf(lang, "interview.input", &[&who, &(current + 1)])
        )
    };
    widgets::text_field(frame, input, &title, &state.draft, look.focused);
}

/// The lines of the questions, and the lines the view must show: the question being asked,
/// from its first line to its last (or to the selected answer).
fn lines_for(
    all: &[Answered],
    state: &InterviewState,
    current: usize,
    open_all: bool,
    width: usize,
    lang: crate::domain::Language,
    notes_key: &str,
) -> (Vec<Line<'static>>, (usize, usize)) {
    let mut lines = Vec::new();
    let mut focus = (0, 0);
    for (n, q) in all.iter().enumerate() {
        let asking = n == current;
        let start = lines.len();
        let count = q.answers.len();
        let tail = if count > 0 && !(asking || open_all) {
            vec![Span::styled(
                format!(" · {}", trf(lang, "interview.answers", &[&count])),
                theme::dim(),
            )]
        } else {
            Vec::new()
        };
        let (mark, style) = if asking {
            ("▶ ", theme::accent())
        } else if count > 0 {
            ("✓ ", Style::default())
        } else {
            ("  ", theme::dim())
        };
        lines.extend(widgets::wrapped_row(
            vec![Span::styled(format!("{mark}{}. ", n + 1), style)],
            &q.question.prompt,
            style,
            tail,
            width,
        ));
        if !(asking || open_all) {
            continue;
        }
        let mut selected_line = None;
        for (i, a) in q.answers.iter().enumerate() {
            let chosen = asking && state.selected == Some(i);
            if chosen {
                selected_line = Some(lines.len());
            }
            let (head, text_style) = if chosen {
                ("   ▶ ", theme::selected())
            } else {
                ("   • ", Style::default())
            };
            lines.extend(widgets::wrapped_row(
                vec![Span::raw(head)],
                &a.text,
                text_style,
                Vec::new(),
                width,
            ));
        }
        if asking && q.answers.is_empty() {
            lines.push(Line::styled(
                format!("     {}", tr(lang, "interview.no_answers")),
                theme::dim(),
            ));
        }
        let heard_label = format!("     {}: ", tr(lang, "interview.heard"));
        if !q.heard.trim().is_empty() {
            lines.extend(widgets::wrapped_row(
                vec![Span::styled(heard_label, theme::dim())],
                &super::room::one_line(q.heard),
                theme::notice(),
                Vec::new(),
                width,
            ));
        } else if asking {
            lines.push(Line::from(vec![
                Span::styled(heard_label, theme::dim()),
                Span::styled(
                    trf(lang, "interview.heard_hint", &[&notes_key]),
                    theme::dim(),
                ),
            ]));
        }
        if asking {
            focus = (start, selected_line.unwrap_or(lines.len()));
        }
    }
    (lines, focus)
}

/// The first line to show of `total` in `height` rows so that the lines `focus` covers are
/// in view, its end first (the newest answer and what was heard).
fn scroll((start, end): (usize, usize), total: usize, height: usize) -> usize {
    if total <= height {
        return 0;
    }
    let mut offset = start.min(total - height);
    if end > offset + height {
        offset = end - height;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::scroll;

    #[test]
    fn the_question_being_asked_is_in_view_its_end_first() {
        // Everything fits: no scrolling.
        assert_eq!(scroll((5, 8), 10, 12), 0);
        // The question from line 20 to 24 in a view of 10 rows of 40 lines: from its start.
        assert_eq!(scroll((20, 24), 40, 10), 20);
        // A long question: its end shows (the newest answer).
        assert_eq!(scroll((2, 30), 40, 10), 20);
        // Near the end: the last rows are full.
        assert_eq!(scroll((38, 40), 40, 10), 30);
    }
}
