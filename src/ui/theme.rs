//! Colours and emphasis. With NO_COLOR set, only bold/underline/reversed are used.

use ratatui::style::{Color, Modifier, Style};
use std::sync::OnceLock;

fn no_color() -> bool {
    static NO_COLOR: OnceLock<bool> = OnceLock::new();
    *NO_COLOR.get_or_init(|| std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
}

fn fg(color: Color) -> Style {
    if no_color() {
        Style::default().fg(Color::Reset)
    } else {
        Style::default().fg(color)
    }
}

pub fn title() -> Style {
    fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    if no_color() {
        Style::default()
    } else {
        fg(Color::DarkGray)
    }
}

pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn key() -> Style {
    fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn notice() -> Style {
    fg(Color::Green)
}

pub fn warning() -> Style {
    fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn prompt() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}

pub fn focus() -> Style {
    fg(Color::Cyan)
}

pub fn low() -> Style {
    fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn accent() -> Style {
    fg(Color::Magenta).add_modifier(Modifier::BOLD)
}
