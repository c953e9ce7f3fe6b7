use super::theme;
use crate::domain::Language;
use crate::i18n::tr;
use crate::interact::{Context, keymap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The keys that matter here, straight from the keymap: gathered once per frame, asked
/// how many lines they need ([`Footer::lines`]), then drawn on that many. The screen's own
/// keys come first; help and quit always show.
pub struct Footer {
    /// help and quit (the global keys), which end the last line
    fixed: Vec<Item>,
    own: Vec<Item>,
}

type Item = (String, &'static str);

fn item_width((k, d): &Item) -> usize {
    k.width() + d.width() + 3
}

impl Footer {
    pub fn new(
        keys: &keymap::Keymap,
        context: Context,
        shown: keymap::Shown,
        lang: Language,
    ) -> Footer {
        Footer::gather(keys, context, shown, true, lang)
    }

    /// The screen's own keys only: for the room view's chooser, where help and "save and
    /// quit" mean nothing.
    pub fn own_only(context: Context, lang: Language) -> Footer {
        let keys = keymap::Keymap::default();
        Footer::gather(&keys, context, keymap::Shown::default(), false, lang)
    }

    fn gather(
        keys: &keymap::Keymap,
        context: Context,
        shown: keymap::Shown,
        with_global: bool,
        lang: Language,
    ) -> Footer {
        let (global, own): (Vec<&keymap::Binding>, Vec<&keymap::Binding>) = keys
            .bindings_for(context)
            .into_iter()
            .filter(|b| b.in_footer && !shown.hides(b))
            .filter(|b| with_global || b.context != Context::Global)
            .partition(|b| b.context == Context::Global);
        let item = |b: &keymap::Binding| -> Item { (shown.label(b), tr(lang, b.description)) };
        Footer {
            fixed: global.into_iter().map(item).collect(),
            own: own.into_iter().map(item).collect(),
        }
    }

    /// How many lines the footer wants at `width`: a second one when the screen's own keys
    /// would not all fit on one (80 columns on the board), so no key that matters is
    /// dropped.
    pub fn lines(&self, width: u16) -> u16 {
        let all: usize = self.fixed.iter().chain(&self.own).map(item_width).sum();
        if all <= usize::from(width) { 1 } else { 2 }
    }

    pub fn draw(self, frame: &mut Frame, area: Rect) {
        let width = usize::from(area.width);
        let rows = usize::from(area.height.max(1));
        // the screen's own keys fill the lines in order; help and quit end the last one,
        // and what fits nowhere is dropped
        let mut lines: Vec<Vec<Item>> = vec![Vec::new(); rows];
        let mut used = vec![0usize; rows];
        used[rows - 1] = self.fixed.iter().map(item_width).sum();
        let mut row = 0;
        for it in self.own {
            while row < rows && used[row] + item_width(&it) > width {
                row += 1;
            }
            if row == rows {
                // a later, shorter key may still fit on the last line
                row = rows - 1;
                if used[row] + item_width(&it) > width {
                    continue;
                }
            }
            used[row] += item_width(&it);
            lines[row].push(it);
        }
        lines[rows - 1].extend(self.fixed);
        let text: Vec<Line> = lines
            .into_iter()
            .map(|items| {
                let mut spans = Vec::new();
                for (key, description) in items {
                    if !spans.is_empty() {
                        spans.push(Span::raw("  "));
                    }
                    spans.push(Span::styled(key, theme::key()));
                    spans.push(Span::raw(format!(" {description}")));
                }
                Line::from(spans)
            })
            .collect();
        frame.render_widget(Paragraph::new(text), area);
    }
}
