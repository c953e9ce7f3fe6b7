//! Embeddings that arrive after their ideas were placed ([`Engine::supply`]).

use super::helpers::encoder;
use crate::grouping::{Engine, EngineConfig, KnownEmbeddings};

/// An engine whose embeddings come from a table that starts empty.
fn late_board() -> (Engine, KnownEmbeddings) {
    let e = encoder();
    let known = KnownEmbeddings::for_model(e);
    let engine = Engine::new(EngineConfig {
        embedder: Some(Box::new(known.clone())),
        ..EngineConfig::default()
    });
    (engine, known)
}

/// Makes the embeddings of `texts` known and hands them to the engine.
fn arrive(engine: &mut Engine, known: &KnownEmbeddings, texts: &[&str]) -> Vec<u64> {
    let vectors = encoder().embed(texts);
    known.insert(texts.iter().map(|t| t.to_string()).zip(vectors));
    engine.supply(&texts.iter().copied().collect())
}

const LINKEDIN: &str = "Posting on LinkedIn about our projects";
const PARTY: &str = "Telling friends at a birthday party what I do";
const ONLINE: &str = "Sharing stories online about our work on social media";

/// A board of two unrelated ideas whose embeddings are known.
fn two_known() -> (Engine, KnownEmbeddings) {
    let (mut engine, known) = late_board();
    engine.add(1, LINKEDIN);
    engine.add(2, PARTY);
    arrive(&mut engine, &known, &[LINKEDIN, PARTY]);
    (engine, known)
}

#[test]
fn a_free_idea_placed_without_its_embedding_moves_once_it_arrives() {
    let (mut engine, known) = two_known();
    let alone = engine.add(3, ONLINE);
    assert_ne!(
        Some(alone),
        engine.group_of(1),
        "no shared word: a group of its own"
    );
    assert_eq!(engine.waiting(), 1);
    assert_eq!(arrive(&mut engine, &known, &[ONLINE]), vec![3]);
    assert_eq!(engine.group_of(3), engine.group_of(1));
    assert_eq!(engine.waiting(), 0);
    // once only: it is not looked at again when other embeddings arrive
    assert!(arrive(&mut engine, &known, &[LINKEDIN]).is_empty());
}

#[test]
fn ideas_the_facilitator_placed_and_locked_groups_stay_when_embeddings_arrive() {
    let (mut engine, known) = two_known();
    // pinned: moved by hand to the party group
    engine.add(3, ONLINE);
    let party = engine.group_of(2).unwrap();
    engine.move_to(3, party);
    // locked: alone in a locked group
    let other = "Writing blog posts on the internet about our work";
    let locked = engine.add(4, other);
    engine.set_locked(locked, true);
    assert!(arrive(&mut engine, &known, &[ONLINE, other]).is_empty());
    assert_eq!(engine.group_of(3), Some(party));
    assert_eq!(engine.group_of(4), Some(locked));
    super::helpers::check_invariants(&engine);
}

#[test]
fn a_board_regrouped_while_embeddings_are_missing_revisits_them() {
    let (mut engine, known) = late_board();
    for (i, t) in [LINKEDIN, PARTY, ONLINE].iter().enumerate() {
        engine.add(i as u64 + 1, t);
    }
    engine.regroup();
    assert_eq!(engine.waiting(), 3);
    arrive(&mut engine, &known, &[LINKEDIN, PARTY, ONLINE]);
    assert_eq!(engine.group_of(3), engine.group_of(1));
    assert_ne!(engine.group_of(2), engine.group_of(1));
}
