//! Keys resolve through this table into actions; the help overlay and footer are generated
//! from it, so what is shown and what works cannot drift apart.

use super::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere, also while typing.
    Global,
    Home,
    Run,
    Help,
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    /// Shown in the footer and help: the key as people write it, then what it does.
    pub key_label: &'static str,
    pub description: &'static str,
    /// Shown in the footer (the rest only in help).
    pub in_footer: bool,
}

const fn bind(
    context: Context,
    code: KeyCode,
    modifiers: KeyModifiers,
    action: Action,
    key_label: &'static str,
    description: &'static str,
    in_footer: bool,
) -> Binding {
    Binding {
        context,
        code,
        modifiers,
        action,
        key_label,
        description,
        in_footer,
    }
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

pub const KEYMAP: &[Binding] = &[
    bind(
        Context::Global,
        KeyCode::F(1),
        NONE,
        Action::ToggleHelp,
        "F1",
        "help",
        true,
    ),
    bind(
        Context::Global,
        KeyCode::Char('c'),
        CTRL,
        Action::Quit,
        "Ctrl-C",
        "save and quit",
        true,
    ),
    bind(
        Context::Global,
        KeyCode::Char('z'),
        CTRL,
        Action::Undo,
        "Ctrl-Z",
        "undo",
        false,
    ),
    bind(
        Context::Global,
        KeyCode::Char('y'),
        CTRL,
        Action::Redo,
        "Ctrl-Y",
        "redo",
        false,
    ),
    bind(
        Context::Global,
        KeyCode::Char('?'),
        NONE,
        Action::ToggleHelp,
        "?",
        "help (when not typing)",
        false,
    ),
    bind(
        Context::Help,
        KeyCode::Esc,
        NONE,
        Action::CloseOverlay,
        "Esc",
        "close help",
        true,
    ),
    bind(
        Context::Home,
        KeyCode::Up,
        NONE,
        Action::Up,
        "↑",
        "previous session",
        false,
    ),
    bind(
        Context::Home,
        KeyCode::Down,
        NONE,
        Action::Down,
        "↓",
        "next session",
        false,
    ),
    bind(
        Context::Home,
        KeyCode::Enter,
        NONE,
        Action::OpenSelected,
        "Enter",
        "continue the selected session",
        true,
    ),
    bind(
        Context::Home,
        KeyCode::Char('n'),
        NONE,
        Action::NewSession,
        "n",
        "new session (built-in workshop)",
        true,
    ),
    bind(
        Context::Home,
        KeyCode::Char('r'),
        NONE,
        Action::ReviewSelected,
        "r",
        "review the selected session (read-only)",
        true,
    ),
    bind(
        Context::Home,
        KeyCode::Char('q'),
        NONE,
        Action::Quit,
        "q",
        "quit",
        true,
    ),
    bind(
        Context::Run,
        KeyCode::PageDown,
        NONE,
        Action::NextStep,
        "PgDn",
        "next step",
        true,
    ),
    bind(
        Context::Run,
        KeyCode::PageUp,
        NONE,
        Action::PrevStep,
        "PgUp",
        "previous step",
        true,
    ),
    bind(
        Context::Run,
        KeyCode::Esc,
        NONE,
        Action::Home,
        "Esc",
        "back to the session list",
        true,
    ),
];

/// The action for a key in a context; context bindings win over global ones.
pub fn resolve(context: Context, key: KeyEvent) -> Option<Action> {
    let matches = |b: &&Binding| {
        b.code == key.code
            && (b.modifiers == key.modifiers
                || (matches!(b.code, KeyCode::Char(_))
                    && key.modifiers == KeyModifiers::SHIFT
                    && b.modifiers == NONE))
    };
    KEYMAP
        .iter()
        .filter(|b| b.context == context)
        .find(matches)
        .or_else(|| {
            KEYMAP
                .iter()
                .filter(|b| b.context == Context::Global)
                .find(matches)
        })
        .map(|b| b.action)
}

/// Bindings to show for a context: its own, then the global ones.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.context == context).chain(
        KEYMAP
            .iter()
            .filter(move |b| b.context == Context::Global && context != Context::Global),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keys_win_and_globals_apply_everywhere() {
        let key = |code, m| KeyEvent::new(code, m);
        assert_eq!(
            resolve(Context::Run, key(KeyCode::PageDown, NONE)),
            Some(Action::NextStep)
        );
        assert_eq!(resolve(Context::Home, key(KeyCode::PageDown, NONE)), None);
        assert_eq!(
            resolve(Context::Home, key(KeyCode::Char('c'), CTRL)),
            Some(Action::Quit)
        );
        assert_eq!(
            resolve(Context::Help, key(KeyCode::F(1), NONE)),
            Some(Action::ToggleHelp)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for a in KEYMAP {
            let twins = KEYMAP
                .iter()
                .filter(|b| {
                    b.context == a.context && b.code == a.code && b.modifiers == a.modifiers
                })
                .count();
            assert_eq!(twins, 1, "{} bound twice", a.key_label);
        }
    }
}
