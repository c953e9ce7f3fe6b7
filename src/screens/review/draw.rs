//! The review screen: the filtered list of past sessions, a comparison, a team's trend.

use super::{CompareView, ReviewState, ReviewView};
use crate::domain::Language;
use crate::i18n::{tr, trf};
use crate::review::{SortBy, Trend};
use crate::store::Listing;
use crate::ui::{theme, widgets};
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, LegendPosition, ListItem,
    Paragraph, Wrap,
};

/// `zone` is the user's time zone, for the dates shown.
pub fn draw(review: &ReviewState, zone: &TimeZone, frame: &mut Frame, area: Rect) {
    if !matches!(review.view, ReviewView::List) || review.error.is_some() {
        review.list.hide();
    }
    match &review.view {
        ReviewView::List => list(review, zone, frame, area),
        ReviewView::Compare(c) => compare(c, review.language, zone, review.scroll, frame, area),
        ReviewView::Trend(t) => trend(t, review.language, zone, review.scroll, frame, area),
    }
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

fn compare(
    c: &CompareView,
    lang: Language,
    zone: &TimeZone,
    scroll: u16,
    frame: &mut Frame,
    area: Rect,
) {
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
    for r in &cmp.roles {
        lines.push(Line::from(format!(
            "  {}: {} → {}",
            r.label, r.before, r.after
        )));
    }
    lines.push(heading("review.earlier_actions", cmp.earlier_actions.len()));
    for a in &cmp.earlier_actions {
        let parts: Vec<&str> = [a.what.as_str(), a.who.as_str(), a.when.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect();
        let status = cmp.outcomes.get(&a.id);
        let said = status.map_or(String::new(), |s| format!("  ({})", tr(lang, s.key())));
        let mark = status.map_or("□", |s| s.symbol());
        lines.push(Line::from(format!("  {mark} {}{said}", parts.join(" — "))));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::bordered().title(format!(" {} ", tr(lang, "review.compare")))),
        area,
    );
}

const MARKERS: [Marker; 2] = [Marker::Braille, Marker::Dot];

const SERIES: [ratatui::style::Color; 4] = [
    ratatui::style::Color::Cyan,
    ratatui::style::Color::Yellow,
    ratatui::style::Color::Magenta,
    ratatui::style::Color::Green,
];

fn trend(t: &Trend, lang: Language, zone: &TimeZone, scroll: u16, frame: &mut Frame, area: Rect) {
    let block = Block::bordered().title(format!(
        " {} ",
        match t.points.len() {
            1 => trf(lang, "review.trend_title_one", &[&t.team]),
            n => trf(lang, "review.trend_title", &[&t.team, &n]),
        }
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [table, charts] = Layout::vertical([
        Constraint::Length((t.points.len() as u16 + 2).min(inner.height / 3)),
        Constraint::Min(6),
    ])
    .areas(inner);
    let mut lines = vec![Line::styled(tr(lang, "review.trend_columns"), theme::dim())];
    for p in &t.points {
        let pulse: Vec<String> = p
            .pulse
            .iter()
            .map(|m| m.map_or("–".into(), |v| lang.decimal(v, 1)))
            .collect();
        let top = p
            .top_label
            .as_ref()
            .map_or("–".to_string(), |l| format!("{l} ({})", p.top_sharers));
        let done = p
            .actions_done
            .map_or("–".to_string(), |(done, of)| format!("{done}/{of}"));
        lines.push(Line::from(format!(
            "{}  {:<20} {:>6} {done:>6}  {:<15}  {top}",
            crate::domain::local_date(p.date, zone),
            crate::ui::widgets::shorten_middle(&p.title, 20),
            p.participants,
            pulse.join(" / ")
        )));
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), table);
    let [pulse_area, shared_area] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(charts);

    // The pulse per statement over the sessions, as lines from 1 to 5.
    let series: Vec<Vec<(f64, f64)>> = (0..t.items.len())
        .map(|i| {
            t.points
                .iter()
                .enumerate()
                .filter_map(|(x, p)| p.pulse[i].map(|v| (x as f64 + 1.0, v)))
                .collect()
        })
        .collect();
    let datasets: Vec<Dataset> = series
        .iter()
        .enumerate()
        .map(|(i, data)| {
            Dataset::default()
                .name(format!(
                    "{} {}",
                    i + 1,
                    crate::ui::widgets::truncate(&t.items[i], 24)
                ))
                // A marker of its own per line, so the legend reads without colour too.
                .marker(MARKERS[i % MARKERS.len()])
                .graph_type(GraphType::Line)
                .style(Style::default().fg(SERIES[i % SERIES.len()]))
                .data(data)
        })
        .collect();
    let n = t.points.len().max(2) as f64;
    // The legend says which line is which statement; it may cover up to half the chart.
    let chart = Chart::new(datasets)
        .block(Block::bordered().title(format!(" {} ", tr(lang, "review.pulse_over_time"))))
        .legend_position(Some(LegendPosition::BottomRight))
        .hidden_legend_constraints((Constraint::Percentage(100), Constraint::Percentage(60)))
        .x_axis(
            Axis::default()
                .title(tr(lang, "review.axis_session"))
                .bounds([1.0, n])
                .labels(vec![
                    Line::from("1"),
                    Line::from(format!("{}", t.points.len())),
                ]),
        )
        .y_axis(Axis::default().bounds([1.0, 5.0]).labels(vec![
            Line::from("1"),
            Line::from("3"),
            Line::from("5"),
        ]));
    frame.render_widget(chart, pulse_area);

    // How many people shared the top common denominator, per session.
    let bars: Vec<Bar> = t
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Bar::default()
                .value(p.top_sharers as u64)
                .label(Line::from(format!("{}", i + 1)))
        })
        .collect();
    let width = (shared_area.width.saturating_sub(2) / t.points.len().max(1) as u16)
        .saturating_sub(1)
        .clamp(1, 8);
    frame.render_widget(
        BarChart::default()
            .block(Block::bordered().title(format!(" {} ", tr(lang, "review.shared_over_time"))))
            .data(BarGroup::default().bars(&bars))
            .bar_width(width)
            .bar_gap(1)
            .bar_style(theme::accent()),
        shared_area,
    );
}
