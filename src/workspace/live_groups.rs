//! Keeps one grouping engine per step in step with the session. A question step groups its
//! own ideas; the common-ground step groups the ideas of all question steps. The session's
//! stored groups are the truth: engines are rebuilt from them after undo, redo or opening.
//!
//! With the encoder's worker connected ([`LiveGroups::connect`]) the engines take their
//! embeddings from what the worker has sent ([`KnownEmbeddings`]): an idea is placed on
//! shared words until its embedding arrives, then looked at once more.

use super::meaning::{Meaning, RegroupPurpose};
use super::worker::WorkerHandle;
use crate::domain::{Group, GroupId, IdeaId, Session, StepKind};
use crate::grouping::{
    Constraints, Embedder, Engine, EngineConfig, Explanation, Granularity, GroupRecord,
    KnownEmbeddings, Lang, Model2Vec,
};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

#[derive(Default)]
pub struct LiveGroups {
    engines: BTreeMap<String, Engine>,
    /// A local embedding model from the user's config, shared by every step's engine.
    embedder: Option<Arc<Model2Vec>>,
    /// The built-in encoder on its worker thread, once it is ready.
    pub meaning: Option<Meaning>,
}

/// One model, loaded once, lent to each engine.
struct SharedModel(Arc<Model2Vec>);

impl Embedder for SharedModel {
    fn dim(&self) -> usize {
        self.0.dim()
    }

    fn embed(&self, text: &str) -> Vec<f32> {
        self.0.embed(text)
    }

    fn stance_axis(&self) -> Option<crate::grouping::stance::Axis> {
        self.0.stance_axis()
    }
}

impl LiveGroups {
    pub fn with_model(embedder: Option<Arc<Model2Vec>>) -> LiveGroups {
        LiveGroups {
            engines: BTreeMap::new(),
            embedder,
            meaning: None,
        }
    }

    /// Groups with the encoder from now on: the engines are rebuilt to take embeddings
    /// from `known`, and the worker is asked for those of every idea of the session (the
    /// current step's first). A config model2vec model, if any, stays in charge instead.
    pub fn connect(&mut self, known: KnownEmbeddings, worker: WorkerHandle, session: &Session) {
        if self.embedder.is_some() {
            return;
        }
        self.meaning = Some(Meaning::new(known, worker));
        self.invalidate();
        let current = session.current_step().id.clone();
        let mut steps: Vec<&str> = vec![current.as_str()];
        steps.extend(
            session
                .template()
                .steps
                .iter()
                .filter(|s| s.kind == StepKind::Question && s.id != current)
                .map(|s| s.id.as_str()),
        );
        let mut texts: Vec<String> = steps
            .iter()
            .flat_map(|s| Self::ideas_for(session, s))
            .map(|(_, t)| t)
            .collect();
        // last time's denominators, so the board's ↻ can match them by meaning
        texts.extend(
            crate::review::earlier_themes(session)
                .into_iter()
                .flat_map(|t| t.ideas),
        );
        if let Some(m) = self.meaning.as_mut() {
            m.ask(texts.iter().map(String::as_str), false);
        }
    }

    /// Asks the worker for the embedding of an idea just typed, before any backlog.
    pub fn ask(&mut self, text: &str) {
        if let Some(m) = self.meaning.as_mut() {
            m.ask([text.trim()], true);
        }
    }

    /// Embeddings still on their way (0 without the encoder).
    pub fn waiting(&self) -> usize {
        self.meaning.as_ref().map_or(0, Meaning::waiting)
    }

    /// Embeddings that arrived go to every engine; the steps whose groups moved (ideas
    /// placed before their embedding was known, looked at again). A step holding an idea
    /// whose embedding is new here is to be settled ([`LiveGroups::settle`]); embeddings
    /// known already (the worker sends a regroup's along) settle nothing, so a settle
    /// never leads to another.
    pub fn supply(&mut self, batch: Vec<(String, Vec<f32>)>) -> Vec<String> {
        let Some(m) = self.meaning.as_mut() else {
            return Vec::new();
        };
        let texts: Vec<String> = batch.iter().map(|(t, _)| t.clone()).collect();
        let fresh: HashSet<&str> = texts
            .iter()
            .map(String::as_str)
            .filter(|t| !m.known.contains(t))
            .collect();
        m.arrived(batch);
        let arrived: HashSet<&str> = texts.iter().map(String::as_str).collect();
        let mut moved = Vec::new();
        for (step, e) in &mut self.engines {
            if !e.supply(&arrived).is_empty() {
                moved.push(step.clone());
            }
            if !fresh.is_empty() && e.holds(|t| fresh.contains(t)) {
                m.unsettled.insert(step.clone());
            }
        }
        moved
    }

