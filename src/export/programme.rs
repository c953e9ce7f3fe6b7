//! The programme report: one self-contained HTML page (inline CSS and SVG, no network) with
//! the themes × teams as a heat map, the pulse over time and the actions across sessions.
//! Prints well: A4 landscape, each part on its own page, rows never split.

use super::html::esc;
use crate::domain::Language;
use crate::i18n::{date_span, people_count, sessions_count, teams_count, tr, trf};
use crate::review::programme::{ActionState, ProgrammeReport, PulseSeries};
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::fmt::Write;

const STYLE: &str = include_str!("../../assets/programme.css");

/// Themes in the heat map (the rest are counted below it).
const HEAT_ROWS: usize = 40;

/// The page in `lang` (the words around the themes; what people said stays as said).
pub fn render(r: &ProgrammeReport, today: Date, lang: Language) -> String {
    let mut out = String::with_capacity(64 * 1024);
    super::html::page_head(&mut out, lang, tr(lang, "programme.page_title"), STYLE);
    let teams = teams(r);
    let first = r
        .sessions
        .first()
        .map(|s| s.date.to_string())
        .unwrap_or_default();
    let last = r
        .sessions
        .last()
        .map(|s| s.date.to_string())
        .unwrap_or_default();
    let _ = write!(
        out,
        "<header>\n<h1>{}</h1>\n<p>{}</p>\n</header>\n",
        esc(tr(lang, "programme.heading")),
        esc(&trf(
            lang,
            "programme.made",
            &[
                &sessions_count(lang, r.sessions.len()),
                &teams_count(lang, teams.len()),
                &date_span(lang, &first, &last),
                &today
            ]
        ))
    );
    heat_map(&mut out, r, &teams, lang);
    themes(&mut out, r, lang);
    pulse(&mut out, r, lang);
    actions(&mut out, r, lang);
    let _ = write!(
        out,
        "<footer>{}</footer>\n</body>\n</html>\n",
        esc(tr(lang, "programme.footer"))
    );
    out
}

/// The teams in order of their first session.
fn teams(r: &ProgrammeReport) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for s in &r.sessions {
        if !out.contains(&s.team.as_str()) {
            out.push(&s.team);
        }
    }
    out
}

fn heat_map(out: &mut String, r: &ProgrammeReport, teams: &[&str], lang: Language) {
    let _ = write!(
        out,
        "<section id=\"heat\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n\
         <table class=\"heat\">\n<thead><tr><th>{}</th>",
        esc(tr(lang, "programme.heat")),
        esc(tr(lang, "programme.heat_note")),
        esc(tr(lang, "programme.theme"))
    );
    for t in teams {
        let _ = write!(out, "<th class=\"team\"><span>{}</span></th>", esc(t));
    }
    let _ = write!(
        out,
        "<th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(tr(lang, "programme.sessions")),
        esc(tr(lang, "programme.people"))
    );
    let max = r
        .themes
        .iter()
        .flat_map(|t| cells(r, t).into_values().map(|c| c.0))
        .max()
        .unwrap_or(1)
        .max(1);
    for t in r.themes.iter().take(HEAT_ROWS) {
        let cells = cells(r, t);
        let _ = write!(out, "<tr><th class=\"label\">{}</th>", esc(&t.label));
        for team in teams {
            match cells.get(team) {
                Some((n, star)) => {
                    let level = 1 + (n * 4).div_ceil(max).min(4);
                    let _ = write!(
                        out,
                        "<td class=\"h{level}\">{n}{}</td>",
                        if *star { "★" } else { "" }
                    );
                }
                None => out.push_str("<td></td>"),
            }
        }
        let _ = writeln!(
            out,
            "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            t.sessions.len(),
            t.people
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if r.themes.len() > HEAT_ROWS {
        let _ = writeln!(
            out,
            "<p class=\"note\">{}</p>",
            esc(&trf(
                lang,
                "programme.smaller",
                &[&(r.themes.len() - HEAT_ROWS)]
            ))
        );
    }
    out.push_str("</section>\n");
}

/// Per team: ideas of the theme, and whether it was a denominator there.
fn cells<'a>(
    r: &'a ProgrammeReport,
    t: &crate::review::themes::ProgrammeTheme,
) -> BTreeMap<&'a str, (usize, bool)> {
    let mut cells: BTreeMap<&str, (usize, bool)> = BTreeMap::new();
    for idea in &t.ideas {
        cells.entry(&r.sessions[idea.session].team).or_default().0 += 1;
    }
    for s in &t.denominator_in {
        cells.entry(&r.sessions[*s].team).or_default().1 = true;
    }
    cells
}

fn themes(out: &mut String, r: &ProgrammeReport, lang: Language) {
    let _ = write!(
        out,
        "<section id=\"themes\">\n<h2>{}</h2>\n",
        esc(tr(lang, "programme.own_words"))
    );
    for t in &r.themes {
        let facts = trf(
            lang,
            "themes.coverage",
            &[
                &sessions_count(lang, t.sessions.len()),
                &people_count(lang, t.people),
                &date_span(lang, &t.first_seen, &t.last_seen),
            ],
        );
        let _ = write!(
            out,
            "<article class=\"theme\"><h3>{}</h3><p class=\"facts\">{}{}</p><ul>",
            esc(&t.label),
            esc(&facts),
            if t.denominator_in.is_empty() {
                String::new()
            } else {
                format!(
                    " · {}",
                    esc(&trf(
                        lang,
                        "themes.denominator_in",
                        &[&t.denominator_in.len()]
                    ))
                )
            }
        );
        for idea in t.ideas.iter().take(6) {
            let _ = write!(
                out,
                "<li>“{}” <span class=\"who\">{}</span></li>",
                esc(idea.text.trim()),
                esc(&r.sessions[idea.session].team)
            );
        }
        if t.ideas.len() > 6 {
            let _ = write!(
                out,
                "<li class=\"more\">{}</li>",
                esc(&trf(lang, "themes.more", &[&(t.ideas.len() - 6)]))
            );
        }
        out.push_str("</ul></article>\n");
    }
    out.push_str("</section>\n");
}

