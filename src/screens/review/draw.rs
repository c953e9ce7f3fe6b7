//! The review screen: the filtered list of past sessions, a comparison, a team's trend.

use super::{CompareView, ReviewState, ReviewView};
use crate::domain::Language;
use crate::i18n::{tr, trf};
use crate::review::SortBy;
use crate::store::Listing;
use crate::ui::{theme, widgets};
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, ListItem, Paragraph, Wrap};

/// `zone` is the user's time zone, for the dates shown.
pub fn draw(review: &ReviewState, zone: &TimeZone, frame: &mut Frame, area: Rect) {
    if !matches!(review.view, ReviewView::List) || review.error.is_some() {
        review.list.hide();
    }
    match &review.view {
        ReviewView::List => list(review, zone, frame, area),
        ReviewView::Compare(c) => compare(c, review, zone, frame, area),
        ReviewView::Trend(t) => super::trend_draw::draw(t, review, zone, frame, area),
        ReviewView::Programme(r) => super::programme_draw::draw(r, review, frame, area),
        ReviewView::Gathering(g) => gathering(g, review, frame, area),
    }
}

/// Common ground across sessions while it is worked out: what is being done, how far (a
/// bar while the ideas' meaning is had), and that Esc stops it.
fn gathering(g: &super::Gathering, review: &ReviewState, frame: &mut Frame, area: Rect) {
    use crate::review::gather::ThemesStage;
    let lang = review.language;
    let block = Block::bordered().title(format!(" {} ", tr(lang, "themes.gathering")));
    let inner = block.inner(area);
    let mut lines = vec![Line::raw("")];
    match g.stage {
        ThemesStage::Reading => {
            lines.push(Line::styled(tr(lang, "themes.reading"), theme::prompt()))
        }
        ThemesStage::Meaning { done, total } => {
            lines.push(Line::styled(
                trf(lang, "themes.meaning", &[&done, &total]),
                theme::prompt(),
            ));
            let width = usize::from(inner.width.saturating_sub(2)).min(60);
            lines.push(Line::styled(
                widgets::bar(done as f64, total.max(1) as f64, width),
                theme::accent(),
            ));
        }
        ThemesStage::Grouping => {
            lines.push(Line::styled(tr(lang, "themes.grouping"), theme::prompt()))
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(tr(lang, "themes.esc_stops"), theme::dim()));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

fn list(review: &ReviewState, zone: &TimeZone, frame: &mut Frame, area: Rect) {
    let lang = review.language;
    let [filter, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let sort = match review.sort {
        SortBy::Date => tr(lang, "review.by_date"),
        SortBy::Organisation => tr(lang, "review.by_organisation"),
    };
    widgets::text_field(
        frame,
        filter,
        &format!(" {} ", trf(lang, "review.filter", &[&sort])),
        &review.query,
        true,
    );
    if let Some(error) = &review.error {
        frame.render_widget(
            Paragraph::new(error.as_str())
                .style(theme::error())
                .wrap(Wrap { trim: false }),
            body,
        );
        return;
    }
    let items: Vec<ListItem> = review
        .shown
        .iter()
        .map(|i| {
            let marked = review.compare_mark == Some(*i);
            item(
                &review.listings[*i],
                marked,
                lang,
                zone,
                crate::ui::widgets::row_width(body),
            )
        })
        .collect();
    let title = trf(
        lang,
        "review.count",
        &[&review.shown.len(), &review.listings.len()],
    );
    let empty = items.is_empty();
    let block = Block::bordered().title(format!(" {title} "));
    // Each session takes two lines.
    let selected = (!empty).then_some(review.selected);
    widgets::selectable_list(frame, body, block, items, &review.list, selected);
    if empty {
        let hint = Rect {
            y: body.y + 1,
            x: body.x + 2,
            height: 1,
            width: body.width.saturating_sub(4),
        };
        let text = if review.listings.is_empty() {
            tr(lang, "home.empty")
        } else {
            tr(lang, "review.no_match")
        };
        frame.render_widget(Paragraph::new(Line::styled(text, theme::dim())), hint);
    }
}

fn item(
    listing: &Listing,
    marked: bool,
    lang: Language,
    zone: &TimeZone,
    width: usize,
) -> ListItem<'static> {
    let mut badges = Vec::new();
    if let Listing::Session(s) = listing {
        let (status, style) = if s.finished {
            (tr(lang, "review.finished"), theme::notice())
        } else {
            (tr(lang, "review.in_progress"), theme::dim())
        };
        badges.push(Span::styled(format!("  [{status}]"), style));
    }
    if marked {
        badges.push(Span::styled(
            format!("  ⇄ {}", tr(lang, "review.marked")),
            theme::warning(),
        ));
    }
    crate::ui::listing::session_item(listing, lang, zone, badges, "", width)
}

/// How far `lines` can scroll in `area` (`wrap` when they wrap at its width): the last line
/// that can be first; records it for the state and returns `wanted` held to it.
pub(super) fn scroll_within(review: &ReviewState, lines: &[Line], area: Rect, wrap: bool) -> u16 {
    let width = usize::from(area.width.max(1));
    let total: usize = lines
        .iter()
        .map(|l| {
            if !wrap {
                return 1;
            }
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            widgets::wrap_words(&text, width).len()
        })
        .sum();
    let max = u16::try_from(total.saturating_sub(usize::from(area.height))).unwrap_or(u16::MAX);
    review.scroll_max.set(max);
    review.scroll.min(max)
}

fn compare(c: &CompareView, review: &ReviewState, zone: &TimeZone, frame: &mut Frame, area: Rect) {
    let lang = review.language;
    let day = |t: jiff::Timestamp| crate::domain::local_date(t, zone).to_string();
    let cmp = &c.comparison;
    let mut lines = vec![Line::styled(
        trf(
            lang,
            "review.compare_title",
            &[
                &c.before.title,
                &day(c.before.created),
                &c.after.title,
                &day(c.after.created),
            ],
        ),
        theme::title(),
    )];
    let heading = |key: &'static str, n: usize| {
        Line::styled(format!("\n{} ({n})", tr(lang, key)), theme::accent())
    };
    lines.push(Line::raw(""));
    lines.push(heading("review.recurring", cmp.recurring.len()));
    for m in &cmp.recurring {
        lines.push(Line::from(vec![
            Span::raw(format!("  ↻ {}", m.after.label)),
            Span::styled(
                format!(
                    "  ({} → {}: {} → {})",
                    m.before.label, m.after.label, m.before.sharers, m.after.sharers
                ),
                theme::dim(),
            ),
            Span::styled(
                crate::ui::widgets::dots_text(lang, m.after.dots),
                theme::notice(),
            ),
        ]));
    }
    lines.push(heading("review.new", cmp.new.len()));
    for t in &cmp.new {
        lines.push(Line::from(format!(
            "  + {}  ({}){}",
            t.label,
            trf(lang, "review.people", &[&t.sharers]),
            crate::ui::widgets::dots_text(lang, t.dots)
        )));
    }
    lines.push(heading("review.gone_themes", cmp.disappeared.len()));
    for t in &cmp.disappeared {
        lines.push(Line::styled(
            format!(
                "  − {}  ({})",
                t.label,
                trf(lang, "review.people", &[&t.sharers])
            ),
            theme::dim(),
        ));
    }
    lines.push(heading("review.pulse", cmp.pulse.len()));
    for p in &cmp.pulse {
        let f = |v: Option<f64>| v.map_or("–".to_string(), |m| lang.decimal(m, 1));
        let (arrow, style) = match p.delta() {
            Some(d) if d > 0.05 => (format!("▲ {d:+.1}"), theme::notice()),
            Some(d) if d < -0.05 => (format!("▼ {d:+.1}"), theme::low()),
            Some(_) => ("=".to_string(), theme::dim()),
            None => (String::new(), theme::dim()),
        };
        lines.push(Line::from(vec![
            Span::raw(format!("  {}: {} → {}  ", p.label, f(p.before), f(p.after))),
            Span::styled(arrow, style),
        ]));
    }
    lines.push(heading("review.roles", cmp.roles.len()));
    // A session that did not ask shows "not asked", not a drop to 0.
    let count =
        |n: Option<usize>| n.map_or(tr(lang, "review.not_asked").to_string(), |n| n.to_string());
    for r in &cmp.roles {
        lines.push(Line::from(format!(
            "  {}: {} → {}",
            r.label,
            count(r.before),
            count(r.after)
        )));
    }
    if cmp.roles.is_empty() {
        lines.push(Line::styled(
            format!("  {}", tr(lang, "review.roles_not_asked")),
            theme::dim(),
        ));
    }
    lines.push(heading("review.earlier_actions", cmp.earlier_actions.len()));
    let held = crate::domain::local_date(c.after.created, zone);
    for a in &cmp.earlier_actions {
        let status = cmp.outcomes.get(&a.id);
        let when = if a.overdue_on(held, status.copied()) {
            format!("{} ({})", a.when, tr(lang, "action.overdue"))
        } else {
            a.when.clone()
        };
        let parts: Vec<&str> = [a.what.as_str(), a.who.as_str(), when.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        let said = status.map_or(String::new(), |s| format!("  ({})", tr(lang, s.key())));
        let mark = status.map_or("□", |s| s.symbol());
        lines.push(Line::from(format!("  {mark} {}{said}", parts.join(" — "))));
    }
    let block = Block::bordered().title(format!(" {} ", tr(lang, "review.compare")));
    scrolled_page(review, lines, block, frame, area);
}

/// Lines that wrap in a bordered block, scrolled to where the review is (held to the end).
pub(super) fn scrolled_page(
    review: &ReviewState,
    lines: Vec<Line<'static>>,
    block: Block<'static>,
    frame: &mut Frame,
    area: Rect,
) {
    let scroll = scroll_within(review, &lines, block.inner(area), true);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        area,
    );
}
