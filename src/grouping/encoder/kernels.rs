//! Integer matrix products: 4-bit weights (unpacked at load to one unsigned byte each,
//! 0..=15, standing for -8..=7) times activations quantised per 32 values to i8
//! (-127..=127), summed exactly in integers per block and scaled in f32.
//!
//! The weights are kept offset by 8 so that SIMD multiply-adds can take them as the
//! unsigned operand as they are; the offset is taken back per block with the block's
//! activation sum (`sum (u - 8) a = sum u a - 8 sum a`), which stays exact in integers.
//!
//! Three kernels compute the same sums: a portable one and, chosen at run time on x86-64
//! CPUs that have them, AVX2 and AVX-512 VNNI ones ([`super::simd`], std::arch, no C build
//! step).

use super::format::{BLOCK_BYTES, Q4, QK};
use crate::grouping::embed::f16_to_f32;
use crate::grouping::vector::round_to_int;

/// A weight matrix, row-major `[rows][cols]`: values 0..=15 (weight + 8) and one scale per
/// 32 weights.
#[derive(Debug, Clone)]
///
/// The weights are kept in one layout only (the model's weights are most of the program's
/// memory): row-major `u`/`d` for the portable kernel, or packed for the SIMD kernels, which
/// the portable kernel can also read when a SIMD kernel cannot take a shape.
pub struct QMat {
    pub rows: usize,
    pub cols: usize,
    /// row-major weights (0..=15) and block scales; empty when packed
    pub(super) u: Vec<u8>,
    pub(super) d: Vec<f32>,
    /// The weights laid out for the SIMD kernels (empty for the portable one): per group of
    /// 16 rows, per block, per 4 columns, the 4 bytes of each of the 16 rows, so one 64-byte
    /// load holds 16 rows' next 4 weights ([`pack_rows`]; AVX2 reads it as two 32-byte
    /// halves of 8 rows).
    pub(super) packed: Vec<u8>,
    /// The block scales in the same order: per group of 16 rows, per block, 16 scales.
    pub(super) packed_d: Vec<f32>,
}

/// Rows per group in the packed layout: one 32-bit lane each in a 512-bit register (or in
/// two 256-bit ones).
pub const GROUP_ROWS: usize = 16;

/// `u` and `d` (row-major, `cols` a multiple of 32, `rows` of 16) in the packed layout of
/// [`QMat::packed`] and [`QMat::packed_d`].
fn pack_rows(u: &[u8], d: &[f32], rows: usize, cols: usize) -> (Vec<u8>, Vec<f32>) {
    let nb = cols / QK;
    let mut packed = Vec::with_capacity(u.len());
    let mut packed_d = Vec::with_capacity(d.len());
    for g in (0..rows).step_by(GROUP_ROWS) {
        for b in 0..nb {
            for quad in 0..QK / 4 {
                for r in g..g + GROUP_ROWS {
                    let at = r * cols + b * QK + quad * 4;
                    packed.extend_from_slice(&u[at..at + 4]);
                }
            }
            packed_d.extend((g..g + GROUP_ROWS).map(|r| d[r * nb + b]));
        }
    }
    (packed, packed_d)
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
    /// Unpack `m`; `kernel` says which layout extras to keep.
    pub fn from_q4(m: &Q4<'_>, kernel: Kernel) -> QMat {
        let n = m.rows * m.cols;
        let mut u = vec![0u8; n];
        let mut d = Vec::with_capacity(n / QK);
        for (block, out) in m
            .bytes
            .chunks_exact(BLOCK_BYTES)
            .zip(u.chunks_exact_mut(QK))
        {
            d.push(unpack_block(block, out));
        }
        if kernel.packs_rows() && m.rows.is_multiple_of(GROUP_ROWS) {
            let (packed, packed_d) = pack_rows(&u, &d, m.rows, m.cols);
            return QMat {
                rows: m.rows,
                cols: m.cols,
                u: Vec::new(),
                d: Vec::new(),
                packed,
                packed_d,
            };
        }
        QMat {
            rows: m.rows,
            cols: m.cols,
            u,
            d,
            packed: Vec::new(),
            packed_d: Vec::new(),
        }
    }

    /// Row `r`'s weights (0..=15) into `out` and its block scales into `scales`, from
    /// whichever layout the matrix keeps.
    fn row(&self, r: usize, out: &mut [u8], scales: &mut [f32]) {
        let (cols, nb) = (self.cols, self.cols / QK);
        if !self.u.is_empty() {
            out.copy_from_slice(&self.u[r * cols..(r + 1) * cols]);
            scales.copy_from_slice(&self.d[r * nb..(r + 1) * nb]);
            return;
        }
        let (g, rr) = (r / GROUP_ROWS, r % GROUP_ROWS);
        for b in 0..nb {
            let block = (g * nb + b) * QK * GROUP_ROWS;
            for quad in 0..QK / 4 {
                let at = block + quad * 4 * GROUP_ROWS + rr * 4;
                out[b * QK + quad * 4..b * QK + quad * 4 + 4]
                    .copy_from_slice(&self.packed[at..at + 4]);
            }
            scales[b] = self.packed_d[(g * nb + b) * GROUP_ROWS + rr];
        }
    }

    /// The signed weight at row `r`, column `k` (-8..=7), and its block's scale.
    #[cfg(test)]
    pub fn weight(&self, r: usize, k: usize) -> (i8, f32) {
        let mut row = vec![0u8; self.cols];
        let mut scales = vec![0f32; self.cols / QK];
        self.row(r, &mut row, &mut scales);
        (row[k] as i8 - 8, scales[k / QK])
    }
}

