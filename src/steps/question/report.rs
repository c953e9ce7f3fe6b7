//! A question in the reports: its ideas by group, each with its author.

use crate::domain::{Session, Step};

pub fn markdown(out: &mut String, session: &Session, step: &Step) {
    crate::export::markdown::ideas_section(out, session, step);
}

pub fn html(out: &mut String, s: &Session, step: &Step) {
    crate::export::html::groups(out, s, &step.id, false);
}
