//! An interview in the room view (a second screen the colleague reads along on) and on the
//! colleague's device: each question, the answers given to it, and what was heard.

use crate::domain::{Session, Step};
use crate::i18n::tr;
use crate::steps::room::RoomBody;
use crate::ui::theme;
use ratatui::style::Modifier;
use ratatui::text::Line;

pub fn body(session: &Session, step: &Step) -> RoomBody {
    let lang = session.language();
    let mut lines = Vec::new();
    for (n, q) in session.interview_step(&step.id).iter().enumerate() {
        if n > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            format!("{}. {}", n + 1, q.question.prompt),
            theme::accent().add_modifier(Modifier::BOLD),
        ));
        for a in &q.answers {
            lines.push(Line::raw(format!("  • {}", a.text)));
        }
        if !q.heard.trim().is_empty() {
            lines.push(Line::styled(
                format!("  {}: {}", tr(lang, "interview.heard"), one_line(q.heard)),
                theme::dim(),
            ));
        }
    }
    lines.into()
}

/// The same as plain lines, for the device page.
pub fn plain_lines(session: &Session, step: &Step) -> Vec<String> {
    let lang = session.language();
    let mut lines = Vec::new();
    for (n, q) in session.interview_step(&step.id).iter().enumerate() {
        lines.push(format!("{}. {}", n + 1, q.question.prompt));
        lines.extend(q.answers.iter().map(|a| format!("• {}", a.text)));
        if !q.heard.trim().is_empty() {
            lines.push(format!(
                "{}: {}",
                tr(lang, "interview.heard"),
                one_line(q.heard)
            ));
        }
    }
    lines
}

/// Notes of several lines on one line.
pub fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}
