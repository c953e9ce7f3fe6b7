//! A team's trend on the review screen: a table of its sessions (columns that fit the width),
//! the pulse per statement over the sessions (each line its own marker, and a legend below the
//! chart with the marker and the values, so it reads without colour and never covers a line),
//! and how widely the top common ground was shared.

use super::ReviewState;
use super::draw::scroll_within;
use crate::domain::Language;
use crate::i18n::{tr, trf};
use crate::review::Trend;
use crate::ui::{theme, widgets};
use jiff::tz::TimeZone;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph,
};
use unicode_width::UnicodeWidthStr;

/// Each statement's line: how it is drawn, and the glyph the legend shows for it.
const MARKERS: [(Marker, &str); 4] = [
    (Marker::Braille, "⠶"),
    (Marker::Dot, "•"),
    (Marker::Bar, "▄"),
    (Marker::Block, "█"),
];

const SERIES: [Color; 4] = [Color::Cyan, Color::Yellow, Color::Magenta, Color::Green];

pub fn draw(t: &Trend, review: &ReviewState, zone: &TimeZone, frame: &mut Frame, area: Rect) {
    let lang = review.language;
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
    let lines = table_lines(t, lang, zone, usize::from(table.width));
    let scroll = scroll_within(review, &lines, table, false);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), table);
    let [pulse_area, shared_area] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(charts);
    pulse_chart(t, lang, frame, pulse_area);
    shared_bars(t, lang, frame, shared_area);
}

/// `text` padded with spaces to `width` cells (on the left when `right`).
fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// The table: a header and a row per session, in `width` cells. The session's title and the
/// top common ground share what the fixed columns leave; the top's count always shows.
fn table_lines(t: &Trend, lang: Language, zone: &TimeZone, width: usize) -> Vec<Line<'static>> {
    let pulses: Vec<String> = t
        .points
        .iter()
        .map(|p| {
            p.pulse
                .iter()
                .map(|m| m.map_or("–".into(), |v| lang.decimal(v, 1)))
                .collect::<Vec<String>>()
                .join(" / ")
        })
        .collect();
    let head = |key| tr(lang, key);
    let pulse_w = pulses
        .iter()
        .map(|p| p.width())
        .chain([head("review.col_pulse").width()])
        .max()
        .unwrap_or(0);
    let people_w = head("review.col_people").width().max(3);
    let done_w = head("review.col_done").width().max(5);
    // date, people, done and pulse, and the spaces between the columns
    let fixed = 10 + 2 + 1 + people_w + 1 + done_w + 2 + pulse_w + 2;
    // The titles as wide as the widest (at most 30), as long as the top keeps 16 cells.
    let widest = t
        .points
        .iter()
        .map(|p| p.title.width())
        .chain([head("review.col_session").width()])
        .max()
        .unwrap_or(0);
    let title_w = widest.min(30).min(width.saturating_sub(fixed + 16)).max(8);
    let top_w = width.saturating_sub(fixed + title_w).max(4);
    let top_head = if head("review.col_top").width() <= top_w {
        head("review.col_top")
    } else {
        head("review.col_top_short")
    };
    let row = |date: &str, title: &str, people: &str, done: &str, pulse: &str, top: &str| {
        format!(
            "{}  {} {} {}  {}  {}",
            pad(date, 10, false),
            pad(title, title_w, false),
            pad(people, people_w, true),
            pad(done, done_w, true),
            pad(pulse, pulse_w, false),
            widgets::truncate(top, top_w)
        )
    };
    let mut lines = vec![Line::styled(
        row(
            head("review.col_date"),
            &widgets::truncate(head("review.col_session"), title_w),
            head("review.col_people"),
            head("review.col_done"),
            head("review.col_pulse"),
            top_head,
        ),
        theme::dim(),
    )];
    for (p, pulse) in t.points.iter().zip(&pulses) {
        let top = p.top_label.as_ref().map_or("–".to_string(), |l| {
            let count = format!(" ({})", p.top_sharers);
            let room = top_w.saturating_sub(count.width()).max(1);
            format!("{}{count}", widgets::truncate(l, room))
        });
        let done = p
            .actions_done
            .map_or("–".to_string(), |(done, of)| format!("{done}/{of}"));
        lines.push(Line::from(row(
            &crate::domain::local_date(p.date, zone).to_string(),
            &widgets::shorten_middle(&p.title, title_w),
            &p.participants.to_string(),
            &done,
            pulse,
            &top,
        )));
    }
    lines
}

/// A block whose title is cut with `…` where the block is narrower than it.
fn titled(title: &str, area: Rect) -> Block<'static> {
    let room = usize::from(area.width.saturating_sub(4));
    Block::bordered().title(format!(" {} ", widgets::truncate(title, room)))
}

/// The pulse per statement over the sessions, as lines from 1 to 5, with a legend of its own
/// below the chart: each statement's marker, number, label and values.
fn pulse_chart(t: &Trend, lang: Language, frame: &mut Frame, area: Rect) {
    let block = titled(tr(lang, "review.pulse_over_time"), area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let legend_h = (t.items.len() as u16).min(inner.height.saturating_sub(4));
    let [graph, legend] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(legend_h)]).areas(inner);
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
                .marker(MARKERS[i % MARKERS.len()].0)
                .graph_type(GraphType::Line)
                .style(Style::default().fg(SERIES[i % SERIES.len()]))
                .data(data)
        })
        .collect();
    let n = t.points.len().max(2) as f64;
    let chart = Chart::new(datasets)
        .legend_position(None)
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
    frame.render_widget(chart, graph);
    let width = usize::from(legend.width);
    let lines: Vec<Line> = t
        .items
        .iter()
        .enumerate()
        .map(|(i, label)| legend_line(t, lang, i, label, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), legend);
}

/// "⠶ 1 I am in the right place…  2.0 → 4.0": the statement's marker in its colour, its
/// number and label, and its values over the sessions (the first and the last when all do
/// not fit); the values always show, the label gives way.
fn legend_line(t: &Trend, lang: Language, i: usize, label: &str, width: usize) -> Line<'static> {
    let value = |v: Option<f64>| v.map_or("–".to_string(), |v| lang.decimal(v, 1));
    let all: Vec<String> = t.points.iter().map(|p| value(p.pulse[i])).collect();
    let mut values = all.join(" → ");
    if values.width() > width / 2 && all.len() > 2 {
        values = format!("{} → … → {}", all[0], all[all.len() - 1]);
    }
    let mark = format!("{} {} ", MARKERS[i % MARKERS.len()].1, i + 1);
    let room = width
        .saturating_sub(mark.width() + 2 + values.width())
        .max(4);
    let label = widgets::truncate(label, room);
    let gap = " ".repeat(
        width
            .saturating_sub(mark.width() + label.width() + values.width())
            .max(2),
    );
    Line::from(vec![
        Span::styled(mark, Style::default().fg(SERIES[i % SERIES.len()])),
        Span::raw(label),
        Span::raw(gap),
        Span::styled(values, theme::dim()),
    ])
}

/// How many people shared the top common denominator, per session.
fn shared_bars(t: &Trend, lang: Language, frame: &mut Frame, area: Rect) {
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
    let width = (area.width.saturating_sub(2) / t.points.len().max(1) as u16)
        .saturating_sub(1)
        .clamp(1, 8);
    frame.render_widget(
        BarChart::default()
            .block(titled(tr(lang, "review.shared_over_time"), area))
            .data(BarGroup::default().bars(&bars))
            .bar_width(width)
            .bar_gap(1)
            .bar_style(theme::accent()),
        area,
    );
}