    /// Settles a step whose ideas' embeddings arrived ([`LiveGroups::supply`]) once none of
    /// them is missing and no other regroup runs: its free ideas are regrouped on the worker
    /// with every embedding ([`RegroupPurpose::Settle`]), so the board ends as a tidy would
    /// leave it without the facilitator asking. A step still waiting for an embedding is
    /// left to that embedding's arrival; one whose board a regroup is computing already is
    /// left to it (that regroup has every embedding, and is asked again if the board moves
    /// meanwhile). True when a settle was started.
    pub fn settle(&mut self, session: &Session) -> bool {
        let Some(m) = self.meaning.as_mut() else {
            return false;
        };
        if let Some(p) = &m.pending {
            let step = p.step.clone();
            m.unsettled.remove(&step);
            return false;
        }
        let mut wanted = std::mem::take(&mut m.unsettled);
        while let Some(step) = wanted.pop_first() {
            let Some(engine) = self.engines.get(&step) else {
                // rebuilt from the session since (undo, another step): nothing arrived there
                continue;
            };
            let missing = engine.waiting() > 0 || engine.holds(|t| m.is_asked(t));
            if missing || engine.free_ideas() == 0 {
                continue;
            }
            m.unsettled = wanted;
            let level = session.results(&step).map_or(0, |r| r.grouping_level);
            return self.regroup_later(session, &step, level, RegroupPurpose::Settle);
        }
        false
    }

    /// Whether a board the worker computed is the one a step's engine shows already.
    pub fn shows(&mut self, session: &Session, step: &str, constraints: &Constraints) -> bool {
        to_groups(&self.engine(session, step).constraints()) == to_groups(constraints)
    }

    /// Regroups a step on the worker, when there is one (false: do it here and now). The
    /// board's constraints go along at the granularity of `level`.
    pub fn regroup_later(
        &mut self,
        session: &Session,
        step: &str,
        level: i8,
        purpose: RegroupPurpose,
    ) -> bool {
        if self.meaning.is_none() {
            return false;
        }
        let mut constraints = self.engine(session, step).constraints();
        let ideas: Vec<(u64, String)> = Self::ideas_for(session, step)
            .into_iter()
            .map(|(id, text)| (id.0, text))
            .collect();
        let print = match purpose {
            // no transaction asked for it: the board as it is stored now
            RegroupPurpose::Settle => super::meaning::stored_fingerprint(session, step),
            // the board as it will be stored when the transaction that asked for this ends
            RegroupPurpose::Tidy | RegroupPurpose::Level(_) | RegroupPurpose::FirstLook => {
                let stored_level = session.results(step).map_or(0, |r| r.grouping_level);
                super::meaning::fingerprint(&ideas, &to_groups(&constraints), stored_level)
            }
        };
        constraints.granularity = granularity(level);
        if let Some(m) = self.meaning.as_mut() {
            m.regroup(step, ideas, constraints, purpose, print);
        }
        true
    }

    /// Puts a board the worker computed in place of a step's engine.
    pub fn adopt(&mut self, session: &Session, step: &str, constraints: &Constraints) {
        let ideas: Vec<(u64, String)> = Self::ideas_for(session, step)
            .into_iter()
            .map(|(id, text)| (id.0, text))
            .collect();
        self.engine(session, step).restore(&ideas, constraints);
    }

    fn new_embedder(&self) -> Option<Box<dyn Embedder>> {
        if let Some(m) = &self.meaning {
            return Some(Box::new(m.known.clone()));
        }
        self.embedder
            .clone()
            .map(|m| Box::new(SharedModel(m)) as Box<dyn Embedder>)
    }

    /// Forgets every engine; each is rebuilt from the session when next needed.
    pub fn invalidate(&mut self) {
        self.engines.clear();
    }

    /// The ideas a step groups, in the order they were said.
    pub fn ideas_for(session: &Session, step: &str) -> Vec<(IdeaId, String)> {
        let kind = session
            .template()
            .steps
            .iter()
            .find(|s| s.id == step)
            .map(|s| &s.kind);
        let from_steps: Vec<&str> = match kind {
            Some(StepKind::Question) => vec![step],
            Some(StepKind::CommonGround) => session
                .template()
                .steps
                .iter()
                .filter(|s| s.kind == StepKind::Question)
                .map(|s| s.id.as_str())
                .collect(),
            _ => Vec::new(),
        };
        from_steps
            .iter()
            .filter_map(|s| session.results(s))
            .flat_map(|r| r.ideas.iter().map(|i| (i.id, i.text.clone())))
            .collect()
    }

