//! The x86-64 SIMD kernels of [`super::kernels`]: the same integer block sums as the
//! portable kernel, with AVX2 multiply-adds or AVX-512 VNNI dot products. Each returns
//! false (and computes nothing) when the shapes do not suit it; the caller then falls back
//! to the portable kernel.
//!
//! Both read the weights in [`QMat`]'s packed layout, where each 32-bit lane of a register
//! is one output row: a load of the packed weights holds the next 4 weights of 16 rows (8
//! per 256-bit half), and the token's next 4 activations are broadcast to every lane, so
//! the products add up without any horizontal sum. The integer sums of a block are scaled
//! once per block.

#![cfg(target_arch = "x86_64")]

use super::format::QK;
use super::kernels::{GROUP_ROWS, QActs, QMat};

/// Whether `w` (packed), `a`, `bias` and `y` have the shapes a kernel computing `groups`
/// groups of 16 rows at once indexes without checks.
fn shapes_fit(w: &QMat, a: &QActs, bias: &[f32], y: &[f32], groups: usize) -> bool {
    let (nin, nout) = (w.cols, w.rows);
    let nb = nin / QK;
    let tokens = a.q.len() / nin.max(1);
    nin > 0
        && nin.is_multiple_of(QK)
        && nout.is_multiple_of(GROUP_ROWS * groups)
        && w.packed.len() == nout * nin
        && w.packed_d.len() == nout * nb
        && a.q.len() == tokens * nin
        && a.d.len() == tokens * nb
        && a.block_corr.len() == tokens * nb
        && bias.len() >= nout
        && y.len() >= tokens * nout
}

/// The order tiles are computed in: chunks of `chunk` tokens, whose activations stay in
/// the core's first-level cache while every row passes over them; in a chunk, `groups`
/// groups of rows at a time, for `tokens` tokens at a time and the chunk's last few one by
/// one. `tile` gets the first group, the first token, and whether it is a whole tile.
fn each_tile(
    (rows, tokens): (usize, usize),
    (groups, tile_tokens, chunk): (usize, usize, usize),
    mut tile: impl FnMut(usize, usize, bool),
) {
    for c0 in (0..tokens).step_by(chunk) {
        let c1 = (c0 + chunk).min(tokens);
        for g0 in (0..rows / GROUP_ROWS).step_by(groups) {
            let mut t0 = c0;
            while t0 + tile_tokens <= c1 {
                tile(g0, t0, true);
                t0 += tile_tokens;
            }
            for t in t0..c1 {
                tile(g0, t, false);
            }
        }
    }
}

pub mod avx2 {
    //! `maddubs` multiplies the unsigned weights by the signed activations and adds pairs
    //! into 16-bit lanes; the 8 steps of a block are added in those lanes (at most
    //! 8 * 2 * 15 * 127 = 30,480, inside i16) before `madd` widens each row's two lanes.

    use super::{GROUP_ROWS, QActs, QK, QMat, each_tile, shapes_fit};
    use std::arch::x86_64::*;

    /// Tokens computed together (16 of the 16 registers hold their sums and the weights).
    const TOKENS: usize = 2;
    /// See [`each_tile`].
    const CHUNK: usize = 32;

