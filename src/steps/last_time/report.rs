//! Last time's agreements in the reports: each earlier action and what became of it.

use crate::domain::{Session, Step, local_date, outcome_lines};
use crate::export::html::esc;
use crate::export::markdown::escape;
use crate::i18n::tr;
use jiff::tz::TimeZone;
use std::fmt::Write;

pub fn markdown(out: &mut String, session: &Session, step: &Step, zone: &TimeZone) {
    let lang = session.language();
    let Some(earlier) = &session.follows() else {
        return;
    };
    let day = local_date(session.created(), zone);
    let _ = writeln!(
        out,
        "{} {} ({}). {}\n",
        tr(lang, "last.follows"),
        escape(&earlier.title),
        local_date(earlier.created, zone),
        escape(&crate::export::timing_text(lang, earlier, day))
    );
    let lines = outcome_lines(session, step);
    if lines.is_empty() {
        let _ = writeln!(out, "{}\n", tr(lang, "last.no_actions"));
        return;
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|",
        tr(lang, "bridge.what"),
        tr(lang, "bridge.who"),
        tr(lang, "bridge.when"),
        tr(lang, "report.outcome"),
        tr(lang, "last.note")
    );
    for l in lines {
        let status = l.status.map_or("–".to_string(), |s| {
            format!("{} {}", s.symbol(), tr(lang, s.key()))
        });
        let _ = writeln!(
            out,
            "| {} | {} | {} | {status} | {} |",
            escape(&l.action.what),
            escape(&l.action.who),
            escape(&l.action.when),
            escape(&l.note)
        );
    }
    out.push('\n');
}

pub fn html(out: &mut String, s: &Session, step: &Step, zone: &TimeZone) {
    let lang = s.language();
    let Some(earlier) = &s.follows() else {
        return;
    };
    let day = local_date(s.created(), zone);
    let _ = writeln!(
        out,
        "<p class=\"follows\">{} <strong>{}</strong> ({}). {}</p>",
        esc(tr(lang, "last.follows")),
        esc(&earlier.title),
        local_date(earlier.created, zone),
        esc(&crate::export::timing_text(lang, earlier, day))
    );
    let lines = outcome_lines(s, step);
    if lines.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(tr(lang, "last.no_actions")));
        return;
    }
    crate::export::html::table_head(
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
