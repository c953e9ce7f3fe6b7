//! The pulse in the reports: each statement's mean, how many answered, who scored low.

use crate::domain::{Session, Step, pulse_summary};
use crate::export::html::esc;
use crate::export::markdown::escape;
use crate::i18n::tr;
use std::fmt::Write;

pub fn markdown(out: &mut String, session: &Session, step: &Step) {
    let lang = session.language();

    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        tr(lang, "report.statement"),
        tr(lang, "report.average"),
        tr(lang, "report.answers"),
        tr(lang, "report.low_scores")
    );
    for s in pulse_summary(session, step) {
        let mean = s.mean.map_or("–".to_string(), |m| lang.decimal(m, 1));
        // Who, for the facilitator's own report; an anonymous one names nobody.
        let low = if s.low.is_empty() {
            "–".to_string()
        } else {
            s.low.join(", ")
        };
        let _ = writeln!(
            out,
            "| {} | {mean} | {} | {} |",
            escape(&s.label),
            s.answered,
            escape(&low)
        );
    }
    out.push('\n');
}

/// Horizontal bars from 0 to 5, one per statement; statements with a low score are marked.
pub fn html(out: &mut String, s: &Session, step: &Step) {
    let lang = s.language();
    let rows = pulse_summary(s, step);
    let (row_h, bar_w) = (46, 360.0);
    let height = rows.len() * row_h + 24;
    let _ = writeln!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 640 {height}\" role=\"img\" aria-label=\"{}\">",
        esc(tr(lang, "report.pulse_chart"))
    );
    for (i, r) in rows.iter().enumerate() {
        let y = i * row_h;
        let mean = r.mean.unwrap_or(0.0);
        let class = if r.low.is_empty() { "bar" } else { "bar low" };
        let value = r.mean.map_or("–".to_string(), |m| lang.decimal(m, 1));
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{}\" class=\"label\">{}</text>\n\
             <rect x=\"0\" y=\"{}\" width=\"{bar_w}\" height=\"16\" class=\"track\"/>\n\
             <rect x=\"0\" y=\"{}\" width=\"{:.1}\" height=\"16\" class=\"{class}\"/>\n\
             <text x=\"{}\" y=\"{}\" class=\"value\">{value}</text>",
            y + 14,
            esc(&r.label),
            y + 20,
            y + 20,
            bar_w * mean / 5.0,
            bar_w + 10.0,
            y + 33
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"0\" y=\"{}\" class=\"axis\">0</text><text x=\"{bar_w}\" y=\"{}\" class=\"axis\" text-anchor=\"end\">5</text>\n</svg>",
        height - 4,
        height - 4
    );
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        esc(tr(lang, "report.statement")),
        esc(tr(lang, "report.average")),
        esc(tr(lang, "report.answers")),
        esc(tr(lang, "report.low_scores"))
    );
    for r in &rows {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&r.label),
            r.mean.map_or("–".to_string(), |m| lang.decimal(m, 1)),
            r.answered,
            // Who, for the facilitator's own report; an anonymous one names nobody.
            if r.low.is_empty() {
                "–".to_string()
            } else {
                esc(&r.low.join(", "))
            }
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if rows.iter().any(|r| !r.low.is_empty()) {
        let _ = writeln!(
            out,
            "<p class=\"warning\">{}</p>",
            esc(tr(lang, "pulse.why_low"))
        );
    }
}
