//! Shared helpers and the invented labelled fixture.

use std::collections::BTreeMap;

use crate::grouping::batch::group_texts_embedded;
use crate::grouping::{Encoder, Engine, Granularity, GroupId, IdeaId, Lang};

/// The built-in encoder, for tests that need real meaning.
pub fn encoder() -> &'static Encoder {
    Encoder::builtin().expect("the built-in encoder loads")
}

/// The groups (indices of `texts`) batch grouping with the built-in encoder makes.
pub fn encoded_groups(texts: &[&str]) -> Vec<Vec<usize>> {
    group_texts_embedded(texts, Lang::Auto, Granularity::Default, Some(&encoder()))
        .into_iter()
        .map(|(_, items)| items)
        .collect()
}

/// The group each text ended in by [`encoded_groups`].
pub fn encoded_group_of_each(texts: &[&str]) -> Vec<usize> {
    let groups = encoded_groups(texts);
    (0..texts.len()).map(|i| group_of(&groups, i)).collect()
}

/// Which of `groups` holds item `i`.
pub fn group_of(groups: &[Vec<usize>], i: usize) -> usize {
    groups
        .iter()
        .position(|g| g.contains(&i))
        .expect("every idea has a group")
}

/// Invented labelled fixture: (theme, text).
pub const FIXTURE: &[(&str, &str)] = &[
    ("pride", "ik ben trots op mijn team"),
    ("pride", "enthousiast vertellen over mijn baan"),
    ("pride", "I'm proud of what we build here"),
    ("social", "berichten van het bedrijf delen op LinkedIn"),
    ("social", "sharing company updates on LinkedIn"),
    ("social", "een post op Instagram over ons werk"),
    ("time", "meer uren in het rooster"),
    ("time", "time set aside in my schedule for this"),
    ("time", "tijd krijgen om dit te doen"),
    ("recognition", "een compliment van mijn leidinggevende"),
    ("recognition", "appreciation from management"),
    ("recognition", "erkenning voor extra inzet"),
    ("hiring", "vacatures doorsturen naar vrienden"),
    ("hiring", "referring friends for open vacancies"),
    ("hiring", "helpen met werving van nieuwe collega's"),
    ("events", "op de netwerkborrel over ons vertellen"),
    ("events", "chatting at networking drinks"),
    ("events", "een borrel met klanten en partners"),
];

pub fn ari(gold: &[usize], pred: &[usize]) -> f64 {
    let c2 = |n: usize| (n * n.saturating_sub(1)) as f64 / 2.0;
    let mut cells: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    let mut a: BTreeMap<usize, usize> = BTreeMap::new();
    let mut b: BTreeMap<usize, usize> = BTreeMap::new();
    for (g, p) in gold.iter().zip(pred) {
        *cells.entry((*g, *p)).or_default() += 1;
        *a.entry(*g).or_default() += 1;
        *b.entry(*p).or_default() += 1;
    }
    let idx: f64 = cells.values().map(|v| c2(*v)).sum();
    let sa: f64 = a.values().map(|v| c2(*v)).sum();
    let sb: f64 = b.values().map(|v| c2(*v)).sum();
    let exp = sa * sb / c2(gold.len());
    let max = (sa + sb) / 2.0;
    if max == exp {
        1.0
    } else {
        (idx - exp) / (max - exp)
    }
}

pub fn board(texts: &[&str]) -> Engine {
    let mut e = Engine::default();
    for (i, t) in texts.iter().enumerate() {
        e.add(i as IdeaId, t);
    }
    e
}

pub fn check_invariants(e: &Engine) {
    let mut seen: BTreeMap<IdeaId, GroupId> = BTreeMap::new();
    for g in e.groups() {
        assert!(!g.members.is_empty(), "empty group {}", g.id);
        // an automatic label names only words its members said
        assert!(
            g.label_is_custom || g.members.len() > 64 || e.label_fits(g.id),
            "label {:?} of group {} names a word none of its ideas has",
            g.label,
            g.id
        );
        for m in &g.members {
            assert!(seen.insert(*m, g.id).is_none(), "idea {m} in two groups");
            assert_eq!(e.group_of(*m), Some(g.id));
        }
    }
    assert_eq!(seen.len(), e.len());
}

