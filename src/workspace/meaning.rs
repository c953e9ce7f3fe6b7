//! The encoder as the live grouping sees it: embeddings asked of the worker and not yet
//! arrived, and the one regroup that may be running on it. A regroup's result is used only if
//! the step's ideas and groups are still what the worker was given; otherwise it is asked
//! again with the board as it is now.

use super::worker::{Job, RegroupJob, WorkerHandle};
use crate::domain::{Group, IdeaId, Session};
use crate::grouping::{Constraints, KnownEmbeddings};
use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};

/// Why a board is regrouped on the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegroupPurpose {
    /// F5: tidy up at the same granularity.
    Tidy,
    /// `+`/`−`: a new grouping level for the step.
    Level(i8),
    /// A board seen for the first time, grouped on shared words until this is done.
    FirstLook,
    /// The embeddings of a board's ideas arrived and none is missing now: its free ideas
    /// are grouped anew with all of them, so the live board is as a tidy would leave it.
    Settle,
}

impl RegroupPurpose {
    /// Whether the facilitator asked for it (and so it is one undo step, and told).
    pub fn asked_for(self) -> bool {
        match self {
            RegroupPurpose::Tidy | RegroupPurpose::Level(_) => true,
            RegroupPurpose::FirstLook | RegroupPurpose::Settle => false,
        }
    }
}

/// A regroup running on the worker.
#[derive(Debug, Clone)]
pub struct Pending {
    pub job: u64,
    pub step: String,
    pub purpose: RegroupPurpose,
    /// what the board was when the job was given
    fingerprint: u64,
    /// texts embedded of those the regroup needs, and how many there are (plus one)
    pub progress: (usize, usize),
}

/// What a finished regroup means now.
pub enum Finished {
    /// Still the board it was computed for: apply it.
    Apply {
        step: String,
        purpose: RegroupPurpose,
        constraints: Constraints,
    },
    /// The board changed meanwhile: asked again.
    Again,
    /// Not the regroup we wait for (superseded, or the session was left).
    Stale,
}

pub struct Meaning {
    pub known: KnownEmbeddings,
    worker: WorkerHandle,
    /// texts asked of the worker and not arrived yet
    asked: HashSet<String>,
    pub pending: Option<Pending>,
    /// Steps whose ideas' embeddings arrived, to settle once no regroup runs (one at a
    /// time on the worker, like every regroup).
    pub(super) unsettled: BTreeSet<String>,
    next_job: u64,
    /// the draft last asked for
    draft: Option<String>,
}

impl Meaning {
    pub fn new(known: KnownEmbeddings, worker: WorkerHandle) -> Meaning {
        Meaning {
            known,
            worker,
            asked: HashSet::new(),
            pending: None,
            unsettled: BTreeSet::new(),
            next_job: 1,
            draft: None,
        }
    }

    /// Asks the worker for the embeddings of those `texts` not known or asked already.
    pub fn ask<'a>(&mut self, texts: impl IntoIterator<Item = &'a str>, urgent: bool) {
        let mut new = Vec::new();
        for text in texts {
            if !self.known.contains(text) && !self.asked.contains(text) {
                self.asked.insert(text.to_string());
                new.push(text.to_string());
            }
        }
        if !new.is_empty() {
            self.worker.submit(Job::Embed { texts: new, urgent });
        }
    }

    /// Asks for the embedding of the text being typed, so the preview can use its meaning
    /// (unless it is known, or already asked).
    pub fn ask_draft(&mut self, text: &str) {
        if text.is_empty()
            || self.known.contains(text)
            || self.known.has_draft(text)
            || self.draft.as_deref() == Some(text)
        {
            return;
        }
        self.draft = Some(text.to_string());
        self.worker.submit(Job::Draft(text.to_string()));
    }

    /// Embeddings arrived: they are known now and no longer waited for.
    pub fn arrived(&mut self, batch: Vec<(String, Vec<f32>)>) {
        for (text, _) in &batch {
            self.asked.remove(text);
        }
        self.known.insert(batch);
    }

    /// How many embeddings are still on their way.
    pub fn waiting(&self) -> usize {
        self.asked.len()
    }

    /// Whether the embedding of `text` was asked for and has not arrived yet.
    pub fn is_asked(&self, text: &str) -> bool {
        self.asked.contains(text)
    }

    /// Gives a regroup of `step` to the worker (replacing one still running; one that
    /// nobody asked for, of another step, is settled later instead).
    pub fn regroup(
        &mut self,
        step: &str,
        ideas: Vec<(u64, String)>,
        constraints: Constraints,
        purpose: RegroupPurpose,
        fingerprint: u64,
    ) {
        if let Some(old) = self.pending.take()
            && old.step != step
            && !old.purpose.asked_for()
        {
            self.unsettled.insert(old.step);
        }
        let job = self.next_job;
        self.next_job += 1;
        let total = ideas.len() + 1;
        self.pending = Some(Pending {
            job,
            step: step.to_string(),
            purpose,
            fingerprint,
            progress: (0, total),
        });
        self.worker.submit(Job::Regroup(RegroupJob {
            id: job,
            ideas,
            constraints,
        }));
    }

    pub fn progress(&mut self, job: u64, done: usize, total: usize) {
        if let Some(p) = self.pending.as_mut().filter(|p| p.job == job) {
            p.progress = (done, total);
        }
    }

    /// A regroup is done: apply it, or ask again if the board moved meanwhile.
    pub fn finished(&mut self, session: &Session, job: u64, constraints: Constraints) -> Finished {
        let Some(p) = self.pending.as_ref().filter(|p| p.job == job) else {
            return Finished::Stale;
        };
        if p.fingerprint == stored_fingerprint(session, &p.step) {
            let p = self.pending.take().expect("checked above");
            Finished::Apply {
                step: p.step,
                purpose: p.purpose,
                constraints,
            }
        } else {
            Finished::Again
        }
    }
}

/// A hash of a step's ideas, groups and level: equal while nothing was added, edited or
/// moved.
pub fn fingerprint(ideas: &[(u64, String)], groups: &[Group], level: i8) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    ideas.hash(&mut h);
    for g in groups {
        (g.id.0, &g.label, g.label_edited, g.locked, g.manual).hash(&mut h);
        let ids = |v: &[IdeaId]| v.iter().map(|i| i.0).collect::<Vec<u64>>();
        (ids(&g.ideas), ids(&g.pinned)).hash(&mut h);
    }
    level.hash(&mut h);
    h.finish()
}

/// [`fingerprint`] of a step as the session stores it.
pub(super) fn stored_fingerprint(session: &Session, step: &str) -> u64 {
    let ideas: Vec<(u64, String)> = super::LiveGroups::ideas_for(session, step)
        .into_iter()
        .map(|(id, text)| (id.0, text))
        .collect();
    let results = session.results(step);
    let groups = results.map(|r| r.groups.as_slice()).unwrap_or_default();
    fingerprint(&ideas, groups, results.map_or(0, |r| r.grouping_level))
}
