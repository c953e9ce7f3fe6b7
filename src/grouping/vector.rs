//! Float helpers of the encoder's forward pass and the grouping's dot products, written
//! so the loops that use them become vector instructions: sums kept in eight lanes, and no
//! library calls (`exp`, `floor`) or saturating float-to-int casts, which keep a compiler
//! from vectorising a loop. `encoder::forward` compiles them for AVX2 + FMA where the CPU
//! has them.

/// `sum a[i] b[i]` in eight running sums (a single running sum is one long chain of
/// dependent additions, which no compiler may reorder into vector lanes).
#[inline(always)]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// `sum a[i]`, in eight running sums as [`dot`].
#[inline(always)]
pub fn sum(a: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = a.chunks_exact(8);
    let tail: f32 = chunks.remainder().iter().sum();
    for x in chunks {
        for i in 0..8 {
            acc[i] += x[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// `x` rounded half to even, as an integer, for |x| < 2^22 (no float-to-int cast, whose
/// saturation checks keep a loop from vectorising).
#[inline(always)]
pub fn round_to_int(x: f32) -> i32 {
    const MAGIC: f32 = 12_582_912.0;
    (x + MAGIC).to_bits() as i32 - MAGIC.to_bits() as i32
}

/// `e^x` within 3e-7 relative (x below -87 gives about 1e-38, never a denormal or NaN;
/// x above 88 gives e^88): `2^n` times a degree-6 Taylor polynomial of the remainder
/// `|r| <= ln 2 / 2`.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    const MAGIC: f32 = 12_582_912.0;
    const LN2_HI: f32 = 0.693_145_75;
    const LN2_LO: f32 = 1.428_606_8e-6;
    let x = x.clamp(-87.0, 88.0);
    // n = round(x / ln 2), read from the bits of the rounded sum (no float-to-int cast)
    let shifted = x * std::f32::consts::LOG2_E + MAGIC;
    let n = shifted.to_bits() as i32 - MAGIC.to_bits() as i32;
    let nf = shifted - MAGIC;
    let r = x - nf * LN2_HI - nf * LN2_LO;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0))))));
    p * f32::from_bits(((n + 127) << 23) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_within_3e_7_of_the_library_exp() {
        for i in -87_000..=88_000 {
            let x = i as f32 / 1000.0;
            let (got, want) = (f64::from(exp(x)), f64::from(x).exp());
            assert!((got - want).abs() <= 3e-7 * want, "{x}: {got} vs {want}");
        }
        assert!(exp(-1000.0) > 0.0 && exp(-1000.0) < 1e-37);
        assert!(exp(f32::NEG_INFINITY) >= 0.0);
    }

    #[test]
    fn dot_and_sum_add_every_element_whatever_the_length() {
        for n in [0, 1, 7, 8, 9, 32, 37] {
            let a: Vec<f32> = (0..n).map(|i| i as f32 * 0.5 - 3.0).collect();
            let b: Vec<f32> = (0..n).map(|i| 2.0 - i as f32 * 0.25).collect();
            let want: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!(
                (dot(&a, &b) - want).abs() <= 1e-4 * want.abs().max(1.0),
                "{n}"
            );
            assert!((sum(&a) - a.iter().sum::<f32>()).abs() <= 1e-4, "{n}");
        }
    }

    #[test]
    fn round_to_int_rounds_ties_to_even() {
        for (x, n) in [
            (2.5, 2),
            (3.5, 4),
            (-2.5, -2),
            (-126.6, -127),
            (0.49, 0),
            (-0.0, 0),
        ] {
            assert_eq!(round_to_int(x), n, "{x}");
        }
    }
}
