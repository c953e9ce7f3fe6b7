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
            let date = format!("{}  ", crate::domain::local_date(s.created, zone));
            let badge_width: usize = badges.iter().map(Span::width).sum();
            // The date and the badges (the state) always show; the title and organisation
            // share the rest, the title keeping at least 16 cells where it has them.
            let room = width.saturating_sub(date.width() + badge_width);
            let (title, org) = title_and_org(&s.title, &s.organisation, room);
            let mut head = vec![
                Span::styled(date, theme::dim()),
                Span::styled(title, theme::prompt()),
                Span::raw(org),
            ];
            head.extend(badges);
            // Below: who took part, shortened to what fits, so the number of ideas and the
            // state after it always show.
            let mut tail = format!(" · {}", crate::i18n::ideas_count(lang, s.ideas));
            if !detail.is_empty() {
                tail.push_str(&format!(" · {detail}"));
            }
            let people_room = width.saturating_sub(INDENT.len() + tail.width());
            let people = if s.participants.is_empty() {
                super::widgets::truncate(tr(lang, "home.no_participants"), people_room)
            } else {
                names_that_fit(&s.participants, people_room)
            };
            let second = format!("{INDENT}{people}{tail}");
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
                format!("{INDENT}{}", error.lines().next().unwrap_or_default()),
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
            Line::styled(format!("{INDENT}{k}"), theme::dim()),
        ]),
    }
}

/// The second line of a row starts under the title.
const INDENT: &str = "            ";

/// The title and ` · organisation` in `room` cells: the title shortened in the middle
/// (its end tells sessions apart), the organisation cut with `…`; the title comes first, the
/// organisation keeping at most a third of the room when both do not fit.
fn title_and_org(title: &str, organisation: &str, room: usize) -> (String, String) {
    if organisation.is_empty() {
        return (
            super::widgets::shorten_middle(title, room.max(1)),
            String::new(),
        );
    }
    let org = format!(" · {organisation}");
    if title.width() + org.width() <= room {
        return (title.to_string(), org);
    }
    let org_room = org
        .width()
        .min(room.saturating_sub(title.width()).max(room / 3));
    // An organisation with no room for a word of it is left out rather than shown as "· …".
    let org = if org_room >= 6 {
        super::widgets::truncate(&org, org_room)
    } else {
        String::new()
    };
    let title = super::widgets::shorten_middle(title, room.saturating_sub(org.width()).max(1));
    (title, org)
}

/// As many of `names` as fit in `room` cells, then `…` and how many more: "Ann, Bob, … +10".
fn names_that_fit(names: &[String], room: usize) -> String {
    let all = names.join(", ");
    if all.width() <= room {
        return all;
    }
    let (mut shown, mut count) = (String::new(), 0);
    for (i, name) in names.iter().enumerate() {
        let candidate = if i == 0 {
            name.clone()
        } else {
            format!("{shown}, {name}")
        };
        let more = format!(", … +{}", names.len() - i - 1);
        if candidate.width() + more.width() > room {
            break;
        }
        shown = candidate;
        count = i + 1;
    }
    if shown.is_empty() {
        // Not even one name fits with the count: the first name, cut.
        return super::widgets::truncate(&all, room);
    }
    format!("{shown}, … +{}", names.len() - count)
}
