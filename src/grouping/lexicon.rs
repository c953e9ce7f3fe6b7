//! The bilingual concept lexicon (assets/concepts.txt): general work vocabulary mapped to
//! language-neutral concepts, so ideas that share no word can still share meaning.
//!
//! File format, one concept per block:
//! ```text
//! @key > parent | english label | dutch label
//! en: word, prefix*, multi word phrase
//! nl: woord, voorvoegsel*, meer woorden
//! ```
//! Entries are folded (lowercase, no diacritics). `*` marks a prefix entry.
//! Dutch compounds are matched by their parts ("netwerkborrel" -> network + drinks).

use std::collections::{BTreeSet, HashMap};

use super::tokenize::{Token, fold};

/// Built-in lexicon, compiled into the binary.
pub const BUILTIN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/concepts.txt"));

pub type ConceptId = u32;

/// One concept of the lexicon.
#[derive(Debug, Clone)]
pub struct Concept {
    pub key: String,
    pub en: String,
    pub nl: String,
    pub parent: Option<ConceptId>,
}

/// A concept found in an idea, with the word that triggered it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub concept: ConceptId,
    pub weight: f32,
    /// index of the first token that triggered the hit
    pub token: usize,
}

/// Parsed lexicon with lookup tables.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub concepts: Vec<Concept>,
    exact: HashMap<String, Vec<ConceptId>>,
    prefix: HashMap<String, Vec<ConceptId>>,
    /// first token -> (remaining tokens, last is prefix, concept)
    phrases: HashMap<String, Vec<(Vec<String>, bool, ConceptId)>>,
    /// single-deletion variants of exact entries (for typo matching)
    deletes: HashMap<String, Vec<ConceptId>>,
    min_prefix: usize,
}

/// Error in a lexicon file.
#[derive(Debug, thiserror::Error)]
#[error("lexicon line {line}: {msg}")]
pub struct LexiconError {
    pub line: usize,
    pub msg: String,
}

fn push_unique(map: &mut HashMap<String, Vec<ConceptId>>, k: String, c: ConceptId) {
    let v = map.entry(k).or_default();
    if !v.contains(&c) {
        v.push(c);
    }
}

fn deletions(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    (0..chars.len())
        .map(|i| {
            chars
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| *c)
                .collect()
        })
        .collect()
}

