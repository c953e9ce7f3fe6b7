//! A single self-contained HTML report: inline CSS and SVG charts, no network, prints well.

use super::summary::{outcome_lines, pulse_summary, role_counts, vote_lines};
use crate::domain::{Group, Session, Step, StepKind};
use crate::i18n::{tr, trf};
use std::collections::BTreeSet;
use std::fmt::Write;

const STYLE: &str = include_str!("../../assets/report.css");

/// The report; `anonymous` leaves out who put their dots where.
pub fn render(session: &Session, anonymous: bool) -> String {
    let lang = session.language;
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(&session.title)
    );
    header(&mut out, session);
    for step in &session.template.steps {
        section(&mut out, session, step, anonymous);
    }
    let _ = write!(
        out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        esc(&trf(lang, "report.made_with", &[&session.id]))
    );
    out
}

fn header(out: &mut String, s: &Session) {
    let lang = s.language;
    let _ = write!(out, "<header>\n<h1>{}</h1>\n<dl>\n", esc(&s.title));
    let mut fact = |key: &'static str, value: &str| {
        if !value.trim().is_empty() {
            let _ = writeln!(
                out,
                "<dt>{}</dt><dd>{}</dd>",
                esc(tr(lang, key)),
                esc(value)
            );
        }
    };
    fact("report.organisation", &s.organisation);
    fact("report.date", &s.created.strftime("%Y-%m-%d").to_string());
    fact("report.facilitator", &s.facilitator);
    let names: Vec<&str> = s.participants.iter().map(|p| p.name.as_str()).collect();
    fact("report.participants", &names.join(", "));
    fact("report.goal", &s.goal);
    fact(
        "report.follow_up",
        &s.follow_up.map(|d| d.to_string()).unwrap_or_default(),
    );
    let follows = s
        .follows
        .as_ref()
        .map(|e| format!("{} ({}, {})", e.title, e.created.strftime("%Y-%m-%d"), e.id));
    fact("report.follows", &follows.unwrap_or_default());
    out.push_str("</dl>\n</header>\n");
}

fn section(out: &mut String, s: &Session, step: &Step, anonymous: bool) {
    let results = s.results(&step.id);
    let shows = results.is_some()
        || matches!(step.kind, StepKind::Question | StepKind::Bridge)
        || (step.kind == StepKind::LastTime && s.follows.is_some());
    if !shows || matches!(step.kind, StepKind::Script { .. }) {
        return;
    }
    let _ = write!(
        out,
        "<section id=\"{}\">\n<h2>{}</h2>\n<p class=\"prompt\">{}</p>\n",
        esc(&step.id),
        esc(&step.title),
        esc(&step.prompt)
    );
    match &step.kind {
        StepKind::Pulse { .. } => pulse(out, s, step),
        StepKind::Roles { .. } => roles(out, s, step),
        StepKind::Question => groups(out, s, &step.id, false),
        StepKind::CommonGround => {
            groups(out, s, &step.id, true);
            votes(out, s, step, anonymous);
        }
        StepKind::LastTime => outcomes(out, s, step),
        StepKind::Bridge => bridge(out, s, step),
        StepKind::Close { .. } | StepKind::Script { .. } => {}
    }
    if let Some(notes) = results.map(|r| r.notes.as_str()).filter(|n| !n.is_empty()) {
        let _ = writeln!(
            out,
            "<p class=\"notes\"><strong>{}:</strong> {}</p>",
            esc(tr(s.language, "bridge.notes")),
            // The notes' line breaks, kept.
            esc(notes).replace('\n', "<br>\n")
        );
    }
    out.push_str("</section>\n");
}

