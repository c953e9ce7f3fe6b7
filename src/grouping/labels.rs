//! Group labels: the most telling words of a group, in the participants' own spelling.

use std::collections::{BTreeMap, HashSet};

use super::features::Analysis;

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

/// Rank the words and concepts of a group. `idf` gives the board-wide rarity of a stem.
pub fn rank(members: &[&Analysis], idf: &dyn Fn(&str) -> f32) -> Vec<Candidate> {
    // stem -> (members containing it, surface counts)
    let mut stems: BTreeMap<String, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    let mut concepts: BTreeMap<u32, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    for a in members {
        let mut seen: Vec<&str> = Vec::new();
        for t in &a.terms {
            let e = stems.entry(t.stem.clone()).or_default();
            if !seen.contains(&t.stem.as_str()) {
                e.0 += 1;
                seen.push(&t.stem);
            }
            *e.1.entry(display_form(a.surface(t.token))).or_default() += 1;
        }
        for h in &a.concepts {
            if h.weight < 1.0 {
                continue; // parent concepts are too vague for a label
            }
            let e = concepts.entry(h.concept).or_default();
            e.0 += 1;
            *e.1.entry(display_form(a.surface(h.token))).or_default() += 1;
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
        out.push(Candidate {
            surface: best_surface(surf),
            score: *count as f32 * idf(stem),
            count: *count,
        });
    }
    for (count, surf) in concepts.values() {
        if *count < 2 {
            continue;
        }
        out.push(Candidate {
            surface: best_surface(surf),
            score: *count as f32 * 1.5 * 0.9,
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

/// Whether a word says too little to name a group alone ("zien", "open", "kant").
pub fn is_weak(word: &str) -> bool {
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
        let w = display_form(a.surface(t.token));
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
/// only beside a telling one, or, when the group has none, the key phrase of its first idea.
fn compose_with(
    cands: &[Candidate],
    group_size: usize,
    fallback: &str,
    first_idea: Option<&Analysis>,
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
    let pool: Vec<&Candidate> = if strong.is_empty() {
        if let Some(phrase) = first_idea.map(|a| key_phrase(a, 4))
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

/// Label for a group of analysed ideas.
pub fn label_for(members: &[&Analysis], idf: &dyn Fn(&str) -> f32, fallback: &str) -> String {
    compose_for(&rank(members, idf), members, fallback)
}

/// [`label_for`] with the candidates already ranked.
pub fn compose_for(cands: &[Candidate], members: &[&Analysis], fallback: &str) -> String {
    compose_with(cands, members.len(), fallback, members.first().copied())
}

/// Whether every word of an automatic label is still a word of one of the members (a label
/// follows its members: one naming a word nobody in the group said is made anew).
pub fn fits(label: &str, members: &[&Analysis]) -> bool {
    if members.iter().all(|a| a.terms.is_empty()) {
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
        let l = label_for(&[&a, &b], &|_| 1.0, "");
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
        let l = label_for(&[&a, &b], &|_| 1.0, "");
        assert_ne!(l, "zien");
        assert!(l.split(SEP).any(|w| !is_weak(w)), "{l}");
        // a single idea of general words only is named by its own words in order
        let c = an.analyze("open kant zien", Lang::Auto, Detected::Nl);
        assert_eq!(label_for(&[&c], &|_| 1.0, ""), "open kant zien");
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

    #[test]
    fn empty_group_gets_fallback() {
        let an = Analyzer::new();
        let a = an.analyze("🎉🎉", Lang::Auto, Detected::Nl);
        assert_eq!(label_for(&[&a], &|_| 1.0, "🎉🎉"), "🎉🎉");
    }
}
