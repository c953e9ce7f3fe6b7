//! Engine behaviour: stability, constraints, restore, bilingual matching, explanations,
//! churn and bad input. All texts are invented for these tests.

use std::collections::BTreeMap;

use super::helpers::*;
use crate::grouping::{
    Constraints, Engine, EngineConfig, Granularity, GroupId, IdeaId, Lang, group_texts,
};

#[test]
fn fixture_groups_by_theme_in_batch_and_live() {
    let texts: Vec<&str> = FIXTURE.iter().map(|x| x.1).collect();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let gold: Vec<usize> = FIXTURE
        .iter()
        .map(|x| {
            let n = ids.len();
            *ids.entry(x.0).or_insert(n)
        })
        .collect();
    let groups = group_texts(&texts, Lang::Auto, Granularity::Default);
    let mut pred = vec![usize::MAX; texts.len()];
    for (gi, (_, items)) in groups.iter().enumerate() {
        for i in items {
            assert_eq!(pred[*i], usize::MAX);
            pred[*i] = gi;
        }
    }
    let batch = ari(&gold, &pred);
    let e = board(&texts);
    let live: Vec<usize> = (0..texts.len())
        .map(|i| e.group_of(i as IdeaId).unwrap_or(0) as usize)
        .collect();
    let live = ari(&gold, &live);
    println!("fixture ARI batch={batch:.3} live={live:.3}");
    assert!(batch >= 0.4, "batch ARI {batch}");
    assert!(live >= 0.25, "live ARI {live}");
}

#[test]
fn bilingual_compound_and_typo_matching() {
    let e = board(&[
        "trots op mijn werk",
        "proud of my work",
        "netwerkborrel met ondernemers",
        "een borrel",
        "meer vrijwilligers werven",
        "vrijwiligers zoeken",
        "kosteloos parkeren",
    ]);
    let t = Granularity::Default.threshold();
    assert!(e.similarity(0, 1) >= t, "bilingual {}", e.similarity(0, 1));
    assert!(e.similarity(2, 3) >= t, "compound {}", e.similarity(2, 3));
    assert!(e.similarity(4, 5) >= t, "typo {}", e.similarity(4, 5));
    assert!(e.similarity(0, 6) < t);
    assert_eq!(e.group_of(0), e.group_of(1));
    let ex = e.explain_pair(2, 3);
    assert!(
        ex.similar_spellings
            .iter()
            .any(|(a, b)| a == "netwerkborrel" && b == "borrel"),
        "{ex:?}"
    );
}

#[test]
fn similar_spellings_are_compounds_and_slips_not_letters_shared_by_chance() {
    let e = board(&[
        "Collega's tippen over vacatures",
        "Een open dag organiseren",
        "Work from home sometimes",
        "Networking events with partners",
        "Taking photographs at events",
        "fotographs for the website",
    ]);
    let pairs = |a, b| e.explain_pair(a, b).similar_spellings;
    assert!(pairs(0, 1).is_empty(), "{:?}", pairs(0, 1));
    assert!(pairs(2, 3).is_empty(), "{:?}", pairs(2, 3));
    assert_eq!(
        pairs(4, 5),
        vec![("photographs".to_string(), "fotographs".to_string())]
    );
}

#[test]
fn explain_output_in_both_languages() {
    let e = board(&[
        "trots op mijn werk",
        "proud of my work",
        "LinkedIn posts delen",
        "LinkedIn posts liken",
    ]);
    let ex = e.explain_pair(0, 1);
    assert!(
        ex.shared_concepts
            .iter()
            .any(|c| c.en == "pride" && c.nl == "trots"),
        "{ex:?}"
    );
    let en = ex.to_string();
    assert!(
        en.contains("shared concepts: ") && en.contains("pride") && en.contains("together"),
        "{en}"
    );
    let ex = e.explain_pair(2, 3);
    assert!(ex.shared_words.contains(&"LinkedIn".to_string()), "{ex:?}");
    let g = e.group_of(2).expect("grouped");
    let m = e.explain_member(3, g);
    assert!(m.score > 0.0 && m.together() && m.shared_words.contains(&"LinkedIn".to_string()));
    assert!(e.explain_pair(0, 99).score == 0.0);
}

