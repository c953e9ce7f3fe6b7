use super::theme;
use crate::app::{Context, keymap};
use crate::domain::Language;
use crate::i18n::tr;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The keys that matter here, straight from the keymap. The screen's own keys come first;
/// help and quit always show, so keys that do not fit are dropped from the middle.
pub fn draw(
    keys: &keymap::Keymap,
    context: Context,
    shown: keymap::Shown,
    lang: Language,
    frame: &mut Frame,
    area: Rect,
) {
    draw_keys(keys, context, shown, true, lang, frame, area);
}

/// The screen's own keys only: for the room view's chooser, where help and "save and quit"
/// mean nothing.
pub fn draw_own(context: Context, lang: Language, frame: &mut Frame, area: Rect) {
    let keys = keymap::Keymap::default();
    draw_keys(
        &keys,
        context,
        keymap::Shown::default(),
        false,
        lang,
        frame,
        area,
    );
}

fn draw_keys(
    keys: &keymap::Keymap,
    context: Context,
    shown: keymap::Shown,
    with_global: bool,
    lang: Language,
    frame: &mut Frame,
    area: Rect,
) {
    let (global, own): (Vec<&keymap::Binding>, Vec<&keymap::Binding>) = keys
        .bindings_for(context)
        .into_iter()
        .filter(|b| b.in_footer && !shown.hides(b))
        .filter(|b| with_global || b.context != Context::Global)
        .partition(|b| b.context == Context::Global);
    let item = |b: &keymap::Binding| -> (String, &'static str) {
        (shown.label(b), tr(lang, b.description))
    };
    let width = |(k, d): &(String, &str)| k.width() + d.width() + 3;
    let fixed: Vec<(String, &str)> = global.into_iter().map(item).collect();
    let mut budget = usize::from(area.width).saturating_sub(fixed.iter().map(width).sum());
    let mut shown: Vec<(String, &str)> = Vec::new();
    for b in own {
        let it = item(b);
        // (the screen's own keys, in keymap order)
        if width(&it) <= budget {
            budget -= width(&it);
            shown.push(it);
        }
    }
    shown.extend(fixed);
    let mut spans = Vec::new();
    for (key, description) in shown {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::raw(format!(" {description}")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
