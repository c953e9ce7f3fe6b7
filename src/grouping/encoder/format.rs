//! The packed model file (`AMBENC1`, written by `scripts/build-encoder-model.py`).
//!
//! Little-endian throughout:
//! - magic `AMBENC1\0`; u32 hidden, layers, heads, ffn, max positions, pieces, bos, eos,
//!   unk; f32 layer-norm epsilon, score of an unknown character;
//! - per piece: u16 byte length, UTF-8 bytes, f32 unigram score;
//! - normalisation map: u32 entries, u32 bytes, then per entry u32 code point, u8 count,
//!   count x u32 replacement code points;
//! - word embeddings: pieces x (hidden / 32) Q4_0 blocks (f16 scale + 16 bytes, byte j
//!   holding weight j in its low and weight j + 16 in its high nibble, value = (q - 8) * scale);
//! - f32 position table (max positions x hidden), token-type row, embedding layer norm;
//! - per layer: query, key, value, attention output, attention layer norm, intermediate,
//!   output, output layer norm (Q4_0 matrices row-major [out][in], f32 biases and norms);
//! - `END!`.

use super::EncoderError;

/// Bytes of one Q4_0 block of 32 weights.
pub const BLOCK_BYTES: usize = 18;
/// Weights per block.
pub const QK: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Header {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ffn: usize,
    pub max_pos: usize,
    pub pieces: usize,
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
    pub eps: f32,
    pub unk_score: f32,
}

/// A Q4_0 matrix as stored: `rows` rows of `cols / 32` blocks.
#[derive(Debug, Clone, Copy)]
pub struct Q4<'a> {
    pub rows: usize,
    pub cols: usize,
    pub bytes: &'a [u8],
}

