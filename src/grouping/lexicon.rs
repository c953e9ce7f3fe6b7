//! The bilingual concept lexicon (assets/grouping/concepts.txt): general work vocabulary mapped to
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
pub const BUILTIN: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/grouping/concepts.txt"
));

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
    /// entries marked `!`: only for ideas in that language ([en, nl]); (word, is_prefix)
    strict: [HashMap<(String, bool), Vec<ConceptId>>; 2],
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

fn push_unique_key(
    map: &mut HashMap<(String, bool), Vec<ConceptId>>,
    k: (String, bool),
    c: ConceptId,
) {
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
            let Some((tag, list)) = line.split_once(':') else {
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
            let lang = usize::from(tag.trim() == "nl");
            for entry in list.split(',') {
                let entry = fold(entry.trim());
                match entry.strip_suffix('!') {
                    Some(w) => {
                        let (w, pre) = match w.strip_suffix('*') {
                            Some(p) => (p, true),
                            None => (w, false),
                        };
                        push_unique_key(&mut lx.strict[lang], (w.to_string(), pre), c);
                    }
                    None => lx.add_entry(&entry, c),
                }
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

    /// True when a compound's left part is itself a lexicon word (linking "s"/"e" allowed).
    fn known_part(&self, left: &str) -> bool {
        let mut tmp = BTreeSet::new();
        [
            left,
            left.strip_suffix('s').unwrap_or(""),
            left.strip_suffix('e').unwrap_or(""),
        ]
        .iter()
        .filter(|p| p.chars().count() >= 4)
        .any(|p| self.word_concepts(p, &mut tmp))
    }

    /// Parts of a compound: a head of 6+ letters ("netwerk|borrel"), or a shorter head
    /// (4+) when the first part is a lexicon word too ("sponsor|avond"), plus a first part
    /// that is a lexicon word.
    fn compound_concepts(&self, w: &str, out: &mut BTreeSet<ConceptId>) {
        let chars: Vec<(usize, char)> = w.char_indices().collect();
        if chars.len() < 7 {
            return;
        }
        for &(b, _) in chars.iter().take(chars.len().saturating_sub(3)).skip(3) {
            let right = &w[b..];
            let left = &w[..b];
            let rlen = right.chars().count();
            let left_known = left.chars().count() >= 4 && self.known_part(left);
            if rlen >= 6 || (rlen >= 4 && left_known) {
                let mut tmp = BTreeSet::new();
                if self.word_concepts(right, &mut tmp) {
                    out.extend(tmp);
                }
            }
            if left.chars().count() >= 4 {
                if let Some(v) = self.exact.get(left) {
                    out.extend(v.iter().copied());
                } else if let Some(v) = left.strip_suffix('s').and_then(|l| self.exact.get(l)) {
                    out.extend(v.iter().copied());
                }
            }
        }
    }

    /// Typo tolerance, stricter for shorter words: a missing or extra letter or swapped
    /// neighbours (7+ letters), a wrong letter (9+).
    fn fuzzy_concepts(&self, w: &str, out: &mut BTreeSet<ConceptId>) {
        let n = w.chars().count();
        if n < 7 {
            return;
        }
        if let Some(v) = self.deletes.get(w) {
            out.extend(v.iter().copied());
            return;
        }
        for d in deletions(w) {
            let hit = self
                .exact
                .get(&d)
                .or_else(|| if n >= 9 { self.deletes.get(&d) } else { None });
            if let Some(v) = hit {
                out.extend(v.iter().copied());
            }
        }
        if !out.is_empty() {
            return;
        }
        // swapped neighbours and an extra letter against long prefix entries
        let chars: Vec<char> = w.chars().collect();
        let mut variants: Vec<String> = (0..chars.len() - 1)
            .map(|i| {
                let mut c = chars.clone();
                c.swap(i, i + 1);
                c.into_iter().collect()
            })
            .collect();
        variants.extend(deletions(w));
        for v in variants {
            let min = (v.chars().count() * 7).div_ceil(10).max(6);
            self.word_concepts_min(&v, min, out);
        }
    }

    /// Language-restricted entries matching a word; `langs` are the indices to try.
    fn strict_concepts(&self, w: &str, langs: &[usize], out: &mut BTreeSet<ConceptId>) {
        for l in langs {
            let map = &self.strict[*l];
            if map.is_empty() {
                continue;
            }
            if let Some(v) = map.get(&(w.to_string(), false)) {
                out.extend(v.iter().copied());
            }
            for (i, ch) in w.char_indices().skip(self.min_prefix.saturating_sub(1)) {
                if let Some(v) = map.get(&(w[..i + ch.len_utf8()].to_string(), true)) {
                    out.extend(v.iter().copied());
                }
            }
        }
    }

    /// All concepts of an idea's tokens; parents get half weight. Words for which
    /// `is_stop` holds only count as the start of a phrase. `nl` tells the idea's language
    /// (None: unknown) for entries that only hold in one language.
    pub fn lookup(
        &self,
        tokens: &[Token],
        is_stop: &dyn Fn(&str) -> bool,
        nl: Option<bool>,
    ) -> Vec<Hit> {
        let langs: &[usize] = match nl {
            Some(false) => &[0],
            Some(true) => &[1],
            None => &[0, 1],
        };
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
        // tokens up to here are words of a phrase found earlier
        let mut in_phrase = 0;
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
                        in_phrase = in_phrase.max(i + 1 + rest.len());
                    }
                }
            }
            // only phrases may start with a function word; a word of a phrase means what
            // the phrase means ("guest lecture" is a talk, not a guest)
            if !is_stop(w) && i >= in_phrase {
                let before = found.len();
                self.strict_concepts(w, langs, &mut found);
                let known = self.word_concepts(w, &mut found);
                let compounds = nl != Some(false);
                if !known && found.len() == before {
                    if compounds {
                        self.compound_concepts(w, &mut found);
                    }
                    if found.len() == before {
                        self.fuzzy_concepts(w, &mut found);
                    }
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
