//! Text -> features: content-word stems, lexicon concepts and character n-grams.

use super::Lang;
use super::language::{Detected, LangTools};
use super::lexicon::{Hit, Lexicon};
use super::tokenize::{Token, tokenize};

/// Length of the character n-grams (with word-boundary markers).
pub const NGRAM: usize = 3;

/// Which signal a feature belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    Word = 0,
    Concept = 1,
    Gram = 2,
}

/// A content word of an idea.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub stem: String,
    /// index into `Analysis::tokens`
    pub token: usize,
}

/// Everything the engine knows about the text of one idea.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub lang: Option<Detected>,
    pub tokens: Vec<Token>,
    pub terms: Vec<Term>,
    pub concepts: Vec<Hit>,
    pub grams: Vec<String>,
}

impl Analysis {
    /// Features as (channel, key, term frequency), sorted and merged.
    pub fn features(&self) -> Vec<(Channel, String, f32)> {
        let mut out: Vec<(Channel, String, f32)> = Vec::new();
        for t in &self.terms {
            out.push((Channel::Word, t.stem.clone(), 1.0));
        }
        for h in &self.concepts {
            out.push((Channel::Concept, h.concept.to_string(), h.weight));
        }
        for g in &self.grams {
            out.push((Channel::Gram, g.clone(), 1.0));
        }
        out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let mut merged: Vec<(Channel, String, f32)> = Vec::with_capacity(out.len());
        for (c, k, w) in out {
            match merged.last_mut() {
                Some(last) if last.0 == c && last.1 == k => {
                    last.2 = if c == Channel::Concept {
                        last.2.max(w)
                    } else {
                        last.2 + w
                    }
                }
                _ => merged.push((c, k, w)),
            }
        }
        merged
    }

    /// Surface form of a token, as the participant typed it.
    pub fn surface(&self, token: usize) -> &str {
        self.tokens.get(token).map_or("", |t| t.surface.as_str())
    }

    /// Normalised content words, used to detect duplicate ideas.
    pub fn key(&self) -> String {
        let mut k = String::new();
        for t in &self.tokens {
            k.push_str(&t.norm);
            k.push(' ');
        }
        k
    }
}

/// Turns idea text into an [`Analysis`].
#[derive(Debug)]
/// Text to features. The lexicon and the stop-word lists are parsed once per process and
/// shared by every analyzer (each live engine has one), so making one costs nothing.
#[derive(Clone, Copy)]
pub struct Analyzer {
    pub lexicon: &'static Lexicon,
    pub langs: &'static LangTools,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    pub fn new() -> Self {
        static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
        static LANGS: std::sync::OnceLock<LangTools> = std::sync::OnceLock::new();
        Analyzer {
            lexicon: LEXICON.get_or_init(Lexicon::builtin),
            langs: LANGS.get_or_init(LangTools::new),
        }
    }

    /// Analyse one idea. `fallback` is used when the language cannot be told from the idea.
    pub fn analyze(&self, text: &str, lang: Lang, fallback: Detected) -> Analysis {
        let tokens = tokenize(text);
        let detected = self.langs.resolve(&tokens, lang, fallback);
        let nl = match detected {
            Detected::En => Some(false),
            Detected::Nl => Some(true),
            Detected::Unknown => None,
        };
        let concepts = self.lexicon.lookup(&tokens, &|w| self.langs.is_stop(w), nl);
        let mut terms = Vec::new();
        let mut grams = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if self.langs.is_stop(&t.norm) {
                continue;
            }
            let stem = self.langs.stem(&t.norm, detected);
            if stem.is_empty() {
                continue;
            }
            terms.push(Term { stem, token: i });
            push_grams(&t.norm, &mut grams);
        }
        Analysis {
            lang: Some(self.langs.detect(&tokens)).filter(|d| *d != Detected::Unknown),
            tokens,
            terms,
            concepts,
            grams,
        }
    }
}

fn push_grams(word: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < NGRAM {
        return;
    }
    let mut padded = Vec::with_capacity(chars.len() + 2);
    padded.push('<');
    padded.extend_from_slice(&chars);
    padded.push('>');
    for w in padded.windows(NGRAM) {
        out.push(w.iter().collect());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_shares_grams_with_head() {
        let a = Analyzer::new();
        let x = a.analyze("netwerkborrel", Lang::Nl, Detected::Nl);
        let y = a.analyze("borrel", Lang::Nl, Detected::Nl);
        let shared = y.grams.iter().filter(|g| x.grams.contains(g)).count();
        assert!(shared >= 2, "{:?} / {:?}", x.grams, y.grams);
        assert!(
            y.concepts
                .iter()
                .all(|h| x.concepts.iter().any(|k| k.concept == h.concept))
        );
    }

    #[test]
    fn features_are_merged_and_sorted() {
        let a = Analyzer::new();
        let f = a
            .analyze("post post post", Lang::En, Detected::En)
            .features();
        let words: Vec<_> = f.iter().filter(|x| x.0 == Channel::Word).collect();
        assert_eq!(words.len(), 1);
        assert_eq!(words[0].2, 3.0);
    }
}
