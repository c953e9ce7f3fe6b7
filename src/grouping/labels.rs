//! Group labels in the room's own words: whole words as someone wrote them, in the language
//! most of the group's ideas are in, the words most members share (or, where the group is
//! held by meaning alone, the most telling words of its most central idea), general words
//! damped by how common they are in language at large ([`super::background`]).

use std::collections::{BTreeMap, HashSet};

use super::background;
use super::features::Analysis;
use super::language::Detected;

/// Separator between label words.
pub const SEP: &str = " · ";

/// A label candidate with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub surface: String,
    pub score: f32,
    pub count: usize,
}

/// Display form of a word: acronyms and brand-like capitals are kept ("LinkedIn", "HR"),
/// sentence-initial or shouted capitals are lowered.
fn display_form(surface: &str) -> String {
    let upper = surface.chars().filter(|c| c.is_uppercase()).count();
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    let inner_caps = surface.chars().skip(1).any(char::is_uppercase);
    if (upper == letters && letters <= 4) || (inner_caps && upper < letters) {
        surface.to_string()
    } else {
        surface.to_lowercase()
    }
}

/// Whether a word can name a group: letters (with the hyphens and apostrophes inside
/// words), at least two of them; never digits or what is left of an escape sequence.
pub fn nameable(surface: &str) -> bool {
    let mut letters = 0;
    for c in surface.chars() {
        if c.is_alphabetic() {
            letters += 1;
        } else if !matches!(c, '-' | '\'' | '\u{2019}' | '&' | '.') {
            return false;
        }
    }
    letters >= 2
}

/// The language most of the members are written in (None when no member's is known). A
/// tie goes to the board's language (`board`, the language most of its ideas are in), or
/// without one to the first member's (the group's most central idea).
pub fn majority_language(members: &[&Analysis], board: Option<Detected>) -> Option<Detected> {
    let known = |a: &&Analysis| a.lang.filter(|l| *l != Detected::Unknown);
    let count = |l: Detected| members.iter().filter(|a| known(a) == Some(l)).count();
    let (en, nl) = (count(Detected::En), count(Detected::Nl));
    match en.cmp(&nl) {
        std::cmp::Ordering::Greater => Some(Detected::En),
        std::cmp::Ordering::Less => Some(Detected::Nl),
        std::cmp::Ordering::Equal if en == 0 => None,
        std::cmp::Ordering::Equal => board
            .filter(|l| *l != Detected::Unknown)
            .or_else(|| members.iter().find_map(known)),
    }
}

/// Whether a member's words may name the group: it is in the group's language, or its own
/// language is not known (a single word, a name).
fn speaks(a: &Analysis, voice: Option<Detected>) -> bool {
    match (voice, a.lang) {
        (Some(v), Some(l)) if l != Detected::Unknown => l == v,
        _ => true,
    }
}

/// Rank the words and concepts of a group. `idf` gives the board-wide rarity of a stem.
/// How many members share a word counts every member; the words offered are those of the
/// members in the group's language, and only words that can name a group.
pub fn rank(
    members: &[&Analysis],
    idf: &dyn Fn(&str) -> f32,
    board: Option<Detected>,
) -> Vec<Candidate> {
    let voiced = rank_in(members, idf, majority_language(members, board));
    if voiced.is_empty() {
        // the majority's ideas have no word to name it by: any member's will do
        return rank_in(members, idf, None);
    }
    voiced
}

