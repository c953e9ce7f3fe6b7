//! SentencePiece unigram segmentation (the XLM-RoBERTa vocabulary of multilingual-e5).
//!
//! Per code point normalisation from the model file, runs of spaces collapsed, a leading
//! metaspace, every space written as U+2581, then the most probable segmentation
//! (Viterbi over piece scores); a character no piece covers becomes `<unk>`.

use std::collections::HashMap;

use super::format::Raw;

const META: char = '\u{2581}';
/// Text beyond this many characters is not read (ideas are short; bounds the work).
pub const MAX_CHARS: usize = 2048;

#[derive(Debug, Clone)]
pub struct Tokenizer {
    ids: HashMap<Box<[u8]>, u32>,
    scores: Vec<f32>,
    norm: Vec<(u32, Vec<u32>)>,
    max_piece_bytes: usize,
    unk: u32,
    unk_score: f32,
}

impl Tokenizer {
    pub fn new(raw: &Raw<'_>) -> Tokenizer {
        let unk = raw.header.unk;
        let mut ids: HashMap<Box<[u8]>, u32> = HashMap::with_capacity(raw.pieces.len());
        for (i, (p, _)) in raw.pieces.iter().enumerate() {
            if !p.is_empty() && i as u32 != unk {
                ids.entry((*p).into()).or_insert(i as u32);
            }
        }
        Tokenizer {
            max_piece_bytes: raw.pieces.iter().map(|p| p.0.len()).max().unwrap_or(1),
            scores: raw.pieces.iter().map(|p| p.1).collect(),
            norm: raw.norm.clone(),
            ids,
            unk,
            unk_score: raw.header.unk_score,
        }
    }

    fn push_normalised(&self, c: char, out: &mut Vec<char>) {
        match self.norm.binary_search_by_key(&(c as u32), |e| e.0) {
            Ok(i) => out.extend(self.norm[i].1.iter().filter_map(|cp| char::from_u32(*cp))),
            Err(_) => out.push(c),
        }
    }

    /// Piece ids of `text`, without `<s>`/`</s>`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let (buf, at) = self.prepare(text);
        let (_, back) = self.lattice(buf.as_bytes(), &at);
        let mut out = Vec::new();
        let mut i = at.len() - 1;
        while i > 0 {
            let (id, from) = back[i];
            out.push(id.unwrap_or(self.unk));
            i = from;
        }
        out.reverse();
        out
    }

    /// Log-probability of `text` under the vocabulary's unigram model (its most probable
    /// segmentation): how common a word is in the text the model was trained on. A word
    /// that is one frequent piece scores high; a rare word split into many pieces, low.
    pub fn log_prob(&self, text: &str) -> f32 {
        let (buf, at) = self.prepare(text);
        let (best, _) = self.lattice(buf.as_bytes(), &at);
        best[at.len() - 1]
    }

    /// The normalised, metaspaced text and the byte offset of every character boundary.
    fn prepare(&self, text: &str) -> (String, Vec<usize>) {
        let mut chars: Vec<char> = Vec::with_capacity(text.len().min(MAX_CHARS) + 1);
        for c in text.chars().take(MAX_CHARS) {
            self.push_normalised(c, &mut chars);
        }
        // collapse runs of plain spaces
        chars.dedup_by(|b, a| *a == ' ' && *b == ' ');
        if chars.first() != Some(&' ') {
            chars.insert(0, META);
        }
        let mut buf = String::with_capacity(chars.len() * 2);
        let mut at = Vec::with_capacity(chars.len() + 1);
        for c in &chars {
            at.push(buf.len());
            buf.push(if *c == ' ' { META } else { *c });
        }
        at.push(buf.len());
        (buf, at)
    }

    /// Viterbi over piece scores: the best score up to every boundary and how it is reached
    /// (the piece, or None for an unknown character, and where it starts).
    #[allow(clippy::type_complexity)]
    fn lattice(&self, buf: &[u8], at: &[usize]) -> (Vec<f32>, Vec<(Option<u32>, usize)>) {
        let n = at.len() - 1;
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        // (piece or None for unknown, start character)
        let mut back: Vec<(Option<u32>, usize)> = vec![(None, 0); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                if at[e] - at[i] > self.max_piece_bytes {
                    break;
                }
                if let Some(&id) = self.ids.get(&buf[at[i]..at[e]]) {
                    let s = best[i] + self.scores[id as usize];
                    if s > best[e] {
                        best[e] = s;
                        back[e] = (Some(id), i);
                    }
                }
            }
            let s = best[i] + self.unk_score;
            if s > best[i + 1] {
                best[i + 1] = s;
                back[i + 1] = (None, i);
            }
        }
        (best, back)
    }
}
