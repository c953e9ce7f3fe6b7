//! Every text typed into a session, for a copy that names nobody (`export::anonymize`). These
//! rewrite a copy; the session a facilitator works on changes only through `apply`.

use super::Session;

impl Session {
    /// Participants renamed in their order (`name(0)` for the first), the facilitator left out.
    pub fn rename_people(&mut self, name: impl Fn(usize) -> String) {
        for (i, p) in self.participants.iter_mut().enumerate() {
            p.name = name(i);
        }
        self.facilitator.clear();
        // Who was interviewed, for a session that draws on interviews.
        if let Some(h) = &mut self.heard {
            h.interviews.iter_mut().for_each(|i| i.person.clear());
        }
    }

    /// Who an action is for is left out, here and in what the earlier session agreed.
    pub fn leave_out_owners(&mut self) {
        for a in self.results.values_mut().flat_map(|r| r.actions.iter_mut()) {
            a.who.clear();
        }
        if let Some(e) = &mut self.follows {
            e.actions.iter_mut().for_each(|a| a.who.clear());
        }
    }

    /// `scrub` rewrites every free text: title, organisation, goal, ideas, group and
    /// denominator labels, actions, notes, outcomes, and what the earlier session said.
    pub fn rewrite_texts(&mut self, scrub: &dyn Fn(&mut String)) {
        scrub(&mut self.title);
        scrub(&mut self.organisation);
        scrub(&mut self.goal);
        for r in self.results.values_mut() {
            r.ideas.iter_mut().for_each(|i| scrub(&mut i.text));
            r.groups.iter_mut().for_each(|g| scrub(&mut g.label));
            r.denominators.iter_mut().for_each(|d| scrub(&mut d.label));
            for a in &mut r.actions {
                scrub(&mut a.what);
                scrub(&mut a.who);
                scrub(&mut a.when);
            }
            scrub(&mut r.notes);
            r.outcomes.values_mut().for_each(|o| scrub(&mut o.note));
        }
        for n in self.interview_notes.values_mut() {
            n.heard.values_mut().for_each(scrub);
        }
        if let Some(h) = &mut self.heard {
            for t in &mut h.themes {
                scrub(&mut t.label);
                t.answers.iter_mut().for_each(scrub);
            }
        }
        if let Some(e) = &mut self.follows {
            scrub(&mut e.title);
            for a in &mut e.actions {
                scrub(&mut a.what);
                scrub(&mut a.who);
                scrub(&mut a.when);
            }
            for d in &mut e.denominators {
                scrub(&mut d.label);
                d.ideas.iter_mut().for_each(scrub);
            }
        }
    }
}