    /// The engine of a step, built from the session when missing.
    pub fn engine(&mut self, session: &Session, step: &str) -> &mut Engine {
        if !self.engines.contains_key(step) {
            let results = session.results(step);
            let groups = results.map(|r| r.groups.as_slice()).unwrap_or_default();
            let level = results.map_or(0, |r| r.grouping_level);
            let mut engine = Engine::new(EngineConfig {
                lang: Lang::Auto,
                granularity: granularity(level),
                embedder: self.new_embedder(),
            });
            let ideas: Vec<(u64, String)> = Self::ideas_for(session, step)
                .into_iter()
                .map(|(id, text)| (id.0, text))
                .collect();
            // Nothing shaped yet (the common ground's first look): start from the whole-list
            // grouping, which is better than placing the ideas one by one; with the encoder,
            // on shared words now and by meaning once the worker has done it.
            let first_look = groups.is_empty() && !ideas.is_empty();
            let constraints = to_constraints(groups, level);
            if first_look {
                engine.restore_and_regroup(&ideas, &constraints);
            } else {
                engine.restore(&ideas, &constraints);
            }
            let waiting = engine.waiting_texts();
            if let Some(m) = self.meaning.as_mut() {
                m.ask(waiting.iter().map(String::as_str), false);
            }
            self.engines.insert(step.to_string(), engine);
            if first_look {
                self.regroup_later(session, step, level, RegroupPurpose::FirstLook);
            }
        }
        self.engines.get_mut(step).expect("inserted above")
    }

    /// The groups an engine shows now, as the session stores them.
    pub fn snapshot(&mut self, session: &Session, step: &str) -> Vec<Group> {
        let engine = self.engine(session, step);
        let mut groups = to_groups(&engine.constraints());
        let mut differing = engine.differing();
        for g in &mut groups {
            if let Some(ids) = differing.remove(&g.id.0) {
                g.differing = ids.into_iter().map(IdeaId).collect();
            }
        }
        groups
    }

    /// Brings a step's engine up to date with ideas added, edited or removed elsewhere
    /// (the common ground follows the questions); true when its groups changed.
    pub fn refresh(&mut self, session: &Session, step: &str) -> bool {
        self.engines.remove(step);
        let stored = session
            .results(step)
            .map(|r| r.groups.clone())
            .unwrap_or_default();
        self.snapshot(session, step) != stored
    }

    /// Which group a draft would join: on shared words, and by meaning once the worker has
    /// embedded the draft (it is asked here; the preview is made again when it arrives).
    pub fn preview(&mut self, session: &Session, step: &str, draft: &str) -> Option<GroupId> {
        let draft = draft.trim();
        if draft.is_empty() {
            return None;
        }
        if let Some(m) = self.meaning.as_mut() {
            m.ask_draft(draft);
        }
        self.engine(session, step).preview(draft).map(GroupId)
    }

    /// Why an idea is in a group, in the facilitator's language.
    pub fn explain(
        &mut self,
        session: &Session,
        step: &str,
        idea: IdeaId,
        group: GroupId,
    ) -> Explanation {
        self.engine(session, step).explain_member(idea.0, group.0)
    }
}

pub fn granularity(level: i8) -> Granularity {
    match level {
        l if l < 0 => Granularity::Coarser,
        0 => Granularity::Default,
        _ => Granularity::Finer,
    }
}

fn to_constraints(groups: &[Group], level: i8) -> Constraints {
    Constraints {
        granularity: granularity(level),
        next_group_id: 0,
        groups: groups
            .iter()
            .map(|g| GroupRecord {
                id: g.id.0,
                label: g.label.clone(),
                label_is_custom: g.label_edited,
                locked: g.locked,
                manual: g.manual,
                members: g.ideas.iter().map(|i| i.0).collect(),
            })
            .collect(),
        pinned: groups
            .iter()
            .flat_map(|g| g.pinned.iter().map(|i| i.0))
            .collect(),
    }
}

fn to_groups(c: &Constraints) -> Vec<Group> {
    let pinned: BTreeSet<u64> = c.pinned.iter().copied().collect();
    c.groups
        .iter()
        .filter(|r| !r.members.is_empty())
        .map(|r| Group {
            id: GroupId(r.id),
            label: r.label.clone(),
            label_edited: r.label_is_custom,
            locked: r.locked,
            manual: r.manual,
            ideas: r.members.iter().copied().map(IdeaId).collect(),
            pinned: r
                .members
                .iter()
                .filter(|m| pinned.contains(m))
                .copied()
                .map(IdeaId)
                .collect(),
            differing: Vec::new(),
        })
        .collect()
}
