//! The pulse in the room view: how many scored, and once the facilitator reveals them (from
//! three scorers up), each statement's average as a bar on a track from 0 to 5 with its
//! value, its spread and how many scored low; a scale from 1 to 5 under the bars.

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
    // Room beside the track for the value, the spread and how many scored low.
    let bar_width = width.saturating_sub(50).clamp(5, 60);
    let mut any_bar = false;
    for s in pulse_summary(session, step) {
        lines.push(Line::styled(s.label.clone(), theme::accent()));
        match s.mean {
            _ if !shown => {}
            Some(mean) => {
                any_bar = true;
                let mut spans = vec![
                    Span::raw(track(mean / 5.0, bar_width)),
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
    if any_bar {
        lines.push(Line::styled(scale(bar_width), theme::dim()));
    }
    if !shown {
        lines.push(Line::styled(tr(lang, "present.pulse_hidden"), theme::dim()));
    }
    lines
}

/// The bar filled to `fraction` on a track as wide as a 5: how far from the top it is shows.
fn track(fraction: f64, width: u16) -> String {
    let filled = bar(fraction, width);
    let rest = usize::from(width).saturating_sub(filled.chars().count());
    format!("{filled}{}", "░".repeat(rest))
}

/// The scale under the tracks: each score from 1 to 5 where a bar of that average ends.
fn scale(width: u16) -> String {
    let mut cells = vec![' '; usize::from(width)];
    for score in 1..=5u8 {
        let end = (f64::from(width) * f64::from(score) / 5.0).round() as usize;
        if let Some(cell) = end.checked_sub(1).and_then(|i| cells.get_mut(i)) {
            *cell = char::from(b'0' + score);
        }
    }
    cells.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_puts_each_score_where_its_bar_ends() {
        assert_eq!(scale(10), " 1 2 3 4 5");
        assert_eq!(track(0.6, 10), "██████░░░░");
        assert_eq!(
            track(0.6, 10).find('░').map(|b| b / '█'.len_utf8()),
            scale(10).find('3').map(|i| i + 1)
        );
    }
}
