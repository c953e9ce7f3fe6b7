//! What the facilitator does and is told, whatever the screen: the actions keys resolve to
//! (and the keymap that resolves them, with the user's own keys), text fields, lists that
//! remember where they were drawn, forms and confirmations over a screen, and the one-line
//! messages. A building block: it knows the domain's ids, nothing of screens or steps.

mod action;
mod context;
pub mod keymap;
pub mod list_view;
mod overlay;
pub mod scroll;
pub mod text;
pub mod user_keys;

pub use action::{Action, Message, OpenFor, Outcome};
pub use keymap::{Context, Keymap};
pub use overlay::{BridgeForm, Confirm, Overlay, Prompt, PromptPurpose};
