//! Overlays stacked above a screen: help, a yes/no question, a small form, an explanation.

use super::keymap::Context;
use super::text::TextField;
use crate::domain::{ActionId, GroupId, IdeaId};

pub enum Overlay {
    Help,
    Confirm(Confirm),
    Prompt(Prompt),
    /// Read-only text (for example why ideas are together); it scrolls, Esc closes it.
    Info {
        title: String,
        body: String,
        scroll: super::scroll::Scroll,
    },
    /// Joining is on: the link, the code, the QR code and who has joined; `selected` is the
    /// device a kick would send away.
    Join {
        selected: usize,
    },
}

impl Overlay {
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help => Context::Help,
            Overlay::Confirm(_) => Context::Confirm,
            Overlay::Prompt(p) if p.is_multi_line() => Context::PromptLines,
            Overlay::Prompt(_) => Context::Prompt,
            Overlay::Info { .. } => Context::Info,
            Overlay::Join { .. } => Context::Join,
        }
    }
}

/// What a yes answer does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeleteIdea {
        id: IdeaId,
        text: String,
    },
    DeleteAction {
        id: ActionId,
        what: String,
    },
    /// F10 with changes that could not be saved: leave with a rescue copy?
    LeaveUnsaved {
        reason: String,
    },
    /// Esc on a filled setup form: throw away what was typed?
    DiscardSetup,
}

/// What a bridge form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BridgeForm {
    /// A new action, or an edit of this one.
    Action(Option<ActionId>),
    Notes,
}

/// What a form is for; the step that opened it takes what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    RenameGroup {
        group: GroupId,
    },
    Bridge(BridgeForm),
    FollowUp,
    /// A note on what became of one of last time's actions.
    OutcomeNote {
        action: ActionId,
    },
    /// Last time's action, carried into this session's actions: what, who and a new when.
    CarryOver {
        action: ActionId,
    },
    /// How many of the board's top-voted groups to mark as common denominators.
    MarkTop,
    /// What the facilitator heard in the answers to one of an interview's questions.
    Heard {
        question: String,
    },
    /// The session's details, changed after setup (`i` on the welcome and closing steps).
    Details,
}

/// A small form of one or more fields.
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub title: String,
    /// Field labels and their text.
    pub fields: Vec<(String, TextField)>,
    pub focus: usize,
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(purpose: PromptPurpose, title: String, fields: Vec<(String, String)>) -> Prompt {
        Prompt {
            purpose,
            title,
            fields: fields
                .into_iter()
                .map(|(label, text)| (label, TextField::with_text(&text)))
                .collect(),
            focus: 0,
            error: None,
        }
    }

    /// A form of one field of several lines (notes): Enter starts a new line.
    pub fn lines(purpose: PromptPurpose, title: String, label: String, text: &str) -> Prompt {
        Prompt {
            purpose,
            title,
            fields: vec![(label, TextField::multi_line(text))],
            focus: 0,
            error: None,
        }
    }

    pub fn is_multi_line(&self) -> bool {
        self.fields.iter().any(|(_, f)| f.is_multi_line())
    }

    pub fn field_mut(&mut self) -> &mut TextField {
        let i = self.focus.min(self.fields.len() - 1);
        &mut self.fields[i].1
    }

    pub fn value(&self, i: usize) -> String {
        self.fields
            .get(i)
            .map(|(_, f)| f.text())
            .unwrap_or_default()
    }

    pub fn next_field(&mut self, forward: bool) {
        let n = self.fields.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }
}