/// Horizontal bars from 0 to 5, one per statement; statements with a low score are marked.
fn pulse(out: &mut String, s: &Session, step: &Step) {
    let lang = s.language;
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

fn roles(out: &mut String, s: &Session, step: &Step) {
    let counts = role_counts(s, step);
    let max = counts.iter().map(|c| c.count).max().unwrap_or(0).max(1) as f64;
    let row_h = 30;
    let _ = writeln!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 640 {}\" role=\"img\" aria-label=\"{}\">",
        counts.len() * row_h,
        esc(tr(s.language, "roles.distribution"))
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

fn groups(out: &mut String, s: &Session, step_id: &str, ranked: bool) {
    let lang = s.language;
    let Some(results) = s.results(step_id) else {
        return;
    };
    // One index for the ranking, the sharers and the ideas' lookups.
    let index = s.idea_index();
    let sharers = |g: &Group| crate::domain::sharers(&index, g);
    if !results.denominators.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<ul class=\"denominators\">",
            esc(tr(lang, "bridge.denominators"))
        );
        for label in results.denominator_labels() {
            let _ = writeln!(out, "<li>★ {}</li>", esc(label));
        }
        out.push_str("</ul>\n");
    }
    let mut list: Vec<&Group> = results.groups.iter().collect();
    if ranked {
        // The board's order: votes, then sharers, then size, then age.
        list = s
            .ranked_groups(step_id, &index, true)
            .into_iter()
            .map(|(g, _)| g)
            .collect();
    }
    if list.is_empty() {
        out.push_str("<ul class=\"ideas\">\n");
        for i in &results.ideas {
            idea_item(out, s, i);
        }
        out.push_str("</ul>\n");
        return;
    }
    let marked: BTreeSet<crate::domain::GroupId> =
        results.denominators.iter().map(|d| d.group).collect();
    for g in list {
        let class = if marked.contains(&g.id) {
            "group marked"
        } else {
            "group"
        };
        let _ = writeln!(
            out,
            "<div class=\"{class}\">\n<h3>{} <span class=\"count\">{}</span></h3>\n<ul>",
            esc(&g.label),
            esc(&trf(
                lang,
                "board.shared_by",
                &[&sharers(g), &s.participants.len()]
            ))
        );
        for id in &g.ideas {
            if let Some((i, _)) = index.get(id) {
                idea_item(out, s, i);
            }
        }
        out.push_str("</ul>\n</div>\n");
    }
}

fn idea_item(out: &mut String, s: &Session, i: &crate::domain::Idea) {
    let _ = writeln!(
        out,
        "<li>{} <span class=\"who\">{}</span></li>",
        esc(&i.text),
        esc(crate::i18n::author(s, i.participant))
    );
}

fn bridge(out: &mut String, s: &Session, step: &Step) {
    let lang = s.language;
    if !s.goal.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"goal\"><strong>{}:</strong> {}</p>",
            esc(tr(lang, "bridge.goal")),
            esc(&s.goal)
        );
    }
    let actions = s
        .results(&step.id)
        .map(|r| r.actions.as_slice())
        .unwrap_or_default();
    if actions.is_empty() {
        return;
    }
    table_head(
        out,
        "",
        &[
            tr(lang, "bridge.what"),
            tr(lang, "bridge.who"),
            tr(lang, "bridge.when"),
        ],
    );
    for a in actions {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&a.what),
            esc(&a.who),
            esc(&a.when)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn votes(out: &mut String, s: &Session, step: &Step, anonymous: bool) {
    let lang = s.language;
    let lines = vote_lines(s, step);
    if lines.is_empty() {
        return;
    }
    let max = lines.iter().map(|v| v.dots).max().unwrap_or(1).max(1);
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<table class=\"votes\">\n<thead><tr><th>{}</th><th>{}</th>{}</tr></thead>\n<tbody>",
        esc(&trf(lang, "report.votes", &[&s.template.dots])),
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

fn outcomes(out: &mut String, s: &Session, step: &Step) {
    let lang = s.language;
    let Some(earlier) = &s.follows else {
        return;
    };
    let day = s.created.to_zoned(jiff::tz::TimeZone::UTC).date();
    let _ = writeln!(
        out,
        "<p class=\"follows\">{} <strong>{}</strong> ({}). {}</p>",
        esc(tr(lang, "last.follows")),
        esc(&earlier.title),
        earlier.created.strftime("%Y-%m-%d"),
        esc(&super::timing_text(lang, earlier, day))
    );
    let lines = outcome_lines(s, step);
    if lines.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(tr(lang, "last.no_actions")));
        return;
    }
    table_head(
        out,
        "outcomes",
        &[
            tr(lang, "bridge.what"),
            tr(lang, "bridge.who"),
            tr(lang, "bridge.when"),
            tr(lang, "report.outcome"),
            tr(lang, "last.note"),
        ],
    );
    for l in lines {
        let (class, status) = match l.status {
            Some(st) => (
                match st {
                    crate::domain::Status::Done => "done",
                    crate::domain::Status::InProgress => "in-progress",
                    crate::domain::Status::Dropped => "dropped",
                },
                format!("{} {}", st.symbol(), tr(lang, st.key())),
            ),
            None => ("open", "–".to_string()),
        };
        let _ = writeln!(
            out,
            "<tr class=\"{class}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&l.action.what),
            esc(&l.action.who),
            esc(&l.action.when),
            esc(&status),
            esc(&l.note)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Opens a table with a class (or none) and a header row.
fn table_head(out: &mut String, class: &str, heads: &[&str]) {
    if class.is_empty() {
        out.push_str("<table>\n<thead><tr>");
    } else {
        let _ = write!(out, "<table class=\"{class}\">\n<thead><tr>");
    }
    for h in heads {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
}

/// Escapes text for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c if c.is_control() && c != '\n' => s.push(' '),
            c => s.push(c),
        }
    }
    s
}
