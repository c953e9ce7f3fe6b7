//! Overlays: help (from the keymap), confirm, forms, explanations.

use super::{theme, widgets};
use crate::domain::Language;
use crate::i18n::{tr, trf};
use crate::interact::{Confirm, Context, Overlay, keymap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn draw(
    overlay: &Overlay,
    keys: &keymap::Keymap,
    behind: Context,
    shown: keymap::Shown,
    lang: Language,
    frame: &mut Frame,
    area: Rect,
) {
    match overlay {
        Overlay::Help => help(keys.bindings_for(behind), shown, lang, frame, area),
        Overlay::Confirm(c) => {
            let question = match c {
                Confirm::DeleteIdea { text, .. } => trf(lang, "ui.confirm_delete_idea", &[text]),
                Confirm::DeleteAction { what, .. } => {
                    trf(lang, "ui.confirm_delete_action", &[what])
                }
                Confirm::LeaveUnsaved { reason } => {
                    trf(lang, "ui.confirm_leave_unsaved", &[reason])
                }
                Confirm::DiscardSetup => tr(lang, "ui.confirm_discard_setup").to_string(),
            };
            let popup = widgets::centered(area, 64, 5);
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(vec![
                    Line::raw(question),
                    Line::styled(tr(lang, "ui.yes_no"), theme::key()),
                ])
                .wrap(Wrap { trim: true })
                .block(Block::bordered().border_style(theme::warning())),
                popup,
            );
        }
        Overlay::Prompt(p) if p.is_multi_line() => lines_prompt(p, lang, frame, area),
        Overlay::Prompt(p) => {
            let height = p.fields.len() as u16 * 3 + 3;
            let inner = widgets::popup_box(&p.title, frame, widgets::centered(area, 70, height));
            let mut constraints: Vec<Constraint> =
                p.fields.iter().map(|_| Constraint::Length(3)).collect();
            constraints.push(Constraint::Length(1));
            let rows = Layout::vertical(constraints).split(inner);
            for (i, (label, field)) in p.fields.iter().enumerate() {
                widgets::text_field(frame, rows[i], &format!(" {label} "), field, i == p.focus);
            }
            let last = rows[rows.len() - 1];
            let line = match &p.error {
                Some(e) => Line::styled(e.clone(), theme::error()),
                None => Line::styled(tr(lang, "ui.prompt_keys"), theme::dim()),
            };
            frame.render_widget(Paragraph::new(line), last);
        }
        // Drawn by `ui::join`, which has the server to show.
        Overlay::Join { .. } => {}
        Overlay::Info {
            title,
            body,
            scroll,
        } => info(title, body, scroll, lang, frame, area),
    }
}

/// A text over the screen, as tall as it needs up to the screen less two lines; what does
/// not fit scrolls, and the bottom edge says how much is above and below.
fn info(
    title: &str,
    body: &str,
    scroll: &crate::interact::scroll::Scroll,
    lang: Language,
    frame: &mut Frame,
    area: Rect,
) {
    let width = area.width.min(90);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let lines: Vec<Line> = body.lines().flat_map(|l| hanging(l, inner)).collect();
    // the status line above stays in view
    let room = area.height.saturating_sub(1).max(5);
    let height = (lines.len() as u16 + 2).clamp(5, room);
    let popup = widgets::centered(area, width, height);
    let page = height.saturating_sub(2);
    let first = usize::from(scroll.layout(lines.len(), page));
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(first)
        .take(usize::from(page))
        .collect();
    let mut edge = String::new();
    if scroll.above() > 0 {
        edge.push_str(&format!(
            "↑ {}  ",
            trf(lang, "ui.more_above", &[&scroll.above()])
        ));
    }
    if scroll.below() > 0 {
        edge.push_str(&format!(
            "↓ {}  ",
            trf(lang, "ui.more_below", &[&scroll.below()])
        ));
    }
    edge.push_str(tr(lang, "ui.esc_closes"));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(shown).block(
            Block::bordered()
                .title(format!(" {title} "))
                .title_bottom(Line::styled(format!(" {edge} "), theme::dim())),
        ),
        popup,
    );
}