#[test]
fn adding_keeps_existing_ids_and_labels() {
    let mut e = board(&[
        "LinkedIn posts delen",
        "posts op LinkedIn liken",
        "meer tijd in het rooster",
    ]);
    let before = e.groups();
    let li = e.group_of(0).expect("grouped");
    assert_eq!(e.group_of(1), Some(li));
    let label = before
        .iter()
        .find(|g| g.id == li)
        .map(|g| g.label.clone())
        .expect("label");
    assert!(label.contains("LinkedIn"), "{label}");
    let g = e.add(3, "een LinkedIn post schrijven");
    assert_eq!(g, li);
    let after = e.groups();
    assert_eq!(
        after.iter().find(|g| g.id == li).map(|g| g.label.clone()),
        Some(label)
    );
    let other = e.add(4, "gratis koffie");
    assert_ne!(other, li);
    for g in &before {
        assert!(
            after.iter().any(|a| a.id == g.id),
            "group {} vanished",
            g.id
        );
    }
    check_invariants(&e);
}

#[test]
fn facilitator_constraints_survive_later_adds() {
    let mut e = board(&[
        "LinkedIn posts delen",
        "posts op LinkedIn liken",
        "meer tijd in het rooster",
        "uren op de planning",
    ]);
    let li = e.group_of(0).expect("g");
    let time = e.group_of(2).expect("g");
    assert_ne!(li, time);
    // move, rename, lock
    e.move_to(3, li);
    e.rename(li, "Online");
    e.set_locked(time, true);
    e.add(5, "nog meer tijd in het rooster graag");
    assert_ne!(e.group_of(5), Some(time), "locked group took a member");
    e.add(6, "LinkedIn posts delen en liken");
    assert_eq!(e.group_of(6), Some(li));
    assert_eq!(e.group_of(3), Some(li), "moved idea went back");
    let v = e.groups();
    let g = v.iter().find(|g| g.id == li).expect("li");
    assert_eq!(g.label, "Online");
    assert!(g.label_is_custom);
    assert!(v.iter().find(|g| g.id == time).is_some_and(|g| g.locked));
    // editing a pinned idea keeps it where the facilitator put it
    e.edit(3, "iets heel anders over koffie");
    assert_eq!(e.group_of(3), Some(li));
    // rename back to automatic
    e.rename(li, "  ");
    assert!(
        !e.groups()
            .iter()
            .find(|g| g.id == li)
            .expect("li")
            .label_is_custom
    );
    check_invariants(&e);
}

#[test]
fn merge_split_pull_out() {
    let mut e = board(&[
        "LinkedIn posts delen",
        "posts op LinkedIn liken",
        "meer tijd in het rooster",
        "uren op de planning",
    ]);
    let a = e.group_of(0).expect("g");
    let b = e.group_of(2).expect("g");
    e.rename(b, "Tijd");
    e.merge(a, b);
    assert!(e.groups().iter().all(|g| g.id != b));
    assert_eq!(e.group_of(2), Some(a));
    assert_eq!(
        e.groups()
            .iter()
            .find(|g| g.id == a)
            .map(|g| g.label.clone()),
        Some("Tijd".into())
    );
    let s = e.split(a, &[2, 3]);
    assert_ne!(s, a);
    assert_eq!(e.group_of(2), Some(s));
    assert_eq!(e.group_of(3), Some(s));
    assert_eq!(e.group_of(0), Some(a));
    // a split-off group is not merged back automatically
    e.add(10, "tijd en uren op de planning en LinkedIn posts");
    assert_ne!(e.group_of(0), e.group_of(2));
    let p = e.pull_out(0);
    assert_eq!(e.group_of(0), Some(p));
    assert_eq!(
        e.groups()
            .iter()
            .find(|g| g.id == p)
            .map(|g| g.members.clone()),
        Some(vec![0])
    );
    e.add(11, "LinkedIn posts delen");
    assert_eq!(e.group_of(0), Some(p), "pulled-out idea moved");
    // new ids are never reused
    let ids: Vec<GroupId> = e.groups().iter().map(|g| g.id).collect();
    let n = e.pull_out(1);
    assert!(!ids.contains(&n) && n > b);
    check_invariants(&e);
}

