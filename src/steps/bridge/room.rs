//! The bridge in the room view: the goal, the common denominators and the actions agreed.

use crate::domain::Session;
use crate::domain::StepKind;
use crate::i18n::tr;
use crate::ui::theme;
use ratatui::style::Modifier;
use ratatui::text::Line;

pub fn lines(session: &Session) -> Vec<Line<'static>> {
    let lang = session.language();
    let heading = |key| Line::styled(tr(lang, key), theme::accent().add_modifier(Modifier::BOLD));
    let mut lines = vec![heading("bridge.goal")];
    lines.push(Line::raw(session.goal().clone()));
    lines.push(Line::raw(""));
    lines.push(heading("bridge.denominators"));
    for s in session
        .template()
        .steps
        .iter()
        .filter(|s| s.kind == StepKind::CommonGround)
    {
        for d in session.results(&s.id).iter().flat_map(|r| &r.denominators) {
            lines.push(Line::raw(format!("★ {}", d.label)));
        }
    }
    lines.push(Line::raw(""));
    lines.push(heading("present.actions"));
    for s in &session.template().steps {
        for a in session.results(&s.id).iter().flat_map(|r| &r.actions) {
            lines.push(Line::raw(format!("• {} — {} — {}", a.what, a.who, a.when)));
        }
    }
    lines
}
