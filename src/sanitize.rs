//! The one way text reaches a terminal (or an HTML page, `html`) outside the full-screen program (`list`, `templates`,
//! reports on standard output, error messages with their file names and echoed lines).
//!
//! Session files, templates and file names are written by other people and programs; a title
//! such as `Evil\x1b]0;PWNED\x07` would otherwise set the terminal's title, clear the screen or
//! (OSC 52) write the clipboard. Every control character is shown visibly instead, in the
//! notation of `cat -v`: C0 controls as `^@`…`^_` (ESC is `^[`), DEL as `^?`, C1 controls
//! (U+0080–U+009F) as `M-^@`…`M-^_`. Characters that reorder or hide text without being
//! seen (bidi overrides and isolates, zero-width spaces and marks) are shown as `<U+202E>`:
//! "evil\u{202e}txt.exe" would otherwise read as "evilexe.txt". Nothing else changes, so the
//! text stays readable.

use std::borrow::Cow;

/// True for what a terminal may act on: C0 controls, DEL and C1 controls.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// True for invisible characters that change how the text around them reads: bidi embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069), the directional marks, zero-width
/// spaces and the byte-order mark. Zero-width (non-)joiners stay: emoji and scripts need them.
pub fn is_hidden_format(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{200b}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Text for HTML content and attribute values (the reports and the join page): markup and
/// both quotes escaped, control characters other than a line break as spaces.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push(' '),
            c if is_hidden_format(c) => out.push_str(&format!("&lt;U+{:04X}&gt;", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Text for a terminal that may span lines: newline and tab are kept, every other control
/// character is shown visibly.
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, |c| c == '\n' || c == '\t')
}

/// Text for one line of a terminal (a title, a file name): newlines and tabs are shown
/// visibly too, so a value cannot break or forge the lines around it.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, |_| false)
}

fn clean(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let shown = |c: char| (is_control(c) && !keep(c)) || is_hidden_format(c);
    if !s.chars().any(shown) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if shown(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How one control character is shown (`^[`, `^?`, `M-^[`, `<U+202E>`).
fn push_visible(out: &mut String, c: char) {
    let code = c as u32;
    match code {
        _ if is_hidden_format(c) => out.push_str(&format!("<U+{code:04X}>")),
        0x7f => out.push_str("^?"),
        0x80..=0x9f => {
            out.push_str("M-^");
            out.push(char::from((code - 0x80 + 0x40) as u8));
        }
        _ => {
            out.push('^');
            out.push(char::from((code + 0x40) as u8));
        }
    }
}

/// JSON for a terminal. `serde_json` already escapes C0 controls inside strings but writes DEL
/// and C1 controls raw; these are escaped as `\u007f`…`\u009f`, which leaves the JSON equal.
pub fn json(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| matches!(c, '\u{7f}'..='\u{9f}') || is_hidden_format(c);
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        let evil = "Evil\u{1b}]0;PWNED\u{7}\u{1b}]52;c;SGVsbG8=\u{7}";
        assert_eq!(text(evil), "Evil^[]0;PWNED^G^[]52;c;SGVsbG8=^G");
        assert_eq!(text("a\u{9b}2J\u{7f}"), "aM-^[2J^?");
        assert_eq!(text("\u{0}\r"), "^@^M");
    }

    #[test]
    fn plain_text_is_borrowed_and_lines_and_tabs_survive_in_text() {
        assert!(matches!(
            text("Team Zorg: trots 👩🏽‍💻\n\tnext"),
            Cow::Borrowed(_)
        ));
        assert_eq!(line("a\nb\tc"), "a^Jb^Ic");
        assert!(!text("é ü ÿ Ā").chars().any(is_control));
    }

    #[test]
    fn json_escapes_stay_json() {
        let raw = serde_json::to_string(&"x\u{1b}\u{9b}\u{7f}y").unwrap();
        let safe = json(&raw);
        assert!(!safe.chars().any(is_control), "{safe}");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "x\u{1b}\u{9b}\u{7f}y");
    }

    #[test]
    fn text_that_would_reorder_or_hide_itself_is_shown_in_every_output() {
        let evil = "invoice\u{202e}fdp.exe \u{2066}x\u{2069} a\u{200b}b \u{feff}";
        assert_eq!(
            text(evil),
            "invoice<U+202E>fdp.exe <U+2066>x<U+2069> a<U+200B>b <U+FEFF>"
        );
        assert_eq!(line("\u{200f}"), "<U+200F>");
        assert_eq!(html("a\u{202d}b"), "a&lt;U+202D&gt;b");
        let raw = serde_json::to_string(&"a\u{202e}b").unwrap();
        let safe = json(&raw);
        assert!(!safe.chars().any(is_hidden_format), "{safe}");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "a\u{202e}b");
        // Joiners that emoji and scripts need are left alone.
        assert!(matches!(
            text("👩🏽\u{200d}💻 می\u{200c}خواهم"),
            Cow::Borrowed(_)
        ));
    }
}
