//! The roles in the room view: how many chose each, as bars.

use crate::domain::{Session, Step};
use crate::steps::room::bar;
use crate::ui::theme;
use ratatui::text::Line;

pub fn lines(
    session: &Session,
    step: &Step,
    roles: &[crate::domain::RoleOption],
    width: u16,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let chosen = session.results(&step.id).map(|r| &r.roles);
    let total = chosen.map_or(0, |c| c.len()).max(1);
    let bar_width = width.saturating_sub(10).max(5);
    for role in roles {
        let n = chosen.map_or(0, |c| c.values().filter(|r| **r == role.id).count());
        lines.push(Line::styled(role.label.clone(), theme::accent()));
        lines.push(Line::raw(format!(
            "{} {n}",
            bar(n as f64 / total as f64, bar_width)
        )));
    }
    lines
}
