//! A one-line text field (ratatui-textarea underneath): wide characters, emoji and combining
//! accents edit as one character each.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// The most characters a field holds: an idea or a name is a sentence, not a document. Longer
/// pastes on a question step become several ideas; a field never grows past this, so drawing
/// it stays quick (a 1 MB line froze the screen).
pub const MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, Default)]
pub struct TextField {
    area: TextArea<'static>,
}

impl TextField {
    pub fn with_text(text: &str) -> TextField {
        let mut f = TextField::default();
        f.set_text(text);
        f
    }

    pub fn text(&self) -> String {
        self.area.lines().join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.area.lines().iter().all(|l| l.is_empty())
    }

    pub fn set_text(&mut self, text: &str) {
        let one_line: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.area = TextArea::new(vec![one_line]);
        self.area.move_cursor(ratatui_textarea::CursorMove::End);
    }

    pub fn clear(&mut self) {
        self.set_text("");
    }

    /// Inserts text at the cursor; line breaks and control characters become spaces. Returns
    /// false when the text was cut to keep the field within `MAX_CHARS`.
    pub fn insert(&mut self, text: &str) -> bool {
        let room = MAX_CHARS.saturating_sub(self.len_chars());
        let one_line: String = text
            .chars()
            .take(room)
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let whole = one_line.chars().count() == text.chars().count();
        self.area.insert_str(one_line);
        whole
    }

    /// True when the field holds `MAX_CHARS` characters and takes no more.
    pub fn is_full(&self) -> bool {
        self.len_chars() >= MAX_CHARS
    }

    fn len_chars(&self) -> usize {
        self.area.lines().iter().map(|l| l.chars().count()).sum()
    }

    /// Edits with a key; keys that would add a line or are not editing keys are ignored.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let is_newline = matches!(key.code, KeyCode::Enter)
            || (key.modifiers.contains(KeyModifiers::CONTROL)
                && matches!(key.code, KeyCode::Char('m' | 'j')));
        if is_newline || matches!(key.code, KeyCode::Tab | KeyCode::BackTab) {
            return false;
        }
        let adds = matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if adds && self.len_chars() >= MAX_CHARS {
            return false;
        }
        if let Some(edit) = line_editing(key) {
            edit(&mut self.area);
            return true;
        }
        // Step over whole graphemes (👩🏽‍💻 is four code points, é may be two), which the
        // underlying field would split.
        if key.modifiers.is_empty() || key.modifiers == KeyModifiers::SHIFT {
            let (before, after) = self.grapheme_sizes();
            let (n, step): (usize, fn(&mut TextArea<'static>)) = match key.code {
                KeyCode::Backspace => (before, |a| {
                    a.delete_char();
                }),
                KeyCode::Delete => (after, |a| {
                    a.delete_next_char();
                }),
                KeyCode::Left => (before, |a| {
                    a.move_cursor(ratatui_textarea::CursorMove::Back)
                }),
                KeyCode::Right => (after, |a| {
                    a.move_cursor(ratatui_textarea::CursorMove::Forward)
                }),
                _ => return self.area.input(key),
            };
            for _ in 0..n {
                step(&mut self.area);
            }
            return n > 0;
        }
        self.area.input(key)
    }

    /// Code points in the grapheme before and after the cursor.
    fn grapheme_sizes(&self) -> (usize, usize) {
        use unicode_segmentation::UnicodeSegmentation;
        let line = self
            .area
            .lines()
            .first()
            .map(String::as_str)
            .unwrap_or_default();
        let cursor = self.cursor_chars();
        let byte = line
            .char_indices()
            .nth(cursor)
            .map_or(line.len(), |(i, _)| i);
        let before = line[..byte]
            .graphemes(true)
            .next_back()
            .map_or(0, |g| g.chars().count());
        let after = line[byte..]
            .graphemes(true)
            .next()
            .map_or(0, |g| g.chars().count());
        (before, after)
    }

    /// The text and the cursor's position in characters, for drawing.
    pub fn cursor_chars(&self) -> usize {
        self.area.cursor().1
    }
}