/// Synthetic ideas from word lists (not workshop text).
pub fn synthetic(n: usize, seed: u64) -> Vec<String> {
    const NL: &[&str] = &[
        "trots",
        "werk",
        "collega",
        "klant",
        "tijd",
        "rooster",
        "vacature",
        "LinkedIn",
        "borrel",
        "training",
        "compliment",
        "leiding",
        "team",
        "post",
        "delen",
        "werving",
        "stagiair",
        "uren",
        "waardering",
        "evenement",
    ];
    const EN: &[&str] = &[
        "proud",
        "work",
        "colleague",
        "client",
        "time",
        "schedule",
        "vacancy",
        "LinkedIn",
        "drinks",
        "training",
        "praise",
        "management",
        "team",
        "post",
        "share",
        "hiring",
        "intern",
        "hours",
        "recognition",
        "event",
    ];
    const GLUE: &[&str] = &["op", "met", "voor", "over", "the", "and", "of", "our"];
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m as u64) as usize
    };
    (0..n)
        .map(|_| {
            let words = if next(2) == 0 { NL } else { EN };
            let k = 2 + next(4);
            let topic = next(words.len());
            let mut s: Vec<&str> = vec![words[topic]];
            for _ in 0..k {
                s.push(if next(3) == 0 {
                    GLUE[next(GLUE.len())]
                } else {
                    words[(topic + next(3)) % words.len()]
                });
            }
            s.join(" ")
        })
        .collect()
}

/// A second invented fixture from another kind of organisation (a city office).
pub const FIXTURE_CITY: &[(&str, &str)] = &[
    ("pride", "trots dat ik voor de stad werk"),
    ("pride", "ik vertel graag wat wij voor inwoners betekenen"),
    ("pride", "proud to serve the city"),
    ("social", "berichten van de gemeente retweeten"),
    ("social", "posten op LinkedIn over projecten in de wijk"),
    ("social", "sharing our project updates on Instagram"),
    ("citizens", "inwoners netjes te woord staan aan de balie"),
    ("citizens", "vriendelijk zijn tegen bellers aan de telefoon"),
    ("citizens", "helping residents quickly with their questions"),
    ("recruit", "vacatures van de gemeente delen in mijn netwerk"),
    (
        "recruit",
        "studenten enthousiast maken voor een stage bij ons",
    ),
    ("recruit", "referring friends for jobs at the council"),
    ("time", "tijd om dit naast mijn gewone werk te doen"),
    ("time", "hours in my schedule for this"),
    ("time", "ruimte in de planning"),
    (
        "rules",
        "duidelijke richtlijnen wat ik wel en niet mag zeggen",
    ),
    ("rules", "a policy on what we can share online"),
    ("rules", "regels over privacy van inwoners"),
];

/// Batch ARI of a labelled fixture.
pub fn fixture_ari(fixture: &[(&str, &str)]) -> f64 {
    let texts: Vec<&str> = fixture.iter().map(|x| x.1).collect();
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let gold: Vec<usize> = fixture
        .iter()
        .map(|x| {
            let n = ids.len();
            *ids.entry(x.0).or_insert(n)
        })
        .collect();
    let groups = crate::grouping::group_texts(
        &texts,
        crate::grouping::Lang::Auto,
        crate::grouping::Granularity::Default,
    );
    let mut pred = vec![0; texts.len()];
    for (gi, (_, items)) in groups.iter().enumerate() {
        for i in items {
            pred[*i] = gi;
        }
    }
    ari(&gold, &pred)
}

/// A third invented fixture: an English-speaking software team.
pub const FIXTURE_TECH: &[(&str, &str)] = &[
    ("proud", "I'm genuinely proud of the product we ship"),
    ("proud", "telling friends how much I enjoy working here"),
    (
        "proud",
        "being enthusiastic about our team at family dinners",
    ),
    ("socials", "resharing the company's LinkedIn posts"),
    ("socials", "posting screenshots of new features on Twitter"),
    (
        "socials",
        "liking and commenting on our engineering blog posts online",
    ),
    ("hiring", "recommending open roles to former classmates"),
    ("hiring", "joining interview panels for new engineers"),
    ("hiring", "referring people from my network for vacancies"),
    (
        "talks",
        "giving a talk at a conference about our architecture",
    ),
    ("talks", "presenting at a local meetup"),
    ("talks", "speaking on a podcast or webinar"),
    ("support", "help from the comms team with writing posts"),
    ("support", "ready-made visuals and templates"),
    ("support", "a photographer for our team pictures"),
    ("time", "time for this during working hours"),
    ("time", "not having to do it in the evenings"),
    ("time", "dedicated hours each sprint"),
];
