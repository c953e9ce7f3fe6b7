//! The BERT encoder forward pass (12 layers of multilingual-e5-small), mean pooled.

use super::format::{BLOCK_BYTES, Header, QK, Raw};
use super::kernels::{Kernel, QActs, QMat, unpack_block};
use crate::grouping::vector::{self, dot};

#[derive(Debug, Clone)]
struct Linear {
    w: QMat,
    b: Vec<f32>,
}

#[derive(Debug, Clone)]
struct Norm {
    w: Vec<f32>,
    b: Vec<f32>,
}

#[derive(Debug, Clone)]
struct Layer {
    q: Linear,
    k: Linear,
    v: Linear,
    attn_out: Linear,
    attn_norm: Norm,
    ffn_in: Linear,
    ffn_out: Linear,
    out_norm: Norm,
}

/// The weights, ready to run (the word table stays 4-bit in the model image).
#[derive(Debug, Clone)]
pub struct Network {
    pub header: Header,
    word_at: usize,
    pos: Vec<f32>,
    token_type: Vec<f32>,
    emb_norm: Norm,
    layers: Vec<Layer>,
    kernel: Kernel,
}

fn linear(l: &(super::format::Q4<'_>, Vec<f32>), kernel: Kernel) -> Linear {
    Linear {
        w: QMat::from_q4(&l.0, kernel),
        b: l.1.clone(),
    }
}

fn norm(n: &(Vec<f32>, Vec<f32>)) -> Norm {
    Norm {
        w: n.0.clone(),
        b: n.1.clone(),
    }
}

/// Scratch buffers of one forward pass.
#[derive(Default)]
struct Scratch {
    acts: QActs,
    q: Vec<f32>,
    k: Vec<f32>,
    v: Vec<f32>,
    ctx: Vec<f32>,
    tmp: Vec<f32>,
    mid: Vec<f32>,
    prob: Vec<f32>,
}

/// `x = layernorm(x + y)` row by row (`y` may be empty: `x = layernorm(x)`).
#[inline(always)]
fn add_norm(x: &mut [f32], y: &[f32], n: &Norm, h: usize, eps: f32) {
    for (t, row) in x.chunks_exact_mut(h).enumerate() {
        if !y.is_empty() {
            row.iter_mut()
                .zip(&y[t * h..(t + 1) * h])
                .for_each(|(a, b)| *a += b);
        }
        let mean = vector::sum(row) / h as f32;
        row.iter_mut().for_each(|v| *v -= mean);
        let var = dot(row, row) / h as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((v, w), b) in row.iter_mut().zip(&n.w).zip(&n.b) {
            *v = *v * inv * w + b;
        }
    }
}

/// The complementary error function for `z >= 0` within 1.5e-7 (Abramowitz and Stegun
/// 7.1.26): a polynomial in `1 / (1 + p z)` times `e^(-z^2)`, with [`vector::exp`] (a
/// library `erf` was a fifth of the encoder's time; a library `exp` keeps the loop from
/// vectorising).
#[inline(always)]
fn erfc_pos(z: f32) -> f32 {
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_8 + t * (-1.453_152 + t * 1.061_405_4))));
    poly * vector::exp(-z * z)
}

/// `x * Phi(x)` (the exact GELU): `0.5 x (1 + erf(x / sqrt 2))`.
#[inline(always)]
fn gelu(x: f32) -> f32 {
    let c = erfc_pos(x.abs() * std::f32::consts::FRAC_1_SQRT_2);
    0.5 * x * if x >= 0.0 { 2.0 - c } else { c }
}

/// Self-attention of one sequence (tokens `a..b`), every head: adds each token's context
/// to `ctx`. `q`, `k`, `v` and `ctx` hold a row of `heads * hd` per token.
#[inline(always)]
fn attend(
    q: &[f32],
    k: &[f32],
    v: &[f32],
    (a, b): (usize, usize),
    (heads, hd): (usize, usize),
    prob: &mut Vec<f32>,
    ctx: &mut [f32],
) {
    let h = heads * hd;
    let scale = 1.0 / (hd as f32).sqrt();
    for t in a..b {
        for hh in 0..heads {
            let span = |u: usize| u * h + hh * hd..u * h + (hh + 1) * hd;
            let qh = &q[span(t)];
            prob.clear();
            // a plain loop: an iterator's `fold` here was left out of line, without AVX2
            for u in a..b {
                prob.push(dot(qh, &k[span(u)]) * scale);
            }
            let mx = prob.iter().fold(f32::NEG_INFINITY, |m, p| m.max(*p));
            prob.iter_mut().for_each(|p| *p = vector::exp(*p - mx));
            let inv = 1.0 / vector::sum(prob);
            let out = &mut ctx[span(t)];
            for (u, p) in (a..b).zip(prob.iter()) {
                let w = p * inv;
                out.iter_mut()
                    .zip(&v[span(u)])
                    .for_each(|(o, x)| *o += w * x);
            }
        }
    }
}

impl Network {
    pub fn new(raw: &Raw<'_>) -> Network {
        let kernel = Kernel::detect();
        let linear = |l| linear(l, kernel);
        Network {
            header: raw.header,
            word_at: raw.word.0,
            pos: raw.pos.clone(),
            token_type: raw.token_type.clone(),
            emb_norm: norm(&raw.emb_norm),
            layers: raw
                .layers
                .iter()
                .map(|l| Layer {
                    q: linear(&l.q),
                    k: linear(&l.k),
                    v: linear(&l.v),
                    attn_out: linear(&l.attn_out),
                    attn_norm: norm(&l.attn_norm),
                    ffn_in: linear(&l.ffn_in),
                    ffn_out: linear(&l.ffn_out),
                    out_norm: norm(&l.out_norm),
                })
                .collect(),
            kernel,
        }
    }