#[test]
fn a_first_look_gathers_the_free_ideas_and_groups_them_as_placing_each_then_regrouping_would() {
    let texts: Vec<(IdeaId, String)> = FIXTURE
        .iter()
        .enumerate()
        .map(|(i, x)| (i as IdeaId, x.1.to_string()))
        .collect();
    // one stored group that stays as it is
    let mut shaped = Engine::default();
    shaped.restore(&texts[..2], &Constraints::default());
    let kept = shaped.constraints();
    let partition = |e: &Engine| {
        let mut p: Vec<Vec<IdeaId>> = e
            .groups()
            .iter()
            .map(|g| {
                let mut m: Vec<IdeaId> = g.members.clone();
                m.sort_unstable();
                m
            })
            .collect();
        p.sort();
        p
    };
    let mut slow = Engine::default();
    slow.restore(&texts, &kept);
    slow.regroup();
    let mut fast = Engine::default();
    fast.restore_and_regroup(&texts, &kept);
    assert_eq!(partition(&fast), partition(&slow));
    assert!(fast.groups().len() > 1);
    check_invariants(&fast);
}

#[test]
fn restore_is_deterministic() {
    let texts = [
        "trots op ons werk",
        "proud of our work",
        "LinkedIn posts delen",
        "vacatures delen",
        "uren op de planning",
        "tijd",
        "borrel",
    ];
    let mut e = board(&texts);
    let li = e.group_of(2).expect("g");
    e.rename(li, "Online");
    let p = e.pull_out(3);
    e.set_locked(p, true);
    e.set_granularity(Granularity::Finer);
    let c = e.constraints();
    let json = serde_json::to_string(&c).expect("serialize");
    let c2 = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(c, c2);
    let ideas: Vec<(IdeaId, String)> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| (i as IdeaId, t.to_string()))
        .collect();
    let mut r1 = Engine::default();
    r1.restore(&ideas, &c2);
    let mut r2 = Engine::new(EngineConfig::default());
    r2.restore(&ideas, &c2);
    assert_eq!(r1.groups(), r2.groups());
    assert_eq!(r1.groups(), e.groups());
    assert_eq!(r1.constraints(), c);
    // the id counter survives: a new group gets a fresh id
    let fresh = r1.pull_out(0);
    assert!(e.groups().iter().all(|g| g.id != fresh));
}

#[test]
fn remove_and_edit() {
    let mut e = board(&[
        "LinkedIn posts delen",
        "posts op LinkedIn liken",
        "kosteloos parkeren",
    ]);
    let li = e.group_of(0).expect("g");
    e.edit(1, "LinkedIn posts liken en delen");
    assert_eq!(e.group_of(1), Some(li));
    let park = e.group_of(2).expect("g");
    e.edit(2, "kosteloos parkeren voor iedereen");
    assert_eq!(
        e.group_of(2),
        Some(park),
        "a singleton keeps its id on edit"
    );
    e.remove(0);
    e.remove(1);
    assert!(e.groups().iter().all(|g| g.id != li));
    assert_eq!(e.group_of(0), None);
    e.remove(42);
    check_invariants(&e);
    assert_eq!(e.preview("kosteloos parkeren"), Some(park));
    assert_eq!(e.preview("🎉"), None);
}

#[test]
fn granularity_changes_group_count() {
    let texts: Vec<&str> = FIXTURE.iter().map(|x| x.1).collect();
    let count = |g| group_texts(&texts, Lang::Auto, g).len();
    assert!(count(Granularity::Coarser) <= count(Granularity::Default));
    assert!(count(Granularity::Default) <= count(Granularity::Finer));
    let mut e = board(&texts);
    e.set_granularity(Granularity::Finer);
    check_invariants(&e);
    e.set_granularity(Granularity::Coarser);
    check_invariants(&e);
}

#[test]
fn second_domain_fixture_groups_by_theme() {
    let a = fixture_ari(FIXTURE_CITY);
    let b = fixture_ari(FIXTURE_TECH);
    println!("city fixture ARI {a:.3}, tech fixture ARI {b:.3}");
    assert!(a >= 0.25, "ARI {a}");
    assert!(b >= 0.3, "ARI {b}");
}

#[test]
fn false_friends_only_match_in_their_language() {
    let e = board(&[
        "we are at an early stage",
        "een stage lopen bij ons",
        "stagiairs begeleiden",
    ]);
    assert!(
        e.explain_pair(1, 2)
            .shared_concepts
            .iter()
            .any(|c| c.en.contains("students"))
    );
    assert!(e.explain_pair(0, 2).shared_concepts.is_empty());
}
