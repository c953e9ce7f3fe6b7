//! The common ground in the reports: the groups ranked as on the board, the dots (who put
//! them where, unless anonymous) and the common denominators.

use crate::domain::{Session, Step, vote_lines};
use crate::export::html::esc;
use crate::export::markdown::escape;
use crate::i18n::{tr, trf};
use std::fmt::Write;

pub fn markdown(out: &mut String, session: &Session, step: &Step, anonymous: bool) {
    let lang = session.language();
    // What was agreed first: the denominators, then every group as ranked, then the dots.
    if let Some(results) = session.results(&step.id)
        && !results.denominators.is_empty()
    {
        let _ = writeln!(out, "**{}:**\n", tr(lang, "report.denominators"));
        for label in results.denominator_labels() {
            let _ = writeln!(out, "- ★ {}", escape(label));
        }
        out.push('\n');
    }
    crate::export::markdown::ideas_section(out, session, step, anonymous);
    votes_markdown(out, session, step, anonymous);
    crate::steps::heard::markdown(out, session, &step.id, anonymous);
}

pub fn html(out: &mut String, s: &Session, step: &Step, anonymous: bool) {
    crate::export::html::groups(out, s, step, anonymous);
    votes_html(out, s, step, anonymous);
    crate::steps::heard::html(out, s, &step.id, anonymous);
}

fn votes_markdown(out: &mut String, session: &Session, step: &Step, anonymous: bool) {
    let lang = session.language();
    let lines = vote_lines(session, step);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "**{}:**\n\n| {} | {} |{}\n|---|---|{}",
        trf(lang, "report.votes", &[&session.template().dots]),
        tr(lang, "report.group"),
        tr(lang, "report.dots"),
        if anonymous {
            String::new()
        } else {
            format!(" {} |", tr(lang, "report.voters"))
        },
        if anonymous { "" } else { "---|" }
    );
    for v in lines {
        let by: Vec<String> =
            v.by.iter()
                .map(|(name, n)| format!("{} {n}", escape(name)))
                .collect();
        let who = if anonymous {
            String::new()
        } else {
            format!(" {} |", by.join(", "))
        };
        let _ = writeln!(out, "| {} | {} |{who}", escape(&v.label), v.dots);
    }
    out.push('\n');
}

fn votes_html(out: &mut String, s: &Session, step: &Step, anonymous: bool) {
    let lang = s.language();
    let lines = vote_lines(s, step);
    if lines.is_empty() {
        return;
    }
    let max = lines.iter().map(|v| v.dots).max().unwrap_or(1).max(1);
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table class=\"votes\">\n<thead><tr><th>{}</th><th>{}</th>{}</tr></thead>\n<tbody>",
        esc(&trf(lang, "report.votes", &[&s.template().dots])),
        esc(tr(lang, "report.group")),
        esc(tr(lang, "report.dots")),
        if anonymous {
            String::new()
        } else {
            format!("<th>{}</th>", esc(tr(lang, "report.voters")))
        }
    );
    for v in lines {
        let width = 120.0 * f64::from(v.dots) / f64::from(max);
        let who = if anonymous {
            String::new()
        } else {
            let by: Vec<String> = v.by.iter().map(|(n, d)| format!("{n} {d}")).collect();
            format!("<td>{}</td>", esc(&by.join(", ")))
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><svg class=\"dots\" viewBox=\"0 0 160 14\" width=\"160\" height=\"14\" role=\"img\" aria-label=\"{}\"><rect x=\"0\" y=\"2\" width=\"{width:.1}\" height=\"10\" class=\"bar\"/><text x=\"{:.1}\" y=\"12\" class=\"value\">{}</text></svg></td>{who}</tr>",
            esc(&v.label),
            v.dots,
            width + 6.0,
            v.dots
        );
    }
    out.push_str("</tbody>\n</table>\n");
}
