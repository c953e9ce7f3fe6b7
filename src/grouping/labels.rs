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

/// Build a label from ranked candidates: one or two words.
pub fn compose(cands: &[Candidate], group_size: usize, fallback: &str) -> String {
    let Some(first) = cands.first() else {
        let clean = super::tokenize::sanitize(fallback);
        let short = shorten(&clean.split_whitespace().collect::<Vec<_>>().join(" "));
        return if short.is_empty() {
            "…".to_string()
        } else {
            short
        };
    };
    let mut label = shorten(&first.surface);
    if let Some(second) = cands.get(1) {
        let wanted = group_size <= 1 || second.count >= 2;
        if wanted && second.score >= first.score * 0.5 {
            label.push_str(SEP);
            label.push_str(&shorten(&second.surface));
        }
    }
    label
}

/// Label for a group of analysed ideas.
pub fn label_for(members: &[&Analysis], idf: &dyn Fn(&str) -> f32, fallback: &str) -> String {
    compose(&rank(members, idf), members.len(), fallback)
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
    fn empty_group_gets_fallback() {
        let an = Analyzer::new();
        let a = an.analyze("🎉🎉", Lang::Auto, Detected::Nl);
        assert_eq!(label_for(&[&a], &|_| 1.0, "🎉🎉"), "🎉🎉");
    }
}
