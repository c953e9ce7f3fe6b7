//! Joining on the facilitator's screen: the join panel (QR code, link, code, devices) and
//! the one "who has joined" line under the step.

use super::Joined;
use crate::domain::Language;
use crate::i18n::{tr, trf};
use crate::ui::{theme, widgets};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use std::time::Instant;

/// The join panel over the run screen; `selected` is the device Del sends away.
/// `now` is the app's monotonic clock, for who is connected.
pub fn panel(
    joined: &Joined,
    selected: usize,
    lang: Language,
    now: Instant,
    frame: &mut Frame,
    area: Rect,
) {
    let popup = widgets::centered(area, area.width.saturating_sub(2).min(110), area.height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .title(format!(" {} ", tr(lang, "join.panel_title")))
        .border_style(theme::focus());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let qr = &joined.qr;
    let qr_width = qr.first().map_or(0, |l| l.chars().count()) as u16;
    // The code is drawn only where it fits whole: a cut QR code does not scan.
    let fits = qr_width + 30 <= inner.width && qr.len() as u16 <= inner.height;
    let text_area = if fits {
        let [code, rest] =
            Layout::horizontal([Constraint::Length(qr_width + 2), Constraint::Min(1)]).areas(inner);
        let lines: Vec<Line> = qr
            .iter()
            .map(|l| {
                Line::styled(
                    l.clone(),
                    Style::default().fg(Color::White).bg(Color::Black),
                )
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), code);
        rest
    } else {
        inner
    };
    let mut lines = vec![
        Line::raw(tr(lang, "join.panel_open")),
        Line::styled(joined.server.link().to_string(), theme::title()),
        Line::from(vec![
            Span::raw(format!("{} ", tr(lang, "join.code"))),
            Span::styled(joined.view.code.clone(), theme::title()),
        ]),
    ];
    if !fits {
        lines.push(Line::styled(tr(lang, "join.panel_no_room"), theme::dim()));
    }
    lines.push(Line::raw(""));
    let devices = &joined.view.devices;
    let anonymous = tr(lang, "idea.anonymous");
    lines.push(Line::styled(
        tr(
            lang,
            if joined.view.anonymous {
                "join.panel_anonymous_on"
            } else {
                "join.panel_anonymous_off"
            },
        ),
        theme::dim(),
    ));
    lines.push(Line::styled(
        trf(
            lang,
            "join.panel_devices",
            &[&devices.len(), &crate::join::guard::MAX_DEVICES],
        ),
        theme::accent(),
    ));
    if devices.is_empty() {
        lines.push(Line::styled(tr(lang, "join.panel_none"), theme::dim()));
    }
    for (n, (_, device)) in devices.iter().enumerate() {
        let name = device.shown_name(anonymous);
        let state = if device.is_waiting() {
            tr(lang, "join.panel_waiting")
        } else if device.is_connected(now) {
            tr(lang, "join.connected")
        } else {
            tr(lang, "join.idle")
        };
        let style = match (n == selected, device.is_waiting()) {
            (true, _) => theme::selected(),
            (false, true) => theme::notice(),
            (false, false) => Style::default(),
        };
        // The mark, not only the colour, says which device Del sends away.
        let mark = if n == selected { "▶ " } else { "  " };
        lines.push(Line::styled(format!("{mark}{name}  ({state})"), style));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(tr(lang, "join.panel_exposure"), theme::dim()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text_area);
}

/// "Joined (3): Anna, Bram, Cor · link": one line, while joining is on; a new name waiting
/// to be let in goes first, so it shows however narrow the screen.
pub fn who_line(joined: &Joined, lang: Language, now: Instant, frame: &mut Frame, area: Rect) {
    let names = joined.connected(lang, now);
    let who = if names.is_empty() {
        tr(lang, "join.nobody_yet").to_string()
    } else {
        names.join(", ")
    };
    let mut text = trf(
        lang,
        "join.who_line",
        &[&names.len(), &who, &joined.server.link()],
    );
    let waiting = joined.waiting();
    if !waiting.is_empty() {
        let asking = trf(lang, "join.who_waiting", &[&waiting.join(", ")]);
        text = format!("{asking}  ·  {text}");
    }
    frame.render_widget(
        Paragraph::new(Line::styled(
            widgets::truncate(&text, usize::from(area.width)),
            theme::notice(),
        )),
        area,
    );
}
