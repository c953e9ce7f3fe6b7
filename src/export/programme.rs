//! The programme report: one self-contained HTML page (inline CSS and SVG, no network) with
//! the themes × teams as a heat map, the pulse over time and the actions across sessions.
//! Prints well: A4 landscape, each part on its own page, rows never split.

use super::html::esc;
use crate::review::programme::{ActionState, ProgrammeReport, PulseSeries};
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::fmt::Write;

const STYLE: &str = include_str!("../../assets/programme.css");

/// Themes in the heat map (the rest are counted below it).
const HEAT_ROWS: usize = 40;

pub fn render(r: &ProgrammeReport, today: Date) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Programme report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    );
    let teams = teams(r);
    let _ = write!(
        out,
        "<header>\n<h1>Common ground across the programme</h1>\n<p>{} sessions, {} teams, {} to {} \
         · made {today}</p>\n</header>\n",
        r.sessions.len(),
        teams.len(),
        r.sessions
            .first()
            .map(|s| s.date.to_string())
            .unwrap_or_default(),
        r.sessions
            .last()
            .map(|s| s.date.to_string())
            .unwrap_or_default(),
    );
    heat_map(&mut out, r, &teams);
    themes(&mut out, r);
    pulse(&mut out, r);
    actions(&mut out, r);
    out.push_str("<footer>Made with ambassador themes</footer>\n</body>\n</html>\n");
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

fn heat_map(out: &mut String, r: &ProgrammeReport, teams: &[&str]) {
    out.push_str("<section id=\"heat\">\n<h2>Themes × teams</h2>\n");
    out.push_str("<p class=\"note\">Each cell: ideas in the theme from that team; ★ a common denominator there.</p>\n");
    out.push_str("<table class=\"heat\">\n<thead><tr><th>Theme</th>");
    for t in teams {
        let _ = write!(out, "<th class=\"team\"><span>{}</span></th>", esc(t));
    }
    out.push_str("<th>Sessions</th><th>People</th></tr></thead>\n<tbody>\n");
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
            "<p class=\"note\">And {} smaller themes, listed below.</p>",
            r.themes.len() - HEAT_ROWS
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

fn themes(out: &mut String, r: &ProgrammeReport) {
    out.push_str("<section id=\"themes\">\n<h2>Themes in people's own words</h2>\n");
    for t in &r.themes {
        let _ = write!(
            out,
            "<article class=\"theme\"><h3>{}</h3><p class=\"facts\">{} sessions · {} people · {} \
             to {}{}</p><ul>",
            esc(&t.label),
            t.sessions.len(),
            t.people,
            t.first_seen,
            t.last_seen,
            if t.denominator_in.is_empty() {
                String::new()
            } else {
                format!(" · common denominator in {}", t.denominator_in.len())
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
                "<li class=\"more\">… and {} more</li>",
                t.ideas.len() - 6
            );
        }
        out.push_str("</ul></article>\n");
    }
    out.push_str("</section>\n");
}

fn pulse(out: &mut String, r: &ProgrammeReport) {
    out.push_str("<section id=\"pulse\">\n<h2>Pulse over time</h2>\n");
    out.push_str(
        "<p class=\"note\">Mean score 1–5 per session; only where 3 or more scored.</p>\n",
    );
    if r.pulse.is_empty() {
        out.push_str("<p>No pulse with 3 or more scorers.</p>\n");
    }
    for p in &r.pulse {
        chart(out, r, p);
    }
    out.push_str("</section>\n");
}

/// One statement's means as a line over the sessions' dates.
fn chart(out: &mut String, r: &ProgrammeReport, p: &PulseSeries) {
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
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" class=\"dot\"><title>{} {} {:.1} ({} scored)</title></circle>",
            x(pt.session),
            y(pt.mean),
            esc(&r.sessions[pt.session].team),
            pt.date,
            pt.mean,
            pt.scorers
        );
    }
    out.push_str("</svg></figure>\n");
}

fn actions(out: &mut String, r: &ProgrammeReport) {
    let c = r.actions.counts;
    let _ = write!(
        out,
        "<section id=\"actions\">\n<h2>Actions across sessions</h2>\n<p class=\"counts\">\
         <b>{}</b> open (<b class=\"late\">{}</b> overdue) · <b>{}</b> done · <b>{}</b> dropped</p>\n",
        c.open, c.overdue, c.done, c.dropped
    );
    if !r.actions.by_owner.is_empty() {
        out.push_str("<table class=\"owners\"><thead><tr><th>Owner</th><th>Open</th><th>Overdue</th><th>Done</th><th>Dropped</th></tr></thead><tbody>\n");
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
    out.push_str("<table class=\"actions\"><thead><tr><th>Team</th><th>Date</th><th>What</th><th>Who</th><th>When</th><th>State</th></tr></thead><tbody>\n");
    for a in &r.actions.items {
        let state = match a.state {
            ActionState::Open => "open",
            ActionState::InProgress => "in progress",
            ActionState::Done => "done",
            ActionState::Dropped => "dropped",
        };
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
            state,
            if a.overdue { ", overdue" } else { "" }
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}
