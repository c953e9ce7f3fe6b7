use super::HomeState;
use crate::domain::Language;
use crate::i18n::{tr, trf};
use crate::store::{Listing, Paths};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph, Wrap};

/// `zone` is the user's time zone, for the dates shown.
pub fn draw(
    home: &HomeState,
    paths: &Paths,
    lang: Language,
    zone: &jiff::tz::TimeZone,
    frame: &mut Frame,
    area: Rect,
) {
    let mut head = vec![
        Line::styled(tr(lang, "home.title"), theme::title()),
        Line::styled(
            trf(lang, "home.folder", &[&paths.sessions_dir().display()]),
            theme::dim(),
        ),
    ];
    head.extend(home.archive.as_ref().map(|a| archive_line(a, lang, zone)));
    let [header, body] =
        Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(1)]).areas(area);
    frame.render_widget(Paragraph::new(head), header);
    if home.error.is_some() || home.listings.is_empty() {
        home.list.hide();
    }
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
        .map(|l| listing_item(l, home, lang, zone, crate::ui::widgets::row_width(body)))
        .collect();
    let block = Block::bordered().title(format!(
        " {} ({}) ",
        tr(lang, "home.sessions"),
        home.listings.len()
    ));
    // Each session takes two lines.
    let selected = Some(home.selected);
    crate::ui::widgets::selectable_list(frame, body, block, items, &home.list, selected);
}

fn listing_item(
    listing: &Listing,
    home: &HomeState,
    lang: Language,
    zone: &jiff::tz::TimeZone,
    width: usize,
) -> ListItem<'static> {
    let progress = match listing {
        Listing::Session(s) if s.finished => tr(lang, "home.finished").to_string(),
        Listing::Session(s) => trf(lang, "home.step_of", &[&s.step, &s.steps]),
        Listing::Unreadable { .. } | Listing::Kept(_) => String::new(),
    };
    let badges = match listing {
        Listing::Session(s) if !s.origin.is_own() => {
            let (key, style) = match s.origin {
                crate::store::Origin::ConflictCopy => ("home.conflict_copy", theme::warning()),
                _ => ("home.from_archive", theme::dim()),
            };
            vec![Span::styled(format!("  · {}", tr(lang, key)), style)]
        }
        Listing::Session(s) => home
            .due
            .get(&s.id)
            .map(|d| {
                Span::styled(
                    format!("  · {}", trf(lang, "home.follow_up_due", &[d])),
                    theme::warning(),
                )
            })
            .into_iter()
            .collect(),
        _ => Vec::new(),
    };
    crate::ui::listing::session_item(listing, lang, zone, badges, &progress, width)
}

/// "2 sessions not yet shared — s to sync · last sync 5 Dec 10:03".
fn archive_line(
    archive: &crate::store::archive::ArchiveStatus,
    lang: Language,
    zone: &jiff::tz::TimeZone,
) -> Line<'static> {
    let shared = match archive.unshared {
        0 => tr(lang, "home.all_shared").to_string(),
        1 => tr(lang, "home.unshared_one").to_string(),
        n => trf(lang, "home.unshared", &[&n]),
    };
    let when = match archive.last_sync {
        Some(at) => trf(
            lang,
            "home.last_sync",
            &[&at.to_zoned(zone.clone()).strftime("%Y-%m-%d %H:%M")],
        ),
        None => tr(lang, "home.never_synced").to_string(),
    };
    let style = if archive.unshared > 0 {
        theme::warning()
    } else {
        theme::dim()
    };
    Line::styled(format!("{shared} · {when}"), style)
}