fn rank_in(
    members: &[&Analysis],
    idf: &dyn Fn(&str) -> f32,
    voice: Option<Detected>,
) -> Vec<Candidate> {
    // stem -> (members containing it, surface counts)
    let mut stems: BTreeMap<String, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    let mut concepts: BTreeMap<u32, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    for a in members {
        let offers = speaks(a, voice);
        let mut seen: Vec<&str> = Vec::new();
        for t in &a.terms {
            let e = stems.entry(t.stem.clone()).or_default();
            if !seen.contains(&t.stem.as_str()) {
                e.0 += 1;
                seen.push(&t.stem);
            }
            let surface = a.surface(t.token);
            if offers && nameable(surface) {
                *e.1.entry(display_form(surface)).or_default() += 1;
            }
        }
        for h in &a.concepts {
            if h.weight < 1.0 {
                continue; // parent concepts are too vague for a label
            }
            let e = concepts.entry(h.concept).or_default();
            e.0 += 1;
            let surface = a.surface(h.token);
            if offers && nameable(surface) {
                *e.1.entry(display_form(surface)).or_default() += 1;
            }
        }
    }
    let best_surface = |m: &BTreeMap<String, usize>| -> String {
        m.iter()
            .fold(None::<(&String, usize)>, |acc, (s, c)| match acc {
                Some((_, bc)) if bc >= *c => acc,
                _ => Some((s, *c)),
            })
            .map(|(s, _)| s.clone())
            .unwrap_or_default()
    };
    let mut out: Vec<Candidate> = Vec::new();
    for (stem, (count, surf)) in &stems {
        let surface = best_surface(surf);
        out.push(Candidate {
            score: *count as f32 * idf(stem) * background::weight(&surface),
            surface,
            count: *count,
        });
    }
    for (count, surf) in concepts.values() {
        // a concept names the group by a word only when several members wrote that word
        // ("buren" alone does not name a group of neighbours, friends and family)
        if *count < 2 || surf.values().max().is_none_or(|c| *c < 2) {
            continue;
        }
        let surface = best_surface(surf);
        out.push(Candidate {
            score: *count as f32 * 1.5 * 0.9 * background::weight(&surface),
            surface,
            count: *count,
        });
    }
    out.retain(|c| !c.surface.is_empty());
    // words shared by several members first, then by score
    out.sort_by(|a, b| {
        b.count
            .min(2)
            .cmp(&a.count.min(2))
            .then(b.score.total_cmp(&a.score))
            .then(b.count.cmp(&a.count))
            .then(a.surface.cmp(&b.surface))
    });
    // one entry per surface (a set: a board of thousands of ungrouped ideas has as many)
    let mut seen: HashSet<String> = HashSet::with_capacity(out.len());
    out.retain(|c| seen.insert(c.surface.to_lowercase()));
    out
}

/// Longest word shown in a label.
const MAX_WORD: usize = 24;

fn shorten(s: &str) -> String {
    if s.chars().count() > MAX_WORD {
        let mut t: String = s.chars().take(MAX_WORD - 1).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

/// Words too general to be a label on their own (`assets/grouping/weak-label-words.txt`).
const WEAK: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/grouping/weak-label-words.txt"
));

/// Whether a word says too little to name a group alone: among the most common words of
/// its language, or a general word of the list ("zien", "open", "kant").
pub fn is_weak(word: &str) -> bool {
    background::is_most_common(word) || listed_weak(word)
}

fn listed_weak(word: &str) -> bool {
    static SET: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| {
        WEAK.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(crate::fold::fold)
            .collect()
    });
    set.contains(&crate::fold::fold(word))
}