/// Activations of some tokens quantised per block of 32: values, scales, and per block the
/// offset correction `-8 x` (sum of values), which the SIMD kernels add to their sums.
#[derive(Debug, Default)]
pub struct QActs {
    pub(super) q: Vec<i8>,
    pub(super) d: Vec<f32>,
    pub(super) block_corr: Vec<i32>,
}

impl QActs {
    /// Quantise `x` (rows of `cols`): scale = max |x| / 127, values rounded half to even.
    /// Inlined so that it runs with the caller's vector width ([`super::forward`]).
    #[inline(always)]
    pub fn quantise(&mut self, x: &[f32], cols: usize) {
        debug_assert_eq!(x.len() % cols, 0);
        self.q.clear();
        self.d.clear();
        self.block_corr.clear();
        self.q.reserve(x.len());
        for block in x.chunks_exact(QK) {
            let mut amax = [0f32; 8];
            for c in block.chunks_exact(8) {
                for (m, v) in amax.iter_mut().zip(c) {
                    *m = m.max(v.abs());
                }
            }
            let amax = amax.iter().fold(0f32, |m, v| m.max(*v));
            let d = amax / 127.0;
            let inv = if d > 0.0 { 1.0 / d } else { 0.0 };
            // -127..=127: every kernel may negate a value, and -128 has no positive twin
            let mut q = [0i8; QK];
            for (o, v) in q.iter_mut().zip(block) {
                *o = round_to_int(v * inv).clamp(-127, 127) as i8;
            }
            self.q.extend_from_slice(&q);
            self.block_corr
                .push(-8 * q.iter().map(|v| i32::from(*v)).sum::<i32>());
            self.d.push(d);
        }
    }
}

fn matmul_plain(w: &QMat, a: &QActs, bias: &[f32], y: &mut [f32]) {
    let (nin, nout) = (w.cols, w.rows);
    let nb = nin / QK;
    let tokens = a.q.len() / nin;
    let (mut wu, mut wd) = (vec![0u8; nin], vec![0f32; nb]);
    for r in 0..nout {
        w.row(r, &mut wu, &mut wd);
        for t in 0..tokens {
            let aq = &a.q[t * nin..(t + 1) * nin];
            let mut acc = 0f32;
            for (b, (wb, ab)) in wu.chunks_exact(QK).zip(aq.chunks_exact(QK)).enumerate() {
                let dot: i32 = wb
                    .iter()
                    .zip(ab)
                    .map(|(x, y)| (i32::from(*x) - 8) * i32::from(*y))
                    .sum();
                acc += wd[b] * a.d[t * nb + b] * dot as f32;
            }
            y[t * nout + r] = acc + bias[r];
        }
    }
}

/// Which kernel this machine runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    Plain,
    #[cfg(target_arch = "x86_64")]
    Avx2,
    #[cfg(target_arch = "x86_64")]
    Avx512,
}

