//! Common ground across sessions: the ideas of many sessions grouped by meaning into themes.
//!
//! Pure: the sessions and the embeddings of their ideas come in, themes go out. It scales by
//! clustering what each room already grouped, not every idea against every other: a session's
//! own groups (ideas it left ungrouped are grouped within the session first) are the units,
//! each a centroid of its ideas' embeddings and the words of its ideas. Units are clustered
//! in blocks of at most [`MAX_EXACT`] (the engine's exact clustering), and the blocks' clusters
//! again, until one pass holds them all: never an n×n matrix over every idea.

use crate::domain::{Denominator, GroupId, ParticipantId, Session, StepResults};
use crate::grouping::batch::group_texts_embedded;
use crate::grouping::cluster::MAX_EXACT;
use crate::grouping::{Embedder, Granularity, KnownEmbeddings, Lang};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The words a unit is compared by: its ideas' texts, at most this many characters.
const UNIT_WORDS: usize = 240;

/// One theme across the chosen sessions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeTheme {
    /// In the room's words: a group name a room gave or marked, else the ideas' own words.
    pub label: String,
    /// Indices into the report's sessions, oldest first.
    pub sessions: Vec<usize>,
    /// The teams among them (by team, else organisation, else title), as written.
    pub teams: Vec<String>,
    /// People who said something in it: distinct authors per session, summed.
    pub people: usize,
    pub first_seen: Date,
    pub last_seen: Date,
    /// The sessions where it was a common denominator (a marked or top-voted group).
    pub denominator_in: Vec<usize>,
    /// Its ideas in people's own words.
    pub ideas: Vec<ThemeIdea>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeIdea {
    pub session: usize,
    pub text: String,
}

/// What a session brings: a group of its ideas.
#[derive(Debug, Clone)]
struct Unit {
    session: usize,
    /// The room's name for it, when the room named or marked it.
    room_label: Option<String>,
    denominator: bool,
    /// (author, text)
    ideas: Vec<(ParticipantId, String)>,
}

/// The themes of `sessions` (oldest first as given), their ideas' embeddings in `meaning`
/// (by text; an idea without one is compared by its words alone). `team_of` names a
/// session's team. Most widely shared first.
pub fn themes(
    sessions: &[&Session],
    dates: &[Date],
    teams: &[String],
    meaning: &KnownEmbeddings,
) -> Vec<ProgrammeTheme> {
    let units: Vec<Unit> = sessions
        .iter()
        .enumerate()
        .flat_map(|(i, s)| units_of(i, s, meaning))
        .collect();
    let clusters = cluster(&units, meaning);
    let mut out: Vec<ProgrammeTheme> = clusters
        .into_iter()
        .map(|(label, members)| theme_of(label, &members, &units, dates, teams))
        .collect();
    out.sort_by(|a, b| {
        b.sessions
            .len()
            .cmp(&a.sessions.len())
            .then(b.people.cmp(&a.people))
            .then(a.label.cmp(&b.label))
    });
    out
}

/// The groups a session made (of every step), and its ungrouped ideas grouped here.
fn units_of(index: usize, session: &Session, meaning: &KnownEmbeddings) -> Vec<Unit> {
    let ideas = session.idea_index();
    let mut grouped: BTreeSet<crate::domain::IdeaId> = BTreeSet::new();
    let mut units = Vec::new();
    for results in session.all_results().values() {
        let top = top_groups(results);
        for g in &results.groups {
            let texts: Vec<(ParticipantId, String)> = g
                .ideas
                .iter()
                .filter_map(|id| ideas.get(id))
                .map(|(idea, _)| (idea.participant, idea.text.clone()))
                .collect();
            grouped.extend(g.ideas.iter().copied());
            if texts.is_empty() {
                continue;
            }
            let denominator = top.contains(&g.id);
            units.push(Unit {
                session: index,
                room_label: (g.label_edited || denominator).then(|| g.label.clone()),
                denominator,
                ideas: texts,
            });
        }
    }
    let loose: Vec<(ParticipantId, &str)> = session
        .all_ideas()
        .filter(|(_, i)| !grouped.contains(&i.id) && !i.text.trim().is_empty())
        .map(|(_, i)| (i.participant, i.text.as_str()))
        .collect();
    if !loose.is_empty() {
        let texts: Vec<&str> = loose.iter().map(|(_, t)| *t).collect();
        let groups = group_texts_embedded(&texts, Lang::Auto, Granularity::Default, Some(meaning));
        for (_, members) in groups {
            units.push(Unit {
                session: index,
                room_label: None,
                denominator: false,
                ideas: members
                    .iter()
                    .map(|m| (loose[*m].0, loose[*m].1.to_string()))
                    .collect(),
            });
        }
    }
    units
}

/// A board's top groups: those marked as common denominators, else (votes but no marks)
/// the group with the most dots.
fn top_groups(results: &StepResults) -> BTreeSet<GroupId> {
    let marked: BTreeSet<GroupId> = results
        .denominators
        .iter()
        .map(|d: &Denominator| d.group)
        .collect();
    if !marked.is_empty() {
        return marked;
    }
    let mut dots: BTreeMap<GroupId, u32> = BTreeMap::new();
    for votes in results.votes.values() {
        for (g, n) in votes {
            *dots.entry(*g).or_default() += u32::from(*n);
        }
    }
    dots.into_iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(g, n)| (*n, std::cmp::Reverse(g.0)))
        .map(|(g, _)| g)
        .into_iter()
        .collect()
}

