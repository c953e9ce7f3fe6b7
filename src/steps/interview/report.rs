//! An interview in the reports: per question, the answers in the colleague's words and what
//! the facilitator heard. Answers carry no author: there is one colleague, named (or not)
//! in the report's header.

use super::room::one_line;
use crate::domain::{Session, Step};
use crate::export::html::esc;
use crate::export::markdown::escape;
use crate::i18n::tr;
use std::fmt::Write;

pub fn markdown(out: &mut String, session: &Session, step: &Step, _anonymous: bool) {
    let lang = session.language();
    for (n, q) in session.interview_step(&step.id).iter().enumerate() {
        let _ = writeln!(out, "### {}. {}\n", n + 1, escape(&q.question.prompt));
        if q.answers.is_empty() {
            let _ = writeln!(out, "_{}_", tr(lang, "interview.no_answers_report"));
        }
        for a in &q.answers {
            let _ = writeln!(out, "- {}", escape(&a.text));
        }
        if !q.heard.trim().is_empty() {
            let _ = writeln!(
                out,
                "\n**{}:** {}",
                tr(lang, "interview.heard"),
                escape(&one_line(q.heard))
            );
        }
        out.push('\n');
    }
}

pub fn html(out: &mut String, session: &Session, step: &Step, _anonymous: bool) {
    let lang = session.language();
    for (n, q) in session.interview_step(&step.id).iter().enumerate() {
        let _ = writeln!(out, "<h3>{}. {}</h3>", n + 1, esc(&q.question.prompt));
        if q.answers.is_empty() {
            let _ = writeln!(
                out,
                "<p>{}</p>",
                esc(tr(lang, "interview.no_answers_report"))
            );
        } else {
            out.push_str("<ul>\n");
            for a in &q.answers {
                let _ = writeln!(out, "<li>{}</li>", esc(&a.text));
            }
            out.push_str("</ul>\n");
        }
        if !q.heard.trim().is_empty() {
            let _ = writeln!(
                out,
                "<p><strong>{}:</strong> {}</p>",
                esc(tr(lang, "interview.heard")),
                esc(&one_line(q.heard))
            );
        }
    }
}
