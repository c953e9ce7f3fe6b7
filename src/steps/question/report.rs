//! A question in the reports: its ideas by group, in the groups the facilitator shaped on the
//! common-ground board where there is one, each with its author (none in an anonymous report).

use crate::domain::{Session, Step};

pub fn markdown(out: &mut String, session: &Session, step: &Step, anonymous: bool) {
    crate::export::markdown::ideas_section(out, session, step, anonymous);
}

pub fn html(out: &mut String, s: &Session, step: &Step, anonymous: bool) {
    crate::export::html::groups(out, s, step, anonymous);
}