    /// The 16 rows of group `g` for the `T` tokens from `t0`.
    ///
    /// # Safety
    /// The CPU must support AVX2 and FMA; the shapes fit ([`shapes_fit`]), `g` is a group
    /// of `w` and `t0 + T <=` the tokens of `a`.
    #[target_feature(enable = "avx2,fma")]
    // indices name the register tile's half and token, as in the layout above
    #[allow(clippy::needless_range_loop)]
    unsafe fn tile<const T: usize>(
        w: &QMat,
        a: &QActs,
        g: usize,
        t0: usize,
        bias: &[f32],
        y: &mut [f32],
    ) {
        let (nin, nout, nb) = (w.cols, w.rows, w.cols / QK);
        let (wp, dp, ap) = (w.packed.as_ptr(), w.packed_d.as_ptr(), a.q.as_ptr());
        let ones = _mm256_set1_epi16(1);
        let mut out = [[_mm256_setzero_ps(); T]; 2];
        for b in 0..nb {
            let mut sums = [[_mm256_setzero_si256(); T]; 2];
            for quad in 0..QK / 4 {
                let at = ((g * nb + b) * (QK / 4) + quad) * 64;
                // SAFETY: inside `packed` (16 rows x 4 bytes per group, block, quad)
                let (w0, w1) = unsafe {
                    (
                        _mm256_loadu_si256(wp.add(at).cast()),
                        _mm256_loadu_si256(wp.add(at + 32).cast()),
                    )
                };
                for t in 0..T {
                    let at = (t0 + t) * nin + b * QK + quad * 4;
                    // SAFETY: 4 activations of token t0 + t inside its row
                    let four = unsafe { ap.add(at).cast::<i32>().read_unaligned() };
                    let av = _mm256_set1_epi32(four);
                    sums[0][t] = _mm256_add_epi16(sums[0][t], _mm256_maddubs_epi16(w0, av));
                    sums[1][t] = _mm256_add_epi16(sums[1][t], _mm256_maddubs_epi16(w1, av));
                }
            }
            // SAFETY: 16 scales per group and block
            let wd = unsafe {
                let at = dp.add((g * nb + b) * GROUP_ROWS);
                [_mm256_loadu_ps(at), _mm256_loadu_ps(at.add(8))]
            };
            for t in 0..T {
                // SAFETY: t0 + t is a token of `a` and b a block of its row
                let (c, da) = unsafe {
                    (
                        *a.block_corr.get_unchecked((t0 + t) * nb + b),
                        *a.d.get_unchecked((t0 + t) * nb + b),
                    )
                };
                let (c, da) = (_mm256_set1_epi32(c), _mm256_set1_ps(da));
                for h in 0..2 {
                    let s = _mm256_add_epi32(_mm256_madd_epi16(sums[h][t], ones), c);
                    let scale = _mm256_mul_ps(wd[h], da);
                    out[h][t] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(s), scale, out[h][t]);
                }
            }
        }
        for h in 0..2 {
            let r0 = g * GROUP_ROWS + h * 8;
            // SAFETY: 8 biases from r0 (r0 + 8 <= rows <= bias.len())
            let bv = unsafe { _mm256_loadu_ps(bias[r0..r0 + 8].as_ptr()) };
            for t in 0..T {
                let at = (t0 + t) * nout + r0;
                let row = &mut y[at..at + 8];
                // SAFETY: `row` holds 8 floats
                unsafe { _mm256_storeu_ps(row.as_mut_ptr(), _mm256_add_ps(out[h][t], bv)) };
            }
        }
    }

    /// # Safety
    /// The CPU must support AVX2 and FMA.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn matmul(w: &QMat, a: &QActs, bias: &[f32], y: &mut [f32]) -> bool {
        if !shapes_fit(w, a, bias, y, 1) {
            return false;
        }
        let tokens = a.q.len() / w.cols;
        each_tile(
            (w.rows, tokens),
            (1, TOKENS, CHUNK),
            // SAFETY: shapes checked above; each_tile passes groups of `w` and tiles
            // whose tokens end at or before `tokens`
            |g, t, whole| unsafe {
                if whole {
                    tile::<TOKENS>(w, a, g, t, bias, y)
                } else {
                    tile::<1>(w, a, g, t, bias, y)
                }
            },
        );
        true
    }
}

pub mod avx512 {
    //! One VNNI dot product adds 64 products: 4 per row of 16.

    use super::{GROUP_ROWS, QActs, QK, QMat, each_tile, shapes_fit};
    use std::arch::x86_64::*;

    /// Groups of 16 rows computed together (their weights are loaded once per token tile).
    const GROUPS: usize = 2;
    /// Tokens computed together (their activations are loaded once per group tile).
    const TOKENS: usize = 4;
    /// See [`each_tile`].
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
        if !shapes_fit(w, a, bias, y, GROUPS) {
            return false;
        }
        let tokens = a.q.len() / w.cols;
        each_tile(
            (w.rows, tokens),
            (GROUPS, TOKENS, CHUNK),
            // SAFETY: shapes checked above; each_tile passes the first of GROUPS groups
            // of `w` and tiles whose tokens end at or before `tokens`
            |g0, t, whole| unsafe {
                if whole {
                    tile::<TOKENS>(w, a, g0, t, bias, y)
                } else {
                    tile::<1>(w, a, g0, t, bias, y)
                }
            },
        );
        true
    }
}
