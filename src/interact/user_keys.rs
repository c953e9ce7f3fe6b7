//! The user's own keys, from `<config>/keys.ron`:
//!
//! ```ron
//! [
//!     // On the board, m merges (as g does); F6 on a question tidies (as F5 does).
//!     (screen: "board", key: "m", does: "merge"),
//!     (screen: "question", key: "f6", does: "tidy"),
//! ]
//! ```
//!
//! `does` names what a built-in key of that screen does: its help text's key without `key.`
//! (`merge`, `tidy`, `next_step` …, as in assets/i18n/en.ron). A user key
//! shadows a built-in one on the same screen. Problems are reported with file, line and
//! column, and the rest of the file still applies.

use super::keymap::{Binding, Context, KEYMAP, layers};
use crate::diagnostic::SourceError;
use crossterm::event::{KeyCode, KeyModifiers};
use serde::Deserialize;
use std::path::Path;

/// A keys file is a few lines.
const MAX_KEYS_BYTES: u64 = 256 * 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    screen: String,
    key: String,
    does: String,
}

/// The user's bindings and what was wrong with the file, each naming file:line:column.
pub fn load(config_dir: &Path) -> (Vec<Binding>, Vec<String>) {
    let path = config_dir.join("keys.ron");
    let origin = path.display().to_string();
    let bytes = match crate::store::read_text_file(&path, MAX_KEYS_BYTES) {
        Ok(b) => b,
        Err(e) if e.is_not_found() => return (Vec::new(), Vec::new()),
        Err(e) => return (Vec::new(), vec![format!("{origin}: {e}")]),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return (Vec::new(), vec![format!("{origin}: not UTF-8 text")]);
    };
    match ron::from_str::<Vec<Entry>>(&text) {
        Ok(entries) => bindings(&origin, &text, entries),
        Err(e) => (
            Vec::new(),
            vec![SourceError::from_ron(&origin, &text, &e).to_string()],
        ),
    }
}

fn bindings(origin: &str, text: &str, entries: Vec<Entry>) -> (Vec<Binding>, Vec<String>) {
    let mut out: Vec<(Binding, (usize, usize))> = Vec::new();
    let mut problems = Vec::new();
    let mut from = 0;
    for entry in entries {
        // ron gives no positions for values that parsed: find the entry's key literal.
        let needle = format!("\"{}\"", entry.key);
        let at = text[from..].find(&needle).map_or(from, |i| from + i);
        from = at + needle.len().min(text.len() - at);
        let (line, column) = line_column(text, at);
        let place = format!("{origin}:{line}:{column}");
        match binding(&entry) {
            Err(why) => problems.push(format!("{place}: {why}")),
            Ok(b) => {
                let earlier = out.iter().find(|(o, _)| {
                    o.context == b.context && o.code == b.code && o.modifiers == b.modifiers
                });
                match earlier {
                    Some((_, (l, c))) => problems.push(format!(
                        "{place}: \"{}\" on \"{}\" is already set at line {l}, column {c}; \
                         the first one counts",
                        entry.key, entry.screen
                    )),
                    None => out.push((b, (line, column))),
                }
            }
        }
    }
    (out.into_iter().map(|(b, _)| b).collect(), problems)
}

