use crate::domain::{Session, Step, StepKind, local_date};
use crate::i18n::{tr, trf};
use jiff::tz::TimeZone;
use std::fmt::Write;

/// The report; `anonymous` leaves out who put their dots where; dates are in `zone`.
pub fn render(
    session: &Session,
    anonymous: bool,
    zone: &TimeZone,
    sections: &dyn super::Sections,
) -> String {
    let lang = session.language();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(session.title()));
    let mut facts = Vec::new();
    let mut fact = |key: &'static str, value: String| {
        if !value.trim().is_empty() {
            facts.push(format!("**{}:** {value}", tr(lang, key)));
        }
    };
    fact("report.organisation", escape(session.organisation()));
    fact(
        "report.date",
        local_date(session.created(), zone).to_string(),
    );
    fact("report.facilitator", escape(session.facilitator()));
    fact("report.participants", participants_fact(session, anonymous));
    fact("report.goal", escape(session.goal()));
    fact(
        "report.follow_up",
        session
            .follow_up()
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    fact(
        "report.follows",
        session
            .follows()
            .as_ref()
            .map(|e| {
                format!(
                    "{} ({}, `{}`)",
                    escape(&e.title),
                    local_date(e.created, zone),
                    e.id.replace('`', "'")
                )
            })
            .unwrap_or_default(),
    );
    let _ = writeln!(out, "{}\n", facts.join("  \n"));
    // What was agreed first, what was said per question last.
    for step in super::curated::report_order(&session.template().steps) {
        step_section(&mut out, session, step, anonymous, zone, sections);
    }
    out
}

fn step_section(
    out: &mut String,
    session: &Session,
    step: &Step,
    anonymous: bool,
    zone: &TimeZone,
    sections: &dyn super::Sections,
) {
    let lang = session.language();
    let results = session.results(&step.id);
    if !super::curated::has_content(session, step) {
        return;
    }
    let _ = writeln!(out, "## {}\n", escape(&step.title));
    let _ = writeln!(out, "> {}\n", escape(&step.prompt));
    sections.markdown(out, session, step, anonymous, zone);
    let Some(results) = results else { return };
    if !results.notes.is_empty() {
        // Each line of the notes as typed: a backslash at a line's end is a line break.
        let lines: Vec<String> = results
            .notes
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(escape)
            .collect();
        let _ = writeln!(
            out,
            "**{}:**\\\n{}\n",
            tr(lang, "bridge.notes"),
            lines.join("\\\n")
        );
    }
}

/// Who took part: their names, or how many in an anonymous report.
fn participants_fact(session: &Session, anonymous: bool) -> String {
    if anonymous {
        return session.participants().len().to_string();
    }
    let names: Vec<String> = session
        .participants()
        .iter()
        .map(|p| escape(&p.name))
        .collect();
    names.join(", ")
}

/// A step's ideas by group, each with its author unless the report is anonymous: on the
/// common ground ranked as on the board, each group with its ★, who shares it and its dots; on
/// a question in the groups the facilitator shaped on the board (`curated`).
pub fn ideas_section(out: &mut String, session: &Session, step: &Step, anonymous: bool) {
    let Some(results) = session.results(&step.id) else {
        return;
    };
    let lang = session.language();
    let idea_line = |id: crate::domain::IdeaId| {
        session.find_idea(id).map(|i| {
            if anonymous {
                format!("- {}", escape(&i.text))
            } else {
                format!(
                    "- {} — *{}*",
                    escape(&i.text),
                    escape(crate::i18n::author(session, i.participant))
                )
            }
        })
    };
    let group = |out: &mut String, heading: String, ideas: &[crate::domain::IdeaId]| {
        let _ = writeln!(out, "### {heading}\n");
        for id in ideas {
            if let Some(line) = idea_line(*id) {
                let _ = writeln!(out, "{line}");
            }
        }
        out.push('\n');
    };
    if results.groups.is_empty() {
        for idea in &results.ideas {
            if let Some(line) = idea_line(idea.id) {
                let _ = writeln!(out, "{line}");
            }
        }
    } else if step.kind == StepKind::CommonGround {
        let index = session.idea_index();
        let votes = session.vote_totals(&step.id);
        let marked =
            |g: &crate::domain::Group| results.denominators.iter().any(|d| d.group == g.id);
        for (g, sharers) in session.ranked_groups(&step.id, &index, true) {
            // As on the board and in the HTML: the mark, the name, who shares it, the dots.
            let star = if marked(g) { "★ " } else { "" };
            let mut about = trf(
                lang,
                "board.shared_by",
                &[&sharers, &session.participants().len()],
            );
            match votes.get(&g.id).copied().unwrap_or(0) {
                0 => {}
                1 => about.push_str(&format!(" · {}", tr(lang, "board.dot"))),
                n => about.push_str(&format!(" · {}", trf(lang, "board.dots", &[&n]))),
            }
            group(
                out,
                format!("{star}{} ({about})", escape(&g.label)),
                &g.ideas,
            );
        }
    } else {
        for g in super::curated::question_groups(session, step) {
            let star = if g.marked { "★ " } else { "" };
            let heading = format!("{star}{} ({})", escape(g.label), g.ideas.len());
            group(out, heading, &g.ideas);
        }
    }
    out.push('\n');
}

/// Keeps participants' words from turning into Markdown structure.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            s.push('\\');
        }
        s.push(if c == '\n' { ' ' } else { c });
    }
    s
}