impl Kernel {
    pub fn detect() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            if has!("avx512f") && has!("avx512bw") && has!("avx512vnni") {
                return Kernel::Avx512;
            }
            if has!("avx2") && has!("fma") {
                return Kernel::Avx2;
            }
        }
        Kernel::Plain
    }

    /// Whether this kernel reads the weights in [`QMat`]'s packed layout.
    fn packs_rows(self) -> bool {
        self != Kernel::Plain
    }

    /// The kernels this machine can run, the portable one first (for tests).
    #[cfg(test)]
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_mut))]
    pub fn available() -> Vec<Kernel> {
        let mut all = vec![Kernel::Plain];
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            if has!("avx2") && has!("fma") {
                all.push(Kernel::Avx2);
            }
            if Kernel::detect() == Kernel::Avx512 {
                all.push(Kernel::Avx512);
            }
        }
        all
    }

    /// `y[t][r] = bias[r] + sum_k w[r][k] * a[t][k]`; `y` holds tokens x `w.rows`.
    pub fn matmul(self, w: &QMat, a: &QActs, bias: &[f32], y: &mut Vec<f32>) {
        let tokens = a.q.len() / w.cols;
        // every kernel writes every value: no need to clear the old ones
        y.resize(tokens * w.rows, 0.0);
        let done = match self {
            Kernel::Plain => false,
            // SAFETY: `detect` returns Avx2 only after checking the CPU has AVX2 and FMA.
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => unsafe { super::simd::avx2::matmul(w, a, bias, y) },
            // SAFETY: `detect` returns Avx512 only after checking for AVX-512 F, BW, VNNI.
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512 => unsafe { super::simd::avx512::matmul(w, a, bias, y) },
        };
        if !done {
            matmul_plain(w, a, bias, y)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kernel_gives_the_same_products() {
        // 32 x 64 weights from a simple pattern (two groups of 16 rows), 7 tokens: tiles of
        // several tokens and single ones in both SIMD kernels
        let (rows, cols, tokens) = (32usize, 64usize, 7usize);
        let mut bytes = Vec::new();
        for r in 0..rows {
            for b in 0..cols / QK {
                bytes.extend_from_slice(&(0x3c00u16 + (r * 7 + b) as u16).to_le_bytes());
                bytes.extend((0..16).map(|j| ((r * 3 + j * 5 + b) % 256) as u8));
            }
        }
        let q4 = Q4 {
            rows,
            cols,
            bytes: &bytes,
        };
        let w = QMat::from_q4(&q4, Kernel::detect());
        let x: Vec<f32> = (0..tokens * cols)
            .map(|i| ((i * 37 % 101) as f32 - 50.0) / 7.0)
            .collect();
        let mut a = QActs::default();
        a.quantise(&x, cols);
        let bias: Vec<f32> = (0..rows).map(|r| r as f32 * 0.5).collect();
        let mut plain = vec![0f32; tokens * rows];
        matmul_plain(&w, &a, &bias, &mut plain);
        // the portable kernel reads a packed matrix as it reads a row-major one
        let row_major = QMat::from_q4(&q4, Kernel::Plain);
        let mut from_rows = vec![0f32; tokens * rows];
        matmul_plain(&row_major, &a, &bias, &mut from_rows);
        assert_eq!(plain, from_rows);
        #[cfg(target_arch = "x86_64")]
        if Kernel::detect() != Kernel::Plain {
            assert!(w.u.is_empty() && !w.packed.is_empty(), "one layout kept");
        }
        for kernel in Kernel::available() {
            let mut got = Vec::new();
            kernel.matmul(&w, &a, &bias, &mut got);
            for (p, q) in plain.iter().zip(&got) {
                assert!(
                    (p - q).abs() <= 1e-3 * p.abs().max(1.0),
                    "{kernel:?}: {p} vs {q}"
                );
            }
        }
        // against floats: dequantised weights times the original activations, within the
        // rounding of the activations (half a quantisation step each)
        let wf = |r: usize, k: usize| {
            let (weight, scale) = w.weight(r, k);
            f32::from(weight) * scale
        };
        for t in 0..tokens {
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
    // off x86 the portable kernel is all there is, and the matrices below go unused
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_variables, unused_mut))]
    fn the_machines_kernels_take_the_models_shapes_without_falling_back() {
        for (kernel, (rows, cols)) in Kernel::available()
            .into_iter()
            .flat_map(|k| [(384, 384), (1536, 384), (384, 1536)].map(|shape| (k, shape)))
        {
            let bytes = vec![0x5au8; rows * cols / QK * BLOCK_BYTES];
            let w = QMat::from_q4(
                &Q4 {
                    rows,
                    cols,
                    bytes: &bytes,
                },
                kernel,
            );
            let mut a = QActs::default();
            a.quantise(&vec![0.25; 3 * cols], cols);
            let bias = vec![0.0; rows];
            let mut y = vec![0.0; 3 * rows];
            let ran = match kernel {
                Kernel::Plain => true,
                // SAFETY: `available` checked the CPU features
                #[cfg(target_arch = "x86_64")]
                Kernel::Avx2 => unsafe { super::super::simd::avx2::matmul(&w, &a, &bias, &mut y) },
                // SAFETY: as above
                #[cfg(target_arch = "x86_64")]
                Kernel::Avx512 => unsafe {
                    super::super::simd::avx512::matmul(&w, &a, &bias, &mut y)
                },
            };
            assert!(ran, "{kernel:?} fell back on {rows} x {cols}");
        }
    }
}