fn binding(entry: &Entry) -> Result<Binding, String> {
    let context = context(&entry.screen).ok_or_else(|| {
        format!(
            "no screen \"{}\" (screens: {})",
            entry.screen,
            screens()
                .iter()
                .map(|c| c.screen_name())
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    let (code, modifiers) = key(&entry.key)
        .ok_or_else(|| format!("\"{}\" is not a key (write m, M, ctrl-m, alt-x, f6, enter, esc, tab, space, up, pagedown …)", entry.key))?;
    if let Some(kept) = protected(code, modifiers) {
        return Err(format!("\"{}\" is kept for {kept} everywhere", entry.key));
    }
    let plain_char = matches!(code, KeyCode::Char(_))
        && !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    if plain_char && (context.is_typing() || context == Context::Global || context == Context::Run)
    {
        return Err(format!(
            "\"{}\" would stop that letter being typed on \"{}\"; use ctrl- or alt- or a function key",
            entry.key, entry.screen
        ));
    }
    let description = format!("key.{}", entry.does);
    let builtin = layers(context)
        .flat_map(|layer| KEYMAP.iter().filter(move |b| b.context == layer))
        .find(|b| b.description == description)
        .ok_or_else(|| {
            format!(
                "nothing on \"{}\" does \"{}\"; the help overlay (F1) of that screen lists what keys do",
                entry.screen, entry.does
            )
        })?;
    Ok(Binding {
        context,
        code,
        modifiers,
        action: builtin.action,
        // Loaded once per run from a file of at most a few lines.
        key_label: Box::leak(label(code, modifiers).into_boxed_str()),
        description: builtin.description,
        in_footer: builtin.in_footer,
        user: true,
    })
}

/// The contexts that have built-in keys, each once, in the keymap's order: what `screen` may name.
fn screens() -> Vec<Context> {
    let mut seen: Vec<Context> = Vec::new();
    for b in KEYMAP {
        if !seen.contains(&b.context) {
            seen.push(b.context);
        }
    }
    seen
}

fn context(name: &str) -> Option<Context> {
    screens()
        .into_iter()
        .find(|c| c.screen_name().eq_ignore_ascii_case(name.trim()))
}

/// Keys DESIGN promises on every screen: nobody should lose the way out or the help.
fn protected(code: KeyCode, modifiers: KeyModifiers) -> Option<&'static str> {
    match (code, modifiers) {
        (KeyCode::Char('c'), KeyModifiers::CONTROL) => Some("save and quit"),
        (KeyCode::F(1), KeyModifiers::NONE) => Some("help"),
        _ => None,
    }
}

fn key(text: &str) -> Option<(KeyCode, KeyModifiers)> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = lower.strip_prefix("ctrl-") {
            modifiers |= KeyModifiers::CONTROL;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = lower.strip_prefix("alt-") {
            modifiers |= KeyModifiers::ALT;
            rest = &rest[rest.len() - r.len()..];
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // Control letters arrive lower-case.
        let c = if modifiers.contains(KeyModifiers::CONTROL) {
            c.to_ascii_lowercase()
        } else {
            c
        };
        return Some((KeyCode::Char(c), modifiers));
    }
    let lower = rest.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "delete" => KeyCode::Delete,
        "backspace" => KeyCode::Backspace,
        "insert" => KeyCode::Insert,
        f => KeyCode::F(
            f.strip_prefix('f')?
                .parse()
                .ok()
                .filter(|n| (1..=24).contains(n))?,
        ),
    };
    Some((code, modifiers))
}

/// The key as the footer writes it: `m`, `Ctrl-M`, `F6`, `PgDn`.
fn label(code: KeyCode, modifiers: KeyModifiers) -> String {
    let base = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if modifiers.is_empty() => c.to_string(),
        KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        other => format!("{other:?}"),
    };
    let mut out = String::new();
    if modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out + &base
}

fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from(text: &str) -> (Vec<Binding>, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keys.ron"), text).unwrap();
        load(dir.path())
    }

    #[test]
    fn a_user_key_does_what_the_named_built_in_key_does() {
        let (keys, problems) = from(r#"[(screen: "board", key: "m", does: "merge")]"#);
        assert!(problems.is_empty(), "{problems:?}");
        let x = KEYMAP
            .iter()
            .find(|b| b.context == Context::Board && b.description == "key.merge")
            .unwrap();
        assert_eq!(keys[0].action, x.action);
        assert_eq!((keys[0].code, keys[0].key_label), (KeyCode::Char('m'), "m"));
    }

    #[test]
    fn conflicts_and_mistakes_name_file_line_and_column() {
        let (keys, problems) = from(
            "[\n  (screen: \"board\", key: \"m\", does: \"merge\"),\n  (screen: \"board\", key: \"m\", does: \"rename\"),\n  (screen: \"question\", key: \"q\", does: \"tidy\"),\n  (screen: \"everywhere\", key: \"ctrl-c\", does: \"help\"),\n  (screen: \"boards\", key: \"f6\", does: \"tidy\"),\n  (screen: \"board\", key: \"hyper-q\", does: \"tidy\"),\n  (screen: \"board\", key: \"f7\", does: \"fly\"),\n]",
        );
        assert_eq!(keys.len(), 1);
        assert_eq!(problems.len(), 6, "{problems:#?}");
        assert!(
            problems[0].contains("keys.ron:3:") && problems[0].contains("line 2"),
            "{}",
            problems[0]
        );
        assert!(problems[1].contains("keys.ron:4:") && problems[1].contains("typed"));
        assert!(problems[2].contains("kept for save and quit"));
        assert!(problems[3].contains("no screen \"boards\""));
        assert!(problems[4].contains("not a key"));
        assert!(problems[5].contains("nothing on \"board\" does \"fly\""));
    }

    #[test]
    fn every_context_with_built_in_keys_can_be_rebound_by_its_name() {
        for c in screens() {
            assert_eq!(context(c.screen_name()), Some(c));
        }
        // The follow-up's first step, the join panel and the room view among them.
        let (keys, problems) = from(
            r#"[(screen: "last_time", key: "d", does: "outcome_done"), (screen: "join", key: "k", does: "close_help"), (screen: "room_view", key: "x", does: "quit_plain")]"#,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let contexts: Vec<Context> = keys.iter().map(|k| k.context).collect();
        assert_eq!(
            contexts,
            [Context::LastTime, Context::Join, Context::Present],
            "{keys:?}"
        );
    }

    #[test]
    fn a_file_that_does_not_parse_names_its_line() {
        let (keys, problems) = from("[\n  (screen: \"board\", key: 'm'),\n]");
        assert!(keys.is_empty());
        assert!(problems[0].contains("keys.ron:2:"), "{problems:?}");
    }
}
