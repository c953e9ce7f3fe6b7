//! Unicode tokenising: NFKD + diacritic folding + lowercase, word segmentation,
//! apostrophe handling and abbreviation expansion.

use unicode_segmentation::UnicodeSegmentation;

/// Ideas longer than this many tokens are truncated (robustness against huge lines).
pub const MAX_TOKENS: usize = 200;
/// Characters of a single token considered (longer runs are cut).
const MAX_TOKEN_CHARS: usize = 40;

/// One word of an idea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Folded form: lowercase, no diacritics, apostrophe suffix removed.
    pub norm: String,
    /// The participant's own spelling (case kept), used for labels and explanations.
    pub surface: String,
    /// True when the token came from expanding an abbreviation.
    pub expanded: bool,
}

pub use crate::fold::fold;

/// Abbreviations common in facilitators' notes, expanded to full words.
fn expand(norm: &str) -> Option<&'static [&'static str]> {
    Some(match norm {
        "li" => &["linkedin"],
        "fb" => &["facebook"],
        "ig" | "insta" => &["instagram"],
        "yt" => &["youtube"],
        "bijv" | "bv" | "bijvoorbeeld" | "vb" => &["bijvoorbeeld"],
        "evt" => &["eventueel"],
        "vh" => &["van", "het"],
        "vd" => &["van", "de"],
        "mn" => &["mijn"],
        "zn" => &["zijn"],
        "ipv" => &["in", "plaats", "van"],
        "ivm" => &["in", "verband", "met"],
        "mbt" => &["met", "betrekking", "tot"],
        "oa" => &["onder", "andere"],
        "icm" => &["in", "combinatie", "met"],
        "zsm" => &["zo", "snel", "mogelijk"],
        "tbh" | "lol" | "haha" | "hahaha" | "xd" => &[],
        "imo" | "imho" => &[],
        "eg" => &["for", "example"],
        "abt" => &["about"],
        "u" => &["you"],
        "ur" => &["your"],
        "pls" | "plz" => &["please"],
        "thx" => &["thanks"],
        "w" => &["with"],
        "b4" => &["before"],
        "rvb" => &["raad", "van", "bestuur"],
        "mt" => &["managementteam"],
        "hr" | "p&o" | "p&o's" => &["hr"],
        "ppl" => &["people"],
        "msg" => &["message"],
        "dm" | "dms" => &["message"],
        "info" => &["informatie"],
        "socials" => &["socials"],
        _ => return None,
    })
}

/// Replace terminal escape sequences and control characters by spaces: a CSI (`ESC [` or
/// U+009B) up to its final letter, a string sequence (OSC, DCS, APC, PM, SOS: `ESC ]`,
/// `ESC P`, `ESC _`, `ESC ^`, `ESC X` or their C1 forms) up to BEL or ST, whole, so no
/// parameter or payload is left to be taken for a word.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(1 << 20));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let kind = match c {
            '\u{1b}' => match chars.next() {
                Some('[') => Some(Sequence::Csi),
                Some(']' | 'P' | '_' | '^' | 'X') => Some(Sequence::Text),
                _ => None, // a two-character escape: both are gone
            },
            '\u{9b}' => Some(Sequence::Csi),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Some(Sequence::Text),
            c if c.is_control() => None,
            c => {
                out.push(c);
                continue;
            }
        };
        match kind {
            Some(Sequence::Csi) => {
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() || d == '~' {
                        break;
                    }
                }
            }
            Some(Sequence::Text) => {
                while let Some(d) = chars.next() {
                    let st = d == '\u{1b}' && chars.next_if_eq(&'\\').is_some();
                    if d == '\u{7}' || d == '\u{9c}' || st {
                        break;
                    }
                }
            }
            None => {}
        }
        out.push(' ');
    }
    out
}

/// The escape sequences [`sanitize`] removes whole.
enum Sequence {
    Csi,
    Text,
}

/// Discourse fillers ("eerlijk gezegd", "to be honest") removed from every idea.
const FILLERS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/grouping/filler-phrases.txt"
));

