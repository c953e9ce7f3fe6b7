//! A single self-contained HTML report: inline CSS and SVG charts, no network, prints well.

use crate::domain::{Group, Session, Step, StepKind, local_date};
use crate::i18n::{tr, trf};
use jiff::tz::TimeZone;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Text for HTML content and attribute values.
pub use crate::sanitize::html as esc;

const STYLE: &str = include_str!("../../assets/report.css");

/// The report; `anonymous` leaves out who put their dots where.
pub fn render(
    session: &Session,
    anonymous: bool,
    zone: &TimeZone,
    sections: &dyn super::Sections,
) -> String {
    let lang = session.language();
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(session.title())
    );
    header(&mut out, session, anonymous, zone);
    for step in &session.template().steps {
        section(&mut out, session, step, anonymous, zone, sections);
    }
    let _ = write!(
        out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        esc(&trf(lang, "report.made_with", &[&session.id()]))
    );
    out
}

fn header(out: &mut String, s: &Session, anonymous: bool, zone: &TimeZone) {
    let lang = s.language();
    let _ = write!(out, "<header>\n<h1>{}</h1>\n<dl>\n", esc(s.title()));
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
    fact("report.organisation", s.organisation());
    fact("report.date", &local_date(s.created(), zone).to_string());
    fact("report.facilitator", s.facilitator());
    // An anonymous report says how many took part, not who.
    let names: Vec<&str> = s.participants().iter().map(|p| p.name.as_str()).collect();
    let people = if anonymous {
        names.len().to_string()
    } else {
        names.join(", ")
    };
    fact("report.participants", &people);
    fact("report.goal", s.goal());
    fact(
        "report.follow_up",
        &s.follow_up().map(|d| d.to_string()).unwrap_or_default(),
    );
    let follows = s
        .follows()
        .as_ref()
        .map(|e| format!("{} ({}, {})", e.title, local_date(e.created, zone), e.id));
    fact("report.follows", &follows.unwrap_or_default());
    out.push_str("</dl>\n</header>\n");
}

fn section(
    out: &mut String,
    s: &Session,
    step: &Step,
    anonymous: bool,
    zone: &TimeZone,
    sections: &dyn super::Sections,
) {
    let results = s.results(&step.id);
    let shows = results.is_some()
        || matches!(step.kind, StepKind::Question | StepKind::Bridge)
        || (step.kind == StepKind::LastTime && s.follows().is_some());
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
    sections.html(out, s, step, anonymous, zone);
    if let Some(notes) = results.map(|r| r.notes.as_str()).filter(|n| !n.is_empty()) {
        let _ = writeln!(
            out,
            "<p class=\"notes\"><strong>{}:</strong> {}</p>",
            esc(tr(s.language(), "bridge.notes")),
            // The notes' line breaks, kept.
            esc(notes).replace('\n', "<br>\n")
        );
    }
    out.push_str("</section>\n");
}

/// A step's ideas by group (ranked as on the board when `ranked`), its denominators first.
pub fn groups(out: &mut String, s: &Session, step_id: &str, ranked: bool, anonymous: bool) {
    let lang = s.language();
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
            idea_item(out, s, i, anonymous);
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
                &[&sharers(g), &s.participants().len()]
            ))
        );
        for id in &g.ideas {
            if let Some((i, _)) = index.get(id) {
                idea_item(out, s, i, anonymous);
            }
        }
        out.push_str("</ul>\n</div>\n");
    }
}

/// An idea with its author, or without one in an anonymous report.
fn idea_item(out: &mut String, s: &Session, i: &crate::domain::Idea, anonymous: bool) {
    if anonymous {
        let _ = writeln!(out, "<li>{}</li>", esc(&i.text));
        return;
    }
    let _ = writeln!(
        out,
        "<li>{} <span class=\"who\">{}</span></li>",
        esc(&i.text),
        esc(crate::i18n::author(s, i.participant))
    );
}

/// Opens a table with a class (or none) and a header row.
pub fn table_head(out: &mut String, class: &str, heads: &[&str]) {
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
