//! The pulse in the room view: each statement's mean as a bar, and how many answered.

use crate::domain::{Session, Step};
use crate::i18n::{tr, trf};
use crate::steps::room::bar;
use crate::ui::theme;
use ratatui::text::{Line, Span};

pub fn lines(
    session: &Session,
    step: &Step,
    items: &[crate::domain::PulseItem],
    width: u16,
) -> Vec<Line<'static>> {
    let lang = session.language();
    let mut lines = Vec::new();
    let scores = session.results(&step.id).map(|r| &r.pulse);
    let bar_width = width.saturating_sub(24).max(5);
    for item in items {
        let given: Vec<u8> = scores
            .into_iter()
            .flat_map(|p| p.values())
            .filter_map(|by_item| by_item.get(&item.id).copied())
            .collect();
        lines.push(Line::styled(item.label.clone(), theme::accent()));
        if given.is_empty() {
            lines.push(Line::styled(tr(lang, "present.no_answers"), theme::dim()));
        } else {
            let avg = given.iter().map(|&s| f64::from(s)).sum::<f64>() / given.len() as f64;
            lines.push(Line::from(vec![
                Span::raw(bar(avg / 5.0, bar_width)),
                Span::raw(format!(
                    " {}  {}",
                    lang.decimal(avg, 1),
                    trf(lang, "present.answered", &[&given.len()])
                )),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines
}
