//! The building blocks of every screen: widgets, the theme, text fields, the footer of keys,
//! the overlays (help, forms, confirmations) and the session list. Nothing here knows the
//! app, a screen or a step.

pub mod chips;
pub mod field;
pub mod footer;
pub mod listing;
pub mod overlay;
pub mod theme;
pub mod widgets;