/// The participant's words of an idea in their order, at most `n` (a key phrase).
fn key_phrase(a: &Analysis, n: usize) -> String {
    let mut words: Vec<String> = Vec::new();
    for t in &a.terms {
        let surface = a.surface(t.token);
        if !nameable(surface) {
            continue;
        }
        let w = display_form(surface);
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words.truncate(n);
    words
        .iter()
        .map(|w| shorten(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Build a label from ranked candidates: one or two words; general words ("zien", "open")
/// only beside a telling one, or, when the group has none, the key phrase of its most
/// central idea. A group whose members share no telling word is held together by meaning:
/// its most central idea's two most telling words name it, in the order they were written.
fn compose_with(
    cands: &[Candidate],
    group_size: usize,
    fallback: &str,
    central: Option<&Analysis>,
) -> String {
    if cands.is_empty() {
        let clean = super::tokenize::sanitize(fallback);
        let short = shorten(&clean.split_whitespace().collect::<Vec<_>>().join(" "));
        return if short.is_empty() {
            "…".to_string()
        } else {
            short
        };
    }
    // general words name a group only when nothing telling is there
    let strong: Vec<&Candidate> = cands.iter().filter(|c| !is_weak(&c.surface)).collect();
    if group_size >= 2
        && !strong.iter().any(|c| c.count >= 2)
        && let Some(phrase) = central.and_then(|a| telling_phrase(a, &strong))
    {
        return phrase;
    }
    let pool: Vec<&Candidate> = if strong.is_empty() {
        if let Some(phrase) = central.map(|a| key_phrase(a, 4))
            && phrase.split_whitespace().count() > 1
        {
            return phrase;
        }
        cands.iter().collect()
    } else {
        strong
    };
    let first = pool[0];
    let mut words = vec![first];
    if let Some(second) = pool.get(1) {
        let wanted = group_size <= 1 || second.count >= 2;
        let alone_weak = is_weak(&first.surface);
        if alone_weak || (wanted && second.score >= first.score * 0.5) {
            words.push(second);
        }
    }
    words
        .iter()
        .map(|c| shorten(&c.surface))
        .collect::<Vec<_>>()
        .join(SEP)
}

/// The (at most two) most telling of `strong` words that idea `a` itself wrote, in its
/// order; None when it wrote none of them.
fn telling_phrase(a: &Analysis, strong: &[&Candidate]) -> Option<String> {
    let own: Vec<String> = a.tokens.iter().map(|t| t.surface.to_lowercase()).collect();
    // `strong` is ranked: its first two of this idea's words are the most telling
    let chosen: Vec<&str> = strong
        .iter()
        .map(|c| c.surface.as_str())
        .filter(|w| own.contains(&w.to_lowercase()))
        .take(2)
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let mut placed: Vec<(usize, &str)> = chosen
        .iter()
        .map(|w| {
            (
                own.iter().position(|o| *o == w.to_lowercase()).unwrap_or(0),
                *w,
            )
        })
        .collect();
    placed.sort_unstable();
    Some(
        placed
            .iter()
            .map(|(_, w)| shorten(w))
            .collect::<Vec<_>>()
            .join(SEP),
    )
}

/// Label for a group of analysed ideas, its most central idea first, on a board mostly in
/// language `board`.
pub fn label_for(
    members: &[&Analysis],
    idf: &dyn Fn(&str) -> f32,
    board: Option<Detected>,
    fallback: &str,
) -> String {
    compose_for(&rank(members, idf, board), members, fallback)
}

/// [`label_for`] with the candidates already ranked (`members`: the most central first).
pub fn compose_for(cands: &[Candidate], members: &[&Analysis], fallback: &str) -> String {
    compose_with(cands, members.len(), fallback, members.first().copied())
}

/// Whether every word of an automatic label is still a word of one of the members (a label
/// follows its members: one naming a word nobody in the group said is made anew).
pub fn fits(label: &str, members: &[&Analysis]) -> bool {
    let nameless = |a: &&Analysis| a.terms.iter().all(|t| !nameable(a.surface(t.token)));
    if members.iter().all(nameless) {
        // no word to name it by: the label is the first idea's text as it came
        return !members.is_empty();
    }
    let said: HashSet<String> = members
        .iter()
        .flat_map(|a| a.tokens.iter().map(|t| t.surface.to_lowercase()))
        .collect();
    label
        .split(SEP)
        .flat_map(str::split_whitespace)
        .map(str::to_lowercase)
        .all(|w| match w.strip_suffix('…') {
            Some(start) => said.iter().any(|s| s.starts_with(start)),
            None => said.contains(&w),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grouping::Lang;
    use crate::grouping::features::Analyzer;
    use crate::grouping::language::Detected;

    #[test]
    fn label_uses_surface_forms() {
        let an = Analyzer::new();
        let a = an.analyze("Posts op LinkedIn delen", Lang::Auto, Detected::Nl);
        let b = an.analyze("LinkedIn posts liken", Lang::Auto, Detected::Nl);
        let l = label_for(&[&a, &b], &|_| 1.0, None, "");
        assert!(l.contains("LinkedIn"), "{l}");
        assert!(!l.contains("linkedin"), "{l}");
    }

    #[test]
    fn a_common_verb_or_function_word_is_never_a_label_alone() {
        let an = Analyzer::new();
        let a = an.analyze("elkaar vaker zien", Lang::Auto, Detected::Nl);
        let b = an.analyze(
            "zien wat er speelt op de afdeling",
            Lang::Auto,
            Detected::Nl,
        );
        let l = label_for(&[&a, &b], &|_| 1.0, None, "");
        assert_ne!(l, "zien");
        assert!(l.split(SEP).any(|w| !is_weak(w)), "{l}");
        // a single idea of general words only is named by its own words in order
        let c = an.analyze("open kant zien", Lang::Auto, Detected::Nl);
        assert_eq!(label_for(&[&c], &|_| 1.0, None, ""), "open kant zien");
        assert!(is_weak("Binnen") && is_weak("open") && !is_weak("LinkedIn"));
    }

    #[test]
    fn a_label_fits_only_while_its_words_are_the_members_own() {
        let an = Analyzer::new();
        let a = an.analyze(
            "verjaardagen van collega's vieren",
            Lang::Auto,
            Detected::Nl,
        );
        let b = an.analyze("Verjaardagen op de afdeling", Lang::Auto, Detected::Nl);
        assert!(fits("verjaardagen · afdeling", &[&a, &b]));
        assert!(!fits("verjaardagen · patiënten", &[&a, &b]));
        assert!(fits("verjaard…", &[&a]));
    }

    fn nl(an: &Analyzer, text: &str) -> Analysis {
        an.analyze(text, Lang::Auto, Detected::Nl)
    }

    #[test]
    fn a_mostly_dutch_group_is_named_in_dutch_and_a_mostly_english_one_in_english() {
        let an = Analyzer::new();
        let (a, b, c) = (
            nl(&an, "Trots op onze afdeling"),
            nl(&an, "Ik ben trots op mijn collega's"),
            nl(&an, "Proud of the work we deliver every day"),
        );
        assert_eq!(majority_language(&[&a, &b, &c], None), Some(Detected::Nl));
        let l = label_for(&[&a, &b, &c], &|_| 1.0, None, "");
        assert!(l.to_lowercase().contains("trots"), "{l}");
        for english in ["proud", "work", "deliver", "day"] {
            assert!(!l.to_lowercase().contains(english), "{l}");
        }
        // the other way round: two English ideas, one Dutch
        let (d, e, f) = (
            nl(&an, "Proud of the team I work with"),
            nl(&an, "Being proud of our hospital"),
            nl(&an, "Trots op de zorg die we geven"),
        );
        let l = label_for(&[&f, &d, &e], &|_| 1.0, None, "");
        assert!(l.to_lowercase().contains("proud"), "{l}");
        assert!(
            !l.to_lowercase().contains("trots") && !l.contains("zorg"),
            "{l}"
        );
        // one of each: the board's language decides
        let (g, h) = (
            nl(&an, "Proud to tell people where I work"),
            nl(&an, "Trots vertellen waar ik werk"),
        );
        for (board, word, not) in [
            (Detected::En, "proud", "trots"),
            (Detected::Nl, "trots", "proud"),
        ] {
            let l = label_for(&[&h, &g], &|_| 1.0, Some(board), "").to_lowercase();
            assert!(l.contains(word) && !l.contains(not), "{board:?}: {l}");
        }
    }

    #[test]
    fn digits_and_escape_residue_never_name_a_group() {
        let an = Analyzer::new();
        let a = nl(&an, "\u{1b}[2J rooster 2025 plannen");
        let b = nl(&an, "rooster voor Q3 en 2025 delen");
        let l = label_for(&[&a, &b], &|_| 1.0, None, "");
        assert!(!l.chars().any(|c| c.is_ascii_digit()), "{l}");
        assert!(l.contains("rooster"), "{l}");
        assert!(fits(&l, &[&a, &b]), "{l}");
        for word in ["2J", "2025", "Q3", "x", "[K"] {
            assert!(!nameable(word), "{word}");
        }
        for word in ["LinkedIn", "collega's", "e-mail", "HR"] {
            assert!(nameable(word), "{word}");
        }
        // an idea of nothing but numbers is still named by what it says
        let c = nl(&an, "2025");
        assert_eq!(label_for(&[&c], &|_| 1.0, None, "2025"), "2025");
        assert!(fits("2025", &[&c]));
    }

    #[test]
    fn a_group_held_by_meaning_alone_is_named_by_its_most_central_idea_in_its_order() {
        let an = Analyzer::new();
        // no content word is shared: the first member is the most central one
        let a = nl(&an, "Een gastles geven op een school");
        let b = nl(&an, "Bezoekers rondleiden door het magazijn");
        let c = nl(&an, "Stagiairs begeleiden bij ons");
        let l = label_for(&[&a, &b, &c], &|_| 1.0, None, "");
        let own: Vec<String> = a.tokens.iter().map(|t| t.surface.to_lowercase()).collect();
        let words: Vec<&str> = l.split(SEP).collect();
        assert!(!words.is_empty() && words.len() <= 2, "{l}");
        assert!(words.iter().all(|w| own.contains(&w.to_lowercase())), "{l}");
        let at: Vec<usize> = words
            .iter()
            .map(|w| own.iter().position(|o| *o == w.to_lowercase()).unwrap())
            .collect();
        assert!(at.windows(2).all(|p| p[0] < p[1]), "{l}");
        assert!(fits(&l, &[&a, &b, &c]));
    }

    #[test]
    fn a_word_common_in_language_at_large_yields_to_a_telling_one() {
        let an = Analyzer::new();
        // both words are shared by both ideas and equally rare on the board
        let a = nl(&an, "after work a borrel with the team");
        let b = nl(&an, "a borrel after work on friday");
        let l = label_for(&[&a, &b], &|_| 1.0, None, "");
        assert!(l.starts_with("borrel"), "{l}");
    }

    #[test]
    fn empty_group_gets_fallback() {
        let an = Analyzer::new();
        let a = an.analyze("🎉🎉", Lang::Auto, Detected::Nl);
        assert_eq!(label_for(&[&a], &|_| 1.0, None, "🎉🎉"), "🎉🎉");
    }
}
