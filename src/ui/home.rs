use super::theme;
use crate::app::HomeState;
use crate::domain::Language;
use crate::i18n::{tr, trf};
use crate::store::{Listing, Paths};
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

pub fn draw(home: &HomeState, paths: &Paths, lang: Language, frame: &mut Frame, area: Rect) {
    let [header, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(tr(lang, "home.title"), theme::title()),
            Line::styled(
                trf(lang, "home.folder", &[&paths.sessions_dir().display()]),
                theme::dim(),
            ),
        ]),
        header,
    );
    if let Some(error) = &home.error {
        frame.render_widget(
            Paragraph::new(error.as_str())
                .style(theme::error())
                .wrap(Wrap { trim: false }),
            body,
        );
        return;
    }
    if home.listings.is_empty() {
        let text = vec![
            Line::from(tr(lang, "home.empty")),
            Line::from(""),
            Line::from(vec![
                Span::raw(tr(lang, "home.press")),
                Span::styled(" n ", theme::key()),
                Span::raw(tr(lang, "home.to_start")),
            ]),
            Line::from(""),
            Line::styled(tr(lang, "home.shell_hint"), theme::dim()),
            Line::styled(
                "  ambassador new --title \"Team\" --participant Ann --participant Bob",
                theme::dim(),
            ),
        ];
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(format!(" {} ", tr(lang, "home.sessions")))),
            body,
        );
        return;
    }
    let items: Vec<ListItem> = home
        .listings
        .iter()
        .map(|l| listing_item(l, lang))
        .collect();
    let mut state = ListState::default().with_selected(Some(home.selected));
    let list = List::new(items)
        .block(Block::bordered().title(format!(
            " {} ({}) ",
            tr(lang, "home.sessions"),
            home.listings.len()
        )))
        .highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    frame.render_stateful_widget(list, body, &mut state);
}

fn listing_item(listing: &Listing, lang: Language) -> ListItem<'static> {
    match listing {
        Listing::Session(s) => {
            let date = s.created.to_zoned(TimeZone::system()).date();
            let org = if s.organisation.is_empty() {
                String::new()
            } else {
                format!(" · {}", s.organisation)
            };
            let progress = if s.finished {
                tr(lang, "home.finished").to_string()
            } else {
                trf(lang, "home.step_of", &[&s.step, &s.steps])
            };
            let people = if s.participants.is_empty() {
                tr(lang, "home.no_participants").to_string()
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
                    format!(
                        "            {people} · {} · {progress}",
                        trf(lang, "home.ideas", &[&s.ideas])
                    ),
                    theme::dim(),
                ),
            ])
        }
        Listing::Unreadable { path, error } => ListItem::new(vec![
            Line::styled(
                format!(
                    "{}  {}",
                    tr(lang, "home.unreadable"),
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