impl Lexicon {
    /// The lexicon shipped in assets/.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN).unwrap_or_default()
    }

    pub fn parse(src: &str) -> Result<Self, LexiconError> {
        let mut lx = Lexicon {
            min_prefix: 4,
            ..Default::default()
        };
        let mut keys: HashMap<String, ConceptId> = HashMap::new();
        let mut pending_parents: Vec<(ConceptId, String, usize)> = Vec::new();
        let mut current: Option<ConceptId> = None;
        for (i, raw) in src.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(head) = line.strip_prefix('@') {
                let mut parts = head.split('|').map(str::trim);
                let keypart = parts.next().unwrap_or("");
                let (key, parent) = match keypart.split_once('>') {
                    Some((k, p)) => (k.trim(), Some(p.trim())),
                    None => (keypart, None),
                };
                if key.is_empty() {
                    return Err(LexiconError {
                        line: i + 1,
                        msg: "empty concept key".into(),
                    });
                }
                let en = parts.next().unwrap_or(key).to_string();
                let nl = parts.next().unwrap_or(&en).to_string();
                let id = lx.concepts.len() as ConceptId;
                if keys.insert(key.to_string(), id).is_some() {
                    return Err(LexiconError {
                        line: i + 1,
                        msg: format!("duplicate concept {key}"),
                    });
                }
                if let Some(p) = parent {
                    pending_parents.push((id, p.to_string(), i + 1));
                }
                lx.concepts.push(Concept {
                    key: key.to_string(),
                    en,
                    nl,
                    parent: None,
                });
                current = Some(id);
                continue;
            }
            let Some((_, list)) = line.split_once(':') else {
                return Err(LexiconError {
                    line: i + 1,
                    msg: "expected `en:` or `nl:`".into(),
                });
            };
            let Some(c) = current else {
                return Err(LexiconError {
                    line: i + 1,
                    msg: "entry before any @concept".into(),
                });
            };
            for entry in list.split(',') {
                lx.add_entry(&fold(entry.trim()), c);
            }
        }
        for (id, p, line) in pending_parents {
            let Some(pid) = keys.get(&p) else {
                return Err(LexiconError {
                    line,
                    msg: format!("unknown parent {p}"),
                });
            };
            lx.concepts[id as usize].parent = Some(*pid);
        }
        Ok(lx)
    }

    fn add_entry(&mut self, entry: &str, c: ConceptId) {
        if entry.is_empty() {
            return;
        }
        let words: Vec<&str> = entry.split_whitespace().collect();
        if words.len() > 1 {
            let last = words.len() - 1;
            let is_prefix = words[last].ends_with('*');
            let rest: Vec<String> = words[1..]
                .iter()
                .map(|w| w.trim_end_matches('*').to_string())
                .collect();
            self.phrases
                .entry(words[0].trim_end_matches('*').to_string())
                .or_default()
                .push((rest, is_prefix, c));
            return;
        }
        if let Some(p) = entry.strip_suffix('*') {
            push_unique(&mut self.prefix, p.to_string(), c);
        } else {
            push_unique(&mut self.exact, entry.to_string(), c);
            if entry.chars().count() >= 6 {
                for d in deletions(entry) {
                    push_unique(&mut self.deletes, d, c);
                }
            }
        }
    }

    /// Concepts of a whole word (exact, then prefix entries).
    fn word_concepts(&self, w: &str, out: &mut BTreeSet<ConceptId>) -> bool {
        self.word_concepts_min(w, self.min_prefix, out)
    }

    fn word_concepts_min(&self, w: &str, min_prefix: usize, out: &mut BTreeSet<ConceptId>) -> bool {
        let before = out.len();
        if let Some(v) = self.exact.get(w) {
            out.extend(v.iter().copied());
        }
        let n = w.len();
        for (i, _) in w.char_indices().skip(min_prefix.saturating_sub(1)) {
            let end = i + w[i..].chars().next().map_or(0, char::len_utf8);
            if end > n {
                break;
            }
            if let Some(v) = self.prefix.get(&w[..end]) {
                out.extend(v.iter().copied());
            }
        }
        out.len() > before || self.exact.contains_key(w)
    }

    /// Parts of a compound word ("netwerkborrel" -> "netwerk" + "borrel").
    fn compound_concepts(&self, w: &str, out: &mut BTreeSet<ConceptId>) {
        let chars: Vec<(usize, char)> = w.char_indices().collect();
        if chars.len() < 7 {
            return;
        }
        for &(b, _) in chars.iter().take(chars.len().saturating_sub(3)).skip(3) {
            let right = &w[b..];
            if right.chars().count() >= 4 {
                let mut tmp = BTreeSet::new();
                if self.word_concepts(right, &mut tmp) {
                    out.extend(tmp);
                }
            }
            let left = &w[..b];
            if left.chars().count() >= 4 {
                if let Some(v) = self.exact.get(left) {
                    out.extend(v.iter().copied());
                } else if let Some(v) = left.strip_suffix('s').and_then(|l| self.exact.get(l)) {
                    out.extend(v.iter().copied());
                }
            }
        }
    }

    fn fuzzy_concepts(&self, w: &str, out: &mut BTreeSet<ConceptId>) {
        if w.chars().count() < 6 {
            return;
        }
        if let Some(v) = self.deletes.get(w) {
            out.extend(v.iter().copied());
            return;
        }
        for d in deletions(w) {
            if let Some(v) = self.exact.get(&d).or_else(|| self.deletes.get(&d)) {
                out.extend(v.iter().copied());
            }
        }
        if !out.is_empty() {
            return;
        }
        // swapped neighbours and dropped letters against prefix entries
        let chars: Vec<char> = w.chars().collect();
        for i in 0..chars.len().saturating_sub(1) {
            let mut c = chars.clone();
            c.swap(i, i + 1);
            let v: String = c.into_iter().collect();
            self.word_concepts_min(&v, 6, out);
        }
        for d in deletions(w) {
            self.word_concepts_min(&d, 6, out);
        }
    }

    /// All concepts of an idea's tokens; parents get half weight. Words for which
    /// `is_stop` holds only count as the start of a phrase.
    pub fn lookup(&self, tokens: &[Token], is_stop: &dyn Fn(&str) -> bool) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        let add = |c: ConceptId, t: usize, hits: &mut Vec<Hit>| {
            let mut cur = Some(c);
            let mut w = 1.0f32;
            while let Some(id) = cur {
                match hits.iter_mut().find(|h| h.concept == id) {
                    Some(h) => h.weight = h.weight.max(w),
                    None => hits.push(Hit {
                        concept: id,
                        weight: w,
                        token: t,
                    }),
                }
                w *= 0.5;
                cur = self.concepts.get(id as usize).and_then(|c| c.parent);
            }
        };
        for (i, t) in tokens.iter().enumerate() {
            let w = t.norm.as_str();
            let mut found = BTreeSet::new();
            if let Some(list) = self.phrases.get(w) {
                for (rest, is_prefix, c) in list {
                    let ok = rest.iter().enumerate().all(|(k, r)| {
                        tokens.get(i + 1 + k).is_some_and(|tk| {
                            if *is_prefix && k + 1 == rest.len() {
                                tk.norm.starts_with(r.as_str())
                            } else {
                                tk.norm == *r
                            }
                        })
                    });
                    if ok {
                        found.insert(*c);
                    }
                }
            }
            if is_stop(w) {
                // only phrases may start with a function word
            } else if !self.word_concepts(w, &mut found) {
                self.compound_concepts(w, &mut found);
                if found.is_empty() {
                    self.fuzzy_concepts(w, &mut found);
                }
            }
            for c in found {
                add(c, i, &mut hits);
            }
        }
        hits
    }

    pub fn label(&self, c: ConceptId, nl: bool) -> &str {
        self.concepts
            .get(c as usize)
            .map_or("?", |x| if nl { x.nl.as_str() } else { x.en.as_str() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grouping::tokenize::tokenize;

    fn keys(lx: &Lexicon, text: &str) -> Vec<String> {
        let mut v: Vec<String> = lx
            .lookup(&tokenize(text), &|_| false)
            .into_iter()
            .map(|h| lx.concepts[h.concept as usize].key.clone())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn builtin_parses() {
        let lx = Lexicon::parse(BUILTIN).expect("lexicon parses");
        assert!(lx.concepts.len() > 40);
    }

    #[test]
    fn bilingual_concepts_meet() {
        let lx = Lexicon::builtin();
        let a = keys(&lx, "trots op de zaak");
        let b = keys(&lx, "proud of the company");
        assert!(a.iter().any(|k| b.contains(k)), "{a:?} vs {b:?}");
    }

    #[test]
    fn compounds_and_typos() {
        let lx = Lexicon::builtin();
        let a = keys(&lx, "klantenavond");
        let b = keys(&lx, "klant");
        assert!(b.iter().all(|k| a.contains(k)), "{a:?} vs {b:?}");
        let typo = keys(&lx, "waardreing");
        let good = keys(&lx, "waardering");
        assert!(!good.is_empty() && good.iter().any(|k| typo.contains(k)));
    }

    #[test]
    fn phrases_match() {
        let lx = Lexicon::builtin();
        let a = keys(&lx, "we post on social media");
        assert!(a.contains(&"social_media".to_string()), "{a:?}");
    }

    #[test]
    fn bad_file_is_an_error() {
        assert!(Lexicon::parse("en: x").is_err());
        assert!(Lexicon::parse("@a > nothere | a | a\nen: x").is_err());
    }
}
