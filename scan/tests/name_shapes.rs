//! Names read as words, tokens do not: every real environment variable name in
//! `data/real_env_names.txt` passes the guard's name check, and random tokens
//! shaped like names (base32 TOTP seeds, upper-case base64, hex) are refused at
//! a measured rate. Run with `--nocapture` to see the rates.

use secretguard_scan::{check_reference, is_env_name};

/// What the macros accept as a name: `is_env_name` and no finding.
fn accepted_as_name(name: &str) -> bool {
    is_env_name(name) && check_reference(name).is_none()
}

#[test]
fn every_real_name_is_accepted() {
    let list = include_str!("data/real_env_names.txt");
    let names: Vec<&str> = list
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(names.len() >= 500, "{} names", names.len());
    let refused: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| !accepted_as_name(n))
        .collect();
    assert!(refused.is_empty(), "real names refused: {refused:?}");
}

/// xorshift64*: a fixed sequence on every machine, no dependency.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }

    fn token(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }
}

const BASE32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const UPPER_ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const HEX: &[u8] = b"0123456789ABCDEF";
const SAMPLES: usize = 20_000;

/// The share of `SAMPLES` random tokens of `alphabet` and `len` the name check refuses.
fn refused_share(seed: u64, alphabet: &[u8], len: impl Fn(&mut XorShift) -> usize) -> f64 {
    let mut rng = XorShift(seed);
    let refused = (0..SAMPLES)
        .filter(|_| {
            let n = len(&mut rng);
            !accepted_as_name(&rng.token(alphabet, n))
        })
        .count();
    refused as f64 / SAMPLES as f64
}

#[test]
fn random_tokens_are_refused() {
    let cases: [(&str, f64, f64); 5] = [
        (
            "base32, 16 characters (TOTP seeds)",
            refused_share(0x9E37_79B9_7F4A_7C15, BASE32, |_| 16),
            0.99,
        ),
        (
            "base32, 32 characters",
            refused_share(0xD1B5_4A32_D192_ED03, BASE32, |_| 32),
            0.999,
        ),
        (
            "upper case and digits, 16-64 characters",
            refused_share(0x8CB9_2BA7_2F3D_8DD7, UPPER_ALNUM, |r| 16 + r.below(49)),
            0.99,
        ),
        (
            "upper-case hex, 16-64 characters",
            refused_share(0x5851_F42D_4C95_7F2D, HEX, |r| 16 + r.below(49)),
            0.99,
        ),
        (
            "upper-case hex, 16 characters",
            refused_share(0x1405_7B7E_F767_814F, HEX, |_| 16),
            0.99,
        ),
    ];
    for (what, share, _) in &cases {
        println!("{what}: {:.2}% refused", share * 100.0);
    }
    for (what, share, floor) in cases {
        assert!(share >= floor, "{what}: {share} < {floor}");
    }
}

#[test]
fn name_shaped_secrets_from_the_issue() {
    for secret in ["JBSWY3DPEHPK3PXP", "HUNTER2HUNTER2"] {
        assert!(!accepted_as_name(secret), "{secret}");
    }
}
