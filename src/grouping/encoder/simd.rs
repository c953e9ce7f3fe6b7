//! The x86-64 SIMD kernels of [`super::kernels`]: the same integer block sums as the
//! portable kernel, with AVX2 multiply-adds or AVX-512 VNNI dot products. Each returns
//! false (and computes nothing) when the shapes do not suit it; the caller then falls back
//! to the portable kernel.

#![cfg(target_arch = "x86_64")]

use super::format::QK;
use super::kernels::{GROUP_ROWS, QActs, QMat};

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
        && a.block_corr.len() == tokens * nb
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
    //! Each 32-bit lane of a register is one output row: a 64-byte load of the packed
    //! weights holds the next 4 weights of 16 rows, and the token's next 4 activations are
    //! broadcast to every lane, so one VNNI dot product adds 64 products without any
    //! horizontal sum. The integer sums of a block are scaled once per block.

    use super::{GROUP_ROWS, QActs, QK, QMat, shapes_fit};
    use std::arch::x86_64::*;

    /// Groups of 16 rows computed together (their weights are loaded once per token tile).
    const GROUPS: usize = 2;
    /// Tokens computed together (their activations are loaded once per group tile).
    const TOKENS: usize = 4;
    /// Tokens whose activations stay in the core's first-level cache while every row of
    /// the matrix passes over them.
    const CHUNK: usize = 32;

    /// Rows `g0 * 16 .. (g0 + GROUPS) * 16` for the `T` tokens from `t0`.
    ///
    /// # Safety
    /// The CPU must support AVX-512 F and VNNI; the shapes fit ([`shapes_fit`] and the
    /// packed layout), `(g0 + GROUPS) * 16 <= w.rows`, `t0 + T <=` the tokens of `a`.
    #[target_feature(enable = "avx512f,avx512vnni")]
    // indices name the register tile's row group and token, as in the layout above
    #[allow(clippy::needless_range_loop)]
    unsafe fn tile<const T: usize>(
        w: &QMat,
        a: &QActs,
        g0: usize,
        t0: usize,
        bias: &[f32],
        y: &mut [f32],
    ) {
        let (nin, nout, nb) = (w.cols, w.rows, w.cols / QK);
        let (wp, dp, ap) = (w.packed.as_ptr(), w.packed_d.as_ptr(), a.q.as_ptr());
        let mut out = [[_mm512_setzero_ps(); T]; GROUPS];
        for b in 0..nb {
            let mut sums = [[_mm512_setzero_si512(); T]; GROUPS];
            for g in 0..GROUPS {
                for t in 0..T {
                    // SAFETY: t0 + t is a token of `a` and b a block of its row
                    let c = unsafe { *a.block_corr.get_unchecked((t0 + t) * nb + b) };
                    sums[g][t] = _mm512_set1_epi32(c);
                }
            }
            for quad in 0..QK / 4 {
                let mut wv = [_mm512_setzero_si512(); GROUPS];
                for (g, wv) in wv.iter_mut().enumerate() {
                    let at = (((g0 + g) * nb + b) * (QK / 4) + quad) * 64;
                    // SAFETY: inside `packed` (16 rows x 4 bytes per group, block, quad)
                    *wv = unsafe { _mm512_loadu_si512(wp.add(at).cast()) };
                }
                for t in 0..T {
                    let at = (t0 + t) * nin + b * QK + quad * 4;
                    // SAFETY: 4 activations of token t0 + t inside its row
                    let four = unsafe { ap.add(at).cast::<i32>().read_unaligned() };
                    let av = _mm512_set1_epi32(four);
                    for g in 0..GROUPS {
                        // exact: 32 products of at most 15 * 127, plus the correction
                        sums[g][t] = _mm512_dpbusd_epi32(sums[g][t], wv[g], av);
                    }
                }
            }
            for g in 0..GROUPS {
                // SAFETY: 16 scales per group and block
                let wd = unsafe { _mm512_loadu_ps(dp.add(((g0 + g) * nb + b) * GROUP_ROWS)) };
                for t in 0..T {
                    // SAFETY: as for the correction above
                    let da = unsafe { *a.d.get_unchecked((t0 + t) * nb + b) };
                    let scale = _mm512_mul_ps(wd, _mm512_set1_ps(da));
                    out[g][t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(sums[g][t]), scale, out[g][t]);
                }
            }
        }
        for g in 0..GROUPS {
            let r0 = (g0 + g) * GROUP_ROWS;
            // SAFETY: 16 biases from r0 (r0 + 16 <= rows <= bias.len())
            let bv = unsafe { _mm512_loadu_ps(bias[r0..r0 + GROUP_ROWS].as_ptr()) };
            for t in 0..T {
                let at = (t0 + t) * nout + r0;
                let row = &mut y[at..at + GROUP_ROWS];
                // SAFETY: `row` holds 16 floats
                unsafe { _mm512_storeu_ps(row.as_mut_ptr(), _mm512_add_ps(out[g][t], bv)) };
            }
        }
    }

    /// # Safety
    /// The CPU must support AVX-512 F, BW and VNNI.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn matmul(w: &QMat, a: &QActs, bias: &[f32], y: &mut [f32]) -> bool {
        let groups = w.rows / GROUP_ROWS;
        if !shapes_fit(w, a, bias, y, 1)
            || w.packed.len() != w.u.len()
            || w.packed_d.len() != w.d.len()
            || !groups.is_multiple_of(GROUPS)
        {
            return false;
        }
        let tokens = a.q.len() / w.cols;
        for c0 in (0..tokens).step_by(CHUNK) {
            let c1 = (c0 + CHUNK).min(tokens);
            for g0 in (0..groups).step_by(GROUPS) {
                let mut t0 = c0;
                // SAFETY (all three): shapes checked above; g0 + GROUPS <= groups and
                // every tile's tokens end at or before c1 <= tokens
                while t0 + TOKENS <= c1 {
                    unsafe { tile::<TOKENS>(w, a, g0, t0, bias, y) };
                    t0 += TOKENS;
                }
                while t0 < c1 {
                    unsafe { tile::<1>(w, a, g0, t0, bias, y) };
                    t0 += 1;
                }
            }
        }
        true
    }
}
