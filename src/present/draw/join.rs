//! While joining is on, the room view gives the right-hand side to the join link and its QR
//! code, large enough to scan from the back of the room; the step keeps the rest.

use crate::domain::Language;
use crate::i18n::tr;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// Draws the link (and the QR code where it fits whole) at the right of `area`; returns
/// what is left for the step.
pub fn beside(link: Option<&str>, lang: Language, frame: &mut Frame, area: Rect) -> Rect {
    let Some(link) = link else {
        return area;
    };
    // The large code where the screen has room for it, else the compact one.
    let fits = |qr: &[String]| {
        let width = qr.first().map_or(0, |l| l.chars().count()) as u16;
        (width + 40 <= area.width && qr.len() as u16 + 4 <= area.height).then_some(width)
    };
    let large = crate::join::qr::large_lines(link).unwrap_or_default();
    let small = crate::join::qr::lines(link).unwrap_or_default();
    let (qr, qr_width) = match (fits(&large), fits(&small)) {
        (Some(w), _) => (large, w),
        (None, Some(w)) => (small, w),
        (None, None) => (Vec::new(), 0),
    };
    let with_code = !qr.is_empty();
    let side_width = if with_code {
        qr_width.max(link.chars().count() as u16) + 2
    } else {
        (link.chars().count() as u16 + 2).min(area.width / 2)
    };
    let [rest, side] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(side_width)]).areas(area);
    let mut lines = vec![
        Line::styled(tr(lang, "present.join_scan"), theme::dim()),
        Line::styled(link.to_string(), theme::title()),
    ];
    if with_code {
        lines.push(Line::raw(""));
        let style = Style::default().fg(Color::White).bg(Color::Black);
        lines.extend(qr.into_iter().map(|l| Line::styled(l, style)));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), side);
    rest
}