/// The usual line-editing keys where the underlying field does otherwise: Ctrl-U clears to
/// the start of the line (not undo), Alt-←/→ move a word. Ctrl-W, Ctrl-A/E, Ctrl-K and
/// Home/End work as the field has them.
fn line_editing(key: KeyEvent) -> Option<fn(&mut TextArea<'static>)> {
    use ratatui_textarea::CursorMove;
    let ctrl = key.modifiers == KeyModifiers::CONTROL;
    let alt = key.modifiers == KeyModifiers::ALT;
    match key.code {
        KeyCode::Char('u') if ctrl => Some(|a| {
            a.delete_line_by_head();
        }),
        KeyCode::Left if alt => Some(|a| a.move_cursor(CursorMove::WordBack)),
        KeyCode::Right if alt => Some(|a| a.move_cursor(CursorMove::WordForward)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn backspace_removes_a_whole_emoji_or_accented_letter() {
        let mut f = TextField::with_text("trots 🎉");
        f.input(key(KeyCode::Backspace));
        assert_eq!(f.text(), "trots ");
        f.insert("é");
        assert_eq!(f.text(), "trots é");
        f.input(key(KeyCode::Left));
        f.input(key(KeyCode::Char('x')));
        assert_eq!(f.text(), "trots xé");
    }

    #[test]
    fn a_zero_width_joined_emoji_and_a_combining_accent_are_one_step_each() {
        let mut f = TextField::with_text("a👩🏽‍💻e\u{301}");
        f.input(key(KeyCode::Backspace));
        assert_eq!(f.text(), "a👩🏽‍💻");
        f.input(key(KeyCode::Left));
        assert_eq!(f.cursor_chars(), 1);
        f.input(key(KeyCode::Delete));
        assert_eq!(f.text(), "a");
    }

    #[test]
    fn the_field_never_grows_past_its_limit() {
        let mut f = TextField::default();
        assert!(!f.insert(&"x".repeat(MAX_CHARS + 10)));
        assert_eq!(f.text().chars().count(), MAX_CHARS);
        assert!(!f.input(key(KeyCode::Char('y'))));
        assert_eq!(f.text().chars().count(), MAX_CHARS);
        f.input(key(KeyCode::Backspace));
        assert!(f.insert("y"));
        assert!(f.text().ends_with('y'));
    }

    fn with(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn the_usual_line_editing_keys_work_in_every_field() {
        let (ctrl, alt) = (KeyModifiers::CONTROL, KeyModifiers::ALT);
        let mut f = TextField::with_text("proud of our work");
        f.input(with(KeyCode::Char('w'), ctrl));
        assert_eq!(f.text(), "proud of our ", "Ctrl-W deletes a word");
        f.input(with(KeyCode::Char('a'), ctrl));
        assert_eq!(f.cursor_chars(), 0, "Ctrl-A goes to the start");
        f.input(with(KeyCode::Char('e'), ctrl));
        assert_eq!(f.cursor_chars(), 13, "Ctrl-E goes to the end");
        f.input(key(KeyCode::Home));
        assert_eq!(f.cursor_chars(), 0, "Home");
        f.input(key(KeyCode::End));
        assert_eq!(f.cursor_chars(), 13, "End");
        f.input(with(KeyCode::Left, alt));
        assert_eq!(f.cursor_chars(), 9, "Alt-← goes back a word");
        f.input(with(KeyCode::Left, alt));
        assert_eq!(f.cursor_chars(), 6);
        f.input(with(KeyCode::Right, alt));
        assert_eq!(f.cursor_chars(), 9, "Alt-→ goes on a word");
        f.input(with(KeyCode::Char('u'), ctrl));
        assert_eq!(f.text(), "our ", "Ctrl-U clears to the start");
        f.input(with(KeyCode::Char('e'), ctrl));
        f.input(with(KeyCode::Char('u'), ctrl));
        assert!(f.is_empty(), "Ctrl-U at the end clears the field");
    }

    #[test]
    fn enter_and_pasted_line_breaks_never_make_a_second_line() {
        let mut f = TextField::default();
        f.insert("one\ntwo");
        assert!(!f.input(key(KeyCode::Enter)));
        assert_eq!(f.text(), "one two");
    }
}