fn pulse(out: &mut String, r: &ProgrammeReport, lang: Language) {
    let _ = write!(
        out,
        "<section id=\"pulse\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>\n",
        esc(tr(lang, "programme.pulse")),
        esc(tr(lang, "programme.pulse_note"))
    );
    if r.pulse.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(tr(lang, "themes.no_pulse")));
    }
    for p in &r.pulse {
        chart(out, r, p, lang);
    }
    out.push_str("</section>\n");
}

/// One statement's means as a line over the sessions' dates.
fn chart(out: &mut String, r: &ProgrammeReport, p: &PulseSeries, lang: Language) {
    let (w, h, pad) = (640.0, 160.0, 28.0);
    let n = r.sessions.len().max(2) - 1;
    let x = |session: usize| pad + (w - 2.0 * pad) * session as f64 / n as f64;
    let y = |mean: f64| h - pad - (h - 2.0 * pad) * (mean - 1.0) / 4.0;
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>{}</figcaption>\
         <svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        esc(&p.label),
        esc(&p.label)
    );
    for level in 1..=5 {
        let ly = y(f64::from(level));
        let _ = write!(
            out,
            "<line x1=\"{pad}\" x2=\"{}\" y1=\"{ly:.1}\" y2=\"{ly:.1}\" class=\"grid\"/>\
             <text x=\"4\" y=\"{:.1}\" class=\"axis\">{level}</text>",
            w - pad,
            ly + 4.0
        );
    }
    // The first and the last session's date under the line, so a reader can place it.
    let ends = [p.points.first(), p.points.last()];
    for (pt, anchor) in ends
        .into_iter()
        .zip(["start", "end"])
        .filter_map(|(pt, a)| Some((pt?, a)))
    {
        if anchor == "end" && p.points.len() < 2 {
            break;
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" class=\"axis date\">{}</text>",
            x(pt.session),
            h - 6.0,
            pt.date
        );
    }
    let points: Vec<String> = p
        .points
        .iter()
        .map(|pt| format!("{:.1},{:.1}", x(pt.session), y(pt.mean)))
        .collect();
    let _ = write!(
        out,
        "<polyline points=\"{}\" class=\"line\"/>",
        points.join(" ")
    );
    for pt in &p.points {
        let _ = write!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" class=\"dot\"><title>{} {} {:.1} ({})</title></circle>",
            x(pt.session),
            y(pt.mean),
            esc(&r.sessions[pt.session].team),
            pt.date,
            pt.mean,
            esc(&trf(lang, "programme.scored", &[&pt.scorers]))
        );
    }
    out.push_str("</svg></figure>\n");
}

fn actions(out: &mut String, r: &ProgrammeReport, lang: Language) {
    let c = r.actions.counts;
    let _ = write!(
        out,
        "<section id=\"actions\">\n<h2>{}</h2>\n<p class=\"counts\">\
         <b>{}</b> {} (<b class=\"late\">{}</b> {}) · <b>{}</b> {} · <b>{}</b> {}</p>\n",
        esc(tr(lang, "themes.actions")),
        c.open,
        esc(tr(lang, "programme.open")),
        c.overdue,
        esc(tr(lang, "programme.overdue")),
        c.done,
        esc(tr(lang, "programme.done")),
        c.dropped,
        esc(tr(lang, "programme.dropped"))
    );
    let head = |keys: &[&'static str]| -> String {
        keys.iter()
            .map(|k| format!("<th>{}</th>", esc(&capitalised(tr(lang, k)))))
            .collect()
    };
    if !r.actions.by_owner.is_empty() {
        let _ = writeln!(
            out,
            "<table class=\"owners\"><thead><tr>{}</tr></thead><tbody>",
            head(&[
                "programme.owner",
                "programme.open",
                "programme.overdue",
                "programme.done",
                "programme.dropped"
            ])
        );
        for o in &r.actions.by_owner {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                esc(&o.owner),
                o.counts.open,
                o.counts.overdue,
                o.counts.done,
                o.counts.dropped
            );
        }
        out.push_str("</tbody></table>\n");
    }
    let _ = writeln!(
        out,
        "<table class=\"actions\"><thead><tr>{}</tr></thead><tbody>",
        head(&[
            "programme.team",
            "programme.date",
            "programme.what",
            "programme.who",
            "programme.when",
            "programme.state"
        ])
    );
    for a in &r.actions.items {
        let s = &r.sessions[a.session];
        let _ = writeln!(
            out,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td></tr>",
            if a.overdue { " class=\"late\"" } else { "" },
            esc(&s.team),
            s.date,
            esc(&a.what),
            esc(a.who.as_deref().unwrap_or("")),
            esc(&a.when),
            esc(state_text(a.state, lang)),
            if a.overdue {
                format!(", {}", esc(tr(lang, "programme.overdue")))
            } else {
                String::new()
            }
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

/// What became of an action, in `lang`.
pub fn state_text(state: ActionState, lang: Language) -> &'static str {
    tr(
        lang,
        match state {
            ActionState::Open => "programme.open",
            ActionState::InProgress => "programme.in_progress",
            ActionState::Done => "programme.done",
            ActionState::Dropped => "programme.dropped",
        },
    )
}

/// "Owner" from "owner": table heads from the words used in the text.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
