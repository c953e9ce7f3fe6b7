//! A single self-contained HTML report: inline CSS and SVG charts, no network, prints well.

use crate::domain::{Group, IdeaId, Session, Step, StepKind, local_date};
use crate::i18n::{tr, trf};
use jiff::tz::TimeZone;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Text for HTML content and attribute values.
pub use crate::sanitize::html as esc;

const STYLE: &str = include_str!("../../assets/report.css");

/// The start of a self-contained page up to `<body>`: its language, title and inline style.
pub fn page_head(out: &mut String, lang: crate::domain::Language, title: &str, style: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{style}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(title)
    );
}

/// The report; `anonymous` leaves out who put their dots where.
pub fn render(
    session: &Session,
    anonymous: bool,
    zone: &TimeZone,
    sections: &dyn super::Sections,
) -> String {
    let lang = session.language();
    let mut out = String::with_capacity(16 * 1024);
    page_head(&mut out, lang, session.title(), STYLE);
    header(&mut out, session, anonymous, zone);
    // What was agreed first, what was said per question last.
    for step in super::curated::report_order(&session.template().steps) {
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
    if !super::curated::has_content(s, step) || matches!(step.kind, StepKind::Script { .. }) {
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

/// A step's ideas by group: on the common ground ranked as on the board, its denominators
/// first, each group with its ★, who shares it and its dots; on a question in the groups the
/// facilitator shaped on the board (`curated`).
pub fn groups(out: &mut String, s: &Session, step: &Step, anonymous: bool) {
    let lang = s.language();
    let step_id = step.id.as_str();
    let ranked = step.kind == StepKind::CommonGround;
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
    if results.groups.is_empty() {
        out.push_str("<ul class=\"ideas\">\n");
        for i in &results.ideas {
            idea_item(out, s, i, anonymous);
        }
        out.push_str("</ul>\n");
        return;
    }
    let group = |out: &mut String, marked: bool, label: &str, about: &str, ideas: &[IdeaId]| {
        let (class, star) = if marked {
            ("group marked", "★ ")
        } else {
            ("group", "")
        };
        let _ = writeln!(
            out,
            "<div class=\"{class}\">\n<h3>{star}{} <span class=\"count\">{}</span></h3>\n<ul>",
            esc(label),
            esc(about)
        );
        for id in ideas {
            if let Some((i, _)) = index.get(id) {
                idea_item(out, s, i, anonymous);
            }
        }
        out.push_str("</ul>\n</div>\n");
    };
    if !ranked {
        // A question: in the groups the facilitator shaped on the board.
        for g in super::curated::question_groups(s, step) {
            let people: BTreeSet<_> = g
                .ideas
                .iter()
                .filter_map(|i| index.get(i).map(|(i, _)| i.participant))
                .collect();
            let about = trf(
                lang,
                "board.shared_by",
                &[&people.len(), &s.participants().len()],
            );
            group(out, g.marked, g.label, &about, &g.ideas);
        }
        return;
    }
    let marked: BTreeSet<crate::domain::GroupId> =
        results.denominators.iter().map(|d| d.group).collect();
    let votes = s.vote_totals(step_id);
    // The board's order: votes, then sharers, then size, then age.
    for (g, _) in s.ranked_groups(step_id, &index, true) {
        let mut about = trf(
            lang,
            "board.shared_by",
            &[&sharers(g), &s.participants().len()],
        );
        match votes.get(&g.id).copied().unwrap_or(0) {
            0 => {}
            1 => about.push_str(&format!(" · {}", tr(lang, "board.dot"))),
            n => about.push_str(&format!(" · {}", trf(lang, "board.dots", &[&n]))),
        }
        group(out, marked.contains(&g.id), &g.label, &about, &g.ideas);
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
