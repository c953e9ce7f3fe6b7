//! Last time's agreements in the room view, each with what became of it.

use crate::domain::{Session, Step};
use crate::i18n::tr;
use crate::ui::theme;
use ratatui::text::{Line, Span};

pub fn lines(session: &Session, step: &Step) -> Vec<Line<'static>> {
    let lang = session.language();
    // The prompt stands above, in the band.
    let mut lines = Vec::new();
    let Some(earlier) = &session.follows() else {
        return lines;
    };
    let outcomes = session.results(&step.id).map(|r| &r.outcomes);
    for a in &earlier.actions {
        let status = outcomes.and_then(|o| o.get(&a.id)).and_then(|o| o.status);
        let mark = status.map_or("·", |s| s.symbol());
        let said = status.map_or(String::new(), |s| format!("  {}", tr(lang, s.key())));
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} "), theme::accent()),
            Span::raw(format!("{} — {} — {}", a.what, a.who, a.when)),
            Span::styled(said, theme::dim()),
        ]));
    }
    lines
}
