//! The pulse in the reports: per statement how many scored, the average and the spread, and
//! how many scored low, never who; "too few to show" below three scorers. The same in an
//! anonymous report, since nothing here names anyone.

use super::columns;
use crate::domain::{Session, Step, pulse_summary};
use crate::export::html::esc;
use crate::export::markdown::escape;
use crate::i18n::tr;
use std::fmt::Write;

pub fn markdown(out: &mut String, session: &Session, step: &Step) {
    let lang = session.language();
    let _ = writeln!(
        out,
        "*{}*\n\n| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
        escape(super::mode_text(lang, session.pulse_mode())),
        tr(lang, "report.statement"),
        tr(lang, "report.answers"),
        tr(lang, "report.average"),
        tr(lang, "report.spread"),
        tr(lang, "report.low_scores")
    );
    for s in pulse_summary(session, step) {
        let (mean, spread, low) = columns(lang, &s);
        let _ = writeln!(
            out,
            "| {} | {} | {mean} | `{spread}` | {low} |",
            escape(&s.label),
            s.answered,
        );
    }
    out.push('\n');
}

/// Horizontal bars from 0 to 5, one per statement shown; statements with low scores marked.
pub fn html(out: &mut String, s: &Session, step: &Step) {
    let lang = s.language();
    let rows = pulse_summary(s, step);
    let _ = writeln!(
        out,
        "<p class=\"mode\">{}</p>",
        esc(super::mode_text(lang, s.pulse_mode()))
    );
    let shown: Vec<_> = rows.iter().filter(|r| r.mean.is_some()).collect();
    if !shown.is_empty() {
        let (row_h, bar_w) = (46, 360.0);
        let height = shown.len() * row_h + 24;
        let _ = writeln!(
            out,
            "<svg class=\"chart\" viewBox=\"0 0 640 {height}\" role=\"img\" aria-label=\"{}\">",
            esc(tr(lang, "report.pulse_chart"))
        );
        for (i, r) in shown.iter().enumerate() {
            let y = i * row_h;
            let mean = r.mean.unwrap_or(0.0);
            let class = if r.low == 0 { "bar" } else { "bar low" };
            let _ = writeln!(
                out,
                "<text x=\"0\" y=\"{}\" class=\"label\">{}</text>\n\
                 <rect x=\"0\" y=\"{}\" width=\"{bar_w}\" height=\"16\" class=\"track\"/>\n\
                 <rect x=\"0\" y=\"{}\" width=\"{:.1}\" height=\"16\" class=\"{class}\"/>\n\
                 <text x=\"{}\" y=\"{}\" class=\"value\">{}</text>",
                y + 14,
                esc(&r.label),
                y + 20,
                y + 20,
                bar_w * mean / 5.0,
                bar_w + 10.0,
                y + 33,
                lang.decimal(mean, 1)
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{}\" class=\"axis\">0</text><text x=\"{bar_w}\" y=\"{}\" class=\"axis\" text-anchor=\"end\">5</text>\n</svg>",
            height - 4,
            height - 4
        );
    }
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(tr(lang, "report.statement")),
        esc(tr(lang, "report.answers")),
        esc(tr(lang, "report.average")),
        esc(tr(lang, "report.spread")),
        esc(tr(lang, "report.low_scores"))
    );
    for r in &rows {
        let (mean, spread, low) = columns(lang, r);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"spread\">{}</td><td>{}</td></tr>",
            esc(&r.label),
            r.answered,
            esc(&mean),
            esc(&spread),
            esc(&low)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if rows.iter().any(|r| r.low > 0) {
        let _ = writeln!(
            out,
            "<p class=\"warning\">{}</p>",
            esc(tr(lang, "pulse.why_low"))
        );
    }
}
