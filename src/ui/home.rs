use super::theme;
use crate::app::HomeState;
use crate::store::{Listing, Paths};
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

pub fn draw(home: &HomeState, paths: &Paths, frame: &mut Frame, area: Rect) {
    let [header, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                "ambassador — team sessions on ambassadorship",
                theme::title(),
            ),
            Line::styled(
                format!("Sessions in {}", paths.sessions_dir().display()),
                theme::dim(),
            ),
        ]),
        header,
    );
    if home.listings.is_empty() {
        let text = vec![
            Line::from("No sessions yet."),
            Line::from(""),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("n", theme::key()),
                Span::raw(" to start a session with the built-in ambassadorship workshop,"),
            ]),
            Line::from(
                "or from the shell:  ambassador new --title \"Team\" --participant Ann --participant Bob",
            ),
        ];
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(" Sessions ")),
            body,
        );
        return;
    }
    let items: Vec<ListItem> = home.listings.iter().map(listing_item).collect();
    let mut state = ListState::default().with_selected(Some(home.selected));
    let list = List::new(items)
        .block(Block::bordered().title(format!(" Sessions ({}) ", home.listings.len())))
        .highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    frame.render_stateful_widget(list, body, &mut state);
}

fn listing_item(listing: &Listing) -> ListItem<'static> {
    match listing {
        Listing::Session(s) => {
            let date = s.created.to_zoned(TimeZone::system()).date();
            let org = if s.organisation.is_empty() {
                String::new()
            } else {
                format!(" · {}", s.organisation)
            };
            let progress = if s.finished {
                "finished".to_string()
            } else {
                format!("step {}/{}", s.step, s.steps)
            };
            let people = if s.participants.is_empty() {
                "no participants yet".to_string()
            } else {
                s.participants.join(", ")
            };
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(format!("{date}  "), theme::dim()),
                    Span::styled(s.title.clone(), theme::prompt()),
                    Span::raw(org),
                ]),
                Line::styled(
                    format!("            {people} · {} ideas · {progress}", s.ideas),
                    theme::dim(),
                ),
            ])
        }
        Listing::Unreadable { path, error } => ListItem::new(vec![
            Line::styled(
                format!(
                    "unreadable  {}",
                    path.file_name().unwrap_or_default().to_string_lossy()
                ),
                theme::error(),
            ),
            Line::styled(
                format!("            {}", error.lines().next().unwrap_or_default()),
                theme::dim(),
            ),
        ]),
    }
}