/// A line wrapped to `width`, its continuations indented under its text (past a bullet or
/// the line's own indent).
fn hanging(line: &str, width: usize) -> Vec<Line<'static>> {
    let rest = line.strip_prefix("• ").unwrap_or_else(|| line.trim_start());
    let head = vec![Span::raw(line[..line.len() - rest.len()].to_string())];
    widgets::wrapped_row(head, rest, Default::default(), Vec::new(), width)
}

/// Every key of the screen behind the overlay, and the global ones.
fn help(
    bindings: Vec<&keymap::Binding>,
    shown: keymap::Shown,
    lang: Language,
    frame: &mut Frame,
    area: Rect,
) {
    let mut lines: Vec<Line> = Vec::new();
    let mut seen: Vec<(&str, String)> = Vec::new();
    let mut yours = false;
    for b in bindings {
        // Keys past the step's choices ("5" with four roles), or edits of a read-only
        // session, do nothing here.
        if shown.hides(b) {
            continue;
        }
        let label = shown.label(b);
        let description = tr(lang, b.description);
        // Keys that do the same thing share a row (1 … 5, ↑ ↓).
        if let Some(i) = seen.iter().position(|(d, _)| *d == description) {
            // "1–5" already says 2, 3, 4 and 5; "[ ]" already says "]".
            let covered =
                seen[i].1.contains('–') || seen[i].1.split(' ').any(|k| k == label.as_str());
            if let (false, Some(Line { spans, .. })) = (covered, lines.get_mut(i)) {
                spans[0] = Span::styled(
                    format!("{} {label}", spans[0].content.trim_end()),
                    theme::key(),
                );
            }
            continue;
        }
        seen.push((description, label.clone()));
        // The user's own keys (keys.ron) are marked, so nobody wonders where they came from.
        let mark = if b.user { " *" } else { "" };
        yours |= b.user;
        lines.push(Line::from(vec![
            Span::styled(format!("{label}{mark}"), theme::key()),
            Span::raw(description),
        ]));
    }
    if yours {
        lines.push(Line::from(vec![
            Span::raw(""),
            Span::styled(tr(lang, "ui.your_keys"), theme::dim()),
        ]));
    }
    let key_width = lines
        .iter()
        .map(|l| l.spans[0].content.chars().count())
        .max()
        .unwrap_or(4)
        + 2;
    for line in &mut lines {
        let key = line.spans[0].content.to_string();
        line.spans[0] = Span::styled(format!("{key:>key_width$}  "), theme::key());
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = widgets::centered(area, 72, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" {} ", tr(lang, "ui.help_title")))),
        popup,
    );
}

/// A form of one field of several lines (notes): a larger box, the lines wrapped, the
/// cursor in view, and how to start a line, save and cancel.
fn lines_prompt(p: &crate::interact::Prompt, lang: Language, frame: &mut Frame, area: Rect) {
    let Some((label, field)) = p.fields.first() else {
        return;
    };
    let height = area.height.saturating_sub(4).clamp(8, 16);
    let inner = widgets::popup_box(&p.title, frame, widgets::centered(area, 76, height));
    let [field_area, keys] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(inner);
    let boxed = Block::bordered().border_style(theme::focus());
    let boxed = if *label == p.title {
        boxed
    } else {
        boxed.title(format!(" {label} "))
    };
    let text = boxed.inner(field_area);
    frame.render_widget(boxed, field_area);
    widgets::text_area(frame, text, field, true);
    let line = match &p.error {
        Some(e) => Line::styled(e.clone(), theme::error()),
        None => Line::styled(tr(lang, "ui.lines_prompt_keys"), theme::dim()),
    };
    frame.render_widget(Paragraph::new(line), keys);
}
