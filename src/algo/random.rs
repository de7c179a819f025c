//! The seeded random numbers of every randomised algorithm and generator: xoshiro256**
//! (Blackman and Vigna), seeded through SplitMix64. Small, fast and the same on every
//! platform, so a seed names one result everywhere.
//!
//! Parallel work stays reproducible on any thread count by giving each fixed piece of work
//! (a chunk of sources, a block of rows) its own stream, `Rng::stream(seed, piece)`, rather
//! than sharing one generator between threads.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};

/// A xoshiro256** generator.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
}

/// SplitMix64's step: turns any 64-bit state (even 0) into a well-mixed word.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed to run with: the caller's, or (`None`) a fresh one from the process's hash
/// randomness, different on every call.
pub fn seed_or_random(seed: Option<u64>) -> u64 {
    seed.unwrap_or_else(|| {
        let mut hasher = RandomState::new().build_hasher();
        hasher.write_u64(0);
        hasher.finish()
    })
}

impl Rng {
    /// The generator of `seed`.
    pub fn new(seed: u64) -> Rng {
        let mut state = seed;
        Rng {
            s: [
                splitmix64(&mut state),
                splitmix64(&mut state),
                splitmix64(&mut state),
                splitmix64(&mut state),
            ],
        }
    }

    /// An independent generator for piece `piece` of a parallel job seeded with `seed`.
    pub fn stream(seed: u64, piece: u64) -> Rng {
        let mut state = seed ^ piece.wrapping_mul(0xD1B5_4A32_D192_ED03);
        Rng::new(splitmix64(&mut state))
    }

    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1), with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `0..n` without bias (Lemire's multiply-and-reject); `n` must be > 0.
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        // The rejection threshold `2^64 mod n` is below `n`, so a low half of at least `n`
        // is accepted without computing it: the division runs about once in 2^64 / n draws.
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }

    /// Shuffles `items` in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// `k` distinct values of `0..n` in random order (`k` at most `n`): a partial
    /// Fisher-Yates shuffle of the range.
    pub fn sample(&mut self, n: usize, k: usize) -> Vec<u32> {
        debug_assert!(k <= n);
        let mut all: Vec<u32> = (0..n as u32).collect();
        for i in 0..k {
            let j = i + self.below((n - i) as u64) as usize;
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_names_one_sequence() {
        let a: Vec<u64> = (0..8)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..8)
            .map({
                let mut r = Rng::new(7);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(Rng::new(7).next_u64(), Rng::new(8).next_u64());
        assert_ne!(Rng::stream(7, 0).next_u64(), Rng::stream(7, 1).next_u64());
    }

    #[test]
    fn below_and_floats_stay_in_range_and_cover_it() {
        let mut r = Rng::new(1);
        let mut seen = [0usize; 6];
        for _ in 0..6000 {
            seen[r.below(6) as usize] += 1;
            let x = r.next_f64();
            assert!((0.0..1.0).contains(&x));
        }
        assert!(seen.iter().all(|&c| (800..1200).contains(&c)), "{seen:?}");
    }

    #[test]
    fn sample_draws_distinct_values() {
        let mut r = Rng::new(3);
        let mut s = r.sample(100, 40);
        assert_eq!(s.len(), 40);
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), 40);
        assert!(s.iter().all(|&v| v < 100));
        let mut all = r.sample(5, 5);
        all.sort_unstable();
        assert_eq!(all, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn unseeded_runs_differ() {
        assert_ne!(seed_or_random(None), seed_or_random(None));
        assert_eq!(seed_or_random(Some(5)), 5);
    }
}