/// Remove filler phrases (whole-token matches).
fn drop_fillers(tokens: &mut Vec<Token>) {
    for line in FILLERS.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let phrase: Vec<&str> = line.split_whitespace().collect();
        let mut i = 0;
        while i + phrase.len() <= tokens.len() {
            if phrase.iter().zip(&tokens[i..]).all(|(p, t)| *p == t.norm) {
                tokens.drain(i..i + phrase.len());
            } else {
                i += 1;
            }
        }
    }
}

/// Split text into tokens. Never panics; output is bounded by [`MAX_TOKENS`].
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = split_words(&sanitize(text));
    drop_fillers(&mut out);
    out
}

fn split_words(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    // A narrow no-break space joins words in Unicode's word rules (it is ExtendNumLet):
    // split there too, so no token carries a space a label would then lose.
    for word in text.unicode_words().flat_map(str::split_whitespace) {
        if out.len() >= MAX_TOKENS {
            break;
        }
        // keep only the part before an apostrophe: "collega's" -> "collega", "we're" -> "we"
        let base = word
            .split(['\'', '\u{2019}', '`'])
            .find(|p| !p.is_empty())
            .unwrap_or("");
        let surface: String = base.chars().take(MAX_TOKEN_CHARS).collect();
        let norm = fold(&surface);
        if !norm.chars().any(char::is_alphabetic) {
            continue; // numbers, stray marks
        }
        if let Some(parts) = expand(&norm) {
            if parts.len() == 1 {
                out.push(Token {
                    norm: parts[0].to_string(),
                    surface: surface.clone(),
                    expanded: true,
                });
            } else {
                for p in parts {
                    out.push(Token {
                        norm: (*p).to_string(),
                        surface: (*p).to_string(),
                        expanded: true,
                    });
                }
            }
            continue;
        }
        if norm.chars().count() < 2 {
            continue;
        }
        out.push(Token {
            norm,
            surface,
            expanded: false,
        });
    }
    out.truncate(MAX_TOKENS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_no_break_space_splits_words_and_stays_out_of_them() {
        let tokens = tokenize("À\u{202f}propos\u{202f}");
        let surfaces: Vec<&str> = tokens.iter().map(|t| t.surface.as_str()).collect();
        assert!(
            surfaces.iter().all(|s| !s.chars().any(char::is_whitespace)),
            "{surfaces:?}"
        );
        assert!(surfaces.contains(&"propos"), "{surfaces:?}");
    }

    #[test]
    fn folds_diacritics_and_case() {
        assert_eq!(fold("Patiënten Café"), "patienten cafe");
    }

    #[test]
    fn splits_apostrophes_and_expands() {
        let t: Vec<String> = tokenize("Foto's op LI, evt. bij de klant!")
            .into_iter()
            .map(|t| t.norm)
            .collect();
        assert_eq!(
            t,
            ["foto", "op", "linkedin", "eventueel", "bij", "de", "klant"]
        );
    }

    #[test]
    fn control_characters_and_escapes_are_removed() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{7}b"), "a red b");
        // string sequences go whole, their payload too, ended by BEL or ST
        assert_eq!(sanitize("\u{1b}]52;c;aGk=\u{7} clipboard"), "  clipboard");
        assert_eq!(sanitize("x\u{1b}]0;title\u{1b}\\y"), "x y");
        assert_eq!(sanitize("x\u{9d}8;;http://a\u{9c}y\u{9b}2Jz"), "x y z");
        let t: Vec<String> = tokenize("\u{1b}[1mtrots\u{1b}[0m")
            .into_iter()
            .map(|t| t.norm)
            .collect();
        assert_eq!(t, ["trots"]);
    }

    #[test]
    fn emoji_and_punctuation_give_nothing() {
        assert!(tokenize("🎉🎂 !!! ??? ...").is_empty());
        assert!(tokenize("").is_empty());
    }

    #[test]
    fn huge_input_is_bounded() {
        let s = "woord ".repeat(20_000);
        assert_eq!(tokenize(&s).len(), MAX_TOKENS);
    }
}
