//! Question steps: who has spoken, the ideas, the live groups, and the input.

use crate::i18n::{tr, trf};
use crate::steps::question::QuestionState;
use crate::ui::{chips, theme, widgets};
use crate::workspace::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph};

/// Marks an idea a participant sent from their own device.
const DEVICE_MARK: &str = "↗";

/// Who has spoken on this question (two rows of names at most) and how many have not. When
/// not every name fits, the person in focus and those not yet heard are shown, never a name
/// broken in two.
fn people_lines(ws: &Workspace, ideas: &[crate::domain::Idea], width: u16) -> Vec<Line<'static>> {
    let session = ws.session();
    let lang = session.language();
    let mut said: std::collections::HashMap<crate::domain::ParticipantId, usize> =
        std::collections::HashMap::new();
    for i in ideas {
        *said.entry(i.participant).or_default() += 1;
    }
    let chip = |p: &crate::domain::Participant| {
        let count = said.get(&p.id).copied().unwrap_or(0);
        let style = if session.focus() == Some(p.id) {
            theme::selected()
        } else if count == 0 {
            theme::warning()
        } else {
            ratatui::style::Style::default()
        };
        let mark = if count == 0 { "○" } else { "●" };
        // A name longer than the row gives way, never its count.
        let name = widgets::truncate(&p.name, usize::from(width).saturating_sub(10));
        Span::styled(format!("{mark} {name} ({count})"), style)
    };
    let everyone: Vec<Span<'static>> = session.participants().iter().map(chip).collect();
    let width = usize::from(width);
    let rows = 2;
    // When not every name fits: the person in focus, then who has not spoken, then the rest,
    // as many as fit, and how many more there are.
    let mut lines = chips::lay_out(&everyone, width, rows).unwrap_or_else(|| {
        let people = session.participants();
        let in_focus = people.iter().filter(|p| session.focus() == Some(p.id));
        let others = people.iter().filter(|p| session.focus() != Some(p.id));
        let (silent, spoke): (Vec<_>, Vec<_>) = others.partition(|p| !said.contains_key(&p.id));
        let ordered: Vec<Span<'static>> = in_focus.chain(silent).chain(spoke).map(chip).collect();
        let more =
            |left: usize| Span::styled(trf(lang, "question.and_more", &[&left]), theme::dim());
        chips::fit_with_more(&ordered, width, rows, more)
    });
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
    lines.push(Line::styled(legend, theme::dim()));
    // What the interviews this session draws on said, while the team answers.
    lines.extend(crate::steps::heard::line_within(session, width));
    lines
}

pub fn draw(ws: &Workspace, q: &QuestionState, focused: bool, frame: &mut Frame, area: Rect) {
    let session = ws.session();
    let lang = session.language();
    let step = ws.step_id();
    let results = session.results(&step);
    let ideas = results.map(|r| r.ideas.as_slice()).unwrap_or_default();

    let people_lines = people_lines(ws, ideas, area.width);
    let [people, middle, input] = Layout::vertical([
        Constraint::Length(people_lines.len() as u16),
        Constraint::Min(3),
        Constraint::Length(3),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(people_lines), people);

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
    let selected = (!ideas.is_empty()).then_some(q.selected(ideas.len()));
    widgets::selectable_list(frame, list_area, block, items, &q.list, selected);

    let selected_idea = selected.and_then(|n| ideas.get(n)).map(|i| i.id);
    super::live_groups::draw(ws, q, ideas, selected_idea, frame, groups_area);

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
