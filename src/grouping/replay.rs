//! The live board replayed: texts fed one at a time to an [`Engine`] the way the program
//! feeds the ideas a facilitator types, so the live grouping can be scored like the batch
//! (`ambassador group --live`).
//!
//! With an encoder on the program's worker an idea goes in before its embedding is known:
//! it is placed on shared words, its embedding arrives ([`Engine::supply`]), and once no
//! embedding of the board is missing the free ideas are regrouped with every embedding
//! ([`Engine::regrouped`], the settle) and the board adopts the result. A model that embeds
//! at once (a model2vec folder) places each idea with its meaning and never settles, as in
//! the program.

use std::collections::HashSet;

use super::batch::{BatchError, BatchGroup, BatchOutput, read_ideas};
use super::{Embedder, Engine, EngineConfig, Granularity, IdeaId, KnownEmbeddings, Lang};

/// How the meaning of an idea reaches the live board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    /// Known when the idea goes in (a model that embeds at once, or none).
    AtOnce,
    /// Arrives after the idea went in (the encoder's worker); `settle`: then the board is
    /// regrouped once nothing is missing, as the program does.
    Late { settle: bool },
}

/// Feeds `texts` one at a time to a live engine; returns (label, indices into `texts`) per
/// group, largest group first (ties: the group with the earliest idea), like
/// [`super::group_texts`].
pub fn replay(
    texts: &[&str],
    lang: Lang,
    granularity: Granularity,
    embedder: Option<&dyn Embedder>,
    arrival: Arrival,
) -> Vec<(String, Vec<usize>)> {
    let known = embedder.map(KnownEmbeddings::for_model);
    let mut engine = Engine::new(EngineConfig {
        lang,
        granularity,
        embedder: known.clone().map(|k| Box::new(k) as Box<dyn Embedder>),
    });
    let mut ideas: Vec<(IdeaId, String)> = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let text = text.trim();
        let id = i as IdeaId;
        ideas.push((id, text.to_string()));
        let (Some(model), Some(known)) = (embedder, &known) else {
            engine.add(id, text);
            continue;
        };
        let fresh = !known.contains(text);
        let embedding = || (text.to_string(), model.embed_many(&[text]).remove(0));
        match arrival {
            Arrival::AtOnce => {
                if fresh {
                    known.insert([embedding()]);
                }
                engine.add(id, text);
            }
            Arrival::Late { settle } => {
                engine.add(id, text);
                if fresh {
                    known.insert([embedding()]);
                }
                engine.supply(&HashSet::from([text]));
                if settle && fresh && engine.waiting() == 0 && engine.free_ideas() > 0 {
                    let settled = Engine::regrouped(
                        lang,
                        Some(Box::new(known.clone())),
                        &ideas,
                        &engine.constraints(),
                        &mut |_, _| {},
                    );
                    engine.restore(&ideas, &settled);
                }
            }
        }
    }
    let mut out: Vec<(String, Vec<usize>)> = engine
        .groups()
        .into_iter()
        .map(|g| {
            let mut items: Vec<usize> = g.members.iter().map(|m| *m as usize).collect();
            items.sort_unstable();
            (g.label, items)
        })
        .filter(|(_, items)| !items.is_empty())
        .collect();
    out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1[0].cmp(&b.1[0])));
    out
}

/// `group --live` minus argument parsing and printing: [`super::batch::run`] with the
/// lines replayed through the live engine.
pub fn run(
    input: &[u8],
    lang: Lang,
    granularity: Granularity,
    embedder: Option<&dyn Embedder>,
    arrival: Arrival,
) -> Result<(Vec<String>, BatchOutput), BatchError> {
    let ideas = read_ideas(input)?;
    let refs: Vec<&str> = ideas.iter().map(String::as_str).collect();
    let groups = replay(&refs, lang, granularity, embedder, arrival)
        .into_iter()
        .map(|(label, items)| BatchGroup { label, items })
        .collect();
    Ok((ideas, BatchOutput { groups }))
}
