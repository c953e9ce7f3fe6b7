//! The x86-64 SIMD kernels of [`super::kernels`]: the same integer block sums as the
//! portable kernel, with AVX2 multiply-adds or AVX-512 VNNI dot products. Each returns
//! false (and computes nothing) when the shapes do not suit it; the caller then falls back
//! to the portable kernel.

#![cfg(target_arch = "x86_64")]

use super::format::QK;
use super::kernels::{QActs, QMat};

/// Output rows computed together so each activation block is loaded once per tile.
const TILE: usize = 4;

/// Whether `w`, `a`, `bias` and `y` have the shapes a tiled kernel indexes without checks.
fn shapes_fit(w: &QMat, a: &QActs, bias: &[f32], y: &[f32], blocks_per_step: usize) -> bool {
    let (nin, nout) = (w.cols, w.rows);
    let nb = nin / QK;
    let tokens = a.q.len() / nin.max(1);
    nin > 0
        && nout % TILE == 0
        && nin % (QK * blocks_per_step) == 0
        && w.u.len() == nout * nin
        && w.d.len() == nout * nb
        && a.q.len() == tokens * nin
        && a.d.len() == tokens * nb
        && a.corr.len() == tokens * nb * 8
        && a.spread.len() == tokens * nb * 8
        && bias.len() >= nout
        && y.len() >= tokens * nout
}

pub mod avx2 {
    use super::{QActs, QK, QMat, TILE, shapes_fit};
    use std::arch::x86_64::*;

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
    /// The CPU must support AVX2 and FMA; the shapes fit ([`shapes_fit`]), `r0 + TILE <=
    /// w.rows` and `t` is a token of `a`.
    #[target_feature(enable = "avx2,fma")]
    unsafe fn tile(w: &QMat, a: &QActs, r0: usize, t: usize) -> [f32; TILE] {
        let (nin, nb) = (w.cols, w.cols / QK);
        let ones = _mm256_set1_epi16(1);
        let mut acc = [_mm256_setzero_ps(); TILE];
        let (ap, wp, cp) = (a.q.as_ptr(), w.u.as_ptr(), a.corr.as_ptr());
        for b in 0..nb {
            // SAFETY: the caller keeps every index inside the buffers (see `matmul`)
            unsafe {
                let av = _mm256_loadu_si256(ap.add(t * nin + b * QK).cast());
                let corr = _mm256_loadu_si256(cp.add((t * nb + b) * 8).cast());
                let da = *a.d.get_unchecked(t * nb + b);
                for (r, acc) in acc.iter_mut().enumerate() {
                    let row = r0 + r;
                    let wv = _mm256_loadu_si256(wp.add(row * nin + b * QK).cast());
                    // unsigned weights (0..=15) x signed activations; pair sums stay within
                    // i16 (2 * 15 * 127); the correction takes the offset of 8 back
                    let p = _mm256_maddubs_epi16(wv, av);
                    let s = _mm256_add_epi32(_mm256_madd_epi16(p, ones), corr);
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
        if !shapes_fit(w, a, bias, y, 1) {
            return false;
        }
        let (nin, nout) = (w.cols, w.rows);
        let tokens = a.q.len() / nin;
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

pub mod avx512 {
    use super::{QActs, QK, QMat, TILE, shapes_fit};
    use std::arch::x86_64::*;

    /// Blocks per 512-bit register.
    const PAIR: usize = 2;
    /// Tokens computed against one tile of rows before the next tile: their activations
    /// stay in the core's caches while the weights stream past.
    const TOKENS: usize = 16;

    /// Rows `r0..r0 + TILE` for tokens `t0..t1`.
    ///
    /// # Safety
    /// The CPU must support AVX-512 F, BW and VNNI; the shapes fit ([`shapes_fit`] with
    /// two blocks a step, and `w.spread` for every weight), `r0 + TILE <= w.rows`,
    /// `t1 <=` the tokens of `a`.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    unsafe fn tile(
        w: &QMat,
        a: &QActs,
        r0: usize,
        tokens: (usize, usize),
        bias: &[f32],
        y: &mut [f32],
    ) {
        let (nin, nout, nb) = (w.cols, w.rows, w.cols / QK);
        let np = nb / PAIR;
        let (ap, wp, cp, dp, sp) = (
            a.q.as_ptr(),
            w.u.as_ptr(),
            a.corr.as_ptr(),
            a.spread.as_ptr(),
            w.spread.as_ptr(),
        );
        for t in tokens.0..tokens.1 {
            let mut acc = [_mm512_setzero_ps(); TILE];
            for p in 0..np {
                let b = p * PAIR;
                // SAFETY: the caller keeps every index inside the buffers (see `matmul`)
                unsafe {
                    let av = _mm512_loadu_si512(ap.add(t * nin + b * QK).cast());
                    let corr = _mm512_loadu_si512(cp.add((t * nb + b) * 8).cast());
                    let da = _mm512_loadu_ps(dp.add((t * nb + b) * 8));
                    for (r, acc) in acc.iter_mut().enumerate() {
                        let row = r0 + r;
                        let wv = _mm512_loadu_si512(wp.add(row * nin + b * QK).cast());
                        // exact: sums of 4 products of at most 15 * 127, plus the correction
                        let s = _mm512_dpbusd_epi32(corr, wv, av);
                        let ws = _mm512_loadu_ps(sp.add((row * nb + b) * 8));
                        let scale = _mm512_mul_ps(ws, da);
                        *acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s), scale, *acc);
                    }
                }
            }
            for (r, acc) in acc.iter().enumerate() {
                y[t * nout + r0 + r] = bias[r0 + r] + _mm512_reduce_add_ps(*acc);
            }
        }
    }

    /// # Safety
    /// The CPU must support AVX-512 F, BW and VNNI.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn matmul(w: &QMat, a: &QActs, bias: &[f32], y: &mut [f32]) -> bool {
        if !shapes_fit(w, a, bias, y, PAIR) || w.spread.len() * 4 != w.u.len() {
            return false;
        }
        let tokens = a.q.len() / w.cols;
        for t0 in (0..tokens).step_by(TOKENS) {
            let t1 = (t0 + TOKENS).min(tokens);
            for r0 in (0..w.rows).step_by(TILE) {
                // SAFETY: shapes checked above; r0 + TILE <= rows, t1 <= tokens
                unsafe { tile(w, a, r0, (t0, t1), bias, y) };
            }
        }
        true
    }
}
