//! A text field (ratatui-textarea underneath): one line, or several for notes. Wide
//! characters, emoji and combining accents edit as one character each.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// The most characters a field holds: an idea or a name is a sentence, not a document. Longer
/// pastes on a question step become several ideas; a field never grows past this, so drawing
/// it stays quick (a 1 MB line froze the screen).
pub const MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, Default)]
pub struct TextField {
    area: TextArea<'static>,
    /// Enter starts a new line and line breaks are kept (notes); else one line.
    multi_line: bool,
}

impl TextField {
    pub fn with_text(text: &str) -> TextField {
        let mut f = TextField::default();
        f.set_text(text);
        f
    }

    /// A field of several lines: Enter starts a new line, ↑↓ move between lines, and
    /// the text keeps its line breaks.
    pub fn multi_line(text: &str) -> TextField {
        let mut f = TextField {
            multi_line: true,
            ..TextField::default()
        };
        f.set_text(text);
        f
    }

    pub fn is_multi_line(&self) -> bool {
        self.multi_line
    }

    pub fn text(&self) -> String {
        self.area
            .lines()
            .join(if self.multi_line { "\n" } else { " " })
    }

    /// The lines as typed, for drawing a field of several lines.
    pub fn lines(&self) -> &[String] {
        self.area.lines()
    }

    /// The cursor's line and its position in that line, in characters.
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.area.cursor();
        (c.0, c.1)
    }

    pub fn is_empty(&self) -> bool {
        self.area.lines().iter().all(|l| l.is_empty())
    }

    pub fn set_text(&mut self, text: &str) {
        let lines: Vec<String> = if self.multi_line {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            text.split('\n').map(|l| self.clean(l)).collect()
        } else {
            vec![self.clean(text)]
        };
        self.area = TextArea::new(lines);
        self.area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        self.area.move_cursor(ratatui_textarea::CursorMove::End);
    }

    /// Control characters as spaces; in a field of several lines a line break stays.
    fn clean(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                if c.is_control() && !(self.multi_line && c == '\n') {
                    ' '
                } else {
                    c
                }
            })
            .collect()
    }

    pub fn clear(&mut self) {
        self.set_text("");
    }

    /// Inserts text at the cursor; line breaks and control characters become spaces. Returns
    /// false when the text was cut to keep the field within `MAX_CHARS`.
    pub fn insert(&mut self, text: &str) -> bool {
        let room = MAX_CHARS.saturating_sub(self.len_chars());
        let kept: String = text.chars().take(room).collect();
        let whole = kept.chars().count() == text.chars().count();
        let kept = self.clean(&kept.replace("\r\n", "\n").replace('\r', "\n"));
        self.area.insert_str(kept);
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
        if is_newline && self.multi_line {
            self.area.insert_newline();
            return true;
        }
        if is_newline || matches!(key.code, KeyCode::Tab | KeyCode::BackTab) {
            return false;
        }
        // One line: ↑↓ are not the field's (the screen may use them).
        if !self.multi_line && matches!(key.code, KeyCode::Up | KeyCode::Down) {
            return false;
        }
        let adds = matches!(key.code, KeyCode::Char(_))
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if adds && self.len_chars() >= MAX_CHARS {
            return false;
        }
        // Ctrl-U at a line's start clears nothing (the field would join the lines).
        let ctrl_u = key.code == KeyCode::Char('u') && key.modifiers == KeyModifiers::CONTROL;
        if ctrl_u && self.area.cursor().1 == 0 {
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
            if n == 0 {
                // At the start or the end of a line: joins or crosses lines (several lines).
                return self.multi_line && self.area.input(key);
            }
            for _ in 0..n {
                step(&mut self.area);
            }
            return true;
        }
        self.area.input(key)
    }

    /// Code points in the grapheme before and after the cursor.
    fn grapheme_sizes(&self) -> (usize, usize) {
        use unicode_segmentation::UnicodeSegmentation;
        let line = self
            .area
            .lines()
            .get(self.area.cursor().0)
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

    #[test]
    fn a_field_of_several_lines_keeps_its_line_breaks() {
        let mut f = TextField::multi_line("");
        f.insert("Revisit the pulse");
        assert!(f.input(key(KeyCode::Enter)), "Enter starts a new line");
        f.insert("in March");
        assert_eq!(f.text(), "Revisit the pulse\nin March");
        assert_eq!(f.cursor(), (1, 8));
        f.input(key(KeyCode::Up));
        assert_eq!(f.cursor().0, 0, "↑ goes to the line above");
        f.input(key(KeyCode::Down));
        f.input(key(KeyCode::Home));
        assert_eq!(f.cursor(), (1, 0));
        f.input(key(KeyCode::Backspace));
        assert_eq!(
            f.text(),
            "Revisit the pulsein March",
            "Backspace joins the lines"
        );
        f.input(key(KeyCode::Enter));
        f.input(with(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(
            f.text(),
            "Revisit the pulse\nin March",
            "Ctrl-U on the line only"
        );
        f.insert("a\r\nb\u{7}");
        assert_eq!(f.text(), "Revisit the pulse\na\nb in March");
        assert_eq!(TextField::multi_line("x\ny").text(), "x\ny");
        assert_eq!(
            TextField::with_text("x\ny").text(),
            "x y",
            "one line stays one line"
        );
    }
}