/// One transformer layer's tensors, borrowed from the file.
#[derive(Debug, Clone)]
pub struct LayerRaw<'a> {
    pub q: (Q4<'a>, Vec<f32>),
    pub k: (Q4<'a>, Vec<f32>),
    pub v: (Q4<'a>, Vec<f32>),
    pub attn_out: (Q4<'a>, Vec<f32>),
    pub attn_norm: (Vec<f32>, Vec<f32>),
    pub ffn_in: (Q4<'a>, Vec<f32>),
    pub ffn_out: (Q4<'a>, Vec<f32>),
    pub out_norm: (Vec<f32>, Vec<f32>),
}

/// Everything in the file, weights still borrowed.
#[derive(Debug, Clone)]
pub struct Raw<'a> {
    pub header: Header,
    pub pieces: Vec<(&'a [u8], f32)>,
    /// (code point, replacement), sorted by code point
    pub norm: Vec<(u32, Vec<u32>)>,
    /// byte offset and length of the word-embedding table
    pub word: (usize, usize),
    pub pos: Vec<f32>,
    pub token_type: Vec<f32>,
    pub emb_norm: (Vec<f32>, Vec<f32>),
    pub layers: Vec<LayerRaw<'a>>,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], EncoderError> {
        let end = self.at.checked_add(n).ok_or(EncoderError::Truncated)?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or(EncoderError::Truncated)?;
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, EncoderError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, EncoderError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, EncoderError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32(&mut self) -> Result<f32, EncoderError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn floats(&mut self, n: usize) -> Result<Vec<f32>, EncoderError> {
        let bytes = n.checked_mul(4).ok_or(EncoderError::Truncated)?;
        let raw = self.take(bytes)?;
        let v: Vec<f32> = raw
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if v.iter().any(|x| !x.is_finite()) {
            return Err(EncoderError::Format(
                "a weight is not a finite number".into(),
            ));
        }
        Ok(v)
    }
    fn q4(&mut self, rows: usize, cols: usize) -> Result<Q4<'a>, EncoderError> {
        let n = rows * (cols / QK) * BLOCK_BYTES;
        Ok(Q4 {
            rows,
            cols,
            bytes: self.take(n)?,
        })
    }
    fn linear(&mut self, rows: usize, cols: usize) -> Result<(Q4<'a>, Vec<f32>), EncoderError> {
        let w = self.q4(rows, cols)?;
        Ok((w, self.floats(rows)?))
    }
    fn norm(&mut self, h: usize) -> Result<(Vec<f32>, Vec<f32>), EncoderError> {
        Ok((self.floats(h)?, self.floats(h)?))
    }
}

fn check(ok: bool, what: &str) -> Result<(), EncoderError> {
    if ok {
        Ok(())
    } else {
        Err(EncoderError::Format(what.to_string()))
    }
}

/// Parse and validate a model image.
pub fn parse(bytes: &[u8]) -> Result<Raw<'_>, EncoderError> {
    let mut c = Cursor { bytes, at: 0 };
    if c.take(8).ok() != Some(b"AMBENC1\0".as_slice()) {
        return Err(EncoderError::Format(
            "not an ambassador encoder file".into(),
        ));
    }
    let mut dims = [0usize; 6];
    for d in dims.iter_mut() {
        *d = c.u32()? as usize;
    }
    let [hidden, layers, heads, ffn, max_pos, pieces] = dims;
    let (bos, eos, unk) = (c.u32()?, c.u32()?, c.u32()?);
    let (eps, unk_score) = (c.f32()?, c.f32()?);
    check(
        (QK..=4096).contains(&hidden) && hidden % QK == 0,
        "hidden size",
    )?;
    check((1..=64).contains(&layers), "layer count")?;
    check(heads > 0 && hidden % heads == 0, "head count")?;
    check((QK..=16384).contains(&ffn) && ffn % QK == 0, "ffn size")?;
    check((3..=8192).contains(&max_pos), "max positions")?;
    check((4..=1_000_000).contains(&pieces), "vocabulary size")?;
    check(
        [bos, eos, unk].iter().all(|i| (*i as usize) < pieces),
        "special token ids",
    )?;
    check(
        eps.is_finite() && eps > 0.0 && unk_score.is_finite(),
        "header numbers",
    )?;
    let header = Header {
        hidden,
        layers,
        heads,
        ffn,
        max_pos,
        pieces,
        bos,
        eos,
        unk,
        eps,
        unk_score,
    };
    let mut list = Vec::with_capacity(pieces);
    for _ in 0..pieces {
        let n = c.u16()? as usize;
        let p = c.take(n)?;
        check(std::str::from_utf8(p).is_ok(), "piece is not UTF-8")?;
        let score = c.f32()?;
        check(score.is_finite(), "piece score")?;
        list.push((p, score));
    }
    let n_norm = c.u32()? as usize;
    let nm_bytes = c.u32()? as usize;
    let nm_end = c.at.checked_add(nm_bytes).ok_or(EncoderError::Truncated)?;
    let mut norm = Vec::with_capacity(n_norm.min(1 << 20));
    for _ in 0..n_norm {
        let cp = c.u32()?;
        let k = c.u8()? as usize;
        let mut out = Vec::with_capacity(k);
        for _ in 0..k {
            out.push(c.u32()?);
        }
        norm.push((cp, out));
    }
    check(c.at == nm_end, "normalisation map length")?;
    check(
        norm.windows(2).all(|w| w[0].0 < w[1].0),
        "normalisation map order",
    )?;
    let word_len = pieces * (hidden / QK) * BLOCK_BYTES;
    let word = (c.at, word_len);
    c.take(word_len)?;
    let pos = c.floats(max_pos * hidden)?;
    let token_type = c.floats(hidden)?;
    let emb_norm = c.norm(hidden)?;
    let mut ls = Vec::with_capacity(layers);
    for _ in 0..layers {
        ls.push(LayerRaw {
            q: c.linear(hidden, hidden)?,
            k: c.linear(hidden, hidden)?,
            v: c.linear(hidden, hidden)?,
            attn_out: c.linear(hidden, hidden)?,
            attn_norm: c.norm(hidden)?,
            ffn_in: c.linear(ffn, hidden)?,
            ffn_out: c.linear(hidden, ffn)?,
            out_norm: c.norm(hidden)?,
        });
    }
    check(c.take(4)? == b"END!", "end marker")?;
    check(c.at == bytes.len(), "trailing bytes")?;
    Ok(Raw {
        header,
        pieces: list,
        norm,
        word,
        pos,
        token_type,
        emb_norm,
        layers: ls,
    })
}
