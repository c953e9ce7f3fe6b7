//! The roles in the reports: how many chose each.

use crate::domain::{Session, Step, role_counts};
use crate::export::html::esc;
use crate::export::markdown::escape;
use crate::i18n::tr;
use std::fmt::Write;

pub fn markdown(out: &mut String, session: &Session, step: &Step) {
    for r in role_counts(session, step) {
        let _ = writeln!(out, "- {}: {}", escape(&r.label), r.count);
    }
    out.push('\n');
}

pub fn html(out: &mut String, s: &Session, step: &Step) {
    let counts = role_counts(s, step);
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1) as f64;
    let row_h = 30;
    let _ = writeln!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 640 {}\" role=\"img\" aria-label=\"{}\">",
        counts.len() * row_h,
        esc(tr(s.language(), "roles.distribution"))
    );
    for (i, c) in counts.iter().enumerate() {
        let y = i * row_h;
        let _ = writeln!(
            out,
            "<text x=\"0\" y=\"{}\" class=\"label\">{}</text>\n\
             <rect x=\"240\" y=\"{}\" width=\"{:.1}\" height=\"18\" class=\"bar\"/>\n\
             <text x=\"{:.1}\" y=\"{}\" class=\"value\">{}</text>",
            y + 19,
            esc(&c.label),
            y + 5,
            320.0 * c.count as f64 / max,
            248.0 + 320.0 * c.count as f64 / max,
            y + 19,
            c.count
        );
    }
    out.push_str("</svg>\n");
}
