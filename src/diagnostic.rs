//! Errors that point into a text file: origin, line, column and the offending line with a caret.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The file (or other origin) the text came from.
    pub origin: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    /// The text of the line the error points at (may be empty).
    pub source_line: String,
}

impl SourceError {
    pub fn at(origin: &str, text: &str, line: usize, column: usize, message: String) -> Self {
        let line = line.max(1);
        let source_line = text
            .lines()
            .nth(line - 1)
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect();
        SourceError {
            origin: origin.to_string(),
            line,
            column: column.max(1),
            message,
            source_line,
        }
    }

    /// An error at a byte offset into `text`.
    pub fn at_offset(origin: &str, text: &str, offset: usize, message: String) -> Self {
        let (line, column) = line_column(text, offset);
        Self::at(origin, text, line, column, message)
    }

    /// A ron parse error, with ron's 1-based span.
    pub fn from_ron(origin: &str, text: &str, err: &ron::error::SpannedError) -> Self {
        Self::at(
            origin,
            text,
            err.span.start.line,
            err.span.start.col,
            err.code.to_string(),
        )
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl fmt::Display for SourceError {
    /// Everything shown comes from the file, so it goes through the terminal sanitiser; the
    /// caret is placed under the sanitised line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::sanitize;
        writeln!(
            f,
            "{}:{}:{}: {}",
            sanitize::line(&self.origin),
            self.line,
            self.column,
            sanitize::line(&self.message)
        )?;
        let number = self.line.to_string();
        let gutter = " ".repeat(number.len());
        let spaced: String = self
            .source_line
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let before: String = spaced.chars().take(self.column.saturating_sub(1)).collect();
        let shown = sanitize::line(&spaced);
        writeln!(f, "{number} | {shown}")?;
        let caret_pad = " ".repeat(sanitize::line(&before).chars().count());
        write!(f, "{gutter} | {caret_pad}^")
    }
}

impl std::error::Error for SourceError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 7), (2, 4));
        assert_eq!(line_column(text, 100), (3, 2));
    }

    #[test]
    fn display_shows_the_line_with_a_caret_under_the_column() {
        let e = SourceError::at("f.ron", "one\n  two\n", 2, 3, "bad".into());
        assert_eq!(e.to_string(), "f.ron:2:3: bad\n2 |   two\n  |   ^");
    }

    #[test]
    fn control_characters_in_the_echoed_line_are_shown_and_the_caret_follows() {
        let e = SourceError::at("f\u{1b}.ron", "a\u{1b}[2Jb\n", 1, 6, "bad".into());
        assert_eq!(e.to_string(), "f^[.ron:1:6: bad\n1 | a^[[2Jb\n  |       ^");
    }
}
