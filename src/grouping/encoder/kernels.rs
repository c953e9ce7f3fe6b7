//! Integer matrix products: 4-bit weights (unpacked at load to one signed byte each, -8..=7)
//! times activations quantised per 32 values to i8 (-127..=127), summed exactly in integers
//! per block and scaled in f32.
//!
//! Two kernels compute the same sums: a portable one and, chosen at run time on x86-64
//! CPUs that have it, one with AVX2 integer multiply-adds (std::arch, no C build step).

use super::format::{BLOCK_BYTES, Q4, QK};
use crate::grouping::embed::f16_to_f32;

/// A weight matrix, row-major `[rows][cols]`: values -8..=7 and one scale per 32 weights.
#[derive(Debug, Clone)]
pub struct QMat {
    pub rows: usize,
    pub cols: usize,
    q: Vec<i8>,
    d: Vec<f32>,
}

/// Unpack one Q4_0 block into 32 values `q` (0..=15); returns the block's scale.
pub fn unpack_block(block: &[u8], out: &mut [u8]) -> f32 {
    let d = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
    for j in 0..16 {
        let b = block[2 + j];
        out[j] = b & 0x0f;
        out[j + 16] = b >> 4;
    }
    d
}

impl QMat {
    pub fn from_q4(m: &Q4<'_>) -> QMat {
        let n = m.rows * m.cols;
        let mut q = vec![0i8; n];
        let mut d = Vec::with_capacity(n / QK);
        let mut raw = [0u8; QK];
        for (block, out) in m
            .bytes
            .chunks_exact(BLOCK_BYTES)
            .zip(q.chunks_exact_mut(QK))
        {
            d.push(unpack_block(block, &mut raw));
            for (o, r) in out.iter_mut().zip(raw) {
                *o = r as i8 - 8;
            }
        }
        QMat {
            rows: m.rows,
            cols: m.cols,
            q,
            d,
        }
    }
}

/// Activations of some tokens quantised per block of 32: values and scales.
#[derive(Debug, Default)]
pub struct QActs {
    q: Vec<i8>,
    d: Vec<f32>,
}

/// Round half to even for |x| < 2^22 without a libm call.
#[inline(always)]
fn round_even(x: f32) -> f32 {
    const MAGIC: f32 = 12_582_912.0; // 1.5 * 2^23
    (x + MAGIC) - MAGIC
}

impl QActs {
    /// Quantise `x` (rows of `cols`): scale = max |x| / 127, values rounded half to even.
    pub fn quantise(&mut self, x: &[f32], cols: usize) {
        debug_assert_eq!(x.len() % cols, 0);
        self.q.clear();
        self.d.clear();
        for block in x.chunks_exact(QK) {
            let amax = block.iter().fold(0f32, |m, v| m.max(v.abs()));
            let d = amax / 127.0;
            let inv = if d > 0.0 { 1.0 / d } else { 0.0 };
            // -127..=127: the AVX2 kernel negates values, and -128 has no positive twin
            self.q.extend(
                block
                    .iter()
                    .map(|v| round_even(v * inv).clamp(-127.0, 127.0) as i8),
            );
            self.d.push(d);
        }
    }
}

fn matmul_plain(w: &QMat, a: &QActs, bias: &[f32], y: &mut [f32]) {
    let (nin, nout) = (w.cols, w.rows);
    let nb = nin / QK;
    let tokens = a.q.len() / nin;
    for r in 0..nout {
        let wq = &w.q[r * nin..(r + 1) * nin];
        let wd = &w.d[r * nb..(r + 1) * nb];
        for t in 0..tokens {
            let aq = &a.q[t * nin..(t + 1) * nin];
            let mut acc = 0f32;
            for (b, (wb, ab)) in wq.chunks_exact(QK).zip(aq.chunks_exact(QK)).enumerate() {
                let dot: i32 = wb
                    .iter()
                    .zip(ab)
                    .map(|(x, y)| i32::from(*x) * i32::from(*y))
                    .sum();
                acc += wd[b] * a.d[t * nb + b] * dot as f32;
            }
            y[t * nout + r] = acc + bias[r];
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{QActs, QK, QMat};
    use std::arch::x86_64::*;

    /// Output rows computed together so each activation block is loaded once per tile.
    const TILE: usize = 4;

    #[target_feature(enable = "avx2,fma")]
    fn hsum(v: __m256) -> f32 {
        let lo = _mm256_castps256_ps128(v);
        let hi = _mm256_extractf128_ps(v, 1);
        let s = _mm_add_ps(lo, hi);
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        let s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
        _mm_cvtss_f32(s)
    }

    /// One tile: rows `r0..r0 + TILE` for token `t`.
    ///
    /// # Safety
    /// The CPU must support AVX2 and FMA; `r0 + TILE <= w.rows`, `t` a token of `a`, and
    /// `a` quantised with `w.cols` columns.
    #[target_feature(enable = "avx2,fma")]
    unsafe fn tile(w: &QMat, a: &QActs, r0: usize, t: usize) -> [f32; TILE] {
        let (nin, nb) = (w.cols, w.cols / QK);
        let ones = _mm256_set1_epi16(1);
        let mut acc = [_mm256_setzero_ps(); TILE];
        let ap = a.q.as_ptr();
        let wp = w.q.as_ptr();
        for b in 0..nb {
            // SAFETY: the caller keeps every index inside the buffers (see `matmul`)
            unsafe {
                let av = _mm256_loadu_si256(ap.add(t * nin + b * QK).cast());
                let da = *a.d.get_unchecked(t * nb + b);
                for (r, acc) in acc.iter_mut().enumerate() {
                    let row = r0 + r;
                    let wv = _mm256_loadu_si256(wp.add(row * nin + b * QK).cast());
                    // |w| times a with the sign of w: unsigned x signed as maddubs wants;
                    // pair sums stay within i16 (8 * 127 * 2)
                    let p =
                        _mm256_maddubs_epi16(_mm256_sign_epi8(wv, wv), _mm256_sign_epi8(av, wv));
                    let s = _mm256_madd_epi16(p, ones);
                    let scale = *w.d.get_unchecked(row * nb + b) * da;
                    *acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(s), _mm256_set1_ps(scale), *acc);
                }
            }
        }
        acc.map(|v| hsum(v))
    }

    /// # Safety
    /// The CPU must support AVX2 and FMA.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn matmul(w: &QMat, a: &QActs, bias: &[f32], y: &mut [f32]) -> bool {
        let (nin, nout) = (w.cols, w.rows);
        let nb = nin / QK;
        let tokens = a.q.len() / nin;
        if nout % TILE != 0
            || nin % QK != 0
            || w.q.len() != nout * nin
            || w.d.len() != nout * nb
            || a.q.len() != tokens * nin
            || a.d.len() != tokens * nb
            || bias.len() < nout
            || y.len() < tokens * nout
        {
            return false;
        }
        for r0 in (0..nout).step_by(TILE) {
            for t in 0..tokens {
                // SAFETY: shapes checked above; r0 + TILE <= nout, t < tokens
                let v = unsafe { tile(w, a, r0, t) };
                for r in 0..TILE {
                    y[t * nout + r0 + r] = bias[r0 + r] + v[r];
                }
            }
        }
        true
    }
}

