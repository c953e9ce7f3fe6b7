//! Keeps one grouping engine per step in step with the session. A question step groups its
//! own ideas; the common-ground step groups the ideas of all question steps. The session's
//! stored groups are the truth: engines are rebuilt from them after undo, redo or opening.

use crate::domain::{Group, GroupId, IdeaId, Language, Session, StepKind};
use crate::grouping::{
    Constraints, Embedder, Engine, EngineConfig, Explanation, Granularity, GroupRecord, Lang,
    Model2Vec,
};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

#[derive(Default)]
pub struct LiveGroups {
    engines: BTreeMap<String, Engine>,
    /// A local embedding model from the user's config, shared by every step's engine.
    embedder: Option<Arc<Model2Vec>>,
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
}

impl LiveGroups {
    pub fn with_model(embedder: Option<Arc<Model2Vec>>) -> LiveGroups {
        LiveGroups {
            engines: BTreeMap::new(),
            embedder,
        }
    }

    /// Forgets every engine; each is rebuilt from the session when next needed.
    pub fn invalidate(&mut self) {
        self.engines.clear();
    }

    /// The ideas a step groups, in the order they were said.
    pub fn ideas_for(session: &Session, step: &str) -> Vec<(IdeaId, String)> {
        let kind = session
            .template
            .steps
            .iter()
            .find(|s| s.id == step)
            .map(|s| &s.kind);
        let from_steps: Vec<&str> = match kind {
            Some(StepKind::Question) => vec![step],
            Some(StepKind::CommonGround) => session
                .template
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
        self.engines.entry(step.to_string()).or_insert_with(|| {
            let results = session.results(step);
            let groups = results.map(|r| r.groups.as_slice()).unwrap_or_default();
            let level = results.map_or(0, |r| r.grouping_level);
            let mut engine = Engine::new(EngineConfig {
                lang: Lang::Auto,
                granularity: granularity(level),
                embedder: self
                    .embedder
                    .clone()
                    .map(|m| Box::new(SharedModel(m)) as Box<dyn Embedder>),
            });
            let ideas: Vec<(u64, String)> = Self::ideas_for(session, step)
                .into_iter()
                .map(|(id, text)| (id.0, text))
                .collect();
            engine.restore(&ideas, &to_constraints(groups, level));
            // Nothing shaped yet (the common ground's first look): start from the whole-list
            // grouping, which is better than placing the ideas one by one.
            if groups.is_empty() {
                engine.regroup();
            }
            engine
        })
    }

    /// The groups an engine shows now, as the session stores them.
    pub fn snapshot(&mut self, session: &Session, step: &str) -> Vec<Group> {
        to_groups(&self.engine(session, step).constraints())
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

    /// Which group a draft would join.
    pub fn preview(&mut self, session: &Session, step: &str, draft: &str) -> Option<GroupId> {
        if draft.trim().is_empty() {
            return None;
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

pub fn lang_of(language: Language) -> Lang {
    match language {
        Language::En => Lang::En,
        Language::Nl => Lang::Nl,
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
        })
        .collect()
}
