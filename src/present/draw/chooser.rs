//! The chooser of `ambassador present` without a session: newest first, as on the home
//! screen, with the keys to use.

use crate::i18n::tr;
use crate::interact::Context;
use crate::present::Chooser;
use crate::ui::{footer, listing, theme};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Modifier;
use ratatui::widgets::{List, ListState, Paragraph};

/// `zone` is the room view's time zone, for the dates shown.
pub fn draw(chooser: &Chooser, zone: &jiff::tz::TimeZone, frame: &mut Frame) {
    draw_list(chooser, zone, frame);
    crate::ui::widgets::scrub_hidden(frame.buffer_mut());
}

fn draw_list(chooser: &Chooser, zone: &jiff::tz::TimeZone, frame: &mut Frame) {
    let area = frame.area();
    if area.width < 4 || area.height < 3 {
        return;
    }
    let lang = chooser.lang;
    let [title, _, list, keys] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(tr(lang, "present.choose"))
            .style(theme::title().add_modifier(Modifier::BOLD)),
        title,
    );
    let items: Vec<_> = chooser
        .sessions
        .iter()
        .map(|l| {
            let width = usize::from(list.width.saturating_sub(2));
            listing::session_item(l, lang, zone, Vec::new(), "", width)
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(chooser.cursor));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_style(theme::focus())
            .highlight_symbol("▶ "),
        list,
        &mut state,
    );
    footer::Footer::own_only(Context::Present, lang).draw(frame, keys);
}
