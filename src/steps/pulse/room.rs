//! The pulse in the room view: how many scored, and once the facilitator reveals them (from
//! three scorers up), each statement's average as a bar, its spread and how many scored low.

use super::{nothing_to_show, revealed, scored_of, spread};
use crate::domain::{Session, Step, pulse_scorers, pulse_summary};
use crate::i18n::tr;
use crate::steps::room::bar;
use crate::ui::theme;
use ratatui::text::{Line, Span};

pub fn lines(session: &Session, step: &Step, width: u16) -> Vec<Line<'static>> {
    let lang = session.language();
    let scorers = pulse_scorers(session, step);
    let mut lines = vec![
        Line::styled(
            format!(
                "{} · {}",
                super::mode_text(lang, session.pulse_mode()),
                scored_of(lang, scorers, session.participants().len())
            ),
            theme::dim(),
        ),
        Line::raw(""),
    ];
    let shown = revealed(session, step);
    let bar_width = width.saturating_sub(32).max(5);
    for s in pulse_summary(session, step) {
        lines.push(Line::styled(s.label.clone(), theme::accent()));
        match s.mean {
            _ if !shown => {}
            Some(mean) => {
                let mut spans = vec![
                    Span::raw(bar(mean / 5.0, bar_width)),
                    Span::raw(format!(" {}  ", lang.decimal(mean, 1))),
                    Span::styled(spread(&s.counts), theme::dim()),
                ];
                if s.low > 0 {
                    spans.push(Span::styled(
                        format!("  ⚠ {}", super::low_text(lang, &s)),
                        theme::low(),
                    ));
                }
                lines.push(Line::from(spans));
            }
            None if s.answered == 0 => {
                lines.push(Line::styled(tr(lang, "present.no_answers"), theme::dim()));
            }
            None => lines.push(Line::styled(nothing_to_show(lang, &s), theme::dim())),
        }
        lines.push(Line::raw(""));
    }
    if !shown {
        lines.push(Line::styled(tr(lang, "present.pulse_hidden"), theme::dim()));
    }
    lines
}
