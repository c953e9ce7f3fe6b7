//! The bridge in the reports: the goal and the actions agreed (what, who, when).

use crate::domain::{Session, Step};
use crate::export::html::esc;
use crate::export::markdown::escape;
use crate::i18n::tr;
use std::fmt::Write;

pub fn markdown(out: &mut String, session: &Session, step: &Step) {
    let lang = session.language();
    let Some(results) = session.results(&step.id) else {
        return;
    };
    if !results.actions.is_empty() {
        let _ = writeln!(
            out,
            "| {} | {} | {} |\n|---|---|---|",
            tr(lang, "bridge.what"),
            tr(lang, "bridge.who"),
            tr(lang, "bridge.when")
        );
        for a in &results.actions {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                escape(&a.what),
                escape(&a.who),
                escape(&a.when)
            );
        }
        out.push('\n');
    }
}

pub fn html(out: &mut String, s: &Session, step: &Step) {
    let lang = s.language();
    if !s.goal().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"goal\"><strong>{}:</strong> {}</p>",
            esc(tr(lang, "bridge.goal")),
            esc(s.goal())
        );
    }
    let actions = s
        .results(&step.id)
        .map(|r| r.actions.as_slice())
        .unwrap_or_default();
    if actions.is_empty() {
        return;
    }
    crate::export::html::table_head(
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