/// A unit's words (its ideas' texts, cut) and its centroid (the mean of its ideas' known
/// embeddings, `None` when none is known).
fn words_and_centre(ideas: &[&str], meaning: &KnownEmbeddings) -> (String, Option<Vec<f32>>) {
    let mut words = String::new();
    for t in ideas {
        if words.len() >= UNIT_WORDS {
            break;
        }
        if !words.is_empty() {
            words.push_str("; ");
        }
        words.push_str(t.trim());
    }
    let vectors: Vec<Vec<f32>> = ideas.iter().filter_map(|t| meaning.known(t)).collect();
    (words, mean(&vectors))
}

fn mean(vectors: &[Vec<f32>]) -> Option<Vec<f32>> {
    let first = vectors.first()?;
    let dim = first.len();
    let mut sum = vec![0.0f32; dim];
    for v in vectors.iter().filter(|v| v.len() == dim) {
        sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
    }
    let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        sum.iter_mut().for_each(|x| *x /= norm);
    }
    Some(sum)
}

/// Clusters units by their words and centroids; returns (the engine's label, unit indices).
fn cluster(units: &[Unit], meaning: &KnownEmbeddings) -> Vec<(String, Vec<usize>)> {
    // Each item: (words, centroid, the units it stands for).
    let mut items: Vec<(String, Option<Vec<f32>>, Vec<usize>)> = units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let texts: Vec<&str> = u.ideas.iter().map(|(_, t)| t.as_str()).collect();
            let (words, centre) = words_and_centre(&texts, meaning);
            (words, centre, vec![i])
        })
        .collect();
    // Later passes compare whole themes, whose centres sit closer together than single
    // groups do: they merge only what is clearly the same.
    let mut granularity = Granularity::Default;
    loop {
        let blocks: Vec<_> = items.chunks(MAX_EXACT.max(2)).map(<[_]>::to_vec).collect();
        let single = blocks.len() <= 1;
        let mut next = Vec::new();
        let mut labelled = Vec::new();
        for block in blocks {
            let centres = KnownEmbeddings::new(meaning.dim(), meaning.prior_centre())
                .with_axis(meaning.stance_axis());
            centres.insert(
                block
                    .iter()
                    .filter_map(|(w, c, _)| c.clone().map(|c| (w.clone(), c))),
            );
            let words: Vec<&str> = block.iter().map(|(w, _, _)| w.as_str()).collect();
            for (label, members) in
                group_texts_embedded(&words, Lang::Auto, granularity, Some(&centres))
            {
                let all: Vec<usize> = members.iter().flat_map(|m| block[*m].2.clone()).collect();
                if single {
                    labelled.push((label, all));
                } else {
                    // The words of its largest part stand for it: all of them together
                    // would share words with every other theme.
                    let largest = members
                        .iter()
                        .max_by_key(|m| block[**m].2.len())
                        .map_or(String::new(), |m| block[*m].0.clone());
                    let centres: Vec<Vec<f32>> =
                        members.iter().filter_map(|m| block[*m].1.clone()).collect();
                    next.push((largest, mean(&centres), all));
                }
            }
        }
        // A pass that merged nothing would loop for ever: take it as it is.
        if single || next.len() == items.len() {
            if single {
                return labelled;
            }
            return next.into_iter().map(|(w, _, all)| (w, all)).collect();
        }
        items = next;
        granularity = Granularity::Finer;
    }
}

fn theme_of(
    label: String,
    members: &[usize],
    units: &[Unit],
    dates: &[Date],
    teams: &[String],
) -> ProgrammeTheme {
    let members: Vec<&Unit> = members.iter().map(|m| &units[*m]).collect();
    let sessions: BTreeSet<usize> = members.iter().map(|u| u.session).collect();
    let mut authors: BTreeMap<usize, BTreeSet<ParticipantId>> = BTreeMap::new();
    for u in &members {
        authors
            .entry(u.session)
            .or_default()
            .extend(u.ideas.iter().map(|(p, _)| *p));
    }
    let room_label = members
        .iter()
        .filter_map(|u| {
            u.room_label
                .as_ref()
                .map(|l| (u.denominator, u.ideas.len(), l))
        })
        .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.cmp(a.2)));
    let mut team_names: Vec<String> = Vec::new();
    for s in &sessions {
        if !team_names.contains(&teams[*s]) {
            team_names.push(teams[*s].clone());
        }
    }
    let mut ideas: Vec<ThemeIdea> = members
        .iter()
        .flat_map(|u| {
            u.ideas.iter().map(|(_, t)| ThemeIdea {
                session: u.session,
                text: t.clone(),
            })
        })
        .collect();
    // Each session's first idea, then each one's second...: the first few shown come from
    // as many teams as they can.
    let mut rank: BTreeMap<usize, usize> = BTreeMap::new();
    let mut keyed: Vec<((usize, usize), ThemeIdea)> = ideas
        .drain(..)
        .map(|i| {
            let r = rank.entry(i.session).or_default();
            *r += 1;
            ((*r, i.session), i)
        })
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    ideas = keyed.into_iter().map(|(_, i)| i).collect();
    ProgrammeTheme {
        label: room_label.map_or(label, |(_, _, l)| l.clone()),
        first_seen: sessions.iter().map(|s| dates[*s]).min().unwrap_or_default(),
        last_seen: sessions.iter().map(|s| dates[*s]).max().unwrap_or_default(),
        denominator_in: members
            .iter()
            .filter(|u| u.denominator)
            .map(|u| u.session)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        people: authors.values().map(BTreeSet::len).sum(),
        teams: team_names,
        sessions: sessions.into_iter().collect(),
        ideas,
    }
}
