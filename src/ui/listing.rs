//! A past session as two lines of a list, shared by the home and review screens.

use super::theme;
use crate::domain::Language;
use crate::i18n::tr;
use crate::store::Listing;
use jiff::tz::TimeZone;
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;
use unicode_width::UnicodeWidthStr;

/// Date, title and organisation, then `badges`; below, who took part, the number of ideas and
/// `detail`. An unreadable file shows its name and error instead, never hidden. A title too
/// long for `width` cells is shortened in the middle, so the end that tells sessions apart
/// ("… North", "… South") and the badges after it still show.
pub fn session_item(
    listing: &Listing,
    lang: Language,
    zone: &TimeZone,
    badges: Vec<Span<'static>>,
    detail: &str,
    width: usize,
) -> ListItem<'static> {
    match listing {
        Listing::Session(s) => {
            let date = crate::domain::local_date(s.created, zone);
            let org = if s.organisation.is_empty() {
                String::new()
            } else {
                format!(" · {}", s.organisation)
            };
            let people = if s.participants.is_empty() {
                tr(lang, "home.no_participants").to_string()
            } else {
                s.participants.join(", ")
            };
            let date = format!("{date}  ");
            let others: usize = [date.as_str(), org.as_str()]
                .iter()
                .map(|t| UnicodeWidthStr::width(*t))
                .chain(badges.iter().map(Span::width))
                .sum();
            let room = width.saturating_sub(others).max(16);
            let mut head = vec![
                Span::styled(date, theme::dim()),
                Span::styled(
                    super::widgets::shorten_middle(&s.title, room),
                    theme::prompt(),
                ),
                Span::raw(org),
            ];
            head.extend(badges);
            let mut second = format!(
                "            {people} · {}",
                crate::i18n::ideas_count(lang, s.ideas)
            );
            if !detail.is_empty() {
                second.push_str(&format!(" · {detail}"));
            }
            ListItem::new(vec![Line::from(head), Line::styled(second, theme::dim())])
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
        Listing::Kept(k) => ListItem::new(vec![
            Line::styled(
                format!(
                    "{}  {}",
                    tr(lang, "home.kept"),
                    k.path.file_name().unwrap_or_default().to_string_lossy()
                ),
                theme::dim(),
            ),
            Line::styled(format!("            {k}"), theme::dim()),
        ]),
    }
}
