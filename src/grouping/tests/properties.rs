//! Property tests: arbitrary strings and edit sequences never panic, every idea is in
//! exactly one group, and restore reproduces the board.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::helpers::check_invariants;
use crate::grouping::{Engine, Granularity, IdeaId, Lang, group_texts};

#[derive(Debug, Clone)]
enum Op {
    Add(u64, String),
    Edit(u64, String),
    Remove(u64),
    MoveTo(u64, u64),
    PullOut(u64),
    Merge(u64, u64),
    Split(u64, u64),
    Rename(u64, String),
    Lock(u64, bool),
    Gran(u8),
}

fn op() -> impl Strategy<Value = Op> {
    let text = prop_oneof![
        any::<String>(),
        "[a-z ]{0,30}",
        prop::sample::select(vec![
            "trots op werk".to_string(),
            "LinkedIn posts".into(),
            "tijd rooster".into(),
            "proud of work".into()
        ]),
    ];
    prop_oneof![
        4 => (0u64..10, text.clone()).prop_map(|(i, t)| Op::Add(i, t)),
        2 => (0u64..10, text.clone()).prop_map(|(i, t)| Op::Edit(i, t)),
        1 => (0u64..10).prop_map(Op::Remove),
        1 => (0u64..10, 0u64..12).prop_map(|(i, g)| Op::MoveTo(i, g)),
        1 => (0u64..10).prop_map(Op::PullOut),
        1 => (0u64..12, 0u64..12).prop_map(|(a, b)| Op::Merge(a, b)),
        1 => (0u64..12, 0u64..10).prop_map(|(g, i)| Op::Split(g, i)),
        1 => (0u64..12, text).prop_map(|(g, t)| Op::Rename(g, t)),
        1 => (0u64..12, any::<bool>()).prop_map(|(g, l)| Op::Lock(g, l)),
        1 => (0u8..3).prop_map(Op::Gran),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn engine_never_panics_and_partitions(ops in prop::collection::vec(op(), 0..40)) {
        let mut e = Engine::default();
        let mut ideas: BTreeMap<IdeaId, String> = BTreeMap::new();
        for o in &ops {
            match o {
                Op::Add(i, t) => { e.add(*i, t); ideas.insert(*i, t.clone()); }
                Op::Edit(i, t) => { e.edit(*i, t); ideas.insert(*i, t.clone()); }
                Op::Remove(i) => { e.remove(*i); ideas.remove(i); }
                Op::MoveTo(i, g) => e.move_to(*i, *g),
                Op::PullOut(i) => { e.pull_out(*i); }
                Op::Merge(a, b) => e.merge(*a, *b),
                Op::Split(g, i) => { e.split(*g, &[*i]); }
                Op::Rename(g, t) => e.rename(*g, t),
                Op::Lock(g, l) => e.set_locked(*g, *l),
                Op::Gran(k) => e.set_granularity([Granularity::Coarser, Granularity::Default, Granularity::Finer][*k as usize]),
            }
        }
        check_invariants(&e);
        prop_assert_eq!(e.len(), ideas.len());
        let list: Vec<(IdeaId, String)> = ideas.into_iter().collect();
        let c = e.constraints();
        let mut r = Engine::default();
        r.restore(&list, &c);
        prop_assert_eq!(r.groups(), e.groups());
    }

    #[test]
    fn batch_partitions_arbitrary_lines(lines in prop::collection::vec(any::<String>(), 0..20)) {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let g = group_texts(&refs, Lang::Auto, Granularity::Default);
        let mut all: Vec<usize> = g.iter().flat_map(|x| x.1.clone()).collect();
        all.sort_unstable();
        prop_assert_eq!(all, (0..lines.len()).collect::<Vec<_>>());
    }
}