    #[inline(always)]
    fn project(&self, l: &Linear, s: &mut Scratch, x: &[f32], out: &mut Vec<f32>) {
        s.acts.quantise(x, l.w.cols);
        self.kernel.matmul(&l.w, &s.acts, &l.b, out);
    }

    /// Mean-pooled, L2-normalised embeddings of token sequences (each with `<s>`/`</s>`,
    /// at most `max_pos` long), computed together. `image` is the model file.
    ///
    /// The program is built for its target's baseline (SSE2 on x86-64); on a CPU with
    /// AVX2 and FMA the pass runs as compiled for them, eight floats at a time.
    pub fn run(&self, image: &[u8], seqs: &[Vec<u32>]) -> Vec<Vec<f32>> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the CPU has AVX2 and FMA
            return unsafe { self.run_avx2(image, seqs) };
        }
        self.run_here(image, seqs)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn run_avx2(&self, image: &[u8], seqs: &[Vec<u32>]) -> Vec<Vec<f32>> {
        self.run_here(image, seqs)
    }

    /// [`Network::run`]; it and the helpers it calls are inlined into their caller, so
    /// they are compiled for the caller's instruction set.
    #[inline(always)]
    fn run_here(&self, image: &[u8], seqs: &[Vec<u32>]) -> Vec<Vec<f32>> {
        let h = self.header.hidden;
        let (heads, eps) = (self.header.heads, self.header.eps);
        let hd = h / heads;
        let row_bytes = h / QK * BLOCK_BYTES;
        let total: usize = seqs.iter().map(Vec::len).sum();
        // segment bounds in the concatenated token matrix
        let mut bounds = Vec::with_capacity(seqs.len());
        let mut x = vec![0f32; total * h];
        let mut t = 0;
        let mut block = [0u8; QK];
        for seq in seqs {
            let start = t;
            for (p, id) in seq.iter().enumerate() {
                let at = self.word_at + *id as usize * row_bytes;
                let row = &mut x[t * h..(t + 1) * h];
                for (b, chunk) in image[at..at + row_bytes]
                    .chunks_exact(BLOCK_BYTES)
                    .enumerate()
                {
                    let d = unpack_block(chunk, &mut block);
                    for j in 0..QK {
                        row[b * QK + j] = (f32::from(block[j]) - 8.0) * d;
                    }
                }
                let pos = &self.pos[p * h..(p + 1) * h];
                for ((v, a), b) in row.iter_mut().zip(pos).zip(&self.token_type) {
                    *v += a + b;
                }
                t += 1;
            }
            bounds.push((start, t));
        }
        add_norm(&mut x, &[], &self.emb_norm, h, eps);
        let mut s = Scratch::default();
        for l in &self.layers {
            let (mut q, mut k, mut v) = (
                std::mem::take(&mut s.q),
                std::mem::take(&mut s.k),
                std::mem::take(&mut s.v),
            );
            s.acts.quantise(&x, h);
            self.kernel.matmul(&l.q.w, &s.acts, &l.q.b, &mut q);
            self.kernel.matmul(&l.k.w, &s.acts, &l.k.b, &mut k);
            self.kernel.matmul(&l.v.w, &s.acts, &l.v.b, &mut v);
            let mut ctx = std::mem::take(&mut s.ctx);
            ctx.clear();
            ctx.resize(total * h, 0.0);
            for &(a, b) in &bounds {
                attend(&q, &k, &v, (a, b), (heads, hd), &mut s.prob, &mut ctx);
            }
            let mut tmp = std::mem::take(&mut s.tmp);
            self.project(&l.attn_out, &mut s, &ctx, &mut tmp);
            add_norm(&mut x, &tmp, &l.attn_norm, h, eps);
            let mut mid = std::mem::take(&mut s.mid);
            self.project(&l.ffn_in, &mut s, &x, &mut mid);
            mid.iter_mut().for_each(|m| *m = gelu(*m));
            self.project(&l.ffn_out, &mut s, &mid, &mut tmp);
            add_norm(&mut x, &tmp, &l.out_norm, h, eps);
            (s.q, s.k, s.v, s.ctx, s.tmp, s.mid) = (q, k, v, ctx, tmp, mid);
        }
        bounds
            .iter()
            .map(|&(a, b)| {
                let mut e = vec![0f32; h];
                for row in x[a * h..b * h].chunks_exact(h) {
                    e.iter_mut().zip(row).for_each(|(o, v)| *o += v);
                }
                let n = e.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
                e.iter_mut().for_each(|v| *v /= n);
                e
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::gelu;

    #[test]
    fn gelu_matches_the_error_function_definition() {
        for i in -4000..=4000 {
            let x = i as f32 / 400.0;
            let exact = 0.5 * f64::from(x) * (1.0 + libm::erf(f64::from(x) / 2f64.sqrt()));
            let got = f64::from(gelu(x));
            assert!(
                (got - exact).abs() <= 1e-6 * exact.abs().max(1.0),
                "{x}: {got} vs {exact}"
            );
        }
    }
}
