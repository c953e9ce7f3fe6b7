//! Per-idea language choice by stop-word overlap, stop-word filtering and stemming.

use std::collections::HashSet;

use snowball_stemmers_rs::{Algorithm, Stemmer};

use super::Lang;
use super::tokenize::Token;

/// The language an idea was judged to be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Detected {
    En,
    Nl,
    Unknown,
}

/// Filler words of facilitators' notes that carry no topic, on top of the nltk lists.
const EXTRA_STOP: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/grouping/stopwords-extra.txt"
));

/// Stop words and stemmers for English and Dutch.
pub struct LangTools {
    en_stop: HashSet<String>,
    nl_stop: HashSet<String>,
    extra: HashSet<String>,
    en_stemmer: Stemmer,
    nl_stemmer: Stemmer,
}

impl std::fmt::Debug for LangTools {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LangTools")
    }
}

impl Default for LangTools {
    fn default() -> Self {
        Self::new()
    }
}

impl LangTools {
    pub fn new() -> Self {
        let set = |code: &str| -> HashSet<String> {
            stop_words::lookup(code)
                .unwrap_or(&[])
                .iter()
                .map(|w| super::tokenize::fold(w))
                .collect()
        };
        LangTools {
            en_stop: set("en"),
            nl_stop: set("nl"),
            extra: EXTRA_STOP
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .flat_map(str::split_whitespace)
                .map(super::tokenize::fold)
                .collect(),
            en_stemmer: Stemmer::create(Algorithm::English),
            nl_stemmer: Stemmer::create(Algorithm::Dutch),
        }
    }

    /// Choose the language of one idea by counting stop words unique to each language.
    pub fn detect(&self, tokens: &[Token]) -> Detected {
        let (mut en, mut nl) = (0usize, 0usize);
        for t in tokens {
            let e = self.en_stop.contains(&t.norm);
            let n = self.nl_stop.contains(&t.norm);
            if e && !n {
                en += 1;
            }
            if n && !e {
                nl += 1;
            }
        }
        match en.cmp(&nl) {
            std::cmp::Ordering::Greater => Detected::En,
            std::cmp::Ordering::Less => Detected::Nl,
            std::cmp::Ordering::Equal => Detected::Unknown,
        }
    }

    /// Resolve the language to use for one idea given the caller's setting and a fallback.
    pub fn resolve(&self, tokens: &[Token], setting: Lang, fallback: Detected) -> Detected {
        match setting {
            Lang::En => Detected::En,
            Lang::Nl => Detected::Nl,
            Lang::Auto => match self.detect(tokens) {
                Detected::Unknown => fallback,
                d => d,
            },
        }
    }

    /// True for words that carry no topic in either language.
    pub fn is_stop(&self, norm: &str) -> bool {
        self.en_stop.contains(norm) || self.nl_stop.contains(norm) || self.extra.contains(norm)
    }

    /// Stem a folded word in the given language (Unknown uses Dutch for long Dutch-looking
    /// words and English otherwise, so both halves of a mixed board meet).
    pub fn stem(&self, norm: &str, lang: Detected) -> String {
        let s = match lang {
            Detected::Nl => self.nl_stemmer.stem(norm),
            Detected::En => self.en_stemmer.stem(norm),
            Detected::Unknown => self.en_stemmer.stem(norm),
        };
        s.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grouping::tokenize::tokenize;

    #[test]
    fn detects_language_per_idea() {
        let lt = LangTools::new();
        assert_eq!(
            lt.detect(&tokenize("ik ben trots op mijn werk")),
            Detected::Nl
        );
        assert_eq!(
            lt.detect(&tokenize("we are proud of our work")),
            Detected::En
        );
        assert_eq!(lt.detect(&tokenize("LinkedIn")), Detected::Unknown);
    }

    #[test]
    fn content_words_survive_stop_lists() {
        let lt = LangTools::new();
        for w in ["work", "proud", "good", "new", "werk", "trots", "tijd"] {
            assert!(!lt.is_stop(w), "{w} must not be a stop word");
        }
        assert!(lt.is_stop("the") && lt.is_stop("het"));
    }

    #[test]
    fn stems_both_languages() {
        let lt = LangTools::new();
        assert_eq!(
            lt.stem("posts", Detected::En),
            lt.stem("post", Detected::En)
        );
        assert_eq!(
            lt.stem("werken", Detected::Nl),
            lt.stem("werkt", Detected::Nl)
        );
    }
}