/// Which kernel this machine runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    Plain,
    #[cfg(target_arch = "x86_64")]
    Avx2,
}

impl Kernel {
    pub fn detect() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            return Kernel::Avx2;
        }
        Kernel::Plain
    }

    /// `y[t][r] = bias[r] + sum_k w[r][k] * a[t][k]`; `y` holds tokens x `w.rows`.
    pub fn matmul(self, w: &QMat, a: &QActs, bias: &[f32], y: &mut Vec<f32>) {
        let tokens = a.q.len() / w.cols;
        y.clear();
        y.resize(tokens * w.rows, 0.0);
        match self {
            Kernel::Plain => matmul_plain(w, a, bias, y),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => {
                // SAFETY: `detect` returns Avx2 only after checking the CPU has AVX2 and FMA.
                if !unsafe { avx2::matmul(w, a, bias, y) } {
                    matmul_plain(w, a, bias, y)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kernel_gives_the_same_products() {
        // 8 x 64 weights from a simple pattern, 3 tokens
        let (rows, cols) = (8usize, 64usize);
        let mut bytes = Vec::new();
        for r in 0..rows {
            for b in 0..cols / QK {
                bytes.extend_from_slice(&(0x3c00u16 + (r * 7 + b) as u16).to_le_bytes());
                bytes.extend((0..16).map(|j| ((r * 3 + j * 5 + b) % 256) as u8));
            }
        }
        let w = QMat::from_q4(&Q4 {
            rows,
            cols,
            bytes: &bytes,
        });
        let x: Vec<f32> = (0..3 * cols)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 7.0)
            .collect();
        let mut a = QActs::default();
        a.quantise(&x, cols);
        let bias: Vec<f32> = (0..rows).map(|r| r as f32 * 0.5).collect();
        let mut plain = vec![0f32; 3 * rows];
        matmul_plain(&w, &a, &bias, &mut plain);
        let mut best = Vec::new();
        Kernel::detect().matmul(&w, &a, &bias, &mut best);
        for (p, q) in plain.iter().zip(&best) {
            assert!((p - q).abs() <= 1e-3 * p.abs().max(1.0), "{p} vs {q}");
        }
        // against floats: dequantised weights times the original activations, within the
        // rounding of the activations (half a quantisation step each)
        let wf = |r: usize, k: usize| {
            let scale = w.d[r * (cols / QK) + k / QK];
            f32::from(w.q[r * cols + k]) * scale
        };
        for t in 0..3 {
            for r in 0..rows {
                let exact: f32 =
                    bias[r] + (0..cols).map(|k| wf(r, k) * x[t * cols + k]).sum::<f32>();
                let bound: f32 = (0..cols)
                    .map(|k| wf(r, k).abs() * a.d[t * (cols / QK) + k / QK] * 0.5)
                    .sum();
                let got = plain[t * rows + r];
                assert!((exact - got).abs() <= bound + 1e-3, "{exact} vs {got}");
            }
        }
    }

    #[test]
    fn rounding_is_half_to_even() {
        assert_eq!(round_even(2.5), 2.0);
        assert_eq!(round_even(3.5), 4.0);
        assert_eq!(round_even(-2.5), -2.0);
        assert_eq!(round_even(-126.6), -127.0);
    }
}
