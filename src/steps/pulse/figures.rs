//! How one statement's figures read, the same on the facilitator's screen, in the room view
//! and in the reports: the average, the spread of scores, how many scored low (never who),
//! or "too few to show" below three scorers.

use crate::domain::{Language, MIN_SHOWN, PulseSummary};
use crate::i18n::trf;
use crate::ui::{theme, widgets};
use ratatui::text::Span;

/// The spread of scores 1 to 5 as five small bars: "1 ▁▃█▅▂ 5".
pub fn spread(counts: &[usize; 5]) -> String {
    const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let bars: String = counts
        .iter()
        .map(|&n| {
            let level = if n == 0 {
                0
            } else {
                (n * 8).div_ceil(most).clamp(1, 8)
            };
            LEVELS[level]
        })
        .collect();
    format!("1 {bars} 5")
}

/// "3 scored 2 or lower": counted, never named.
pub fn low_text(lang: Language, s: &PulseSummary) -> String {
    let key = if s.low == 1 {
        "pulse.low_count_one"
    } else {
        "pulse.low_count"
    };
    trf(lang, key, &[&s.low, &s.low_at_or_below])
}

/// "too few to show (2 scored; at least 3)", or "–" when nobody scored.
pub fn nothing_to_show(lang: Language, s: &PulseSummary) -> String {
    if s.too_few() {
        trf(lang, "pulse.too_few", &[&s.answered, &MIN_SHOWN])
    } else {
        "–".to_string()
    }
}

/// A report's columns for a statement: the average, the spread and how many scored low; or
/// "too few to show" (or "–") and nothing else.
pub fn columns(lang: Language, s: &PulseSummary) -> (String, String, String) {
    match s.mean {
        Some(m) => (
            lang.decimal(m, 1),
            spread(&s.counts),
            if s.low > 0 {
                low_text(lang, s)
            } else {
                "–".to_string()
            },
        ),
        None => (nothing_to_show(lang, s), "–".into(), "–".into()),
    }
}

/// The average as a bar and a number, the spread, and how many scored low.
pub fn figures(lang: Language, s: &PulseSummary) -> Vec<Span<'static>> {
    let Some(mean) = s.mean else {
        return vec![Span::styled(nothing_to_show(lang, s), theme::dim())];
    };
    let mut spans = vec![
        Span::raw(widgets::bar(mean, 5.0, 10)),
        Span::raw(format!(" {}   ", lang.decimal(mean, 1))),
        Span::styled(spread(&s.counts), theme::dim()),
    ];
    if s.low > 0 {
        spans.push(Span::styled(
            format!("  ⚠ {}", low_text(lang, s)),
            theme::low(),
        ));
    }
    spans
}

/// "was 3.2 ▲+0.4": last time's mean and which way it moved.
pub fn trend_text(lang: Language, before: f64, now: f64) -> String {
    let delta = now - before;
    let arrow = if delta > 0.05 {
        "▲"
    } else if delta < -0.05 {
        "▼"
    } else {
        "="
    };
    trf(
        lang,
        "pulse.last_time",
        &[&format!("{before:.1}"), &format!("{arrow}{delta:+.1}")],
    )
}

/// "2 of 9 scored", for headers.
pub fn scored_of(lang: Language, scorers: usize, people: usize) -> String {
    if people > 0 && scorers <= people {
        trf(lang, "pulse.scored_of", &[&scorers, &people])
    } else {
        trf(lang, "pulse.scored", &[&scorers])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spread_scales_to_the_most_given_score_and_shows_none_as_blank() {
        assert_eq!(spread(&[0, 1, 4, 2, 0]), "1  ▂█▄  5");
        assert_eq!(spread(&[0; 5]), "1       5");
    }
}
